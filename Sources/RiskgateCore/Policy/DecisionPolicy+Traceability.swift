/// The decision with `require_traceability` applied: an AI commit without a valid link (or,
/// with `require_traceability_level: verified`, without a link that resolves to a record) is
/// raised to flag or block, for every AI commit or only those touching listed categories.
extension DecisionPolicy {
    public func decision(
        for level: RiskLevel, authorship: Authorship, traceability: Traceability, categories: Set<String>
    ) -> Decision {
        let byLevel = decision(for: level)
        guard requireTraceability != .off, authorship.isAI, !traceabilityLevel.isMet(by: traceability.status) else {
            return byLevel
        }
        if !requireTraceabilityFor.isEmpty, categories.isDisjoint(with: requireTraceabilityFor) { return byLevel }
        let raised: Decision = requireTraceability == .block ? .block : .flag
        return max(byLevel, raised)
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
