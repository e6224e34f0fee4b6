import Foundation
import RiskgateCore
import RiskgateEngine
import RiskgateGit
import RiskgateTestSupport
import Testing

/// The push gate in-process, on a real client repository and its real bare remote: what it
/// decides for each commit is what the shared pipeline decides for the pushed ref.
@Suite(.serialized)
struct PushGateTests {
    static let config = """
        version: 1
        policy:
          - refs: ["refs/heads/main"]
            flag: medium
            block: critical
            require_traceability: block
            require_traceability_for: [change-size]
          - refs: ["refs/**"]
            flag: high

        """

    final class Fixture {
        let server: TemporaryRepository
        let client: TemporaryRepository
        let configPath: String
        let base: String

        init() throws {
            server = try TemporaryRepository(bare: true, name: "server.git")
            client = try TemporaryRepository(name: "client")
            try client.write("README.md", "hello\n")
            base = try client.commit("Initial commit")
            try client.git(["remote", "add", "origin", server.path])
            try client.git(["push", "-q", "origin", "main"])
            configPath = client.url.deletingLastPathComponent().appendingPathComponent("gate.yml").path
            try Data(PushGateTests.config.utf8).write(to: URL(fileURLWithPath: configPath))
        }

        func gate(_ hook: String = "pre-push") -> PushGate {
            PushGate(hook: hook, side: .client, configOption: configPath, directory: client.path)
        }

        func update(_ ref: String, from old: String, to new: String) throws -> RefUpdate {
            RefUpdate(
                ref: ref, old: try #require(ObjectID(hex: old)), new: try #require(ObjectID(hex: new)), localRef: ref)
        }
    }

    @Test func gateAndPipelineAgreeCommitByCommit() throws {
        let fixture = try Fixture()
        let client = fixture.client
        try client.write("src/table.txt", (1...1_200).map { "row \($0)" }.joined(separator: "\n") + "\n")
        let big = try client.commit("Add the lookup table\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n")
        try client.write("docs/notes.md", "notes\n")
        let small = try client.commit("Document the table")
        try client.write(".github/workflows/deploy.yml", "on: push\njobs: {}\n")
        let tip = try client.commit("Deploy on push\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n")

        let update = try fixture.update("refs/heads/main", from: fixture.base, to: tip)
        let outcome = fixture.gate().run(selection: .client(remote: "origin"), variables: [:]) { [update] }
        let verdict = try #require(outcome.verdict, "\(outcome.message)")
        let ref = try #require(verdict.refs.first)
        #expect(ref.commitCount == 3)

        let repository = try Repository(discoveringFrom: client.path)
        let pipeline = AnalysisPipeline(
            repository: repository, configuration: try LoadedConfiguration(path: fixture.configPath), ref: "refs/heads/main")
        let session = CommitAnalysisSession(pipeline: pipeline, repository: repository)
        var expected: [String: Decision] = [:]
        for id in [big, small, tip] {
            let analysis = try session.analyze(try #require(ObjectID(hex: id)))
            expected[id] = analysis.decision
        }
        #expect(expected[big] == .block, "a finding-only category under require_traceability_for")
        for result in ref.results {
            #expect(result.decision == expected[result.analysis.commit.id.hex], "\(result.analysis.commit.subject)")
            #expect(result.analysis.decision == result.decision, "one decision, computed once")
        }
        #expect(outcome.exitCode == 1)
        #expect(outcome.message.contains("BLOCK  refs/heads/main"), "\(outcome.message)")

        // The same commits under the lax `refs/**` policy: the pipeline told to decide for that
        // ref agrees with the gate again.
        let lax = try fixture.update("refs/heads/sandbox", from: String(repeating: "0", count: 40), to: tip)
        let laxOutcome = fixture.gate().run(selection: .client(remote: "origin"), variables: [:]) { [lax] }
        let laxRef = try #require(laxOutcome.verdict?.refs.first)
        let laxSession = CommitAnalysisSession(pipeline: pipeline.deciding(for: "refs/heads/sandbox"), repository: repository)
        for result in laxRef.results {
            #expect(result.decision == (try laxSession.analyze(result.analysis.commit.id)).decision)
        }
        #expect(laxOutcome.exitCode == 0, "\(laxOutcome.message)")
    }

    @Test func nothingToPushLoadsNothing() throws {
        let fixture = try Fixture()
        let gate = PushGate(hook: "pre-push", side: .client, configOption: "/nonexistent.yml", directory: fixture.client.path)
        let outcome = gate.run(selection: .client(remote: "origin"), variables: [:]) { [] }
        #expect(outcome.exitCode == 0)
        #expect(outcome.message.isEmpty)
    }

    @Test func malformedInputExitsTwoWithTheReason() throws {
        let fixture = try Fixture()
        let outcome = fixture.gate().run(selection: .client(remote: "origin"), variables: [:]) { () throws(EngineError) in
            throw EngineError.input("line 1: expected four fields")
        }
        #expect(outcome.exitCode == 2)
        #expect(outcome.message.contains("riskgate pre-push: error: line 1: expected four fields"))
        #expect(outcome.verdict == nil)
    }

    /// A broken configuration is the gate's `on_error` (from `git config riskgate.onError`
    /// when the configuration itself cannot be read), with the reason, and audited.
    @Test(arguments: [("block", Int32(1)), ("allow", Int32(0))])
    func brokenConfigurationFollowsOnError(_ onError: String, _ code: Int32) throws {
        let fixture = try Fixture()
        try fixture.client.git(["config", "riskgate.onError", onError])
        try Data("version: 1\nbogus: true\n".utf8).write(to: URL(fileURLWithPath: fixture.configPath))
        try fixture.client.write("docs/a.md", "a\n")
        let tip = try fixture.client.commit("Document a")
        let update = try fixture.update("refs/heads/main", from: fixture.base, to: tip)
        let outcome = fixture.gate().run(selection: .client(remote: "origin"), variables: [:]) { [update] }
        #expect(outcome.exitCode == code, "\(outcome.message)")
        #expect(outcome.message.contains("is invalid"), "\(outcome.message)")
        let audit = try String(contentsOfFile: fixture.client.path + "/.git/riskgate/audit.jsonl", encoding: .utf8)
        #expect(audit.contains("\"decision\":\"error\""), "\(audit)")
    }
}
