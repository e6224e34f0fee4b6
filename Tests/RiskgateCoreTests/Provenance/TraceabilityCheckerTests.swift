import RiskgateCore
import Testing

/// Traceability statuses, links, scope drift and verification against records (SPEC §3.2).
struct TraceabilityCheckerTests {
    /// Records in memory for the pure checker; the git-backed records are tested end to end.
    struct MemoryRecords: ProvenanceRecords {
        var notes: [String: String] = [:]
        var files: [String: String] = [:]
        func note(for commit: ObjectID, notesRef: String) -> [UInt8]? { notes[notesRef].map { Array($0.utf8) } }
        func file(at path: String, in commit: ObjectID) -> [UInt8]? { files[path].map { Array($0.utf8) } }
    }

    static func commit(_ message: String, paths: [String] = ["src/a.swift"]) -> CommitSnapshot {
        let signature = Signature(name: "Ada", email: "ada@example.com", time: 0)
        return CommitSnapshot(
            id: ObjectID(high: 1, middle: 2, low: 3), parents: [], author: signature, committer: signature,
            message: CommitMessage(message),
            files: paths.map { FileChange(path: $0, status: .modified, added: 10, deleted: 1) })
    }

    static func check(
        _ message: String, paths: [String] = ["src/a.swift"], records: MemoryRecords = MemoryRecords(),
        settings: TraceabilitySettings = TraceabilitySettings()
    ) -> Traceability {
        let commit = commit(message, paths: paths)
        let trailers = TrailerParser.parse(message)
        let authorship = AuthorshipClassifier().classify(commit, trailers: trailers)
        return TraceabilityChecker(settings: settings, records: records).check(commit, trailers: trailers, authorship: authorship)
    }

    struct StatusCase: CustomTestStringConvertible, Sendable {
        var message: String
        var status: Traceability.Status
        var links: [String] = []
        var testDescription: String { message.debugDescription }
    }

    static let claude = "Co-Authored-By: Claude <noreply@anthropic.com>"

    static let statuses: [StatusCase] = [
        StatusCase(message: "Fix typo", status: .notRequired),
        StatusCase(message: "Fix\n\nSigned-off-by: Ada <ada@example.com>", status: .notRequired),
        StatusCase(message: "Fix\n\n\(claude)", status: .missing),
        StatusCase(message: "Fix\n\nAssisted-by: Claude:claude-opus-4", status: .missing),
        StatusCase(message: "Fix\n\nAI-Session: https://claude.ai/code/session_01\n\(claude)", status: .linked,
            links: ["https://claude.ai/code/session_01"]),
        StatusCase(message: "Fix\n\nAI-Session: s-42\n\(claude)", status: .linked, links: ["s-42"]),
        StatusCase(message: "Fix\n\nPrompt-Id: 7f3a\n\(claude)", status: .linked, links: ["7f3a"]),
        StatusCase(message: "Fix\n\nClaude-Session: https://claude.ai/code/session_01AbC", status: .linked,
            links: ["https://claude.ai/code/session_01AbC"]),
        StatusCase(message: "Fix\n\nhttps://claude.ai/code/session_01AbC", status: .linked, links: ["https://claude.ai/code/session_01AbC"]),
        StatusCase(message: "Fix\n\nAgent-Logs-Url: https://github.com/o/r/sessions/0b9c3a52-8f3e-4c1a-9d7e-2f1b6c5a4e3d",
            status: .linked, links: ["https://github.com/o/r/sessions/0b9c3a52-8f3e-4c1a-9d7e-2f1b6c5a4e3d"]),
        StatusCase(message: "Fix\n\nAmp-Thread: https://ampcode.com/threads/T-1", status: .linked, links: ["https://ampcode.com/threads/T-1"]),
        StatusCase(message: "Fix\n\nAI-Session:\n\(claude)", status: .malformed),
        StatusCase(message: "Fix\n\nAI-Session: see the chat log\n\(claude)", status: .malformed),
        StatusCase(message: "Fix\n\nAI-Session: https://\n\(claude)", status: .malformed),
        StatusCase(message: "Fix\n\nAI-Session: ftp://host/x\n\(claude)", status: .malformed),
        StatusCase(message: "Fix\n\nAgent-Logs-Url: 0b9c3a52", status: .malformed),
        StatusCase(message: "Fix\n\nAssisted-by: Claude:", status: .malformed),
        StatusCase(message: "Fix\n\nAssisted-by: :claude-3-opus", status: .malformed),
        StatusCase(message: "Fix\n\nAI-Session: ftp://host/x\nAI-Session: s-1\n\(claude)", status: .linked, links: ["s-1"]),
        StatusCase(message: "Fix\n\n- AI-Session: s-1\n\(claude)", status: .missing),
    ]

