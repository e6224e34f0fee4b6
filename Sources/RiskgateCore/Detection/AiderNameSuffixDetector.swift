/// aider's `<user.name> (aider)` on the author (the agent made the commit) or only on the
/// committer (a person committed through aider), the default since v0.39.
public struct AiderNameSuffixDetector: AuthorshipDetector {
    public init() {}
    public let signal = "aider-name-suffix"

    public func detect(_ input: DetectionInput) -> [DetectionSignal] {
        var found: [DetectionSignal] = []
        for identity in input.identities where !identity.isTrailer {
            guard identity.parsed.lowercasedName.trimmingWhitespace().hasSuffix(AgentIdentityTable.aiderNameSuffix)
            else { continue }
            found.append(
                DetectionSignal(
                    signal: signal, detail: identity.detail, tool: "aider",
                    strength: identity.isAuthor ? .authored : .assisted, confidence: .high))
        }
        return found
    }

    public let examples: [DetectorExample] = [
        .init("feat: add --foo", author: "Matteo Landi (aider) <matteo@example.com>", .signal(tool: "aider", strength: .authored)),
        .init(
            "fix: x", author: "Paul Gauthier <paul@example.com>", committer: "Paul Gauthier (aider) <paul@example.com>",
            .signal(tool: "aider", strength: .assisted)),
        .init("fix: x", author: "Paul Gauthier (Aider) <paul@example.com>", .signal(tool: "aider", strength: .authored)),
        .init("Mention aider in the docs", .nothing),
        .init("fix", author: "Aider Fan <fan@example.com>", .nothing),
        .init("fix", author: "Someone (aider fan) <fan@example.com>", .nothing),
    ]
}
