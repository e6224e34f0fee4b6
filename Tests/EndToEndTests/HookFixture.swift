import Foundation
import RiskgateTestSupport

/// A bare "server" repository with riskgate's server hook installed and a client clone that
/// pushes to it with the real git CLI. The hook finds the built binary through `RISKGATE`.
final class HookFixture {
    let server: TemporaryRepository
    let client: TemporaryRepository
    let configPath: String

    /// Levels low enough that one default rule (a GitHub workflow, 12 points) is critical, so
    /// real rule packs produce a block; `alice` may waive; the gate itself is unwaivable.
    static let adminConfig = """
        version: 1
        levels: {medium: 5, high: 10, critical: 11}
        policy:
          - refs: ["refs/**"]
            flag: high
            block: critical
        waivers:
          allowed: [alice]
          unwaivable: [gate-self]
        deadline: 4s
        on_timeout: block
        on_error: block

        """

    init(config: String? = HookFixture.adminConfig, installArguments: [String] = []) throws {
        server = try TemporaryRepository(bare: true, name: "server.git")
        client = try TemporaryRepository(name: "client")
        configPath = server.url.deletingLastPathComponent().appendingPathComponent("admin-riskgate.yml").path
        try client.write("README.md", "hello\n")
        try client.commit("Initial commit")
        try client.write("src/app.txt", "one\n")
        try client.commit("Add the app")
        try client.git(["remote", "add", "origin", server.path])
        try client.git(["push", "-q", "origin", "main"])
        try server.git(["config", "receive.advertisePushOptions", "true"])
        if let config { try setConfig(config) }
        let install = try RiskgateBinary.run(["install", "--server", server.path] + installArguments)
        guard install.status == 0 else { throw TestFailure.command("riskgate install --server", install) }
    }

    func setConfig(_ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: configPath))
        try server.git(["config", "riskgate.config", configPath])
    }

    /// `git push <arguments>` from the client, with the hook's environment additions.
    func push(_ arguments: [String], environment: [String: String?] = [:]) throws -> ProcessResult {
        var env: [String: String?] = ["RISKGATE": RiskgateBinary.path]
        for (key, value) in environment { env[key] = value }
        return try Shell.run("git", ["push"] + arguments, in: client.url, environment: env)
    }

    /// The server's id for a ref, nil when it does not exist.
    func serverRef(_ ref: String) -> String? {
        guard let result = try? Shell.run("git", ["rev-parse", "--verify", "-q", ref], in: server.url), result.status == 0
        else { return nil }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A commit that the default rules score 12 points (a GitHub workflow): blocked by the
    /// fixture's configuration.
    @discardableResult
    func commitRisky(_ name: String = "deploy") throws -> String {
        try client.write(".github/workflows/\(name).yml", "on: push\njobs: {}\n")
        return try client.commit("Add the \(name) workflow")
    }

    @discardableResult
    func commitHarmless(_ name: String) throws -> String {
        try client.write("docs/\(name).md", "notes about \(name)\n")
        return try client.commit("Document \(name)")
    }

    /// The audit log's entries as JSON objects.
    func auditEntries() throws -> [[String: Any]] {
        let path = server.url.appendingPathComponent("riskgate/audit.jsonl")
        guard let data = try? Data(contentsOf: path) else { return [] }
        return try String(decoding: data, as: UTF8.self).split(separator: "\n").map { line in
            (try JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
        }
    }
}
