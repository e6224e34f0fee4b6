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

    /// The baseline is applied inside the analysis, before the score, level and decision: a
    /// policy (here `require_traceability_for: [database]`, whose category comes only from a
    /// finding) decides on what is left, as every front end does.
    @Test(arguments: [
        ("nothing accepted", [String](), 75, RiskLevel.high, Decision.block, 0),
        ("the terraform finding accepted", ["terraform"], 15, RiskLevel.low, Decision.block, 1),
        ("the database finding accepted", ["drop-table"], 60, RiskLevel.high, Decision.flag, 1),
        ("both accepted", ["terraform", "drop-table"], 0, RiskLevel.low, Decision.allow, 2),
    ])
    func hidesAcceptedFindingsBeforeDeciding(
        _ name: String, _ accepted: [String], _ score: Int, _ level: RiskLevel, _ decision: Decision, _ hidden: Int
    ) throws {
        let findings: [(String, String, Int)] = [("terraform", "infrastructure", 60), ("drop-table", "database", 15)]
        let scorer = FixedFindings(findings: findings)
        let policy = DecisionPolicy(
            flagAt: .medium, blockAt: .critical, requireTraceability: .block, requireTraceabilityFor: ["database"])
        let who = Signature(name: "Dev", email: "dev@example.com", time: 1_800_000_000)
        let commit = CommitSnapshot(
            id: ReportCoreFixtures.id(7), parents: [], author: who, committer: who,
            message: CommitMessage("Add the migration\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n"),
            files: [FileChange(path: "app/migrate.py", status: .modified, added: 3, deleted: 0)])
        let plain = CommitAnalyzer(
            authorship: AuthorshipClassifier(), traceability: TraceabilityChecker(), scorer: scorer, policy: policy)
        let fingerprints = plain.analyze(commit).findings.filter { accepted.contains($0.rule) }.map(\.fingerprint)
        var analyzer = plain
        analyzer.baseline = Baseline(fingerprints: Set(fingerprints))
        let shown = analyzer.analyze(commit)
        #expect(shown.findings.map(\.rule).sorted() == findings.map(\.0).filter { !accepted.contains($0) }.sorted(), "\(name)")
        #expect(shown.score == score, "\(name)")
        #expect(shown.level == level, "\(name)")
        #expect(shown.decision == decision, "\(name)")
        #expect(shown.baselined == hidden, "\(name)")
    }

    @Test func writtenBaselineReadsBack() {
        let text = Baseline.render(["b::r", "a:p:r", "b::r"], header: "riskgate baseline\nsecond line")
        #expect(text == "# riskgate baseline\n# second line\na:p:r\nb::r\n")
        #expect(Baseline(parsing: text).fingerprints == ["a:p:r", "b::r"])
    }
}

/// A scorer that returns the same findings for any commit (the rule engine has its own tests).
private struct FixedFindings: RiskScoring {
    var findings: [(rule: String, category: String, points: Int)]

    func assess(_ context: CommitContext) -> RiskAssessment {
        RiskAssessment(
            fileCategories: context.commit.files.map { _ in [] },
            findings: findings.map {
                Finding(rule: $0.rule, category: $0.category, points: $0.points, message: $0.rule, commit: context.commit.id)
            })
    }
}