    @Test(arguments: statuses)
    func status(_ testCase: StatusCase) {
        let result = Self.check(testCase.message)
        #expect(result.status == testCase.status, "\(result)")
        #expect(result.links == testCase.links)
        if testCase.status == .malformed { #expect(!result.notes.isEmpty) }
    }

    struct ScopeCase: CustomTestStringConvertible, Sendable {
        var scope: String
        var paths: [String]
        var outOfScope: [String]
        var testDescription: String { scope }
    }

    static let scopes: [ScopeCase] = [
        ScopeCase(scope: "src/**", paths: ["src/a.swift", "src/b/c.swift", "README.md"], outOfScope: ["README.md"]),
        ScopeCase(scope: "src/**, docs/*.md", paths: ["docs/x.md", "docs/y/z.md", "src/q"], outOfScope: ["docs/y/z.md"]),
        ScopeCase(scope: "*.md", paths: ["README.md", "docs/a.md", "a.txt"], outOfScope: ["a.txt"]),
        ScopeCase(scope: "src/{api,web}/**", paths: ["src/api/x", "src/web/y/z", "src/db/m"], outOfScope: ["src/db/m"]),
        ScopeCase(scope: "src/?.c", paths: ["src/a.c", "src/ab.c"], outOfScope: ["src/ab.c"]),
        ScopeCase(scope: "infra", paths: ["infra/main.tf", "infra.txt"], outOfScope: ["infra.txt"]),
        ScopeCase(scope: "**/*.tf", paths: ["main.tf", "a/b/c.tf", "a/b.yml"], outOfScope: ["a/b.yml"]),
        ScopeCase(scope: "src/*", paths: ["src/a", "src/b/c"], outOfScope: ["src/b/c"]),
    ]

    @Test(arguments: scopes)
    func scopeDrift(_ testCase: ScopeCase) {
        let result = Self.check("Fix\n\nAI-Session: s-1\nAI-Scope: \(testCase.scope)\n\(Self.claude)", paths: testCase.paths)
        #expect(result.outOfScope == testCase.outOfScope)
        #expect(!result.scope.isEmpty)
    }

    @Test func unbalancedScopeIsReported() {
        let result = Self.check("Fix\n\nAI-Session: s-1\nAI-Scope: src/{a\n\(Self.claude)")
        #expect(result.scope.isEmpty)
        #expect(result.notes.contains { $0.contains("not a glob") })
        #expect(ScopeGlob("") == nil)
        #expect(ScopeGlob("a}") == nil)
    }

    /// Issue #16: `{a,b}` 24 times took 46 s and 2.7 GB to expand; it is malformed, not expanded.
    @Test func scopeThatWouldExpandPastTheLimitIsMalformed() {
        let bomb = String(repeating: "{a,b}", count: 24)
        let result = Self.check("Fix\n\nAI-Scope: \(bomb)\n\(Self.claude)")
        #expect(result.status == .malformed)
        // A valid link does not make up for a scope that cannot be checked.
        #expect(Self.check("Fix\n\nAI-Session: s-1\nAI-Scope: \(bomb)\n\(Self.claude)").status == .malformed)
        #expect(result.scope.isEmpty)
        #expect(result.notes.contains { $0.contains("256 alternatives") })
    }

    static let gitAILog = """
        src/a.swift
          s_0123456789abcd::t_0123456789abcd 1-4,9
          h_abcdef01234567 5-6
        "src/with space.swift"
          0123456789abcdef 1-2
        ---
        {"schema_version":"authorship/3.0.0","base_commit_sha":"abc","git_ai_version":"1.6.10","prompts":{},
         "sessions":{"s_0123456789abcd":{"agent_id":{"tool":"pi","id":"x","model":"gpt-5.6-sol"},"human_author":"Matt <m@example.com>"}}}
        """

    @Test func gitAILogVerifiesAndReportsTheAIShareAsAFloor() {
        let records = MemoryRecords(notes: ["refs/notes/ai": Self.gitAILog])
        let result = Self.check("Fix\n\n\(Self.claude)", records: records)
        #expect(result.status == .verified)
        #expect(result.aiLines == AILineShare(aiLines: 7, humanLines: 2, addedLines: 10))
        #expect(result.aiLines?.minimumPercent == 70)
        #expect(result.notes.contains { $0.contains("7 AI-written and 2 human lines") && $0.contains("pi") })
    }

    @Test func gitAILogParsing() throws {
        let log = try #require(GitAINote(Array(Self.gitAILog.utf8)))
        #expect(log.aiLines == 7)
        #expect(log.humanLines == 2)
        #expect(log.tools == ["pi"])
        #expect(log.sessions == ["0123456789abcdef", "s_0123456789abcd"])
        #expect(GitAINote(Array("{\"tool\":\"cursor\",\"ai_lines\":3}".utf8)) == nil)
        #expect(GitAINote(Array("a\n  s_1 1-2\n---\n{\"schema_version\":\"authorship/2.0.0\"}".utf8)) == nil)
        #expect(GitAINote(Array("a\n  s_1 1-2\n---\nnot json".utf8)) == nil)
        #expect(GitAINote([0xff, 0xfe, 0x00]) == nil)
    }

    @Test func foreignNoteOnRefsNotesAiDoesNotFailOrVerify() {
        let records = MemoryRecords(notes: ["refs/notes/ai": "{\"ai_lines\": 3, \"tool\": \"cursor\"}"])
        let result = Self.check("Fix\n\nAI-Session: s-1\n\(Self.claude)", records: records)
        #expect(result.status == .linked)
        #expect(result.aiLines == nil)
        #expect(result.notes.contains { $0.contains("not a git-ai log") })
    }

    @Test func riskgatePromptRecordVerifiesItsSession() {
        let record = "riskgate-prompt/1\nsession: s-42\ntool: claude-code\nprompt: add retries\n  with backoff\n"
        let matching = Self.check("Fix\n\nAI-Session: s-42\n\(Self.claude)", records: MemoryRecords(notes: ["refs/notes/riskgate": record]))
        #expect(matching.status == .verified)
        let other = Self.check("Fix\n\nAI-Session: s-7\n\(Self.claude)", records: MemoryRecords(notes: ["refs/notes/riskgate": record]))
        #expect(other.status == .linked)
        #expect(other.notes.contains { $0.contains("names session s-42") })
        let unlinked = Self.check("Fix\n\n\(Self.claude)", records: MemoryRecords(notes: ["refs/notes/riskgate": record]))
        #expect(unlinked.status == .verified)
        let broken = Self.check(
            "Fix\n\nAI-Session: s-42\n\(Self.claude)", records: MemoryRecords(notes: ["refs/notes/riskgate": "riskgate-prompt/1\ntool: x\n"]))
        #expect(broken.status == .linked)
        #expect(broken.notes.contains { $0.contains("malformed prompt record") })
    }

    @Test func promptRecordParsing() throws {
        let record = try #require(PromptRecord(Array("riskgate-prompt/1\r\nsession: s-1\r\nmodel: m\r\nprompt: a\r\n  b\r\n".utf8)))
        #expect(record.session == "s-1")
        #expect(record.model == "m")
        #expect(record.prompt == "a\nb")
        #expect(PromptRecord(Array("session: s-1".utf8)) == nil)
    }

    struct RecordFileCase: CustomTestStringConvertible, Sendable {
        var link: String
        var path: String?
        var testDescription: String { link }
    }

    static let recordFiles: [RecordFileCase] = [
        RecordFileCase(link: "s-42", path: ".prompts/s-42.md"),
        RecordFileCase(link: "https://claude.ai/code/session_01AbC", path: ".prompts/session_01AbC.md"),
        RecordFileCase(link: "https://example.com/threads/T-9?x=1", path: ".prompts/T-9.md"),
        RecordFileCase(link: "../../etc/passwd", path: nil),
    ]

    @Test(arguments: recordFiles)
    func promptRecordFileInTheTree(_ testCase: RecordFileCase) {
        let settings = TraceabilitySettings(notesRefs: [], promptRecords: ".prompts/{id}.md")
        var records = MemoryRecords()
        if let path = testCase.path { records.files[path] = "# Prompt\nAdd retries.\n" }
        let result = Self.check("Fix\n\nAI-Session: \(testCase.link)\n\(Self.claude)", records: records, settings: settings)
        #expect(result.status == (testCase.path == nil ? .linked : .verified), "\(result)")
        let missing = Self.check("Fix\n\nAI-Session: \(testCase.link)\n\(Self.claude)", records: MemoryRecords(), settings: settings)
        #expect(missing.status == .linked)
    }

    @Test func defaultSettingsReadBothNotesRefs() {
        #expect(TraceabilitySettings().notesRefs == ["refs/notes/ai", "refs/notes/riskgate"])
        #expect(TraceabilitySettings().promptRecords == nil)
    }
}
