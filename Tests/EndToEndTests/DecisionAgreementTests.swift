import Foundation
import RiskgateTestSupport
import Testing

/// A reviewer and a hook must never disagree about the same commit under the same policy:
/// `report`, `explain`, the client pre-push hook and the server pre-receive hook, each run for
/// real on the same commit with the same configuration, give it the same decision.
@Suite(.serialized)
struct DecisionAgreementTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        /// The `policy:` entry for refs/heads/main (YAML flow mapping body).
        var policy: String
        var commit: @Sendable (TemporaryRepository) throws -> Void
        /// nil: only agreement is asserted.
        var expected: String?
        var description: String { name }
    }

    static let claude = "\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n"

    /// 1,200 added lines: the built-in `change-lines-added` finding, category `change-size`,
    /// which no path rule gives.
    static let bigAIChange: @Sendable (TemporaryRepository) throws -> Void = { repo in
        try repo.write("src/table.txt", (1...1_200).map { "row \($0)" }.joined(separator: "\n") + "\n")
        try repo.commit("Add the lookup table" + claude)
    }

    static let cases: [Case] = [
        Case(
            name: "AI commit whose category comes only from a finding, held to traceability for it",
            policy: "flag: critical, require_traceability: block, require_traceability_for: [change-size]",
            commit: bigAIChange, expected: "block"),
        Case(
            name: "the same commit, traceability asked only for database changes",
            policy: "flag: critical, require_traceability: block, require_traceability_for: [database]",
            commit: bigAIChange, expected: "allow"),
        Case(
            name: "AI migration dropping a table, traceability asked for database changes",
            policy: "flag: critical, require_traceability: block, require_traceability_for: [database]",
            commit: { repo in
                try repo.write("db/migrations/0042_cleanup.sql", "DROP TABLE legacy_users;\n")
                try repo.commit("Drop the legacy users table" + claude)
            }, expected: "block"),
        Case(
            name: "AI commit with a session link is not raised",
            policy: "flag: critical, require_traceability: block",
            commit: { repo in
                try repo.write("src/table.txt", "one row\n")
                try repo.commit(
                    "Add the lookup table\n\nAI-Session: https://claude.ai/share/0f3c2a\nCo-Authored-By: Claude <noreply@anthropic.com>\n")
            }, expected: "allow"),
        Case(
            name: "human workflow change decided by its level",
            policy: "flag: medium, block: high",
            commit: { repo in
                try repo.write(".github/workflows/deploy.yml", "on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n")
                try repo.commit("Deploy on every push")
            }, expected: nil),
    ]

    @Test(arguments: cases)
    func everyFrontEndDecidesAlike(_ item: Case) throws {
        let config = """
            version: 1
            policy:
              - refs: ["refs/heads/main"]
                \(item.policy.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n    "))
              - refs: ["refs/**"]

            """
        let fixture = try HookFixture(config: config)
        try fixture.client.write(".riskgate.yml", config)
        try fixture.client.write(".git/info/exclude", ".riskgate.yml\n")
        let before = try fixture.client.head()
        try item.commit(fixture.client)
        let tip = try fixture.client.head()

        let report = try RiskgateBinary.run(["report", "--format", "json", "\(before)..\(tip)"], in: fixture.client.url)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any], "\(report.stderr)")
        let commits = try #require(json["commits"] as? [[String: Any]])
        let reported = try #require(commits.first?["decision"] as? String)

        let explain = try RiskgateBinary.run(["explain", "--ref", "main", tip], in: fixture.client.url)
        let explained = try #require(
            explain.stdout.split(separator: "\n").first { $0.hasPrefix("decision ") }?.split(separator: " ").dropFirst().first,
            "\(explain.stdout)\(explain.stderr)")

        let explainJSON = try RiskgateBinary.run(["explain", "--format", "json", "--ref", "main", tip], in: fixture.client.url)
        let explained2 = try #require(try JSONSerialization.jsonObject(with: explainJSON.stdoutData) as? [String: Any])
        let explainedCommit = try #require(explained2["commit"] as? [String: Any])
        #expect(explainedCommit["sha"] as? String == tip)
        #expect((explained2["policy"] as? [String: Any])?["ref"] as? String == "refs/heads/main")

        let prePush = try RiskgateBinary.run(
            ["hook", "pre-push", "origin", fixture.server.path], in: fixture.client.url,
            input: Data("refs/heads/main \(tip) refs/heads/main \(before)\n".utf8))
        let prePushDecision = Self.hookDecision(prePush.stderr)

        let push = try fixture.push(["--no-verify", "origin", "main"])
        let preReceiveDecision = Self.hookDecision(push.stderr)

        let decisions = [
            reported, String(explained), explainedCommit["decision"] as? String ?? "?", prePushDecision, preReceiveDecision,
        ]
        #expect(Set(decisions).count == 1, "report, explain, explain json, pre-push, pre-receive: \(decisions)\n\(push.stderr)")
        if let expected = item.expected { #expect(reported == expected, "\(item.name)") }
        // A block names the key behind it in the report and in the hook message alike.
        if reported == "block" {
            let reasons = try #require(commits.first?["reasons"] as? [[String: Any]])
            let keys = reasons.compactMap { $0["key"] as? String }
            #expect(!keys.isEmpty)
            for key in keys { #expect(push.stderr.contains("block because \(key)") || push.stderr.contains("\(key): "), "\(key): \(push.stderr)") }
        }
        #expect((push.status != 0) == (reported == "block"), "\(push.stderr)")
        #expect((prePush.status != 0) == (reported == "block"), "\(prePush.stderr)")
        #expect((report.status != 0) == (reported == "block"))
    }

    /// The commit's decision as a hook message shows it (`commit <id> "<subject>": block, ...`),
    /// `allow` when no commit is listed.
    static func hookDecision(_ stderr: String) -> String {
        for decision in ["block", "flag"] where stderr.contains("\": \(decision), score") { return decision }
        return "allow"
    }

    @Test func unsupportedExplainFormatIsAUsageError() throws {
        let repo = try TemporaryRepository()
        try repo.write("README.md", "hi\n")
        try repo.commit("Initial commit")
        let result = try RiskgateBinary.run(["explain", "--format", "sarif", "HEAD"], in: repo.url)
        #expect(result.status == 64, "\(result.stderr)")
    }

    @Test(arguments: [["audit", "show", "--format", "sarif"], ["audit", "verify", "--format", "markdown"]])
    func unsupportedAuditFormatIsAUsageError(_ arguments: [String]) throws {
        let repo = try TemporaryRepository()
        let result = try RiskgateBinary.run(arguments, in: repo.url)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("'text' and 'json'"), "\(result.stderr)")
    }
}

/// git's manners for mistyped commands.
struct CommandLineMannersTests {
    @Test(arguments: [
        (["reprot"], "Did you mean 'report'?"),
        (["help", "reprot"], "Did you mean 'report'?"),
        (["expalin", "HEAD"], "Did you mean 'explain'?"),
        (["frobnicate"], "'frobnicate' is not a riskgate command."),
    ])
    func unknownSubcommandsAreUsageErrorsWithASuggestion(_ arguments: [String], _ message: String) throws {
        let result = try RiskgateBinary.run(arguments)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func helpForAKnownCommandStillWorks() throws {
        let result = try RiskgateBinary.run(["help", "report"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("USAGE: riskgate report"), "\(result.stdout)")
    }
}
