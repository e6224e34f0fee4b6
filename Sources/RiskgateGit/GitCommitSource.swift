import CLibGit2
import RiskgateCore

/// Streams the commits of a range as `CommitSnapshot` values: the core's view of git.
///
/// Each commit is read, diffed against its first parent (the empty tree for a root commit),
/// copied into plain values and released before the next one, so memory stays flat however
/// long the history is.
public final class GitCommitSource: CommitSource {
    let repository: Repository
    private let walker: CommitWalker
    private let reader: CommitReader
    private let counter: LineCounter
    let shallow: Set<ObjectID>
    private var ready: [CommitSnapshot] = []
    private var readyIndex = 0

    /// Commits are read ahead in batches of this many (the walk reuses their trees).
    static let batchSize = 32

    /// Everything on the caller's thread. To read, count and analyse on several threads, hand
    /// the source to a `ParallelCommitStream` (one worker is the serial case).
    public init(repository: Repository, range: RevisionRange) throws(GitError) {
        self.repository = repository
        shallow = repository.shallowBoundaries()
        walker = try CommitWalker(repository: repository, range: range, shallow: shallow)
        reader = CommitReader(repository: repository, shallow: shallow)
        counter = LineCounter(repository: repository)
    }

    public func next() throws -> CommitSnapshot? {
        try nextSnapshot()
    }

    public func nextSnapshot() throws(GitError) -> CommitSnapshot? {
        if readyIndex >= ready.count {
            ready.removeAll(keepingCapacity: true)
            readyIndex = 0
            try readBatch()
        }
        guard readyIndex < ready.count else { return nil }
        defer { readyIndex += 1 }
        return ready[readyIndex]
    }

    // MARK: - Batches

    /// A commit whose changed paths are known but whose line counts are not yet.
    struct Pending {
        var snapshot: CommitSnapshot
        var jobs: [(fileIndex: Int, change: TreeChange)]

        mutating func apply(_ counts: LineCounter.Counts, to fileIndex: Int) {
            snapshot.files[fileIndex].added = counts.added
            snapshot.files[fileIndex].deleted = counts.deleted
            snapshot.files[fileIndex].binary = counts.binary
            snapshot.files[fileIndex].contentMissing = counts.contentMissing
        }
    }

    /// The next `count` commits of the walk, as much as the walk knows of them: any thread's
    /// `CommitReader` turns each into a `Pending`.
    func plan(count: Int) throws(GitError) -> [Planned] {
        var batch: [Planned] = []
        while batch.count < count, let id = try walker.next() {
            batch.append(Planned(id: id, parentTree: walker.firstParentTree(of: id)))
            walker.forgetTree(of: id)
        }
        return batch
    }

    private func readBatch() throws(GitError) {
        var batch: [Pending] = []
        for planned in try plan(count: Self.batchSize) {
            var pending = try reader.read(planned)
            try Self.count(&pending, with: counter)
            batch.append(pending)
        }
        ready = batch.map(\.snapshot)
    }

    /// Counts lines, and keeps the changed lines of the files `wantsLines` names in the
    /// counter's repository (`Repository.collectedLines`) for the content rules that will read them.
    static func count(
        _ pending: inout Pending, with counter: LineCounter, wantsLines: ((FileChange) -> Bool)? = nil
    ) throws(GitError) {
        for job in pending.jobs {
            let file = pending.snapshot.files[job.fileIndex]
            let (counts, lines) = try counter.counts(for: job.change, collectingLines: wantsLines?(file) ?? false)
            pending.apply(counts, to: job.fileIndex)
            if let lines { counter.repository.collectedLines[BlobPair(old: file.oldID, new: file.newID)] = lines }
        }
    }

}

/// What the walk knows of a commit: its id and, usually, its first parent's root tree.
struct Planned {
    var id: ObjectID
    var parentTree: ObjectID?
}

/// Reads one planned commit into core values: metadata, message and changed paths (line
/// counts are left to a `LineCounter`). One per thread, on that thread's repository handle;
/// consecutive commits of a walk share trees, which its `TreeDiff` keeps between calls.
final class CommitReader {
    let repository: Repository
    private let shallow: Set<ObjectID>
    private let treeDiff: TreeDiff

    init(repository: Repository, shallow: Set<ObjectID>) {
        self.repository = repository
        self.shallow = shallow
        treeDiff = TreeDiff(repository: repository)
    }

