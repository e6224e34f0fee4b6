/// The links and disclosures of a message, found by git's trailer parse and the line scan, and
/// checked for form (SPEC §3.2).
public struct TraceabilityLinks: Hashable, Sendable {
    /// Valid links, as written (`https://claude.ai/code/session_…`, `s-42`).
    public var valid: [String] = []
    /// Problems with links and disclosures, each naming the trailer (`AI-Session: is empty`).
    public var problems: [String] = []
    /// `AI-Scope` globs, in order.
    public var scope: [String] = []
    /// Unparseable `AI-Scope` entries.
    public var badScope: [String] = []

    /// Keys whose value links to a session or prompt.
    static let linkKeys: Set<String> = [
        "ai-session", "prompt-id", "claude-session", "agent-logs-url", "amp-thread", "amp-thread-id",
        "codex-session", "cursor-session", "replit-commit-session-id",
    ]
    /// Keys whose value must be a URL.
    static let urlKeys: Set<String> = ["agent-logs-url", "claude-session"]

    public init() {}

    public init(_ input: DetectionInput) {
        var seen: Set<String> = []
        for pair in input.keyValues {
            if Self.linkKeys.contains(pair.key) {
                if let problem = Self.problem(withLink: pair.value, key: pair.key) {
                    problems.append("`\(pair.written): \(pair.value)` \(problem)")
                } else if seen.insert(pair.value).inserted {
                    valid.append(pair.value)
                }
            } else if pair.key == "assisted-by", let problem = Self.problem(withAssistedBy: pair.value) {
                problems.append("`\(pair.written): \(pair.value)` \(problem)")
            } else if pair.key == "ai-scope" {
                let entries = Self.scopeEntries(pair.value)
                if entries.isEmpty { badScope.append("`\(pair.written):` is empty") }
                for entry in entries {
                    if ScopeGlob(String(entry)) != nil {
                        scope.append(String(entry))
                    } else {
                        badScope.append("`\(entry)` in `\(pair.written)` is not a glob (unbalanced braces, longer than 1,024 characters, or more than 256 alternatives or 4,096 characters once its braces expand)")
                    }
                }
            }
        }
        for line in input.lines where line.lowercased.hasPrefix(AgentIdentityTable.claudeSessionURLPrefix) {
            let url = String(line.text.trimmingWhitespace())
            if Self.problem(withLink: url, key: "claude-session") == nil, seen.insert(url).inserted { valid.append(url) }
        }
    }

    /// `AI-Scope` entries: separated by commas or blanks outside braces (`src/{a,b}/**, docs`).
    static func scopeEntries(_ value: String) -> [Substring] {
        var entries: [Substring] = []
        var depth = 0
        var start = value.startIndex
        var index = value.startIndex
        while index < value.endIndex {
            let character = value[index]
            if character == "{" { depth += 1 }
            if character == "}" { depth -= 1 }
            if depth <= 0 && (character == "," || character == " " || character == "\t") {
                if start < index { entries.append(value[start..<index]) }
                start = value.index(after: index)
            }
            index = value.index(after: index)
        }
        if start < value.endIndex { entries.append(value[start...]) }
        return entries
    }

    /// Why a link value is invalid, nil when it is a URL or an id.
    static func problem(withLink value: String, key: String) -> String? {
        if value.isEmpty { return "is empty" }
        if value.contains(where: { $0 == " " || $0 == "\t" }) { return "is not a URL or an id (it has spaces)" }
        let lowered = value.lowercased()
        if lowered.hasPrefix("https://") || lowered.hasPrefix("http://") {
            let rest = lowered.drop(while: { $0 != "/" }).dropFirst(2)
            let host = rest.prefix(while: { $0 != "/" && $0 != "?" && $0 != "#" })
            if host.isEmpty || !(host.contains(".") || host.hasPrefix("localhost")) { return "is a bad URL (no host)" }
            return nil
        }
        if urlKeys.contains(key) { return "must be an https:// URL" }
        if lowered.contains("://") { return "is a bad URL (use https://)" }
        if value.count > 200 { return "is too long for an id (over 200 characters)" }
        return nil
    }

    /// Why an `Assisted-by` value is malformed: empty, or a kernel-style `AGENT:MODEL` with a
    /// part missing. Free text (Fedora: `Assisted-by: generic LLM chatbot`) is accepted.
    static func problem(withAssistedBy value: String) -> String? {
        if value.isEmpty { return "is empty; the expected form is `Assisted-by: AGENT_NAME:MODEL_VERSION [tools]`" }
        let head = value.split(separator: " ", maxSplits: 1).first ?? ""
        guard let colon = head.firstIndex(of: ":") else {
            // The kernel form names the model: `Assisted-by: Claude` alone says which agent, not which model.
            let words = head.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            if value.split(separator: " ").count == 1, DisclosureTrailerDetector.tool(in: words) != nil {
                return "names no model; the expected form is `Assisted-by: AGENT_NAME:MODEL_VERSION [tools]`, "
                    + "e.g. `Assisted-by: \(head):<model-version>`"
            }
            return nil
        }
        if head.hasPrefix("http") { return nil }
        let agent = head[..<colon]
        let model = head[head.index(after: colon)...]
        if agent.isEmpty || model.isEmpty {
            return "is not AGENT:MODEL (a part is empty); the expected form is `Assisted-by: AGENT_NAME:MODEL_VERSION [tools]`"
        }
        return nil
    }
}
