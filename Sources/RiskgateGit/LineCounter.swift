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
        do {
            return try knownCounts(for: change)
        } catch GitError.missingObject {
            return Counts(added: nil, deleted: nil, binary: false, contentMissing: true)
        }
    }

    private func knownCounts(for change: TreeChange) throws(GitError) -> Counts {
        if let attributes, attributes.isBinary(path: change.path) {
            return Counts(added: nil, deleted: nil, binary: true)
        }
        let old = try content(id: change.oldID, mode: change.oldMode)
        let new = try content(id: change.newID, mode: change.newMode)
        if old?.isBinary == true || new?.isBinary == true {
            return Counts(added: nil, deleted: nil, binary: true)
        }
        switch (old, new) {
        case (nil, nil):
            return Counts(added: 0, deleted: 0, binary: false)
        case (nil, let new?):
            return Counts(added: new.lineCount, deleted: 0, binary: false)
        case (let old?, nil):
            return Counts(added: 0, deleted: old.lineCount, binary: false)
        case (let old?, let new?):
            if change.oldID == change.newID && change.oldMode == change.newMode {
                return Counts(added: 0, deleted: 0, binary: false)
            }
            if change.oldID == change.newID { return Counts(added: 0, deleted: 0, binary: false) }
            return try diff(old, new)
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
        return Content(blob: try repository.lookupBlob(id))
    }

    // MARK: - Diff

    private static let hunkCallback: git_diff_hunk_cb = { _, hunk, payload in
        guard let hunk, let payload else { return 0 }
        let totals = payload.assumingMemoryBound(to: Int.self)
        totals[0] += Int(hunk.pointee.new_lines)
        totals[1] += Int(hunk.pointee.old_lines)
        return 0
    }

    private func diff(_ old: Content, _ new: Content) throws(GitError) -> Counts {
        var options = self.options
        let totals = UnsafeMutablePointer<Int>.allocate(capacity: 2)
        defer { totals.deallocate() }
        totals.initialize(repeating: 0, count: 2)
        let code: Int32
        if let oldBlob = old.blob, let newBlob = new.blob {
            code = git_diff_blobs(oldBlob, "", newBlob, "", &options, nil, nil, Self.hunkCallback, nil, totals)
        } else {
            code = old.withBytes { oldBytes in
                new.withBytes { newBytes in
                    git_diff_buffers(
                        oldBytes.baseAddress, oldBytes.count, "", newBytes.baseAddress, newBytes.count, "", &options,
                        nil, nil, Self.hunkCallback, nil, totals)
                }
            }
        }
        try LibGit2.check(code, "git_diff_blobs")
        return Counts(added: totals[0], deleted: totals[1], binary: false)
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
