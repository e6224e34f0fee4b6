import RiskgateCore
import RiskgateGit
import RiskgateRulePacks

/// Wires history findings into an analyzer: wraps its scorer when an index exists.
enum HistorySetup {
    /// What a command can say about history for this run.
    enum Availability {
        /// `history: {enabled: false}` in the configuration.
        case disabled
        case missing
        case unusable(String)
        case available(HistoryIndexSnapshot)

        /// One line for a hook's or a report's reader.
        var summary: String {
            switch self {
            case .disabled: "history findings are disabled by the configuration"
            case .missing: "history findings are unavailable: no history index (run `riskgate history build`)"
            case .unusable(let reason):
                "history findings are unavailable: the history index is unusable (\(reason)); `riskgate history build` rebuilds it"
            case .available(let snapshot): "history index: \(snapshot.count) commits"
            }
        }
    }

    /// The `history:` configuration for `history build|status`: `--config`, else `.riskgate.yml`
    /// at the work tree's root, else (a bare server repository) `git config riskgate.config`.
    /// The whole file is validated, as every command does.
    static func configuration(option: String?, repository: Repository) throws(CommandError) -> HistoryConfiguration {
        let path = BlastRadiusSetup.configurationPath(option: option, repository: repository)
            ?? (repository.workDirectory == nil ? repository.configString("riskgate.config").flatMap { $0.isEmpty ? nil : $0 } : nil)
        do {
            return try RuleSetLoader.load(configurationFile: path).0.history
        } catch {
            throw .configuration(error.description)
        }
    }

    /// Opens the index (read-only: never builds, updates or walks history).
    static func availability(repository: Repository, configuration: HistoryConfiguration) -> Availability {
        guard configuration.enabled else { return .disabled }
        switch HistoryIndexStore(repository: repository).open() {
        case .missing: return .missing
        case .corrupt(let reason): return .unusable(reason)
        case .loaded(let snapshot): return .available(snapshot)
        }
    }

    /// Adds `revert-hotspot`, `fix-hotspot` and `high-churn` findings from the repository's
    /// history index. Returns false, changing nothing, when history is disabled or there is no
    /// usable index: history findings are then unavailable (the report's capabilities omit
    /// `history`), never guessed.
    @discardableResult
    static func attach(
        to analyzer: inout CommitAnalyzer, repository: Repository, rules: HistoryRules = .standard,
        configuration: HistoryConfiguration = .standard
    ) -> Bool {
        attach(to: &analyzer, availability(repository: repository, configuration: configuration), rules: rules,
            settings: configuration.settings)
    }

    @discardableResult
    static func attach(
        to analyzer: inout CommitAnalyzer, _ availability: Availability, rules: HistoryRules, settings: HistorySettings
    ) -> Bool {
        guard case .available(let snapshot) = availability else { return false }
        analyzer.scorer = HistoryAwareScoring(
            base: analyzer.scorer, history: HistoryFindings(history: snapshot.model, settings: settings, rules: rules))
        return true
    }
}
