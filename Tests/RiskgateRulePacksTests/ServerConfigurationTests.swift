import Foundation
import RiskgateCore
import Testing

@testable import RiskgateRulePacks

/// The server-wide configuration (`RISKGATE_CONFIG`, `/etc/riskgate/config.yml`) and a
/// repository's file that starts from it with `extends: [server]`.
struct ServerConfigurationTests {
    /// A folder with the server's file, a pack beside it, and room for a repository's file.
    final class Files {
        let folder: URL
        var server: String { folder.appendingPathComponent("server/config.yml").path }

        init(server text: String) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("riskgate-server-config-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("server"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("repos"), withIntermediateDirectories: true)
            try text.write(toFile: server, atomically: true, encoding: .utf8)
            try Self.pack.write(
                toFile: folder.appendingPathComponent("server/company.yaml").path, atomically: true, encoding: .utf8)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        func repository(_ text: String) throws -> String {
            let path = folder.appendingPathComponent("repos/app.yml").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }

        static let pack = """
            version: 1
            rules:
              - id: company-vault
                category: security
                description: Changes to the company's vault policies.
                points: 30
                paths: ["vault/**"]
                examples:
                  match: ["vault/policy.hcl"]
                  no_match: ["docs/vault.md"]

            """
    }

    static let server = """
        version: 1
        extends: [default, company.yaml]
        rules: {disable: [change-entropy], points: {github-workflow: 30}}
        levels: {medium: 10, high: 20, critical: 30}
        policy:
          - refs: ["refs/heads/main"]
            flag: medium
            block: high
        waivers: {allowed: [alice], unwaivable: [gate-self]}
        on_error: block

        """

    @Test func aRepositoryFileInheritsWhatItDoesNotSet() throws {
        let files = try Files(server: Self.server)
        let own = try files.repository(
            """
            extends: [server]
            waivers: {allowed: [bob]}
            rules: {points: {company-vault: 5}, disable: [high-churn]}

            """)
        let (configuration, rules) = try RuleSetLoader.load(configurationFile: own, serverConfigurationFile: files.server)
        // From the server: levels, policy, on_error, its packs (relative to its own folder).
        #expect(configuration.levels == LevelThresholds(medium: 10, high: 20, critical: 30))
        let main = configuration.decisionPolicy(for: "refs/heads/main")
        #expect(main.flagAt == .medium && main.blockAt == .high)
        #expect(configuration.onError == .block)
        #expect(rules.rules.contains { $0.id == "company-vault" })
        // Its own: waivers replaced, rules added to the server's.
        #expect(configuration.waivers == WaiverSettings(allowed: ["bob"], unwaivable: []))
        #expect(rules.rules.first { $0.id == "company-vault" }?.points == 5)
        #expect(rules.rules.first { $0.id == "github-workflow" }?.points == 30)
        #expect(rules.builtIn("change-entropy") == nil)
        #expect(rules.builtIn("high-churn") == nil)
        #expect(configuration.source == own)
    }

    @Test func aKeyTheRepositorySetsReplacesTheServers() throws {
        let files = try Files(server: Self.server)
        let own = try files.repository(
            """
            version: 1
            extends: [server]
            policy:
              - refs: ["refs/**"]
                flag: critical

            """)
        let (configuration, _) = try RuleSetLoader.load(configurationFile: own, serverConfigurationFile: files.server)
        let main = configuration.decisionPolicy(for: "refs/heads/main")
        #expect(main.flagAt == .critical && main.blockAt == nil)
        #expect(configuration.levels == LevelThresholds(medium: 10, high: 20, critical: 30))
    }

    @Test func withoutExtendsServerTheServerFileIsNotRead() throws {
        let files = try Files(server: Self.server)
        let own = try files.repository("version: 1\n")
        let (configuration, rules) = try RuleSetLoader.load(configurationFile: own, serverConfigurationFile: files.server)
        #expect(configuration.levels == .standard)
        #expect(!rules.rules.contains { $0.id == "company-vault" })
    }

    @Test func extendingAMissingServerConfigurationSaysWhereItIsLookedFor() throws {
        let files = try Files(server: Self.server)
        let own = try files.repository("extends: [server]\n")
        do {
            _ = try RuleSetLoader.load(configurationFile: own, serverConfigurationFile: nil)
            Issue.record("loaded without a server configuration")
        } catch {
            #expect(
                error.description
                    == "\(own):0: extends: 'server' is the server-wide configuration (RISKGATE_CONFIG, else /etc/riskgate/config.yml), and there is none here")
        }
    }

    @Test func theServerFilesOwnProblemsNameItsLines() throws {
        let files = try Files(server: "version: 1\nlevels: {medium: 10, high: 20, critical: 30}\nbogus: 1\n")
        let own = try files.repository("extends: [server]\n")
        do {
            _ = try RuleSetLoader.load(configurationFile: own, serverConfigurationFile: files.server)
            Issue.record("loaded a broken server configuration")
        } catch {
            #expect(error.description.hasPrefix("\(files.server):3: "), "\(error.description)")
        }
    }

    @Test func theServerFileCannotExtendItself() throws {
        let files = try Files(server: "extends: [server, default]\n")
        let own = try files.repository("extends: [server]\n")
        do {
            _ = try RuleSetLoader.load(configurationFile: own, serverConfigurationFile: files.server)
            Issue.record("a server configuration extended itself")
        } catch {
            #expect(error.description == "\(files.server):0: extends: the server-wide configuration cannot itself extend 'server'")
        }
    }

    @Test func theServerFileIsFoundThroughTheEnvironment() {
        #expect(ServerConfiguration.path(environment: ["RISKGATE_CONFIG": "/srv/riskgate.yml"]) == "/srv/riskgate.yml")
        let fallback = ServerConfiguration.path(environment: ["RISKGATE_CONFIG": ""])
        #expect(fallback == (FileManager.default.fileExists(atPath: "/etc/riskgate/config.yml") ? "/etc/riskgate/config.yml" : nil))
    }
}
