/// The totals of a range, accumulated one commit at a time so a report never has to hold
/// the whole history.
public struct RangeSummary: Hashable, Sendable {
    public var commits = 0
    public var human = 0
    public var aiAssisted = 0
    public var aiAuthored = 0
    public var bot = 0
    /// The riskiest commit's score plus range-level findings, capped at 100.
    public var score = 0
    public var level = RiskLevel.low
    public var decision = Decision.allow
    /// False when analysis stopped early (deadline) or a commit could not be analysed.
    public var complete = true
    public var recommendations: [String] = []
    /// Findings about the range as a whole (e.g. rewritten history), not about one commit.
    public var rangeFindings: [Finding] = []
    /// Commits whose changes are unknown (shallow clone boundary).
    public var shallowBoundaries = 0
    /// Changed files whose content is not in the repository (partial clone): counts unknown.
    public var filesWithoutContent = 0

    public init() {}

    private var riskiestCommitScore = 0

    public mutating func add(_ analysis: CommitAnalysis) {
        commits += 1
        switch analysis.authorship.kind {
        case .human: human += 1
        case .aiAssisted: aiAssisted += 1
        case .aiAuthored: aiAuthored += 1
        case .bot: bot += 1
        }
        if analysis.commit.isShallowBoundary { shallowBoundaries += 1 }
        let missing = analysis.commit.files.reduce(0) { $0 + ($1.contentMissing ? 1 : 0) }
        if missing > 0 {
            filesWithoutContent += missing
            complete = false
        }
        riskiestCommitScore = max(riskiestCommitScore, analysis.score)
        decision = max(decision, analysis.decision)
    }

    /// A finding about the range as a whole, with the decision its policy key asks for.
    public mutating func add(_ range: RangeFinding) {
        rangeFindings.append(range.finding)
        decision = max(decision, range.decision)
    }

    /// Closes the summary: score and level from the riskiest commit and the range findings.
    public mutating func finish(thresholds: LevelThresholds = .standard) {
        let rangePoints = rangeFindings.reduce(0) { $0 + $1.points }
        score = min(100, max(0, riskiestCommitScore + rangePoints))
        level = thresholds.level(for: score)
    }
}
