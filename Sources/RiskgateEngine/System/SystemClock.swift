#if canImport(Glibc)
    import Glibc
#endif

/// The process's view of time and environment, read at the edge and passed on as values.
public enum SystemClock {
    /// Monotonic milliseconds, for deadlines.
    public static func monotonicMilliseconds() -> Int {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int(spec.tv_sec) * 1_000 + Int(spec.tv_nsec) / 1_000_000
    }

    /// Seconds since the epoch, for the audit log.
    public static func wallClockSeconds() -> Int {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int(spec.tv_sec)
    }
}

/// A stopwatch started when it is made (a hook starts one first thing).
public struct Stopwatch: Sendable {
    let start = SystemClock.monotonicMilliseconds()
    public init() {}
    public func elapsed() -> Int { SystemClock.monotonicMilliseconds() - start }
}

public enum ProcessEnvironment {
    /// The environment as a dictionary.
    public static func current() -> [String: String] {
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

    /// This executable's absolute path (Linux: /proc/self/exe).
    public static func currentExecutable() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