    /// Metadata and changed paths of one commit; line counts left for later.
    func read(_ planned: Planned) throws(GitError) -> GitCommitSource.Pending {
        let id = planned.id
        let commit = try repository.lookupCommit(id, context: "commit")
        defer { git_commit_free(commit) }

        var parents: [ObjectID] = []
        for index in 0..<git_commit_parentcount(commit) {
            if let parent = git_commit_parent_id(commit, index) { parents.append(ObjectID(parent)) }
        }
        let encoding = git_commit_message_encoding(commit).map { String(cString: $0) }
        let message = CommitMessage(raw: cStringBytes(git_commit_message_raw(commit)), declaredEncoding: encoding)
        let author = signature(git_commit_author(commit))
        let committer = signature(git_commit_committer(commit))
        let isBoundary = shallow.contains(id) && !parents.isEmpty

        var files: [FileChange] = []
        var jobs: [(fileIndex: Int, change: TreeChange)] = []
        if !isBoundary {
            let tree = ObjectID(git_commit_tree_id(commit))
            var parentTree: ObjectID?
            if let known = planned.parentTree {
                parentTree = known
            } else if let parent = parents.first {
                parentTree = try treeID(ofCommit: parent, child: id)
            }
            (files, jobs) = try fileChanges(from: parentTree, to: tree)
        }
        return GitCommitSource.Pending(
            snapshot: CommitSnapshot(
                id: id, parents: parents, author: author, committer: committer, message: message, files: files,
                isShallowBoundary: isBoundary),
            jobs: jobs)
    }

    /// Changed paths between two trees with exact renames paired, and the line-counting jobs
    /// that fill in git's numstat numbers for the others.
    func fileChanges(from old: ObjectID?, to new: ObjectID?) throws(GitError)
        -> ([FileChange], [(fileIndex: Int, change: TreeChange)])
    {
        let changes = try treeDiff.changes(from: old, to: new)
        let renames = pairRenames(changes)
        var files: [FileChange] = []
        var jobs: [(fileIndex: Int, change: TreeChange)] = []
        files.reserveCapacity(changes.count)
        for (index, change) in changes.enumerated() {
            if renames.deletedIndices.contains(index) { continue }
            if let source = renames.sourceOf[index] {
                let from = changes[source]
                files.append(
                    FileChange(
                        path: LenientText.decode(change.path), oldPath: LenientText.decode(from.path), status: .renamed,
                        added: 0, deleted: 0, binary: false, oldMode: FileMode(rawValue: from.oldMode),
                        newMode: FileMode(rawValue: change.newMode), oldID: from.oldID, newID: change.newID))
                continue
            }
            jobs.append((files.count, change))
            files.append(
                FileChange(
                    path: LenientText.decode(change.path), status: status(of: change), added: nil, deleted: nil,
                    binary: false, oldMode: FileMode(rawValue: change.oldMode),
                    newMode: FileMode(rawValue: change.newMode), oldID: change.oldID, newID: change.newID))
        }
        return (files, jobs)
    }

    private func pairRenames(_ changes: [TreeChange]) -> (deletedIndices: Set<Int>, sourceOf: [Int: Int]) {
        var deleted: [(index: Int, path: [UInt8], id: ObjectID)] = []
        var added: [(index: Int, path: [UInt8], id: ObjectID)] = []
        for (index, change) in changes.enumerated() {
            if change.newID == nil, let id = change.oldID, change.oldMode != LineCounter.gitlinkMode {
                deleted.append((index, change.path, id))
            } else if change.oldID == nil, let id = change.newID, change.newMode != LineCounter.gitlinkMode {
                added.append((index, change.path, id))
            }
        }
        let pairs = ExactRenames.pair(
            deleted: deleted.map { ($0.path, $0.id) }, added: added.map { ($0.path, $0.id) })
        var deletedIndices = Set<Int>()
        var sourceOf: [Int: Int] = [:]
        for pair in pairs {
            deletedIndices.insert(deleted[pair.deleted].index)
            sourceOf[added[pair.added].index] = deleted[pair.deleted].index
        }
        return (deletedIndices, sourceOf)
    }

    private func status(of change: TreeChange) -> ChangeStatus {
        if change.oldID == nil { return .added }
        if change.newID == nil { return .deleted }
        if change.oldMode & 0o170000 != change.newMode & 0o170000 { return .typechange }
        return .modified
    }

    private func treeID(ofCommit id: ObjectID, child: ObjectID) throws(GitError) -> ObjectID {
        let commit = try repository.lookupCommit(id, context: "parent of \(child.hex)")
        defer { git_commit_free(commit) }
        return ObjectID(git_commit_tree_id(commit))
    }

    private func signature(_ pointer: UnsafePointer<git_signature>?) -> Signature {
        guard let signature = pointer?.pointee else { return Signature(name: "", email: "", time: 0) }
        return Signature(
            name: LenientText.decode(cStringBytes(signature.name)), email: LenientText.decode(cStringBytes(signature.email)),
            time: Int64(signature.when.time), offsetMinutes: Int(signature.when.offset))
    }
}
