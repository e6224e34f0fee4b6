/// The agent catalogue: products, the exact identities they commit under, automation apps, model
/// families and whole-classifier examples, generated from `rules/agents/catalogue.yaml` (with its
/// sources and dates) into `Generated/AgentCatalogue.swift` by `Scripts/generate-agent-catalogue.py`.
/// `AgentIdentityTable` reads its identities from here.
public enum AgentCatalogue {
    /// One agent product and where its marks were seen.
    public struct Product: Hashable, Sendable {
        public var id: String
        public var name: String
        /// The SPEC §3.1 tool id its marks map to.
        public var tool: String
        public var sources: [String]
        public var dates: String
    }

    /// A commit in miniature and the kind (and tool) the whole classifier must give it.
    public struct Example: Sendable, CustomStringConvertible {
        public var message: String
        public var author: String
        public var committer: String?
        public var kind: Authorship.Kind
        public var tool: String?

        public var input: DetectionInput {
            var example = DetectorExample(message, author: author, committer: committer, .nothing)
            example.isMerge = false
            return example.input
        }

        public var description: String { "\(author) / \(committer ?? "-") / \(message.debugDescription)" }
    }

    /// The model family a name's word starts (`claude3`, `gpt-5`, `kimi-k2`, `devstral-small`):
    /// the word is the prefix itself, or the prefix followed by a digit (`Kimiko` is a person).
    static func family(of word: Substring) -> (tool: String, family: String)? {
        for entry in modelFamilies where word.hasPrefix(entry.prefix) {
            let rest = word.dropFirst(entry.prefix.count)
            if rest.isEmpty || rest.first?.isASCIIDigit == true { return (entry.tool, entry.family) }
        }
        return nil
    }

    /// True when an app login's words say it only lints, formats, releases or syncs.
    static func isAutomationLogin(_ words: [Substring]) -> Bool {
        words.contains { automationLoginWords.contains(String($0)) }
    }
}
