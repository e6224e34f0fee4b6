/// A commit as the core sees it: a plain value copied out of the repository.
///
/// File changes are against the first parent (a root commit: against the empty tree), as
/// `git log --diff-merges=first-parent` shows them.
public struct CommitSnapshot: Hashable, Sendable {
    public var id: ObjectID
    public var parents: [ObjectID]
    public var author: Signature
    public var committer: Signature
    public var message: CommitMessage
    public var files: [FileChange]
    /// True when the commit is a shallow clone's boundary: its parents exist but are not in the
    /// repository, so its changes cannot be computed. `files` is then empty.
    public var isShallowBoundary: Bool

    public init(
        id: ObjectID, parents: [ObjectID], author: Signature, committer: Signature,
        message: CommitMessage, files: [FileChange], isShallowBoundary: Bool = false
    ) {
        self.id = id
        self.parents = parents
        self.author = author
        self.committer = committer
        self.message = message
        self.files = files
        self.isShallowBoundary = isShallowBoundary
    }

    public var isMerge: Bool { parents.count > 1 }
    public var isRoot: Bool { parents.isEmpty }
    public var subject: String { message.subject }
}

/// A stream of commits. The git adapter implements it; tests and tools can feed arrays.
///
/// Streaming keeps memory flat in history length: a consumer holds one commit at a time.
public protocol CommitSource {
    /// The next commit, or nil at the end.
    mutating func next() throws -> CommitSnapshot?
}

/// A `CommitSource` over commits already in memory (tests, small fixtures).
public struct ArrayCommitSource: CommitSource {
    private var commits: [CommitSnapshot]
    private var index = 0

    public init(_ commits: [CommitSnapshot]) { self.commits = commits }

    public mutating func next() throws -> CommitSnapshot? {
        guard index < commits.count else { return nil }
        defer { index += 1 }
        return commits[index]
    }
}
