import Foundation
import RiskgateTestSupport
import Testing

/// `riskgate hook commit-msg <file>`: warnings on stderr, exit 0 unless `--strict`.
struct HookCommitMsgTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var message: String
        /// Substrings every warning line must contain, one per expected warning.
        var warnings: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "human message", message: "Fix typo\n", warnings: []),
        Case(name: "AI without link", message: "Fix\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n",
            warnings: ["AI marks (Co-Authored-By: Claude <noreply@anthropic.com>) but no link"]),
        Case(name: "AI with link", message: "Fix\n\nAI-Session: https://claude.ai/code/session_01\nCo-Authored-By: Claude <noreply@anthropic.com>\n",
            warnings: []),
        Case(name: "empty AI-Session", message: "Fix\n\nAI-Session:\n", warnings: ["malformed trailer: `AI-Session: ` is empty"]),
        Case(name: "bad Assisted-by", message: "Fix\n\nAssisted-by: Claude:\n", warnings: ["malformed trailer: `Assisted-by: Claude:`"]),
        Case(name: "bad scope", message: "Fix\n\nAI-Session: s-1\nAI-Scope: src/{a\n", warnings: ["not a glob"]),
        Case(name: "trailer as subject", message: "AI-Session: s-1\n", warnings: ["is the subject line"]),
        Case(name: "comment lines are ignored",
            message: "Fix\n\n# Co-Authored-By: Claude <noreply@anthropic.com>\n# Please enter the commit message\n", warnings: []),
        Case(name: "scissors section is ignored",
            message: "Fix\n\n# ------------------------ >8 ------------------------\nCo-Authored-By: Claude <noreply@anthropic.com>\n", warnings: []),
        Case(name: "CRLF message", message: "Fix\r\n\r\nCo-Authored-By: Claude <noreply@anthropic.com>\r\n", warnings: ["but no link"]),
    ]

    @Test(arguments: cases)
    func warns(_ testCase: Case) throws {
        let repo = try TemporaryRepository()
        try repo.write(".git/COMMIT_EDITMSG", testCase.message)
        let relaxed = try RiskgateBinary.run(["hook", "commit-msg", ".git/COMMIT_EDITMSG"], in: repo.url)
        #expect(relaxed.status == 0)
        let lines = relaxed.stderr.split(separator: "\n")
        #expect(lines.count == testCase.warnings.count, "\(relaxed.stderr)")
        for (line, expected) in zip(lines, testCase.warnings) {
            #expect(line.hasPrefix("riskgate: warning: "))
            #expect(line.contains(expected), "\(line)")
        }
        let strict = try RiskgateBinary.run(["hook", "commit-msg", "--strict", ".git/COMMIT_EDITMSG"], in: repo.url)
        #expect(strict.status == (testCase.warnings.isEmpty ? 0 : 1))
    }

    @Test func missingFileIsAnInputError() throws {
        let repo = try TemporaryRepository()
        let result = try RiskgateBinary.run(["hook", "commit-msg", "nope.txt"], in: repo.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot read the commit message nope.txt"))
    }

    /// The shipped shim (`hooks/commit-msg`) installed as a real hook: advisory by default, blocking
    /// with `RISKGATE_COMMIT_MSG_STRICT=1`.
    @Test func runsAsARealCommitMsgHook() throws {
        let repo = try TemporaryRepository()
        let shim = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("hooks/commit-msg")
        try repo.write(".git/hooks/commit-msg", data: try Data(contentsOf: shim))
        _ = try Shell.run("chmod", ["+x", repo.url.appendingPathComponent(".git/hooks/commit-msg").path])
        try repo.write("a.txt", "a\n")
        try repo.git(["add", "a.txt"])
        let environment = ["RISKGATE": RiskgateBinary.path]
        let message = ["-m", "Fix", "-m", "Co-Authored-By: Claude <noreply@anthropic.com>"]
        let strict = try Shell.run(
            "git", ["commit", "-q"] + message, in: repo.url,
            environment: environment.merging(["RISKGATE_COMMIT_MSG_STRICT": "1"]) { $1 })
        #expect(strict.status != 0, "strict mode must stop the commit")
        let result = try Shell.run("git", ["commit", "-q"] + message, in: repo.url, environment: environment)
        #expect(result.status == 0)
        #expect(result.stderr.contains("riskgate: warning: this message has AI marks"), "\(result.stderr)")
        let linked = try Shell.run(
            "git", ["commit", "-q", "--allow-empty", "-m", "Fix", "--trailer", "AI-Session: s-1"] + message.dropFirst(2),
            in: repo.url, environment: environment)
        #expect(linked.status == 0)
        #expect(!linked.stderr.contains("riskgate: warning"), "\(linked.stderr)")
    }
}
