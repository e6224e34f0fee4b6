import Foundation
import RiskgateTestSupport
import Testing

/// Protected refs on a real server: each update is judged by what it brings to its ref, so a
/// risky commit cannot be laundered through a laxer ref; force pushes, deletions, AI volume,
/// freezes, the kill switch and evaluate mode.
@Suite(.serialized)
struct ProtectedRefsTests {
    /// main and release/** block a workflow change (one default rule: critical under these
    /// levels); everything else only flags it, so it can be pushed there first.
    static let config = """
        version: 1
        levels: {medium: 5, high: 10, critical: 11}
        policy:
          - refs: ["refs/heads/main", "refs/heads/release/**"]
            flag: high
            block: critical
            force_push: block
            deletion: block
          - refs: ["refs/heads/trial/**"]
            flag: high
            block: critical
            mode: evaluate
          - refs: ["refs/**"]
            flag: high
        waivers:
          allowed: [alice]
        identity_env: TEST_PUSHER

        """

    static func fixture(_ config: String = ProtectedRefsTests.config) throws -> HookFixture {
        try HookFixture(config: config)
    }

    /// A risky commit pushed to a lax branch first, accepted there with a flag.
    static func launderedCommit(_ fixture: HookFixture) throws -> String {
        try fixture.client.git(["checkout", "-q", "-b", "sandbox/x"])
        let tip = try fixture.commitRisky()
        let result = try fixture.push(["origin", "sandbox/x"])
        #expect(result.status == 0, "the lax branch takes it: \(result.stderr)")
        #expect(fixture.serverRef("refs/heads/sandbox/x") == tip)
        return tip
    }

    @Test func launderingThroughABranchIsRejected() throws {
        let fixture = try Self.fixture()
        let before = fixture.serverRef("refs/heads/main")
        let tip = try Self.launderedCommit(fixture)
        let result = try fixture.push(["origin", "sandbox/x:main"])
        #expect(result.status != 0, "\(result.stderr)")
        #expect(result.stderr.contains("BLOCK  refs/heads/main"), "\(result.stderr)")
        #expect(result.stderr.contains("commit \(tip.prefix(12))"))
        #expect(result.stderr.contains("block because score 12 is critical, at or above 'block: critical'"), "\(result.stderr)")
        #expect(fixture.serverRef("refs/heads/main") == before)
    }

    @Test func launderingThroughATagIsRejected() throws {
        let fixture = try Self.fixture()
        let before = fixture.serverRef("refs/heads/main")
        let tip = try fixture.commitRisky()
        try fixture.client.git(["tag", "staging-1"])
        let tagged = try fixture.push(["origin", "refs/tags/staging-1"])
        #expect(tagged.status == 0, "\(tagged.stderr)")
        let result = try fixture.push(["origin", "refs/tags/staging-1:refs/heads/main"])
        #expect(result.status != 0, "\(result.stderr)")
        #expect(result.stderr.contains("commit \(tip.prefix(12))"), "\(result.stderr)")
        #expect(fixture.serverRef("refs/heads/main") == before)
    }

    @Test func launderingThroughAHumanMergeIsRejected() throws {
        let fixture = try Self.fixture()
        let tip = try Self.launderedCommit(fixture)
        let before = fixture.serverRef("refs/heads/main")
        try fixture.client.git(["checkout", "-q", "main"])
        try fixture.client.git(["merge", "-q", "--no-ff", "-m", "Merge the sandbox", "sandbox/x"])
        let result = try fixture.push(["origin", "main"])
        #expect(result.status != 0, "\(result.stderr)")
        #expect(result.stderr.contains("commit \(tip.prefix(12))"), "the merged commit is named: \(result.stderr)")
        #expect(result.stderr.contains("2 new commits"), "the merge and what it brings: \(result.stderr)")
        #expect(fixture.serverRef("refs/heads/main") == before)
    }

    @Test func aNewProtectedRefIsJudgedOnWhatMainDoesNotHave() throws {
        let fixture = try Self.fixture()
        _ = try Self.launderedCommit(fixture)
        let result = try fixture.push(["origin", "sandbox/x:refs/heads/release/1.0"])
        #expect(result.status != 0, "\(result.stderr)")
        #expect(result.stderr.contains("BLOCK  refs/heads/release/1.0  new branch; 1 new commit"), "\(result.stderr)")
        #expect(fixture.serverRef("refs/heads/release/1.0") == nil)

        // A release branch cut from main brings nothing main has not been judged on.
        try fixture.client.git(["checkout", "-q", "main"])
        let clean = try fixture.push(["origin", "main:refs/heads/release/2.0"])
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(clean.stderr.contains("0 new commits"), "\(clean.stderr)")
    }

