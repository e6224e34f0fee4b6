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

/// Decides allow, flag or block from a score's level.
public struct DecisionPolicy: Hashable, Sendable {
    /// The lowest level that flags; nil never flags.
    public var flagAt: RiskLevel?
    /// The lowest level that blocks; nil never blocks.
    public var blockAt: RiskLevel?
    /// What an AI commit without a valid prompt link does (`require_traceability`).
    public var requireTraceability: TraceabilityRequirement
    /// Only AI commits touching these categories are held to it; empty: every AI commit.
    public var requireTraceabilityFor: Set<String>
    /// What counts as traced (`require_traceability_level`): any valid link, or only a
    /// verified one.
    public var traceabilityLevel: TraceabilityLevel

    public init(
        flagAt: RiskLevel?, blockAt: RiskLevel?, requireTraceability: TraceabilityRequirement = .off,
        requireTraceabilityFor: Set<String> = [], traceabilityLevel: TraceabilityLevel = .linked
    ) {
        self.flagAt = flagAt
        self.blockAt = blockAt
        self.requireTraceability = requireTraceability
        self.requireTraceabilityFor = requireTraceabilityFor
        self.traceabilityLevel = traceabilityLevel
    }

    /// Without configuration riskgate flags from `high` and never blocks: no surprises.
    public static let standard = DecisionPolicy(flagAt: .high, blockAt: nil)

    public func decision(for level: RiskLevel) -> Decision {
        if let blockAt, level >= blockAt { return .block }
        if let flagAt, level >= flagAt { return .flag }
        return .allow
    }
}

/// The analysis pipeline for one commit: trailers, authorship, traceability, findings, score.
public struct CommitAnalyzer {
    public var authorship: any AuthorshipClassifying
    public var traceability: any TraceabilityChecking
    public var scorer: any RiskScoring
    public var thresholds: LevelThresholds
    public var policy: DecisionPolicy

    public init(
        authorship: any AuthorshipClassifying, traceability: any TraceabilityChecking, scorer: any RiskScoring,
        thresholds: LevelThresholds = .standard, policy: DecisionPolicy = .standard
    ) {
        self.authorship = authorship
        self.traceability = traceability
        self.scorer = scorer
        self.thresholds = thresholds
        self.policy = policy
    }

    public func analyze(_ commit: CommitSnapshot) -> CommitAnalysis {
        let trailers = TrailerParser.parse(bytes: commit.message.raw)
        let who = authorship.classify(commit, trailers: trailers)
        let trace = traceability.check(commit, trailers: trailers, authorship: who)
        let assessment = scorer.assess(
            CommitContext(commit: commit, trailers: trailers, authorship: who, traceability: trace))
        let findings = assessment.findings.sorted()
        let score = CommitAnalysis.score(of: findings)
        let level = thresholds.level(for: score)
        return CommitAnalysis(
            commit: commit, trailers: trailers, authorship: who, traceability: trace,
            fileCategories: assessment.fileCategories, findings: findings, score: score, level: level,
            decision: policy.decision(
                for: level, authorship: who, traceability: trace,
                categories: Set(assessment.fileCategories.joined())))
    }
}
