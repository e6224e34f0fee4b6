import ArgumentParser
import RiskgateEngine

#if canImport(Glibc)
    import Glibc
#endif

/// `--format`: the engine's report formats.
typealias OutputFormat = ReportFormat

extension ReportFormat: ExpressibleByArgument {}

/// `--color`: `auto` colours only a terminal, and `NO_COLOR` turns auto off (no-color.org).
enum ColorMode: String, CaseIterable, ExpressibleByArgument {
    case auto, always, never

    /// Whether to write escape codes. An explicit `always` beats `NO_COLOR`, as no-color.org
    /// asks of command-line flags.
    func enabled(isTerminal: Bool, environment: (String) -> String?) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            if let noColor = environment("NO_COLOR"), !noColor.isEmpty { return false }
            if environment("TERM") == "dumb" { return false }
            return isTerminal
        }
    }
}

struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: text (default), json, markdown, sarif or codequality.")
    var format: OutputFormat?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to <file> instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: "Colour: auto (on a terminal unless NO_COLOR is set), always or never.")
    var color: ColorMode = .auto

    @Flag(name: .shortAndLong, help: "Print nothing but errors (the exit code still tells the decision).")
    var quiet = false

    @Option(
        help: ArgumentHelp(
            "Hide findings accepted in <file>: a riskgate JSON report or one fingerprint per line.", valueName: "file"))
    var baseline: String?

    @Option(
        help: ArgumentHelp(
            "Write the fingerprints of this report's findings (plus --baseline's) to <file>.", valueName: "file"))
    var writeBaseline: String?

    /// Text unless a format is named; JSON and the CI formats are always asked for explicitly.
    var resolvedFormat: OutputFormat { format ?? .text }

    /// Colour for the report itself: only when it goes to a terminal (or is forced).
    var colorForReport: Bool {
        color.enabled(isTerminal: output == nil && isatty(1) == 1) { name in
            getenv(name).map { String(cString: $0) }
        }
    }
}
