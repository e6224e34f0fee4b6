import Foundation
import RiskgateTestSupport
import Testing

/// The hooks with and without a history index, on real repositories pushed to with the real git
/// CLI: findings from the index (never a history walk), "unavailable" without one, the server's
/// post-receive keeping the index fresh, and configuration only from the admin.
@Suite(.serialized)
struct HistoryHookEndToEndTests {
    /// revert-hotspot weighted so that it alone flags a commit (levels: high from 50).
    static let historyConfig = """
        version: 1
        rules:
          points: {revert-hotspot: 60}
        policy:
          - refs: ["refs/**"]
            flag: high

        """

    /// Two changes to deploy/values.yaml, each reverted (git's message, fixed dates).
    static func makeRevertHotspot(_ repo: TemporaryRepository) throws {
        for round in 0..<2 {
            try repo.write("deploy/values.yaml", "replicas: \(round + 2)\n")
            let id = try repo.commit("Scale to \(round + 2)")
            try repo.write("deploy/values.yaml", "replicas: 1\n")
            try repo.commit("Revert \"Scale to \(round + 2)\"\n\nThis reverts commit \(id).\n")
        }
    }

    static func status(_ repository: String) throws -> String {
        try RiskgateBinary.run(["history", "status", "-C", repository]).stdout
    }

