import Foundation
import RiskgateTestSupport
import Testing

/// `riskgate suspects` on a fixture incident: a real repository whose commits landed at known
/// times before (and one after) an outage at `incident`.
struct SuspectsCommandTests {
    /// 2026-09-21T06:13:20Z, safely in the past.
    static let incident: Int64 = 1_790_000_000

    struct Fixture {
        let repo: TemporaryRepository
        var ids: [String: String] = [:]
    }

    static func commit(
        _ repo: TemporaryRepository, _ message: String, minutesBefore: Int64,
        author: (String, String) = ("Dana Smith", "dana@example.com")
    ) throws -> String {
        try repo.git(["add", "-A"])
        let date = "\(incident - minutesBefore * 60) +0000"
        try repo.git(
            ["commit", "-q", "--no-verify", "-F", "-"], input: Data(message.utf8),
            environment: [
                "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": author.0,
                "GIT_AUTHOR_EMAIL": author.1,
            ])
        return try repo.head()
    }

    static func lines(_ count: Int, _ prefix: String) -> String {
        (0..<count).map { "\(prefix) \($0)" }.joined(separator: "\n") + "\n"
    }

    static func incidentRepository() throws -> Fixture {
        var fixture = Fixture(repo: try TemporaryRepository())
        let repo = fixture.repo
        try repo.write("src/service.py", lines(300, "line"))
        fixture.ids["initial"] = try commit(repo, "Initial service", minutesBefore: 5 * 1_440)
        try repo.write("src/payments.py", lines(1_500, "payment"))
        fixture.ids["refactor"] = try commit(repo, "Refactor payments", minutesBefore: 50 * 60)
        try repo.write("deploy/prod/app.yaml", "replicas: 0\n")
        fixture.ids["replicas"] = try commit(repo, "Scale prod replicas", minutesBefore: 3 * 60)
        try repo.write("README.md", lines(5, "doc"))
        fixture.ids["docs"] = try commit(repo, "Docs", minutesBefore: 60)
        try repo.write(".github/workflows/deploy.yml", lines(200, "step"))
        fixture.ids["pipeline"] = try commit(
            repo, "Rewrite the deploy pipeline\n\nCo-authored-by: Claude <noreply@anthropic.com>\n", minutesBefore: 20)
        try repo.write("src/hotfix.py", "fix\n")
        fixture.ids["hotfix"] = try commit(repo, "Hotfix after the outage", minutesBefore: -10)
        return fixture
    }

    static func json(_ result: ProcessResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any], "\(result.stdout)")
    }

    @Test func ranksTheWindowBeforeTheIncident() throws {
        let fixture = try Self.incidentRepository()
        let result = try RiskgateBinary.run(
            ["suspects", "--until", "@\(Self.incident)", "--since", "@\(Self.incident - 3 * 86_400)", "--format", "json"],
            in: fixture.repo.url)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try Self.json(result)
        #expect(report["considered"] as? Int == 4)
        let suspects = try #require(report["suspects"] as? [[String: Any]])
        let shas = suspects.compactMap { $0["sha"] as? String }
        #expect(shas.first == fixture.ids["pipeline"])
        #expect(Set(shas) == Set(["pipeline", "replicas", "docs", "refactor"].compactMap { fixture.ids[$0] }))
        let top = try #require(suspects.first)
        let reasons = (top["reasons"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        #expect(reasons.contains("landed 20m before the incident"), "\(reasons)")
        #expect(top["secondsBeforeIncident"] as? Int == 1_200)
        let suspicions = suspects.compactMap { $0["suspicion"] as? Int }
        #expect(suspicions == suspicions.sorted(by: >))
    }

    @Test func pathGlobsNarrowTheSuspects() throws {
        let fixture = try Self.incidentRepository()
        let result = try RiskgateBinary.run(
            ["suspects", "--until", "@\(Self.incident)", "--path", "deploy", "--path", ".github/**", "--format", "json"],
            in: fixture.repo.url)
        #expect(result.status == 0, "\(result.stderr)")
        let shas = (try Self.json(result)["suspects"] as? [[String: Any]] ?? []).compactMap { $0["sha"] as? String }
        #expect(shas == [fixture.ids["pipeline"], fixture.ids["replicas"]].compactMap { $0 })
    }

    @Test func textNamesReasonsAndHowToRollBack() throws {
        let fixture = try Self.incidentRepository()
        let until = "@\(Self.incident)"
        let result = try RiskgateBinary.run(["suspects", "--until", until, "-n", "2"], in: fixture.repo.url)
        #expect(result.status == 0, "\(result.stderr)")
        let pipeline = String(try #require(fixture.ids["pipeline"]).prefix(10))
        #expect(result.stdout.contains(" 1. suspicion"))
        #expect(result.stdout.contains("roll back: git revert \(pipeline)"))
        #expect(!result.stdout.contains(" 3. "))
        #expect(!result.stdout.contains("\u{1B}"))
        #expect(result.stderr.isEmpty)
        let again = try RiskgateBinary.run(["suspects", "--until", until, "-n", "2"], in: fixture.repo.url)
        #expect(again.stdout == result.stdout)
    }

    @Test func aRangeWithoutAWindowConsidersTheRange() throws {
        let fixture = try Self.incidentRepository()
        let result = try RiskgateBinary.run(
            ["suspects", "HEAD~3..HEAD~1", "--until", "@\(Self.incident)", "--format", "json"], in: fixture.repo.url)
        #expect(result.status == 0, "\(result.stderr)")
        let shas = (try Self.json(result)["suspects"] as? [[String: Any]] ?? []).compactMap { $0["sha"] as? String }
        #expect(Set(shas) == Set(["pipeline", "docs"].compactMap { fixture.ids[$0] }))
    }

    @Test(arguments: [
        (["suspects", "--until", "last tuesday"], 2, "cannot read the date 'last tuesday'"),
        (["suspects", "--since", "@200", "--until", "@100"], 2, "--since is after --until"),
        (["suspects", "--bogus"], 64, "unknown option '--bogus'"),
        (["suspects", "-n", "0"], 64, "--max-count must be at least 1"),
        (["suspects", "no-such-branch"], 2, "no-such-branch"),
    ])
    func badInputIsExplained(_ arguments: [String], _ status: Int32, _ message: String) throws {
        let fixture = try Self.incidentRepository()
        let result = try RiskgateBinary.run(arguments, in: fixture.repo.url)
        #expect(result.status == status, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
