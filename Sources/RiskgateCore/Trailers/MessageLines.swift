/// A line-by-line view of a commit message for detection, kept apart from strict trailer
/// parsing: tools put footers in the trailer paragraph (which makes git drop the whole block),
/// or trailers in an earlier paragraph, and a detector must still see them.
public struct MessageLine: Hashable, Sendable {
    /// 1-based line number in the message.
    public var number: Int
    /// The line without its line ending (`\r\n` or `\n`).
    public var text: String
    /// 1-based paragraph number; paragraph 1 is the subject.
    public var paragraph: Int
    /// True inside a fenced code block (```` ``` ```` or `~~~`), where markers are quotes.
    public var inCodeFence: Bool
    /// True when the line is a quote or list item (`>`, `-`, `*`, `+`) or is indented.
    public var isQuotedOrIndented: Bool
    /// True when the line is in the last paragraph of the message.
    public var inLastParagraph: Bool

    /// `key` and `value` when the line starts at column 0 with `Key: value` (git's key
    /// syntax, `[A-Za-z0-9-]+`); nil otherwise, and nil for URLs such as `https://...`.
    public var keyValue: (key: String, value: String)? {
        let bytes = Array(text.utf8)
        guard let separator = TrailerParser.separatorPosition(bytes), separator >= 1,
            !TrailerParser.isURLScheme(bytes, separator: separator)
        else { return nil }
        let key = LenientText.decode(bytes[0..<separator]).trimmingWhitespace()
        let value = LenientText.decode(bytes[(separator + 1)...]).trimmingWhitespace()
        return (String(key), String(value))
    }
}

public enum MessageLines {
    /// Every line of the message, subject included (paragraph 1), with its context.
    public static func scan(_ message: String) -> [MessageLine] {
        var raw = message.split(omittingEmptySubsequences: false, whereSeparator: \.isLineBreakForMessages).map { line -> Substring in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
        while let last = raw.last, last.trimmingWhitespace().isEmpty { raw.removeLast() }

        var lines: [MessageLine] = []
        lines.reserveCapacity(raw.count)
        var paragraph = 1
        var previousBlank = false
        var fence: Substring?
        for (index, line) in raw.enumerated() {
            let trimmed = line.trimmingWhitespace()
            if trimmed.isEmpty {
                previousBlank = true
                continue
            }
            if previousBlank && !lines.isEmpty { paragraph += 1 }
            previousBlank = false
            let fenceMarker = Self.fenceMarker(trimmed)
            var inFence = fence != nil
            if let marker = fenceMarker {
                if let open = fence {
                    if trimmed.hasPrefix(open) { fence = nil }
                } else {
                    fence = marker
                }
                inFence = true
            }
            let first = line.first
            let quoted = first == " " || first == "\t" || first == ">" || first == "-" || first == "*" || first == "+"
            lines.append(
                MessageLine(
                    number: index + 1, text: String(line), paragraph: paragraph, inCodeFence: inFence,
                    isQuotedOrIndented: quoted, inLastParagraph: false))
        }
        if let lastParagraph = lines.last?.paragraph {
            for index in lines.indices where lines[index].paragraph == lastParagraph {
                lines[index].inLastParagraph = true
            }
        }
        return lines
    }

    private static func fenceMarker(_ trimmed: Substring) -> Substring? {
        if trimmed.hasPrefix("```") { return "```" }
        if trimmed.hasPrefix("~~~") { return "~~~" }
        return nil
    }
}

extension Character {
    /// `\n`, or `\r\n`, which Swift keeps as one `Character`: splitting a CRLF message on "\n"
    /// alone would leave it in one piece.
    public var isLineBreakForMessages: Bool { self == "\n" || self == "\r\n" }
}
