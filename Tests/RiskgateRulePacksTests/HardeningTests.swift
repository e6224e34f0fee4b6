import Foundation
import RiskgateCore
import Testing

@testable import RiskgateRulePacks

/// Issue #16 on the shipped rules and the loader: the probe's lines against the default pack,
/// and pack files that must not vanish without a word.
struct HardeningTests {
    static func defaultRules() throws -> [Rule] {
        try RuleSetLoader.load(configurationFile: nil).1.rules
    }

    struct LineCase: CustomTestStringConvertible, Sendable {
        var rule: String
        var path: String
        var line: String
        var fires: Bool
        var testDescription: String { "\(rule): \(line.prefix(30))… (\(line.utf8.count) bytes)" }
    }

    static let lineCases: [LineCase] = [
        LineCase(rule: "sql-delete-all-rows", path: "db/1.sql", line: "update users set" + String(repeating: " ", count: 4000) + "a", fires: false),
        LineCase(rule: "sql-delete-all-rows", path: "db/1.sql", line: "update users set" + String(repeating: " ", count: 4000) + "a = 1;", fires: true),
        LineCase(rule: "sql-delete-all-rows", path: "db/1.sql", line: "UPDATE users SET a = 1 WHERE id = 3;", fires: false),
        LineCase(rule: "ci-pipe-to-shell", path: ".github/workflows/ci.yml", line: String(repeating: "curl ", count: 8000), fires: false),
        LineCase(rule: "ci-pipe-to-shell", path: ".github/workflows/ci.yml", line: "run: curl -sSL https://x.sh | sudo bash", fires: true),
    ]

    @Test(arguments: lineCases) func defaultPackAnswersProbeLines(_ example: LineCase) throws {
        let rule = try #require(try Self.defaultRules().first { $0.id == example.rule })
        let lines = ChangedLines(added: [ChangedLine(number: 1, text: example.line)])
        #expect(rule.fires(onPath: example.path, lines: lines, authorship: .human) == example.fires)
    }

    @Test func unlessIsReadAndNeedsPatterns() throws {
        let pack = """
            version: 1
            rules:
              - id: only-unless
                category: database
                description: Nothing to exclude from.
                points: 5
                paths: ["*.sql"]
                content:
                  unless: ['where']
                examples:
                  match: [a.sql]
                  no_match: [a.md]
            """
        #expect(throws: RulePackErrors.self) { try RulePackDecoder.decode(pack, file: "p.yaml") }
        do {
            _ = try RulePackDecoder.decode(pack, file: "p.yaml")
        } catch {
            #expect(error.issues.map(\.description) == ["p.yaml:9: only-unless: 'unless' needs 'added' or 'removed' patterns to exclude lines from"])
        }
    }

    /// A pack that is not UTF-8 in an `extends` folder used to be dropped without a word.
    @Test func invalidUTF8PackIsAnErrorNamingFileAndLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("riskgate-packs-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let packs = folder.appendingPathComponent("packs")
        try FileManager.default.createDirectory(at: packs, withIntermediateDirectories: true)
        var bad = Data("version: 1\nrules:\n  - id: caf".utf8)
        bad.append(contentsOf: [0xE9, 0x0A])
        try bad.write(to: packs.appendingPathComponent("latin1.yaml"))
        let config = folder.appendingPathComponent("riskgate.yml")
        try Data("version: 1\nextends: [default, packs]\n".utf8).write(to: config)
        do {
            _ = try RuleSetLoader.load(configurationFile: config.path)
            Issue.record("loaded a pack that is not UTF-8")
        } catch {
            #expect(error.issues.map(\.description) == [
                "\(packs.appendingPathComponent("latin1.yaml").path):3: pack: not valid UTF-8 (first bad byte at offset 29); save the pack as UTF-8"
            ])
        }
    }

    @Test func unreadablePackFileIsAnError() throws {
        let result = RuleSetLoader.readPackText("/nonexistent/riskgate/pack.yaml")
        guard case .failure(let issue) = result else {
            Issue.record("read a missing file")
            return
        }
        #expect(issue.description == "/nonexistent/riskgate/pack.yaml:0: pack: cannot read the pack file (check its permissions)")
    }

    @Test func requireTraceabilityLevelIsDecoded() throws {
        let text = """
            version: 1
            policy:
              - refs: ["refs/heads/main"]
                require_traceability: block
                require_traceability_level: verified
            """
        let (configuration, _) = try ConfigurationDecoder.decode(text, file: "c.yml")
        #expect(configuration.policies.first?.decisionPolicy.traceabilityLevel == .verified)
        #expect(throws: RulePackErrors.self) {
            try ConfigurationDecoder.decode(text.replacingOccurrences(of: "verified", with: "signed"), file: "c.yml")
        }
    }
}
