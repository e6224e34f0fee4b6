import RiskgateCore
import Testing

/// The just-in-time metrics and the findings they give, over changes shaped like real ones.
struct ChangeMetricsTests {
    static let id = ObjectID(hex: String(repeating: "ab", count: 20))!

    static func commit(_ files: [(String, ChangeStatus, Int, Int)]) -> CommitSnapshot {
        let who = Signature(name: "Dev", email: "dev@example.com", time: 1_800_000_000)
        return CommitSnapshot(
            id: id, parents: [], author: who, committer: who, message: CommitMessage("Change\n"),
            files: files.map { FileChange(path: $0.0, status: $0.1, added: $0.2, deleted: $0.3) })
    }

    static func rules(_ commit: CommitSnapshot) -> Set<String> {
        Set(ChangeMetrics(commit).findings(rules: RuleSet(rules: []), commit: id).map(\.rule))
    }

    @Test(arguments: [
        ("one small edit", [("src/a.swift", ChangeStatus.modified, 3, 1)], [String]()),
        ("1,000 lines added in one file", [("src/gen.swift", .added, 1_000, 0)], ["change-lines-added"]),
        ("999 lines added: under the threshold", [("src/gen.swift", .added, 999, 0)], []),
        ("1,200 lines deleted, 10 added: also a mass deletion",
         [("src/old.swift", .modified, 10, 1_200)], ["change-lines-deleted", "mass-deletion"]),
        ("500 deleted but 200 added: not four times", [("src/old.swift", .modified, 200, 500)], []),
    ])
    func sizeThresholds(_ name: String, _ files: [(String, ChangeStatus, Int, Int)], _ expected: [String]) {
        #expect(Self.rules(Self.commit(files)) == Set(expected), "\(name)")
    }

    @Test func diffusionCountsFilesDirectoriesAndSubsystems() {
        let spread = (0..<30).map { ("area\($0 % 6)/dir\($0 % 13)/file\($0).txt", ChangeStatus.modified, 2, 0) }
        let metrics = ChangeMetrics(Self.commit(spread))
        #expect(metrics.files == 30)
        #expect(metrics.subsystems == 6)
        #expect(metrics.linesAdded == 60)
        #expect(abs(metrics.entropy - 1.0) < 1e-9, "equal lines in every file is maximal entropy")
        let found = Self.rules(Self.commit(spread))
        #expect(found.isSuperset(of: ["change-files", "change-directories", "change-subsystems", "change-entropy"]), "\(found)")
    }

    @Test func rootFilesFormOneSubsystemAndEntropyIsZeroForOneFile() {
        let metrics = ChangeMetrics(Self.commit([("README.md", .modified, 5, 5), ("Makefile", .modified, 1, 0)]))
        #expect(metrics.subsystems == 1)
        #expect(metrics.directories == 1)
        #expect(ChangeMetrics(Self.commit([("a/b.txt", .modified, 9, 0)])).entropy == 0)
    }

    @Test func twentyDeletedFilesAreAMassDeletion() {
        let files = (0..<20).map { ("vendor/lib\($0).c", ChangeStatus.deleted, 0, 3) }
        #expect(ChangeMetrics(Self.commit(files)).isMassDeletion)
        #expect(!ChangeMetrics(Self.commit(Array(files.prefix(19)))).isMassDeletion)
    }

    @Test func disabledRulesGiveNoFindings() {
        var rules = RuleSet(rules: [])
        rules.builtIns.removeAll { $0.id == ChangeMetrics.RuleID.linesAdded }
        let findings = ChangeMetrics(Self.commit([("src/gen.swift", .added, 5_000, 0)])).findings(rules: rules, commit: Self.id)
        #expect(findings.isEmpty)
    }

    @Test func unknownCountsOfAPartialCloneCountZero() {
        var commit = Self.commit([])
        commit.files = [FileChange(path: "big.bin", status: .modified, added: nil, deleted: nil)]
        let metrics = ChangeMetrics(commit)
        #expect(metrics.linesAdded == 0 && metrics.linesDeleted == 0 && metrics.files == 1)
    }
}

