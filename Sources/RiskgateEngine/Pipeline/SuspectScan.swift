import RiskgateCore
import RiskgateGit

/// The walk behind `suspects`: commits of a range inside a time window and a path selection,
/// analysed by the pipeline on worker threads, ranked for an on-call engineer.
public struct SuspectScan {
    /// With a newest-first walk, this many commits in a row older than the window's start end
    /// it (git's `--since` stops the same way, with less slack for skewed clocks).
    public static let olderCommitsBeforeStop = 64

    public var window: TimeWindow
    public var selection: PathSelection
    public var incidentTime: Int64
    public var limit: Int

    public init(window: TimeWindow, selection: PathSelection, incidentTime: Int64, limit: Int) {
        self.window = window
        self.selection = selection
        self.incidentTime = incidentTime
        self.limit = limit
    }

    /// What a worker makes of one commit: analysed when it is in the window and selection.
    enum Item: Sendable {
        case analysed(CommitAnalysis)
        case skipped(olderThanWindow: Bool)
    }

    public func run(
        pipeline: AnalysisPipeline, range: RevisionRange, repository: Repository, workers: Int = 2,
        progress: (Int) -> Void = { _ in }
    ) throws(GitError) -> SuspectRanking {
        let source = try GitCommitSource(repository: repository, range: range)
        let (window, selection) = (self.window, self.selection)
        let stream = try ParallelCommitStream<Item>(
            source: source, workers: workers, wantsLines: pipeline.wantsLines
        ) { workerRepository in
            let analyzer = pipeline.analyzer(on: workerRepository)
            return { commit in
                guard window.contains(commit), selection.selects(commit) else {
                    return .skipped(olderThanWindow: window.isBefore(commit))
                }
                return .analysed(analyzer.analyze(commit))
            }
        }
        var ranking = SuspectRanking(incidentTime: incidentTime, limit: limit)
        var walked = 0
        var olderInARow = 0
        while let item = try stream.next() {
            walked += 1
            progress(walked)
            switch item {
            case .skipped(let older):
                if older {
                    olderInARow += 1
                    if olderInARow >= Self.olderCommitsBeforeStop { return ranking }
                } else {
                    olderInARow = 0
                }
            case .analysed(let analysis):
                olderInARow = 0
                ranking.add(analysis)
            }
        }
        return ranking
    }
}
