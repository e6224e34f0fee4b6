import CLibGit2
import RiskgateCore

#if canImport(Glibc)
    import Glibc
#endif

/// Counts added and deleted lines of one changed path exactly as `git log --numstat` does.
///
/// - Binary is git's rule: a NUL byte in the first 8,000 bytes of either side (or a `-diff` /
///   `binary` attribute when the work tree has attribute files), and files over git's
///   `core.bigFileThreshold` default of 512 MiB.
/// - Added and deleted files are counted directly (every line is added or deleted), which skips
///   the diff machinery entirely.
/// - Modified files go through libgit2's xdiff (the same code as git's) with no context lines,
///   so each hunk's sizes are exactly the changed lines. Paths are passed empty so libgit2 does
///   no per-file attribute lookups (libgit2-notes §3.4), and binary detection is forced off in
///   libgit2 because its heuristic differs from git's.
/// - Submodules count as the one line git shows for them, `Subproject commit <id>`.
struct LineCounter {
    struct Counts: Equatable {
        var added: Int?
        var deleted: Int?
        var binary: Bool
        var contentMissing = false
    }

    static let gitlinkMode: UInt32 = 0o160000
    static let firstFewBytes = 8000
    static let bigFileThreshold: UInt64 = 512 * 1024 * 1024

    let repository: Repository
    let attributes: AttributeOracle?
    private var options: git_diff_options
    private let recentBlobs = RecentBlobs()

