import RiskgateCore

#if canImport(Glibc)
    import Glibc
#endif

/// Whole-file reads, the one place the engine and the CLI read a file into memory.
public enum TextFile {
    /// The file's bytes, or why not (`what` names the file for the reader: "baseline", "commit message").
    public static func bytes(_ path: String, what: String) throws(EngineError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .input("cannot read the \(what) \(path): \(errorText())") }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .input("cannot read the \(what) \(path): \(errorText())")
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    /// The file as text (UTF-8, else Latin-1 as git shows it), or why not.
    public static func text(_ path: String, what: String) throws(EngineError) -> String {
        LenientText.decode(try bytes(path, what: what))
    }

    /// The file's bytes, nil when it cannot be read (an optional file such as an existing hook).
    public static func bytesIfReadable(_ path: String) -> [UInt8]? {
        try? bytes(path, what: "")
    }

    public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    static func errorText() -> String { String(cString: strerror(errno)) }
}
