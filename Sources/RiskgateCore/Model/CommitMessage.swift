/// A commit message: the raw bytes exactly as stored, and text decoded leniently.
public struct CommitMessage: Hashable, Sendable {
    /// The bytes of the message as git stores them (no re-encoding, no trimming).
    public var raw: [UInt8]
    /// The message as text; invalid UTF-8 is shown as U+FFFD.
    public var text: String
    /// The `encoding` header of the commit, when it names one (e.g. ISO-8859-1).
    public var declaredEncoding: String?

    public init(raw: [UInt8], declaredEncoding: String? = nil) {
        self.raw = raw
        self.declaredEncoding = declaredEncoding
        if let declaredEncoding, LenientText.isLatin1(name: declaredEncoding), !LenientText.isValidUTF8(raw) {
            self.text = LenientText.decodeLatin1(raw)
        } else {
            self.text = LenientText.decode(raw)
        }
    }

    public init(_ text: String) {
        self.init(raw: Array(text.utf8))
    }

    /// The subject: the first paragraph joined into one line, as `git log --format=%s` shows it.
    public var subject: String {
        var parts: [Substring] = []
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isLineBreakForMessages) {
            let trimmed = line.trimmingWhitespace()
            if trimmed.isEmpty {
                if parts.isEmpty { continue }
                break
            }
            parts.append(trimmed)
        }
        return parts.joined(separator: " ")
    }
}

extension StringProtocol {
    /// Trims spaces, tabs, carriage returns and newlines at both ends (git's `strbuf_trim` set).
    public func trimmingWhitespace() -> Substring {
        let scalars = self[...]
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].isGitSpace { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)].isGitSpace { end = scalars.index(before: end) }
        return Substring(scalars[start..<end])
    }
}

extension Character {
    /// git's `isspace`: space, tab, newline, vertical tab, form feed, carriage return.
    var isGitSpace: Bool {
        switch self {
        case " ", "\t", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}": return true
        default: return false
        }
    }
}
