import Foundation
import RiskgateTestSupport
import Testing

/// Progress on stderr: shown for a long run when stderr is a terminal, never in a pipe.
struct ProgressCommandTests {
    /// 400 commits made with `git fast-import` (seconds, not minutes).
    static func longRepository() throws -> TemporaryRepository {
        let repo = try TemporaryRepository()
        var stream = ""
        for index in 1...400 {
            let content = "line \(index)\n"
            stream += "commit refs/heads/main\nmark :\(index)\n"
            stream += "committer Dev <dev@example.com> \(1_700_000_000 + index * 60) +0000\n"
            stream += "data \("commit \(index)\n".utf8.count)\ncommit \(index)\n"
            if index > 1 { stream += "from :\(index - 1)\n" }
            stream += "M 100644 inline file\(index % 7).txt\ndata \(content.utf8.count)\n\(content)\n"
        }
        try repo.git(["fast-import", "--quiet"], input: Data(stream.utf8))
        return repo
    }

    @Test func aPipeNeverSeesProgress() throws {
        let repo = try Self.longRepository()
        let result = try RiskgateBinary.run(["report", "--all", "--format", "json"], in: repo.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }

    /// `script` gives the command a terminal; the report itself goes to a file.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func aTerminalSeesProgressThatIsErasedAtTheEnd() throws {
        let repo = try Self.longRepository()
        let command = "'\(RiskgateBinary.path)' report --all --output report.txt"
        let result = try Shell.run("/usr/bin/script", ["-qec", command, "/dev/null"], in: repo.url)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("commits analysed"), "\(result.stdout)")
        #expect(result.stdout.hasSuffix("\r\u{1B}[K"), "the progress line is erased")
        let report = try String(contentsOf: repo.url.appendingPathComponent("report.txt"), encoding: .utf8)
        #expect(report.contains("400 commits"))
        #expect(!report.contains("\u{1B}"), "a report written to a file has no colour")
        let quiet = try Shell.run("/usr/bin/script", ["-qec", command + " --quiet", "/dev/null"], in: repo.url)
        #expect(!quiet.stdout.contains("commits analysed"))
    }
}
