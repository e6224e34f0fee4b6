import CLibGit2
import RiskgateCore

/// The objects of a push still in quarantine (`GIT_QUARANTINE_PATH`): during pre-receive they
/// are exactly what the pusher sent, so a commit found here is new to the repository, and the
/// walk for new commits can stop where the quarantine ends instead of hiding every ref.
public final class QuarantineObjects {
    private let odb: OpaquePointer
    public let path: String

    /// Opens an object database of the quarantine directory alone (loose objects and packs).
    public init(path: String) throws(GitError) {
        LibGit2.ensureInitialized()
        var pointer: OpaquePointer?
        try LibGit2.check(git_odb_new(&pointer), "git_odb_new")
        guard let pointer else { throw GitError.call(function: "git_odb_new", code: -1, message: "no object database") }
        let code = git_odb_add_disk_alternate(pointer, path)
        guard code == 0 else {
            let message = LibGit2.lastErrorMessage()
            git_odb_free(pointer)
            throw GitError.call(function: "git_odb_add_disk_alternate", code: code, message: "\(path): \(message)")
        }
        odb = pointer
        self.path = path
    }

    deinit { git_odb_free(odb) }

    public func contains(_ id: ObjectID) -> Bool {
        var oid = id.gitOID
        return git_odb_exists(odb, &oid) == 1
    }
}
