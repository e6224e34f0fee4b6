import RiskgateCore
import Testing

struct RecommendationsTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var analyses: [CommitAnalysis]
        /// Prefixes of the expected recommendations, in order.
        var expected: [String]
        var description: String { name }
    }

    static let infra = [("terraform", "infrastructure", 60, "Terraform change", "infra/main.tf" as String?)]

    static let cases: [Case] = [
        Case(name: "human low-risk range needs nothing", analyses: [ReportCoreFixtures.analysis(1)], expected: []),
        Case(
            name: "a human change to infrastructure asks for nothing AI-specific",
            analyses: [ReportCoreFixtures.analysis(1, files: [("infra/main.tf", 5, 1)], categories: ["infrastructure"], findings: infra)],
            expected: []),
        Case(
            name: "high-risk AI change to deploy paths without a link",
            analyses: [
                ReportCoreFixtures.analysis(
                    1, kind: .aiAssisted, trace: .missing, files: [("infra/main.tf", 5, 1)], categories: ["infrastructure"],
                    findings: infra)
            ],
            expected: ["Stage the roll-out: 1000000000 is a high-risk AI change to deploy paths (infrastructure)",
                "Ask a second reviewer of infra/main.tf", "Add the missing traceability: 1000000000 has no valid"]),
        Case(
            name: "linked AI change to CI at medium risk: review only",
            analyses: [
                ReportCoreFixtures.analysis(
                    2, kind: .aiAuthored, trace: .linked, files: [(".github/workflows/ci.yml", 3, 1)], categories: ["ci-cd"],
                    findings: [("workflow", "ci-cd", 25, "Workflow change", ".github/workflows/ci.yml")])
            ],
            expected: ["Ask a second reviewer of .github/workflows/ci.yml"]),
        Case(
            name: "owners named by the CODEOWNERS note",
            analyses: [
                ReportCoreFixtures.analysis(
                    3, kind: .aiAssisted, trace: .verified, files: [("infra/db.tf", 3, 1)], categories: ["infrastructure"],
                    findings: [("terraform", "infrastructure", 30,
                        "Terraform [owners: @acme/infra ops@example.com from CODEOWNERS:2 `infra/`; ask them to review]",
                        "infra/db.tf")])
            ],
            expected: ["Ask @acme/infra ops@example.com (CODEOWNERS of infra/db.tf) to review 3000000000"]),
        Case(
            name: "oversized AI change, malformed link",
            analyses: [ReportCoreFixtures.analysis(4, kind: .aiAuthored, trace: .malformed, files: [("src/big.swift", 900, 10)])],
            expected: ["Split the change: 4000000000 is an oversized AI change (1 files, 910 lines)",
                "Add the missing traceability: 4000000000 has a malformed AI-Session link"]),
        Case(
            name: "many untraced commits name the riskiest three",
            analyses: (10..<16).map { number in
                ReportCoreFixtures.analysis(
                    number, kind: .aiAssisted, trace: .missing,
                    findings: [("x", "change-size", number, "size", nil)])
            },
            expected: ["Add the missing traceability: 6 commits (f000000000, e000000000, d000000000 and 3 more) have no valid"]),
    ]

    @Test(arguments: cases)
    func recommends(_ testCase: Case) {
        var recommendations = Recommendations()
        for analysis in testCase.analyses { recommendations.add(analysis) }
        let actual = recommendations.recommendations()
        #expect(actual.count == testCase.expected.count, "\(actual)")
        for (line, prefix) in zip(actual, testCase.expected) {
            #expect(line.hasPrefix(prefix), "\(line)")
        }
    }

    @Test func sameCommitsSameWordsInAnyBatch() {
        let analyses = Self.cases.flatMap(\.analyses)
        var first = Recommendations()
        var second = Recommendations()
        for analysis in analyses { first.add(analysis) }
        for analysis in analyses { second.add(analysis) }
        #expect(first.recommendations() == second.recommendations())
    }

    @Test func nextStepsShowTheAmendCommand() {
        let steps = Recommendations.nextSteps(
            for: ReportCoreFixtures.analysis(1, kind: .aiAssisted, trace: .missing))
        #expect(steps == ["link the session: `git commit --amend --trailer \"AI-Session: <url>\"`"])
        #expect(Recommendations.nextSteps(for: ReportCoreFixtures.analysis(1)).isEmpty)
    }

    @Test(arguments: [
        ("Terraform [owners: @a @org/team x@example.com from CODEOWNERS:1 `*`; ask them]", ["@a", "@org/team", "x@example.com"]),
        ("ask @platform-team, or @sre.", ["@platform-team", "@sre"]),
        ("email me at someone@example.com", []),
        ("a lone @ sign", []),
    ])
    func ownersInFindingMessages(_ message: String, _ expected: [String]) {
        let finding = Finding(rule: "r", category: "c", points: 1, message: message, commit: nil)
        #expect(Recommendations.owners(in: [finding]).sorted() == expected.sorted())
    }
}
