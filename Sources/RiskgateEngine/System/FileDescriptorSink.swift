import RiskgateReporting

#if canImport(Glibc)
    import Glibc
#endif

/// Writes to a file descriptor with `write(2)`, retrying short writes. No Foundation, no
/// shared mutable `stdout` global (Swift 6 strict concurrency).
public final class FileDescriptorSink: OutputSink {
    public let descriptor: Int32
    private let closeOnDeinit: Bool
    public private(set) var failed = false

    public init(descriptor: Int32, closeOnDeinit: Bool = false) {
        self.descriptor = descriptor
        self.closeOnDeinit = closeOnDeinit
    }

    /// Opens (creating or truncating) a file for a report; `what` names it in the error.
    public static func file(_ path: String, what: String = "the report", mode: mode_t = 0o644) throws(EngineError)
        -> FileDescriptorSink
    {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            throw .input("cannot write \(what) to \(path): \(String(cString: strerror(errno)))")
        }
        return FileDescriptorSink(descriptor: descriptor, closeOnDeinit: true)
    }

    deinit { if closeOnDeinit { close(descriptor) } }

    public func write(_ bytes: [UInt8]) {
        guard !failed, !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failed = true
                    return
                }
                offset += written
            }
        }
    }
}
