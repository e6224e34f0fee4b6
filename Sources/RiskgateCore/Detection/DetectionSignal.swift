/// What one detector found in a commit: a named signal, what exactly matched, which tool it
/// points to and how strongly it says who wrote the commit.
public struct DetectionSignal: Hashable, Sendable {
    /// How a signal bears on the commit's authorship.
    public enum Strength: Int, Hashable, Sendable, Comparable {
        /// Says AI did *not* help (`AI-Assisted: no`).
        case negative = 0
        /// Non-AI automation made the commit (dependabot, release bots, notes merges).
        case automation = 1
        /// A person committed with AI help (co-author, footer, session link, disclosure).
        case assisted = 2
        /// An agent is the git author, or the tool's own mark says the agent made the commit.
        case authored = 3

        public static func < (lhs: Strength, rhs: Strength) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The signal's stable name in evidence (`agent-identity`, `tool-stamp`, ...).
    public var signal: String
    /// Exactly what matched, e.g. `Co-Authored-By: Claude <noreply@anthropic.com>`.
    public var detail: String
    /// A stable tool id of SPEC §3.1 (`claude-code`, `aider`, ...); nil when the signal names none.
    public var tool: String?
    public var strength: Strength
    public var confidence: Authorship.Confidence

    public init(
        signal: String, detail: String, tool: String?, strength: Strength, confidence: Authorship.Confidence
    ) {
        self.signal = signal
        self.detail = detail
        self.tool = tool
        self.strength = strength
        self.confidence = confidence
    }
}
