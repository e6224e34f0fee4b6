import RiskgateCore

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a short-lived helper (ssh-keygen) to completion: stdin from bytes, stdout and stderr
/// collected through files in a private temporary folder (no pipes to deadlock on).
public enum ProcessRunner {
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        /// The files asked for in `collect`, as the process left them (absent ones left out).
        public var files: [String: String] = [:]
    }

    public enum Failure: Error, Hashable, Sendable, CustomStringConvertible {
        /// The executable is not on PATH.
        case notFound(String)
        case system(String)

        public var description: String {
            switch self {
            case .notFound(let name): "\(name) was not found on PATH"
            case .system(let why): why
            }
        }
    }

    /// The executable's path: `name` itself when it contains a slash, else the first match on
    /// `PATH` (default /usr/bin:/bin).
    public static func locate(_ name: String, environment: [String: String] = ProcessEnvironment.current()) -> String? {
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        let path = environment["PATH"].flatMap { $0.isEmpty ? nil : $0 } ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// Runs `name` with `arguments`; `files` are written into the temporary folder first and
    /// `arguments` may name them through `folder`.
    public static func run(
        _ name: String, arguments: (_ folder: String) -> [String], input: [UInt8] = [], files: [String: [UInt8]] = [:],
        collect: [String] = [], environment: [String: String] = ProcessEnvironment.current()
    ) throws(Failure) -> Output {
        guard let executable = locate(name, environment: environment) else { throw .notFound(name) }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for (file, bytes) in files { try folder.write(file, bytes) }
        try folder.write(".stdin", input)
        let arguments = [executable] + arguments(folder.path)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, folder.path + "/.stdin", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, folder.path + "/.stdout", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, folder.path + "/.stderr", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // A hook's GIT_* variables (quarantine, GIT_DIR) mean nothing to the helper.
        let variables = environment.filter { !$0.key.hasPrefix("GIT_") }.map { "\($0.key)=\($0.value)" }
        var pid = pid_t()
        let spawned = withCStrings(arguments) { argv in
            withCStrings(variables) { envp in posix_spawn(&pid, executable, &actions, nil, argv, envp) }
        }
        guard spawned == 0 else { throw .system("cannot run \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw .system("waiting for \(executable): \(String(cString: strerror(errno)))") }
        }
        // WIFEXITED / WEXITSTATUS by hand (macros are not imported).
        let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        var output = Output(
            status: exitStatus, stdout: LenientText.decode(folder.read(".stdout")),
            stderr: LenientText.decode(folder.read(".stderr")))
        for name in collect {
            if let bytes = TextFile.bytesIfReadable(folder.path + "/" + name) { output.files[name] = LenientText.decode(bytes) }
        }
        return output
    }

    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { for pointer in pointers { free(pointer) } }
        return body(pointers)
    }
}

/// A private folder under TMPDIR (mode 0700), removed with its files.
struct TemporaryFolder {
    let path: String

    init() throws(ProcessRunner.Failure) {
        let base = ProcessEnvironment.current()["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((base + "/riskgate.XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw .system("cannot create a temporary folder in \(base): \(String(cString: strerror(errno)))")
        }
        path = String(cString: made)
    }

    /// An existing folder, to write files into (never removed by this value).
    init(existing path: String) { self.path = path }

    func write(_ name: String, _ bytes: [UInt8]) throws(ProcessRunner.Failure) {
        let file = path + "/" + name
        let descriptor = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .system("cannot write \(file): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw .system("cannot write \(file): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }

    func read(_ name: String) -> [UInt8] { TextFile.bytesIfReadable(path + "/" + name) ?? [] }

    func remove() {
        if let directory = opendir(path) {
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name != "." && name != ".." { unlink(path + "/" + name) }
            }
            closedir(directory)
        }
        rmdir(path)
    }
}
