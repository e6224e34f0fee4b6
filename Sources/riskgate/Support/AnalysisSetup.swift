import RiskgateCore

/// Builds the analysis pipeline from what this build can do.
enum AnalysisSetup {
    /// Stages that run for real; the report names the rest as placeholders.
    static let capabilities = ["diff", "trailers", "rules"]

    static func analyzer() -> CommitAnalyzer {
        CommitAnalyzer(authorship: NoAuthorshipDetection(), traceability: NoTraceabilityCheck(), scorer: NoRiskScoring())
    }
}
