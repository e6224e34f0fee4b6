import CLibGit2
import RiskgateCore

#if canImport(Glibc)
    import Glibc
#endif

/// An open repository. Owns its libgit2 handle; not shared across threads (libgit2 objects are
/// not thread-safe), so each worker opens its own.
public final class Repository {
    let handle: OpaquePointer

    /// The repository's git directory (for a linked worktree, its private one).
    public let gitDirectory: String
    /// The common git directory (equal to `gitDirectory` except in linked worktrees).
    public let commonDirectory: String
    /// The work tree, nil for bare repositories.
    public let workDirectory: String?
    /// Where discovery started (nil: the environment or the current directory).
    private let openedFrom: String?

    /// Changed lines of the commit being scored, collected while its lines were counted, by
    /// blob pair: `GitChangedLines` answers from here before diffing again. Filled and emptied
    /// per commit by the thread that owns this handle (`ParallelCommitStream`).
    var collectedLines: [BlobPair: ChangedLines] = [:]

    /// Opens the repository the way git does inside a hook or after `git -C <path>`:
    /// `GIT_DIR`, `GIT_OBJECT_DIRECTORY` and `GIT_ALTERNATE_OBJECT_DIRECTORIES` are honoured, so
    /// a pre-receive hook sees the pushed objects still in quarantine.
    ///
    /// - Parameter path: where to start looking (like `git -C`); nil for `GIT_DIR` or the
    ///   current directory.
    public init(discoveringFrom path: String? = nil) throws(GitError) {
        LibGit2.ensureInitialized()
        // libgit2 1.5 refuses to open from the environment when GIT_WORK_TREE or GIT_COMMON_DIR
        // is set (fixed in 1.7). riskgate only reads history, for which neither matters:
        // the common directory is found from the git directory's own `commondir` file.
        unsetenv("GIT_WORK_TREE")
        unsetenv("GIT_COMMON_DIR")
        var pointer: OpaquePointer?
        let flags = GIT_REPOSITORY_OPEN_FROM_ENV.rawValue
        let code = git_repository_open_ext(&pointer, path, flags, nil)
        guard code >= 0, let pointer else {
            let message = LibGit2.lastErrorMessage()
            if code == GIT_ENOTFOUND.rawValue {
                throw .notARepository(path: path ?? Repository.currentDirectory(), message: message)
            }
            throw .call(function: "git_repository_open_ext", code: code, message: message)
        }
        handle = pointer
        openedFrom = path
        gitDirectory = Repository.trimSlash(String(cString: git_repository_path(pointer)))
        commonDirectory = Repository.trimSlash(String(cString: git_repository_commondir(pointer)))
        workDirectory = git_repository_workdir(pointer).map { Repository.trimSlash(String(cString: $0)) }
    }

    deinit {
        if let objectDatabase { git_odb_free(objectDatabase) }
        git_repository_free(handle)
    }

    /// The object database, opened on first use by `readTree`.
    private var objectDatabase: OpaquePointer?

    /// A tree object's raw bytes, without libgit2's parse of every entry (which costs more
    /// than the diff itself: its mode parser runs `strtol` per entry). Freed by `RawTree`.
    func readTree(_ id: ObjectID) throws(GitError) -> RawTree {
        if objectDatabase == nil {
            var database: OpaquePointer?
            _ = try LibGit2.check(git_repository_odb(&database, handle), "git_repository_odb")
            objectDatabase = database
        }
        var oid = id.gitOID
        var object: OpaquePointer?
        let code = git_odb_read(&object, objectDatabase, &oid)
        guard code == 0, let object else {
            if code == GIT_ENOTFOUND.rawValue { throw .missingObject(id, context: "tree") }
            throw .call(function: "git_odb_read", code: code, message: LibGit2.lastErrorMessage())
        }
        guard git_odb_object_type(object) == GIT_OBJECT_TREE else {
            git_odb_object_free(object)
            throw .call(function: "git_odb_read", code: -1, message: "object \(id.hex) is not a tree")
        }
        return RawTree(object: object, id: id)
    }

    /// Looks up a commit; the caller frees it with `git_commit_free`. "Not found" becomes
    /// `.missingObject` with `context` (a partial clone, a damaged repository).
    func lookupCommit(_ id: ObjectID, context: String) throws(GitError) -> OpaquePointer {
        try lookup(id, context: context, "git_commit_lookup", git_commit_lookup)
    }

