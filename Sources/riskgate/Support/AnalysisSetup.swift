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

    /// The whole pipeline of the reading commands (`report`, `explain`, `suspects`) on one
    /// repository handle: provenance records, the rule engine with `ref`'s policy, and history
    /// findings when an index exists. Build one per thread (the git-backed parts keep libgit2
    /// objects and caches that are not shared across threads), sharing one `pathCache`.
    static func readingAnalyzer(
        repository: Repository, configuration: RiskgateConfiguration, rules: RuleSet, ref: String?,
        pathCache: PathMatchCache? = nil
    ) -> (analyzer: CommitAnalyzer, hasHistory: Bool) {
        var analyzer = BlastRadiusSetup.configure(
            analyzer(repository: repository, traceability: configuration.traceability),
            configuration: configuration, rules: rules, repository: repository, ref: ref, pathCache: pathCache)
        // History findings only from an index built with `riskgate history build`; without
        // one they are unavailable (not in capabilities), never guessed.
        let hasHistory = HistorySetup.attach(
            to: &analyzer, repository: repository, rules: HistoryRules(ruleSet: rules),
            configuration: configuration.history)
        return (analyzer, hasHistory)
    }
}
