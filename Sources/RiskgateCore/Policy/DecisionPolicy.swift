/// Decides allow, flag or block for one commit under one ref's policy. The only place a
/// decision is computed: `report`, `explain`, `suspects` and every hook call it, so a reviewer
/// and a hook never disagree about the same commit under the same policy.
public struct DecisionPolicy: Hashable, Sendable {
    /// The lowest level that flags; nil never flags.
    public var flagAt: RiskLevel?
    /// The lowest level that blocks; nil never blocks.
    public var blockAt: RiskLevel?
    /// What an AI commit without a valid prompt link does (`require_traceability`).
    public var requireTraceability: TraceabilityRequirement
    /// Only AI commits touching these categories (of a path or of a finding) are held to it;
    /// empty: every AI commit.
    public var requireTraceabilityFor: Set<String>
    /// What counts as traced (`require_traceability_level`): any valid link, or only a
    /// verified one.
    public var traceabilityLevel: TraceabilityLevel

    public init(
        flagAt: RiskLevel?, blockAt: RiskLevel?, requireTraceability: TraceabilityRequirement = .off,
        requireTraceabilityFor: Set<String> = [], traceabilityLevel: TraceabilityLevel = .linked
    ) {
        self.flagAt = flagAt
        self.blockAt = blockAt
        self.requireTraceability = requireTraceability
        self.requireTraceabilityFor = requireTraceabilityFor
        self.traceabilityLevel = traceabilityLevel
    }

    /// Without configuration riskgate flags from `high` and never blocks: no surprises.
    public static let standard = DecisionPolicy(flagAt: .high, blockAt: nil)

    /// Whether this policy can block a commit (a `block` level or `require_traceability: block`):
    /// where it can, failures and deadlines fail closed by default.
    public var canBlock: Bool { blockAt != nil || requireTraceability == .block }

    /// The decision from a level alone.
    public func decision(for level: RiskLevel) -> Decision {
        if let blockAt, level >= blockAt { return .block }
        if let flagAt, level >= flagAt { return .flag }
        return .allow
    }

    /// The decision for an analysed commit: its level, raised by `require_traceability` for an
    /// AI commit without a valid link (for every AI commit, or only those whose paths or
    /// findings fall in `require_traceability_for`).
    public func decision(for analysis: CommitAnalysis) -> Decision {
        max(decision(for: analysis.level), traceabilityDecision(for: analysis))
    }

    /// What `require_traceability` alone asks of this commit (allow when it does not apply).
    /// A low-confidence AI signal is reported but never triggers it (SPEC §3.1).
    public func traceabilityDecision(for analysis: CommitAnalysis) -> Decision {
        guard requireTraceability != .off, analysis.authorship.isAI, analysis.authorship.confidence >= .medium,
            !traceabilityLevel.isMet(by: analysis.traceability.status)
        else { return .allow }
        if !requireTraceabilityFor.isEmpty, analysis.categories.isDisjoint(with: requireTraceabilityFor) { return .allow }
        return requireTraceability == .block ? .block : .flag
    }

    /// Every policy key behind the decision, one line each, so a person reading a block can
    /// say which rule or key caused it (empty for an allowed commit).
    public func reasons(for analysis: CommitAnalysis) -> [DecisionReason] {
        var reasons: [DecisionReason] = []
        let byLevel = decision(for: analysis.level)
        if byLevel > .allow {
            let key = byLevel == .block ? "block" : "flag"
            let threshold = (byLevel == .block ? blockAt : flagAt)?.rawValue ?? "never"
            let top = analysis.findings.prefix(3).map(\.rule).joined(separator: ", ")
            reasons.append(
                DecisionReason(
                    key: key, decision: byLevel,
                    text: "score \(analysis.score) is \(analysis.level.rawValue), at or above '\(key): \(threshold)'"
                        + (top.isEmpty ? "" : " (rules \(top))")))
        }
        let traced = traceabilityDecision(for: analysis)
        if traced > .allow {
            let who = analysis.authorship.kind.rawValue + (analysis.authorship.tool.map { " (\($0))" } ?? "")
            let scope = requireTraceabilityFor.isEmpty
                ? "" : " touching \(analysis.categories.intersection(requireTraceabilityFor).sorted().joined(separator: ", "))"
            let link =
                switch analysis.traceability.status {
                case .malformed: "a malformed link"
                case .linked: "a link that resolves to no record (require_traceability_level: verified)"
                default: "no link to its prompt or session"
                }
            reasons.append(
                DecisionReason(
                    key: "require_traceability", decision: traced,
                    text: "require_traceability: \(requireTraceability.rawValue): \(who) commit\(scope) has \(link)"))
        }
        return reasons
    }
}

/// One rule or policy key behind a decision.
public struct DecisionReason: Hashable, Sendable {
    /// The policy key or rule (`block`, `require_traceability`, `force_push`, `freeze`, ...).
    public var key: String
    public var decision: Decision
    public var text: String

    public init(key: String, decision: Decision, text: String) {
        self.key = key
        self.decision = decision
        self.text = text
    }
}

/// `require_traceability_level`: what counts as traced. `linked` (the default) accepts any
/// valid link, which anyone can type (`AI-Session: x`); `verified` accepts only a link that
/// resolves to a record: a git note (git-ai log, riskgate prompt record) or a prompt-record file.
public enum TraceabilityLevel: String, Hashable, Sendable, CaseIterable {
    case linked, verified

    public func isMet(by status: Traceability.Status) -> Bool {
        switch self {
        case .linked: status == .linked || status == .verified || status == .notRequired
        case .verified: status == .verified || status == .notRequired
        }
    }
}
