import RiskgateCore

#if canImport(Glibc)
    import Glibc
#endif

/// Failures while reading or writing the history index.
public enum HistoryIndexError: Error, CustomStringConvertible {
    case git(GitError)
    case io(path: String, operation: String, reason: String)

    public var description: String {
        switch self {
        case .git(let error): error.description
        case .io(let path, let operation, let reason): "cannot \(operation) \(path): \(reason)"
        }
    }
}

/// The history index on disk: `$GIT_DIR/riskgate/history-index` in the common git directory
/// (shared by worktrees).
///
/// Readers read the file without a lock: writers replace it whole with `rename(2)`, so a reader
/// sees the old index or the new one, never half of one. Writers serialise on
/// `history-index.lock` with `flock(2)` and re-read the index once they hold it, so two pushes
/// updating at once both end with a valid index that includes the other's commits.
public final class HistoryIndexStore {
    public let directory: String
    private let repository: Repository

    public init(repository: Repository) {
        self.repository = repository
        directory = repository.commonDirectory + "/riskgate"
    }

    public var path: String { directory + "/history-index" }
    var lockPath: String { directory + "/history-index.lock" }

    public enum LoadResult {
        case missing
        case corrupt(String)
        case loaded(HistoryIndex)
    }

    /// Reads the index as it is now (no lock, no update).
    public func load() -> LoadResult {
        let bytes: [UInt8]
        do {
            guard let read = try HistoryIndexStore.readFile(path) else { return .missing }
            bytes = read
        } catch {
            return .corrupt(error.description)
        }
        do {
            return .loaded(try HistoryIndex.decode(bytes))
        } catch {
            return .corrupt(error.description)
        }
    }

    public struct UpdateOutcome: Sendable {
        public enum Kind: Sendable, Equatable {
            /// Built from scratch, and why (no index, corrupt, history rewritten, other revisions).
            case built(reason: String)
            case updated
            case upToDate
        }
        public var kind: Kind
        public var added: Int
        public var index: HistoryIndex
    }

    /// Brings the index up to date with `revisions` (nil: the revisions it was built with, or
    /// `HEAD`): reads only commits that are new since the recorded tips, or rebuilds when the
    /// index is missing, corrupt, or no longer describes the history (a recorded tip is not an
    /// ancestor of the current tips: history was rewritten).
    public func update(revisions requested: [String]? = nil, rebuild: Bool = false) throws(HistoryIndexError)
        -> UpdateOutcome
    {
        try makeDirectory()
        let lock = try acquireLock()
        defer { close(lock) }  // closing releases the flock

        var reason: String?
        var current: HistoryIndex?
        switch load() {
        case .missing: reason = "no index yet"
        case .corrupt(let why): reason = "the index was unusable (\(why))"
        case .loaded(let index): current = index
        }
        let revisions = requested ?? current?.revisions ?? ["HEAD"]
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

        var records: [HistoryRecord] = []
        if reason == nil, let current {
            if Set(current.tips) == Set(tips) {
                return UpdateOutcome(kind: .upToDate, added: 0, index: current)
            }
            records = current.records
            let known = Set(records.map(\.id))
            let fresh = try read(RevisionRange(include: tips, exclude: current.tips + range.exclude, arguments: revisions))
                .filter { !known.contains($0.id) }
            records += fresh
            let index = HistoryIndex(revisions: revisions, tips: tips, records: records)
            try write(index)
            return UpdateOutcome(kind: .updated, added: fresh.count, index: index)
        }
        records = try read(range)
        let index = HistoryIndex(revisions: revisions, tips: tips, records: records)
        try write(index)
        return UpdateOutcome(kind: .built(reason: reason ?? "no index yet"), added: records.count, index: index)
    }

    /// The commits of a range, oldest first.
    private func read(_ range: RevisionRange) throws(HistoryIndexError) -> [HistoryRecord] {
        var records: [HistoryRecord] = []
        do {
            let reader = try HistoryCommitReader(repository: repository, range: range)
            while let record = try reader.next() { records.append(record) }
        } catch {
            throw .git(error)
        }
        records.reverse()
        return records
    }

    // MARK: - Files

    private func makeDirectory() throws(HistoryIndexError) {
        if mkdir(directory, 0o775) != 0 && errno != EEXIST {
            throw .io(path: directory, operation: "create", reason: String(cString: strerror(errno)))
        }
    }

    private func acquireLock() throws(HistoryIndexError) -> Int32 {
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o664)
        guard descriptor >= 0 else {
            throw .io(path: lockPath, operation: "open", reason: String(cString: strerror(errno)))
        }
        while flock(descriptor, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw .io(path: lockPath, operation: "lock", reason: reason)
        }
        return descriptor
    }

    /// Writes a temporary file beside the index, flushes it, and renames it over the index.
    private func write(_ index: HistoryIndex) throws(HistoryIndexError) {
        let temporary = "\(path).tmp.\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o664)
        guard descriptor >= 0 else {
            throw .io(path: temporary, operation: "create", reason: String(cString: strerror(errno)))
        }
        let bytes = index.encoded()
        var failure: String?
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += written
            }
        }
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
    }

    /// The whole file, nil when it does not exist.
    static func readFile(_ path: String) throws(HistoryIndexError) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw .io(path: path, operation: "read", reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, operation: "read", reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            result.append(contentsOf: chunk[..<count])
        }
        return result
    }
}
