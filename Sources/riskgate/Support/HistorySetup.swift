import RiskgateCore
import RiskgateGit

/// Wires history findings into an analyzer: wraps its scorer when an index exists.
enum HistorySetup {
    /// Adds `revert-hotspot`, `fix-hotspot` and `high-churn` findings from the repository's
    /// history index. Returns false, changing nothing, when there is no usable index: history
    /// findings are then unavailable (the report's capabilities omit `history`), never guessed.
    static func attach(
        to analyzer: inout CommitAnalyzer, repository: Repository, rules: HistoryRules = .standard,
        settings: HistorySettings = .standard
    ) -> Bool {
        guard case .loaded(let index) = HistoryIndexStore(repository: repository).load() else { return false }
        let model = HistoryModel(records: index.records, settings: settings)
        analyzer.scorer = HistoryAwareScoring(base: analyzer.scorer, history: HistoryFindings(model: model, rules: rules))
        return true
    }
}
