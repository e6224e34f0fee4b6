import RiskgateCore

/// ANSI styling for the terminal, or none at all: with colour off not one escape byte is written
/// (`--color never`, `NO_COLOR`, pipes and files).
public struct TerminalStyle: Hashable, Sendable {
    public var enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    public static let plain = TerminalStyle(enabled: false)

    public func bold(_ text: String) -> String { wrap(text, "1") }
    public func dim(_ text: String) -> String { wrap(text, "2") }
    public func red(_ text: String) -> String { wrap(text, "31") }
    public func yellow(_ text: String) -> String { wrap(text, "33") }
    public func green(_ text: String) -> String { wrap(text, "32") }
    public func cyan(_ text: String) -> String { wrap(text, "36") }

    public func level(_ level: RiskLevel, _ text: String) -> String {
        switch level {
        case .critical: wrap(text, "1;31")
        case .high: wrap(text, "31")
        case .medium: wrap(text, "33")
        case .low: wrap(text, "32")
        }
    }

    public func decision(_ decision: Decision, _ text: String) -> String {
        switch decision {
        case .block: wrap(text, "1;31")
        case .flag: wrap(text, "33")
        case .allow: wrap(text, "32")
        }
    }

    /// Every SGR parameter string `wrap` writes: the only escape sequences a sanitized report
    /// keeps (`TerminalText.sanitize(_:allowedSGR:)`).
    public static let codes: Set<String> = ["0", "1", "2", "31", "32", "33", "36", "1;31"]

    private func wrap(_ text: String, _ code: String) -> String {
        enabled && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

/// Fitting text into a terminal's columns (counted in characters; wide glyphs are rare in
/// commit subjects and paths).
enum Columns {
    static func truncate(_ text: String, _ width: Int) -> String {
        guard width > 1 else { return String(text.prefix(max(0, width))) }
        return text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }

    /// Wraps `text` at spaces to `width`, continuing lines with `indent`. A double-quoted part
    /// (`"AI-Session: <url>"`) or a code span is never split, so a command stays copyable.
    static func wrap(_ text: String, width: Int, indent: String) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in words(text) {
            let candidate = current.isEmpty ? word : current + " " + word
            if candidate.count > width, !current.isEmpty {
                lines.append(current)
                current = indent + word
            } else {
                current = candidate
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// Space-separated words, with quoted runs and `code spans` kept whole.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false
        var code = false
        for character in text {
            if character == "`" { code.toggle() }
            if character == "\"", !code { quoted.toggle() }
            let quoted = quoted || code
            if character == " ", !quoted {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    static func leftPad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}
