/// aider's `aider: ` subject prefix (the default until v0.38, opt-in since): the tool says it
/// made the commit.
public struct AiderSubjectPrefixDetector: AuthorshipDetector {
    public init() {}
    public let signal = "aider-subject-prefix"

    public func detect(_ input: DetectionInput) -> [DetectionSignal] {
        guard input.lowercasedSubject.hasPrefix(AgentIdentityTable.aiderSubjectPrefix) else { return [] }
        return [
            DetectionSignal(
                signal: signal, detail: "subject: \(input.subject)", tool: "aider", strength: .authored,
                confidence: .high)
        ]
    }

    public let examples: [DetectorExample] = [
        .init("aider: Added a new function to parse args", .signal(tool: "aider", strength: .authored)),
        .init("aider: fix typo\n\n# Aider chat conversation:\n\nUSER: fix it", .signal(tool: "aider", strength: .authored)),
        .init("Use aider: a tutorial", .nothing),
        .init("aider:fix", .nothing),
        .init("Docs\n\naider: is the old prefix", .nothing),
    ]
}
