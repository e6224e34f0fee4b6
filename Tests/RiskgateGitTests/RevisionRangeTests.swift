import Foundation
import RiskgateCore
import RiskgateGit
import RiskgateTestSupport
import Testing

/// Revision arguments select exactly the commits `git rev-list` selects.
struct RevisionRangeTests {
    /// main: A-B-C-M(merge of topic)-D ; topic: from B, T1-T2 ; side: from C, S1 (not merged); tag v1 on B.
    static func history() throws -> TemporaryRepository {
        let repo = try TemporaryRepository()
        for name in ["A", "B"] {
            try repo.write("\(name).txt", name)
            try repo.commit(name)
        }
        try repo.git(["tag", "-a", "v1", "-m", "version 1"])
        try repo.git(["tag", "light"])
        try repo.git(["checkout", "-q", "-b", "topic"])
        for name in ["T1", "T2"] {
            try repo.write("\(name).txt", name)
            try repo.commit(name)
        }
        try repo.git(["checkout", "-q", "main"])
        try repo.write("C.txt", "C")
        try repo.commit("C")
        try repo.git(["checkout", "-q", "-b", "side"])
        try repo.write("S1.txt", "S1")
        try repo.commit("S1")
        try repo.git(["checkout", "-q", "main"])
        try repo.git(["merge", "-q", "--no-ff", "--no-edit", "topic"])
        try repo.write("D.txt", "D")
        try repo.commit("D")
        return repo
    }

    static let expressions: [[String]] = [
        ["--all"], ["main"], ["HEAD"], ["main..side"], ["side..main"], ["main...side"], ["topic...side"],
        ["^topic", "main"], ["main", "^side"], ["HEAD~2.."], ["..side"], ["HEAD^!"], ["v1"], ["v1..main"], ["light..topic"],
        ["main", "--not", "topic"], ["--branches"], ["--tags"], ["HEAD~1^@"],
    ]

    @Test(arguments: expressions)
    func selectsWhatGitSelects(_ revisions: [String]) throws {
        let repo = try Self.history()
        let expected = Set(try repo.git(["rev-list"] + revisions).split(separator: "\n").map(String.init))
        let actual = Set(try GitParity.riskgateCommits(repo, revisions).keys)
        #expect(actual == expected, "\(revisions)")
    }

    @Test func ordersNewestFirstLikeGit() throws {
        let repo = try Self.history()
        let expected = try repo.git(["rev-list", "main"]).split(separator: "\n").map(String.init)
        let repository = try Repository(discoveringFrom: repo.path)
        let source = try GitCommitSource(repository: repository, range: try repository.resolve(["main"]))
        var actual: [String] = []
        while let commit = try source.nextSnapshot() { actual.append(commit.id.hex) }
        #expect(actual == expected)
    }

    @Test(arguments: ["nope", "main..nope", "nope...main", "^nope"])
    func unknownRevisionIsAClearError(_ revision: String) throws {
        let repo = try Self.history()
        let repository = try Repository(discoveringFrom: repo.path)
        #expect {
            _ = try repository.resolve([revision])
        } throws: { error in
            guard case GitError.unknownRevision(let name, _) = error else { return false }
            return name == "nope"
        }
    }

    @Test func optionLikeArgumentIsRejected() throws {
        let repo = try Self.history()
        let repository = try Repository(discoveringFrom: repo.path)
        #expect(throws: GitError.invalidRevisionSyntax("--bogus")) { _ = try repository.resolve(["--bogus"]) }
    }

    @Test func notesRefsAreLeftOutOfAll() throws {
        let repo = try Self.history()
        try repo.git(["notes", "--ref=ai", "add", "-m", "a note", "HEAD"])
        let commits = try GitParity.riskgateCommits(repo, ["--all"])
        let notesCommit = try repo.git(["rev-parse", "refs/notes/ai"]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(commits[notesCommit] == nil)
        #expect(commits.count == 8)
    }
}
