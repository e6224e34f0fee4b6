import RiskgateCore
import RiskgateReporting

/// Maps `--format` to a reporter: one exhaustive switch, so a new format cannot be forgotten.
enum ReporterFactory {
    static func make(_ format: OutputFormat, sink: any OutputSink) -> any Reporter {
        switch format {
        case .json: JSONReporter(sink: sink)
        case .text: TextReporter(sink: sink)
        }
    }
}
