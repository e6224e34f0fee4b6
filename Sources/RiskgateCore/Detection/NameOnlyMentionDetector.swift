/// Low-confidence name-only mentions (ai-markers §3.5): an identity trailer whose *name* is a
/// tool or a model (`Claude`, `Claude Opus 4.6 (1M context)`, `claude-sonnet-4`, `GPT-5`) with an
/// email that is no person's (none, a placeholder or a noreply address). A person called
/// Claude Dupont, or Claude with a personal address, is not a mention. Reported, never blocking.
public struct NameOnlyMentionDetector: AuthorshipDetector {
    public init() {}
    public let signal = "name-only-mention"

    public func detect(_ input: DetectionInput) -> [DetectionSignal] {
        var found: [DetectionSignal] = []
        for identity in input.identities where identity.isTrailer {
            let parsed = identity.parsed
            // Exact identities are the other detectors' business.
            if AgentIdentityTable.emailIndex[parsed.email] != nil || GitHubBotLoginDetector.login(parsed) != nil { continue }
            guard let (tool, modelShaped) = Self.toolName(parsed.lowercasedName) else { continue }
            guard modelShaped || Self.isPlaceholder(parsed.email) else { continue }
            found.append(
                DetectionSignal(
                    signal: signal, detail: AgentIdentityDetector.detail(identity), tool: tool, strength: .assisted,
                    confidence: .low))
        }
        return found
    }

    /// The tool a name is, when its first word is a tool word and every other word is a model
    /// word or a version. `modelShaped` when a version or model word follows.
    static func toolName(_ name: String) -> (String, Bool)? {
        var words = name.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        if words.first == "github" { words.removeFirst() }
        guard let first = words.first else { return nil }
        let tool: String?
        if let exact = AgentIdentityTable.nameOnlyWords[String(first)] {
            tool = exact
        } else if let family = AgentCatalogue.family(of: first) {
            // A model family's name (`kimi-k2`, `devstral-small`), or one glued to its version (`gpt4o`).
            tool = family.tool
        } else {
            tool = nil
        }
        guard let tool else { return agentWithModel(words) }
        var modelShaped = first.contains(where: \.isNumber)
        for word in words.dropFirst() {
            if word.contains(where: \.isNumber) {
                modelShaped = true
            } else if AgentIdentityTable.modelWords.contains(String(word)) {
                modelShaped = true
            } else if AgentCatalogue.family(of: word) != nil || AgentIdentityTable.nameOnlyWords[String(word)] != nil {
                // `<Agent>-<Model>`: `OpenHands-Claude`, `Cursor GPT-5`.
                modelShaped = true
            } else {
                return nil
            }
        }
        return (tool, modelShaped)
    }

    /// An agent this table does not know, named with its model: `Sisyphus (Claude Opus 4.6)`,
    /// `Junie Claude-Sonnet-4.5`. At most two words of agent name, then a model family word, then
    /// only model words and versions, with at least one version: a person's name never has that shape.
    static func agentWithModel(_ words: [Substring]) -> (String, Bool)? {
        for index in 1..<min(words.count, 3) {
            let word = words[index]
            let tool = AgentIdentityTable.nameOnlyWords[String(word)] ?? AgentCatalogue.family(of: word)?.tool
            guard let tool else { continue }
            let rest = words[index...]
            let versioned = rest.contains { $0.contains(where: \.isNumber) }
            let modelOnly = rest.dropFirst().allSatisfy {
                $0.contains(where: \.isNumber) || AgentIdentityTable.modelWords.contains(String($0))
            }
            // Claude, Gemini, Devin, Jules are also people's names: those need a model word too (`Opus`).
            let personName = Self.personNames.contains(word)
            let modelWord = rest.dropFirst().contains { AgentIdentityTable.modelWords.contains(String($0)) }
            return versioned && modelOnly && (!personName || modelWord) ? (tool, true) : nil
        }
        return nil
    }

    static let personNames: Set<Substring> = ["claude", "gemini", "devin", "jules", "cursor", "amp", "codex"]

    static func isPlaceholder(_ email: String) -> Bool {
        email.isEmpty || email.contains("noreply") || email.contains("no-reply") || email.hasSuffix("example.com")
            || email.hasSuffix(".local") || email.hasSuffix("localhost") || email.hasSuffix(".invalid")
            || email.hasSuffix("@users.noreply.github.com")
    }

    public let examples: [DetectorExample] = [
        .init("Fix\n\nCo-authored-by: Claude Sonnet 4 <claude@example.org>", .signal(tool: "claude-code", strength: .assisted)),
        .init("Fix\n\nCo-authored-by: claude-sonnet-4 <ai@example.org>", .signal(tool: "claude-code", strength: .assisted)),
        .init("Fix\n\nCo-authored-by: GPT-5 <gpt@example.org>", .signal(tool: "other", strength: .assisted)),
        .init("Fix\n\nCo-authored-by: Gemini 2.5 Pro <gemini@example.org>", .signal(tool: "gemini", strength: .assisted)),
        .init(
            "Fix\n\nSigned-off-by: Gemini <YourFriendlyNeighborhoodAI@example.com>", .signal(tool: "gemini", strength: .assisted)),
        .init("Fix\n\nCo-authored-by: Cursor", .signal(tool: "cursor", strength: .assisted)),
        .init("Fix\n\nCo-authored-by: Sisyphus (Claude Opus 4.6) <sisyphus@example.dev>", .signal(tool: "claude-code", strength: .assisted)),
        .init("Fix\n\nCo-authored-by: Junie GPT-5 <junie@example.dev>", .signal(tool: "other", strength: .assisted)),
        .init("Fix\n\nCo-authored-by: Marie Claude Dubois <marie@example.fr>", .nothing),
        .init("Fix\n\nCo-authored-by: Jean Claude 2 <jc@example.fr>", .nothing),
        .init("Fix\n\nCo-authored-by: Anna Gemini Rossi 3 <anna@example.it>", .nothing),
        .init("Fix\n\nCo-authored-by: Claude Dupont <claude.dupont@example.fr>", .nothing),
        .init("Fix\n\nCo-authored-by: Devin Smith <devin@smith.dev>", .nothing),
        .init("Fix\n\nCo-authored-by: Jules Verne <jules@nautilus.fr>", .nothing),
        .init("Fix\n\nCo-authored-by: Claude <claude@gmail.com>", .nothing),
        .init("Fix\n\nCo-authored-by: Gemini Rossi <gemini.rossi@example.it>", .nothing),
        .init("Fix cursor handling in the codex reader", .nothing),
        .init("Fix", author: "Claude <claude@example.com>", .nothing),
    ]
}
