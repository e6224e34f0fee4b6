/// What the history index keeps of one commit: enough to find reverts and fix-ups and to count
/// changes per path, nothing more (no line counts, no bodies).
public struct HistoryRecord: Hashable, Sendable {
    public var id: ObjectID
    /// Committer time, seconds since the epoch.
    public var time: Int64
    /// Author email, lowercased: who made the change (distinct authors per path).
    public var author: String
    public var isMerge: Bool
    public var subject: String
    public var signals: MessageSignals
    /// Paths changed against the first parent (both sides of a rename).
    public var paths: [String]
    /// How many places later, in arrival order, the commit that landed this one comes: 0 for a
    /// commit on the indexed branch's first-parent line, else the distance to the merge that
    /// brought it in (`HistoryOrder`). The landing commit's time is when the change reached the
    /// branch, and commits landed together never count as following each other up.
    public var landingOffset: Int

    public init(
        id: ObjectID, time: Int64, author: String, isMerge: Bool, subject: String, signals: MessageSignals,
        paths: [String], landingOffset: Int = 0
    ) {
        self.id = id
        self.time = time
        self.author = author
        self.isMerge = isMerge
        self.subject = subject
        self.signals = signals
        self.paths = paths
        self.landingOffset = landingOffset
    }

    /// The record of a commit the core already has in full (tests).
    public init(_ commit: CommitSnapshot) {
        var paths: [String] = []
        for file in commit.files {
            if let old = file.oldPath, old != file.path { paths.append(old) }
            paths.append(file.path)
        }
        self.init(
            id: commit.id, time: commit.committer.time, author: HistoryRecord.normalizedAuthor(commit.author.email),
            isMerge: commit.isMerge, subject: commit.subject, signals: MessageSignals.parse(commit.message),
            paths: HistoryRecord.capped(paths))
    }

    public static func normalizedAuthor(_ email: String) -> String { email.lowercased() }

    /// At most this many paths are kept per commit. A commit touching thousands of files (a
    /// vendoring update, a first-parent diff of a big merge) says nothing about any one path,
    /// and its full list would dominate the index (kops: 72 MB for 24,000 commits).
    public static let maximumPaths = 1_000

    public static func capped(_ paths: [String]) -> [String] {
        paths.count > maximumPaths ? Array(paths.prefix(maximumPaths)) : paths
    }

    /// The paths once each, in their order (a rename lists two paths, a bad record may repeat one).
    var distinctPaths: [String] {
        var seen = Set<String>()
        return paths.filter { seen.insert($0).inserted }
    }
}

/// Stable 64-bit keys (FNV-1a) for strings the index compares but need not keep in its tables:
/// authors (distinct authors per path) and subjects (`Revert "<subject>"`, `fixup! <subject>`).
/// The same function in the index and in memory keeps both answering the same.
public enum HistoryKey {
    public static func of(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}

/// What a commit message says about other commits: which it reverts, which it fixes.
/// Parsed once when a commit is indexed; the subject-word rule for fixes is applied later, so
/// it stays configurable without a rebuild.
public struct MessageSignals: Hashable, Sendable {
    /// Ids from `This reverts commit <id>` lines (full or abbreviated, lowercase hex).
    public var revertsIDs: [String]
    /// The quoted subject of `Revert "<subject>"`, used only when no id is given.
    public var revertsSubject: String?
    /// Ids from `Fixes: <id> ("subject")` trailers (the Linux kernel's form).
    public var fixesIDs: [String]
    /// The target subject of a `fixup! `, `squash! ` or `amend! ` commit.
    public var fixupSubject: String?

    public init(
        revertsIDs: [String] = [], revertsSubject: String? = nil, fixesIDs: [String] = [], fixupSubject: String? = nil
    ) {
        self.revertsIDs = revertsIDs
        self.revertsSubject = revertsSubject
        self.fixesIDs = fixesIDs
        self.fixupSubject = fixupSubject
    }

    public var isRevert: Bool { !revertsIDs.isEmpty || revertsSubject != nil }

    /// Reads the signals of one message.
    public static func parse(_ message: CommitMessage) -> MessageSignals {
        let subject = message.subject
        var signals = MessageSignals()
        signals.revertsIDs = revertedIDs(in: message.text)
        if signals.revertsIDs.isEmpty { signals.revertsSubject = revertedSubject(subject) }
        for trailer in TrailerParser.parse(bytes: message.raw) where trailer.hasKey("Fixes") {
            if let id = leadingID(trailer.value[...]) { signals.fixesIDs.append(id) }
        }
        signals.fixupSubject = fixupTarget(subject)
        return signals
    }

    static let revertMarker = "This reverts commit "

    /// Every id after `This reverts commit ` (git revert's body; several when reverts were squashed).
    static func revertedIDs(in text: String) -> [String] {
        var ids: [String] = []
        let bytes = Array(text.utf8)
        let marker = Array(revertMarker.utf8)
        guard bytes.count >= marker.count else { return [] }
        var start = 0
        while start + marker.count <= bytes.count {
            if bytes[start] == marker[0], bytes[start..<start + marker.count].elementsEqual(marker) {
                let after = bytes[(start + marker.count)...].prefix(41)
                if let id = leadingID(Substring(String(decoding: after, as: UTF8.self))), !ids.contains(id) {
                    ids.append(id)
                }
                start += marker.count
            } else {
                start += 1
            }
        }
        return ids
    }

    /// `Revert "<subject>"`, possibly followed by a pull-request number (` (#123)`), gives
    /// `<subject>`; reverts of reverts keep their inner `Revert "..."`.
    static func revertedSubject(_ subject: String) -> String? {
        var text = Substring(subject)
        if let suffix = pullRequestSuffix(text) { text = text[..<suffix] }
        guard text.hasPrefix("Revert \""), text.hasSuffix("\""), text.count >= 9 else { return nil }
        let inner = text.dropFirst(8).dropLast()
        return inner.isEmpty ? nil : String(inner)
    }

    /// Where a trailing ` (#123)` starts, if there is one.
    static func pullRequestSuffix(_ text: Substring) -> Substring.Index? {
        guard text.hasSuffix(")"), let open = text.lastIndex(of: "(") else { return nil }
        let inside = text[text.index(after: open)..<text.index(before: text.endIndex)]
        guard inside.hasPrefix("#"), inside.count > 1, inside.dropFirst().allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        var start = open
        while start > text.startIndex, text[text.index(before: start)] == " " { start = text.index(before: start) }
        return start
    }

    static let fixupPrefixes = ["fixup! ", "squash! ", "amend! "]

    static func fixupTarget(_ subject: String) -> String? {
        var text = Substring(subject)
        var found = false
        while let prefix = fixupPrefixes.first(where: { text.hasPrefix($0) }) {
            text = text.dropFirst(prefix.count)
            found = true
        }
        return found && !text.isEmpty ? String(text) : nil
    }

    /// A hexadecimal id of 7 to 40 digits at the start of `text`, ending at a non-word character.
    static func leadingID(_ text: Substring) -> String? {
        var digits = ""
        for character in text {
            if character.isHexDigit, digits.count < 41 {
                digits.append(character)
                continue
            }
            if character.isLetter || character.isNumber || character == "_" { return nil }
            break
        }
        guard (7...40).contains(digits.count) else { return nil }
        return digits.lowercased()
    }
}
