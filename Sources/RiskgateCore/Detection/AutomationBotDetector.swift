/// Non-AI automation authors: dependabot, renovate, github-actions, pre-commit-ci, release bots,
/// merge queues and git-ai's notes machinery are `bot`, never AI (SPEC §3.1). Unknown `[bot]`
/// authors count as automation with medium confidence; known AI bots are left to the AI
/// detectors.
public struct AutomationBotDetector: AuthorshipDetector {
    public init() {}
    public let signal = "automation"

    public func detect(_ input: DetectionInput) -> [DetectionSignal] {
        var found: [DetectionSignal] = []
        for (prefix, label) in AgentIdentityTable.automationSubjectPrefixes where input.lowercasedSubject.hasPrefix(prefix) {
            found.append(
                DetectionSignal(
                    signal: signal, detail: "\(label) subject: \(input.subject)", tool: nil, strength: .automation,
                    confidence: .high))
        }
        guard let author = input.identities.first(where: \.isAuthor) else { return found }
        let identity = author.parsed
        if let label = AgentIdentityTable.automationEmails[identity.email] {
            found.append(
                DetectionSignal(
                    signal: signal, detail: "\(label): \(author.detail)", tool: nil, strength: .automation,
                    confidence: .high))
        } else if let entry = GitHubBotLoginDetector.login(identity), entry.tool == nil {
            found.append(
                DetectionSignal(signal: signal, detail: author.detail, tool: nil, strength: .automation, confidence: .high))
        } else if GitHubBotLoginDetector.aiLogin(identity) == nil, GitHubBotLoginDetector.agentApp(identity) == nil,
            identity.lowercasedName.hasSuffix("[bot]") || identity.noreplyLogin?.hasSuffix("[bot]") == true
        {
            found.append(
                DetectionSignal(
                    signal: signal, detail: "unlisted GitHub app: \(author.detail)", tool: nil, strength: .automation,
                    confidence: .medium))
        }
        return found
    }

    public let examples: [DetectorExample] = [
        .init(
            "Bump yaml from 2.3.1 to 2.3.4",
            author: "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>",
            .signal(tool: nil, strength: .automation)),
        .init("Update dependency x to v2", author: "renovate[bot] <29139614+renovate[bot]@users.noreply.github.com>",
            .signal(tool: nil, strength: .automation)),
        .init("[pre-commit.ci] auto fixes", author: "pre-commit-ci[bot] <66853113+pre-commit-ci[bot]@users.noreply.github.com>",
            .signal(tool: nil, strength: .automation)),
        .init("chore(release): v0.2.0", author: "gemini-cli-robot <gemini-cli-robot@google.com>",
            .signal(tool: nil, strength: .automation)),
        .init("Notes added by 'git notes add'", author: "git-ai <git-ai@local>", .signal(tool: nil, strength: .automation)),
        .init("Merged notes from refs/notes/ai-remote/origin into refs/notes/ai", author: "Codex <codex@openai.com>",
            .signal(tool: nil, strength: .automation)),
        .init("Merge pull request #5", author: "github-merge-queue[bot] <118344674+github-merge-queue[bot]@users.noreply.github.com>",
            .signal(tool: nil, strength: .automation)),
        .init("Sync", author: "some-app[bot] <1+some-app[bot]@users.noreply.github.com>", .signal(tool: nil, strength: .automation)),
        .init("Fix", author: "Devin AI <158243242+devin-ai-integration[bot]@users.noreply.github.com>", .nothing),
        .init("Fix", author: "copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>", .nothing),
        .init("chore: Update CHANGELOG.md", author: "GitHub Actions <actions@github.com>", .signal(tool: nil, strength: .automation)),
        .init("Fix the release bot", .nothing),
        .init("Fix", author: "agent-think[bot] <298805081+agent-think[bot]@users.noreply.github.com>", .nothing),
        .init("Fix", committer: "GitHub <noreply@github.com>", .nothing),
    ]
}