/// Authorship and traceability together with the blast radius.
struct InteractionsTests {
    static let id = ChangeMetricsTests.id

    static func findings(
        kind: Authorship.Kind, confidence: Authorship.Confidence, trace: Traceability, blast: [(String, Int)],
        deleted: Int = 0
    ) -> [Finding] {
        let commit = ChangeMetricsTests.commit([("infra/main.tf", .modified, 1, deleted)])
        let who = Authorship(kind: kind, tool: kind == .human ? nil : "claude-code", confidence: confidence)
        let context = CommitContext(commit: commit, trailers: [], authorship: who, traceability: trace)
        let blastFindings = blast.map {
            Finding(rule: "rule-\($0.0)", category: $0.0, points: $0.1, message: "m", commit: id, path: "infra/main.tf")
        }
        return Interactions.findings(
            context: context, blastFindings: blastFindings, metrics: ChangeMetrics(commit), rules: RuleSet(rules: []))
    }

    @Test(arguments: [
        ("untraced AI infrastructure change", Authorship.Kind.aiAssisted, Authorship.Confidence.high,
         Traceability.Status.missing, [("infrastructure", 30)], ["ai-untraced", "ai-amplifier"]),
        ("traced AI infrastructure change", .aiAssisted, .high, .linked, [("infrastructure", 30)], []),
        ("untraced AI docs change: no blast radius to amplify", .aiAuthored, .high, .missing, [("docs", 30)], ["ai-untraced"]),
        ("malformed link", .aiAssisted, .medium, .malformed, [("database", 10)], ["ai-trace-malformed", "ai-amplifier"]),
        ("low confidence is reported, never scored", .aiAssisted, .low, .missing, [("infrastructure", 30)], []),
        ("human infrastructure change", .human, .high, .notRequired, [("infrastructure", 30)], []),
    ])
    func interactionTable(
        _ name: String, _ kind: Authorship.Kind, _ confidence: Authorship.Confidence, _ status: Traceability.Status,
        _ blast: [(String, Int)], _ expected: [String]
    ) {
        let found = Self.findings(kind: kind, confidence: confidence, trace: Traceability(status: status), blast: blast)
        #expect(found.map(\.rule).sorted() == expected.sorted(), "\(name)")
    }

    @Test(arguments: [(6, 5), (30, 15), (100, 50)])
    func amplifierIsHalfTheBlastRadiusWithinItsBounds(_ blastPoints: Int, _ extra: Int) throws {
        let found = Self.findings(
            kind: .aiAssisted, confidence: .high, trace: Traceability(status: .missing), blast: [("infrastructure", blastPoints)])
        let amplifier = try #require(found.first { $0.rule == "ai-amplifier" })
        let cap = try #require(RuleSet(rules: []).builtIn("ai-amplifier")).points
        #expect(amplifier.points == min(cap, extra))
    }

    @Test func scopeDriftNamesThePathsOutsideTheScope() throws {
        let trace = Traceability(status: .linked, scope: ["src/**"], outOfScope: ["infra/main.tf", "deploy/x.sh"])
        let found = Self.findings(kind: .aiAssisted, confidence: .high, trace: trace, blast: [("infrastructure", 20)])
        let drift = try #require(found.first { $0.rule == "ai-scope-drift" })
        #expect(drift.message.contains("changes 2 file(s) outside its declared AI-Scope (src/**)"))
        #expect(found.contains { $0.rule == "ai-amplifier" && $0.message.contains("outside its declared scope") })
    }

    @Test func infrastructureRewriteWithMassDeletion() {
        let found = Self.findings(
            kind: .human, confidence: .high, trace: Traceability(status: .notRequired), blast: [("infrastructure", 30)],
            deleted: 900)
        #expect(found.map(\.rule) == ["infra-mass-deletion"])
    }
}
