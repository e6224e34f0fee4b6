import RiskgateCore
import RiskgateGit
import RiskgateReporting

/// The range report driver behind `report` (and the CI front end): the range chosen as SPEC §1
/// says, every commit analysed by the pipeline (baseline applied inside it), recommendations
/// and the summary, the new baseline written when asked. The front end picks the reporter and
/// the exit code.
public struct RangeReport {
    public var range: RevisionRange
    /// How the range was chosen when no revision was given.
    public var defaultRangeReason: String?

    /// The revisions as given (`git rev-list` syntax), or the default range when there are none.
    public init(repository: Repository, revisions: [String]) throws(GitError) {
        if revisions.isEmpty {
            let chosen = try repository.defaultRange()
            range = chosen.range
            defaultRangeReason = chosen.reason
        } else {
            if repository.isEmpty { throw GitError.emptyRepository }
            range = try repository.resolve(revisions)
            defaultRangeReason = nil
        }
    }

    public struct Options {
        /// Threads that read, count and score commits (the walk has its own).
        public var workers: Int
        /// Report at most this many newest commits.
        public var limit: Int
        /// Where to write the fingerprints of this report's findings (plus the baseline's).
        public var writeBaseline: String?
        /// Called after each commit with the number analysed so far (a progress meter).
        public var progress: (Int) -> Void
        /// Called once every commit is analysed, before the reporter writes its summary.
        public var analysed: () -> Void

        public init(
            workers: Int = 2, limit: Int = .max, writeBaseline: String? = nil, progress: @escaping (Int) -> Void = { _ in },
            analysed: @escaping () -> Void = {}
        ) {
            self.workers = workers
            self.limit = limit
            self.writeBaseline = writeBaseline
            self.progress = progress
            self.analysed = analysed
        }
    }

    /// Analyses the range and feeds `reporter`; returns the summary it was given.
    public func run(
        pipeline: AnalysisPipeline, repository: Repository, reporter: inout any Reporter, toolVersion: String,
        options: Options = Options()
    ) throws(EngineError) -> RangeSummary {
        var recommendations = Recommendations()
        var fingerprints: Set<String> = []
        var hidden = 0
        var count = 0
        var aiLines = 0
        var firstAI: CommitAnalysis?
        var summary = RangeSummary()
        reporter.begin(
            ReportContext(
                toolVersion: toolVersion, capabilities: pipeline.capabilities, revisions: range.arguments,
                defaultRangeReason: defaultRangeReason))
        do throws(GitError) {
            let analyses = try pipeline.analyses(of: range, in: repository, workers: options.workers, limit: options.limit)
            // Signed approvals (SPEC §9), as the push of the range to the policy's ref would meet them.
            let approvals = pipeline.ref.flatMap { ref in
                ApprovalVerifier.isNeeded(pipeline.configuration.configuration)
                    ? ApprovalVerifier(repository: repository, configuration: pipeline.configuration.configuration, updates: [], pusher: nil)
                        .annotator(ref: ref) : nil
            }
            while var analysis = try analyses.next() {
                if let approvals { analysis = approvals(analysis) }
                count += 1
                options.progress(count)
                hidden += analysis.baselined
                if RangeFindings.isCountedAI(analysis) {
                    aiLines += RangeFindings.addedLines(analysis)
                    if firstAI == nil { firstAI = analysis }
                }
                if options.writeBaseline != nil { fingerprints.formUnion(analysis.findings.map(\.fingerprint)) }
                recommendations.add(analysis)
                summary.add(analysis)
                reporter.add(analysis)
            }
        } catch {
            throw EngineError(error)
        }
        options.analysed()
        // The range as one update of the policy's ref: what its push would meet (AI volume, a
        // freeze in force now, the kill switch), so the report and the hook agree.
        for range in rangeFindings(pipeline: pipeline, repository: repository, aiLines: aiLines, firstAI: firstAI) {
            summary.add(range)
        }
        summary.finish(thresholds: pipeline.thresholds)
        summary.recommendations = recommendations.recommendations()
        if hidden > 0 { reporter.noteHidden(hidden) }
        if let path = options.writeBaseline {
            // The baseline's own fingerprints stay accepted; the hidden findings are among them.
            let text = Baseline.render(
                fingerprints.union(pipeline.baseline.fingerprints),
                header: "riskgate baseline: accepted findings, one fingerprint (commit:path:rule[:line]) per line.\n"
                    + "Use with: riskgate report --baseline \(path)")
            try FileDescriptorSink.file(path, what: "the baseline").write(text)
        }
        reporter.finish(summary)
        if let failure = reporter.failure { throw .input(failure) }
        return summary
    }
}

extension RangeReport {
    func rangeFindings(pipeline: AnalysisPipeline, repository: Repository, aiLines: Int, firstAI: CommitAnalysis?)
        -> [RangeFinding]
    {
        guard let ref = pipeline.ref else { return [] }
        let update = RefUpdate(ref: ref, old: .zero, new: .zero)
        let classification = RefClassification(change: .fastForward, namespace: update.namespace, annotatedTag: false)
        return RangeFindings.evaluate(
            update: update, classification: classification, aiLines: aiLines, firstAI: firstAI,
            policy: pipeline.configuration.configuration.updatePolicy(for: ref), now: Int64(SystemClock.wallClockSeconds()),
            killSwitch: KillSwitchStore(repository: repository).current())
    }
}

extension Baseline {
    /// A baseline file: a riskgate JSON report or one fingerprint per line.
    public init(file path: String) throws(EngineError) {
        self.init(parsing: try TextFile.text(path, what: "baseline file"))
    }
}