    @Test func forcePushAndDeletionOfMainAreRejectedOfALaxBranchAllowed() throws {
        let fixture = try Self.fixture()
        try fixture.client.git(["reset", "-q", "--hard", "HEAD~1"])
        try fixture.commitHarmless("rewritten")
        let force = try fixture.push(["--force", "origin", "main"])
        #expect(force.status != 0, "\(force.stderr)")
        #expect(force.stderr.contains("rule force-push"), "\(force.stderr)")
        #expect(force.stderr.contains("force_push"), "the message names the key: \(force.stderr)")
        #expect(force.stderr.contains("riskgate.waive"), "and how to waive: \(force.stderr)")

        let delete = try fixture.push(["origin", "--delete", "main"])
        #expect(delete.status != 0, "\(delete.stderr)")
        #expect(delete.stderr.contains("rule deletion"), "\(delete.stderr)")
        #expect(fixture.serverRef("refs/heads/main") != nil)

        try fixture.client.git(["checkout", "-q", "-b", "topic"])
        try fixture.commitHarmless("topic")
        #expect(try fixture.push(["origin", "topic"]).status == 0)
        try fixture.client.git(["commit", "-q", "--amend", "-m", "Document topic better"])
        let laxForce = try fixture.push(["--force", "origin", "topic"])
        #expect(laxForce.status == 0, "\(laxForce.stderr)")
        let laxDelete = try fixture.push(["origin", "--delete", "topic"])
        #expect(laxDelete.status == 0, "\(laxDelete.stderr)")
        #expect(fixture.serverRef("refs/heads/topic") == nil)
    }

