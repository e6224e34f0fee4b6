import RiskgateCore

#if canImport(Glibc)
    import Glibc
#endif

/// Failures while reading or writing the history index.
public enum HistoryIndexError: Error, CustomStringConvertible {
    case git(GitError)
    case io(path: String, operation: String, reason: String)
    case busy(path: String)
    /// The index must be rebuilt from git, which the caller did not allow (`rebuildAllowed`).
    case needsRebuild(reason: String)

    public var description: String {
        switch self {
        case .needsRebuild(let reason): "the history index needs a rebuild: \(reason)"
        case .git(let error): error.description
        case .io(let path, let operation, let reason): "cannot \(operation) \(path): \(reason)"
        case .busy(let path): "\(path) is held by another update; try again later"
        }
    }
}

/// An opened index: its compacted tables, the batches appended since, and a model of both.
public struct HistoryIndexSnapshot: Sendable {
    public let tables: HistoryIndexTables
    /// The base's tables with the batches' commits linked onto them: what lookups use.
    public let model: HistoryModel
    /// Commits in appended batches (not yet compacted).
    public let appendedCount: Int
    public let revisions: [String]
    /// The indexed revisions' commits when the index was last updated.
    public let tips: [ObjectID]
    /// Bytes after the last complete batch (a writer at work, or one that crashed).
    public let hasTornTail: Bool
    public var link: HistoryLinkSettings { tables.link }
    public var count: Int { model.count }
}

/// The history index on disk: `$GIT_DIR/riskgate/history-index` in the common git directory
/// (shared by worktrees). Format: `HistoryIndexFormat`.
///
/// Readers (hooks, reports) map the file read-only without a lock and look up only the paths
/// they need. Writers serialise on `history-index.lock` with `flock(2)` and re-read the index
/// once they hold it, so concurrent updates all end with a valid index that includes each
/// other's commits. An update appends one batch of new commits (written, then `fsync`); every
/// `compactionThreshold` appended commits, or when the linking settings change, the whole index
/// is rewritten from its stored records into a temporary file that replaces it with `rename(2)`.
/// Readers therefore see the old file or the new one, and never a partial batch.
public final class HistoryIndexStore {
    public let directory: String
    private let repository: Repository
    /// Appended commits beyond which an update compacts the index.
    public var compactionThreshold = 1_000

    public init(repository: Repository) {
        self.repository = repository
        directory = repository.commonDirectory + "/riskgate"
    }

    public var path: String { directory + "/history-index" }
    var lockPath: String { directory + "/history-index.lock" }

    public enum OpenResult: Sendable {
        case missing
        case corrupt(String)
        case loaded(HistoryIndexSnapshot)
    }

    /// Opens the index as it is now (no lock, no update, no git access). Checks the header and
    /// the tables' sizes; `verify` also checks every section's checksum (reads the whole file).
    public func open(verify: Bool = false) -> OpenResult {
        let mapping: MappedFile
        switch MappedFile.open(path) {
        case .missing: return .missing
        case .failed(let reason): return .corrupt(reason)
        case .mapped(let mapped): mapping = mapped
        }
        do {
            let tables = try HistoryIndexTables(bytes: mapping.bytes, owner: mapping)
            if verify { try tables.verify() }
            let tail = UnsafeRawBufferPointer(rebasing: mapping.bytes[tables.baseLength...])
            let decoded = HistoryIndexFormat.decodeBatches(tail)
            let records = decoded.batches.flatMap(\.records)
            let model = HistoryModel(base: tables, records: records, link: tables.link)
            return .loaded(
                HistoryIndexSnapshot(
                    tables: tables, model: model, appendedCount: records.count, revisions: tables.revisions,
                    tips: decoded.batches.last?.tips ?? tables.tips, hasTornTail: decoded.torn))
        } catch {
            return .corrupt(error.description)
        }
    }

    public struct UpdateOutcome: Sendable {
        public enum Kind: Sendable, Equatable {
            /// Built from scratch, and why (no index, corrupt, history rewritten, other revisions).
            case built(reason: String)
            /// New commits appended as a batch.
            case appended
            /// Rewritten from the stored records (and new commits), and why.
            case compacted(reason: String)
            case upToDate
        }
        public var kind: Kind
        /// Commits added by this update.
        public var added: Int
        /// Commits in the index now.
        public var total: Int
        public var tips: [ObjectID]
    }

