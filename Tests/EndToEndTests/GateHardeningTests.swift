import Foundation
import RiskgateTestSupport
import Testing

/// The server gate against its own pushers: the executable cannot be swapped from the pusher's
/// environment, nothing is decided unrecorded, deadlines fail closed where the policy blocks,
/// the audit head is anchored in a ref the pushers cannot move.
@Suite(.serialized)
struct GateHardeningTests {
    @Test func aPushersRiskgateVariableDoesNotReplaceTheServerGate() throws {
        let fixture = try HookFixture()
        let before = fixture.serverRef("refs/heads/main")
        try fixture.commitRisky()
        let result = try fixture.push(["origin", "main"], environment: ["RISKGATE": "/bin/true"])
        #expect(result.status != 0, "\(result.stderr)")
        #expect(result.stderr.contains("BLOCK  refs/heads/main"), "\(result.stderr)")
        #expect(fixture.serverRef("refs/heads/main") == before)
    }

    /// A waiver that cannot be recorded is no waiver; an allowed push under an unwritable log
    /// follows on_error (block here).
    @Test func nothingIsDecidedUnrecorded() throws {
        let fixture = try HookFixture()
        // The log's folder would have to be a file: no process, root included, can write it.
        try Data("not a folder\n".utf8).write(to: fixture.server.url.appendingPathComponent("blocker"))
        try fixture.setConfig(HookFixture.adminConfig + "audit: {path: blocker/audit.jsonl}\n")
        let before = fixture.serverRef("refs/heads/main")
        try fixture.commitRisky()
        let waived = try fixture.push(
            ["-o", "riskgate.waive=hotfix for INC-9", "origin", "main"], environment: ["GITHUB_USER_LOGIN": "alice"])
        #expect(waived.status != 0, "\(waived.stderr)")
        #expect(waived.stderr.contains("the audit log could not be written"), "\(waived.stderr)")
        #expect(waived.stderr.contains("waiver refused"), "\(waived.stderr)")
        #expect(fixture.serverRef("refs/heads/main") == before)

        try fixture.client.git(["reset", "-q", "--hard", "HEAD~1"])
        try fixture.commitHarmless("clean")
        let clean = try fixture.push(["origin", "main"])
        #expect(clean.status != 0, "on_error: block holds for an unrecorded allow: \(clean.stderr)")
        #expect(clean.stderr.contains("the audit log could not be written"), "\(clean.stderr)")
    }

    /// With no on_timeout configured, a ref whose policy blocks fails closed: a commit that
    /// takes the whole deadline cannot carry an unanalysed one in.
    @Test func anIncompleteVerdictOnABlockingRefBlocksByDefault() throws {
        let fixture = try HookFixture()
        try fixture.setConfig(
            HookFixture.adminConfig.replacingOccurrences(of: "deadline: 4s", with: "deadline: 0ms")
                .replacingOccurrences(of: "on_timeout: block\n", with: ""))
        try fixture.commitRisky()
        try fixture.commitHarmless("after")
        let result = try fixture.push(["origin", "main"])
        #expect(result.status != 0, "\(result.stderr)")
        #expect(result.stderr.contains("INCOMPLETE  refs/heads/main"), "\(result.stderr)")
        #expect(result.stderr.contains("on_timeout=block decides"), "\(result.stderr)")

        // And an incomplete verdict never waives past an unwaivable category.
        let waived = try fixture.push(
            ["-o", "riskgate.waive=trust me", "origin", "main"], environment: ["GITHUB_USER_LOGIN": "alice"])
        #expect(waived.status != 0, "\(waived.stderr)")
        #expect(waived.stderr.contains("not every commit was analysed"), "\(waived.stderr)")
    }

