import Foundation
import RiskgateTestSupport
import Testing

/// `riskgate report` run as a user runs it: the built binary on real repositories.
struct ReportCommandTests {
    static func repository() throws -> TemporaryRepository {
        let repo = try TemporaryRepository()
        try repo.write("README.md", "hello\n")
        try repo.commit("Initial commit")
        try repo.write("src/app.swift", "print(1)\n")
        try repo.commit("Add app\n\nBody text.\n\nSigned-off-by: Dev <dev@example.com>\n")
        return repo
    }

    static func json(_ result: ProcessResult) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: result.stdoutData)
        return try #require(object as? [String: Any])
    }

    @Test func jsonHasTheSpecShape() throws {
        let repo = try Self.repository()
        let result = try RiskgateBinary.run(["report", "--all", "--format", "json"], in: repo.url)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try Self.json(result)
        #expect(report["schemaVersion"] as? Int == 1)
        let commits = try #require(report["commits"] as? [[String: Any]])
        #expect(commits.count == 2)
        let newest = try #require(commits.first)
        for key in ["sha", "parents", "author", "committer", "subject", "trailers", "authorship", "traceability", "files",
            "findings", "score", "level", "decision"]
        {
            #expect(newest[key] != nil, "missing \(key)")
        }
        #expect(newest["subject"] as? String == "Add app")
        let trailers = try #require(newest["trailers"] as? [[String: String]])
        #expect(trailers == [["key": "Signed-off-by", "value": "Dev <dev@example.com>"]])
        let files = try #require(newest["files"] as? [[String: Any]])
        #expect(files.first?["path"] as? String == "src/app.swift")
        #expect(files.first?["added"] as? Int == 1)
        #expect(files.first?["status"] as? String == "added")
        let summary = try #require(report["summary"] as? [String: Any])
        #expect(summary["commits"] as? Int == 2)
        #expect(summary["decision"] as? String == "allow")
        #expect(summary["complete"] as? Bool == true)
        let tool = try #require(report["tool"] as? [String: Any])
        #expect(tool["name"] as? String == "riskgate")
        #expect((tool["capabilities"] as? [String])?.contains("diff") == true)
        let range = try #require(report["range"] as? [String: Any])
        #expect(range["revisions"] as? [String] == ["--all"])
    }

    @Test func jsonIsDeterministicWithSortedKeys() throws {
        let repo = try Self.repository()
        let first = try RiskgateBinary.run(["report", "--all", "--format", "json"], in: repo.url)
        let second = try RiskgateBinary.run(["report", "--all", "--format", "json"], in: repo.url)
        #expect(first.stdoutData == second.stdoutData)
        // Re-encoding with sorted keys must not reorder anything.
        let object = try JSONSerialization.jsonObject(with: first.stdoutData)
        let sorted = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        let compact = first.stdout.replacingOccurrences(of: "\n", with: "")
        #expect(String(decoding: sorted, as: UTF8.self) == compact)
    }

    @Test func outputFileReceivesTheReport() throws {
        let repo = try Self.repository()
        let result = try RiskgateBinary.run(["report", "HEAD", "--format", "json", "--output", "out.json"], in: repo.url)
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        let written = try Data(contentsOf: repo.url.appendingPathComponent("out.json"))
        #expect(try JSONSerialization.jsonObject(with: written) is [String: Any])
    }

    @Test func dashCSelectsTheRepository() throws {
        let repo = try Self.repository()
        let result = try RiskgateBinary.run(["report", "-C", repo.path, "HEAD~1..HEAD", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let commits = try #require(try Self.json(result)["commits"] as? [[String: Any]])
        #expect(commits.map { $0["subject"] as? String } == ["Add app"])
    }

    @Test func maxCountLimitsTheReport() throws {
        let repo = try Self.repository()
        let result = try RiskgateBinary.run(["report", "-n", "1", "HEAD", "--format", "json"], in: repo.url)
        let commits = try #require(try Self.json(result)["commits"] as? [[String: Any]])
        #expect(commits.count == 1)
    }

    @Test func textReportNamesTheCommits() throws {
        let repo = try Self.repository()
        let result = try RiskgateBinary.run(["report", "--all", "--format", "text"], in: repo.url)
        #expect(result.status == 0)
        #expect(result.stdout.contains("Add app"))
        #expect(result.stdout.contains("2 commits"))
    }

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        let name: String
        let arguments: [String]
        let status: Int32
        let message: String
        var testDescription: String { name }
    }

    static let errorCases: [ErrorCase] = [
        ErrorCase(name: "unknown revision", arguments: ["report", "no-such-branch"], status: 2, message: "unknown revision 'no-such-branch'"),
        ErrorCase(name: "unknown side of a range", arguments: ["report", "HEAD..nope"], status: 2, message: "unknown revision 'nope'"),
        ErrorCase(name: "bad option", arguments: ["report", "--no-such-flag"], status: 64, message: ""),
        ErrorCase(name: "bad format", arguments: ["report", "--format", "xml"], status: 64, message: "format"),
        ErrorCase(name: "unwritable output", arguments: ["report", "HEAD", "--output", "/nonexistent/dir/x.json"], status: 2,
            message: "cannot write the report"),
    ]

    @Test(arguments: errorCases)
    func errorsAreClearWithTheirExitCode(_ errorCase: ErrorCase) throws {
        let repo = try Self.repository()
        let result = try RiskgateBinary.run(errorCase.arguments, in: repo.url)
        #expect(result.status == errorCase.status, "\(result.stderr)")
        if !errorCase.message.isEmpty { #expect(result.stderr.contains(errorCase.message), "\(result.stderr)") }
    }

    @Test func notARepositoryExitsTwo() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("riskgate-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try RiskgateBinary.run(["report"], in: folder, environment: ["GIT_DIR": nil, "GIT_CEILING_DIRECTORIES": folder.deletingLastPathComponent().path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("not a git repository"))
    }

    @Test func emptyRepositoryExitsTwo() throws {
        let repo = try TemporaryRepository()
        let result = try RiskgateBinary.run(["report"], in: repo.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("no commits yet"))
    }

    @Test func bareRepositoryReports() throws {
        let repo = try Self.repository()
        let bare = repo.url.deletingLastPathComponent().appendingPathComponent("server.git")
        try repo.git(["clone", "-q", "--bare", repo.path, bare.path])
        let result = try RiskgateBinary.run(["report", "--all", "--format", "json", "-C", bare.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect((try Self.json(result)["commits"] as? [[String: Any]])?.count == 2)
    }

    @Test func gitDirEnvironmentIsHonoured() throws {
        let repo = try Self.repository()
        let elsewhere = repo.url.deletingLastPathComponent()
        let result = try RiskgateBinary.run(
            ["report", "--all", "--format", "json"], in: elsewhere, environment: ["GIT_DIR": repo.url.appendingPathComponent(".git").path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect((try Self.json(result)["commits"] as? [[String: Any]])?.count == 2)
    }
}

/// Scoring runs on worker threads; the report must not depend on how many.
struct ReportThreadsTests {
    @Test func reportIsTheSameForAnyNumberOfThreads() throws {
        let repo = try TemporaryRepository()
        let kinds: [(path: String, content: String)] = [
            ("infra/prod/s3.tf", "resource \"aws_s3_bucket\" \"b\" {\n  force_destroy = true\n}\n"),
            ("db/migrations/0001_drop.sql", "DROP TABLE users;\n"),
            (".github/workflows/ci.yml", "on: pull_request_target\npermissions: write-all\n"),
            ("docs/guide.md", "words\n"),
            ("src/app.py", "print('x')\n"),
        ]
        for index in 0..<140 {
            let kind = kinds[index % kinds.count]
            try repo.write(kind.path, kind.content + "# \(index)\n")
            let trailer = index % 3 == 0 ? "\n\nCo-authored-by: Claude <noreply@anthropic.com>\n" : "\n"
            try repo.commit("Change \(index)" + trailer)
        }
        var outputs: [Data] = []
        for threads in ["1", "2", "4"] {
            let result = try RiskgateBinary.run(
                ["report", "--all", "--format", "json", "--exit-zero", "--threads", threads], in: repo.url)
            #expect(result.status == 0, "\(result.stderr)")
            outputs.append(result.stdoutData)
        }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0] == outputs[2])
        let report = try ReportCommandTests.json(
            try RiskgateBinary.run(["report", "--all", "--format", "json", "--exit-zero"], in: repo.url))
        let commits = try #require(report["commits"] as? [[String: Any]])
        #expect(commits.count == 140)
        let scored = commits.filter { ($0["score"] as? Int ?? 0) > 0 }
        #expect(scored.count > 50, "risky commits should score")
    }
}