    @Test func installServerBuildsTheIndexAndPostReceiveKeepsItFresh() throws {
        let fixture = try HookFixture(config: nil)
        #expect(FileManager.default.fileExists(atPath: fixture.server.path + "/hooks/post-receive"))
        var status = try Self.status(fixture.server.path)
        #expect(status.contains("status: up to date"), "\(status)")
        #expect(status.contains("commits: 2 (0 appended"), "\(status)")
        try fixture.commitHarmless("one")
        try fixture.commitHarmless("two")
        let result = try fixture.push(["origin", "main"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("history index: 2 commits"), "\(result.stderr)")
        status = try Self.status(fixture.server.path)
        #expect(status.contains("status: up to date"), "\(status)")
        #expect(status.contains("commits: 4 (2 appended"), "\(status)")
        // A push to another branch leaves the index (of HEAD) as it is.
        #expect(try fixture.push(["origin", "main:refs/heads/other"]).status == 0)
        #expect(try Self.status(fixture.server.path).contains("commits: 4 (2 appended"))
    }

    @Test(arguments: [[], ["--update-hook"]])
    func serverHooksAddHistoryFindingsFromTheIndex(_ install: [String]) throws {
        let fixture = try HookFixture(config: Self.historyConfig, installArguments: install)
        try Self.makeRevertHotspot(fixture.client)
        #expect(try fixture.push(["origin", "main"]).status == 0)
        // The pushed tree tries to switch history off and to zero the rule: the server ignores it.
        try fixture.client.write(".riskgate.yml", "version: 1\nhistory: {enabled: false}\nrules:\n  points: {revert-hotspot: 0}\n")
        try fixture.client.commit("Switch history off")
        try fixture.client.write("deploy/values.yaml", "replicas: 5\n")
        let tip = try fixture.client.commit("Scale to 5")
        let result = try fixture.push(["origin", "main"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("commit \(tip.prefix(12))"), "\(result.stderr)")
        #expect(
            result.stderr.contains(
                "rule revert-hotspot [history] +60 in deploy/values.yaml: 2 of the last 4 changes to deploy/values.yaml were reverted"),
            "\(result.stderr)")
        #expect(result.stderr.contains("history index: 6 commits"), "\(result.stderr)")
        #expect(!result.stderr.contains("history findings are disabled"), "\(result.stderr)")
    }

    @Test func withoutAnIndexHistoryIsUnavailableNotGuessed() throws {
        let fixture = try HookFixture(config: Self.historyConfig, installArguments: ["--no-history"])
        #expect(!FileManager.default.fileExists(atPath: fixture.server.path + "/hooks/post-receive"))
        try Self.makeRevertHotspot(fixture.client)
        try fixture.client.write("deploy/values.yaml", "replicas: 5\n")
        try fixture.client.commit("Scale to 5")
        let result = try fixture.push(["origin", "main"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("revert-hotspot"), "\(result.stderr)")
        // The admin's business, not every pusher's: it goes to the server's hook log.
        #expect(!result.stderr.contains("history findings are unavailable"), "\(result.stderr)")
        let log = try String(contentsOfFile: fixture.server.path + "/riskgate/hook-errors.log", encoding: .utf8)
        #expect(log.contains("history findings are unavailable: no history index"), "\(log)")
        #expect(try Self.status(fixture.server.path).contains("status: missing"))
    }

    @Test func adminCanSwitchHistoryOff() throws {
        let fixture = try HookFixture(config: Self.historyConfig + "history: {enabled: false}\n")
        try Self.makeRevertHotspot(fixture.client)
        #expect(try fixture.push(["origin", "main"]).status == 0)
        try fixture.client.write("deploy/values.yaml", "replicas: 5\n")
        try fixture.client.commit("Scale to 5")
        let result = try fixture.push(["origin", "main"])
        #expect(!result.stderr.contains("revert-hotspot"), "\(result.stderr)")
        #expect(!result.stderr.contains("history findings are"), "the admin chose it; pushers are not told: \(result.stderr)")
    }

    @Test func prePushUsesTheClientsIndex() throws {
        let fixture = try HookFixture(config: nil, installArguments: ["--no-history"])
        let client = fixture.client
        try Self.makeRevertHotspot(client)
        #expect(try fixture.push(["origin", "main"]).status == 0)
        try client.write(".riskgate.yml", Self.historyConfig)
        try client.write(".git/info/exclude", ".riskgate.yml\n")
        #expect(try RiskgateBinary.run(["install"], in: client.url).status == 0)
        try client.write("deploy/values.yaml", "replicas: 5\n")
        try client.commit("Scale to 5")
        var result = try fixture.push(["origin", "main:refs/heads/no-index"])
        #expect(result.stderr.contains("history findings are unavailable: no history index"), "\(result.stderr)")
        try client.write("deploy/values.yaml", "replicas: 6\n")
        try client.commit("Scale to 6")
        #expect(try RiskgateBinary.run(["history", "build"], in: client.url).status == 0)
        result = try fixture.push(["origin", "main"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("riskgate pre-push: push allowed with flags (1 ref: 1 flag)"), "\(result.stderr)")
        // The client's index has the commit itself: it is judged on the history before it.
        #expect(
            result.stderr.contains("rule revert-hotspot [history] +60 in deploy/values.yaml: 2 of the last 5 changes"),
            "\(result.stderr)")
    }

    /// A force push rewrites the indexed branch: post-receive does not make the pusher wait for
    /// a rebuild; it starts one in the background, and the index catches up.
    @Test func rewrittenBranchIsRebuiltInTheBackground() throws {
        let fixture = try HookFixture(config: nil)
        try fixture.commitHarmless("one")
        #expect(try fixture.push(["origin", "main"]).status == 0)
        try fixture.client.git(["reset", "-q", "--hard", "HEAD~2"])
        let tip = try fixture.commitHarmless("rewritten")
        let result = try fixture.push(["-f", "origin", "main"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("rebuilding it in the background"), "\(result.stderr)")
        var status = ""
        for _ in 0..<100 {
            status = try Self.status(fixture.server.path)
            if status.contains("status: up to date") && status.contains("tips: \(tip.prefix(12))") { break }
            usleep(100_000)
        }
        #expect(status.contains("status: up to date"), "\(status)")
        #expect(status.contains("commits: 2 (0 appended"), "\(status)")
    }

    /// The shim a platform copies into `post-receive.d/`: it keeps the index fresh, and a
    /// missing riskgate is reported without failing anything.
    @Test func postReceiveShimUpdatesTheIndexAndNeverFails() throws {
        let fixture = try HookFixture(config: nil, installArguments: ["--no-history"])
        #expect(try RiskgateBinary.run(["history", "build", "-C", fixture.server.path]).status == 0)
        let shim = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("hooks/post-receive").path
        let installed = fixture.server.path + "/hooks/post-receive"
        try FileManager.default.copyItem(atPath: shim, toPath: installed)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: installed)
        // A server shim takes RISKGATE only from the admin's riskgate.env beside it.
        try Data("RISKGATE='\(RiskgateBinary.path)'\n".utf8).write(to: URL(fileURLWithPath: fixture.server.path + "/hooks/riskgate.env"))
        try fixture.commitHarmless("shim")
        #expect(try fixture.push(["origin", "main"]).status == 0)
        #expect(try Self.status(fixture.server.path).contains("commits: 3 (1 appended"))
        let missing = try Shell.run(
            "/bin/sh", [shim], input: Data(), environment: ["RISKGATE": nil, "PATH": "/nonexistent"])
        #expect(missing.status == 0)
        #expect(missing.stderr.contains("the history index was not updated"), "\(missing.stderr)")
    }

    @Test func badHistoryConfigurationIsAnErrorWithItsLine() throws {
        let fixture = try HookFixture(config: nil, installArguments: ["--no-history"])
        let config = fixture.server.url.deletingLastPathComponent().appendingPathComponent("bad.yml").path
        try Data("version: 1\nhistory:\n  fix_window: soon\n  min_fixed: 0\n".utf8).write(to: URL(fileURLWithPath: config))
        let result = try RiskgateBinary.run(["history", "build", "-C", fixture.server.path, "--config", config])
        #expect(result.status == 2)
        #expect(result.stderr.contains("bad.yml:3: history: 'fix_window' must be a duration"), "\(result.stderr)")
        #expect(result.stderr.contains("bad.yml:4: history: 'min_fixed' must be between 1 and 1000, not 0"), "\(result.stderr)")
    }
}
