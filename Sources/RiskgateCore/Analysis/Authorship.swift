/// Who wrote a commit, as far as the marks in it tell (SPEC §3.1).
public struct Authorship: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case human
        case aiAssisted = "ai-assisted"
        case aiAuthored = "ai-authored"
        case bot
    }

    public enum Confidence: String, Sendable, CaseIterable, Comparable {
        case low, medium, high

        private var rank: Int {
            switch self {
            case .low: 0
            case .medium: 1
            case .high: 2
            }
        }

        public static func < (lhs: Confidence, rhs: Confidence) -> Bool { lhs.rank < rhs.rank }
    }

    /// One piece of evidence: which signal matched and exactly what it matched.
    public struct Evidence: Hashable, Sendable {
        public var signal: String
        public var detail: String

        public init(signal: String, detail: String) {
            self.signal = signal
            self.detail = detail
        }
    }

    public var kind: Kind
    /// A stable tool id (`claude-code`, `copilot`, `aider`, ...); nil for humans.
    public var tool: String?
    public var confidence: Confidence
    public var evidence: [Evidence]
    /// The signal that decided the kind (and tool): the strongest AI signal, or the automation
    /// mark that made it a bot; nil for humans (no marks decide nothing).
    public var decidedBy: Evidence?

    public init(
        kind: Kind, tool: String? = nil, confidence: Confidence, evidence: [Evidence] = [], decidedBy: Evidence? = nil
    ) {
        self.kind = kind
        self.tool = tool
        self.confidence = confidence
        self.evidence = evidence
        self.decidedBy = decidedBy
    }

    /// No marks found. Absence of marks proves nothing, so confidence is low.
    public static let unmarkedHuman = Authorship(kind: .human, confidence: .low)

    public var isAI: Bool { kind == .aiAssisted || kind == .aiAuthored }
}

/// Whether an AI commit can be traced to the prompt or session that produced it (SPEC §3.2).
public struct Traceability: Hashable, Sendable {
    public enum Status: String, Sendable, CaseIterable {
        case notRequired = "not-required"
        case missing
        case malformed
        case linked
        case verified
    }

    public var status: Status
    /// Session or prompt links found (`AI-Session:` values and the tools' own session trailers).
    public var links: [String]
    /// Declared scope globs (`AI-Scope:`).
    public var scope: [String]
    /// Changed paths outside the declared scope (scope drift).
    public var outOfScope: [String]
    /// Why the status is what it is, for people (e.g. which trailer was malformed).
    public var notes: [String]
    /// The AI-written share of the commit's lines from a git-ai log, as a floor; nil without one.
    public var aiLines: AILineShare?
    /// Prompts recorded in the message itself (a transcript, a `Prompt:` paragraph, a shared
    /// transcript URL): each makes the commit `linked` on its own.
    public var prompts: [InlinePrompt] = []

    public init(
        status: Status, links: [String] = [], scope: [String] = [], outOfScope: [String] = [], notes: [String] = [],
        aiLines: AILineShare? = nil
    ) {
        self.status = status
        self.links = links
        self.scope = scope
        self.outOfScope = outOfScope
        self.notes = notes
        self.aiLines = aiLines
    }

    public static let notRequired = Traceability(status: .notRequired)
}
