import RiskgateCore
import Testing

/// Agent Trace v0.1.0 records (agent-trace.dev): a record naming the commit verifies its link and
/// its AI ranges give the AI line share; records about other commits or files do not.
struct AgentTraceTests {
    static let parent = "89abcdef0123456789abcdef0123456789abcdef"

    static func record(
        revision: String? = parent, path: String = "src/a.swift", version: String = "0.1.0", ranges: String = #"{"start_line":1,"end_line":6}"#,
        contributor: String = "ai"
    ) -> String {
        let vcs = revision.map { #","vcs":{"type":"git","revision":"\#($0)"}"# } ?? ""
        return #"{"version":"\#(version)","id":"7d3c1a2b-0000-4000-8000-000000000001","timestamp":"2026-01-20T10:00:00Z"\#(vcs),"#
            + #""tool":{"name":"claude-code","version":"2.1"},"files":[{"path":"\#(path)","conversations":[{"url":"https://example.com/c/1","#
            + #""contributor":{"type":"\#(contributor)"},"ranges":[\#(ranges)]}]}]}"#
    }

    static func commit(_ message: String = "Fix\n\nCo-Authored-By: Claude <noreply@anthropic.com>") -> CommitSnapshot {
        let signature = Signature(name: "Ada", email: "ada@example.com", time: 0)
        return CommitSnapshot(
            id: ObjectID(high: 1, middle: 2, low: 3), parents: [ObjectID(hex: parent) ?? ObjectID(high: 0, middle: 0, low: 0)],
            author: signature, committer: signature, message: CommitMessage(message),
            files: [FileChange(path: "src/a.swift", status: .modified, added: 10, deleted: 1)])
    }

    static func check(note: String? = nil, file: String? = nil, message: String = "Fix\n\nCo-Authored-By: Claude <noreply@anthropic.com>")
        -> Traceability
    {
        var records = TraceabilityCheckerTests.MemoryRecords()
        if let note { records.notes[AgentTraceRecord.notesRef] = note }
        if let file { records.files[AgentTraceRecord.treePath] = file }
        let commit = commit(message)
        let trailers = TrailerParser.parse(message)
        let authorship = AuthorshipClassifier(records: records).classify(commit, trailers: trailers)
        return TraceabilityChecker(records: records).check(commit, trailers: trailers, authorship: authorship)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var note: String? = nil
        var file: String? = nil
        var status: Traceability.Status
        var aiLines: Int? = nil
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "note naming the parent (edit-time HEAD)", note: record(), status: .verified, aiLines: 6),
        Case(name: "note without vcs", note: record(revision: nil), status: .verified, aiLines: 6),
        Case(name: "note with version 1.0", note: record(version: "1.0"), status: .verified, aiLines: 6),
        Case(
            name: "two ranges, one human", note: record(ranges: #"{"start_line":1,"end_line":3},{"start_line":5,"end_line":5,"contributor":{"type":"human"}}"#),
            status: .verified, aiLines: 3),
        Case(
            name: "trace store in the tree, JSON lines", file: record(revision: "0123") + "\n" + record() + "\nnot json\n",
            status: .verified, aiLines: 6),
        Case(name: "tree record for another commit", file: record(revision: "fedcba9876543210fedcba9876543210fedcba98"), status: .missing),
        Case(name: "tree record for a file the commit did not change", file: record(path: "docs/x.md"), status: .missing),
        Case(name: "not a record (no files)", note: #"{"version":"0.1.0","id":"x","timestamp":"t"}"#, status: .missing),
        Case(name: "bad version", note: record(version: "v1"), status: .missing),
        Case(name: "broken JSON", note: "{\"version\": \"0.1.0\", ", status: .missing),
        Case(name: "deeply nested JSON", note: String(repeating: "[", count: 5000), status: .missing),
    ]

    @Test(arguments: cases)
    func verification(_ test: Case) {
        let result = Self.check(note: test.note, file: test.file)
        #expect(result.status == test.status, "notes: \(result.notes)")
        #expect(result.aiLines?.aiLines == test.aiLines)
    }

    @Test func noteAloneMakesAnUnmarkedCommitAIAssisted() {
        let result = Self.check(note: Self.record(), message: "Refactor the parser")
        #expect(result.status == .verified)
        let human = Self.check(note: Self.record(contributor: "human"), message: "Refactor the parser")
        #expect(human.status == .notRequired)
    }
}