    /// Brings the index up to date with `revisions` (nil: the revisions it was built with, or
    /// `HEAD`): reads only commits that are new since the recorded tips, or rebuilds when the
    /// index is missing, damaged, or no longer describes the history (a recorded tip is not an
    /// ancestor of the current tips: history was rewritten).
    ///
    /// - Parameters:
    ///   - link: the linking settings; an index linked with others is re-linked from its
    ///     stored records (no history walk).
    ///   - lockWaitMilliseconds: how long to wait for another update to finish; nil waits as
    ///     long as it takes. When the wait runs out, `.busy` is thrown.
    ///   - rebuildAllowed: false throws `.needsRebuild` instead of walking the whole history
    ///     (a hook's bounded update leaves that to a background `riskgate history build`).
    public func update(
        revisions requested: [String]? = nil, link: HistoryLinkSettings = HistorySettings.standard.link,
        rebuild: Bool = false, lockWaitMilliseconds: Int? = nil, rebuildAllowed: Bool = true
    ) throws(HistoryIndexError) -> UpdateOutcome {
        try makeDirectory()
        let lock = try acquireLock(waitMilliseconds: lockWaitMilliseconds)
        defer { close(lock) }  // closing releases the flock

        var reason: String?
        var current: HistoryIndexSnapshot?
        switch open(verify: true) {
        case .missing: reason = "no index yet"
        case .corrupt(let why): reason = "the index was unusable (\(why))"
        case .loaded(let snapshot): current = snapshot
        }
        // HEAD, or every branch when HEAD names a branch nobody pushed (a bare server created
        // with `master` as HEAD that receives `main`).
        let revisions = requested ?? current?.revisions ?? ((try? repository.resolveCommit("HEAD")) != nil ? ["HEAD"] : ["--branches"])
        let range: RevisionRange
        do { range = try repository.resolve(revisions) } catch { throw .git(error) }
        let tips = range.include

        if rebuild { reason = "rebuild requested" }
        if reason == nil, let current, current.revisions != revisions {
            reason = "the revisions changed (\(current.revisions.joined(separator: " ")) -> \(revisions.joined(separator: " ")))"
        }
        if reason == nil, let current,
            let gone = current.tips.first(where: { tip in !tips.contains { repository.isAncestor(tip, of: $0) } })
        {
            reason = "history was rewritten (\(gone.abbreviated()) is no longer an ancestor of the indexed revisions)"
        }
        guard reason == nil, let current else {
            if !rebuildAllowed { throw .needsRebuild(reason: reason ?? "no index yet") }
            let records = try read(range)
            try replace(with: HistoryIndexFormat.encodeBase(records: records, link: link, revisions: revisions, tips: tips).bytes)
            return UpdateOutcome(
                kind: .built(reason: reason ?? "no index yet"), added: records.count, total: records.count, tips: tips)
        }

        let tipsChanged = Set(current.tips) != Set(tips)
        var fresh: [HistoryRecord] = []
        if tipsChanged {
            fresh = try read(RevisionRange(include: tips, exclude: current.tips + range.exclude, arguments: revisions))
                .filter { current.model.position(of: $0.id) == nil }
        }
        var compaction: String?
        if current.link != link {
            compaction = "the fix settings changed (\(current.link.encoded) -> \(link.encoded))"
        } else if current.hasTornTail {
            compaction = "an earlier update was interrupted"
        } else if current.appendedCount + fresh.count > compactionThreshold {
            compaction = "\(current.appendedCount + fresh.count) appended commits"
        }
        if let compaction {
            let stored: [HistoryRecord]
            do { stored = try current.tables.records() } catch {
                // The records do not match the tables: rebuild from git rather than trust either.
                if !rebuildAllowed { throw .needsRebuild(reason: error.description) }
                let records = try read(range)
                try replace(with: HistoryIndexFormat.encodeBase(records: records, link: link, revisions: revisions, tips: tips).bytes)
                return UpdateOutcome(
                    kind: .built(reason: "the index was unusable (\(error.description))"), added: records.count,
                    total: records.count, tips: tips)
            }
            let records = stored + current.model.records + fresh
            try replace(with: HistoryIndexFormat.encodeBase(records: records, link: link, revisions: revisions, tips: tips).bytes)
            return UpdateOutcome(kind: .compacted(reason: compaction), added: fresh.count, total: records.count, tips: tips)
        }
        if !tipsChanged { return UpdateOutcome(kind: .upToDate, added: 0, total: current.count, tips: tips) }
        try append(HistoryIndexFormat.encode(HistoryIndexFormat.Batch(records: fresh, tips: tips)))
        return UpdateOutcome(kind: .appended, added: fresh.count, total: current.count + fresh.count, tips: tips)
    }

