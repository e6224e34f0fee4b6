import RiskgateCore
import RiskgateGit

/// What the history index can give this run: opened read-only, never built, updated or walked.
public enum HistoryAvailability: Sendable {
    /// `history: {enabled: false}` in the configuration.
    case disabled
    case missing
    case unusable(String)
    case available(HistoryIndexSnapshot)

    public init(repository: Repository, configuration: HistoryConfiguration) {
        guard configuration.enabled else {
            self = .disabled
            return
        }
        switch HistoryIndexStore(repository: repository).open() {
        case .missing: self = .missing
        case .corrupt(let reason): self = .unusable(reason)
        case .loaded(let snapshot): self = .available(snapshot)
        }
    }

    public var isAvailable: Bool {
        if case .available = self { return true }
        return false
    }

    /// One line for a hook's or a report's reader.
    public var summary: String {
        switch self {
        case .disabled: "history findings are disabled by the configuration"
        case .missing: "history findings are unavailable: no history index (run `riskgate history build`)"
        case .unusable(let reason):
            "history findings are unavailable: the history index is unusable (\(reason)); `riskgate history build` rebuilds it"
        case .available(let snapshot): "history index: \(snapshot.count) commits"
        }
    }
}
