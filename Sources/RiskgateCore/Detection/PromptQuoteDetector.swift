/// A prompt quoted in the body by the person who ran the agent (SPEC §3.1: "a prompt quoted in
/// the body"): a `Prompt:` heading line or `prompt: <text>` at column 0 past the subject, as in
/// cloudflare/workers-oauth-provider's "Ask Claude to …" commits (ai-markers §1.1). The tool comes
/// from the subject when it names one (`Ask Claude to …`).
public struct PromptQuoteDetector: AuthorshipDetector {
    public init() {}
    public let signal = "prompt-quote"

    public func detect(_ input: DetectionInput) -> [DetectionSignal] {
        let words = input.lowercasedSubject.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        let tool = words.lazy.compactMap { AgentIdentityTable.nameOnlyWords[String($0)] }.first ?? "other"
        // A `Prompt:` paragraph, a chat transcript with the user's request, or a line that is a link to a shared
        // transcript (`Session: https://chatgpt.com/share/…`), not a URL mentioned in prose.
        for prompt in InlinePrompt.find(in: input) {
            if prompt.kind == .inline && !prompt.underHeading {
                return [
                    DetectionSignal(
                        signal: signal, detail: "\(prompt.source): \(prompt.text.prefix(80))", tool: tool, strength: .assisted,
                        confidence: .medium)
                ]
            }
            // Session trailers and Claude's bare session line are the session-link detector's.
            if let url = prompt.url, let line = input.lines.first(where: { $0.text.hasSuffix(url) }),
                InlinePrompt.wordCount(line.text) <= 6, AgentIdentityTable.sessionKeys[line.key ?? ""] == nil,
                !line.lowercased.hasPrefix(AgentIdentityTable.claudeSessionURLPrefix)
            {
                return [
                    DetectionSignal(signal: signal, detail: line.text, tool: tool, strength: .assisted, confidence: .medium)
                ]
            }
        }
        return []
    }

    public let examples: [DetectorExample] = [
        .init(
            "Ask Claude to extend `apiRoute`\n\nprompt: Let's make it so that `apiRoute` can be an array.",
            .signal(tool: "claude-code", strength: .assisted)),
        .init(
            "Have Claude write an OAuth provider\n\nPrompt:\n\nWe are going to write a TypeScript library.",
            .signal(tool: "claude-code", strength: .assisted)),
        .init("Ask Gemini to fix the test\n\nPrompt: fix it", .signal(tool: "gemini", strength: .assisted)),
        .init("Add retries\n\nprompt: add retries with backoff", .signal(tool: "other", strength: .assisted)),
        .init(
            "Fix dates on the x-axis\n\nUSER: the dates are shown as large integers\n\nASSISTANT: Use a time scale.",
            .signal(tool: "other", strength: .assisted)),
        .init("Add export\n\nTranscript: https://chatgpt.com/share/6650a1b2-0c3d-4e5f", .signal(tool: "other", strength: .assisted)),
        .init("Add export\n\nhttps://app.devin.ai/sessions/41da58c34f344cb6a009697715314c62", .signal(tool: "other", strength: .assisted)),
        .init("Docs\n\nSee https://chatgpt.com/share/6650a1b2 for an example of what users paste into issues.", .nothing),
        .init("Docs\n\nLink the host https://chatgpt.com/share/", .nothing),
        .init("Prompt: fix", .nothing),
        .init("Tune the summarizer\n\n## Prompt\n\nThe system prompt now asks for bullet points.", .nothing),
        .init("Rename\n\nprompt: yes", .nothing),
        .init("Explain\n\nUSER: is the role name in the protocol.", .nothing),
        .init("prompt: add a confirmation dialog", .nothing),
        .init("Add a confirmation prompt\n\nThe prompt: \"Are you sure?\" is shown first.", .nothing),
        .init("Docs\n\n- prompt: the text shown", .nothing),
        .init("Docs\n\n```\nprompt: a\n```", .nothing),
    ]
}
