import RiskgateCore

/// Runs every rule's examples (`riskgate rules test`, the test suite): each `match` example
/// must fire the rule and each `no_match` example must not.
public enum RuleExampleRunner {
    /// One issue per example that does not behave as declared; `rule.origin` names the file.
    public static func failures(of rules: [Rule]) -> [RulePackIssue] {
        rules.flatMap { rule in
            rule.failingExamples().map { example in
                let lines = example.added.isEmpty && example.removed.isEmpty ? "" : " with its lines"
                let expectation = example.shouldMatch ? "should match but does not" : "should not match but does"
                return RulePackIssue(
                    file: rule.origin, line: example.line, subject: rule.id,
                    message: "example '\(example.path)'\(lines) \(expectation)")
            }
        }
    }
}
