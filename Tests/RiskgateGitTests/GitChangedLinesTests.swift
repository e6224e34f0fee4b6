import Foundation
import RiskgateCore
import RiskgateTestSupport
import Testing

@testable import RiskgateGit

/// Changed lines and CODEOWNERS read from real repositories.
struct GitChangedLinesTests {
    func snapshot(_ repo: TemporaryRepository, _ revision: String = "HEAD") throws -> CommitSnapshot {
        let repository = try Repository(discoveringFrom: repo.path)
        let id = try repository.resolveCommit(revision)
        let source = CommitSnapshotReader(repository: repository)
        return try source.snapshot(of: id)
    }

    func lines(_ repo: TemporaryRepository, _ path: String) throws -> ChangedLines {
        let repository = try Repository(discoveringFrom: repo.path)
        let commit = try snapshot(repo)
        let file = try #require(commit.files.first { $0.path == path })
        return GitChangedLines(repository: repository).changedLines(of: file, in: commit)
    }

    @Test func modifiedFileGivesAddedAndRemovedLinesWithNumbers() throws {
        let repo = try TemporaryRepository()
        try repo.write("db/a.sql", "one\ntwo\nthree\nfour\n")
        try repo.commit("initial")
        try repo.write("db/a.sql", "one\nTWO\nthree\nfour\nDROP TABLE t;\n")
        try repo.commit("change")
        let changed = try lines(repo, "db/a.sql")
        #expect(changed.added == [ChangedLine(number: 2, text: "TWO"), ChangedLine(number: 5, text: "DROP TABLE t;")])
        #expect(changed.removed == [ChangedLine(number: 2, text: "two")])
    }

    @Test func crlfAndNoFinalNewlineAreNormalised() throws {
        let repo = try TemporaryRepository()
        try repo.write("a.tf", "a\r\n")
        try repo.commit("initial")
        try repo.write("a.tf", "a\r\nforce_destroy = true\r\nlast")
        try repo.commit("change")
        #expect(try lines(repo, "a.tf").added.map(\.text) == ["force_destroy = true", "last"])
    }

    @Test func addedAndDeletedFilesAreAllAddedOrAllRemoved() throws {
        let repo = try TemporaryRepository()
        try repo.write("old.sql", "x\ny\n")
        try repo.commit("initial")
        try repo.remove("old.sql")
        try repo.write("new.sql", "p\nq\n")
        try repo.commit("swap")
        #expect(try lines(repo, "new.sql") == ChangedLines(added: [ChangedLine(number: 1, text: "p"), ChangedLine(number: 2, text: "q")]))
        #expect(try lines(repo, "old.sql").removed.map(\.text) == ["x", "y"])
    }

    @Test func binaryFilesHaveNoLines() throws {
        let repo = try TemporaryRepository()
        var data = Data("DROP TABLE x;\n".utf8)
        data.append(0)
        try repo.write("dump.bin", data: data)
        try repo.commit("binary")
        #expect(try lines(repo, "dump.bin") == .none)
    }

    @Test func multiByteLinesDecode() throws {
        let repo = try TemporaryRepository()
        try repo.write("dépôt/naïve.yaml", "clé: valeur ✓\n")
        try repo.commit("utf8")
        #expect(try lines(repo, "dépôt/naïve.yaml").added.map(\.text) == ["clé: valeur ✓"])
    }

    @Test func codeOwnersComeFromTheCommitsTreeGitHubFirst() throws {
        let repo = try TemporaryRepository()
        try repo.write("CODEOWNERS", "* @root-owner\n")
        try repo.write("main.tf", "x\n")
        try repo.commit("root file")
        let repository = try Repository(discoveringFrom: repo.path)
        let first = try snapshot(repo)
        try repo.write(".github/CODEOWNERS", "*.tf @acme/infra\n")
        try repo.commit("github file")
        let second = try snapshot(repo)
        let owners = GitCodeOwners(repository: repository)
        #expect(owners.codeOwners(for: first)?.owners(of: "main.tf") == ["@root-owner"])
        #expect(owners.codeOwners(for: second)?.path == ".github/CODEOWNERS")
        #expect(owners.codeOwners(for: second)?.owners(of: "main.tf") == ["@acme/infra"])
    }
}

/// Lines kept from the counting diff must equal a fresh `GitChangedLines` diff, file by file.
struct CollectedLinesTests {
    @Test func collectedLinesEqualASecondDiff() throws {
        let repo = try TemporaryRepository()
        try repo.write("a.tf", "a\r\nb\r\n")
        try repo.write("gone.sql", "DROP TABLE x;\nlast without newline")
        try repo.write("same.yaml", "kind: Role\n")
        try repo.commit("initial")
        try repo.write("a.tf", "a\r\nforce_destroy = true\r\nlast")
        try repo.write("new.sh", "#!/bin/sh\n\nrm -rf /\n")
        try repo.write("empty.yaml", "")
        try repo.remove("gone.sql")
        try repo.write("bin.dat", "a\u{0}b\n")
        try repo.write("big.json", String(repeating: "{\"k\": 1}\n", count: 500_000))
        try repo.commit("change")
        var generator = SeededGenerator(seed: 3)
        try RandomHistory.build(in: repo, commits: 25, using: &generator)

        let repository = try Repository(discoveringFrom: repo.path)
        let source = try GitCommitSource(repository: repository, range: try repository.resolve(["--all"]))
        let fresh = GitChangedLines(repository: try Repository(discoveringFrom: repo.path))
        let counter = LineCounter(repository: repository)
        var compared = 0
        var withLines = 0
        while let commit = try source.nextSnapshot() {
            for file in commit.files where file.status != .renamed {
                let change = TreeChange(
                    path: Array(file.path.utf8), oldID: file.oldID, newID: file.newID,
                    oldMode: file.oldMode?.rawValue ?? 0, newMode: file.newMode?.rawValue ?? 0)
                let (counts, collected) = try counter.counts(for: change, collectingLines: true)
                #expect(counts.added == file.added && counts.deleted == file.deleted, "\(file.path)")
                let expected = fresh.changedLines(of: file, in: commit)
                #expect((collected ?? .none) == expected, "\(commit.id.hex) \(file.path)")
                compared += 1
                if !expected.added.isEmpty || !expected.removed.isEmpty { withLines += 1 }
            }
        }
        #expect(compared > 30)
        #expect(withLines > 20)
    }
}
