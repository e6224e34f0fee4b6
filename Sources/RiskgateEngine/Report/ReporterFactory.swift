import RiskgateCore
import RiskgateReporting

/// Report formats. Each maps to exactly one reporter.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text, json, markdown, sarif, codequality
}

/// Maps a format to a reporter: one exhaustive switch, so a new format cannot be forgotten.
public enum ReporterFactory {
    public static func make(_ format: ReportFormat, sink: any OutputSink, color: Bool = false) -> any Reporter {
        switch format {
        case .json: JSONReporter(sink: sink)
        case .text: TextReporter(sink: sink, style: TerminalStyle(enabled: color))
        case .markdown: MarkdownReporter(sink: sink)
        case .sarif: SARIFReporter(sink: sink)
        case .codequality: CodeQualityReporter(sink: sink)
        }
    }
}
