#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The append-only audit log at one path (SPEC §7).
///
/// Every append takes an exclusive `flock` on the file, reads the last record's hash, writes
/// one canonical JSON line with a single `write` and `fsync`s it before unlocking, so concurrent
/// pushes (separate processes) never lose or interleave lines.
///
/// A write that did not finish (crash, full disk) leaves a final line without a newline, or a
/// final line that does not parse. The next append closes that line with a newline, chains to
/// the last good record and records the damaged bytes in its `recovered` member (offset, length,
/// SHA-256), so `verify` accepts the acknowledged crash and still rejects any other damage.
public struct AuditLog: Sendable {
    public let path: String
    public let permissions: AuditPermissions

    public init(path: String, permissions: AuditPermissions = .standard) {
        self.path = path
        self.permissions = permissions
    }

    /// The log's path: `override` (e.g. `--path`) as given; else `configured` (the `audit.path`
    /// configuration key) relative to the git directory unless absolute; else
    /// `<git dir>/riskgate/audit.jsonl`. Pass `Repository.commonDirectory` as `gitDirectory`, so
    /// that every worktree shares one log.
    public static func resolvePath(gitDirectory: String, configured: String? = nil, override: String? = nil) -> String {
        if let override, !override.isEmpty { return override }
        let relative = configured.flatMap { $0.isEmpty ? nil : $0 } ?? defaultRelativePath
        if relative.hasPrefix("/") { return relative }
        return (gitDirectory.hasSuffix("/") ? gitDirectory : gitDirectory + "/") + relative
    }

    public static let defaultRelativePath = "riskgate/audit.jsonl"

    /// Appends one decision and returns it as recorded (with `seq`, `prev` and `hash`).
    /// Safe to call from many processes at once.
    @discardableResult
    public func append(_ draft: AuditEntryDraft) throws(AuditError) -> AuditEntry {
        try AuditFile.makeDirectories(AuditFile.directoryName(of: path), permissions)
        while true {
            let (descriptor, created) = try AuditFile.openForAppend(path, permissions)
            defer { close(descriptor) }
            try AuditFile.lockExclusive(descriptor, path)
            // A rotation may have replaced the file while this process waited: start over.
            guard AuditFile.isCurrent(descriptor, path) else { continue }
            let size = try AuditFile.size(descriptor, path)
            let tail = try chainTail(descriptor, size: size)
            let entry = AuditChain.seal(draft, seq: tail.seq + 1, prev: tail.hash, recovered: tail.recovered)
            let line = (tail.needsNewline ? [0x0A] : []) + AuditRecordCoding.line(for: .entry(entry))
            do throws(AuditError) {
                try AuditFile.writeAll(descriptor, line, path)
                try AuditFile.sync(descriptor, path)
            } catch {
                // Undo a partial line while the lock is still held; if that fails too, the next
                // append's recovery handles it.
                _ = ftruncate(descriptor, off_t(size))
                throw error
            }
            if created { AuditFile.syncDirectory(AuditFile.directoryName(of: path)) }
            return entry
        }
    }

    /// Where the next record chains: the last good record's seq and hash, and a damaged tail to
    /// acknowledge, if any.
    struct ChainTail {
        var seq: Int
        var hash: String
        var recovered: AuditRecovery?
        var needsNewline: Bool
    }

    func chainTail(_ descriptor: Int32, size: Int) throws(AuditError) -> ChainTail {
        let lines = try AuditFile.lastLines(descriptor, size: size, path)
        guard let last = lines.last else { return ChainTail(seq: 0, hash: AuditChain.genesis, needsNewline: false) }
        if last.terminated, let record = Self.decode(last.bytes) {
            return ChainTail(seq: record.seq, hash: record.hash, needsNewline: false)
        }
        let recovery = AuditRecovery(
            offset: last.offset, length: last.bytes.count, sha256: AuditChain.sha256Hex(last.bytes))
        guard lines.count == 2 else {
            return ChainTail(seq: 0, hash: AuditChain.genesis, recovered: recovery, needsNewline: !last.terminated)
        }
        let previous = lines[0]
        guard let record = Self.decode(previous.bytes) else {
            let number = try AuditFile.lineCount(descriptor, before: previous.offset, path) + 1
            throw .unchainable(path: path, line: number, reason: "it does not parse")
        }
        return ChainTail(seq: record.seq, hash: record.hash, recovered: recovery, needsNewline: !last.terminated)
    }

    static func decode(_ bytes: [UInt8]) -> AuditRecord? {
        guard let value = try? CanonicalJSONParser.parse(bytes) else { return nil }
        return try? AuditRecordCoding.record(from: value)
    }
}

extension AuditLog.ChainTail {
    init(seq: Int, hash: String, needsNewline: Bool) {
        self.init(seq: seq, hash: hash, recovered: nil, needsNewline: needsNewline)
    }
}
