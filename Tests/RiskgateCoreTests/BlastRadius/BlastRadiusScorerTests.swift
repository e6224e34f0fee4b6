import Testing

@testable import RiskgateCore

/// Builders for commits and analyzers without a repository: the scorer's inputs are values.
enum ScoringFixtures {
    static func commit(_ number: UInt64, files: [FileChange], message: String = "change") -> CommitSnapshot {
        let author = Signature(name: "Dev", email: "dev@example.com", time: 1_700_000_000)
        return CommitSnapshot(
            id: ObjectID(high: number, middle: 0, low: 0), parents: [ObjectID(high: number + 1000, middle: 0, low: 0)],
            author: author, committer: author, message: CommitMessage(message), files: files)
    }

    static func file(_ path: String, added: Int = 1, deleted: Int = 0, status: ChangeStatus = .modified) -> FileChange {
        FileChange(path: path, status: status, added: added, deleted: deleted)
    }

    static func rules() throws -> RuleSet {
        RuleSet(rules: [
            Rule(id: "terraform-config", category: "infrastructure", description: "Terraform.", points: 12, paths: try PathPatterns(["*.tf"])),
            Rule(id: "docs", category: "docs", description: "Docs.", points: 0, paths: try PathPatterns(["*.md"])),
            Rule(
                id: "sql-drop", category: "database", description: "DROP destroys data.", points: 35,
                paths: try PathPatterns(["*.sql"]),
                content: [try ContentPattern(side: .added, source: "(?i)\\bdrop\\s+table\\b")]),
            Rule(
                id: "ai-only-infra", category: "infrastructure", description: "AI on infra.", points: 5,
                paths: try PathPatterns(["*.tf"]), authorship: [.aiAssisted, .aiAuthored]),
        ])
    }

    struct FixedAuthorship: AuthorshipClassifying {
        var authorship: Authorship
        func classify(_ commit: CommitSnapshot, trailers: [Trailer]) -> Authorship { authorship }
    }

    struct FixedTraceability: TraceabilityChecking {
        var traceability: Traceability
        func check(_ commit: CommitSnapshot, trailers: [Trailer], authorship: Authorship) -> Traceability { traceability }
    }

    static let claude = Authorship(kind: .aiAuthored, tool: "claude-code", confidence: .high)

    static func analyzer(
        _ authorship: Authorship = .unmarkedHuman, _ traceability: Traceability = .notRequired,
        lines: [String: ChangedLines] = [:], policy: DecisionPolicy = .standard
    ) throws -> CommitAnalyzer {
        CommitAnalyzer(
            authorship: FixedAuthorship(authorship: authorship), traceability: FixedTraceability(traceability: traceability),
            scorer: BlastRadiusScorer(rules: try rules(), lines: FixedChangedLines(lines)), policy: policy)
    }
}

struct BlastRadiusScorerTests {
    typealias F = ScoringFixtures

    @Test func pathRuleCountsOncePerCommitAndNamesTheRest() throws {
        let commit = F.commit(1, files: [F.file("a/main.tf"), F.file("b/vpc.tf"), F.file("c/db.tf")])
        let analysis = try F.analyzer().analyze(commit)
        #expect(analysis.findings.map(\.rule) == ["terraform-config"])
        #expect(analysis.findings[0].path == "a/main.tf")
        #expect(analysis.findings[0].message == "Terraform. (and 2 more)")
        #expect(analysis.fileCategories == [["infrastructure"], ["infrastructure"], ["infrastructure"]])
    }

    @Test func contentRuleFiresOnlyOnMatchingLinesWithTheLineNumber() throws {
        let commit = F.commit(2, files: [F.file("db/001.sql", added: 3), F.file("db/002.sql", added: 1)])
        let lines = [
            "db/001.sql": ChangedLines(added: [ChangedLine(number: 7, text: "DROP TABLE users;")]),
            "db/002.sql": ChangedLines(added: [ChangedLine(number: 1, text: "CREATE TABLE t (id int);")]),
        ]
        let analysis = try F.analyzer(lines: lines).analyze(commit)
        let drop = try #require(analysis.findings.first { $0.rule == "sql-drop" })
        #expect(drop.line == 7)
        #expect(drop.fingerprint == "\(commit.id.hex):db/001.sql:sql-drop:7")
        #expect(analysis.fileCategories == [["database"], []])
    }

    @Test func removedLinesDoNotFireAnAddedPattern() throws {
        let commit = F.commit(3, files: [F.file("db/001.sql", added: 0, deleted: 1)])
        let lines = ["db/001.sql": ChangedLines(removed: [ChangedLine(number: 1, text: "DROP TABLE users;")])]
        #expect(try F.analyzer(lines: lines).analyze(commit).findings.isEmpty)
    }

    @Test func authorshipFilterLimitsARule() throws {
        let commit = F.commit(4, files: [F.file("main.tf")])
        #expect(!(try F.analyzer().analyze(commit)).findings.contains { $0.rule == "ai-only-infra" })
        let linked = Traceability(status: .linked, links: ["https://x"])
        #expect(try F.analyzer(F.claude, linked).analyze(commit).findings.contains { $0.rule == "ai-only-infra" })
    }

