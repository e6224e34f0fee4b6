#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Who may read and write the log. Applied when riskgate creates the directory or the file
/// (explicitly, whatever the umask); existing ones are left as the administrator set them.
public struct AuditPermissions: Hashable, Sendable {
    /// Mode of directories riskgate creates (default `0750`).
    public var directoryMode: UInt32
    /// Mode of log files riskgate creates (default `0640`).
    public var fileMode: UInt32
    /// Group given to created directories and files (e.g. a dedicated `riskgate` group); nil keeps
    /// the creating process's group.
    public var group: UInt32?

    public init(directoryMode: UInt32 = 0o750, fileMode: UInt32 = 0o640, group: UInt32? = nil) {
        self.directoryMode = directoryMode
        self.fileMode = fileMode
        self.group = group
    }

    public static let standard = AuditPermissions()

    /// The permissions git itself uses for a repository's `core.sharedRepository`: group
    /// writable (setgid directories) for `group`/`true`/`1`, also world-readable for
    /// `all`/`world`/`everybody`/`2`, an octal mode as given; else the standard ones. Pushers
    /// of a shared repository run the hook as themselves, so each must be able to append.
    public static func sharedRepository(_ value: String?) -> AuditPermissions {
        guard let value = value?.lowercased(), !value.isEmpty else { return .standard }
        switch value {
        case "group", "true", "1": return AuditPermissions(directoryMode: 0o2770, fileMode: 0o660)
        case "all", "world", "everybody", "2": return AuditPermissions(directoryMode: 0o2775, fileMode: 0o664)
        case "umask", "false", "0": return .standard
        default:
            guard value.hasPrefix("0"), let mode = UInt32(value, radix: 8), mode & 0o600 == 0o600 else { return .standard }
            let directory = (mode & 0o666) | ((mode & 0o444) >> 2) | 0o2000
            return AuditPermissions(directoryMode: directory, fileMode: mode & 0o666)
        }
    }
}

/// One line of a log file as read from disk.
struct AuditLine {
    /// Byte offset of the line's first byte in its file.
    var offset: Int
    /// 1-based line number.
    var number: Int
    /// The bytes without the newline.
    var bytes: [UInt8]
    /// False for a final line with no newline (a write that did not finish).
    var terminated: Bool
}

/// Thin wrappers of the system calls the log needs; every failure becomes `AuditError.system`.
enum AuditFile {
    static func errorMessage(_ code: Int32) -> String { String(cString: strerror(code)) }

    static func failure(_ operation: String, _ path: String, _ code: Int32 = errno) -> AuditError {
        .system(operation: operation, path: path, errno: code, message: errorMessage(code))
    }

    static func directoryName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func baseName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// Creates `directory` and any missing parents with `permissions`.
    static func makeDirectories(_ directory: String, _ permissions: AuditPermissions) throws(AuditError) {
        if directory.isEmpty || exists(directory) { return }
        let parent = directoryName(of: directory)
        if parent != directory { try makeDirectories(parent, permissions) }
        if mkdir(directory, mode_t(permissions.directoryMode)) != 0 {
            if errno == EEXIST { return }
            throw failure("create the directory of", directory)
        }
        // mkdir's mode is filtered by the umask; the configured mode is meant exactly.
        if chmod(directory, mode_t(permissions.directoryMode)) != 0 { throw failure("set the mode of", directory) }
        if let group = permissions.group, chown(directory, uid_t.max, gid_t(group)) != 0 {
            throw failure("set the group of", directory)
        }
    }

    /// Opens `path` for reading and appending, creating it with `permissions` when missing.
    /// Returns the descriptor and whether this call created the file.
    static func openForAppend(_ path: String, _ permissions: AuditPermissions) throws(AuditError) -> (Int32, Bool) {
        while true {
            let created = open(path, O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(permissions.fileMode))
            if created >= 0 {
                if fchmod(created, mode_t(permissions.fileMode)) != 0
                    || (permissions.group.map { fchown(created, uid_t.max, gid_t($0)) != 0 } ?? false)
                {
                    let code = errno
                    close(created)
                    throw failure("set the mode or group of", path, code)
                }
                return (created, true)
            }
            guard errno == EEXIST else { throw failure("create", path) }
            let existing = open(path, O_RDWR | O_APPEND | O_CLOEXEC)
            if existing >= 0 { return (existing, false) }
            // Removed (rotated) between the two calls: try again.
            guard errno == ENOENT else { throw failure("open", path) }
        }
    }

    static func lockExclusive(_ descriptor: Int32, _ path: String) throws(AuditError) {
        while flock(descriptor, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            throw failure("lock", path)
        }
    }

    static func lockShared(_ descriptor: Int32, _ path: String) throws(AuditError) {
        while flock(descriptor, LOCK_SH) != 0 {
            if errno == EINTR { continue }
            throw failure("lock", path)
        }
    }

    /// True when `path` still names the file open as `descriptor` (it was not rotated away
    /// while this process waited for the lock).
    static func isCurrent(_ descriptor: Int32, _ path: String) -> Bool {
        var open = stat()
        var named = stat()
        guard fstat(descriptor, &open) == 0, stat(path, &named) == 0 else { return false }
        return open.st_dev == named.st_dev && open.st_ino == named.st_ino
    }