    init(repository: Repository) {
        self.repository = repository
        attributes = AttributeOracle(repository: repository)
        var options = git_diff_options()
        git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION))
        options.flags = GIT_DIFF_FORCE_TEXT.rawValue
        options.context_lines = 0
        options.interhunk_lines = 0
        self.options = options
    }

    /// The counts, or unknown counts marked `contentMissing` when a blob is absent (a blobless
    /// partial clone, or a snapshot without its large files): one missing file must not hide
    /// the rest of the history.
    func counts(for change: TreeChange) throws(GitError) -> Counts {
        try counts(for: change, collectingLines: false).counts
    }

    /// The counts and, when `collectingLines` is set, the changed lines as content rules see
    /// them (`GitChangedLines`' answer, computed from the same blob reads and diff instead of a
    /// second pass; nil when not collected).
    func counts(for change: TreeChange, collectingLines: Bool) throws(GitError) -> (counts: Counts, lines: ChangedLines?) {
        do {
            return try knownCounts(for: change, collectingLines: collectingLines && change.oldMode != Self.gitlinkMode
                && change.newMode != Self.gitlinkMode)
        } catch GitError.missingObject {
            return (Counts(added: nil, deleted: nil, binary: false, contentMissing: true), nil)
        }
    }

    private func knownCounts(for change: TreeChange, collectingLines: Bool) throws(GitError)
        -> (counts: Counts, lines: ChangedLines?)
    {
        if let attributes, attributes.isBinary(path: change.path) {
            return (Counts(added: nil, deleted: nil, binary: true), nil)
        }
        let old = try content(id: change.oldID, mode: change.oldMode)
        let new = try content(id: change.newID, mode: change.newMode)
        if old?.isBinary == true || new?.isBinary == true {
            return (Counts(added: nil, deleted: nil, binary: true), nil)
        }
        // Content rules do not read very large blobs (`GitChangedLines.maximumBlobSize`); they say so.
        let searchable = old?.isSearchable != false && new?.isSearchable != false
        let collecting = collectingLines && searchable
        if collectingLines && !searchable {
            let counts = try knownCounts(for: change, collectingLines: false).counts
            return (counts, GitChangedLines.tooLarge(max(old?.size ?? 0, new?.size ?? 0)))
        }
        switch (old, new) {
        case (nil, nil):
            return (Counts(added: 0, deleted: 0, binary: false), collecting ? ChangedLines.none : nil)
        case (nil, let new?):
            let lines = collecting ? ChangedLines(added: new.lines()) : nil
            return (Counts(added: new.lineCount, deleted: 0, binary: false), lines)
        case (let old?, nil):
            let lines = collecting ? ChangedLines(removed: old.lines()) : nil
            return (Counts(added: 0, deleted: old.lineCount, binary: false), lines)
        case (let old?, let new?):
            if change.oldID == change.newID {
                return (Counts(added: 0, deleted: 0, binary: false), collecting ? ChangedLines.none : nil)
            }
            return try diff(old, new, collectingLines: collecting)
        }
    }

    // MARK: - Content

    /// A blob (or a submodule's one-line stand-in) held while it is counted.
    final class Content {
        let blob: OpaquePointer?
        let synthetic: [UInt8]

        init(blob: OpaquePointer) {
            self.blob = blob
            synthetic = []
        }

        init(synthetic: [UInt8]) {
            blob = nil
            self.synthetic = synthetic
        }

        deinit { if let blob { git_blob_free(blob) } }

        func withBytes<T>(_ body: (UnsafeRawBufferPointer) -> T) -> T {
            if let blob {
                let size = Int(git_blob_rawsize(blob))
                return body(UnsafeRawBufferPointer(start: git_blob_rawcontent(blob), count: size))
            }
            return synthetic.withUnsafeBytes(body)
        }

        var isBinary: Bool {
            if let blob, UInt64(git_blob_rawsize(blob)) > LineCounter.bigFileThreshold { return true }
            return withBytes { bytes in
                guard let base = bytes.baseAddress else { return false }
                return memchr(base, 0, min(bytes.count, LineCounter.firstFewBytes)) != nil
            }
        }

        var size: Int {
            guard let blob else { return synthetic.count }
            return Int(git_blob_rawsize(blob))
        }

        /// Small enough for content rules to search.
        var isSearchable: Bool {
            guard let blob else { return true }
            return git_blob_rawsize(blob) <= GitChangedLines.maximumBlobSize
        }

        /// Every line, numbered from 1, as the changed lines of an added (or deleted) file.
        func lines() -> [ChangedLine] {
            withBytes { bytes in
                var lines: [ChangedLine] = []
                var start = 0
                var number = 1
                while start < bytes.count {
                    var end = start
                    while end < bytes.count, bytes[end] != 0x0a { end += 1 }
                    let text = LenientText.decode(UnsafeRawBufferPointer(rebasing: bytes[start..<min(end + 1, bytes.count)]))
                    lines.append(ChangedLine(number: number, text: ChangedLine.normalized(text)))
                    number += 1
                    start = end + 1
                }
                return lines
            }
        }

        /// xdiff's record count: lines ending in a newline, plus a last line without one.
        var lineCount: Int {
            withBytes { bytes in
                guard let base = bytes.baseAddress, bytes.count > 0 else { return 0 }
                var count = 0
                var position = base
                let end = base + bytes.count
                while position < end, let found = memchr(position, 0x0a, end - position) {
                    count += 1
                    position = UnsafeRawPointer(found) + 1
                }
                if bytes[bytes.count - 1] != 0x0a { count += 1 }
                return count
            }
        }
    }

    private func content(id: ObjectID?, mode: UInt32) throws(GitError) -> Content? {
        guard let id else { return nil }
        if mode == Self.gitlinkMode {
            return Content(synthetic: Array("Subproject commit \(id.hex)\n".utf8))
        }
        if let recent = recentBlobs.content(id) { return recent }
        let content = Content(blob: try repository.lookupBlob(id))
        recentBlobs.keep(content, id: id)
        return content
    }

    // MARK: - Diff

    private static let hunkCallback: git_diff_hunk_cb = { _, hunk, payload in
        guard let hunk, let payload else { return 0 }
        let tally = Unmanaged<Tally>.fromOpaque(payload).takeUnretainedValue()
        tally.added += Int(hunk.pointee.new_lines)
        tally.deleted += Int(hunk.pointee.old_lines)
        return 0
    }

    /// The same line callback as `GitChangedLines`, so collected lines equal its answer.
    private static let lineCallback: git_diff_line_cb = { _, _, line, payload in
        guard let line, let payload else { return 0 }
        let tally = Unmanaged<Tally>.fromOpaque(payload).takeUnretainedValue()
        GitChangedLines.collect(line.pointee, into: &tally.lines)
        return 0
    }

    /// What the diff callbacks add up.
    private final class Tally {
        var added = 0
        var deleted = 0
        var lines = ChangedLines()
    }

    private func diff(_ old: Content, _ new: Content, collectingLines: Bool) throws(GitError)
        -> (counts: Counts, lines: ChangedLines?)
    {
        var options = self.options
        let tally = Tally()
        let payload = Unmanaged.passUnretained(tally).toOpaque()
        let lineCallback = collectingLines ? Self.lineCallback : nil
        let code: Int32
        if let oldBlob = old.blob, let newBlob = new.blob {
            code = git_diff_blobs(oldBlob, "", newBlob, "", &options, nil, nil, Self.hunkCallback, lineCallback, payload)
        } else {
            code = old.withBytes { oldBytes in
                new.withBytes { newBytes in
                    git_diff_buffers(
                        oldBytes.baseAddress, oldBytes.count, "", newBytes.baseAddress, newBytes.count, "", &options,
                        nil, nil, Self.hunkCallback, lineCallback, payload)
                }
            }
        }
        try LibGit2.check(code, "git_diff_blobs")
        return (Counts(added: tally.added, deleted: tally.deleted, binary: false), collectingLines ? tally.lines : nil)
    }
}

