import Foundation
import RiskgateTestSupport
import Testing

/// `riskgate history build|status` and `riskgate calibrate` as a user runs them, including
/// several real processes updating one index at once.
struct HistoryCommandTests {
    /// A chart repository where changes to `deploy/values.yaml` keep getting reverted.
    static func repository(extra: Int = 0) throws -> TemporaryRepository {
        let repo = try TemporaryRepository()
        var clock: Int64 = 1_700_000_000
        func commit(_ message: String) throws {
            clock += 3_600
            try repo.git(["add", "-A"])
            try repo.git(
                ["commit", "-q", "--no-verify", "--allow-empty", "-F", "-"], input: Data(message.utf8),
                environment: ["GIT_AUTHOR_DATE": "\(clock) +0000", "GIT_COMMITTER_DATE": "\(clock) +0000"])
        }
        try repo.write("deploy/values.yaml", "replicas: 1\n")
        try repo.write("src/app.py", "print(1)\n")
        try commit("Initial chart")
        for round in 0..<(6 + extra) {
            try repo.write("deploy/values.yaml", "replicas: \(round + 2)\n")
            try commit("Scale to \(round + 2)")
            if round % 2 == 0 {
                let id = try repo.head()
                try repo.write("deploy/values.yaml", "replicas: \(round + 1)\n")
                try commit("Revert \"Scale to \(round + 2)\"\n\nThis reverts commit \(id).\n")
            }
            try repo.write("src/app.py", "print(\(round))\n")
            try commit("Tweak app \(round)")
        }
        return repo
    }

    @Test func buildThenStatusThenUpToDate() throws {
        let repo = try Self.repository()
        let built = try RiskgateBinary.run(["history", "build"], in: repo.url)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stdout.contains("built the history index: 16 commits"))
        let again = try RiskgateBinary.run(["history", "build"], in: repo.url)
        #expect(again.stdout.contains("up to date"))
        let status = try RiskgateBinary.run(["history", "status"], in: repo.url)
        #expect(status.status == 0)
        #expect(status.stdout.contains("status: up to date"))
        #expect(status.stdout.contains("commits: 16 (0 appended since the last compaction); reverted: 3;"), "\(status.stdout)")
        #expect(status.stdout.contains("3 / 0 / 10 / 1  deploy/values.yaml"), "\(status.stdout)")
    }

    /// Fix settings from the configuration: changing them re-links the stored commits.
    @Test func configuredFixSettingsRelinkTheIndex() throws {
        let repo = try Self.repository()
        #expect(try RiskgateBinary.run(["history", "build"], in: repo.url).status == 0)
        try repo.write(".riskgate.yml", "version: 1\nhistory:\n  fix_window: 12h\n  fix_words: [tweak]\n")
        let relinked = try RiskgateBinary.run(["history", "build"], in: repo.url)
        #expect(relinked.status == 0, "\(relinked.stderr)")
        #expect(relinked.stdout.contains("updated and compacted the history index: +0 commits, 16 in all"), "\(relinked.stdout)")
        #expect(relinked.stdout.contains("the fix settings changed"), "\(relinked.stdout)")
        let status = try RiskgateBinary.run(["history", "status"], in: repo.url)
        #expect(status.stdout.contains("at most 12 hours after"), "\(status.stdout)")
        #expect(status.stdout.contains("with one of [tweak]"), "\(status.stdout)")
        // "Tweak app N" follows up the app's previous change within 12 hours: a fix now.
        #expect(status.stdout.contains("0 / 6 / 7 / 1  src/app.py"), "\(status.stdout)")
    }

    @Test func showLooksUpPathsAsAHookWould() throws {
        let repo = try Self.repository()
        let missing = try RiskgateBinary.run(["history", "show", "deploy/values.yaml"], in: repo.url)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("there is no history index"), "\(missing.stderr)")
        #expect(try RiskgateBinary.run(["history", "build"], in: repo.url).status == 0)
        let shown = try RiskgateBinary.run(["history", "show", "deploy/values.yaml", "no/such/path"], in: repo.url)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("deploy/values.yaml\n  changes: 10, reverted 3"), "\(shown.stdout)")
        #expect(shown.stdout.contains("a change now triggers: revert-hotspot"), "\(shown.stdout)")
        #expect(shown.stdout.contains("no/such/path\n  changes: 0, reverted 0"), "\(shown.stdout)")
        #expect(shown.stdout.contains("index of 16 commits opened in"), "\(shown.stdout)")
    }

    @Test func statusWithoutAnIndexSaysUnavailable() throws {
        let repo = try Self.repository()
        let status = try RiskgateBinary.run(["history", "status"], in: repo.url)
        #expect(status.status == 0)
        #expect(status.stdout.contains("status: missing; history findings are unavailable"))
    }

    @Test func concurrentProcessesLeaveAValidCompleteIndex() throws {
        let repo = try Self.repository(extra: 20)
        #expect(try RiskgateBinary.run(["history", "build"], in: repo.url).status == 0)
        try repo.git(["commit", "-q", "--allow-empty", "-m", "One more"])
        let count = try repo.git(["rev-list", "--count", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let results = try (0..<8).map { _ in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: RiskgateBinary.path)
            process.arguments = ["history", "build", "-C", repo.path]
            try process.run()
            return process
        }
        for process in results { process.waitUntilExit() }
        #expect(results.allSatisfy { $0.terminationStatus == 0 })
        let status = try RiskgateBinary.run(["history", "status"], in: repo.url)
        #expect(status.stdout.contains("status: up to date"), "\(status.stdout)")
        #expect(status.stdout.contains("commits: \(count) (1 appended"), "\(status.stdout)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: repo.path + "/.git/riskgate")
            .filter { $0.contains(".tmp.") }
        #expect(leftovers.isEmpty)
    }

    @Test func calibrateReportsLiftAndWritesAFragment() throws {
        let repo = try Self.repository(extra: 10)
        let fragment = repo.url.deletingLastPathComponent().appendingPathComponent("proposed.yml").path
        let result = try RiskgateBinary.run(["calibrate", "--holdout", "0.3", "--write", fragment], in: repo.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("ROC AUC of the score for \"later reverted\""))
        #expect(result.stdout.contains("revert-hotspot"))
        #expect(result.stdout.contains("noisy proxy"))
        let text = try String(contentsOfFile: fragment, encoding: .utf8)
        #expect(text.hasPrefix("# Proposed by `riskgate calibrate`"))
    }

    @Test(arguments: [["calibrate", "--holdout", "2"], ["calibrate", "--bogus"], ["history", "nope"]])
    func usageErrors(_ arguments: [String]) throws {
        let repo = try Self.repository()
        #expect(try RiskgateBinary.run(arguments, in: repo.url).status == 64)
    }
}