    @Test func theAuditHeadIsAnchoredInARefThatPushesCannotMove() throws {
        let fixture = try HookFixture()
        try fixture.commitHarmless("one")
        #expect(try fixture.push(["origin", "main"]).status == 0)
        try fixture.commitHarmless("two")
        #expect(try fixture.push(["origin", "main"]).status == 0)
        let head = try fixture.server.git(["cat-file", "-p", "refs/riskgate/audit-head"])
        let entries = try fixture.auditEntries()
        #expect(head.hasPrefix("\(entries.count) "), "\(head) vs \(entries.count) entries")
        #expect(try RiskgateBinary.run(["audit", "verify", "-C", fixture.server.path]).status == 0)

        // Deleting the last entry is caught without any anchor kept by hand.
        let path = fixture.server.path + "/riskgate/audit.jsonl"
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        try Data((lines.dropLast().joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        let verify = try RiskgateBinary.run(["audit", "verify", "-C", fixture.server.path])
        #expect(verify.status == 1, "\(verify.stdout)\(verify.stderr)")

        // Pushers cannot move or delete the anchor.
        let moved = try fixture.push(["--force", "origin", "main:refs/riskgate/audit-head"])
        #expect(moved.status != 0, "\(moved.stderr)")
        #expect(moved.stderr.contains("rule gate-ref"), "\(moved.stderr)")
        let deleted = try fixture.push(["origin", "--delete", "refs/riskgate/audit-head"])
        #expect(deleted.status != 0, "\(deleted.stderr)")
    }

    @Test func aSharedRepositoryGetsAGroupWritableAuditFolder() throws {
        let server = try TemporaryRepository(bare: true, name: "shared.git")
        try server.git(["config", "core.sharedRepository", "group"])
        let install = try RiskgateBinary.run(["install", "--server", server.path, "--no-history"])
        #expect(install.status == 0, "\(install.stderr)")
        #expect(install.stdout.contains("created group-writable"), "\(install.stdout)")
        let attributes = try FileManager.default.attributesOfItem(atPath: server.path + "/riskgate")
        let mode = try #require(attributes[.posixPermissions] as? Int)
        #expect(mode & 0o070 == 0o070, "\(String(mode, radix: 8))")
    }

    @Test func aClientWaiverIsRecordedUnderGitsIdentity() throws {
        let fixture = try HookFixture(config: "version: 1\n")
        try fixture.client.write(".riskgate.yml", HookFixture.adminConfig.replacingOccurrences(of: "  allowed: [alice]\n", with: "  allowed: []\n"))
        try fixture.client.write(".git/info/exclude", ".riskgate.yml\n")
        #expect(try RiskgateBinary.run(["install"], in: fixture.client.url).status == 0)
        try fixture.client.git(["config", "user.email", "dana@example.com"])
        try fixture.commitRisky()
        let result = try fixture.push(["origin", "main"], environment: ["RISKGATE_WAIVE": "demo in an hour"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("waived by dana@example.com"), "\(result.stderr)")
    }

    /// `require_traceability: verified`: a link anyone can type is not enough; once the record
    /// it names is pushed (a riskgate prompt record on refs/notes/riskgate), the commit passes.
    @Test func verifiedTraceabilityRefusesADanglingLinkUntilItsRecordIsPushed() throws {
        let config = "version: 1\npolicy:\n  - refs: [main]\n    require_traceability: verified\n"
        let fixture = try HookFixture(config: config)
        try fixture.client.write("src/retry.swift", "let retries = 3\n")
        let tip = try fixture.client.commit(
            "Add retries\n\nAI-Session: session-42\nCo-Authored-By: Claude <noreply@anthropic.com>\n")
        let dangling = try fixture.push(["origin", "main"])
        #expect(dangling.status != 0, "\(dangling.stderr)")
        #expect(dangling.stderr.contains("require_traceability"), "\(dangling.stderr)")

        try fixture.client.git(["notes", "--ref=riskgate", "add", "-m", "riskgate-prompt/1\nsession: session-42\nprompt: Add retries\n", tip])
        #expect(try fixture.push(["origin", "refs/notes/riskgate"]).status == 0)
        let recorded = try fixture.push(["origin", "main"])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        #expect(fixture.serverRef("refs/heads/main") == tip)
    }

    @Test func aPushOfManyRefsSharesOneAuditEntryForThePlainlyAllowedOnes() throws {
        let fixture = try HookFixture()
        let tip = try fixture.commitHarmless("tags")
        for number in 1...120 { try fixture.client.git(["tag", "t\(number)", tip]) }
        let result = try fixture.push(["origin", "main", "--tags"])
        #expect(result.status == 0, "\(result.stderr)")
        let entries = try fixture.auditEntries()
        let shared = try #require(entries.last)
        #expect((shared["refs"] as? [[String: Any]])?.count == 121, "\(shared)")
        #expect(try RiskgateBinary.run(["audit", "verify", "-C", fixture.server.path]).status == 0)
    }

    /// A push that goes through with a flag reads at most five lines: what, its top rule, where
    /// to read more.
    @Test func aFlaggedPushIsShort() throws {
        let fixture = try HookFixture(
            config: "version: 1\nlevels: {medium: 5, high: 10, critical: 11}\npolicy:\n  - refs: [\"refs/**\"]\n    flag: high\n")
        let tip = try fixture.commitRisky()
        try fixture.commitHarmless("after")
        let result = try fixture.push(["origin", "main"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").filter { $0.hasPrefix("remote: ") && !$0.dropFirst(8).allSatisfy(\.isWhitespace) }
        #expect(lines.count <= 5, "\(result.stderr)")
        #expect(result.stderr.contains("push allowed with flags"), "\(result.stderr)")
        #expect(result.stderr.contains("rule github-workflow"), "\(result.stderr)")
        #expect(result.stderr.contains("details: riskgate explain \(tip.prefix(12))"), "\(result.stderr)")
    }
}
