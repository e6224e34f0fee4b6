/// Disclosure trailers: `Assisted-by: AGENT:MODEL [tools]` (Linux kernel, Fedora, LLVM),
/// `Generated-by` (only with a known AI tool or model: `Generated-by: protoc` is not AI),
/// `AI-Assisted`, `Co-authored-by-AI`, `AI-Tool`, `AI-Model`. `AI-Assisted: no` is a negative.
public struct DisclosureTrailerDetector: AuthorshipDetector {
    public init() {}
    public let signal = "disclosure"

    public func detect(_ input: DetectionInput) -> [DetectionSignal] {
        var found: [DetectionSignal] = []
        for pair in input.keyValues where AgentIdentityTable.disclosureKeys.contains(pair.key) {
            let detail = "\(pair.written): \(pair.value)"
            let words = Self.words(pair.value.lowercased())
            if let first = words.first, AgentIdentityTable.negativeValues.contains(String(first)) || pair.value.lowercased() == "n/a" {
                found.append(
                    DetectionSignal(signal: "disclosure-negative", detail: detail, tool: nil, strength: .negative, confidence: .medium))
                continue
            }
            let tool = Self.tool(in: words)
            if pair.key == "generated-by" && tool == nil { continue }
            // A person credited by identity (`Assisted-by: Jane <jane@…>`) is not an AI disclosure.
            if tool == nil && pair.value.contains("@") && pair.value.contains("<") { continue }
            found.append(
                DetectionSignal(
                    signal: signal, detail: detail, tool: tool ?? "other", strength: .assisted,
                    confidence: pair.value.isEmpty ? .low : (tool != nil && tool != "other" ? .high : .medium)))
        }
        return found
    }

    /// Lowercased words of a value: runs of letters and digits.
    static func words(_ value: String) -> [Substring] {
        value.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
    }

    /// The tool a value names: a whole word, or the start of one for prefix entries (`gpt-4o`).
    static func tool(in words: [Substring]) -> String? {
        var fallback: String?
        for word in words {
            for entry in AgentIdentityTable.toolWords where entry.prefix ? word.hasPrefix(entry.word) : word == entry.word {
                if entry.tool != "other" { return entry.tool }
                fallback = fallback ?? entry.tool
            }
        }
        return fallback
    }

    public let examples: [DetectorExample] = [
        .init("Fix\n\nAssisted-by: Claude:claude-3-opus coccinelle sparse", .signal(tool: "claude-code", strength: .assisted)),
        .init("Fix\n\nAssisted-by: gemini-cli", .signal(tool: "gemini", strength: .assisted)),
        .init("Fix\n\nAssisted-by: generic LLM chatbot\nSigned-off-by: Ada <ada@example.com>", .signal(tool: "other", strength: .assisted)),
        .init("Fix\n\nAssisted-by: ChatGPTv5", .signal(tool: "other", strength: .assisted)),
        .init("Fix\n\nGenerated-by: PostHog Code\nTask-Id: 1", .signal(tool: "other", strength: .assisted)),
        .init("Fix\n\nGenerated-By: Claude Code (claude-opus-4)", .signal(tool: "claude-code", strength: .assisted)),
        .init("Fix\n\nAI-Assisted: yes", .signal(tool: "other", strength: .assisted)),
        .init("Fix\n\nAI-assisted: Copilot", .signal(tool: "copilot", strength: .assisted)),
        .init("Fix\n\nCo-authored-by-AI: Cursor (gpt-5)", .signal(tool: "cursor", strength: .assisted)),
        .init("Fix\n\nAI-Assisted: no", .signal(tool: nil, strength: .negative)),
        .init("Fix\n\nAI-Assisted: none", .signal(tool: nil, strength: .negative)),
        .init("Fix\n\nGenerated-by: protoc 25.1", .nothing),
        .init("Fix\n\nGenerated-by: openapi-generator 7.0", .nothing),
        .init("Fix\n\nAssisted-by: Jane Roe <jane@example.com>", .nothing),
        .init("Docs\n\n- Assisted-by: Claude:claude-3-opus", .nothing),
        .init("Assisted-by: Claude", .nothing),
    ]
}
