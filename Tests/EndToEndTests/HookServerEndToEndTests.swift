import Foundation
import RiskgateTestSupport
import Testing

/// pre-receive and update hooks on real bare repositories, pushed to with the real git CLI.
@Suite(.serialized)
struct HookServerEndToEndTests {
    @Test func harmlessPushIsAccepted() throws {
        let fixture = try HookFixture()
        let tip = try fixture.commitHarmless("usage")
        let result = try fixture.push(["origin", "main"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("riskgate pre-receive: push allowed (1 ref, 1 new commit"))
        #expect(fixture.serverRef("refs/heads/main") == tip)
        let entries = try fixture.auditEntries()
        #expect(entries.last?["decision"] as? String == "allow")
    }

    @Test func riskyPushIsRejectedWithAnActionableMessage() throws {
        let fixture = try HookFixture()
        let before = fixture.serverRef("refs/heads/main")
        let tip = try fixture.commitRisky()
        let result = try fixture.push(["origin", "main"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("BLOCK  refs/heads/main  branch updated; 1 new commit"), "\(result.stderr)")
        #expect(result.stderr.contains("commit \(tip.prefix(12))"))
        #expect(result.stderr.contains("rule github-workflow"))
        #expect(result.stderr.contains("git push -o 'riskgate.waive=<reason>'"))
        #expect(result.stderr.contains("pre-receive hook declined"))
        #expect(fixture.serverRef("refs/heads/main") == before)
        let entry = try #require(try fixture.auditEntries().last)
        #expect(entry["decision"] as? String == "block")
        #expect((entry["findings"] as? [String])?.contains { $0.contains("github-workflow") } == true)
    }

    @Test(arguments: [false, true])
    func oneBadRefRejectsTheWholePushAndEveryRefHasAVerdict(atomic: Bool) throws {
        let fixture = try HookFixture()
        try fixture.client.git(["checkout", "-q", "-b", "feature"])
        try fixture.commitHarmless("feature")
        try fixture.client.git(["checkout", "-q", "main"])
        try fixture.commitRisky()
        let before = fixture.serverRef("refs/heads/main")
        let result = try fixture.push((atomic ? ["--atomic"] : []) + ["origin", "main", "feature"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("push rejected (2 refs: 1 block, 1 allow)"), "\(result.stderr)")
        #expect(result.stderr.contains("BLOCK  refs/heads/main"))
        #expect(result.stderr.contains("ALLOW  refs/heads/feature  new branch; 1 new commit"))
        #expect(result.stderr.contains("no ref was updated"))
        #expect(fixture.serverRef("refs/heads/main") == before)
        #expect(fixture.serverRef("refs/heads/feature") == nil)
    }

    @Test func newBranchCountsOnlyCommitsTheServerLacks() throws {
        let fixture = try HookFixture()
        try fixture.client.git(["checkout", "-q", "-b", "topic", "main~1"])
        try fixture.commitHarmless("topic")
        let result = try fixture.push(["origin", "topic"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("push allowed (1 ref, 1 new commit"), "\(result.stderr)")
    }

    @Test func branchRepointedToCommitsAlreadyOnTheServerHasNoNewCommits() throws {
        let fixture = try HookFixture()
        // The risky commit is on the server already (pushed before the gate was configured to block).
        try fixture.setConfig("version: 1\n")
        try fixture.commitRisky()
        #expect(try fixture.push(["origin", "main"]).status == 0)
        try fixture.setConfig(HookFixture.adminConfig)
        for (source, target) in [("main", "refs/heads/copy"), ("main~1", "refs/heads/older")] {
            let result = try fixture.push(["origin", "\(source):\(target)"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("push allowed (1 ref, 0 new commits"), "\(result.stderr)")
        }
    }

    @Test func deletionIsAllowedAndRecorded() throws {
        let fixture = try HookFixture()
        #expect(try fixture.push(["origin", "main:refs/heads/doomed"]).status == 0)
        let result = try fixture.push(["origin", ":refs/heads/doomed"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(fixture.serverRef("refs/heads/doomed") == nil)
        let entry = try #require(try fixture.auditEntries().last)
        let refs = try #require(entry["refs"] as? [[String: String]])
        #expect(refs.first?["ref"] == "refs/heads/doomed" && refs.first?["new"] == String(repeating: "0", count: 40))
    }

    @Test(arguments: [true, false])
    func tagsOnNewRiskyCommitsAreJudged(annotated: Bool) throws {
        let fixture = try HookFixture()
        try fixture.client.git(["checkout", "-q", "--detach"])
        try fixture.commitRisky()
        try fixture.client.git(annotated ? ["tag", "-a", "-m", "release", "v1"] : ["tag", "v1"])
        let result = try fixture.push(["origin", "refs/tags/v1"])
        #expect(result.status != 0)
        let kind = annotated ? "annotated" : "lightweight"
        #expect(result.stderr.contains("BLOCK  refs/tags/v1  new \(kind) tag; 1 new commit"), "\(result.stderr)")
        #expect(fixture.serverRef("refs/tags/v1") == nil)
    }

    @Test func tagOfACommitAlreadyOnTheServerIsAllowed() throws {
        let fixture = try HookFixture()
        try fixture.client.git(["tag", "-a", "-m", "release", "v0", "main"])
        let result = try fixture.push(["origin", "v0"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("0 new commits"))
    }

    @Test func forcePushReportsRewrittenHistory() throws {
        let fixture = try HookFixture()
        try fixture.client.git(["reset", "-q", "--hard", "main~1"])
        try fixture.commitHarmless("rewrite")
        let result = try fixture.push(["--force", "origin", "main"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("ALLOW  refs/heads/main  branch force-pushed: history rewritten"), "\(result.stderr)")
        #expect(result.stderr.contains("1 new commit"))
    }

    @Test(arguments: [("alice", true), ("mallory", false)])
    func waiverByPushOption(pusher: String, accepted: Bool) throws {
        let fixture = try HookFixture()
        let tip = try fixture.commitRisky()
        let result = try fixture.push(
            ["-o", "riskgate.waive=hotfix for INC-7", "origin", "main"], environment: ["GITHUB_USER_LOGIN": pusher])
        if accepted {
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("WAIVED  refs/heads/main"))
            #expect(result.stderr.contains("waived by alice: \"hotfix for INC-7\""))
            #expect(fixture.serverRef("refs/heads/main") == tip)
            let entry = try #require(try fixture.auditEntries().last)
            #expect(entry["decision"] as? String == "waiver")
            #expect((entry["waiver"] as? [String: String])?["by"] == "alice")
        } else {
            #expect(result.status != 0)
            #expect(result.stderr.contains("waiver refused: mallory may not waive"), "\(result.stderr)")
            #expect(fixture.serverRef("refs/heads/main") != tip)
        }
    }

    @Test func unwaivableCategoryIsNeverWaived() throws {
        let fixture = try HookFixture()
        try fixture.client.write(".riskgate.yml", "version: 1\n")
        try fixture.client.commit("Relax the gate")
        let result = try fixture.push(["-o", "riskgate.waive=trust me", "origin", "main"], environment: ["GITHUB_USER_LOGIN": "alice"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("gate-self cannot be waived"), "\(result.stderr)")
    }

    @Test func gitLabEnvironmentPrefixesEveryLine() throws {
        let fixture = try HookFixture()
        try fixture.commitRisky()
        let result = try fixture.push(["origin", "main"], environment: ["GL_USERNAME": "dev", "GL_PROTOCOL": "ssh", "GL_ID": "user-1"])
        #expect(result.status != 0)
        let lines = result.stderr.split(separator: "\n").filter { $0.hasPrefix("remote: ") }
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { $0.hasPrefix("remote: GL-HOOK-ERR: ") }, "\(result.stderr)")
        #expect(result.stderr.contains("pusher dev"))
    }

    /// GL-HOOK-ERR: marks rejections in GitLab's web UI; an accepted push must not look like one.
    @Test func gitLabAllowedPushCarriesNoErrorPrefix() throws {
        let fixture = try HookFixture()
        try fixture.commitHarmless("gitlab")
        let result = try fixture.push(["origin", "main"], environment: ["GL_USERNAME": "dev", "GL_PROTOCOL": "ssh", "GL_ID": "user-1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("riskgate pre-receive: push allowed"), "\(result.stderr)")
        #expect(!result.stderr.contains("GL-HOOK-ERR"), "\(result.stderr)")
    }

    @Test(arguments: ["block", "allow"])
    func tinyDeadlineMakesTheVerdictIncomplete(onTimeout: String) throws {
        let fixture = try HookFixture()
        try fixture.setConfig(HookFixture.adminConfig.replacingOccurrences(of: "deadline: 4s", with: "deadline: 0ms")
            .replacingOccurrences(of: "on_timeout: block", with: "on_timeout: \(onTimeout)"))
        let tip = try fixture.commitHarmless("late")
        let result = try fixture.push(["origin", "main"])
        #expect(result.stderr.contains("INCOMPLETE  refs/heads/main"), "\(result.stderr)")
        // A 0 ms deadline passes before the commits are even listed: that is covered too.
        #expect(
            result.stderr.contains("0 of 1 commits analysed before the 0 ms deadline")
                || result.stderr.contains("the 0 ms deadline passed before this ref's commits could be listed"),
            "\(result.stderr)")
        #expect(result.stderr.contains("on_timeout=\(onTimeout) decides"))
        #expect((result.status == 0) == (onTimeout == "allow"))
        #expect((fixture.serverRef("refs/heads/main") == tip) == (onTimeout == "allow"))
        #expect(try fixture.auditEntries().last?["decision"] as? String == "incomplete")
    }

    @Test(arguments: [("block", false), (nil, true)] as [(String?, Bool)])
    func corruptConfigurationFollowsTheFailurePolicy(onError: String?, accepted: Bool) throws {
        let fixture = try HookFixture()
        try fixture.setConfig("version: 1\npolicy: [unclosed\n")
        if let onError { try fixture.server.git(["config", "riskgate.onError", onError]) }
        try fixture.commitHarmless("config")
        let result = try fixture.push(["origin", "main"])
        #expect((result.status == 0) == accepted, "\(result.stderr)")
        // The pusher learns that the gate is broken, not the admin's file and its lines; the
        // admin finds the details in the audit entry and the hook error log.
        #expect(result.stderr.contains("ERROR: the gate's configuration is broken; an admin has been told"), "\(result.stderr)")
        #expect(!result.stderr.contains(fixture.configPath), "\(result.stderr)")
        #expect(result.stderr.contains("on_error (git config riskgate.onError)=\(onError ?? "flag") decides"))
        let entry = try #require(try fixture.auditEntries().last)
        #expect(entry["decision"] as? String == "error")
        #expect((entry["detail"] as? String)?.contains("\(fixture.configPath) is invalid") == true, "\(entry)")
        let log = try String(contentsOfFile: fixture.server.path + "/riskgate/hook-errors.log", encoding: .utf8)
        #expect(log.contains("\(fixture.configPath) is invalid"), "\(log)")
    }

    @Test func updateHookRejectsOnlyTheBlockedRef() throws {
        let fixture = try HookFixture(installArguments: ["--update-hook"])
        try fixture.client.git(["checkout", "-q", "-b", "feature"])
        let good = try fixture.commitHarmless("feature")
        try fixture.client.git(["checkout", "-q", "main"])
        try fixture.commitRisky()
        let before = fixture.serverRef("refs/heads/main")
        let result = try fixture.push(["origin", "main", "feature"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("BLOCK  refs/heads/main"), "\(result.stderr)")
        #expect(result.stderr.contains("hook declined"))
        #expect(fixture.serverRef("refs/heads/main") == before)
        #expect(fixture.serverRef("refs/heads/feature") == good)
    }

    @Test(arguments: [
        "not a line\n", "\(String(repeating: "1", count: 40)) \(String(repeating: "2", count: 40)) main\n",
        "\(String(repeating: "1", count: 40)) \(String(repeating: "2", count: 40)) refs/heads/main",
    ])
    func malformedInputIsAnErrorNeverASilentPass(input: String) throws {
        let fixture = try HookFixture()
        let result = try RiskgateBinary.run(["hook", "pre-receive"], in: fixture.server.url, input: Data(input.utf8))
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("pre-receive: input line 1"))
    }
}