    static func size(_ descriptor: Int32, _ path: String) throws(AuditError) -> Int {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure("inspect", path) }
        return Int(status.st_size)
    }

    static func readAt(_ descriptor: Int32, offset: Int, count: Int, _ path: String) throws(AuditError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress.map { $0 + filled }, count - filled, off_t(offset + filled))
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw failure("read", path)
            }
            if got == 0 { break }
            filled += got
        }
        return Array(bytes.prefix(filled))
    }

    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], _ path: String) throws(AuditError) {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress.map { $0 + written }, bytes.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw failure("write", path)
            }
            written += result
        }
    }

    static func sync(_ descriptor: Int32, _ path: String) throws(AuditError) {
        while fsync(descriptor) != 0 {
            if errno == EINTR { continue }
            throw failure("flush", path)
        }
    }

    /// Makes a new or renamed directory entry durable.
    static func syncDirectory(_ directory: String) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    /// The number of newlines before `offset` (for error messages only).
    static func lineCount(_ descriptor: Int32, before offset: Int, _ path: String) throws(AuditError) -> Int {
        var count = 0
        var position = 0
        while position < offset {
            let chunk = try readAt(descriptor, offset: position, count: min(offset - position, 256 * 1024), path)
            if chunk.isEmpty { break }
            count += chunk.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            position += chunk.count
        }
        return count
    }

    /// The last line of the file and the one before it (file order), read backwards in growing
    /// windows so that appending to a large log reads only its end.
    static func lastLines(_ descriptor: Int32, size: Int, _ path: String) throws(AuditError) -> [AuditLine] {
        guard size > 0 else { return [] }
        var window = min(size, 64 * 1024)
        while true {
            let start = size - window
            let bytes = try readAt(descriptor, offset: start, count: window, path)
            let terminated = bytes.last == 0x0A
            let lastEnd = terminated ? bytes.count - 1 : bytes.count
            let lastBreak = bytes[..<lastEnd].lastIndex(of: 0x0A)
            let previousBreak = lastBreak.flatMap { bytes[..<$0].lastIndex(of: 0x0A) }
            // Both line starts must be inside the window, or the window must reach the file's start.
            if previousBreak != nil || start == 0 {
                var lines: [AuditLine] = []
                let lastStart = lastBreak.map { $0 + 1 } ?? 0
                if let lastBreak {
                    let previousStart = previousBreak.map { $0 + 1 } ?? 0
                    lines.append(
                        AuditLine(offset: start + previousStart, number: 0, bytes: Array(bytes[previousStart..<lastBreak]),
                                  terminated: true))
                }
                lines.append(
                    AuditLine(offset: start + lastStart, number: 0, bytes: Array(bytes[lastStart..<lastEnd]),
                              terminated: terminated))
                return lines
            }
            window = min(size, window * 4)
        }
    }
}

/// Reads a log file line by line in chunks, keeping offsets and line numbers.
struct AuditLineReader {
    let path: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var bufferOffset = 0
    private var consumed = 0
    private var lineNumber = 0
    private var atEnd = false
    /// The file's size when it was opened: later appends are not read, and the lock is held
    /// only long enough to take it, so reading a large log never holds up a push.
    private var remaining: Int

    init(path: String) throws(AuditError) {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { throw .missingFile(path: path) }
            throw AuditFile.failure("open", path)
        }
        self.descriptor = descriptor
        do {
            // Wait for a writer in the middle of an append, so a reader never sees half a line.
            try AuditFile.lockShared(descriptor, path)
            remaining = try AuditFile.size(descriptor, path)
            _ = flock(descriptor, LOCK_UN)
        } catch {
            _ = close(descriptor)
            throw error
        }
    }

    func closeFile() { _ = close(descriptor) }

    mutating func next() throws(AuditError) -> AuditLine? {
        while true {
            if let newline = buffer[consumed...].firstIndex(of: 0x0A) {
                let line = AuditLine(
                    offset: bufferOffset + consumed, number: lineNumber + 1, bytes: Array(buffer[consumed..<newline]),
                    terminated: true)
                consumed = newline + 1
                lineNumber += 1
                return line
            }
            if atEnd {
                guard consumed < buffer.count else { return nil }
                let line = AuditLine(
                    offset: bufferOffset + consumed, number: lineNumber + 1, bytes: Array(buffer[consumed...]),
                    terminated: false)
                consumed = buffer.count
                lineNumber += 1
                return line
            }
            // Drop consumed bytes, then read more.
            bufferOffset += consumed
            buffer.removeFirst(consumed)
            consumed = 0
            var chunk = [UInt8](repeating: 0, count: min(remaining, 256 * 1024))
            let got = chunk.isEmpty ? 0 : chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw AuditFile.failure("read", path)
            }
            remaining -= got
            if got == 0 { atEnd = true } else { buffer.append(contentsOf: chunk.prefix(got)) }
        }
    }
}
