import CLibGit2
import RiskgateCore

/// Reads CODEOWNERS from each commit's own tree (`.github/`, the root, then `docs/`: the
/// first found wins, as on GitHub). Parsed files are cached by blob id, since most commits
/// share the same file.
public final class GitCodeOwners: CodeOwnersProvider {
    private let repository: Repository
    private var parsed: [ObjectID: CodeOwners] = [:]

    public init(repository: Repository) {
        self.repository = repository
    }

    public func codeOwners(for commit: CommitSnapshot) -> CodeOwners? {
        var oid = commit.id.gitOID
        var commitPointer: OpaquePointer?
        guard git_commit_lookup(&commitPointer, repository.handle, &oid) == 0, let commitPointer else { return nil }
        defer { git_commit_free(commitPointer) }
        var tree: OpaquePointer?
        guard git_commit_tree(&tree, commitPointer) == 0, let tree else { return nil }
        defer { git_tree_free(tree) }
        for path in CodeOwners.locations {
            var entry: OpaquePointer?
            guard git_tree_entry_bypath(&entry, tree, path) == 0, let entry else { continue }
            defer { git_tree_entry_free(entry) }
            guard git_tree_entry_type(entry) == GIT_OBJECT_BLOB, let idPointer = git_tree_entry_id(entry) else { continue }
            let id = ObjectID(idPointer)
            if let known = parsed[id] { return known }
            guard let text = blobText(id) else { continue }
            let owners = CodeOwners(path: path, text: text)
            if parsed.count > 64 { parsed.removeAll() }
            parsed[id] = owners
            return owners
        }
        return nil
    }

    private func blobText(_ id: ObjectID) -> String? {
        var oid = id.gitOID
        var blob: OpaquePointer?
        guard git_blob_lookup(&blob, repository.handle, &oid) == 0, let blob else { return nil }
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size < 3 * 1024 * 1024 else { return nil }  // GitHub ignores larger files
        guard size > 0, let content = git_blob_rawcontent(blob) else { return "" }
        return LenientText.decode(UnsafeRawBufferPointer(start: content, count: size))
    }
}
