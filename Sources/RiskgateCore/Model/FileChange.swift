/// How a path changed between a commit's first parent (or the empty tree) and the commit.
public enum ChangeStatus: String, Sendable, Codable, CaseIterable {
    case added, modified, deleted, renamed, copied, typechange
}

/// The git file modes riskgate distinguishes.
public enum FileMode: UInt32, Sendable {
    case regular = 0o100644
    case executable = 0o100755
    case symlink = 0o120000
    case gitlink = 0o160000
    case tree = 0o040000

    /// The kind of object behind the mode, for typechange detection (git's `S_IFMT`).
    public var kind: UInt32 { rawValue & 0o170000 }
}

/// One changed path of a commit, with git's numstat numbers.
public struct FileChange: Hashable, Sendable {
    public var path: String
    /// Set for renamed and copied entries only.
    public var oldPath: String?
    public var status: ChangeStatus
    /// Lines added and deleted as `git log --numstat` counts them; nil for binary files.
    public var added: Int?
    public var deleted: Int?
    public var binary: Bool
    public var oldMode: FileMode?
    public var newMode: FileMode?
    /// The old and new blob (or submodule commit) ids; nil on the side that does not exist.
    public var oldID: ObjectID?
    public var newID: ObjectID?
    /// True when a blob this change needs is not in the repository (a partial or damaged
    /// clone): the counts are then unknown (nil) rather than guessed.
    public var contentMissing: Bool = false

    public init(
        path: String, oldPath: String? = nil, status: ChangeStatus, added: Int?, deleted: Int?,
        binary: Bool = false, oldMode: FileMode? = nil, newMode: FileMode? = nil,
        oldID: ObjectID? = nil, newID: ObjectID? = nil
    ) {
        self.path = path
        self.oldPath = oldPath
        self.status = status
        self.added = added
        self.deleted = deleted
        self.binary = binary
        self.oldMode = oldMode
        self.newMode = newMode
        self.oldID = oldID
        self.newID = newID
    }

    /// True when either side is a submodule (gitlink).
    public var isSubmodule: Bool { oldMode == .gitlink || newMode == .gitlink }

    /// True when only the mode changed (e.g. a file became executable).
    public var isModeChangeOnly: Bool { status == .modified && oldID == newID && oldMode != newMode }

    /// True when either side is a symbolic link.
    public var isSymlink: Bool { oldMode == .symlink || newMode == .symlink }
}
