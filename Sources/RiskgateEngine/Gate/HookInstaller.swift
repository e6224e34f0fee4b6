import RiskgateGit

#if canImport(Glibc)
    import Glibc
#endif

/// Writes and removes riskgate's git hooks. An existing hook is kept beside ours as
/// `<name>.riskgate-chained` and runs first with the same arguments and stdin; if it fails, the
/// push stops there. Installing twice changes nothing; uninstalling puts the old hook back.
public struct HookInstaller {
    public static let marker = "# riskgate-managed hook"
    public static let chainedSuffix = ".riskgate-chained"

    public let directory: String
    /// Absolute path of this riskgate, the last place the hook looks.
    public let executable: String?

    public init(directory: String, executable: String?) {
        self.directory = directory
        self.executable = executable
    }

    /// The hooks directory of a repository: `core.hooksPath` (relative to the work tree, as git
    /// reads it) or `<git dir>/hooks`.
    public static func hooksDirectory(of repository: Repository) -> String {
        if let configured = repository.configString("core.hooksPath"), !configured.isEmpty {
            let expanded = configured.hasPrefix("~/") ? (ProcessEnvironment.current()["HOME"] ?? "") + configured.dropFirst() : configured
            if expanded.hasPrefix("/") { return expanded }
            return (repository.workDirectory ?? repository.commonDirectory) + "/" + expanded
        }
        return repository.commonDirectory + "/hooks"
    }

    public enum Outcome: Equatable, Sendable {
        case installed(chained: Bool)
        case unchanged
        case removed(restored: Bool)
        case notOurs
        case absent
    }

    public func install(_ name: String) throws(EngineError) -> Outcome {
        try makeDirectory(directory)
        let path = directory + "/" + name
        let chained = path + Self.chainedSuffix
        let script = Self.script(for: name, executable: executable)
        if let existing = read(path) {
            if existing == script { return .unchanged }
            if !existing.contains(Self.marker) {
                guard !exists(chained) else {
                    throw .input("\(chained) already exists; move it away before installing over \(path)")
                }
                guard rename(path, chained) == 0 else { throw .input("cannot keep the existing hook \(path): \(errorText())") }
            }
        }
        try write(script, to: path)
        return .installed(chained: exists(chained))
    }

    public func uninstall(_ name: String) throws(EngineError) -> Outcome {
        let path = directory + "/" + name
        let chained = path + Self.chainedSuffix
        guard let existing = read(path) else { return .absent }
        guard existing.contains(Self.marker) else { return .notOurs }
        guard unlink(path) == 0 else { throw .input("cannot remove \(path): \(errorText())") }
        if exists(chained) {
            guard rename(chained, path) == 0 else { throw .input("cannot restore \(chained) to \(path): \(errorText())") }
            return .removed(restored: true)
        }
        return .removed(restored: false)
    }

    /// The hook: finds riskgate (`$RISKGATE`, `PATH`, the installing binary), runs the chained
    /// hook first with the same stdin, then riskgate.
    public static func script(for name: String, executable: String?) -> String {
        let fallback = executable.map { "elif [ -x \(quoted($0)) ]; then riskgate=\(quoted($0))\n" } ?? ""
        let readsStdin = name == "pre-push" || name == "pre-receive" || name == "post-receive"
        let serverSide = ["pre-receive", "update", "post-receive"].contains(name)
        var lines = [
            "#!/bin/sh",
            "\(marker) (riskgate install; remove with riskgate uninstall).",
            "# A hook that was here before is kept as \(name)\(chainedSuffix) and runs first.",
        ]
        if serverSide {
            // The pusher's environment never chooses the gate's executable: only the admin's
            // riskgate.env beside the hook, the riskgate that installed it, then PATH.
            lines += [
                "unset RISKGATE",
                "if [ -f \"$(dirname \"$0\")/riskgate.env\" ]; then . \"$(dirname \"$0\")/riskgate.env\"; fi",
                "if [ -n \"${RISKGATE:-}\" ]; then riskgate=$RISKGATE",
                String(fallback.dropLast()),
                "elif command -v riskgate >/dev/null 2>&1; then riskgate=riskgate",
                "else",
            ]
        } else {
            lines += [
                "if [ -n \"${RISKGATE:-}\" ]; then riskgate=$RISKGATE",
                "elif command -v riskgate >/dev/null 2>&1; then riskgate=riskgate",
                fallback + "else",
            ]
        }
        lines += [
            "  echo \"riskgate: the \(name) hook needs the riskgate executable, which was not found.\" >&2",
            serverSide
                ? "  echo \"riskgate: install it on PATH, or set RISKGATE=/path/to/riskgate in $(dirname \"$0\")/riskgate.env, or remove this hook with riskgate uninstall.\" >&2"
                : "  echo \"riskgate: install it on PATH, or set RISKGATE=/path/to/riskgate, or remove this hook with riskgate uninstall.\" >&2",
            "  exit 1",
            "fi",
            "chained=\"$(dirname \"$0\")/\(name)\(chainedSuffix)\"",
        ]
        if name == "post-receive" {
            // After the push: the chained hook's failure must not skip the index update, and
            // the index update never fails the hook.
            lines += [
                "input=$(cat; echo x)",
                "input=${input%x}",
                "status=0",
                "if [ -x \"$chained\" ]; then",
                "  printf '%s' \"$input\" | \"$chained\" \"$@\" || status=$?",
                "fi",
                "printf '%s' \"$input\" | \"$riskgate\" hook post-receive \"$@\"",
                "exit $status",
            ]
        } else if readsStdin {
            lines += [
                "input=$(cat; echo x)",
                "input=${input%x}",
                "if [ -x \"$chained\" ]; then",
                "  printf '%s' \"$input\" | \"$chained\" \"$@\" || exit $?",
                "fi",
                "printf '%s' \"$input\" | \"$riskgate\" hook \(name) \"$@\"",
            ]
        } else {
            lines += [
                "if [ -x \"$chained\" ]; then",
                "  \"$chained\" \"$@\" || exit $?",
                "fi",
                "exec \"$riskgate\" hook \(name) \"$@\"",
            ]
        }
        return lines.joined(separator: "\n").droppingEmptyLines() + "\n"
    }

    public static func quoted(_ text: String) -> String { "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'" }


    // MARK: - Files

    private func read(_ path: String) -> String? {
        TextFile.bytesIfReadable(path).map { String(decoding: $0, as: UTF8.self) }
    }

    private func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    private func write(_ text: String, to path: String) throws(EngineError) {
        let temporary = path + ".riskgate-tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o755)
        guard descriptor >= 0 else { throw .input("cannot write \(temporary): \(errorText())") }
        let sink = FileDescriptorSink(descriptor: descriptor)
        sink.write(Array(text.utf8))
        fchmod(descriptor, 0o755)
        close(descriptor)
        guard !sink.failed, rename(temporary, path) == 0 else { throw .input("cannot write \(path): \(errorText())") }
    }

    private func makeDirectory(_ path: String) throws(EngineError) {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o755) != 0 && errno != EEXIST { throw .input("cannot create \(current): \(errorText())") }
        }
    }

    private func errorText() -> String { String(cString: strerror(errno)) }
}

extension String {
    /// The template has no intended empty lines; the optional fallback may leave one.
    fileprivate func droppingEmptyLines() -> String {
        split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }.joined(separator: "\n")
    }
}
