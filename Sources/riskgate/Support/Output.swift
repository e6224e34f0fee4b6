import RiskgateReporting

#if canImport(Glibc)
    import Glibc
#endif

/// Writes to a file descriptor with `write(2)`, retrying short writes. No Foundation, no
/// shared mutable `stdout` global (Swift 6 strict concurrency).
final class FileDescriptorSink: OutputSink {
    let descriptor: Int32
    private let closeOnDeinit: Bool
    private(set) var failed = false

    init(descriptor: Int32, closeOnDeinit: Bool = false) {
        self.descriptor = descriptor
        self.closeOnDeinit = closeOnDeinit
    }

    /// Opens (creating or truncating) a file for the report.
    static func file(_ path: String) throws(CommandError) -> FileDescriptorSink {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw .input("cannot write the report to \(path): \(String(cString: strerror(errno)))")
        }
        return FileDescriptorSink(descriptor: descriptor, closeOnDeinit: true)
    }

    deinit { if closeOnDeinit { close(descriptor) } }

    func write(_ bytes: [UInt8]) {
        guard !failed else { return }
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
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

enum Console {
    static var standardOutput: FileDescriptorSink { FileDescriptorSink(descriptor: 1) }
    static var standardError: FileDescriptorSink { FileDescriptorSink(descriptor: 2) }

    static func error(_ message: String) {
        standardError.write("riskgate: error: \(message)\n")
    }

    static func warning(_ message: String) {
        standardError.write("riskgate: warning: \(message)\n")
    }

    static var standardOutputIsTerminal: Bool { isatty(1) == 1 }
    static var standardErrorIsTerminal: Bool { isatty(2) == 1 }
}
