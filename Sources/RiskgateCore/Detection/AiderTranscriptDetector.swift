/// Old aider's `# Aider chat conversation:` paragraph with the prompt and reply quoted in the
/// body (2023-07..2024-06): the commit is aider's, and its prompt is right there. Its first
/// format (2023-05, before the `aider: ` subject prefix) headed the same transcript `# Context:`;
/// that heading counts only when `USER:` and `ASSISTANT:` lines follow it, since people write
/// `# Context:` too.
public struct AiderTranscriptDetector: AuthorshipDetector {
    public init() {}
    public let signal = "aider-transcript"

    public func detect(_ input: DetectionInput) -> [DetectionSignal] {
        let heading = input.lines.firstIndex {
            let text = $0.lowercased.trimmingWhitespace()
            return text == AgentIdentityTable.aiderTranscript || text == AgentIdentityTable.aiderEarlyTranscript
        }
        guard let heading else { return [] }
        let line = input.lines[heading]
        if line.lowercased.trimmingWhitespace() == AgentIdentityTable.aiderEarlyTranscript {
            let rest = input.lines[(heading + 1)...]
            guard rest.contains(where: { $0.text.hasPrefix("USER: ") }), rest.contains(where: { $0.text.hasPrefix("ASSISTANT: ") })
            else { return [] }
        }
        return [
            DetectionSignal(signal: signal, detail: line.text, tool: "aider", strength: .authored, confidence: .high)
        ]
    }

    public let examples: [DetectorExample] = [
        .init(
            "Add cache\n\n# Aider chat conversation:\n\nUSER: add a cache\n\nASSISTANT: Here is the change.",
            .signal(tool: "aider", strength: .authored)),
        .init(
            "Add files listing to `files_content`\n\n# Context:\nUSER: in get_files_messages, add a listing of the repo files\nASSISTANT: To add a listing, modify the method as follows:",
            .signal(tool: "aider", strength: .authored)),
        .init("Rework the parser\n\n# Context:\nThe old parser dropped CRLF lines.", .nothing),
        .init("Explain\n\nThe heading `# Aider chat conversation:` is old.", .nothing),
        .init("Docs\n\n```\n# Aider chat conversation:\n```", .nothing),
        .init("Docs\n\n> # Aider chat conversation:", .nothing),
    ]
}
