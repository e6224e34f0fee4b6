/// Everything riskgate concluded about one commit.
public struct CommitAnalysis: Hashable, Sendable {
    public var commit: CommitSnapshot
    public var trailers: [Trailer]
    public var authorship: Authorship
    public var traceability: Traceability
    /// Categories of each changed path, parallel to `commit.files`.
    public var fileCategories: [[String]]
    public var findings: [Finding]
    /// 0...100: the findings' points summed and capped.
    public var score: Int
    public var level: RiskLevel
    public var decision: Decision
    /// Findings a baseline accepted and removed before scoring.
    public var baselined: Int = 0
    /// The policy keys behind `decision` (empty when allowed).
    public var reasons: [DecisionReason] = []
    /// Signed approvals, when the policy's `require_approvals` applies to it (SPEC §9).
    public var approvals: ApprovalStatus? = nil

    /// The categories a policy sees: of every changed path and of every finding (a `DROP
    /// TABLE` in a `.py` file is `database` although the path is not).
    public var categories: Set<String> {
        var categories = Set(fileCategories.joined())
        for finding in findings { categories.insert(finding.category) }
        return categories
    }

    public init(
        commit: CommitSnapshot, trailers: [Trailer], authorship: Authorship, traceability: Traceability,
        fileCategories: [[String]], findings: [Finding], score: Int, level: RiskLevel, decision: Decision
    ) {
        self.commit = commit
        self.trailers = trailers
        self.authorship = authorship
        self.traceability = traceability
        self.fileCategories = fileCategories
        self.findings = findings
        self.score = score
        self.level = level
        self.decision = decision
    }

    public static func score(of findings: [Finding]) -> Int {
        min(100, max(0, findings.reduce(0) { $0 + $1.points }))
    }
}
