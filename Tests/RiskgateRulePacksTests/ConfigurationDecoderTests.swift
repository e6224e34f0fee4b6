import Foundation
import RiskgateCore
import Testing

@testable import RiskgateRulePacks

struct ConfigurationDecoderTests {
    @Test func specExampleIsAcceptedWhole() throws {
        let url = FixturePaths.fixture("valid/spec-config.riskgate.yml")
        let (configuration, rules) = try RuleSetLoader.load(configurationFile: url.path)
        #expect(configuration.extends == ["default"])
        #expect(configuration.disabledRules == ["change-entropy"])
        #expect(configuration.pointOverrides == ["terraform-production": 40])
        #expect(configuration.levels == LevelThresholds(medium: 20, high: 50, critical: 80))
        #expect(configuration.policies.count == 3)
        let main = configuration.updatePolicy(for: "refs/heads/main")
        #expect(main.forcePush == .block && main.deletion == .block && main.maxAILines == 400 && main.mode == .enforce)
        #expect(main.freezes == [FreezeWindow(from: 1_797_724_800, until: 1_799_020_800, reason: "year-end freeze")])
        #expect(configuration.updatePolicy(for: "refs/heads/trial/x").mode == .evaluate)
        #expect(configuration.updatePolicy(for: "refs/heads/feature").forcePush == .allow)
        let approvals = try #require(configuration.refPolicy(for: "refs/heads/main")?.approvals)
        #expect(approvals == ApprovalRequirement(count: 1, from: .high, aiOnly: true, allowedSigners: "/srv/riskgate/approvers"))
        #expect(configuration.verdicts == VerdictSettings(signingKey: "/srv/riskgate/gate-key", ref: "refs/notes/riskgate-verdicts"))
        #expect(configuration.traceability == TraceabilitySettings(notesRefs: ["refs/notes/ai", "refs/notes/riskgate"], promptRecords: ".prompts/{id}.md"))
        #expect(configuration.waivers == WaiverSettings(allowed: ["alice", "bob"], unwaivable: ["gate-self"]))
        #expect(configuration.identityEnvironment == "REMOTE_USER")
        #expect(configuration.deadlineMilliseconds == 4000)
        #expect(configuration.onTimeout == .flag)
        #expect(configuration.onError == .flag)
        #expect(configuration.auditPath == "riskgate/audit.jsonl")
        #expect(rules.builtIn("change-entropy") == nil)
        #expect(rules.rules.first { $0.id == "terraform-production" }?.points == 40)
    }

    /// Policy per ref: the first entry whose refs match decides.
    @Test(arguments: [
        ("refs/heads/main", DecisionPolicy(flagAt: .medium, blockAt: .critical), TraceabilityRequirement.block),
        ("refs/heads/release/2.4", DecisionPolicy(flagAt: .medium, blockAt: .critical), .block),
        ("refs/heads/release/2.4/hotfix", DecisionPolicy(flagAt: .high, blockAt: nil), .off),
        ("refs/heads/feature/x", DecisionPolicy(flagAt: .high, blockAt: nil), .off),
        ("refs/tags/v1.0", DecisionPolicy(flagAt: .high, blockAt: nil), .off),
        ("refs/heads/trial/rollout", DecisionPolicy(flagAt: .high, blockAt: nil), .off),
    ])
    func policyPerRef(ref: String, expected: DecisionPolicy, requirement: TraceabilityRequirement) throws {
        let url = FixturePaths.fixture("valid/spec-config.riskgate.yml")
        let (configuration, _) = try RuleSetLoader.load(configurationFile: url.path)
        let policy = configuration.decisionPolicy(for: ref)
        #expect(policy.flagAt == expected.flagAt)
        #expect(policy.blockAt == expected.blockAt)
        #expect(policy.requireTraceability == requirement)
    }

