/// One added or removed line of a file: its number (new file for added, old file for removed)
/// and its text without the line ending.
public struct ChangedLine: Hashable, Sendable {
    public var number: Int
    public var text: String

    public init(number: Int, text: String) {
        self.number = number
        self.text = text
    }

    /// A diff line's text as rules see it: without its `\n` or `\r\n`, so `$` anchors work
    /// the same on CRLF files.
    public static func normalized(_ text: String) -> String {
        var bytes = Substring(text).utf8
        if bytes.last == 0x0A { bytes = bytes.dropLast() }
        if bytes.last == 0x0D { bytes = bytes.dropLast() }
        return String(Substring(bytes))
    }
}

/// The added and removed lines of one changed file.
public struct ChangedLines: Hashable, Sendable {
    public var added: [ChangedLine]
    public var removed: [ChangedLine]
    /// Why the file's lines could not be read (too large, blob missing): content rules did not
    /// see it, and the scorer says so with a `content-not-scanned` finding. Nil: scanned (or
    /// nothing to scan, like a binary image).
    public var notScanned: String?

    public init(added: [ChangedLine] = [], removed: [ChangedLine] = [], notScanned: String? = nil) {
        self.added = added
        self.removed = removed
        self.notScanned = notScanned
    }

    public static let none = ChangedLines()

    /// A file the content rules could not read, and why.
    public static func notScanned(_ reason: String) -> ChangedLines { ChangedLines(notScanned: reason) }

    public func lines(_ side: ContentPattern.Side) -> [ChangedLine] {
        side == .added ? added : removed
    }
}

/// Gives the changed lines of one file of a commit. The git adapter implements it with a blob
/// diff; the scorer asks only for files some content rule's paths match, so history scans stay
/// fast. Binary files (unless their name says text, `TextFormats`) and submodules yield
/// `.none`; files too large to read, or whose blobs are missing, yield `.notScanned(reason)`.
public protocol ChangedLinesProvider {
    func changedLines(of file: FileChange, in commit: CommitSnapshot) -> ChangedLines
}

/// No repository at hand (unit tests of path rules, `rules test`): no content.
public struct NoChangedLines: ChangedLinesProvider {
    public init() {}
    public func changedLines(of file: FileChange, in commit: CommitSnapshot) -> ChangedLines { .none }
}

/// Lines given up front, by path (examples and tests).
public struct FixedChangedLines: ChangedLinesProvider {
    public var byPath: [String: ChangedLines]

    public init(_ byPath: [String: ChangedLines]) { self.byPath = byPath }

    public func changedLines(of file: FileChange, in commit: CommitSnapshot) -> ChangedLines {
        byPath[file.path] ?? .none
    }
}
