/// riskgate's own prompt record, stored as a note under `refs/notes/riskgate` (or as a file at
/// the configured `prompt_records` path). Format `riskgate-prompt/1`:
///
/// ```
/// riskgate-prompt/1
/// session: https://claude.ai/code/session_01AbC      (required: the AI-Session value)
/// tool: claude-code                                   (optional, SPEC §3.1 tool id)
/// model: claude-opus-4-6                              (optional)
/// prompt: Add retries to the uploader                 (optional; later lines indented by
///   two spaces continue it)
/// ```
///
/// The first line is exactly `riskgate-prompt/1`; then `key: value` lines. Unknown keys are
/// allowed (later versions may add them). A record verifies a commit's link when its `session`
/// equals one of the commit's links, or the commit has no link of its own.
public struct PromptRecord: Hashable, Sendable {
    public static let header = "riskgate-prompt/1"

    public var session: String
    public var tool: String?
    public var model: String?
    public var prompt: String?

    /// Nil when the text is not a record; `PromptRecord.problem(_:)` says why.
    public init?(_ bytes: [UInt8]) {
        guard case .success(let record) = Self.parse(bytes) else { return nil }
        self = record
    }

    init(session: String, tool: String?, model: String?, prompt: String?) {
        self.session = session
        self.tool = tool
        self.model = model
        self.prompt = prompt
    }

    public enum Problem: Error, Hashable, Sendable, CustomStringConvertible {
        case notARecord
        case missingSession

        public var description: String {
            switch self {
            case .notARecord: "the first line is not `\(PromptRecord.header)`"
            case .missingSession: "it has no `session:` line"
            }
        }
    }

    public static func parse(_ bytes: [UInt8]) -> Result<PromptRecord, Problem> {
        let text = LenientText.decode(bytes)
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isLineBreakForMessages).map { line -> Substring in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
        guard lines.first?.trimmingWhitespace() == Substring(header) else { return .failure(.notARecord) }
        var fields: [String: String] = [:]
        var lastKey: String?
        for line in lines.dropFirst() {
            if line.hasPrefix("  "), let key = lastKey {
                fields[key, default: ""] += "\n" + line.dropFirst(2)
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingWhitespace().lowercased()
            fields[key] = String(line[line.index(after: colon)...].trimmingWhitespace())
            lastKey = key
        }
        guard let session = fields["session"], !session.isEmpty else { return .failure(.missingSession) }
        return .success(PromptRecord(session: session, tool: fields["tool"], model: fields["model"], prompt: fields["prompt"]))
    }
}
