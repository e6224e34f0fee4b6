import RiskgateCore
import Testing

struct BaselineTests {
    @Test(arguments: [
        ("plain list", "# accepted\n\naaa:infra/main.tf:terraform\r\nbbb::ai-untraced\n  ccc:x:y:3  \n", ["aaa:infra/main.tf:terraform", "bbb::ai-untraced", "ccc:x:y:3"]),
        ("riskgate JSON report",
         #"{"commits":[{"findings":[{"fingerprint":"aaa:p:r","line":null},{"fingerprint" : "b\"q:p\\x:r"}]}],"summary":{"findings":[{"fingerprint":"range::force-push"}]}}"#,
         ["aaa:p:r", "b\"q:p\\x:r", "range::force-push"]),
        ("JSON with a unicode escape", #"[{"fingerprint":"a\u00e9:p:r"}]"#, ["aé:p:r"]),
        ("a key named fingerprint as a value is not a fingerprint", #"{"rule":"fingerprint","x":"y"}"#, []),
        ("empty file", "", []),
    ])
    func parses(_ name: String, _ text: String, _ expected: [String]) {
        #expect(Baseline(parsing: text).fingerprints == Set(expected), "\(name)")
    }

    @Test func hidesAcceptedFindingsAndRescores() throws {
        let analysis = ReportCoreFixtures.analysis(
            7, kind: .aiAssisted, trace: .missing,
            findings: [("terraform", "infrastructure", 60, "tf", "infra/main.tf"), ("untraced", "traceability", 15, "no link", nil)])
        #expect(analysis.level == .high)
        let accepted = try #require(analysis.findings.first { $0.rule == "terraform" })
        let baseline = Baseline(fingerprints: [accepted.fingerprint])
        let (shown, hidden) = baseline.apply(to: analysis) { DecisionPolicy.standard.decision(for: $0.level) }
        #expect(hidden == 1)
        #expect(shown.findings.map(\.rule) == ["untraced"])
        #expect(shown.score == 15)
        #expect(shown.level == .low)
        #expect(shown.decision == .allow)
        let untouched = Baseline().apply(to: analysis) { _ in .block }
        #expect(untouched.analysis == analysis && untouched.hidden == 0)
    }

    @Test func writtenBaselineReadsBack() {
        let text = Baseline.render(["b::r", "a:p:r", "b::r"], header: "riskgate baseline\nsecond line")
        #expect(text == "# riskgate baseline\n# second line\na:p:r\nb::r\n")
        #expect(Baseline(parsing: text).fingerprints == ["a:p:r", "b::r"])
    }
}
