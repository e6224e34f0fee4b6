import RiskgateCore
import RiskgateReporting

/// Maps `--format` to a reporter: one exhaustive switch, so a new format cannot be forgotten.
enum ReporterFactory {
    static func make(_ format: OutputFormat, sink: any OutputSink, color: Bool = false) -> any Reporter {
        switch format {
        case .json: JSONReporter(sink: sink)
        case .text: TextReporter(sink: sink, style: TerminalStyle(enabled: color))
        case .markdown: MarkdownReporter(sink: sink)
        case .sarif: SARIFReporter(sink: sink)
        case .codequality: CodeQualityReporter(sink: sink)
        }
    }
}
