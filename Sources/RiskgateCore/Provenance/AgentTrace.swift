/// Agent Trace v0.1.0 records (agent-trace.dev, cursor/agent-trace; ai-markers §2.3): which line
/// ranges of which files an AI (or a person) wrote, in which conversation.
///
/// The spec leaves storage open; riskgate reads the two places its implementations use:
/// - a git note on the commit under `refs/notes/agent-trace` (agent-trace-cli), one record or
///   JSON lines;
/// - `.agent-trace/traces.jsonl` in the commit's tree (the reference trace-store), JSON lines.
///
/// A record names the commit when its `vcs.revision` is the commit, or one of its parents (the
/// reference implementation records `HEAD` at edit time, the parent of the commit to be), and it
/// covers a file the commit changed. `version` is accepted as `0.1.0`, `1.0` and the like (the
/// schema's own regex and its examples disagree).
public struct AgentTraceRecord: Hashable, Sendable {
    public static let notesRef = "refs/notes/agent-trace"
    public static let treePath = ".agent-trace/traces.jsonl"

    public struct Range: Hashable, Sendable {
        public var path: String
        public var startLine: Int
        public var endLine: Int
        /// `ai`, `human`, `mixed` or `unknown` (range contributor, else the conversation's).
        public var contributor: String
        public var lines: Int { endLine - startLine + 1 }
    }

    public var id: String
    public var revision: String?
    public var tool: String?
    public var ranges: [Range]
    /// Conversation URLs (`url`, `related[].url`): where the prompt is.
    public var conversations: [String]

    /// Every record in a note or JSON-lines file; lines that are not records are skipped.
    public static func parseAll(_ bytes: [UInt8]) -> [AgentTraceRecord] {
        let text = LenientText.decode(bytes)
        let trimmed = text.trimmingWhitespace()
        if trimmed.hasPrefix("{"), let whole = MiniJSON.parse(trimmed), let record = AgentTraceRecord(whole) {
            return [record]
        }
        if trimmed.hasPrefix("["), let whole = MiniJSON.parse(trimmed) {
            return whole.array.compactMap(AgentTraceRecord.init)
        }
        return text.split(whereSeparator: \.isLineBreakForMessages).compactMap { line in
            let entry = line.trimmingWhitespace()
            guard entry.hasPrefix("{"), let json = MiniJSON.parse(entry) else { return nil }
            return AgentTraceRecord(json)
        }
    }

    init?(_ json: MiniJSON) {
        guard let version = json["version"]?.string, Self.isVersion(version), let id = json["id"]?.string,
            json["timestamp"]?.string != nil, case .array(let files)? = json["files"]
        else { return nil }
        self.id = id
        revision = json["vcs"]?["revision"]?.string?.lowercased()
        tool = json["tool"]?["name"]?.string
        var ranges: [Range] = []
        var conversations: [String] = []
        for file in files {
            guard let path = file["path"]?.string else { continue }
            for conversation in file["conversations"]?.array ?? [] {
                let who = conversation["contributor"]?["type"]?.string ?? "unknown"
                if let url = conversation["url"]?.string { conversations.append(url) }
                for related in conversation["related"]?.array ?? [] {
                    if let url = related["url"]?.string { conversations.append(url) }
                }
                for range in conversation["ranges"]?.array ?? [] {
                    guard let start = range["start_line"]?.int, let end = range["end_line"]?.int, start >= 1, end >= start
                    else { continue }
                    let contributor = range["contributor"]?["type"]?.string ?? who
                    ranges.append(Range(path: path, startLine: start, endLine: end, contributor: contributor))
                }
            }
        }
        self.ranges = ranges
        self.conversations = conversations
    }

    /// `0.1.0`, `1.0`: dot-separated numbers.
    static func isVersion(_ value: String) -> Bool {
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }
    }

    /// True when the record is about `commit`: its revision is the commit or a parent (or it has
    /// none and came from the commit's own note), and it covers a path the commit changed.
    public func names(_ commit: CommitSnapshot, fromNote: Bool) -> Bool {
        let ids = ([commit.id] + commit.parents).map { $0.description.lowercased() }
        let revisionMatches: Bool
        if let revision, revision.count >= 7 {
            revisionMatches = ids.contains { $0.hasPrefix(revision) }
        } else {
            revisionMatches = fromNote
        }
        guard revisionMatches else { return false }
        let changed = Set(commit.files.map(\.path))
        return ranges.contains { changed.contains($0.path) } || (fromNote && ranges.isEmpty)
    }

    /// AI and human lines of the ranges on paths the commit changed.
    public func lines(in commit: CommitSnapshot) -> (ai: Int, human: Int) {
        let changed = Set(commit.files.map(\.path))
        var ai = 0
        var human = 0
        for range in ranges where changed.contains(range.path) {
            if range.contributor == "ai" { ai += range.lines }
            if range.contributor == "human" { human += range.lines }
        }
        return (ai, human)
    }
}
