import Foundation
import RiskgateTestSupport
import Testing

/// The client pre-push hook installed with `riskgate install`, chaining and uninstalling.
@Suite(.serialized)
struct HookClientEndToEndTests {
    /// A client whose pre-push hook is installed, with a `.riskgate.yml` in its work tree (kept
    /// out of the commits) that blocks one default rule's worth of risk.
    static func clientFixture() throws -> HookFixture {
        let fixture = try HookFixture(config: "version: 1\n")
        try fixture.client.write(".riskgate.yml", HookFixture.adminConfig + "identity_env: TEAM_LOGIN\n")
        try fixture.client.write(".git/info/exclude", ".riskgate.yml\n")
        return fixture
    }

    static func install(_ fixture: HookFixture) throws -> ProcessResult {
        try RiskgateBinary.run(["install"], in: fixture.client.url)
    }

    @Test func prePushBlocksRiskyCommitsBeforeTheyLeave() throws {
        let fixture = try Self.clientFixture()
        #expect(try Self.install(fixture).status == 0)
        let before = fixture.serverRef("refs/heads/main")
        try fixture.commitRisky()
        let result = try fixture.push(["origin", "main"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("riskgate pre-push: push stopped"), "\(result.stderr)")
        #expect(result.stderr.contains("BLOCK  refs/heads/main"))
        #expect(result.stderr.contains("RISKGATE_WAIVE='<reason>' git push"))
        #expect(fixture.serverRef("refs/heads/main") == before)
    }

    @Test func clientWaiverLetsThePushThrough() throws {
        let fixture = try Self.clientFixture()
        #expect(try Self.install(fixture).status == 0)
        let tip = try fixture.commitRisky()
        let result = try fixture.push(["origin", "main"], environment: ["RISKGATE_WAIVE": "demo in an hour", "TEAM_LOGIN": "alice"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("WAIVED  refs/heads/main"))
        #expect(fixture.serverRef("refs/heads/main") == tip)
        try fixture.commitRisky("release")
        let refused = try fixture.push(["origin", "main"], environment: ["RISKGATE_WAIVE": " ", "TEAM_LOGIN": "alice"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("waiver refused: a waiver needs a reason"), "\(refused.stderr)")
        let stranger = try fixture.push(["origin", "main"], environment: ["RISKGATE_WAIVE": "please", "TEAM_LOGIN": "bob"])
        #expect(stranger.status != 0)
        #expect(stranger.stderr.contains("bob may not waive"), "\(stranger.stderr)")
    }

    @Test func newBranchScoresOnlyCommitsNotOnTheRemote() throws {
        let fixture = try Self.clientFixture()
        #expect(try Self.install(fixture).status == 0)
        try fixture.client.git(["checkout", "-q", "-b", "topic"])
        try fixture.commitHarmless("one")
        try fixture.commitHarmless("two")
        let result = try fixture.push(["origin", "topic"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("riskgate pre-push: push allowed (1 ref, 2 new commits"), "\(result.stderr)")
    }

    @Test func existingHookIsChainedAndRunsFirst() throws {
        let fixture = try Self.clientFixture()
        let hooks = fixture.client.url.appendingPathComponent(".git/hooks")
        let log = fixture.client.url.deletingLastPathComponent().appendingPathComponent("chained.log").path
        let original = "#!/bin/sh\necho \"args: $*\" >> '\(log)'\ncat >> '\(log)'\nexit ${CHAINED_EXIT:-0}\n"
        try fixture.client.write(".git/hooks/pre-push", original)
        try Shell.run("chmod", ["+x", hooks.appendingPathComponent("pre-push").path])

        let first = try Self.install(fixture)
        #expect(first.status == 0 && first.stdout.contains("the previous hook runs first"), "\(first.stdout)\(first.stderr)")
        let again = try Self.install(fixture)
        #expect(again.stdout.contains("already installed"), "\(again.stdout)")

        let tip = try fixture.commitHarmless("chained")
        let result = try fixture.push(["origin", "main"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("riskgate pre-push: push allowed"))
        let logged = try String(contentsOfFile: log, encoding: .utf8)
        #expect(logged.contains("args: origin \(fixture.server.path)"))
        #expect(logged.contains("refs/heads/main \(tip) refs/heads/main"), "the chained hook saw the same stdin: \(logged)")

        try fixture.commitHarmless("stopped")
        let stopped = try fixture.push(["origin", "main"], environment: ["CHAINED_EXIT": "3"])
        #expect(stopped.status != 0)
        #expect(!stopped.stderr.contains("riskgate pre-push"), "riskgate does not run after the chained hook fails")

        let removed = try RiskgateBinary.run(["uninstall"], in: fixture.client.url)
        #expect(removed.stdout.contains("restored the previous hook"), "\(removed.stdout)")
        let restored = try String(contentsOf: hooks.appendingPathComponent("pre-push"), encoding: .utf8)
        #expect(restored == original)
        #expect(!FileManager.default.fileExists(atPath: hooks.appendingPathComponent("pre-push.riskgate-chained").path))
    }

    @Test func installHonoursCoreHooksPath() throws {
        let fixture = try Self.clientFixture()
        try fixture.client.git(["config", "core.hooksPath", ".githooks"])
        let result = try Self.install(fixture)
        #expect(result.status == 0, "\(result.stderr)")
        let hook = fixture.client.url.appendingPathComponent(".githooks/pre-push").path
        #expect(FileManager.default.isExecutableFile(atPath: hook))
        #expect(!FileManager.default.fileExists(atPath: fixture.client.url.appendingPathComponent(".git/hooks/pre-push").path))
        try fixture.commitRisky()
        #expect(try fixture.push(["origin", "main"]).status != 0)
    }

    @Test func shimSaysWhatToDoWhenRiskgateIsMissing() throws {
        let shim = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("hooks/pre-push").path
        let result = try Shell.run("/bin/sh", [shim, "origin", "url"], input: Data(), environment: ["RISKGATE": nil, "PATH": "/nonexistent"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("set RISKGATE=/path/to/riskgate"))
    }
}
