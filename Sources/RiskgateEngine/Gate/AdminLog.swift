import RiskgateGit

#if canImport(Glibc)
    import Glibc
#endif

/// Where a hook tells the admin what the pusher is not told: `$GIT_DIR/riskgate/hook-errors.log`,
/// one line per event with a UTC time. Best effort: a hook never fails because of it.
public struct AdminLog {
    public let path: String

    public init(gitDirectory: String) {
        path = gitDirectory + "/riskgate/hook-errors.log"
    }

    public func append(_ line: String) {
        let directory = String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
        _ = mkdir(directory, 0o775)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o660)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        let text = "\(SystemClock.wallClockSeconds()) " + line.replacingNewlines() + "\n"
        let sink = FileDescriptorSink(descriptor: descriptor)
        sink.write(Array(text.utf8))
    }
}

/// The git directory of a hook whose repository could not be opened: `GIT_DIR` (relative to the
/// hook's working directory, as git sets it), else the directory given, else the working one.
enum GitDirectory {
    static func fromEnvironment(_ variables: [String: String], directory: String?) -> String? {
        if let gitDirectory = variables["GIT_DIR"], !gitDirectory.isEmpty {
            if gitDirectory.hasPrefix("/") { return gitDirectory }
            return Repository.currentDirectory() + "/" + gitDirectory
        }
        if let directory, !directory.isEmpty { return directory }
        return Repository.currentDirectory()
    }

}

extension String {
    fileprivate func replacingNewlines() -> String { String(map { $0 == "\n" || $0 == "\r" ? " " : $0 }) }
}
