#if canImport(Glibc)
    import Glibc
#endif

/// A one-line progress counter on stderr for long runs: shown only when stderr is a terminal,
/// and only once a run has gone past `afterCommits` commits or `afterSeconds` seconds, so short
/// runs, pipes, files and CI logs never see it. The line is erased when the run ends.
struct ProgressMeter {
    private let enabled: Bool
    private let afterCommits: Int
    private let afterNanoseconds: UInt64
    private let start: UInt64
    private var lastDraw: UInt64 = 0
    private var drawn = false
    private let noun: String

    init(enabled: Bool, noun: String = "commits analysed", afterCommits: Int = 300, afterSeconds: Double = 1) {
        self.enabled = enabled
        self.noun = noun
        self.afterCommits = afterCommits
        afterNanoseconds = UInt64(afterSeconds * 1_000_000_000)
        start = Self.now()
    }

    /// For commands run by a person: stderr is a terminal and `--quiet` was not given.
    static func forTerminal(quiet: Bool) -> ProgressMeter {
        ProgressMeter(enabled: !quiet && isatty(2) == 1)
    }

    mutating func tick(_ count: Int) {
        guard enabled, count % 16 == 0 else { return }
        let now = Self.now()
        let elapsed = now - start
        guard count >= afterCommits || elapsed >= afterNanoseconds else { return }
        guard !drawn || now - lastDraw >= 100_000_000 else { return }
        lastDraw = now
        drawn = true
        Console.standardError.write("\rriskgate: \(count) \(noun)…\u{1B}[K")
    }

    /// Erases the line, so the report starts on a clean terminal.
    mutating func finish() {
        guard drawn else { return }
        Console.standardError.write("\r\u{1B}[K")
        drawn = false
    }

    private static func now() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }
}
