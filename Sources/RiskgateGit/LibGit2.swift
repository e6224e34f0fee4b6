import CLibGit2
#if canImport(Glibc)
    import Glibc
#endif
import RiskgateCore

/// One error type for the adapter. Every libgit2 failure names the C function that failed.
public enum GitError: Error, Equatable, CustomStringConvertible {
    /// A libgit2 call returned an error code.
    case call(function: String, code: Int32, message: String)
    /// No repository at or above the path.
    case notARepository(path: String, message: String)
    /// A revision that does not resolve to a commit.
    case unknownRevision(String, message: String)
    /// A revision argument that is not valid `git rev-list` syntax.
    case invalidRevisionSyntax(String)
    /// The repository has no commits yet.
    case emptyRepository
    /// An object the history needs is not in the repository (partial or broken clone).
    case missingObject(ObjectID, context: String)

    public var description: String {
        switch self {
        case .call(let function, let code, let message):
            return "\(function) failed (\(code)): \(message)"
        case .notARepository(let path, let message):
            return "not a git repository: \(path) (\(message)); run riskgate inside a repository or pass -C <path>"
        case .unknownRevision(let revision, let message):
            return "unknown revision '\(revision)': \(message); check the name with `git rev-parse \(revision)`"
        case .invalidRevisionSyntax(let revision):
            return "invalid revision syntax '\(revision)'; use git rev-list syntax such as main..feature, A...B, ^X Y, --all"
        case .emptyRepository:
            return "the repository has no commits yet; there is nothing to report"
        case .missingObject(let id, let context):
            return "object \(id.hex) is missing from the repository (\(context)); the clone may be partial or damaged"
        }
    }
}

/// libgit2's process-wide state, initialised exactly once.
enum LibGit2 {
    /// Runs `git_libgit2_init` once (thread-safe lazy static) and sets read-only scan options.
    static let initialized: Bool = {
        _ = git_libgit2_init()
        // git does not re-hash objects on read, and pushed packs are verified by index-pack:
        // skipping libgit2's extra SHA-1 halves object-read cost (libgit2-notes §3.4).
        _ = cgit2_set_strict_hash_verification(0)
        // libgit2's object cache holds parsed objects several times their raw size and pushed
        // a 50,000-commit walk to ~450 MB. riskgate reuses what it needs itself (the previous
        // diff's trees, the walker's commits), so the cache is off and memory stays flat.
        _ = cgit2_enable_caching(0)
        return true
    }()

    static func ensureInitialized() { _ = initialized }

    /// The last libgit2 error message on this thread.
    static func lastErrorMessage() -> String {
        guard let error = git_error_last(), let message = error.pointee.message else { return "unknown error" }
        return String(cString: message)
    }

    /// Throws `GitError.call` naming `function` when `code` is negative.
    @discardableResult
    static func check(_ code: Int32, _ function: StaticString) throws(GitError) -> Int32 {
        guard code < 0 else { return code }
        throw GitError.call(function: "\(function)", code: code, message: lastErrorMessage())
    }
}

extension ObjectID {
    init(_ oid: git_oid) {
        self = withUnsafeBytes(of: oid.id) { raw in
            guard let base = raw.baseAddress, raw.count >= 20 else { return .zero }
            return ObjectID(raw: base)
        }
    }

    init(_ pointer: UnsafePointer<git_oid>) { self = ObjectID(raw: UnsafeRawPointer(pointer)) }

    var gitOID: git_oid {
        var oid = git_oid()
        withUnsafeMutableBytes(of: &oid) { raw in
            if let base = raw.baseAddress, raw.count >= 20 { store(to: base) }
        }
        return oid
    }
}

/// Bytes of a NUL-terminated C string, without assuming any encoding.
func cStringBytes(_ pointer: UnsafePointer<CChar>?) -> [UInt8] {
    guard let pointer else { return [] }
    let length = strlen(pointer)
    return pointer.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
}