    /// AI + DROP TABLE + no link: the parts, plus an amplifier that says by how much.
    @Test func aiAmplifierStatesHowMuchAndWhy() throws {
        let commit = F.commit(5, files: [F.file("db/009.sql")])
        let lines = ["db/009.sql": ChangedLines(added: [ChangedLine(number: 1, text: "drop table accounts;")])]
        let analysis = try F.analyzer(F.claude, Traceability(status: .missing), lines: lines).analyze(commit)
        #expect(analysis.findings.map(\.rule) == ["sql-drop", "ai-amplifier", "ai-untraced"])
        let amplifier = try #require(analysis.findings.first { $0.rule == "ai-amplifier" })
        #expect(amplifier.points == 17)
        #expect(amplifier.message.contains("+17 on top of its 35 blast-radius points"))
        #expect(amplifier.message.contains("without a traceable prompt"))
        #expect(analysis.score == 35 + 17 + 15)
        #expect(analysis.level == .high)
    }

    @Test func linkedAICommitGetsNoAmplifier() throws {
        let commit = F.commit(6, files: [F.file("db/009.sql")])
        let lines = ["db/009.sql": ChangedLines(added: [ChangedLine(number: 1, text: "drop table accounts;")])]
        let analysis = try F.analyzer(F.claude, Traceability(status: .linked, links: ["s1"]), lines: lines).analyze(commit)
        #expect(analysis.findings.map(\.rule) == ["sql-drop"])
    }

    @Test func lowConfidenceAIIsNotScored() throws {
        let weak = Authorship(kind: .aiAssisted, tool: "other", confidence: .low)
        let analysis = try F.analyzer(weak, Traceability(status: .missing)).analyze(F.commit(7, files: [F.file("a.tf")]))
        #expect(!analysis.findings.contains { $0.category == "traceability" || $0.rule == "ai-amplifier" })
    }

    @Test func scopeDriftIsAFindingAndAmplifies() throws {
        let drift = Traceability(status: .linked, links: ["s"], scope: ["src/**"], outOfScope: ["infra/main.tf"])
        let analysis = try F.analyzer(F.claude, drift).analyze(F.commit(8, files: [F.file("src/a.swift"), F.file("infra/main.tf")]))
        let rules = analysis.findings.map(\.rule)
        #expect(rules.contains("ai-scope-drift"))
        #expect(rules.contains("ai-amplifier"))
        #expect(analysis.findings.first { $0.rule == "ai-scope-drift" }?.path == "infra/main.tf")
    }

    @Test func changeMetricsAreModestAndExplained() throws {
        let files = (0..<41).map { F.file("pkg\($0 % 6)/sub\($0)/f\($0).swift", added: 30, deleted: 0) }
        let analysis = try F.analyzer().analyze(F.commit(9, files: files))
        let rules = Set(analysis.findings.map(\.rule))
        #expect(rules == ["change-lines-added", "change-files", "change-directories", "change-subsystems", "change-entropy"])
        #expect(analysis.findings.allSatisfy { $0.points <= 6 })
        #expect(analysis.findings.first { $0.rule == "change-files" }?.message.contains("41 files") == true)
    }

    @Test func massDeletionOfInfrastructureInteracts() throws {
        let files = [F.file("infra/old.tf", added: 0, deleted: 800, status: .deleted)]
        let rules = Set(try F.analyzer().analyze(F.commit(10, files: files)).findings.map(\.rule))
        #expect(rules.isSuperset(of: ["mass-deletion", "infra-mass-deletion", "terraform-config"]))
    }

    /// Scores are deterministic and every point is a finding: the score is their capped sum.
    @Test func scoresAreDeterministicAndSumFromFindings() throws {
        var generator = SplitMix(seed: 42)
        let paths = ["main.tf", "db/1.sql", "README.md", "src/a.swift", "infra/x.tf", "db/2.sql"]
        for number in 0..<200 {
            let files = (0..<Int(generator.next() % 6 + 1)).map { index in
                F.file(paths[Int(generator.next() % UInt64(paths.count))] + "\(index)", added: Int(generator.next() % 900), deleted: Int(generator.next() % 900))
            }
            let kind = Authorship.Kind.allCases[Int(generator.next() % 4)]
            let who = Authorship(kind: kind, tool: nil, confidence: .high)
            let trace = Traceability(status: kind == .human || kind == .bot ? .notRequired : .missing)
            let analyzer = try F.analyzer(who, trace)
            let commit = F.commit(UInt64(number), files: files)
            let first = analyzer.analyze(commit)
            let second = analyzer.analyze(commit)
            #expect(first == second)
            #expect(first.score == min(100, first.findings.reduce(0) { $0 + $1.points }))
            #expect(Set(first.findings.map(\.fingerprint)).count == first.findings.count, "fingerprints are unique")
        }
    }

    @Test(arguments: [
        (TraceabilityRequirement.block, [String](), Decision.block),
        (.flag, [], .flag),
        (.block, ["database"], .allow),
        (.block, ["infrastructure"], .block),
        (.off, [], .allow),
    ] as [(TraceabilityRequirement, [String], Decision)])
    func requireTraceabilityRaisesTheDecision(requirement: TraceabilityRequirement, categories: [String], expected: Decision) throws {
        let policy = DecisionPolicy(
            flagAt: .high, blockAt: nil, requireTraceability: requirement, requireTraceabilityFor: Set(categories))
        let analysis = try F.analyzer(F.claude, Traceability(status: .missing), policy: policy)
            .analyze(F.commit(11, files: [F.file("main.tf")]))
        #expect(analysis.level < .high)
        #expect(analysis.decision == expected)
    }
}

/// SplitMix64, for reproducible generated cases.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
