/// An Agent Trace record on the commit's own note (`refs/notes/agent-trace`, `AgentTraceRecord`)
/// with AI-written ranges: like a git-ai log, it leaves no mark in the message, so without it the
/// commit would look human. Merges are skipped (their records describe the merged branch).
public struct AgentTraceNoteDetector: AuthorshipDetector {
    public init() {}
    public let signal = "agent-trace"

    public func detect(_ input: DetectionInput) -> [DetectionSignal] {
        guard !input.isMerge else { return [] }
        var found: [DetectionSignal] = []
        for note in input.notes where note.ref == AgentTraceRecord.notesRef {
            let records = AgentTraceRecord.parseAll(note.bytes)
            let ai = records.flatMap(\.ranges).filter { $0.contributor == "ai" }.reduce(0) { $0 + $1.lines }
            guard ai > 0 else { continue }
            let tool = records.lazy.compactMap { $0.tool.flatMap(Self.tool(named:)) }.first ?? "other"
            found.append(
                DetectionSignal(
                    signal: signal, detail: "Agent Trace on \(note.ref): \(ai) AI-written lines", tool: tool,
                    strength: .assisted, confidence: .high))
        }
        return found
    }

    /// The tool id of an Agent Trace `tool.name` (`cursor`, `claude-code`, `codex`).
    static func tool(named name: String) -> String? {
        let lowered = name.lowercased()
        if let tool = AgentIdentityTable.gitAITools[lowered] { return tool }
        let words = lowered.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        return DisclosureTrailerDetector.tool(in: words).flatMap { $0 == "other" ? nil : $0 }
    }

    static let sampleTrace = """
        {"version":"0.1.0","id":"4f1c9c2e-0000-4000-8000-000000000001","timestamp":"2026-01-20T10:00:00Z",\
        "vcs":{"type":"git","revision":"0123456789abcdef0123456789abcdef01234567"},"tool":{"name":"cursor"},\
        "files":[{"path":"src/a.ts","conversations":[{"url":"https://cursor.com/agents/bc-1","contributor":{"type":"ai"},\
        "ranges":[{"start_line":1,"end_line":12}]}]}]}
        """

    public let examples: [DetectorExample] = [
        {
            var example = DetectorExample("refactor: split the parser", .signal(tool: "cursor", strength: .assisted))
            example.noteRef = AgentTraceRecord.notesRef
            example.note = sampleTrace
            return example
        }(),
        {
            var example = DetectorExample("fix", .nothing)
            example.noteRef = AgentTraceRecord.notesRef
            example.note = sampleTrace.replacingPlaceholder("\"type\":\"ai\"", with: "\"type\":\"human\"")
            return example
        }(),
        .init("fix", .nothing),
    ]
}
