/// The decision with `require_traceability` applied: an AI commit without a valid link is
/// raised to flag or block, for every AI commit or only those touching listed categories.
extension DecisionPolicy {
    public func decision(
        for level: RiskLevel, authorship: Authorship, traceability: Traceability, categories: Set<String>
    ) -> Decision {
        let byLevel = decision(for: level)
        guard requireTraceability != .off, authorship.isAI,
            traceability.status == .missing || traceability.status == .malformed
        else { return byLevel }
        if !requireTraceabilityFor.isEmpty, categories.isDisjoint(with: requireTraceabilityFor) { return byLevel }
        let raised: Decision = requireTraceability == .block ? .block : .flag
        return max(byLevel, raised)
    }
}