    /// Looks up a blob; the caller frees it with `git_blob_free`.
    func lookupBlob(_ id: ObjectID, context: String = "blob") throws(GitError) -> OpaquePointer {
        try lookup(id, context: context, "git_blob_lookup", git_blob_lookup)
    }

    private func lookup(
        _ id: ObjectID, context: String, _ function: StaticString,
        _ call: (UnsafeMutablePointer<OpaquePointer?>?, OpaquePointer?, UnsafePointer<git_oid>?) -> Int32
    ) throws(GitError) -> OpaquePointer {
        var oid = id.gitOID
        var object: OpaquePointer?
        let code = call(&object, handle, &oid)
        guard code == 0, let object else {
            if code == GIT_ENOTFOUND.rawValue { throw .missingObject(id, context: context) }
            throw .call(function: "\(function)", code: code, message: LibGit2.lastErrorMessage())
        }
        return object
    }

    /// A second, independent handle on the same repository, for another thread.
    func reopen() throws(GitError) -> Repository {
        try Repository(discoveringFrom: openedFrom)
    }

    public var isBare: Bool { git_repository_is_bare(handle) == 1 }

    /// True when the repository has no commits yet: HEAD is unborn and no reference exists.
    /// (libgit2's `git_repository_is_empty` also wants HEAD to name the configured default
    /// branch, so a fresh `git init -b main` would not count.)
    public var isEmpty: Bool {
        guard git_repository_head_unborn(handle) == 1 else { return false }
        var iterator: OpaquePointer?
        guard git_reference_iterator_glob_new(&iterator, handle, "refs/*") == 0, let iterator else { return true }
        defer { git_reference_iterator_free(iterator) }
        var reference: OpaquePointer?
        guard git_reference_next(&reference, iterator) == 0, let reference else { return true }
        git_reference_free(reference)
        return false
    }

    /// The commits at which a shallow clone's history stops (from `shallow` in the git dir).
    public func shallowBoundaries() -> Set<ObjectID> {
        guard let file = fopen(commonDirectory + "/shallow", "r") else { return [] }
        defer { fclose(file) }
        var result: Set<ObjectID> = []
        var buffer = [CChar](repeating: 0, count: 128)
        while fgets(&buffer, Int32(buffer.count), file) != nil {
            let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if let id = ObjectID(hex: line.trimmingWhitespace()) { result.insert(id) }
        }
        return result
    }

    /// The symbolic target of `HEAD` (e.g. `refs/heads/main`), nil when detached.
    public func headReferenceName() -> String? {
        var reference: OpaquePointer?
        guard git_reference_lookup(&reference, handle, "HEAD") == 0, let reference else { return nil }
        defer { git_reference_free(reference) }
        guard git_reference_type(reference) == GIT_REFERENCE_SYMBOLIC, let target = git_reference_symbolic_target(reference)
        else { return nil }
        return String(cString: target)
    }

    /// Whether a reference of exactly this name exists (loose or packed).
    public func referenceExists(_ name: String) -> Bool {
        var reference: OpaquePointer?
        guard git_reference_lookup(&reference, handle, name) == 0, let reference else { return false }
        git_reference_free(reference)
        return true
    }

    /// A configuration value as a string, nil when unset.
    public func configString(_ name: String) -> String? {
        var config: OpaquePointer?
        guard git_repository_config_snapshot(&config, handle) == 0, let config else { return nil }
        defer { git_config_free(config) }
        var value: UnsafePointer<CChar>?
        guard git_config_get_string(&value, config, name) == 0, let value else { return nil }
        return String(cString: value)
    }

    /// The process's working directory (getcwd), "." when it cannot be read.
    public static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func trimSlash(_ path: String) -> String {
        path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }
}

/// The two sides of a changed file, which alone decide its changed lines.
struct BlobPair: Hashable {
    var old: ObjectID?
    var new: ObjectID?
}

/// A repository's `config` file read without opening the repository (whose ownership check or
/// object directory may be what failed): what a hook needs to apply the admin's failure policy.
public struct GitConfigFile {
    private let path: String

    public init?(gitDirectory: String) {
        _ = LibGit2.initialized
        let path = gitDirectory + "/config"
        guard access(path, R_OK) == 0 else { return nil }
        self.path = path
    }

    public func string(_ name: String) -> String? {
        var config: OpaquePointer?
        guard git_config_open_ondisk(&config, path) == 0, let config else { return nil }
        defer { git_config_free(config) }
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        guard git_config_get_string_buf(&buffer, config, name) == 0, let pointer = buffer.ptr else { return nil }
        let value = String(cString: pointer)
        return value.isEmpty ? nil : value
    }
}
