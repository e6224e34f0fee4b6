import Foundation
import RiskgateTestSupport
import Testing

/// `riskgate -C <path> <subcommand>`: git's global `-C`, before the subcommand, repeatable, each
/// relative to the one before; and `--version`.
struct GlobalOptionsTests {
    /// A repository at `<base>/repo` with two commits, and the report run inside it.
    static func repository() throws -> (repo: TemporaryRepository, base: URL, expected: ProcessResult) {
        let repo = try TemporaryRepository(name: "repo")
        try repo.write("README.md", "hello\n")
        try repo.commit("Initial commit")
        try repo.write(".github/workflows/ci.yml", "on: push\n")
        try repo.commit("Add CI")
        let expected = try RiskgateBinary.run(["report", "--all", "--format", "json"], in: repo.url)
        #expect(expected.status == 0, "\(expected.stderr)")
        return (repo, repo.url.deletingLastPathComponent(), expected)
    }

    static let elsewhere = FileManager.default.temporaryDirectory

    @Test func leadingDashCGivesTheSameReportAsRunningThere() throws {
        let (repo, _, expected) = try Self.repository()
        let result = try RiskgateBinary.run(["-C", repo.path, "report", "--all", "--format", "json"], in: Self.elsewhere)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutData == expected.stdoutData)
        #expect(result.stdout.contains("\"commits\""))
    }

    @Test func eachDashCIsRelativeToTheOneBefore() throws {
        let (repo, base, expected) = try Self.repository()
        let chained = try RiskgateBinary.run(
            ["-C", base.deletingLastPathComponent().path, "-C", base.lastPathComponent, "-C", "repo", "report", "--all",
                "--format", "json"],
            in: Self.elsewhere)
        #expect(chained.status == 0, "\(chained.stderr)")
        #expect(chained.stdoutData == expected.stdoutData)
        // An absolute path starts again; an empty one changes nothing.
        let reset = try RiskgateBinary.run(
            ["-C", "/", "-C", repo.path, "-C", "", "report", "--all", "--format", "json"], in: Self.elsewhere)
        #expect(reset.status == 0, "\(reset.stderr)")
        #expect(reset.stdoutData == expected.stdoutData)
        // Relative to the wrong folder it is not found: the chain really is applied in order.
        let wrong = try RiskgateBinary.run(
            ["-C", base.deletingLastPathComponent().path, "-C", "repo", "report", "--all"], in: Self.elsewhere)
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("cannot change to 'repo'"), "\(wrong.stderr)")
    }

    @Test func theSubcommandsOwnDashCStillWorksAndIsRelativeToTheGlobalOne() throws {
        let (repo, base, expected) = try Self.repository()
        let own = try RiskgateBinary.run(["report", "-C", repo.path, "--all", "--format", "json"], in: Self.elsewhere)
        #expect(own.status == 0, "\(own.stderr)")
        #expect(own.stdoutData == expected.stdoutData)
        let both = try RiskgateBinary.run(
            ["-C", base.path, "report", "-C", "repo", "--all", "--format", "json"],
            in: Self.elsewhere)
        #expect(both.status == 0, "\(both.stderr)")
        #expect(both.stdoutData == expected.stdoutData)
    }

    @Test func pathsAfterTheSubcommandAreRelativeToTheNewDirectory() throws {
        let (repo, _, expected) = try Self.repository()
        let result = try RiskgateBinary.run(
            ["-C", repo.path, "report", "--all", "--format", "json", "-o", "out.json"], in: Self.elsewhere)
        #expect(result.status == 0, "\(result.stderr)")
        let written = try Data(contentsOf: repo.url.appendingPathComponent("out.json"))
        #expect(written == expected.stdoutData)
    }

    @Test func aMissingPathIsAUsageError() throws {
        let result = try RiskgateBinary.run(["-C"], in: Self.elsewhere)
        #expect(result.status == 64)
        #expect(result.stderr.contains("-C needs a <path>"), "\(result.stderr)")
    }

    @Test func aDirectoryThatIsNotThereIsExitTwoAndSaysWhich() throws {
        let missing = Self.elsewhere.appendingPathComponent("riskgate-no-such-\(UUID().uuidString)").path
        let result = try RiskgateBinary.run(["-C", missing, "report"], in: Self.elsewhere)
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot change to '\(missing)'"), "\(result.stderr)")
        #expect(result.stderr.contains("No such file or directory"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func versionNamesTheVersionAndTheBuild() throws {
        let result = try RiskgateBinary.run(["--version"], in: Self.elsewhere)
        #expect(result.status == 0)
        let line = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(line.hasPrefix("riskgate 0."), "\(line)")
        // A development build says so; a packaged one names its commit (Scripts/package.sh).
        #expect(line.hasSuffix("(dev build)") || line.range(of: #"\(commit [0-9a-f]{12}(-dirty)?\)$"#, options: .regularExpression) != nil, "\(line)")
        let afterDashC = try RiskgateBinary.run(["-C", "/", "--version"], in: Self.elsewhere)
        #expect(afterDashC.stdout == result.stdout)
    }
}
