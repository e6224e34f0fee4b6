import CLibGit2
import RiskgateCore

/// The audit log's head kept in a ref, `refs/riskgate/audit-head`: a blob holding `<seq> <hash>`
/// of the last entry appended. `audit verify` checks the log against it, so deleting the last
/// entries is detected without an admin keeping anchors by hand, and the ref travels with every
/// mirror or backup of the repository.
///
/// A hook may run with its objects in quarantine (pre-receive), where new objects vanish with a
/// rejected push: the blob is written straight into the repository's own object directory.
public enum AuditAnchorRef {
    public static let name = "refs/riskgate/audit-head"

    /// Points the ref at a blob of `text`. Best effort is not enough for an anchor: failures throw.
    public static func write(_ text: String, repository: Repository) throws(GitError) {
        var odb: OpaquePointer?
        try LibGit2.check(git_odb_open(&odb, repository.commonDirectory + "/objects"), "git_odb_open")
        guard let odb else { throw GitError.call(function: "git_odb_open", code: -1, message: "no object database") }
        defer { git_odb_free(odb) }
        var oid = git_oid()
        let bytes = Array(text.utf8)
        try LibGit2.check(
            bytes.withUnsafeBytes { git_odb_write(&oid, odb, $0.baseAddress, $0.count, GIT_OBJECT_BLOB) }, "git_odb_write")
        var reference: OpaquePointer?
        try LibGit2.check(
            git_reference_create(&reference, repository.handle, name, &oid, 1, "riskgate: audit head"), "git_reference_create")
        git_reference_free(reference)
    }

    /// The text the ref's blob holds, nil when there is no such ref.
    public static func read(repository: Repository) throws(GitError) -> String? {
        var reference: OpaquePointer?
        guard git_reference_lookup(&reference, repository.handle, name) == 0, let reference else { return nil }
        defer { git_reference_free(reference) }
        guard let target = git_reference_target(reference) else { return nil }
        let id = ObjectID(target)
        let blob = try repository.lookupBlob(id, context: name)
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let content = git_blob_rawcontent(blob) else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: content, count: size), as: UTF8.self)
    }
}
