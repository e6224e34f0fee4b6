import Foundation
import RiskgateTestSupport
import Testing

/// The report formats, colour and baseline options as a user runs them.
struct ReportFormatCommandTests {
    static func repository() throws -> TemporaryRepository {
        let repo = try TemporaryRepository()
        try repo.write("README.md", "hello\n")
        try repo.commit("Initial commit")
        try repo.write("infra/main.tf", "resource \"aws_s3_bucket\" \"b\" {\n  force_destroy = true\n}\n")
        try repo.commit("Add bucket\n\nCo-authored-by: Claude <noreply@anthropic.com>\n")
        try repo.write(".github/workflows/deploy.yml", "on: push\njobs: {}\n")
        try repo.commit("Deploy workflow")
        // Commits of equal score with several findings each: their order and the order of their
        // findings and rules must not depend on the process.
        for name in ["alpha", "beta", "gamma"] {
            try repo.write(".github/workflows/\(name).yml", "on: push\njobs: {}\n")
            try repo.write("db/migrations/\(name).sql", "DROP TABLE \(name);\n")
            try repo.commit("Add \(name)")
        }
        return repo
    }

    @Test(arguments: ["text", "json", "markdown", "sarif", "codequality"])
    func everyFormatIsDeterministic(_ format: String) throws {
        let repo = try Self.repository()
        // Two processes, two random hash seeds: output that followed dictionary order would differ.
        let seeds: [String: String?] = ["SWIFT_DETERMINISTIC_HASHING": nil]
        let first = try RiskgateBinary.run(["report", "--all", "--format", format], in: repo.url, environment: seeds)
        let second = try RiskgateBinary.run(["report", "--all", "--format", format], in: repo.url, environment: seeds)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdoutData == second.stdoutData)
        #expect(first.stderr.isEmpty, "no progress or noise in a pipe: \(first.stderr)")
        #expect(!first.stdout.contains("\u{1B}"))
        switch format {
        case "sarif":
            let log = try #require(try JSONSerialization.jsonObject(with: first.stdoutData) as? [String: Any])
            #expect(log["version"] as? String == "2.1.0")
        case "codequality":
            #expect(try JSONSerialization.jsonObject(with: first.stdoutData) is [Any])
        case "markdown":
            #expect(first.stdout.hasPrefix("<!-- riskgate-report -->\n"))
        default: break
        }
    }

    @Test(arguments: [
        (["--color", "always"], [String: String?](), true),
        (["--color", "always"], ["NO_COLOR": "1"], true),
        (["--color", "never"], [:], false),
        (["--color", "auto"], ["NO_COLOR": "1"], false),
        ([], ["NO_COLOR": "1"], false),
        ([], [:], false),
    ])
    func colourFollowsTheFlagThenNoColor(_ flags: [String], _ environment: [String: String?], _ coloured: Bool) throws {
        let repo = try Self.repository()
        let result = try RiskgateBinary.run(["report", "--all"] + flags, in: repo.url, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\u{1B}[") == coloured)
    }

    @Test func baselineIsWrittenAndReadBack() throws {
        let repo = try Self.repository()
        let written = try RiskgateBinary.run(
            ["report", "--all", "--format", "json", "--output", "report.json", "--write-baseline", "baseline.txt"],
            in: repo.url)
        #expect(written.status == 0, "\(written.stderr)")
        let baseline = try String(contentsOf: repo.url.appendingPathComponent("baseline.txt"), encoding: .utf8)
        #expect(baseline.hasPrefix("# riskgate baseline"))
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: repo.url.appendingPathComponent("report.json")))
        let commits = (report as? [String: Any])?["commits"] as? [[String: Any]] ?? []
        let fingerprints = commits.flatMap { ($0["findings"] as? [[String: Any]] ?? []).compactMap { $0["fingerprint"] as? String } }
        for fingerprint in fingerprints { #expect(baseline.contains(fingerprint + "\n")) }
        for file in ["baseline.txt", "report.json"] {
            let filtered = try RiskgateBinary.run(["report", "--all", "--format", "json", "--baseline", file], in: repo.url)
            #expect(filtered.status == 0, "\(filtered.stderr)")
            let object = try JSONSerialization.jsonObject(with: filtered.stdoutData) as? [String: Any]
            let left = (object?["commits"] as? [[String: Any]] ?? []).flatMap { $0["findings"] as? [Any] ?? [] }
            #expect(left.isEmpty, "\(file) hides every accepted finding")
        }
    }

    @Test func aMissingBaselineNamesTheFile() throws {
        let repo = try Self.repository()
        let result = try RiskgateBinary.run(["report", "--all", "--baseline", "nope.txt"], in: repo.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot read the baseline file nope.txt"))
    }

    @Test func unknownFormatIsAUsageError() throws {
        let repo = try Self.repository()
        let result = try RiskgateBinary.run(["report", "--all", "--format", "html"], in: repo.url)
        #expect(result.status == 64)
    }
}
