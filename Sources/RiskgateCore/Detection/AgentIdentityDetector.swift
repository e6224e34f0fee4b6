/// Exact agent email addresses on the author, the committer and identity trailers
/// (`Co-authored-by`, `Co-developed-by`, `Signed-off-by`). Never a domain: vendor staff are
/// people (ai-markers §3.2, §3.7).
public struct AgentIdentityDetector: AuthorshipDetector {
    public init() {}
    public let signal = "agent-identity"

    public func detect(_ input: DetectionInput) -> [DetectionSignal] {
        var found: [DetectionSignal] = []
        for identity in input.identities {
            guard let entry = AgentIdentityTable.emailIndex[identity.parsed.email] else { continue }
            found.append(
                DetectionSignal(
                    signal: signal, detail: Self.detail(identity), tool: entry.tool,
                    strength: identity.isAuthor ? .authored : .assisted, confidence: entry.confidence))
        }
        return found
    }

    /// The identity as matched, saying when it was malformed or an AI sign-off (DCO is human-only).
    static func detail(_ identity: DetectionInput.Identity) -> String {
        var detail = identity.detail
        if identity.parsed.isMalformed { detail += " (malformed: no <email>)" }
        if identity.role.lowercased() == "signed-off-by" { detail += " (AI sign-off: the DCO needs a person)" }
        return detail
    }

    public let examples: [DetectorExample] = [
        .init(
            "Fix parser\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n", .signal(tool: "claude-code", strength: .assisted)),
        .init(
            "Fix parser\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: Claude Opus 4.6 (1M context) <noreply@anthropic.com>\n",
            .signal(tool: "claude-code", strength: .assisted)),
        .init("Add session support", author: "Claude <noreply@anthropic.com>", .signal(tool: "claude-code", strength: .authored)),
        .init("Tidy", author: "Codex <codex@openai.com>", .signal(tool: "codex", strength: .authored)),
        .init("Tidy\n\nCo-authored-by: Codex <noreply@openai.com>", .signal(tool: "codex", strength: .assisted)),
        .init("Tidy\n\nSigned-off-by: Codex <codex@openai.com>", .signal(tool: "codex", strength: .assisted)),
        .init("Refactor", author: "Cursor Agent <cursoragent@cursor.com>", .signal(tool: "cursor", strength: .authored)),
        .init("Refactor\n\nCo-authored-by: Cursor <cursoragent@cursor.com>", .signal(tool: "cursor", strength: .assisted)),
        .init("Fix\n\nCo-authored-by: aider (gemini/gemini-2.5-pro) <aider@aider.chat>", .signal(tool: "aider", strength: .assisted)),
        .init("Fix\n\nCo-authored-by: aider (gpt-4o) <noreply@aider.dev>", .signal(tool: "aider", strength: .assisted)),
        .init("Fix", author: "openhands <openhands@all-hands.dev>", .signal(tool: "openhands", strength: .authored)),
        .init("Fix", author: "OpenDevin <opendevin@opendevin.ai>", .signal(tool: "openhands", strength: .authored)),
        .init("Fix\n\nCo-authored-by: OpenHands-GPT-5 openhands@all-hands.dev", .signal(tool: "openhands", strength: .assisted)),
        .init("Fix\n\nCo-Authored-By: opencode <noreply@opencode.ai>", .signal(tool: "opencode", strength: .assisted)),
        .init("Fix\n\nCo-authored-by: Amp <amp@ampcode.com>", .signal(tool: "amp", strength: .assisted)),
        .init("Fix\n\nCo-Authored-By: Firebender <help@firebender.com>", .signal(tool: "firebender", strength: .assisted)),
        .init("Fix\n\nCo-authored-by: Copilot <copilot@github.com>", .signal(tool: "copilot", strength: .assisted)),
        .init("Fix\n\nCo-developed-by: Claude <NOREPLY@anthropic.com>", .signal(tool: "claude-code", strength: .assisted)),
        .init("Fix", committer: "Claude <noreply@anthropic.com>", .signal(tool: "claude-code", strength: .assisted)),
        // Traps: vendor staff, humans named like tools, markers quoted or listed, reverts.
        .init("Fix tokenizer", author: "Jane Doe <jane@anthropic.com>", .nothing),
        .init("Fix runtime", author: "Graham Neubig <graham@all-hands.dev>", .nothing),
        .init("Fix", author: "Sam Altman <sam@openai.com>", .nothing),
        .init("Fix", author: "Claude Dupont <claude.dupont@example.fr>", .nothing),
        .init("Docs\n\nThe footer looks like:\n\n- Co-Authored-By: Claude <noreply@anthropic.com>\n", .nothing),
        .init("Docs\n\n> Co-Authored-By: Claude <noreply@anthropic.com>\n", .nothing),
        .init("Docs\n\n```\nCo-Authored-By: Claude <noreply@anthropic.com>\n```\n", .nothing),
        .init("Docs\n\n    Co-Authored-By: Claude <noreply@anthropic.com>\n", .nothing),
        .init(
            "Revert \"Add cache\"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n",
            .nothing),
        .init("Co-Authored-By: Claude <noreply@anthropic.com>", .nothing),
    ]
}
