import RiskgateCore
import RiskgateGit
import RiskgateRulePacks

/// The analysis pipeline, assembled once from a repository, a configuration and the ref whose
/// policy decides: provenance records (so links verify), the rule engine with the repository's
/// changed lines and CODEOWNERS, the configured levels, history findings when an index exists,
/// and an optional baseline. Every front end (`report`, `explain`, `suspects`, `calibrate`,
/// the hooks, CI) analyses through it, so they all reach the same decision.
///
/// The pipeline itself is a value that threads share; the parts bound to a libgit2 handle are
/// made per thread by `analyzer(on:)`.
public struct AnalysisPipeline: Sendable {
    /// Stages that run for real; the report names the rest as placeholders.
    public static let baseCapabilities = ["diff", "trailers", "rules", "authorship", "traceability"]

    public let configuration: LoadedConfiguration
    /// The ref whose policy decides (nil: a detached HEAD, the `refs/**` default).
    public private(set) var ref: String?
    public private(set) var policy: DecisionPolicy
    public let history: HistoryAvailability
    public let baseline: Baseline
    /// Shared by every thread: each distinct glob is matched once per new path.
    public let pathCache: PathMatchCache
    private let historyRules: HistoryRules

    /// - Parameter historyIndex: whether to add findings from the repository's history index
    ///   (`calibrate` replays history itself and asks for none).
    public init(
        repository: Repository, configuration: LoadedConfiguration, ref: String?, baseline: Baseline = Baseline(),
        historyIndex: Bool = true
    ) {
        self.configuration = configuration
        self.ref = ref
        policy = configuration.policy(for: ref)
        history =
            historyIndex ? HistoryAvailability(repository: repository, configuration: configuration.configuration.history) : .disabled
        self.baseline = baseline
        pathCache = PathMatchCache(rules: configuration.rules.rules)
        historyRules = HistoryRules(ruleSet: configuration.rules)
    }

    /// The same pipeline deciding with another ref's policy.
    public func deciding(for ref: String?) -> AnalysisPipeline {
        var copy = self
        copy.ref = ref
        copy.policy = configuration.policy(for: ref)
        return copy
    }

    public var hasHistory: Bool { history.isAvailable }

    /// `tool.capabilities` of a report made with this pipeline.
    public var capabilities: [String] { Self.baseCapabilities + (hasHistory ? ["history"] : []) }

    public var thresholds: LevelThresholds { configuration.configuration.levels }

    /// Files whose changed lines a content rule will read: kept from the counting diff so that
    /// no file is diffed twice.
    public var wantsLines: @Sendable (FileChange) -> Bool { pathCache.needsChangedLines }

    /// The analyzer for one thread, on that thread's repository handle.
    public func analyzer(on repository: Repository) -> CommitAnalyzer {
        let records = GitProvenanceRecords(repository: repository)
        let settings = configuration.configuration.traceability
        var analyzer = CommitAnalyzer(
            authorship: AuthorshipClassifier(records: records, notesRefs: settings.notesRefs),
            traceability: TraceabilityChecker(settings: settings, records: records),
            scorer: BlastRadiusScorer(
                rules: configuration.rules, lines: GitChangedLines(repository: repository),
                codeOwners: GitCodeOwners(repository: repository), pathCache: pathCache),
            thresholds: thresholds, policy: policy, baseline: baseline)
        // History findings only from an index built with `riskgate history build`; without one
        // they are unavailable (not in capabilities), never guessed.
        if case .available(let snapshot) = history {
            analyzer.scorer = HistoryAwareScoring(
                base: analyzer.scorer,
                history: HistoryFindings(
                    history: snapshot.model, settings: configuration.configuration.history.settings, rules: historyRules))
        }
        return analyzer
    }

    /// The commits of a range, analysed on `workers` threads, in the walk's order.
    public func analyses(of range: RevisionRange, in repository: Repository, workers: Int = 2, limit: Int = .max)
        throws(GitError) -> ParallelCommitStream<CommitAnalysis>
    {
        let source = try GitCommitSource(repository: repository, range: range)
        let pipeline = self
        return try ParallelCommitStream(source: source, workers: workers, limit: limit, wantsLines: wantsLines) {
            workerRepository in pipeline.analyzer(on: workerRepository).analyze
        }
    }
}

/// One commit at a time through a pipeline on one repository handle (hooks, `explain`): each
/// file is read and diffed once, for its counts and for the content rules together.
public final class CommitAnalysisSession {
    public let pipeline: AnalysisPipeline
    private let reader: CommitSnapshotReader
    private let analyzer: CommitAnalyzer

    public init(pipeline: AnalysisPipeline, repository: Repository) {
        self.pipeline = pipeline
        reader = CommitSnapshotReader(repository: repository)
        analyzer = pipeline.analyzer(on: repository)
    }

    public func analyze(_ id: ObjectID) throws -> CommitAnalysis {
        try reader.withSnapshot(of: id, wantsLines: pipeline.wantsLines) { analyzer.analyze($0) }
    }

    /// The commits in the order to analyse them when time is short: riskiest first by what is
    /// cheap to know before any file is read (the points of the path rules their paths match,
    /// AI authorship, then fewer changed files), so a slow commit cannot push a risky one past
    /// the deadline. Ties keep the given order. A commit that cannot be outlined goes first:
    /// its analysis will fail and say why.
    public func riskiestFirst(_ ids: [ObjectID]) -> [ObjectID] {
        guard ids.count > 1 else { return ids }
        let rules = pipeline.configuration.rules.rules
        let ranked = ids.enumerated().map { index, id -> (index: Int, id: ObjectID, key: (Int, Int, Int)) in
            guard let outline = try? reader.outline(of: id) else { return (index, id, (Int.max, 1, 0)) }
            var matched = Set<Int>()
            for file in outline.files { matched.formUnion(pipeline.pathCache.rules(matching: file)) }
            let points = matched.reduce(0) { $0 + rules[$1].points }
            let trailers = TrailerParser.parse(bytes: outline.message.raw)
            let ai = analyzer.authorship.classify(outline, trailers: trailers).isAI ? 1 : 0
            return (index, id, (points, ai, -outline.files.count))
        }
        return ranked.sorted { lhs, rhs in lhs.key != rhs.key ? lhs.key > rhs.key : lhs.index < rhs.index }.map(\.id)
    }
}
