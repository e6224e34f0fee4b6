import CLibGit2
import RiskgateCore

/// Notes and tree files for the traceability check (core's `ProvenanceRecords`).
///
/// Each notes ref is preloaded once with `git_note_iterator` into a dictionary from commit to
/// note blob (libgit2-notes §5: 7.6 ms for 5,000 notes, against ~80 µs per `git_note_read`);
/// a note's blob is read only when a commit asks for it. A missing notes ref is simply empty.
/// Files are read with `git_tree_entry_bypath` from the commit's own tree.
public final class GitProvenanceRecords: ProvenanceRecords {
    private let repository: Repository
    private var notesByRef: [String: [ObjectID: ObjectID]] = [:]

    public init(repository: Repository) {
        self.repository = repository
    }

    public func note(for commit: ObjectID, notesRef: String) -> [UInt8]? {
        guard let blob = notes(in: notesRef)[commit] else { return nil }
        return blobBytes(blob)
    }

    public func file(at path: String, in commit: ObjectID) -> [UInt8]? {
        var oid = commit.gitOID
        var commitHandle: OpaquePointer?
        guard git_commit_lookup(&commitHandle, repository.handle, &oid) == 0, let commitHandle else { return nil }
        defer { git_commit_free(commitHandle) }
        var tree: OpaquePointer?
        guard git_commit_tree(&tree, commitHandle) == 0, let tree else { return nil }
        defer { git_tree_free(tree) }
        var entry: OpaquePointer?
        guard git_tree_entry_bypath(&entry, tree, path) == 0, let entry else { return nil }
        defer { git_tree_entry_free(entry) }
        guard git_tree_entry_type(entry) == GIT_OBJECT_BLOB, let id = git_tree_entry_id(entry) else { return nil }
        return blobBytes(ObjectID(id))
    }

    /// Commit → note blob for one notes ref, loaded on first use.
    func notes(in ref: String) -> [ObjectID: ObjectID] {
        if let loaded = notesByRef[ref] { return loaded }
        var loaded: [ObjectID: ObjectID] = [:]
        var iterator: OpaquePointer?
        if git_note_iterator_new(&iterator, repository.handle, ref) == 0, let iterator {
            defer { git_note_iterator_free(iterator) }
            var noteID = git_oid()
            var annotatedID = git_oid()
            while git_note_next(&noteID, &annotatedID, iterator) == 0 {
                loaded[ObjectID(annotatedID)] = ObjectID(noteID)
            }
        }
        notesByRef[ref] = loaded
        return loaded
    }

    private func blobBytes(_ id: ObjectID) -> [UInt8]? {
        var oid = id.gitOID
        var blob: OpaquePointer?
        guard git_blob_lookup(&blob, repository.handle, &oid) == 0, let blob else { return nil }
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let raw = git_blob_rawcontent(blob) else { return [] }
        return Array(UnsafeRawBufferPointer(start: raw, count: size))
    }
}
