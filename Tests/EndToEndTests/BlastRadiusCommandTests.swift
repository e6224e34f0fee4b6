import Foundation
import RiskgateTestSupport
import Testing

/// The blast-radius engine through the real binary on real repositories: ranking as a reviewer
/// would, per-branch policy and exit codes, configuration errors, `rules` and `explain`.
struct BlastRadiusCommandTests {
    static let claudeFooter = "\n\n🤖 Generated with [Claude Code](https://claude.ai/code)\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n"

    /// One commit per category, subjects naming them; returns the repository.
    static func categoryRepository() throws -> TemporaryRepository {
        let repo = try TemporaryRepository()
        try repo.write("README.md", "# Service\n")
        try repo.write("src/app.py", "print('hi')\n")
        try repo.write("infra/prod/main.tf", "resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"logs\"\n}\n")
        try repo.write("db/migrations/001_init.sql", "CREATE TABLE users (id bigint);\n")
        try repo.commit("initial")

        try repo.write("docs/guide.md", "How to run the service.\n")
        try repo.commit("docs: add a guide")
        try repo.write("src/app.py", "print('hello')\n")
        try repo.commit("app: greet properly")
        try repo.write("package.json", "{\n  \"name\": \"svc\",\n  \"dependencies\": {\"left-pad\": \"1.3.0\"}\n}\n")
        try repo.commit("deps: add left-pad")
        try repo.write(".github/workflows/ci.yml", "on:\n  pull_request_target:\njobs:\n  build:\n    runs-on: ubuntu-latest\n")
        try repo.commit("ci: build forks")
        try repo.write("infra/prod/main.tf", "resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"logs\"\n  force_destroy = true\n}\n")
        try repo.commit("infra: let the logs bucket go")
        try repo.write("db/migrations/002_cleanup.sql", "DROP TABLE users;\n")
        try repo.commit("db: drop users (human, reviewed)")
        try repo.write("db/migrations/003_cleanup.sql", "DROP TABLE accounts;\n")
        try repo.commit("db: drop accounts" + claudeFooter)
        try repo.write(".riskgate.yml", "version: 1\nrules:\n  disable: [change-entropy]\n")
        try repo.commit("gate: tune the configuration")
        return repo
    }

    static func commitsBySubject(_ json: Data) throws -> [String: [String: Any]] {
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let commits = try #require(object["commits"] as? [[String: Any]])
        var result: [String: [String: Any]] = [:]
        for commit in commits { if let subject = commit["subject"] as? String { result[subject] = commit } }
        return result
    }

    @Test func fixtureCommitsRankAsAReviewerWould() throws {
        let repo = try Self.categoryRepository()
        // The repository's own .riskgate.yml is read from the work tree; it only disables entropy.
        let result = try RiskgateBinary.run(["report", "--all", "--format", "json", "--exit-zero"], in: repo.url)
        #expect(result.status == 0, "\(result.stderr)")
        let commits = try Self.commitsBySubject(result.stdoutData)
        func score(_ subject: String) throws -> Int { try #require(commits[subject]?["score"] as? Int, "\(subject)") }
        func level(_ subject: String) -> String? { commits[subject]?["level"] as? String }

        #expect(try score("docs: add a guide") == 0)
        #expect(level("docs: add a guide") == "low")
        #expect(level("app: greet properly") == "low")
        #expect(try score("deps: add left-pad") > 0)
        #expect(level("deps: add left-pad") == "low")
        #expect(try score("ci: build forks") > score("deps: add left-pad"))
        #expect(try score("infra: let the logs bucket go") > score("ci: build forks"))
        #expect(level("infra: let the logs bucket go") == "high")
        #expect(level("gate: tune the configuration") == "medium")
        #expect(level("db: drop users (human, reviewed)") == "high")
        // AI + DROP TABLE + no link: more than the same change by a person, and critical.
        let aiSubject = "db: drop accounts"
        #expect(try score(aiSubject) > score("db: drop users (human, reviewed)"))
        #expect(level(aiSubject) == "critical")
        let findings = try #require(commits[aiSubject]?["findings"] as? [[String: Any]])
        let rules = findings.compactMap { $0["rule"] as? String }
        #expect(Set(rules).isSuperset(of: ["sql-drop", "database-migration", "ai-untraced", "ai-amplifier"]))
        let points = findings.compactMap { $0["points"] as? Int }.reduce(0, +)
        #expect(try score(aiSubject) == min(100, points), "every point is a finding")
        #expect(findings.allSatisfy { ($0["fingerprint"] as? String)?.isEmpty == false })
    }

    @Test func reportExitsOneWhenTheBranchPolicyBlocks() throws {
        let repo = try Self.categoryRepository()
        try repo.write(".riskgate.yml", """
            version: 1
            policy:
              - refs: ["refs/heads/main"]
                block: high
              - refs: ["refs/**"]
                flag: high

            """)
        try repo.commit("gate: block at high on main")
        let blocked = try RiskgateBinary.run(["report", "--all", "--format", "json"], in: repo.url)
        #expect(blocked.status == 1, "\(blocked.stderr)")
        let exitZero = try RiskgateBinary.run(["report", "--all", "--format", "json", "--exit-zero"], in: repo.url)
        #expect(exitZero.status == 0)
        // Another branch takes the second entry: flag only.
        try repo.git(["checkout", "-q", "-b", "feature/x"])
        let feature = try RiskgateBinary.run(["report", "--all", "--format", "json"], in: repo.url)
        #expect(feature.status == 0, "\(feature.stderr)")
    }

    @Test func badConfigurationIsExitTwoWithFileAndLine() throws {
        let repo = try Self.categoryRepository()
        let config = repo.url.appendingPathComponent("admin.yml")
        try "version: 1\npolicy:\n  - refs: [\"refs/heads/main\"]\n    flag: severe\n".write(to: config, atomically: true, encoding: .utf8)
        let result = try RiskgateBinary.run(["report", "--all", "--config", config.path], in: repo.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(config.path):4: policy[0]: 'flag' must be low, medium, high, critical or never, not 'severe'"))
    }

    @Test func explainListsEveryPointWithItsFingerprint() throws {
        let repo = try Self.categoryRepository()
        let result = try RiskgateBinary.run(["explain", "HEAD~1"], in: repo.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("subject db: drop accounts"))
        #expect(result.stdout.contains("sql-drop [database] db/migrations/003_cleanup.sql:1"))
        #expect(result.stdout.contains("fingerprint "))
        #expect(result.stdout.contains("level critical"))
        #expect(result.stdout.contains("score "))
    }

    @Test func rulesCommands() throws {
        let list = try RiskgateBinary.run(["rules", "list"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("terraform-force-destroy"))
        #expect(list.stdout.contains("ai-amplifier"))

        let test = try RiskgateBinary.run(["rules", "test"])
        #expect(test.status == 0, "\(test.stderr)")
        #expect(test.stdout.hasPrefix("ok: "))

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("riskgate-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pack = directory.appendingPathComponent("pack.yaml")
        try "version: 1\nrules:\n  - id: x\n    category: infrastructure\n    description: X.\n    points: 5\n    paths: [\"*.tf\"]\n    wieght: 3\n    examples:\n      match: [a.tf]\n      no_match: [a.md]\n"
            .write(to: pack, atomically: true, encoding: .utf8)
        let check = try RiskgateBinary.run(["rules", "check", pack.path])
        #expect(check.status == 2)
        #expect(check.stderr.contains("\(pack.path):8: x: unknown key 'wieght' in a rule"))
    }
}
