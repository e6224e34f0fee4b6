#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The outcome of `AuditLog.rotate`.
public struct AuditRotation: Hashable, Sendable {
    /// Where the old records now live.
    public var archivePath: String
    /// The first line of the new file, chained to the old file's last record.
    public var marker: AuditRotationMarker
}

extension AuditLog {
    /// The archive name `rotate` picks: `<name>-<UTC time>.<extension>` beside the log
    /// (`audit-20261123T084700Z.jsonl`).
    public func defaultArchivePath(at time: AuditTime) -> String {
        let stamp = time.description.filter { $0 != "-" && $0 != ":" }
        let name = AuditFile.baseName(of: path)
        let directory = AuditFile.directoryName(of: path)
        let (stem, suffix) = name.lastIndex(of: ".").map { (String(name[..<$0]), String(name[$0...])) } ?? (name, "")
        return directory + "/" + stem + "-" + stamp + suffix
    }

    /// Starts a new file that continues the chain: under the log's lock, the current file is
    /// hard-linked to `archivePath`, a new file holding only a rotation marker (whose `prev` is
    /// the old file's last hash) is written and `fsync`ed beside it, and renamed over the log.
    /// Appenders that were waiting for the lock notice the swap and append to the new file.
    /// The new file gets the old file's mode, owner and group.
    public func rotate(archivePath: String? = nil, time: AuditTime, toolVersion: String) throws(AuditError)
        -> AuditRotation
    {
        guard AuditFile.exists(path) else { throw .missingFile(path: path) }
        while true {
            let descriptor = open(path, O_RDWR | O_CLOEXEC)
            guard descriptor >= 0 else {
                if errno == ENOENT { throw .missingFile(path: path) }
                throw AuditFile.failure("open", path)
            }
            defer { close(descriptor) }
            try AuditFile.lockExclusive(descriptor, path)
            guard AuditFile.isCurrent(descriptor, path) else { continue }
            let size = try AuditFile.size(descriptor, path)
            let tail = try chainTail(descriptor, size: size)
            if tail.recovered != nil {
                throw .unchainable(
                    path: path, line: try AuditFile.lineCount(descriptor, before: size, path) + 1,
                    reason: "the last write did not finish; append once (or verify) before rotating")
            }
            if tail.seq == 0 { throw .system(operation: "rotate", path: path, errno: 0, message: "the log is empty") }
            let archive = archivePath ?? defaultArchivePath(at: time)
            let marker = AuditChain.sealMarker(
                seq: tail.seq + 1, prev: tail.hash, time: time, toolVersion: toolVersion,
                continues: AuditFile.baseName(of: archive))
            if link(path, archive) != 0 { throw AuditFile.failure("archive (link to \(archive))", path) }
            let temporary = path + ".rotating-\(getpid())"
            let fresh = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(permissions.fileMode))
            guard fresh >= 0 else {
                let code = errno
                unlink(archive)
                throw AuditFile.failure("create", temporary, code)
            }
            do throws(AuditError) {
                defer { close(fresh) }
                // The new file takes the old one's mode, owner and group, so a setup that lets
                // hooks append (a dedicated group, 0660) survives rotation.
                var old = stat()
                guard fstat(descriptor, &old) == 0 else { throw AuditFile.failure("inspect", path) }
                if fchown(fresh, old.st_uid, old.st_gid) != 0 { throw AuditFile.failure("give the old owner and group to", temporary) }
                if fchmod(fresh, old.st_mode & 0o7777) != 0 { throw AuditFile.failure("set the mode of", temporary) }
                try AuditFile.writeAll(fresh, AuditRecordCoding.line(for: .rotation(marker)), temporary)
                try AuditFile.sync(fresh, temporary)
                if rename(temporary, path) != 0 { throw AuditFile.failure("replace", path) }
            } catch {
                unlink(temporary)
                unlink(archive)
                throw error
            }
            AuditFile.syncDirectory(AuditFile.directoryName(of: path))
            return AuditRotation(archivePath: archive, marker: marker)
        }
    }
}
