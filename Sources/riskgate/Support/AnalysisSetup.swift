import RiskgateCore
import RiskgateGit

/// Builds the analysis pipeline from what this build can do.
enum AnalysisSetup {
    /// Stages that run for real; the report names the rest as placeholders.
    static let capabilities = ["diff", "trailers", "rules", "authorship", "traceability"]

    /// The pipeline without repository records: traceability links can be `linked`, not `verified`.
    static func analyzer() -> CommitAnalyzer {
        CommitAnalyzer(authorship: AuthorshipClassifier(), traceability: TraceabilityChecker(), scorer: NoRiskScoring())
    }

    /// The pipeline with the repository's notes refs and prompt-record files, so links verify.
    static func analyzer(repository: Repository, traceability settings: TraceabilitySettings = TraceabilitySettings())
        -> CommitAnalyzer
    {
        let records = GitProvenanceRecords(repository: repository)
        var analyzer = analyzer()
        analyzer.authorship = AuthorshipClassifier(records: records, notesRefs: settings.notesRefs)
        analyzer.traceability = TraceabilityChecker(settings: settings, records: records)
        return analyzer
    }
}
