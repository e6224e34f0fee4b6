import RiskgateCore
import Testing

struct SuspectRankingTests {
    static let incident: Int64 = 1_800_000_000

    @Test func ranksByBlastRadiusTraceabilitySizeAndTiming() {
        var ranking = SuspectRanking(incidentTime: Self.incident, limit: 3)
        let old = ReportCoreFixtures.analysis(1, time: Self.incident - 5 * 86_400, files: [("README.md", 2, 0)])
        let risky = ReportCoreFixtures.analysis(
            2, kind: .aiAuthored, trace: .missing, time: Self.incident - 20 * 60, files: [("deploy/app.yaml", 3, 1)],
            findings: [("deploy", "deploy", 40, "deploy change", "deploy/app.yaml")])
        let big = ReportCoreFixtures.analysis(3, time: Self.incident - 10 * 3_600, files: [("src/a.swift", 900, 400)])
        let recent = ReportCoreFixtures.analysis(4, time: Self.incident - 120, files: [("docs/x.md", 1, 0)])
        for analysis in [old, risky, big, recent] { ranking.add(analysis) }
        let ranked = ranking.ranked
        #expect(ranked.map(\.analysis.commit.id) == [risky.commit.id, recent.commit.id, big.commit.id])
        #expect(ranking.considered == 4)
        let top = ranked[0]
        #expect(top.suspicion == 20 + 25 + 20)
        #expect(top.reasons.map(\.text) == [
            "landed 20m before the incident", "ai-authored (claude-code) without a traceability link",
            "blast radius 40 of score 40 (medium): deploy",
        ])
        #expect(top.secondsBeforeIncident == 1_200)
    }

    @Test(arguments: [(0, 0), (49, 0), (50, 3), (150, 6), (450, 9), (1_350, 12), (100_000, 12)])
    func sizePointsGrowSlowly(_ lines: Int, _ points: Int) {
        #expect(SuspectRanking.sizePoints(lines: lines, files: 1) == points)
    }

    @Test func withoutAnIncidentTimeTimingIsNoReason() {
        let suspect = SuspectRanking.assess(ReportCoreFixtures.analysis(1), incidentTime: nil)
        #expect(suspect.reasons.isEmpty && suspect.suspicion == 0 && suspect.secondsBeforeIncident == nil)
    }

    @Test(arguments: [
        ("2026-11-23", 1_795_392_000 as Int64),
        ("2026-11-23 14:05", 1_795_442_700),
        ("2026-11-23T14:05:30Z", 1_795_442_730),
        ("2026-11-23T14:05:30+01:00", 1_795_439_130),
        ("2026-11-23T14:05-0230", 1_795_451_700),
        ("@1700000000", 1_700_000_000),
        ("now", 1_800_000_000),
        ("90 minutes ago", 1_799_994_600),
        ("2 days ago", 1_799_827_200),
        ("1 week ago", 1_799_395_200),
        ("1970-01-01", 0),
        ("2000-02-29T00:00:00Z", 951_782_400),
    ])
    func readsDates(_ text: String, _ expected: Int64) throws {
        #expect(try DateExpression.parse(text, now: 1_800_000_000) == expected)
    }

    @Test(arguments: ["yesterday-ish", "2026-13-01", "2026-11-23 25:00", "2026-11-23T14", "3 fortnights ago", ""])
    func rejectsUnreadableDates(_ text: String) {
        #expect(throws: DateExpression.Failure.self) { try DateExpression.parse(text, now: 0) }
    }

    @Test(arguments: [
        ("deploy", "deploy/app.yaml", true),
        ("deploy/", "deploy/k8s/app.yaml", true),
        ("deploy", "src/deploy.swift", false),
        ("infra/**", "infra/a/b/c.tf", true),
        ("**/*.tf", "main.tf", true),
        ("**/*.tf", "infra/prod/main.tf", true),
        ("*.tf", "infra/prod/main.tf", true),
        ("infra/*.tf", "infra/prod/main.tf", false),
        ("infra/*/main.tf", "infra/prod/main.tf", true),
        ("./db/migrations", "db/migrations/001.sql", true),
        ("Dockerfile", "services/api/Dockerfile", true),
        ("src/?.swift", "src/a.swift", true),
        ("src/?.swift", "src/ab.swift", false),
    ])
    func selectsPaths(_ pattern: String, _ path: String, _ expected: Bool) {
        #expect(PathSelection([pattern]).matches(path) == expected)
    }

    @Test func windowUsesCommitterTime() {
        let window = TimeWindow(since: 100, until: 200)
        func commit(_ time: Int64) -> CommitSnapshot {
            ReportCoreFixtures.analysis(1, time: time).commit
        }
        #expect(window.contains(commit(100)) && window.contains(commit(200)))
        #expect(!window.contains(commit(99)) && !window.contains(commit(201)))
        #expect(window.isBefore(commit(99)) && !window.isBefore(commit(201)))
    }
}
