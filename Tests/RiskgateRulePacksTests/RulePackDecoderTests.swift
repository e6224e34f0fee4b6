import Foundation
import RiskgateCore
import Testing

@testable import RiskgateRulePacks

/// Each broken pack in `Fixtures/invalid` is reported with exactly this text.
struct RulePackDecoderTests {
    static let cases: [(file: String, messages: [String])] = [
        ("unsupported-version.yaml", ["unsupported-version.yaml:1: version: unsupported version 2 (this riskgate reads version 1)"]),
        ("missing-version.yaml", [
            "missing-version.yaml:1: version: missing 'version' (add 'version: 1')",
            "missing-version.yaml:2: a: missing 'category'",
            "missing-version.yaml:2: a: missing 'description'",
            "missing-version.yaml:2: a: missing 'points'",
            "missing-version.yaml:2: a: missing 'paths' (at least one glob)",
            "missing-version.yaml:2: a: missing 'examples': every rule needs paths that must and must not match",
        ]),
        ("lookaround.yaml", [
            "lookaround.yaml:9: no-where: bad regex '(?i)^update\\s+\\w+\\s+set\\s+((?!\\bwhere\\b)[^;])*;$': invalid perl operator: (?! (lookaround cannot be matched in linear time; match the line with a plain pattern and exclude with the rule's 'unless:')"
        ]),
        ("unknown-key.yaml", [
            "unknown-key.yaml:8: terraform-x: unknown key 'weight' in a rule (known keys: id, category, description, points, paths, content, authorship, examples)"
        ]),
        ("duplicate-id.yaml", ["duplicate-id.yaml:11: same-id: duplicate rule id (first defined at line 3)"]),
        ("bad-glob.yaml", [
            "bad-glob.yaml:7: bad-glob: bad glob 'infra/[prod/*.tf': unclosed '[' (escape it as '\\[' to match a bracket)"
        ]),
        ("no-examples.yaml", [
            "no-examples.yaml:3: no-examples: missing 'examples': every rule needs paths that must and must not match"
        ]),
        ("points-out-of-range.yaml", ["points-out-of-range.yaml:6: too-many-points: points must be between 0 and 100"]),
        ("bad-id.yaml", ["bad-id.yaml:3: Terraform_Rule: id must be kebab-case (lower-case letters, digits and '-')"]),
        ("missing-no-match.yaml", ["missing-no-match.yaml:8: half-examples: 'examples' needs at least one 'no_match' example"]),
        ("unknown-authorship.yaml", [
            "unknown-authorship.yaml:8: ai-only: unknown authorship 'robot' (use ai, human, ai-assisted, ai-authored, bot)"
        ]),
    ]

    @Test(arguments: cases)
    func invalidPackReportsExactMessages(file: String, messages: [String]) throws {
        let text = try FixturePaths.text(FixturePaths.fixture("invalid/\(file)"))
        do {
            _ = try RulePackDecoder.decode(text, file: file)
            Issue.record("\(file) decoded without errors")
        } catch {
            #expect(error.issues.map(\.description) == messages)
        }
    }

    @Test func brokenRegexNamesRuleAndLine() throws {
        let text = try FixturePaths.text(FixturePaths.fixture("invalid/bad-regex.yaml"))
        do {
            _ = try RulePackDecoder.decode(text, file: "bad-regex.yaml")
            Issue.record("decoded")
        } catch {
            #expect(error.issues.count == 1)
            #expect(error.issues.first?.description.hasPrefix("bad-regex.yaml:9: bad-regex: bad regex 'DROP (TABLE': ") == true)
        }
    }

    @Test func brokenYAMLNamesItsLine() throws {
        let text = try FixturePaths.text(FixturePaths.fixture("invalid/bad-yaml.yaml"))
        do {
            _ = try RulePackDecoder.decode(text, file: "bad-yaml.yaml")
            Issue.record("decoded")
        } catch {
            #expect(error.issues.count == 1)
            #expect(error.issues.first?.description.hasPrefix("bad-yaml.yaml:5: yaml: invalid YAML: ") == true)
        }
    }

    @Test func failingExampleIsReportedByTheRunner() throws {
        let text = try FixturePaths.text(FixturePaths.fixture("invalid/failing-example.yaml"))
        let rules = try RulePackDecoder.decode(text, file: "failing-example.yaml")
        #expect(
            RuleExampleRunner.failures(of: rules).map(\.description) == [
                "failing-example.yaml:9: wrong-example: example 'docs/readme.md' should match but does not"
            ])
    }

    @Test func emptyFileIsAnError() {
        #expect(throws: RulePackErrors.self) { try RulePackDecoder.decode("", file: "empty.yaml") }
    }
}
