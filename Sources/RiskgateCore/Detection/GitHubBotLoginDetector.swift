/// AI agents' GitHub logins: `login[bot]` names and `N+login@users.noreply.github.com`
/// addresses with any numeric id (Copilot alone has three). An allowlist: `[bot]` by itself
/// never means AI (ai-markers §3.2, §3.7).
public struct GitHubBotLoginDetector: AuthorshipDetector {
    public init() {}
    public let signal = "github-bot-login"

    public func detect(_ input: DetectionInput) -> [DetectionSignal] {
        var found: [DetectionSignal] = []
        for identity in input.identities {
            if Self.login(identity.parsed) == nil, let app = Self.agentApp(identity.parsed) {
                found.append(
                    DetectionSignal(
                        signal: signal, detail: "agent app \(app): \(identity.detail)", tool: "other",
                        strength: identity.isAuthor ? .authored : .assisted, confidence: .medium))
                continue
            }
            guard let entry = Self.aiLogin(identity.parsed), let tool = entry.tool else { continue }
            found.append(
                DetectionSignal(
                    signal: signal, detail: AgentIdentityDetector.detail(identity),
                    tool: identity.isAuthor ? (entry.authorTool ?? tool) : tool,
                    strength: identity.isAuthor ? .authored : .assisted, confidence: entry.confidence))
        }
        return found
    }

    /// The table entry for an identity's login: its `[bot]` name first (it is the more specific:
    /// `copilot-swe-agent[bot] <…+Copilot@…>`), then its noreply address.
    static func login(_ identity: ParsedIdentity) -> AgentIdentityTable.Login? {
        let name = identity.lowercasedName
        if let entry = AgentIdentityTable.loginIndex[name], entry.tool == nil || name.hasSuffix("[bot]") {
            return entry
        }
        if let login = identity.noreplyLogin, let entry = AgentIdentityTable.loginIndex[login] { return entry }
        return nil
    }

    /// An unlisted GitHub app (`name[bot]`) whose login has an agent word, e.g. `agent-think[bot]`.
    static func agentApp(_ identity: ParsedIdentity) -> String? {
        let candidates = [identity.lowercasedName, identity.noreplyLogin ?? ""]
        for login in candidates where login.hasSuffix("[bot]") {
            let words = login.dropLast(5).split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            // An app that only lints, formats or releases is automation, AI word or not.
            if AgentCatalogue.isAutomationLogin(words) { continue }
            if words.contains(where: { AgentIdentityTable.agentAppLoginWords.contains(String($0)) }) { return login }
        }
        return nil
    }

    static func aiLogin(_ identity: ParsedIdentity) -> AgentIdentityTable.Login? {
        guard let entry = login(identity), entry.tool != nil else { return nil }
        if let needed = entry.nameMustContain, !identity.lowercasedName.contains(needed) { return nil }
        return entry
    }

    public let examples: [DetectorExample] = [
        .init(
            "Initial plan", author: "copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>",
            committer: "GitHub <noreply@github.com>", .signal(tool: "copilot-agent", strength: .authored)),
        .init(
            "Apply suggestion\n\nCo-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>",
            .signal(tool: "copilot", strength: .assisted)),
        .init(
            "Apply suggestion\n\nCo-authored-by: Copilot App <223556219+Copilot@users.noreply.github.com>",
            .signal(tool: "copilot", strength: .assisted)),
        .init(
            "Fix\n\nCo-authored-by: copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>",
            .signal(tool: "copilot-agent", strength: .assisted)),
        .init(
            "Potential fix for code scanning alert no. 3\n\nCo-authored-by: Copilot Autofix powered by AI <62310815+github-advanced-security[bot]@users.noreply.github.com>",
            .signal(tool: "copilot", strength: .assisted)),
        .init(
            "Fix", author: "Devin AI <158243242+devin-ai-integration[bot]@users.noreply.github.com>",
            .signal(tool: "devin", strength: .authored)),
        .init(
            "Fix\n\nCo-Authored-By: Devin AI <158243242+devin-ai-integration[bot]@users.noreply.github.com>",
            .signal(tool: "devin", strength: .assisted)),
        .init(
            "Fix", author: "google-labs-jules[bot] <161369871+google-labs-jules[bot]@users.noreply.github.com>",
            .signal(tool: "jules", strength: .authored)),
        .init(
            "Update a.ts\n\nCo-authored-by: gemini-code-assist[bot] <176961590+gemini-code-assist[bot]@users.noreply.github.com>",
            .signal(tool: "gemini-code-assist", strength: .assisted)),
        .init(
            "Update a.ts\n\nCo-authored-by: gemini-code-assist[bot] <gemini-code-assist[bot]@users.noreply.github.com>",
            .signal(tool: "gemini-code-assist", strength: .assisted)),
        .init(
            "Fix\n\nCo-authored-by: factory-droid[bot] <138933559+factory-droid[bot]@users.noreply.github.com>",
            .signal(tool: "factory", strength: .assisted)),
        .init(
            "Fix", author: "amazon-q-developer[bot] <208079219+amazon-q-developer[bot]@users.noreply.github.com>",
            .signal(tool: "amazon-q", strength: .authored)),
        .init(
            "Fix", author: "opencode-agent[bot] <1+opencode-agent[bot]@users.noreply.github.com>",
            .signal(tool: "opencode", strength: .authored)),
        .init(
            "fix: enforce registered token auth method (#209)\n\nRequested by @octocat",
            author: "agent-think[bot] <298805081+agent-think[bot]@users.noreply.github.com>",
            .signal(tool: "other", strength: .authored)),
        // Automation and people with noreply addresses are not AI.
        .init("Bump lodash", author: "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>", .nothing),
        .init("chore: release", author: "github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>", .nothing),
        .init("Fix alert", author: "github-advanced-security[bot] <62310815+github-advanced-security[bot]@users.noreply.github.com>", .nothing),
        .init("Fix", author: "Mona <1234+octocat@users.noreply.github.com>", .nothing),
        .init("Sync labels", author: "label-sync[bot] <1+label-sync[bot]@users.noreply.github.com>", .nothing),
        .init("Fix", author: "Agent Smith <123+agentsmith@users.noreply.github.com>", .nothing),
        .init("Fix\n\nCo-authored-by: Ana Copilotti <99+anacop@users.noreply.github.com>", .nothing),
    ]
}
