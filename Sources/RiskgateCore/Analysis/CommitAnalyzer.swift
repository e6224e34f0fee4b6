/// Decides who wrote a commit (implemented by the detectors in `Detection/`).
public protocol AuthorshipClassifying {
    func classify(_ commit: CommitSnapshot, trailers: [Trailer]) -> Authorship
}

/// Checks an AI commit's link to its prompt or session.
public protocol TraceabilityChecking {
    func check(_ commit: CommitSnapshot, trailers: [Trailer], authorship: Authorship) -> Traceability
}

/// Turns a commit into path categories and findings (implemented by the rule engine).
public protocol RiskScoring {
    func assess(_ context: CommitContext) -> RiskAssessment
}

/// What a scorer sees of a commit.
public struct CommitContext: Sendable {
    public var commit: CommitSnapshot
    public var trailers: [Trailer]
    public var authorship: Authorship
    public var traceability: Traceability

    public init(commit: CommitSnapshot, trailers: [Trailer], authorship: Authorship, traceability: Traceability) {
        self.commit = commit
        self.trailers = trailers
        self.authorship = authorship
        self.traceability = traceability
    }
}

/// A scorer's answer: categories per changed path (parallel to `commit.files`) and findings.
public struct RiskAssessment: Sendable {
    public var fileCategories: [[String]]
    public var findings: [Finding]

    public init(fileCategories: [[String]], findings: [Finding]) {
        self.fileCategories = fileCategories
        self.findings = findings
    }
}

/// The analysis pipeline for one commit: trailers, authorship, traceability, findings, score.
public struct CommitAnalyzer {
    public var authorship: any AuthorshipClassifying
    public var traceability: any TraceabilityChecking
    public var scorer: any RiskScoring
    public var thresholds: LevelThresholds
    public var policy: DecisionPolicy
    /// Findings accepted earlier (`--baseline`): removed before the score, level and decision
    /// are computed, so every front end decides on what is left.
    public var baseline: Baseline

    public init(
        authorship: any AuthorshipClassifying, traceability: any TraceabilityChecking, scorer: any RiskScoring,
        thresholds: LevelThresholds = .standard, policy: DecisionPolicy = .standard, baseline: Baseline = Baseline()
    ) {
        self.authorship = authorship
        self.traceability = traceability
        self.scorer = scorer
        self.thresholds = thresholds
        self.policy = policy
        self.baseline = baseline
    }

    public func analyze(_ commit: CommitSnapshot) -> CommitAnalysis {
        let trailers = TrailerParser.parse(bytes: commit.message.raw)
        let who = authorship.classify(commit, trailers: trailers)
        let trace = traceability.check(commit, trailers: trailers, authorship: who)
        let assessment = scorer.assess(
            CommitContext(commit: commit, trailers: trailers, authorship: who, traceability: trace))
        let all = assessment.findings.sorted()
        let findings = baseline.isEmpty ? all : all.filter { !baseline.contains($0) }
        let score = CommitAnalysis.score(of: findings)
        var analysis = CommitAnalysis(
            commit: commit, trailers: trailers, authorship: who, traceability: trace,
            fileCategories: assessment.fileCategories, findings: findings, score: score,
            level: thresholds.level(for: score), decision: .allow)
        analysis.baselined = all.count - findings.count
        analysis.decision = policy.decision(for: analysis)
        analysis.reasons = policy.reasons(for: analysis)
        return analysis
    }
}
