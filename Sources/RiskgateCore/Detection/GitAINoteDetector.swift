/// A git-ai authorship log on the commit (`refs/notes/ai`, ai-markers §2.2) that attests
/// AI-written lines. git-ai leaves no mark in the message, so without this its commits would
/// look human. A log with only human lines, a foreign note, or a log on a merge commit (the
/// merged branch's lines, SPEC §3.1: a person merging an AI branch is human) says nothing.
public struct GitAINoteDetector: AuthorshipDetector {
    public init() {}
    public let signal = "git-ai-note"

    public func detect(_ input: DetectionInput) -> [DetectionSignal] {
        var found: [DetectionSignal] = []
        // A merge's log carries the merged branch's lines: not the merge's own mark.
        guard !input.isMerge else { return found }
        for note in input.notes {
            if note.ref == AgentTraceRecord.notesRef { continue }
            guard let log = GitAINote(note.bytes), log.aiLines > 0 else { continue }
            let tool = log.tools.lazy.compactMap { AgentIdentityTable.gitAITools[$0] }.first ?? "other"
            let tools = log.tools.isEmpty ? "" : " (\(log.tools.joined(separator: ", ")))"
            found.append(
                DetectionSignal(
                    signal: signal, detail: "git-ai log on \(note.ref): \(log.aiLines) AI-written lines\(tools)",
                    tool: tool, strength: .assisted, confidence: .high))
        }
        return found
    }

    static let sampleLog = """
        src/a.ts
          s_0123456789abcd::t_0123456789abcd 1-4,9
          h_abcdef01234567 5-8
        ---
        {"schema_version":"authorship/3.0.0","base_commit_sha":"x","prompts":{},\
        "sessions":{"s_0123456789abcd":{"agent_id":{"tool":"claude","id":"c1","model":"claude-opus-4-6"}}}}
        """

    public let examples: [DetectorExample] = [
        .init("refactor: simplify", note: sampleLog, .signal(tool: "claude-code", strength: .assisted)),
        .init(
            "fix",
            note: "a.ts\n  0123456789abcdef 1-2\n---\n{\"schema_version\": \"authorship/3.0.0\", \"prompts\": {}}",
            .signal(tool: "other", strength: .assisted)),
        .init(
            "fix", note: "a.ts\n  h_abcdef01234567 1-9\n---\n{\"schema_version\":\"authorship/3.0.0\",\"prompts\":{}}",
            .nothing),
        .init("fix", note: "{\"ai_lines\": 3, \"tool\": \"cursor\"}", .nothing),
        .init("fix", note: "a.ts\n  s_1 1-2\n---\n{\"schema_version\":\"authorship/2.0.0\"}", .nothing),
        .init("fix", .nothing),
        {
            var merge = DetectorExample("Merge pull request #7 from o/ai-branch", note: sampleLog, .nothing)
            merge.isMerge = true
            return merge
        }(),
    ]
}
