/// Repository data the traceability check needs to verify a link, supplied by the git adapter
/// (`RiskgateGit.GitProvenanceRecords`) so the core stays pure.
public protocol ProvenanceRecords {
    /// The note attached to `commit` under `notesRef` (e.g. `refs/notes/ai`), nil when none.
    func note(for commit: ObjectID, notesRef: String) -> [UInt8]?
    /// The bytes of the blob at `path` in `commit`'s tree, nil when there is no such file.
    func file(at path: String, in commit: ObjectID) -> [UInt8]?
}

/// No repository data: links can be `linked` but never `verified` (commit-msg hook, tests).
public struct NoProvenanceRecords: ProvenanceRecords {
    public init() {}
    public func note(for commit: ObjectID, notesRef: String) -> [UInt8]? { nil }
    public func file(at path: String, in commit: ObjectID) -> [UInt8]? { nil }
}
