/// A prompt recorded in the commit message itself (SPEC §3.2): the commit is traceable, because
/// the request that produced it is right there or one link away.
///
/// - `inline`: a chat transcript with the user's request (`USER: …` with `ASSISTANT: …`, under
///   aider's `# Aider chat conversation:` or its earlier `# Context:` heading), or a `Prompt:`
///   paragraph or line (`Prompt: <text>`, `Prompt:` followed by the text, `AI-Prompt-1: …`);
/// - `transcript-url`: a link to a shared transcript or an agent's session page
///   (`https://chatgpt.com/share/…`, `https://app.devin.ai/sessions/…`), see
///   `AgentIdentityTable.transcriptURLPrefixes`.
///
/// A bare word "prompt" does not count: the key must open the line at column 0, and it must be
/// followed by the request's words.
public struct InlinePrompt: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case inline
        case transcriptURL = "transcript-url"
    }

    public var kind: Kind
    /// Where it was found: `chat transcript`, `Prompt: paragraph`, `shared transcript URL`.
    public var source: String
    /// The prompt's first lines (at most `maxLines` lines, `maxCharacters` characters), or the URL.
    public var text: String
    /// The URL for `transcript-url`.
    public var url: String?

    /// True for a prompt under a heading (`## Prompt`, `Original prompt:`): it records the prompt of
    /// a commit already known to be AI, but alone it does not make a commit AI (repositories of
    /// LLM applications write about their prompts).
    public var underHeading = false

    public init(kind: Kind, source: String, text: String, url: String? = nil, underHeading: Bool = false) {
        self.kind = kind
        self.source = source
        self.text = text
        self.url = url
        self.underHeading = underHeading
    }

    /// Heading labels of a recorded prompt, lowercased, without `#`, `*` and the colon.
    static let headingLabels: Set<String> = [
        "prompt", "prompts", "user prompt", "original prompt", "initial prompt", "prompt used", "my prompt",
        "ai prompt", "llm prompt", "agent prompt", "task prompt", "prompt given",
    ]

    /// The label of a heading line (`## Prompt`, `**Original prompt:**`, `Prompt used:`), and the
    /// text after its colon; nil for other lines.
    static func heading(_ text: String) -> (label: String, rest: Substring)? {
        // Cheap test first: this runs on every body line of every commit.
        let head = text.prefix(40)
        guard head.contains("rompt") || head.contains("ROMPT") else { return nil }
        var line = Substring(text)
        while let first = line.first, first == "#" || first == "*" || first == " " { line = line.dropFirst() }
        let colon = line.firstIndex(of: ":")
        var label = colon.map { line[..<$0] } ?? line
        var rest = colon.map { line[line.index(after: $0)...] } ?? ""
        while let last = label.last, last == "*" || last == " " { label = label.dropLast() }
        while let first = rest.first, first == "*" || first == " " { rest = rest.dropFirst() }
        let lowered = label.lowercased()
        guard headingLabels.contains(lowered) else { return nil }
        return (lowered, rest)
    }

    static let maxLines = 3
    static let maxCharacters = 300
    /// A request has at least this many words (`Prompt: fix` is a label, not a prompt).
    static let minimumWords = 2

    /// Keys whose value (or following paragraph) is the user's request.
    static let promptKeys: Set<String> = ["prompt", "user-prompt", "original-prompt", "ai-prompt"]

    /// Every prompt record in a message, in message order; cheap for messages without one (a
    /// scan of the body lines already split by `DetectionInput`).
    public static func find(in input: DetectionInput) -> [InlinePrompt] {
        var found: [InlinePrompt] = []
        let lines = input.lines
        var transcriptDone = false
        for (index, line) in lines.enumerated() {
            if !transcriptDone, line.text.hasPrefix("USER:") || line.text.hasPrefix("User:") {
                let isReply: (DetectionInput.Line) -> Bool = {
                    $0.text.hasPrefix("ASSISTANT:") || $0.text.hasPrefix("Assistant:")
                }
                guard let reply = lines[(index + 1)...].firstIndex(where: isReply) else { continue }
                var request = [String(line.text.dropFirst(5).trimmingWhitespace())]
                if request[0].isEmpty {
                    // `USER:` alone: the request is the lines up to the reply.
                    request = lines[(index + 1)..<reply].prefix(maxLines).map(\.text)
                }
                if wordCount(request.joined(separator: " ")) >= minimumWords {
                    found.append(InlinePrompt(kind: .inline, source: "chat transcript", text: excerpt(request)))
                    transcriptDone = true
                }
                continue
            }
            if let key = line.key, isPromptKey(key), let value = line.value {
                var text: [String] = []
                if !value.isEmpty {
                    text = [value]
                } else {
                    // `Prompt:` alone: the request is the following lines (the next paragraph).
                    let following = lines[(index + 1)...].prefix { $0.key == nil || !isPromptKey($0.key ?? "") }
                    text = following.prefix(maxLines).map(\.text)
                }
                if wordCount(text.joined(separator: " ")) >= minimumWords {
                    found.append(
                        InlinePrompt(kind: .inline, source: "\(line.text.prefix { $0 != ":" }): paragraph", text: excerpt(text)))
                }
                continue
            }
            if let url = transcriptURL(in: line.text) {
                found.append(InlinePrompt(kind: .transcriptURL, source: "shared transcript URL", text: url, url: url))
            }
        }
        if found.isEmpty, let prompt = headingPrompt(in: input) { found.append(prompt) }
        return found
    }

    /// `## Prompt`, `**Original prompt:** …`, `Prompt used:` and the like: the text after the colon,
    /// else the next paragraph below, quoted, indented or fenced lines included (a prompt is often a
    /// quote block).
    static func headingPrompt(in input: DetectionInput) -> InlinePrompt? {
        let body = input.bodyLines
        for (index, line) in body.enumerated() where !line.inCodeFence {
            guard let first = line.text.first, first != " " && first != "\t" && first != ">" && first != "-",
                let (_, rest) = heading(line.text)
            else { continue }
            var text = rest.isEmpty ? [] : [String(rest)]
            var paragraph: Int?
            if text.isEmpty {
                for next in body[(index + 1)...] {
                    if next.text.trimmingWhitespace().hasPrefix("```") || next.text.trimmingWhitespace().hasPrefix("~~~") { continue }
                    if let current = paragraph, next.paragraph != current { break }
                    if text.count == maxLines { break }
                    var content = Substring(next.text)
                    while let lead = content.first, lead == ">" || lead == " " || lead == "\t" { content = content.dropFirst() }
                    guard !content.isEmpty else { continue }
                    paragraph = next.paragraph
                    text.append(String(content))
                }
            }
            if wordCount(text.joined(separator: " ")) >= minimumWords {
                return InlinePrompt(
                    kind: .inline, source: "\(line.text.trimmingWhitespace()) heading", text: excerpt(text), underHeading: true)
            }
        }
        return nil
    }

    static func isPromptKey(_ key: String) -> Bool {
        if promptKeys.contains(key) { return true }
        // `AI-Prompt-1:` … (prompts as numbered trailers).
        if key.hasPrefix("ai-prompt-") { return key.dropFirst(10).allSatisfy(\.isASCIIDigit) }
        return false
    }

    /// The first URL in a line that starts with a known transcript or session prefix.
    static func transcriptURL(in text: String) -> String? {
        guard text.contains("://") else { return nil }
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "(" || $0 == ")" || $0 == "<" || $0 == ">" }) {
            let lowered = word.lowercased()
            guard lowered.hasPrefix("https://") || lowered.hasPrefix("http://") else { continue }
            let rest = lowered.drop(while: { $0 != ":" }).dropFirst(3)
            for prefix in AgentIdentityTable.transcriptURLPrefixes where rest.hasPrefix(prefix) {
                // A bare host or prefix is no transcript: something must follow it.
                guard rest.count > prefix.count + 2 else { continue }
                var url = String(word)
                while let last = url.last, ".,;:'\"`]".contains(last) { url.removeLast() }
                return url
            }
        }
        return nil
    }

    static func wordCount(_ text: some StringProtocol) -> Int {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" }).count
    }

    static func excerpt(_ lines: [String]) -> String {
        var text = lines.prefix(maxLines).joined(separator: "\n")
        if text.count > maxCharacters { text = String(text.prefix(maxCharacters)) + "…" }
        return text
    }
}
