import Foundation
import RiskgateCore
import Testing

@testable import RiskgateRulePacks

/// Every shipped rule's examples behave as declared, as written and in mutated variants.
struct RulePackExampleTests {
    static func shippedRules() throws -> [Rule] {
        try DefaultPacks.files.flatMap { pack in
            try RulePackDecoder.decode(pack.text, file: "rules/" + pack.path)
        }
    }

    @Test func everyShippedPackDecodes() throws {
        let rules = try Self.shippedRules()
        #expect(rules.count >= 60)
        #expect(Set(rules.map(\.id)).count == rules.count, "rule ids are unique across packs")
        #expect(rules.allSatisfy { !$0.examples.isEmpty })
    }

    @Test func everyExampleBehavesAsDeclared() throws {
        let failures = RuleExampleRunner.failures(of: try Self.shippedRules())
        #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
    }

    @Test func examplesHoldWithCRLFLineEndings() throws {
        for rule in try Self.shippedRules() {
            for example in rule.examples {
                let crlf = ChangedLines(
                    added: example.changedLines.added.map { ChangedLine(number: $0.number, text: ChangedLine.normalized($0.text + "\r")) },
                    removed: example.changedLines.removed.map { ChangedLine(number: $0.number, text: ChangedLine.normalized($0.text + "\r")) })
                let fires = rule.fires(onPath: example.path, lines: crlf, authorship: example.authorship ?? .aiAuthored)
                #expect(fires == example.shouldMatch, "\(rule.id): \(example.path) with CRLF")
            }
        }
    }

    @Test func examplesHoldWithTrailingBlankLines() throws {
        for rule in try Self.shippedRules() {
            for example in rule.examples where !example.added.isEmpty || !example.removed.isEmpty {
                var padded = example
                if !padded.added.isEmpty { padded.added += ["", "   "] }
                if !padded.removed.isEmpty { padded.removed += ["", "   "] }
                let fires = rule.fires(onPath: padded.path, lines: padded.changedLines, authorship: .aiAuthored)
                #expect(fires == example.shouldMatch, "\(rule.id): \(example.path) with trailing blank lines")
            }
        }
    }

    /// Unanchored rules (no `/` inside a pattern) must match the same files under a folder
    /// with a multi-byte name, and a multi-byte file next to them must not change anything.
    @Test func examplesHoldUnderMultiBytePaths() throws {
        for rule in try Self.shippedRules() where rule.paths.entries.allSatisfy({ !$0.glob.pattern.contains("/") }) {
            for example in rule.examples {
                let moved = "dépôt/日本語/" + example.path
                let fires = rule.fires(onPath: moved, lines: example.changedLines, authorship: .aiAuthored)
                #expect(fires == example.shouldMatch, "\(rule.id): \(moved)")
            }
        }
    }

    @Test func generatedFileIsFresh() throws {
        let onDisk = try FixturePaths.rulePackFiles()
        #expect(DefaultPacks.files.map(\.path) == onDisk.map(\.path), "run Scripts/embed-rules.sh")
        for (embedded, file) in zip(DefaultPacks.files, onDisk) {
            let text = try FixturePaths.text(file.url)
            #expect(embedded.text == text, "\(file.path) changed: run Scripts/embed-rules.sh")
        }
    }

    @Test func defaultPacksLoadWithoutConfiguration() throws {
        let (configuration, rules) = try RuleSetLoader.load(configurationFile: nil)
        #expect(configuration.extends == ["default"])
        #expect(rules.rules.allSatisfy { $0.origin.contains("/default/") })
        #expect(rules.rules.count == (try Self.shippedRules()).filter { $0.origin.contains("/default/") }.count)
    }
}
