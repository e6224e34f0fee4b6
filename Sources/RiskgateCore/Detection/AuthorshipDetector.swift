/// One AI-assistance signal, in its own file with its examples (STYLE rules 2–3).
public protocol AuthorshipDetector: Sendable {
    /// The signal name used in evidence.
    var signal: String { get }
    /// Messages and identities that must and must not trigger this detector; one generic test
    /// runs them all, so a detector without examples fails the suite.
    var examples: [DetectorExample] { get }
    func detect(_ input: DetectionInput) -> [DetectionSignal]
}

/// A commit in miniature for a detector's examples.
public struct DetectorExample: Sendable, CustomStringConvertible {
    public enum Expectation: Hashable, Sendable {
        /// The detector reports nothing.
        case nothing
        /// The detector reports at least one signal; the strongest has this tool and strength.
        case signal(tool: String?, strength: DetectionSignal.Strength)
    }

    public var message: String
    /// `Name <email>` of the author.
    public var author: String
    /// `Name <email>` of the committer; the author when nil.
    public var committer: String?
    public var expectation: Expectation
    /// A note on the commit under `noteRef`.
    public var note: String?
    public var noteRef = "refs/notes/ai"
    /// The example stands for a merge commit.
    public var isMerge = false

    public init(
        _ message: String, author: String = Self.human, committer: String? = nil, note: String? = nil,
        _ expectation: Expectation
    ) {
        self.message = message
        self.author = author
        self.committer = committer
        self.note = note
        self.expectation = expectation
    }

    public static let human = "Ada Lovelace <ada@example.com>"

    public var description: String { "\(author) / \(committer ?? "-") / \(message.debugDescription)" }

    /// The detection input the example stands for, trailers parsed as git does.
    public var input: DetectionInput {
        let author = Self.signature(self.author)
        let committer = Self.signature(self.committer ?? self.author)
        var input = DetectionInput(
            author: author, committer: committer, message: message, trailers: TrailerParser.parse(message))
        if let note { input.notes = [(noteRef, Array(note.utf8))] }
        input.isMerge = isMerge
        return input
    }

    static func signature(_ identity: String) -> Signature {
        let parsed = ParsedIdentity(parsing: identity)
        // Keep the email's case as written (detectors must lowercase it themselves).
        guard let open = identity.lastIndex(of: "<"), let close = identity.lastIndex(of: ">"), open < close else {
            return Signature(name: parsed.name, email: parsed.email, time: 0)
        }
        return Signature(name: parsed.name, email: String(identity[identity.index(after: open)..<close]), time: 0)
    }
}

/// Every detector, in the order their evidence is listed.
public enum DetectorRegistry {
    public static let all: [any AuthorshipDetector] = [
        AutomationBotDetector(),
        AgentIdentityDetector(),
        GitHubBotLoginDetector(),
        AgentAddressDetector(),
        AiderNameSuffixDetector(),
        AiderSubjectPrefixDetector(),
        AiderTranscriptDetector(),
        ToolStampDetector(),
        SessionLinkDetector(),
        DisclosureTrailerDetector(),
        NameOnlyMentionDetector(),
        GitAINoteDetector(),
        AgentTraceNoteDetector(),
        PromptQuoteDetector(),
        AgentRequestSubjectDetector(),
    ]
}