    @Test func aWaivedForcePushIsAcceptedAndAudited() throws {
        let fixture = try Self.fixture()
        try fixture.client.git(["reset", "-q", "--hard", "HEAD~1"])
        let tip = try fixture.commitHarmless("rewritten")
        let result = try fixture.push(
            ["--force", "-o", "riskgate.waive=INC-7 revert a leaked secret", "origin", "main"],
            environment: ["TEST_PUSHER": "alice"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("WAIVED  refs/heads/main"), "\(result.stderr)")
        #expect(fixture.serverRef("refs/heads/main") == tip)
        let entry = try #require(try fixture.auditEntries().last)
        #expect(entry["decision"] as? String == "waiver")
        #expect((entry["findings"] as? [String])?.contains("range:refs/heads/main:force-push") == true, "\(entry)")
    }

    @Test func evaluateModeTellsAndAuditsButAccepts() throws {
        let fixture = try Self.fixture()
        try fixture.client.git(["checkout", "-q", "-b", "trial/rollout"])
        let tip = try fixture.commitRisky()
        let result = try fixture.push(["origin", "trial/rollout"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("WOULD BLOCK  refs/heads/trial/rollout"), "\(result.stderr)")
        #expect(result.stderr.contains("would block"), "\(result.stderr)")
        #expect(fixture.serverRef("refs/heads/trial/rollout") == tip)
        let entry = try #require(try fixture.auditEntries().last)
        #expect(entry["decision"] as? String == "evaluated", "\(entry)")
    }

    /// Standard levels, so that AI volume alone decides.
    static let volumeConfig = """
        version: 1
        policy:
          - refs: ["refs/heads/main"]
            max_ai_lines: 400
            require_traceability: block

        """

    @Test(arguments: [(540, true), (300, false)])
    func aiLinesOverTheLimitInOneUpdateAreRejected(_ lines: Int, _ rejected: Bool) throws {
        let fixture = try Self.fixture(Self.volumeConfig)
        try fixture.client.write("docs/guide.md", (1...lines).map { "line \($0)" }.joined(separator: "\n") + "\n")
        try fixture.client.commit(
            "Write the guide\n\nAI-Session: https://claude.ai/share/guide-1\nCo-Authored-By: Claude <noreply@anthropic.com>\n")
        let result = try fixture.push(["origin", "main"])
        #expect((result.status != 0) == rejected, "\(result.stderr)")
        if rejected {
            #expect(result.stderr.contains("rule ai-volume"), "\(result.stderr)")
            #expect(result.stderr.contains("adds \(lines) lines from AI commits"), "\(result.stderr)")
            #expect(result.stderr.contains("max_ai_lines (400)"), "\(result.stderr)")
        }
    }

    /// The report on the same commits meets the same range finding a push to main would.
    @Test func theReportShowsTheRangeFindingAboveTheCommits() throws {
        let fixture = try Self.fixture(Self.volumeConfig)
        try fixture.client.write(".riskgate.yml", Self.volumeConfig)
        try fixture.client.write(".git/info/exclude", ".riskgate.yml\n")
        try fixture.client.write("docs/guide.md", (1...540).map { "line \($0)" }.joined(separator: "\n") + "\n")
        try fixture.client.commit(
            "Write the guide\n\nAI-Session: https://claude.ai/share/guide-1\nCo-Authored-By: Claude <noreply@anthropic.com>\n")
        let json = try RiskgateBinary.run(["report", "--format", "json", "origin/main..main"], in: fixture.client.url)
        #expect(json.status == 1, "\(json.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        let summary = try #require(document["summary"] as? [String: Any])
        let findings = try #require(summary["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["rule"] as? String == "ai-volume" }, "\(summary)")
        #expect(summary["decision"] as? String == "block")
        let text = try RiskgateBinary.run(["report", "origin/main..main"], in: fixture.client.url)
        let rangeLine = try #require(text.stdout.range(of: "ai-volume"), "\(text.stdout)")
        let commitLine = try #require(text.stdout.range(of: "Write the guide"))
        #expect(rangeLine.lowerBound < commitLine.lowerBound, "range findings come first: \(text.stdout)")
    }

    @Test func aLowConfidenceAISignalNeverBlocksByItself() throws {
        let fixture = try Self.fixture(Self.volumeConfig)
        try fixture.client.write("docs/notes.md", "notes\n")
        let tip = try fixture.client.commit(
            "Update the notes\n\nCo-authored-by: Copilot <copilot@github.com>\n",
            author: (name: "Dana Human", email: "dana@example.com"))
        let explain = try RiskgateBinary.run(
            ["explain", "--config", fixture.configPath, "--ref", "main", tip], in: fixture.client.url)
        #expect(explain.stdout.contains("confidence low"), "\(explain.stdout)")
        #expect(explain.stdout.contains("require_traceability does not apply"), "\(explain.stdout)")
        let result = try fixture.push(["origin", "main"])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func pushesInsideAFreezeWindowAreRejectedAndAcceptedAfterIt() throws {
        let now = Int(Date().timeIntervalSince1970)
        func iso(_ seconds: Int) -> String {
            let formatter = ISO8601DateFormatter()
            formatter.timeZone = TimeZone(identifier: "UTC")
            return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        }
        func config(from: Int, until: Int) -> String {
            """
            version: 1
            policy:
              - refs: ["refs/heads/main"]
                freeze:
                  - from: \(iso(from))
                    until: \(iso(until))
                    reason: year-end change freeze

            """
        }
        let fixture = try Self.fixture(config(from: now - 3_600, until: now + 3_600))
        let tip = try fixture.commitHarmless("frozen")
        let frozen = try fixture.push(["origin", "main"])
        #expect(frozen.status != 0, "\(frozen.stderr)")
        #expect(frozen.stderr.contains("rule freeze"), "\(frozen.stderr)")
        #expect(frozen.stderr.contains("year-end change freeze"), "\(frozen.stderr)")

        try fixture.setConfig(config(from: now - 7_200, until: now - 60))
        let thawed = try fixture.push(["origin", "main"])
        #expect(thawed.status == 0, "\(thawed.stderr)")
        #expect(fixture.serverRef("refs/heads/main") == tip)
    }

    @Test func theAIKillSwitchStopsAICommitsUntilLifted() throws {
        let fixture = try Self.fixture("version: 1\n")
        let on = try RiskgateBinary.run(
            ["freeze", "--ai", "--reason", "INC-812 agent deleted staging", "-C", fixture.server.path])
        #expect(on.status == 0, "\(on.stderr)")
        let status = try RiskgateBinary.run(["freeze", "--status", "-C", fixture.server.path])
        #expect(status.stdout.contains("AI kill switch ON: INC-812 agent deleted staging"), "\(status.stdout)")

        try fixture.commitHarmless("human work")
        #expect(try fixture.push(["origin", "main"]).status == 0, "human commits still go through")

        try fixture.client.write("src/ai.txt", "generated\n")
        let aiTip = try fixture.client.commit("Generate\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n")
        let stopped = try fixture.push(["origin", "main"])
        #expect(stopped.status != 0, "\(stopped.stderr)")
        #expect(stopped.stderr.contains("INC-812 agent deleted staging"), "\(stopped.stderr)")
        #expect(stopped.stderr.contains("riskgate freeze --lift"), "\(stopped.stderr)")

        let lift = try RiskgateBinary.run(["freeze", "--lift", "-C", fixture.server.path])
        #expect(lift.status == 0, "\(lift.stderr)")
        let after = try fixture.push(["origin", "main"])
        #expect(after.status == 0, "\(after.stderr)")
        #expect(fixture.serverRef("refs/heads/main") == aiTip)
        let decisions = try fixture.auditEntries().compactMap { $0["decision"] as? String }
        #expect(decisions.contains("kill-switch") && decisions.contains("kill-switch-lifted"), "\(decisions)")
    }

    @Test(arguments: [
        ("    mode: lenient\n", "policy[0].mode", "must be enforce or evaluate"),
        ("    freeze: [{from: 2027-01-04T00:00:00Z, until: 2026-12-20T00:00:00Z}]\n", "policy[0].freeze[0].until", "after 'from'"),
        ("    freeze: [{from: next monday, until: 2026-12-20T00:00:00Z}]\n", "policy[0].freeze[0].from", "RFC 3339"),
        ("    max_ai_lines: -5\n", "policy[0].max_ai_lines", "zero or more"),
        ("    force_push: maybe\n", "policy[0].force_push", "allow, flag or block"),
    ])
    func badPolicyValuesAreClearErrors(_ line: String, _ key: String, _ message: String) throws {
        let repo = try TemporaryRepository()
        let text = "version: 1\npolicy:\n  - refs: [main]\n" + line
        try repo.write("gate.yml", text)
        let result = try RiskgateBinary.run(["rules", "list", "--config", repo.path + "/gate.yml"], in: repo.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("gate.yml:4: \(key): "), "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