/// Blobs read for the last few commits, kept within a byte budget: a file changed again soon
/// is read once for both changes (its old side here is the new side a little further down
/// the walk), and libgit2 re-inflates delta chains that git's larger delta-base cache keeps.
final class RecentBlobs {
    static let budget = 24 * 1024 * 1024
    /// Larger blobs are not kept: one would push out hundreds of the usual ones.
    static let largest = 1024 * 1024

    private var byID: [ObjectID: LineCounter.Content] = [:]
    private var order: [(id: ObjectID, size: Int)] = []
    private var first = 0
    private var bytes = 0

    func content(_ id: ObjectID) -> LineCounter.Content? { byID[id] }

    func keep(_ content: LineCounter.Content, id: ObjectID) {
        guard let blob = content.blob else { return }
        let size = Int(git_blob_rawsize(blob))
        guard size <= Self.largest, byID[id] == nil else { return }
        byID[id] = content
        order.append((id, size))
        bytes += size + 64
        while bytes > Self.budget, first < order.count {
            let oldest = order[first]
            first += 1
            byID[oldest.id] = nil
            bytes -= oldest.size + 64
        }
        if first > 4096 {
            order.removeFirst(first)
            first = 0
        }
    }
}

/// Answers "does git treat this path as binary by attributes?" when the work tree has
/// attribute files; nil when it has none (the common case, which then costs nothing).
final class AttributeOracle {
    private let repository: Repository

    init?(repository: Repository) {
        guard let workDirectory = repository.workDirectory else { return nil }
        let candidates = [workDirectory + "/.gitattributes", repository.commonDirectory + "/info/attributes"]
        let hasFile = candidates.contains { access($0, F_OK) == 0 }
        guard hasFile || repository.configString("core.attributesFile") != nil else { return nil }
        self.repository = repository
    }

    /// Answers per path are remembered (bounded): each lookup costs libgit2 about twenty
    /// file-system calls, and a history touches the same paths again and again.
    private var known: [[UInt8]: Bool] = [:]

    func isBinary(path: [UInt8]) -> Bool {
        if let answer = known[path] { return answer }
        var value: UnsafePointer<CChar>?
        let text = String(decoding: path, as: UTF8.self)
        let answer = git_attr_get(&value, repository.handle, 0, text, "diff") == 0
            && git_attr_value(value) == GIT_ATTR_VALUE_FALSE
        if known.count >= 100_000 { known.removeAll(keepingCapacity: true) }
        known[path] = answer
        return answer
    }
}