    /// The commits of a range in arrival order.
    private func read(_ range: RevisionRange) throws(HistoryIndexError) -> [HistoryRecord] {
        do {
            return try HistoryCommitReader.records(repository: repository, range: range)
        } catch {
            throw .git(error)
        }
    }

    // MARK: - Files

    private func makeDirectory() throws(HistoryIndexError) {
        if mkdir(directory, 0o775) != 0 && errno != EEXIST {
            throw .io(path: directory, operation: "create", reason: String(cString: strerror(errno)))
        }
    }

    private func acquireLock(waitMilliseconds: Int?) throws(HistoryIndexError) -> Int32 {
        let descriptor = Glibc.open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o664)
        guard descriptor >= 0 else {
            throw .io(path: lockPath, operation: "open", reason: String(cString: strerror(errno)))
        }
        var waited = 0
        while flock(descriptor, waitMilliseconds == nil ? LOCK_EX : LOCK_EX | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            if errno == EWOULDBLOCK, let limit = waitMilliseconds {
                if waited >= limit {
                    close(descriptor)
                    throw .busy(path: lockPath)
                }
                usleep(10_000)
                waited += 10
                continue
            }
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw .io(path: lockPath, operation: "lock", reason: reason)
        }
        return descriptor
    }

    /// Writes a temporary file beside the index, flushes it, and renames it over the index.
    private func replace(with bytes: [UInt8]) throws(HistoryIndexError) {
        let temporary = "\(path).tmp.\(getpid())"
        let descriptor = Glibc.open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o664)
        guard descriptor >= 0 else {
            throw .io(path: temporary, operation: "create", reason: String(cString: strerror(errno)))
        }
        var failure = Self.writeAll(descriptor, bytes)
        if failure == nil, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        close(descriptor)
        if let failure {
            unlink(temporary)
            throw .io(path: temporary, operation: "write", reason: failure)
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .io(path: path, operation: "replace", reason: reason)
        }
        let directoryDescriptor = Glibc.open(directory, O_RDONLY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    /// Appends one batch at the end of the index and flushes it.
    private func append(_ bytes: [UInt8]) throws(HistoryIndexError) {
        let descriptor = Glibc.open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw .io(path: path, operation: "open", reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        if let failure = Self.writeAll(descriptor, bytes) { throw .io(path: path, operation: "append to", reason: failure) }
        if fsync(descriptor) != 0 { throw .io(path: path, operation: "flush", reason: String(cString: strerror(errno))) }
    }

    private static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBytes { buffer -> String? in
            guard let base = buffer.baseAddress else { return nil }
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += written
            }
            return nil
        }
    }
}

/// A whole file mapped read-only. The mapping stays valid after the file is replaced by a
/// rename (the old inode lives on), and riskgate never truncates the index in place.
final class MappedFile: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer

    enum Result {
        case missing
        case failed(String)
        case mapped(MappedFile)
    }

    private init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    static func open(_ path: String) -> Result {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            return errno == ENOENT ? .missing : .failed("cannot read \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failed("cannot stat \(path): \(String(cString: strerror(errno)))") }
        let size = Int(status.st_size)
        guard size > 0 else { return .failed("the file is empty") }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0),
            address != UnsafeMutableRawPointer(bitPattern: -1)
        else { return .failed("cannot map \(path): \(String(cString: strerror(errno)))") }
        return .mapped(MappedFile(bytes: UnsafeRawBufferPointer(start: address, count: size)))
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }
}
