import Foundation

/// A real git repository in a fresh temporary folder, driven with the git CLI.
///
/// Every test gets its own; the folder is removed when the value is released.
public final class TemporaryRepository: @unchecked Sendable {
    public let url: URL
    public var path: String { url.path }
    private var clock: Int = 1_700_000_000

    /// Creates the repository (`git init`), optionally bare, with `main` as the first branch.
    public init(bare: Bool = false, name: String = "repo") throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent(
            "riskgate-tests-\(UUID().uuidString)", isDirectory: true)
        url = base.appendingPathComponent(name, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try git(["init", "-q", "-b", "main"] + (bare ? ["--bare"] : []))
        try git(["config", "user.name", "Test Author"])
        try git(["config", "user.email", "author@example.com"])
        try git(["config", "commit.gpgsign", "false"])
        try git(["config", "core.autocrlf", "false"])
    }

    /// Wraps an existing folder (e.g. a clone) without creating anything.
    public init(existing url: URL) {
        self.url = url
    }

    deinit {
        try? FileManager.default.removeItem(at: url.deletingLastPathComponent())
    }

    /// Runs git in the repository; throws with git's output when it fails.
    @discardableResult
    public func git(_ arguments: [String], input: Data? = nil, environment: [String: String?] = [:]) throws -> String {
        let result = try Shell.run("git", arguments, in: url, input: input, environment: environment)
        guard result.status == 0 else { throw TestFailure.command("git " + arguments.joined(separator: " "), result) }
        return result.stdout
    }

    /// Writes a file (creating folders); `content` bytes are written exactly.
    public func write(_ path: String, _ content: String) throws {
        try write(path, data: Data(content.utf8))
    }

    public func write(_ path: String, data: Data) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
    }

    public func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: url.appendingPathComponent(path))
    }

    /// Stages everything and commits with a fixed, increasing date (deterministic ids).
    /// Returns the new commit's id.
    @discardableResult
    public func commit(
        _ message: String, author: (name: String, email: String)? = nil,
        committer: (name: String, email: String)? = nil, allowEmpty: Bool = false
    ) throws -> String {
        try git(["add", "-A"])
        clock += 60
        var environment: [String: String?] = [
            "GIT_AUTHOR_DATE": "\(clock) +0000", "GIT_COMMITTER_DATE": "\(clock) +0000",
        ]
        if let author {
            environment["GIT_AUTHOR_NAME"] = author.name
            environment["GIT_AUTHOR_EMAIL"] = author.email
        }
        if let committer {
            environment["GIT_COMMITTER_NAME"] = committer.name
            environment["GIT_COMMITTER_EMAIL"] = committer.email
        }
        try git(
            ["-c", "user.name=\(author?.name ?? "Test Author")", "-c", "user.email=\(author?.email ?? "author@example.com")",
             "commit", "-q", "--no-verify", "--cleanup=verbatim", "-F", "-"] + (allowEmpty ? ["--allow-empty"] : []),
            input: Data(message.utf8), environment: environment)
        return try head()
    }

    public func head() throws -> String {
        try git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
