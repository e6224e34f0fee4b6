/// A commit prepared once for every detector: identities and message lines lowercased a single
/// time, so each detector is a handful of plain string comparisons (50,000 commits must cost
/// almost nothing).
public struct DetectionInput: Sendable {
    /// One line of the message a detector may read, with its lowercased text.
    public struct Line: Sendable {
        public var text: String
        public var lowercased: String
        /// `key` (lowercased) and `value` when the line is `Key: value` at column 0.
        public var key: String?
        public var value: String?
        public var paragraph: Int
        /// 1-based line number in the message.
        public var number = 0
    }

    /// A `Name <email>` identity from the author, committer or an identity trailer.
    public struct Identity: Sendable {
        /// Where it came from: `author`, `committer`, or the trailer key as written.
        public var role: String
        public var parsed: ParsedIdentity
        /// How it reads in evidence: `author Claude <noreply@anthropic.com>`, `Co-Authored-By: ...`.
        public var detail: String
        public var isTrailer: Bool
        public var isAuthor: Bool { role == "author" }
    }

    public var subject: String
    public var lowercasedSubject: String
    /// Body lines that can carry marks: past the subject, at column 0, outside code fences and
    /// quotes. Empty for reverts, whose message quotes the reverted commit.
    public var lines: [Line]
    /// Every body line past the subject, quoted and indented ones included (a recorded prompt is
    /// often a quote block under its heading); code-fence lines are marked. Empty for reverts.
    public var bodyLines: [MessageLine] = []
    /// Every identity: author, committer, then `Co-authored-by`, `Co-developed-by` and
    /// `Signed-off-by` values (from git's trailer block and the line scan, without duplicates).
    public var identities: [Identity]
    /// Trailers as git parses them plus key/value lines from the scan, keys lowercased.
    public var keyValues: [(key: String, value: String, written: String)]
    public var isRevert: Bool
    /// True for merge commits: notes on a merge describe the merged branch's lines, so they are
    /// not the merge's own marks (a person merging an AI branch is human).
    public var isMerge = false
    /// Notes on the commit under the configured notes refs, when the repository was available.
    public var notes: [(ref: String, bytes: [UInt8])] = []

    static let identityKeys: Set<String> = ["co-authored-by", "co-developed-by", "signed-off-by"]

    public init(commit: CommitSnapshot, trailers: [Trailer]) {
        self.init(
            author: commit.author, committer: commit.committer, message: commit.message.text, trailers: trailers)
        isMerge = commit.isMerge
    }

    public init(author: Signature?, committer: Signature?, message: String, trailers: [Trailer]) {
        let scanned = MessageLines.scan(message)
        subject = scanned.first(where: { $0.paragraph == 1 })?.text ?? ""
        lowercasedSubject = subject.lowercased()
        isRevert = scanned.contains { $0.paragraph > 1 && $0.text.hasPrefix("This reverts commit ") }

        var lines: [Line] = []
        if !isRevert { bodyLines = scanned.filter { $0.paragraph > 1 } }
        if !isRevert {
            for line in scanned where line.paragraph > 1 && !line.inCodeFence && !line.isQuotedOrIndented {
                let pair = line.keyValue
                lines.append(
                    Line(
                        text: line.text, lowercased: line.text.lowercased(), key: pair?.key.lowercased(),
                        value: pair?.value, paragraph: line.paragraph, number: line.number))
            }
        }
        self.lines = lines

        var keyValues: [(key: String, value: String, written: String)] = []
        var seen: Set<String> = []
        func addKeyValue(_ key: String, _ value: String) {
            let lowered = key.lowercased()
            guard seen.insert(lowered + "\u{0}" + value).inserted else { return }
            keyValues.append((lowered, value, key))
        }
        if !isRevert {
            for trailer in trailers { addKeyValue(trailer.key, trailer.value) }
        }
        for line in lines {
            if let value = line.value, let key = line.text.split(separator: ":", maxSplits: 1).first {
                addKeyValue(String(key.trimmingWhitespace()), value)
            }
        }
        self.keyValues = keyValues

        var identities: [Identity] = []
        if let author {
            identities.append(
                Identity(
                    role: "author", parsed: ParsedIdentity(name: author.name, email: author.email),
                    detail: "author \(author.identity)", isTrailer: false))
        }
        if let committer {
            identities.append(
                Identity(
                    role: "committer", parsed: ParsedIdentity(name: committer.name, email: committer.email),
                    detail: "committer \(committer.identity)", isTrailer: false))
        }
        for pair in keyValues where Self.identityKeys.contains(pair.key) {
            identities.append(
                Identity(
                    role: pair.written, parsed: ParsedIdentity(parsing: pair.value),
                    detail: "\(pair.written): \(pair.value)", isTrailer: true))
        }
        self.identities = identities
    }

    /// Values of key/value lines whose lowercased key is `key`.
    public func values(for key: String) -> [(value: String, written: String)] {
        keyValues.filter { $0.key == key }.map { ($0.value, $0.written) }
    }
}
