/// A prompt quoted in the body by the person who ran the agent (SPEC §3.1: "a prompt quoted in
/// the body"): a `Prompt:` heading line or `prompt: <text>` at column 0 past the subject, as in
/// cloudflare/workers-oauth-provider's "Ask Claude to …" commits (ai-markers §1.1). The tool comes
/// from the subject when it names one (`Ask Claude to …`).
public struct PromptQuoteDetector: AuthorshipDetector {
    public init() {}
    public let signal = "prompt-quote"

    public func detect(_ input: DetectionInput) -> [DetectionSignal] {
        guard let line = input.lines.first(where: { $0.key == "prompt" }) else { return [] }
        let words = input.lowercasedSubject.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        let tool = words.lazy.compactMap { AgentIdentityTable.nameOnlyWords[String($0)] }.first ?? "other"
        return [
            DetectionSignal(signal: signal, detail: line.text, tool: tool, strength: .assisted, confidence: .medium)
        ]
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
        .init("prompt: add a confirmation dialog", .nothing),
        .init("Add a confirmation prompt\n\nThe prompt: \"Are you sure?\" is shown first.", .nothing),
        .init("Docs\n\n- prompt: the text shown", .nothing),
        .init("Docs\n\n```\nprompt: a\n```", .nothing),
    ]
}
