import CLibGit2
import RiskgateCore

/// Streams the commits of a range as `CommitSnapshot` values: the core's view of git.
///
/// Each commit is read, diffed against its first parent (the empty tree for a root commit),
/// copied into plain values and released before the next one, so memory stays flat however
/// long the history is.
public final class GitCommitSource: CommitSource {
    private let repository: Repository
    private let walker: CommitWalker
    private let treeDiff: TreeDiff
    private let counter: LineCounter
    private let shallow: Set<ObjectID>

    public init(repository: Repository, range: RevisionRange) throws(GitError) {
        self.repository = repository
        shallow = repository.shallowBoundaries()
        walker = try CommitWalker(repository: repository, range: range, shallow: shallow)
        treeDiff = TreeDiff(repository: repository)
        counter = LineCounter(repository: repository)
    }

    public func next() throws -> CommitSnapshot? {
        try nextSnapshot()
    }

    public func nextSnapshot() throws(GitError) -> CommitSnapshot? {
        guard let id = try walker.next() else { return nil }
        return try snapshot(of: id)
    }

    /// One commit, whole: metadata, message and file changes with line counts.
    public func snapshot(of id: ObjectID) throws(GitError) -> CommitSnapshot {
        var oid = id.gitOID
        var commit: OpaquePointer?
        let code = git_commit_lookup(&commit, repository.handle, &oid)
        guard code == 0, let commit else {
            if code == GIT_ENOTFOUND.rawValue { throw .missingObject(id, context: "commit") }
            throw .call(function: "git_commit_lookup", code: code, message: LibGit2.lastErrorMessage())
        }
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
        if !isBoundary {
            let tree = ObjectID(git_commit_tree_id(commit))
            let parentTree = try parents.first.map { parent throws(GitError) in try treeID(ofCommit: parent, child: id) }
            files = try fileChanges(from: parentTree, to: tree)
        }
        return CommitSnapshot(
            id: id, parents: parents, author: author, committer: committer, message: message, files: files,
            isShallowBoundary: isBoundary)
    }

    /// Changed paths between two trees with git's numstat numbers and exact renames paired.
    func fileChanges(from old: ObjectID?, to new: ObjectID?) throws(GitError) -> [FileChange] {
        let changes = try treeDiff.changes(from: old, to: new)
        let renames = pairRenames(changes)
        var files: [FileChange] = []
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
            let counts = try counter.counts(for: change)
            var file = FileChange(
                path: LenientText.decode(change.path), status: status(of: change), added: counts.added,
                deleted: counts.deleted, binary: counts.binary, oldMode: FileMode(rawValue: change.oldMode),
                newMode: FileMode(rawValue: change.newMode), oldID: change.oldID, newID: change.newID)
            file.contentMissing = counts.contentMissing
            files.append(file)
        }
        return files
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
        var oid = id.gitOID
        var commit: OpaquePointer?
        let code = git_commit_lookup(&commit, repository.handle, &oid)
        guard code == 0, let commit else {
            if code == GIT_ENOTFOUND.rawValue { throw .missingObject(id, context: "parent of \(child.hex)") }
            throw .call(function: "git_commit_lookup", code: code, message: LibGit2.lastErrorMessage())
        }
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
