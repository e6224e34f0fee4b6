/// A subject that says the commit is what an agent was asked to do: `Ask Claude to …`,
/// `WIP, asked claude to …`, `Have Claude write …` (cloudflare/workers-oauth-provider's
/// convention, ai-markers §1.1 "human-written prompt logs"). Low confidence: only the request
/// verbs followed directly by an assistant's name count, never the name alone, and names that
/// are also everyday words or first names (cursor, devin, jules) are left out.
public struct AgentRequestSubjectDetector: AuthorshipDetector {
    public init() {}
    public let signal = "agent-request-subject"

    static let verbs: Set<Substring> = ["ask", "asked", "asking", "have", "had", "let", "tell", "told", "get", "got"]
    static let assistants: [Substring: String] = [
        "claude": "claude-code", "gemini": "gemini", "codex": "codex", "copilot": "copilot", "chatgpt": "other",
        "gpt": "other", "aider": "aider", "openhands": "openhands",
    ]

    public func detect(_ input: DetectionInput) -> [DetectionSignal] {
        let words = input.lowercasedSubject.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        guard words.count >= 3 else { return [] }
        // The request opens the subject (after at most a short tag such as "WIP," or "Drive-by:"):
        // further in, it is prose about such subjects, as in a commit describing this detector.
        for index in 0..<min(words.count - 2, 3) where Self.verbs.contains(words[index]) {
            guard let tool = Self.assistants[words[index + 1]] else { continue }
            // A request, not a description: "ask claude to …", "have claude write …", "ask claude whether …".
            return [
                DetectionSignal(
                    signal: signal, detail: "subject: \(input.subject)", tool: tool, strength: .assisted, confidence: .low)
            ]
        }
        return []
    }

    public let examples: [DetectorExample] = [
        .init("Ask Claude to configure github action to run tests.", .signal(tool: "claude-code", strength: .assisted)),
        .init("WIP, asked claude to make it possible to update props", .signal(tool: "claude-code", strength: .assisted)),
        .init("Drive-by: Ask Claude to stop mocking FormData.", .signal(tool: "claude-code", strength: .assisted)),
        .init("Have Claude write an OAuth provider implementation.", .signal(tool: "claude-code", strength: .assisted)),
        .init("Ask Gemini to fix missing URL-decoding", .signal(tool: "gemini", strength: .assisted)),
        .init("Fix Claude's bug manually.", .nothing),
        .init("Manually fix a bug Claude left behind earlier.", .nothing),
        .init("Have cursor blink in the editor", .nothing),
        .init("Ask Devin to review", .nothing),
        .init("Add storage schema by Claude.", .nothing),
        .init("Ask claude", .nothing),
        .init("Fix\n\nAsk Claude to write tests next.", .nothing),
        .init("Subjects that record a request to an assistant (Ask Claude to …) are AI-assisted", .nothing),
    ]
}
