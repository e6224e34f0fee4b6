import RiskgateCore

/// One commit at a time, whole: metadata, message, file changes with git's line counts, and
/// (for the files a content rule will read) the changed lines, taken from the same diff that
/// counted them. What a hook or `explain` uses; a range goes through `ParallelCommitStream`.
public final class CommitSnapshotReader {
    public let repository: Repository
    private let reader: CommitReader
    private let counter: LineCounter
    /// Commits outlined for ranking, kept so their analysis does not read their trees again.
    private var outlined: [ObjectID: GitCommitSource.Pending] = [:]

    public init(repository: Repository) {
        self.repository = repository
        reader = CommitReader(repository: repository, shallow: repository.shallowBoundaries())
        counter = LineCounter(repository: repository)
    }

    /// Reads `id` and hands it to `body` while the changed lines of the files `wantsLines`
    /// names are kept for the repository's `GitChangedLines` (so no file is diffed twice);
    /// they are dropped when `body` returns.
    public func withSnapshot<Result>(
        of id: ObjectID, wantsLines: ((FileChange) -> Bool)? = nil, _ body: (CommitSnapshot) throws -> Result
    ) throws -> Result {
        defer { repository.collectedLines.removeAll(keepingCapacity: true) }
        var pending = try outlined.removeValue(forKey: id) ?? reader.read(Planned(id: id, parentTree: nil))
        try GitCommitSource.count(&pending, with: counter, wantsLines: wantsLines)
        return try body(pending.snapshot)
    }

    /// What is cheap to know of a commit before any file is read: metadata, message and the
    /// changed paths (line counts nil). Kept until the commit is analysed.
    public func outline(of id: ObjectID) throws(GitError) -> CommitSnapshot {
        if let known = outlined[id] { return known.snapshot }
        let pending = try reader.read(Planned(id: id, parentTree: nil))
        outlined[id] = pending
        return pending.snapshot
    }

    /// The commit without keeping any lines.
    public func snapshot(of id: ObjectID) throws(GitError) -> CommitSnapshot {
        defer { repository.collectedLines.removeAll(keepingCapacity: true) }
        var pending = try reader.read(Planned(id: id, parentTree: nil))
        try GitCommitSource.count(&pending, with: counter)
        return pending.snapshot
    }
}
