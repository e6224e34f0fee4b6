import Foundation
import RiskgateCore
import RiskgateGit
import RiskgateTestSupport

/// Writes histories with reverts and fix-ups through the real git CLI, with a clock of its own
/// so `git revert` and merges get deterministic, increasing dates.
final class HistoryScript {
    let repo: TemporaryRepository
    private(set) var clock: Int64 = 1_700_000_000
    /// Commit ids by a short name given in the script.
    private(set) var ids: [String: String] = [:]

    init(repo: TemporaryRepository? = nil) throws {
        self.repo = try repo ?? TemporaryRepository()
    }

    private func dates(advance seconds: Int64, at time: Int64? = nil) -> [String: String?] {
        if time == nil { clock += seconds }
        let date = time ?? clock
        return ["GIT_AUTHOR_DATE": "\(date) +0000", "GIT_COMMITTER_DATE": "\(date) +0000"]
    }

    /// Writes `files` (path: content) and commits them as `name` with `message`.
    @discardableResult
    func commit(
        _ name: String, _ message: String, _ files: [String: String], author: String = "dev@example.com",
        after seconds: Int64 = 600, at time: Int64? = nil
    ) throws -> String {
        for (path, content) in files.sorted(by: { $0.key < $1.key }) { try repo.write(path, content) }
        try repo.git(["add", "-A"])
        var environment = dates(advance: seconds, at: time)
        environment["GIT_AUTHOR_EMAIL"] = author
        try repo.git(
            ["commit", "-q", "--no-verify", "--allow-empty", "--cleanup=verbatim", "-F", "-"], input: Data(message.utf8),
            environment: environment)
        return try remember(name)
    }

    /// `git revert` of a named commit (`-m 1` for merges), with git's own message.
    @discardableResult
    func revert(_ name: String, as revertName: String, mainline: Bool = false, after seconds: Int64 = 600) throws -> String {
        guard let id = ids[name] else { throw TestFailure.setup("unknown commit \(name)") }
        try repo.git(["revert", "--no-edit"] + (mainline ? ["-m", "1"] : []) + [id], environment: dates(advance: seconds))
        return try remember(revertName)
    }

    func branch(_ name: String) throws { try repo.git(["checkout", "-q", "-b", name]) }
    func checkout(_ name: String) throws { try repo.git(["checkout", "-q", name]) }

    @discardableResult
    func merge(_ branch: String, as name: String, message: String) throws -> String {
        try repo.git(["merge", "-q", "--no-ff", "-m", message, branch], environment: dates(advance: 600))
        return try remember(name)
    }

    private func remember(_ name: String) throws -> String {
        let id = try repo.head()
        ids[name] = id
        return id
    }

    func id(_ name: String) -> ObjectID? { ids[name].flatMap { ObjectID(hex: $0) } }

    /// The standard scenario: reverts by id and by subject, a revert of a revert, a reverted
    /// merge, fix subjects, a `fixup!` and a `Fixes:` trailer.
    static func scenario() throws -> HistoryScript {
        let s = try HistoryScript()
        try s.commit("A", "Initial layout", ["deploy/values.yaml": "replicas: 1\n", "app/main.go": "package main\n", "README.md": "hi\n"])
        try s.commit("B", "Bump replicas", ["deploy/values.yaml": "replicas: 3\n"])
        try s.revert("B", as: "revB")
        try s.commit("D", "Raise memory limit", ["deploy/values.yaml": "replicas: 1\nmemory: 2Gi\n"], author: "ops@example.com")
        try s.commit("revD", "Revert \"Raise memory limit\"\n\nIt broke the nodes.\n", ["deploy/values.yaml": "replicas: 1\n"])
        try s.commit("F", "Enable canary", ["deploy/values.yaml": "replicas: 1\ncanary: true\n"])
        try s.revert("F", as: "revF")
        try s.revert("revF", as: "revrevF")
        try s.branch("feature")
        try s.commit("T1", "Add feature flag", ["app/main.go": "package main\n// flag\n"], author: "feature@example.com")
        try s.checkout("main")
        try s.merge("feature", as: "M", message: "Merge branch 'feature'")
        try s.revert("M", as: "revM", mainline: true)
        try s.commit("I", "Tune timeouts", ["app/config.yaml": "timeout: 5\n"])
        try s.commit("J", "fix(config): timeouts typo", ["app/config.yaml": "timeout: 50\n"], after: 3600)
        try s.commit("K", "fixup! Tune timeouts", ["app/config.yaml": "timeout: 30\n"])
        try s.commit("X", "Add cache", ["app/cache.go": "package cache\n"])
        try s.commit("Y", "Harden cache\n\nFixes: \(s.ids["X", default: ""].prefix(12)) (\"Add cache\")\n", ["app/cache.go": "package cache\n// safe\n"], after: 10 * 86_400)
        try s.commit("P", "Prefix handling for fixtures", ["app/cache.go": "package cache\n// prefix\n"], after: 60)
        return s
    }
}
