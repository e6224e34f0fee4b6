import Testing

@testable import RiskgateCore

/// Issue #16, part 8: `require_traceability_level: verified` counts only links that resolve.
struct TraceabilityLevelTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var level: TraceabilityLevel
        var status: Traceability.Status
        var decision: Decision
        var testDescription: String { "\(level.rawValue) / \(status.rawValue)" }
    }

    @Test(arguments: [
        Case(level: .linked, status: .linked, decision: .allow),
        Case(level: .linked, status: .verified, decision: .allow),
        Case(level: .linked, status: .missing, decision: .block),
        Case(level: .linked, status: .malformed, decision: .block),
        Case(level: .verified, status: .linked, decision: .block),
        Case(level: .verified, status: .verified, decision: .allow),
        Case(level: .verified, status: .missing, decision: .block),
    ])
    func decides(_ example: Case) {
        let policy = DecisionPolicy(flagAt: .high, blockAt: nil, requireTraceability: .block, traceabilityLevel: example.level)
        var traceability = Traceability.notRequired
        traceability.status = example.status
        let decision = policy.decision(
            for: .low, authorship: ScoringFixtures.claude, traceability: traceability, categories: [])
        #expect(decision == example.decision)
    }

    @Test func humansAreNeverHeldToIt() {
        let policy = DecisionPolicy(flagAt: .high, blockAt: nil, requireTraceability: .block, traceabilityLevel: .verified)
        #expect(policy.decision(for: .low, authorship: .unmarkedHuman, traceability: .notRequired, categories: []) == .allow)
    }
}
