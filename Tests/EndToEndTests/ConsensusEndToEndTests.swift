import Foundation
import RiskgateTestSupport
import Testing

/// Signed approvals and verdicts on a real server and client (SPEC §9), with keys made by the
/// real ssh-keygen: the gate refuses what does not count and says how to approve; what it
/// accepts carries a verdict `riskgate verify` checks.
@Suite(.serialized)
struct ConsensusEndToEndTests {
    /// SSH keys and the allowed-signers files of one test, beside the server.
    final class Keys {
        let folder: URL
        init(in folder: URL) throws {
            self.folder = folder
            for name in ["author", "bob", "carol", "mallory", "gate"] {
                let path = folder.appendingPathComponent(name).path
                let made = try Shell.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path])
                guard made.status == 0 else { throw TestFailure.command("ssh-keygen", made) }
            }
            // The author is listed (people approve each other's work), mallory is not.
            try write("approvers", [("author@example.com", "author"), ("bob@example.com", "bob"), ("carol@example.com", "carol")])
            try write("gate-signers", [("riskgate-gate", "gate")])
        }

        func key(_ name: String) -> String { folder.appendingPathComponent(name).path }
        var approvers: String { key("approvers") }
        var gateSigners: String { key("gate-signers") }

        private func write(_ file: String, _ entries: [(String, String)]) throws {
            let lines = try entries.map { principal, name in
                let publicKey = try String(contentsOf: folder.appendingPathComponent(name + ".pub"), encoding: .utf8)
                let parts = publicKey.split(separator: " ")
                return "\(principal) \(parts[0]) \(parts[1])"
            }
            try (lines.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
    }

    static func config(_ keys: Keys, count: Int = 1) -> String {
        """
        version: 1
        levels: {medium: 5, high: 10, critical: 11}
        policy:
          - refs: ["refs/heads/main"]
            flag: high
            block: critical
            require_approvals: {count: \(count), from: critical, allowed_signers: \(keys.approvers)}
          - refs: ["refs/notes/riskgate-verdicts"]
            freeze: [{from: 2000-01-01T00:00:00Z, until: 2100-01-01T00:00:00Z, reason: only the server writes verdicts}]
          - refs: ["refs/**"]
            flag: high
        verdicts: {signing_key: \(keys.key("gate"))}
        identity_env: TEST_PUSHER
        deadline: 60s

        """
    }

    static func setUp(count: Int = 1) throws -> (HookFixture, Keys) {
        let fixture = try HookFixture(config: nil)
        let keys = try Keys(in: fixture.server.url.deletingLastPathComponent())
        try fixture.setConfig(config(keys, count: count))
        return (fixture, keys)
    }

    /// An AI commit (Claude co-author) the default rules make critical (a workflow).
    static func commitCriticalAI(_ fixture: HookFixture, _ name: String = "deploy") throws -> String {
        try fixture.client.write(".github/workflows/\(name).yml", "on: push\njobs: {}\n")
        return try fixture.client.commit("Add the \(name) workflow\n\nCo-authored-by: Claude <noreply@anthropic.com>\n")
    }

    static func approve(_ fixture: HookFixture, _ keys: Keys, _ who: String, _ revisions: [String], ref: String? = "main")
        throws -> ProcessResult
    {
        let result = try RiskgateBinary.run(
            ["approve", "--key", keys.key(who)] + (ref.map { ["--ref", $0] } ?? []) + revisions, in: fixture.client.url)
        #expect(result.status == 0, "riskgate approve: \(result.stderr)")
        return result
    }

    static func resetApprovals(_ fixture: HookFixture) throws {
        _ = try? fixture.client.git(["update-ref", "-d", "refs/notes/riskgate-approvals"])
    }

    static func verify(_ fixture: HookFixture, _ keys: Keys, _ revisions: [String], require: String? = nil) throws -> ProcessResult {
        _ = try fixture.client.git(["fetch", "-q", "-f", "origin", "refs/notes/riskgate-verdicts:refs/notes/riskgate-verdicts"])
        return try RiskgateBinary.run(
            ["verify", "--allowed-signers", keys.gateSigners] + (require.map { ["--require", $0] } ?? []) + revisions,
            in: fixture.client.url)
    }

    @Test func unapprovedIsRejectedWithTheWayToApprove() throws {
        let (fixture, _) = try Self.setUp()
        let before = fixture.serverRef("refs/heads/main")
        let tip = try Self.commitCriticalAI(fixture)
        let result = try fixture.push(["origin", "main"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("approvals: 0 valid of 1 required"), "\(result.stderr)")
        #expect(result.stderr.contains("riskgate approve --ref refs/heads/main \(tip)"), "\(result.stderr)")
        #expect(result.stderr.contains("git push origin refs/notes/riskgate-approvals"), "\(result.stderr)")
        #expect(fixture.serverRef("refs/heads/main") == before)
    }

    /// Approvals that must not count, each pushed atomically with the branch: rejected, and
    /// the message says why each one did not count.
    @Test func approvalsThatDoNotCountAreRefused() throws {
        let (fixture, keys) = try Self.setUp()
        let before = fixture.serverRef("refs/heads/main")
        let previous = try fixture.client.head()
        let tip = try Self.commitCriticalAI(fixture)
        let atomic = ["--atomic", "origin", "main", "refs/notes/riskgate-approvals"]

        // The author's own approval.
        _ = try Self.approve(fixture, keys, "author", [tip])
        var result = try fixture.push(atomic)
        #expect(result.status != 0)
        #expect(result.stderr.contains("author@example.com is the commit's author"), "\(result.stderr)")

        // A key not in the allowed signers file.
        try Self.resetApprovals(fixture)
        _ = try Self.approve(fixture, keys, "mallory", [tip])
        result = try fixture.push(atomic)
        #expect(result.status != 0)
        #expect(result.stderr.contains("not in the allowed signers file"), "\(result.stderr)")

        // Bob's approval of another commit, copied as it is onto this one's note.
        try Self.resetApprovals(fixture)
        _ = try Self.approve(fixture, keys, "bob", [previous])
        let line = try fixture.client.git(["notes", "--ref", "riskgate-approvals", "show", previous])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try fixture.client.git(["notes", "--ref", "riskgate-approvals", "add", "-f", "-m", line, tip])
        result = try fixture.push(atomic)
        #expect(result.status != 0)
        #expect(result.stderr.contains("not this one"), "\(result.stderr)")

        // The same signature with the commit id changed to this one.
        let forged = line.replacingOccurrences(of: previous, with: tip)
        try fixture.client.git(["notes", "--ref", "riskgate-approvals", "add", "-f", "-m", forged, tip])
        result = try fixture.push(atomic)
        #expect(result.status != 0)
        #expect(result.stderr.contains("the signature does not verify"), "\(result.stderr)")

        // Bob approving for the pusher's own push (the pusher is bob).
        try Self.resetApprovals(fixture)
        _ = try Self.approve(fixture, keys, "bob", [tip])
        result = try fixture.push(atomic, environment: ["TEST_PUSHER": "bob"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("is the pusher"), "\(result.stderr)")
        #expect(fixture.serverRef("refs/heads/main") == before)
    }

    @Test func approvalPushedWithTheBranchIsAcceptedAndVerified() throws {
        let (fixture, keys) = try Self.setUp()
        let tip = try Self.commitCriticalAI(fixture)
        _ = try Self.approve(fixture, keys, "bob", [tip])
        let result = try fixture.push(["--atomic", "origin", "main", "refs/notes/riskgate-approvals"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("approved by bob@example.com"), "\(result.stderr)")
        #expect(fixture.serverRef("refs/heads/main") == tip)

        let verified = try Self.verify(fixture, keys, [tip])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("approved"), "\(verified.stdout)")
        let strict = try Self.verify(fixture, keys, [tip], require: "allow")
        #expect(strict.status == 1, "\(strict.stdout)")
        #expect(strict.stdout.contains("decision approved on refs/heads/main is not allowed"), "\(strict.stdout)")

        // explain and the JSON report show the approvals the push met.
        let explain = try RiskgateBinary.run(
            ["explain", "--config", fixture.configPath, "--ref", "main", tip], in: fixture.client.url)
        #expect(explain.stdout.contains("approved by bob@example.com (1 of 1 required)"), "\(explain.stdout)")
        #expect(explain.stdout.contains("decision with approvals: flag (approved)"), "\(explain.stdout)")
        let report = try RiskgateBinary.run(
            ["report", "--config", fixture.configPath, "--ref", "main", "--format", "json", "\(tip)~1..\(tip)"], in: fixture.client.url)
        let json = try JSONSerialization.jsonObject(with: report.stdoutData) as? [String: Any]
        let commit = (json?["commits"] as? [[String: Any]])?.first
        let approvals = commit?["approvals"] as? [String: Any]
        #expect(approvals?["approvers"] as? [String] == ["bob@example.com"], "\(report.stdout)")
        #expect(approvals?["satisfied"] as? Bool == true)
        #expect(commit?["decision"] as? String == "flag")
    }

    @Test func approvalPushedBeforeTheBranchCounts() throws {
        let (fixture, keys) = try Self.setUp(count: 2)
        let tip = try Self.commitCriticalAI(fixture)
        // The commit must exist on the server for its note to be pushed: push it to a lax branch.
        #expect(try fixture.push(["origin", "main:refs/heads/topic"]).status == 0)
        _ = try Self.approve(fixture, keys, "bob", [tip])
        _ = try Self.approve(fixture, keys, "carol", [tip])
        let notes = try fixture.push(["origin", "refs/notes/riskgate-approvals"])
        #expect(notes.status == 0, "\(notes.stderr)")
        let result = try fixture.push(["origin", "main"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("bob@example.com, carol@example.com (2 of 2 required)"), "\(result.stderr)")
        #expect(try Self.verify(fixture, keys, [tip]).status == 0)
    }

    /// git's update hook instead of pre-receive: the notes go first, then the branch.
    @Test func updateHookReadsApprovalsPushedBefore() throws {
        let fixture = try HookFixture(config: nil, installArguments: ["--update-hook"])
        let keys = try Keys(in: fixture.server.url.deletingLastPathComponent())
        try fixture.setConfig(Self.config(keys))
        let tip = try Self.commitCriticalAI(fixture)
        let rejected = try fixture.push(["origin", "main"])
        #expect(rejected.status != 0)
        #expect(rejected.stderr.contains("riskgate approve --ref refs/heads/main \(tip)"), "\(rejected.stderr)")
        #expect(try fixture.push(["origin", "main:refs/heads/topic"]).status == 0)
        _ = try Self.approve(fixture, keys, "bob", [tip])
        #expect(try fixture.push(["origin", "refs/notes/riskgate-approvals"]).status == 0)
        let accepted = try fixture.push(["origin", "main"])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(try Self.verify(fixture, keys, [tip], require: "approved").status == 0)
    }

    /// pre-push with the same policy: stops an unapproved commit early, lets an approved one go.
    @Test func prePushChecksApprovalsWhereItCan() throws {
        let fixture = try HookFixture(config: "version: 1\n")
        let keys = try Keys(in: fixture.server.url.deletingLastPathComponent())
        try fixture.client.write(".riskgate.yml", Self.config(keys))
        try fixture.client.write(".git/info/exclude", ".riskgate.yml\n")
        #expect(try RiskgateBinary.run(["install"], in: fixture.client.url).status == 0)
        let tip = try Self.commitCriticalAI(fixture)
        let stopped = try fixture.push(["origin", "main"])
        #expect(stopped.status != 0)
        #expect(stopped.stderr.contains("riskgate pre-push: push stopped"), "\(stopped.stderr)")
        #expect(stopped.stderr.contains("riskgate approve --ref refs/heads/main \(tip)"), "\(stopped.stderr)")
        _ = try Self.approve(fixture, keys, "bob", [tip])
        let approved = try fixture.push(["--atomic", "origin", "main", "refs/notes/riskgate-approvals"])
        #expect(approved.status == 0, "\(approved.stderr)")
        #expect(approved.stderr.contains("approved by bob@example.com"), "\(approved.stderr)")
        #expect(fixture.serverRef("refs/heads/main") == tip)
    }

    @Test func tamperedVerdictsAndUnjudgedCommitsFailVerification() throws {
        let (fixture, keys) = try Self.setUp()
        let initial = try fixture.client.git(["rev-list", "--max-parents=0", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let harmless = try fixture.commitHarmless("notes")
        #expect(try fixture.push(["origin", "main"]).status == 0)
        #expect(try Self.verify(fixture, keys, [harmless]).status == 0)

        let unjudged = try Self.verify(fixture, keys, [initial])
        #expect(unjudged.status == 1)
        #expect(unjudged.stdout.contains("no verdict"), "\(unjudged.stdout)")

        let note = try fixture.client.git(["notes", "--ref", "riskgate-verdicts", "show", harmless])
        #expect(note.contains("\"_type\":\"https://in-toto.io/Statement/v1\""), "\(note)")
        #expect(note.contains("\"gitCommit\":\"\(harmless)\""), "\(note)")
        #expect(note.contains("-----BEGIN SSH SIGNATURE-----"), "\(note)")
        let tampered = note.replacingOccurrences(of: "\"score\":", with: "\"score\":1")
        try fixture.client.git(["notes", "--ref", "riskgate-verdicts", "add", "-f", "-m", tampered, harmless])
        let result = try RiskgateBinary.run(["verify", "--allowed-signers", keys.gateSigners, harmless], in: fixture.client.url)
        #expect(result.status == 1)
        #expect(result.stdout.contains("tampered"), "\(result.stdout)")

        // Nobody pushes verdicts: the ref is frozen for pushes, written by post-receive only.
        let forged = try fixture.push(["--force", "origin", "refs/notes/riskgate-verdicts"])
        #expect(forged.status != 0, "\(forged.stderr)")
        #expect(forged.stderr.contains("only the server writes verdicts"), "\(forged.stderr)")

        // The verdict moved onto another commit names the wrong one.
        try fixture.client.git(["notes", "--ref", "riskgate-verdicts", "add", "-f", "-m", note, initial])
        let moved = try RiskgateBinary.run(["verify", "--allowed-signers", keys.gateSigners, initial], in: fixture.client.url)
        #expect(moved.status == 1)
        #expect(moved.stdout.contains("names another commit"), "\(moved.stdout)")

        for arguments in [
            ["verify", "--allowed-signers", "/nonexistent", harmless], ["verify", harmless],
            ["verify", "--allowed-signers", keys.gateSigners, "--require", "allow,maybe", harmless],
            ["verify", "--allowed-signers", keys.gateSigners, "no-such-revision"],
        ] {
            let usage = try RiskgateBinary.run(arguments, in: fixture.client.url)
            #expect(usage.status == 2, "\(arguments): \(usage.stderr)")
        }
    }

    @Test func missingSSHKeygenBlocksTheCommitsNeedingApprovals() throws {
        let (fixture, keys) = try Self.setUp()
        let tip = try Self.commitCriticalAI(fixture)
        _ = try Self.approve(fixture, keys, "bob", [tip])
        let result = try fixture.push(
            ["--atomic", "origin", "main", "refs/notes/riskgate-approvals"],
            environment: ["RISKGATE_SSH_KEYGEN": "/nonexistent/ssh-keygen"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("ssh-keygen was not found"), "\(result.stderr)")
        #expect(fixture.serverRef("refs/heads/main") != tip)

        let approve = try RiskgateBinary.run(
            ["approve", "--key", keys.key("bob"), tip], in: fixture.client.url,
            environment: ["RISKGATE_SSH_KEYGEN": "/nonexistent/ssh-keygen"])
        #expect(approve.status == 2)
        #expect(approve.stderr.contains("ssh-keygen was not found"), "\(approve.stderr)")
    }

    @Test func concurrentPushesLoseNoVerdict() throws {
        let (fixture, keys) = try Self.setUp()
        var tips: [String] = []
        for index in 0..<6 {
            try fixture.client.git(["checkout", "-q", "-b", "topic/\(index)", "main"])
            if index == 0 { tips.append(try fixture.commitHarmless("topic-first")) }
            tips.append(try fixture.commitHarmless("topic-\(index)"))
        }
        nonisolated(unsafe) let shared = fixture
        nonisolated(unsafe) let results = UnsafeMutableBufferPointer<Int32>.allocate(capacity: 6)
        defer { results.deallocate() }
        DispatchQueue.concurrentPerform(iterations: 6) { index in
            results[index] = (try? shared.push(["origin", "topic/\(index)"]).status) ?? -1
        }
        #expect(Array(results).allSatisfy { $0 == 0 })
        let verified = try Self.verify(fixture, keys, tips)
        #expect(verified.status == 0, "\(verified.stdout)")
        let pending = fixture.server.url.appendingPathComponent("riskgate/pending-verdicts").path
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: pending)) ?? []).isEmpty, "nothing left staged")
    }

    @Test func backfillWritesWhatPostReceiveCouldNot() throws {
        let (fixture, keys) = try Self.setUp()
        let harmless = try fixture.commitHarmless("later")
        // post-receive cannot sign (ssh-keygen missing): the verdict stays staged.
        let pushed = try fixture.push(["origin", "main"], environment: ["RISKGATE_SSH_KEYGEN": "/nonexistent/ssh-keygen"])
        #expect(pushed.status == 0, "\(pushed.stderr)")
        #expect(pushed.stderr.contains("verdicts backfill"), "\(pushed.stderr)")
        #expect(fixture.serverRef("refs/notes/riskgate-verdicts") == nil, "no verdict written yet")
        let audit = try fixture.auditEntries()
        #expect(audit.contains { ($0["hook"] as? String) == "post-receive" && ($0["decision"] as? String) == "error" }, "\(audit)")

        let backfill = try RiskgateBinary.run(["verdicts", "backfill", "-C", fixture.server.path])
        #expect(backfill.status == 0, "\(backfill.stderr)")
        #expect(backfill.stdout.contains("1 verdict written"), "\(backfill.stdout)")
        #expect(try Self.verify(fixture, keys, [harmless]).status == 0)
    }
}
