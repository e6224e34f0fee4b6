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
        let decision = policy.decision(for: Self.analysis(ScoringFixtures.claude, traceability))
        #expect(decision == example.decision)
    }

    @Test func humansAreNeverHeldToIt() {
        let policy = DecisionPolicy(flagAt: .high, blockAt: nil, requireTraceability: .block, traceabilityLevel: .verified)
        #expect(policy.decision(for: Self.analysis(.unmarkedHuman, .notRequired)) == .allow)
    }

    /// A commit at level low with no findings, as the policy sees it.
    static func analysis(_ authorship: Authorship, _ traceability: Traceability) -> CommitAnalysis {
        let who = Signature(name: "Dev", email: "dev@example.com", time: 1_800_000_000)
        let commit = CommitSnapshot(
            id: ObjectID(high: 1, middle: 2, low: 3), parents: [], author: who, committer: who,
            message: CommitMessage("Change\n"), files: [])
        return CommitAnalysis(
            commit: commit, trailers: [], authorship: authorship, traceability: traceability, fileCategories: [],
            findings: [], score: 0, level: .low, decision: .allow)
    }
}
