import Foundation

/// What `git log --numstat --no-renames --diff-merges=first-parent` reports, per commit.
public struct GitNumstatEntry: Hashable, Sendable, CustomStringConvertible {
    public var path: String
    /// nil for binary files (git prints `-`).
    public var added: Int?
    public var deleted: Int?

    public init(path: String, added: Int?, deleted: Int?) {
        self.path = path
        self.added = added
        self.deleted = deleted
    }

    public var description: String { "\(added.map(String.init) ?? "-")\t\(deleted.map(String.init) ?? "-")\t\(path)" }
}

public enum GitNumstat {
    /// Runs git in `repository` over `revisions` and returns entries by commit id.
    public static func log(_ repository: TemporaryRepository, _ revisions: [String] = ["--all"]) throws
        -> [String: [GitNumstatEntry]]
    {
        let result = try Shell.run(
            "git",
            ["-c", "core.quotePath=false", "log", "-z", "--numstat", "--no-renames", "--diff-merges=first-parent",
             "--format=%x01%H"] + revisions + ["--"],
            in: repository.url)
        guard result.status == 0 else { throw TestFailure.command("git log --numstat", result) }
        var commits: [String: [GitNumstatEntry]] = [:]
        for record in result.stdoutData.split(separator: 0x01, omittingEmptySubsequences: true) {
            let fields = record.split(separator: 0, omittingEmptySubsequences: false)
            guard let first = fields.first else { continue }
            let sha = String(decoding: first, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            var entries: [GitNumstatEntry] = []
            for field in fields.dropFirst() {
                var text = Data(field)
                while text.first == 0x0a { text.removeFirst() }
                guard !text.isEmpty else { continue }
                let parts = text.split(separator: 0x09, maxSplits: 2, omittingEmptySubsequences: false)
                guard parts.count == 3 else { continue }
                let added = Int(String(decoding: parts[0], as: UTF8.self))
                let deleted = Int(String(decoding: parts[1], as: UTF8.self))
                entries.append(GitNumstatEntry(path: String(decoding: parts[2], as: UTF8.self), added: added, deleted: deleted))
            }
            commits[sha] = entries
        }
        return commits
    }
}
