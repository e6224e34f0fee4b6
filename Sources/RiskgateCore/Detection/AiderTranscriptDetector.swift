/// Old aider's `# Aider chat conversation:` paragraph with the prompt and reply quoted in the
/// body (2023–2024): the commit is aider's, and its prompt is right there.
public struct AiderTranscriptDetector: AuthorshipDetector {
    public init() {}
    public let signal = "aider-transcript"

    public func detect(_ input: DetectionInput) -> [DetectionSignal] {
        guard let line = input.lines.first(where: { $0.lowercased.trimmingWhitespace() == AgentIdentityTable.aiderTranscript })
        else { return [] }
        return [
            DetectionSignal(signal: signal, detail: line.text, tool: "aider", strength: .authored, confidence: .high)
        ]
    }

    public let examples: [DetectorExample] = [
        .init(
            "Add cache\n\n# Aider chat conversation:\n\nUSER: add a cache\n\nASSISTANT: Here is the change.",
            .signal(tool: "aider", strength: .authored)),
        .init("Explain\n\nThe heading `# Aider chat conversation:` is old.", .nothing),
        .init("Docs\n\n```\n# Aider chat conversation:\n```", .nothing),
        .init("Docs\n\n> # Aider chat conversation:", .nothing),
    ]
}
