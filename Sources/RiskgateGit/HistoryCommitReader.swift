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

    /// The next record, newest first (the walker's order); nil at the end.
    public func next() throws(GitError) -> HistoryRecord? {
        guard let id = try walker.next() else { return nil }
        return try record(of: id)
    }

    func record(of id: ObjectID) throws(GitError) -> HistoryRecord {
        let commit = try repository.lookupCommit(id, context: "commit")
        defer { git_commit_free(commit) }
        let parentCount = git_commit_parentcount(commit)
        let encoding = git_commit_message_encoding(commit).map { String(cString: $0) }
        let message = CommitMessage(raw: cStringBytes(git_commit_message_raw(commit)), declaredEncoding: encoding)
        let email = git_commit_author(commit).map { LenientText.decode(cStringBytes($0.pointee.email)) } ?? ""
        var paths: [String] = []
        // A shallow boundary's parent is missing: its changes are unknown, so it lists none.
        if !(shallow.contains(id) && parentCount > 0) {
            let tree = ObjectID(git_commit_tree_id(commit))
            var parentTree: ObjectID?
            if parentCount > 0 {
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
        return HistoryRecord(
            id: id, time: Int64(git_commit_time(commit)), author: HistoryRecord.normalizedAuthor(email),
            isMerge: parentCount > 1, subject: message.subject, signals: MessageSignals.parse(message), paths: paths)
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
