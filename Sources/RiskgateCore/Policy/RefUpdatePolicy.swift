/// What a `policy:` entry says about a ref update as a whole, beyond each commit's decision:
/// rewriting or deleting the ref, AI volume in one update, freeze windows, and whether the
/// entry enforces or only evaluates (SPEC §5).
public struct RefUpdatePolicy: Hashable, Sendable {
    /// `enforce` blocks; `evaluate` judges, tells the pusher and audits "would block", and
    /// accepts: how an admin rolls riskgate out to a team without breaking anyone.
    public enum Mode: String, Hashable, Sendable, CaseIterable {
        case enforce, evaluate
    }

    /// `force_push`: a non-fast-forward update. Default allow: no surprises.
    public var forcePush: Decision
    /// `deletion`: the ref deleted. Default allow.
    public var deletion: Decision
    /// `max_ai_lines`: one update adding more lines from AI commits than this is blocked.
    public var maxAILines: Int?
    /// `freeze`: windows in which every update of the ref is blocked.
    public var freezes: [FreezeWindow]
    public var mode: Mode

    public init(
        forcePush: Decision = .allow, deletion: Decision = .allow, maxAILines: Int? = nil, freezes: [FreezeWindow] = [],
        mode: Mode = .enforce
    ) {
        self.forcePush = forcePush
        self.deletion = deletion
        self.maxAILines = maxAILines
        self.freezes = freezes
        self.mode = mode
    }

    public static let standard = RefUpdatePolicy()

    /// The window in force at `time`, if any.
    public func freeze(at time: Int64) -> FreezeWindow? {
        freezes.first { $0.contains(time) }
    }
}

/// A change freeze: `[from, until)` in seconds since the epoch, with the reason a pusher reads.
public struct FreezeWindow: Hashable, Sendable {
    public var from: Int64
    public var until: Int64
    public var reason: String

    public init(from: Int64, until: Int64, reason: String) {
        self.from = from
        self.until = until
        self.reason = reason
    }

    public func contains(_ time: Int64) -> Bool { from <= time && time < until }

    /// `2026-12-20T00:00:00Z` or with an offset (RFC 3339; seconds optional, as git writes
    /// them); nil for anything else, including a date without a time or an offset.
    public static func parseTime(_ text: String) -> Int64? {
        let trimmed = String(text.trimmingWhitespace())
        let lower = trimmed.lowercased()
        guard lower.count >= 17, lower.contains("t"),
            lower.hasSuffix("z") || lower.dropFirst(16).contains("+") || lower.dropFirst(16).contains("-")
        else { return nil }
        return try? DateExpression.parse(trimmed, now: 0)
    }
}

extension DecisionPolicy {
    /// Whether this policy judges every commit at least as strictly as `other`: it blocks and
    /// flags at the same level or lower, asks traceability at least as firmly and of at least
    /// the same categories. A commit already on such a ref needs no second look under `other`.
    public func isAtLeastAsStrict(as other: DecisionPolicy) -> Bool {
        func atOrBelow(_ mine: RiskLevel?, _ theirs: RiskLevel?) -> Bool {
            guard let theirs else { return true }
            guard let mine else { return false }
            return mine <= theirs
        }
        func rank(_ requirement: TraceabilityRequirement) -> Int {
            switch requirement {
            case .off: 0
            case .flag: 1
            case .block: 2
            }
        }
        guard atOrBelow(blockAt, other.blockAt), atOrBelow(flagAt, other.flagAt),
            rank(requireTraceability) >= rank(other.requireTraceability),
            traceabilityLevel == .verified || other.traceabilityLevel == .linked || other.requireTraceability == .off
        else { return false }
        if other.requireTraceability == .off || requireTraceabilityFor.isEmpty { return true }
        return !other.requireTraceabilityFor.isEmpty && requireTraceabilityFor.isSuperset(of: other.requireTraceabilityFor)
    }
}
