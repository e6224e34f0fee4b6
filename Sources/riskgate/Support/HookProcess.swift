#if canImport(Glibc)
    import Glibc
#endif

/// The process-level inputs of a hook, read once at the edge: environment, stdin, clock.
/// The core receives them as plain values.
enum HookProcess {
    /// The environment as a dictionary.
    static func environment() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }

    /// All of standard input (git closes it after the last ref line).
    static func readStandardInput() throws(CommandError) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw .input("cannot read the hook input from stdin: \(String(cString: strerror(errno)))")
            }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Monotonic milliseconds, for the deadline.
    static func monotonicMilliseconds() -> Int {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int(spec.tv_sec) * 1_000 + Int(spec.tv_nsec) / 1_000_000
    }

    /// Seconds since the epoch, for the audit log.
    static func wallClockSeconds() -> Int {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int(spec.tv_sec)
    }
}

/// A stopwatch started when the hook starts.
struct HookClock {
    let start = HookProcess.monotonicMilliseconds()
    func elapsed() -> Int { HookProcess.monotonicMilliseconds() - start }
}