    /// `history:` settings, and history rules re-weighted and disabled through `rules:`.
    @Test func historySettingsAreDecoded() throws {
        let url = FixturePaths.fixture("valid/history-config.riskgate.yml")
        let (configuration, rules) = try RuleSetLoader.load(configurationFile: url.path)
        let expected = HistorySettings(
            fixSubjectWords: ["fix", "hotfix", "regression"], fixWindowSeconds: 36 * 3_600, recentChanges: 30,
            minimumReverted: 3, minimumFixed: 4, churnWindowSeconds: 14 * 86_400, churnChanges: 20, churnAuthors: 5)
        #expect(configuration.history == HistoryConfiguration(enabled: true, settings: expected))
        #expect(HistoryRules(ruleSet: rules).points == ["revert-hotspot": 25, "fix-hotspot": 8])
        #expect(RiskgateConfiguration.standard.history == .standard)
    }

    @Test(arguments: [("3d", 259_200), ("36h", 129_600), ("90m", 5_400), ("2w", 1_209_600), ("3600", 3_600), ("1.5d", 129_600)])
    func historyWindows(_ text: String, _ seconds: Int) {
        #expect(ConfigurationDecoder.parseWindow(text) == Int64(seconds))
    }

    @Test func noPolicyForADetachedHead() {
        #expect(RiskgateConfiguration.standard.decisionPolicy(for: nil) == .standard)
    }

    static let invalid: [(file: String, message: String)] = [
        ("bad-level.yml", "bad-level.yml:4: policy[0]: 'flag' must be low, medium, high, critical or never, not 'severe'"),
        ("unknown-rule.yml", "unknown-rule.yml:3: rules: unknown rule id 'no-such-rule' (see `riskgate rules list`)"),
        ("unknown-key.yml", "unknown-key.yml:2: config: unknown key 'extend' in the configuration (known keys: version, extends, rules, levels, policy, traceability, waivers, identity_env, deadline, on_timeout, on_error, audit, history, verdicts)"),
        ("bad-deadline.yml", "bad-deadline.yml:2: deadline: bad duration 'soon' (use e.g. 4s, 1500ms)"),
        ("bad-ref.yml", "bad-ref.yml:3: policy[0]: bad glob 'refs/heads/[main': unclosed '[' (escape it as '\\[' to match a bracket)"),
        ("misplaced-key.yml", "misplaced-key.yml:2: config: unknown key 'require_traceability' in the configuration (known keys: version, extends, rules, levels, policy, traceability, waivers, identity_env, deadline, on_timeout, on_error, audit, history, verdicts)"),
        ("bad-history.yml", [
            "bad-history.yml:3: history: 'enabled' must be true or false",
            "bad-history.yml:4: history: 'fix_window' must be a duration of at least 1 minute and at most 365 days, e.g. 3d, 36h, 90m (not 'soon')",
            "bad-history.yml:5: history: fix word 'hot fix' must be one word of letters, digits and '-'",
            "bad-history.yml:6: history: 'recent_changes' must be between 1 and 1000, not 0",
            "bad-history.yml:7: history: 'churn_window' must be a duration of at least 1 minute and at most 365 days, e.g. 3d, 36h, 90m (not '30s')",
            "bad-history.yml:8: history: unknown key 'windows' in 'history' (known keys: enabled, fix_window, fix_words, recent_changes, min_reverted, min_fixed, churn_window, churn_changes, churn_authors)",
        ].joined(separator: "\n")),
    ]

    @Test(arguments: invalid)
    func invalidConfigurationNamesFileAndLine(file: String, message: String) throws {
        let url = FixturePaths.fixture("invalid-config/\(file)")
        do {
            _ = try RuleSetLoader.load(configurationFile: url.path)
            Issue.record("\(file) loaded")
        } catch {
            let text = error.issues.map(\.description).joined(separator: "\n")
            let directory = url.deletingLastPathComponent().path + "/"
            #expect(text == message.split(separator: "\n").map { directory + $0 }.joined(separator: "\n"))
        }
    }
}
