import CLibGit2
import RiskgateCore

#if canImport(Glibc)
    import Glibc
#endif

/// Reading and adding git notes on one notes ref (approvals, verdicts). Additions are
/// compare-and-swap updates of the notes ref, retried when another writer got there first:
/// concurrent pushes never lose a note.
public struct NotesStore {
    let repository: Repository
    public let ref: String

    public init(repository: Repository, ref: String) {
        self.repository = repository
        self.ref = ref
    }

    /// The notes commit the ref points at; nil when the ref does not exist.
    public func tip() -> ObjectID? {
        var oid = git_oid()
        guard git_reference_name_to_id(&oid, repository.handle, ref) == 0 else { return nil }
        return ObjectID(oid)
    }

    /// The note of `commit` as of the notes commit `notesCommit` (the tip when nil); nil when
    /// there is none. Works on objects still in quarantine.
    public func note(for commit: ObjectID, at notesCommit: ObjectID? = nil) -> String? {
        guard let at = notesCommit ?? tip() else { return nil }
        var notesOID = at.gitOID
        var notesHandle: OpaquePointer?
        guard git_commit_lookup(&notesHandle, repository.handle, &notesOID) == 0, let notesHandle else { return nil }
        defer { git_commit_free(notesHandle) }
        var target = commit.gitOID
        var note: OpaquePointer?
        guard git_note_commit_read(&note, repository.handle, notesHandle, &target) == 0, let note else { return nil }
        defer { git_note_free(note) }
        guard let message = git_note_message(note) else { return "" }
        return String(cString: message)
    }

    /// Every annotated commit on the ref.
    public func annotatedCommits() -> Set<ObjectID> {
        var result: Set<ObjectID> = []
        var iterator: OpaquePointer?
        guard git_note_iterator_new(&iterator, repository.handle, ref) == 0, let iterator else { return result }
        defer { git_note_iterator_free(iterator) }
        var noteID = git_oid()
        var annotated = git_oid()
        while git_note_next(&noteID, &annotated, iterator) == 0 { result.insert(ObjectID(annotated)) }
        return result
    }

    /// Adds `additions` (commit → text) to the commits' notes: appended after what a note
    /// already says unless that already contains the text, in one notes commit per addition,
    /// published with one compare-and-swap of the ref. When another writer moved the ref in
    /// between, it starts again from the new tip (up to `attempts` times).
    /// - Returns: the new tip, nil when nothing had to change.
    @discardableResult
    public func add(
        _ additions: [(commit: ObjectID, text: String)], name: String, email: String, message: String, attempts: Int = 50
    ) throws(GitError) -> ObjectID? {
        var lastError = GitError.call(function: "git_reference_create_matching", code: -1, message: "no attempt made")
        for attempt in 0..<max(1, attempts) {
            if attempt > 0 { usleep(UInt32(2_000 + (attempt * 7_919) % 20_000)) }
            let base = tip()
            var head = base
            for addition in additions {
                let existing = note(for: addition.commit, at: head)
                if let existing, existing.contains(addition.text) { continue }
                let text: String
                if let existing, !existing.isEmpty {
                    text = existing.hasSuffix("\n") ? existing + addition.text : existing + "\n" + addition.text
                } else {
                    text = addition.text
                }
                head = try commitNote(text, for: addition.commit, parent: head, name: name, email: email)
            }
            guard let head, head != base else { return nil }
            var newOID = head.gitOID
            var reference: OpaquePointer?
            let code: Int32
            if let base {
                var current = base.gitOID
                code = git_reference_create_matching(&reference, repository.handle, ref, &newOID, 1, &current, message)
            } else {
                code = git_reference_create(&reference, repository.handle, ref, &newOID, 0, message)
            }
            if let reference { git_reference_free(reference) }
            if code == 0 { return head }
            lastError = .call(function: "git_reference_create_matching", code: code, message: LibGit2.lastErrorMessage())
            guard code == GIT_EMODIFIED.rawValue || code == GIT_ELOCKED.rawValue || code == GIT_EEXISTS.rawValue else {
                throw lastError
            }
        }
        throw lastError
    }

    private func commitNote(_ text: String, for commit: ObjectID, parent: ObjectID?, name: String, email: String)
        throws(GitError) -> ObjectID
    {
        var signature: UnsafeMutablePointer<git_signature>?
        _ = try LibGit2.check(git_signature_now(&signature, name, email), "git_signature_now")
        defer { git_signature_free(signature) }
        var parentHandle: OpaquePointer?
        if let parent {
            var parentOID = parent.gitOID
            _ = try LibGit2.check(git_commit_lookup(&parentHandle, repository.handle, &parentOID), "git_commit_lookup")
        }
        defer { if let parentHandle { git_commit_free(parentHandle) } }
        var target = commit.gitOID
        var created = git_oid()
        var blob = git_oid()
        _ = try LibGit2.check(
            git_note_commit_create(&created, &blob, repository.handle, parentHandle, signature, signature, &target, text, 1),
            "git_note_commit_create")
        return ObjectID(created)
    }
}

extension Repository {
    /// Whether `ref` exists and its commit is `commit` or a descendant of it.
    public func reaches(ref: String, commit: ObjectID) -> Bool {
        var tip = git_oid()
        guard git_reference_name_to_id(&tip, handle, ref) == 0 else { return false }
        var peeled: OpaquePointer?
        guard git_object_lookup(&peeled, handle, &tip, GIT_OBJECT_ANY) == 0, let object = peeled else { return false }
        defer { git_object_free(object) }
        var commitObject: OpaquePointer?
        guard git_object_peel(&commitObject, object, GIT_OBJECT_COMMIT) == 0, let commitObject else { return false }
        defer { git_object_free(commitObject) }
        guard let tipID = git_object_id(commitObject) else { return false }
        if ObjectID(tipID) == commit { return true }
        var target = commit.gitOID
        return git_graph_descendant_of(handle, tipID, &target) == 1
    }
}
