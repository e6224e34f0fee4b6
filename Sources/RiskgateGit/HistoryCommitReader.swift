import CLibGit2
import RiskgateCore

/// Streams the commits of a range as history-index records: ids, time, author, message
/// signals and changed paths. Paths only, no line counts: the index needs nothing more, and
/// skipping blob diffs makes a full build cheaper than `git log --numstat`.
public final class HistoryCommitReader {
    private let repository: Repository
    private let walker: CommitWalker
    private let treeDiff: TreeDiff
    private let shallow: Set<ObjectID>

    public init(repository: Repository, range: RevisionRange) throws(GitError) {
        self.repository = repository
        shallow = repository.shallowBoundaries()
        walker = try CommitWalker(repository: repository, range: range, shallow: shallow)
        treeDiff = TreeDiff(repository: repository)
    }

    /// The next record, newest first (the walker's order), and its parents; nil at the end.
    public func next() throws(GitError) -> (record: HistoryRecord, parents: [ObjectID])? {
        guard let id = try walker.next() else { return nil }
        return try record(of: id)
    }

    /// Every commit of a range as records in arrival order (`HistoryOrder`): the order the
    /// history index keeps, and in which it grows.
    public static func records(repository: Repository, range: RevisionRange) throws(GitError) -> [HistoryRecord] {
        let reader = try HistoryCommitReader(repository: repository, range: range)
        var byID: [ObjectID: HistoryRecord] = [:]
        var commits: [(id: ObjectID, parents: [ObjectID])] = []
        while let (record, parents) = try reader.next() {
            byID[record.id] = record
            commits.append((record.id, parents))
        }
        commits.reverse()  // oldest first, for anything no tip reaches
        return HistoryOrder.arrival(tips: range.include, commits: commits).compactMap { placed in
            guard var record = byID[placed.id] else { return nil }
            record.landingOffset = placed.landingOffset
            return record
        }
    }

    func record(of id: ObjectID) throws(GitError) -> (record: HistoryRecord, parents: [ObjectID]) {
        let commit = try repository.lookupCommit(id, context: "commit")
        defer { git_commit_free(commit) }
        let parentCount = git_commit_parentcount(commit)
        let encoding = git_commit_message_encoding(commit).map { String(cString: $0) }
        let message = CommitMessage(raw: cStringBytes(git_commit_message_raw(commit)), declaredEncoding: encoding)
        let email = git_commit_author(commit).map { LenientText.decode(cStringBytes($0.pointee.email)) } ?? ""
        var parents: [ObjectID] = []
        if !shallow.contains(id) {
            for index in 0..<parentCount {
                if let parent = git_commit_parent_id(commit, index) { parents.append(ObjectID(parent)) }
            }
        }
        var paths: [String] = []
        // A shallow boundary's parent is missing: its changes are unknown, so it lists none.
        if !(shallow.contains(id) && parentCount > 0) {
            let tree = ObjectID(git_commit_tree_id(commit))
            var parentTree: ObjectID?
            if parentCount > 0, let first = parents.first, let known = walker.treeID(of: first) {
                parentTree = known
            } else if parentCount > 0 {
                var parent: OpaquePointer?
                let parentCode = git_commit_parent(&parent, commit, 0)
                guard parentCode == 0, let parent else {
                    throw .call(function: "git_commit_parent", code: parentCode, message: LibGit2.lastErrorMessage())
                }
                parentTree = ObjectID(git_commit_tree_id(parent))
                git_commit_free(parent)
            }
            for change in try treeDiff.changes(from: parentTree, to: tree) {
                if paths.count == HistoryRecord.maximumPaths { break }
                paths.append(LenientText.decode(change.path))
            }
        }
        let record = HistoryRecord(
            id: id, time: Int64(git_commit_time(commit)), author: HistoryRecord.normalizedAuthor(email),
            isMerge: parentCount > 1, subject: message.subject, signals: MessageSignals.parse(message), paths: paths)
        return (record, parents)
    }
}

extension Repository {
    /// Whether `ancestor` is `descendant` or one of its ancestors.
    public func isAncestor(_ ancestor: ObjectID, of descendant: ObjectID) -> Bool {
        if ancestor == descendant { return true }
        var a = descendant.gitOID
        var b = ancestor.gitOID
        return git_graph_descendant_of(handle, &a, &b) == 1
    }
}
