/// Stages that report nothing, used until the real detectors and rules are wired in.
///
/// They never pretend: the report's `tool.capabilities` lists only the stages that ran for real.
public struct NoAuthorshipDetection: AuthorshipClassifying {
    public init() {}
    public func classify(_ commit: CommitSnapshot, trailers: [Trailer]) -> Authorship { .unmarkedHuman }
}

public struct NoTraceabilityCheck: TraceabilityChecking {
    public init() {}
    public func check(_ commit: CommitSnapshot, trailers: [Trailer], authorship: Authorship) -> Traceability {
        .notRequired
    }
}

public struct NoRiskScoring: RiskScoring {
    public init() {}
    public func assess(_ context: CommitContext) -> RiskAssessment {
        RiskAssessment(fileCategories: context.commit.files.map { _ in [] }, findings: [])
    }
}
