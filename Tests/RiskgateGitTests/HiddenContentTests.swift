import Foundation
import RiskgateCore
import RiskgateTestSupport
import Testing

@testable import RiskgateGit

/// Issue #16, part 4: content rules see every text file a push changes, or say they did not.
/// A NUL byte makes git count a file as binary, but a `.sql` file is text by its name; a file
/// padded past the size limit gets a `content-not-scanned` finding worth at least the points
/// of the rules that could not look.
struct HiddenContentTests {
    static func rules() throws -> RuleSet {
        RuleSet(rules: [
            Rule(
                id: "sql-drop", category: "database", description: "DROP destroys data.", points: 35,
                paths: try PathPatterns(["*.sql"]),
                content: [try ContentPattern(side: .added, source: "(?i)\\bdrop\\s+table\\b")]),
            Rule(
                id: "terraform-force-destroy", category: "infrastructure", description: "force_destroy.", points: 30,
                paths: try PathPatterns(["*.tf"]),
                content: [try ContentPattern(side: .added, source: "force_destroy\"?\\s*[:=]\\s*true")]),
            Rule(
                id: "terraform-config", category: "infrastructure", description: "Terraform.", points: 12,
                paths: try PathPatterns(["*.tf"])),
        ])
    }

    /// The blast-radius findings of HEAD, with the repository's own changed lines.
    func findings(_ repo: TemporaryRepository) throws -> [Finding] {
        let repository = try Repository(discoveringFrom: repo.path)
        let id = try repository.resolveCommit("HEAD")
        let source = CommitSnapshotReader(repository: repository)
        let commit = try source.snapshot(of: id)
        let scorer = BlastRadiusScorer(rules: try Self.rules(), lines: GitChangedLines(repository: repository))
        let context = CommitContext(
            commit: commit, trailers: [], authorship: .unmarkedHuman, traceability: .notRequired)
        return scorer.assess(context).findings
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var path: String
        var content: Data
        var expected: [String: Int]
        var testDescription: String { name }
    }

    static let padding = String(repeating: "# padding line to push the file over the content-scan limit\n", count: 72_000)

    static let cases: [Case] = [
        Case(
            name: "NUL before DROP TABLE in a .sql file", path: "db/0001.sql",
            content: Data("-- migration\n\u{0}DROP TABLE users;\n".utf8), expected: ["sql-drop": 35]),
        Case(
            name: "NUL in the first line of a .tf file", path: "main.tf",
            content: Data("\u{0}\nresource \"aws_s3_bucket\" \"b\" {\n  force_destroy = true\n}\n".utf8),
            expected: ["terraform-force-destroy": 30, "terraform-config": 12]),
        Case(
            name: "4 MiB of padding around force_destroy", path: "main.tf",
            content: Data((padding + "  force_destroy = true\n" + padding).utf8),
            expected: ["content-not-scanned": 30, "terraform-config": 12]),
        Case(
            name: "a NUL in a file that is not text by name stays binary", path: "dump.bin",
            content: Data("\u{0}DROP TABLE users;\n".utf8), expected: [:]),
    ]

    @Test(arguments: cases) func contentRulesSeeItOrSaySo(_ example: Case) throws {
        let repo = try TemporaryRepository()
        try repo.write("README", "x\n")
        try repo.commit("initial")
        try repo.write(example.path, data: example.content)
        try repo.commit("change")
        let found = try findings(repo).filter { !$0.rule.hasPrefix("change-") }
        #expect(Dictionary(uniqueKeysWithValues: found.map { ($0.rule, $0.points) }) == example.expected)
        if let notScanned = found.first(where: { $0.rule == BlastRadiusScorer.notScannedRule }) {
            #expect(notScanned.path == example.path)
            #expect(notScanned.message.contains("MiB, over the 4 MiB content-scan limit"))
            #expect(notScanned.message.contains("terraform-force-destroy"))
        }
    }

    @Test func aTooLargeFileIsNotScannedInBothDiffPaths() throws {
        let repo = try TemporaryRepository()
        try repo.write("big.tf", Self.padding)
        try repo.commit("big")
        let repository = try Repository(discoveringFrom: repo.path)
        let id = try repository.resolveCommit("HEAD")
        let source = CommitSnapshotReader(repository: repository)
        let commit = try source.snapshot(of: id)
        let file = try #require(commit.files.first)
        let fresh = GitChangedLines(repository: repository).changedLines(of: file, in: commit)
        #expect(fresh.notScanned?.contains("over the 4 MiB content-scan limit") == true)
        let change = TreeChange(
            path: Array(file.path.utf8), oldID: file.oldID, newID: file.newID, oldMode: 0, newMode: file.newMode?.rawValue ?? 0)
        let collected = try LineCounter(repository: repository).counts(for: change, collectingLines: true)
        #expect(collected.lines == fresh)
        #expect(collected.counts.added == 72_000)
    }
}
