import CLibGit2
import RiskgateCore

#if canImport(Glibc)
    import Glibc
#endif

/// The added and removed lines of one changed file, from libgit2's blob diff with a line
/// callback (no context lines, empty paths so no attribute lookups, forced text; binary is
/// decided here with git's NUL rule). The scorer asks only for files that some content rule's
/// paths match, so a history scan diffs a small share of its files twice.
public final class GitChangedLines: ChangedLinesProvider {
    /// Larger blobs are generated or vendored far more often than hand-written; their lines
    /// are not searched, which keeps one huge file from dominating a scan.
    public static let maximumBlobSize = 4 * 1024 * 1024

    private let repository: Repository
    private var options: git_diff_options

    public init(repository: Repository) {
        self.repository = repository
        var options = git_diff_options()
        git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION))
        options.flags = GIT_DIFF_FORCE_TEXT.rawValue
        options.context_lines = 0
        options.interhunk_lines = 0
        self.options = options
    }

    public func changedLines(of file: FileChange, in commit: CommitSnapshot) -> ChangedLines {
        if file.isSubmodule || file.oldID == file.newID { return .none }
        // A NUL byte makes a file binary for git's counts, but a `.sql` or `.tf` file is text
        // whatever it holds: its lines are searched anyway, so a NUL cannot hide them.
        let textByName = TextFormats.isText(path: file.path) || file.oldPath.map { TextFormats.isText(path: $0) } == true
        if file.binary && !textByName { return .none }
        if let collected = repository.collectedLines[BlobPair(old: file.oldID, new: file.newID)] { return collected }
        guard let old = side(file.oldID), let new = side(file.newID) else {
            return .notScanned("its content is missing from this clone")
        }
        defer {
            if let blob = old.blob { git_blob_free(blob) }
            if let blob = new.blob { git_blob_free(blob) }
        }
        let largest = max(size(old.blob), size(new.blob))
        if largest > Self.maximumBlobSize { return Self.tooLarge(largest) }
        if !textByName, hasNUL(old.blob) || hasNUL(new.blob) { return .none }

        let collector = LineCollector()
        let payload = Unmanaged.passUnretained(collector).toOpaque()
        var options = self.options
        let code = git_diff_blobs(old.blob, "", new.blob, "", &options, nil, nil, nil, Self.lineCallback, payload)
        guard code == 0 else { return .none }
        return collector.lines
    }

    /// One side of the change: `blob` is nil when the side does not exist (an added or
    /// deleted file), which libgit2 diffs as empty.
    private struct Side {
        var blob: OpaquePointer?
    }

    /// Nil when the side's blob cannot be read (a partial clone): no lines rather than a crash.
    private func side(_ id: ObjectID?) -> Side? {
        guard let id else { return Side(blob: nil) }
        var oid = id.gitOID
        var blob: OpaquePointer?
        guard git_blob_lookup(&blob, repository.handle, &oid) == 0, let blob else { return nil }
        return Side(blob: blob)
    }

    private func size(_ blob: OpaquePointer?) -> Int {
        guard let blob else { return 0 }
        return Int(git_blob_rawsize(blob))
    }

    /// git's binary rule: a NUL in the first 8,000 bytes.
    private func hasNUL(_ blob: OpaquePointer?) -> Bool {
        guard let blob else { return false }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let content = git_blob_rawcontent(blob) else { return false }
        return memchr(content, 0, min(size, 8000)) != nil
    }

    /// The answer for a file whose larger side has `bytes` bytes, over the limit.
    static func tooLarge(_ bytes: Int) -> ChangedLines {
        .notScanned("\(mebibytes(bytes)) MiB, over the \(maximumBlobSize >> 20) MiB content-scan limit")
    }

    /// `4.2` for 4.2 MiB (one decimal, no Foundation).
    static func mebibytes(_ bytes: Int) -> String {
        let tenths = bytes * 10 / (1 << 20)
        return "\(tenths / 10).\(tenths % 10)"
    }

    private final class LineCollector {
        var lines = ChangedLines()
    }

    private static let lineCallback: git_diff_line_cb = { _, _, line, payload in
        guard let line, let payload else { return 0 }
        let collector = Unmanaged<LineCollector>.fromOpaque(payload).takeUnretainedValue()
        collect(line.pointee, into: &collector.lines)
        return 0
    }

    /// Keeps an added or removed diff line (context and end-of-file markers are not content).
    static func collect(_ line: git_diff_line, into lines: inout ChangedLines) {
        let origin = UInt8(bitPattern: line.origin)
        guard origin == UInt8(ascii: "+") || origin == UInt8(ascii: "-"), let content = line.content else { return }
        let bytes = UnsafeRawBufferPointer(start: content, count: Int(line.content_len))
        let text = ChangedLine.normalized(LenientText.decode(bytes))
        if origin == UInt8(ascii: "+") {
            lines.added.append(ChangedLine(number: Int(line.new_lineno), text: text))
        } else {
            lines.removed.append(ChangedLine(number: Int(line.old_lineno), text: text))
        }
    }
}
