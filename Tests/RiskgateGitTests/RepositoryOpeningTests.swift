import Foundation
import RiskgateCore
import RiskgateGit
import RiskgateTestSupport
import Testing

/// Opening repositories the ways users and hooks do, and the errors when that fails.
struct RepositoryOpeningTests {
    static func smallRepository() throws -> TemporaryRepository {
        let repo = try TemporaryRepository()
        try repo.write("a.txt", "a\n")
        try repo.commit("first")
        try repo.write("b.txt", "b\n")
        try repo.commit("second")
        return repo
    }

    @Test func opensFromASubdirectory() throws {
        let repo = try Self.smallRepository()
        try repo.write("sub/dir/x.txt", "x\n")
        let repository = try Repository(discoveringFrom: repo.url.appendingPathComponent("sub/dir").path)
        #expect(repository.workDirectory == repo.url.resolvingSymlinksInPath().path)
        #expect(!repository.isBare)
    }

    @Test func opensABareRepository() throws {
        let repo = try Self.smallRepository()
        let bare = repo.url.deletingLastPathComponent().appendingPathComponent("bare.git")
        try repo.git(["clone", "-q", "--bare", repo.path, bare.path])
        let repository = try Repository(discoveringFrom: bare.path)
        #expect(repository.isBare)
        #expect(try repository.resolve(["--all"]).include.count == 1)
    }

    @Test func opensALinkedWorktree() throws {
        let repo = try Self.smallRepository()
        let worktree = repo.url.deletingLastPathComponent().appendingPathComponent("wt")
        try repo.git(["worktree", "add", "-q", "-b", "wt-branch", worktree.path])
        let repository = try Repository(discoveringFrom: worktree.path)
        #expect(repository.headReferenceName() == "refs/heads/wt-branch")
        #expect(repository.commonDirectory.hasSuffix(".git"))
    }

    @Test func notARepositoryIsAClearError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("riskgate-not-a-repo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect {
            _ = try Repository(discoveringFrom: folder.path)
        } throws: { error in
            guard case GitError.notARepository = error else { return false }
            return "\(error)".contains("-C <path>")
        }
    }

    @Test func emptyRepositoryIsAClearError() throws {
        let repo = try TemporaryRepository()
        let repository = try Repository(discoveringFrom: repo.path)
        #expect(repository.isEmpty)
        #expect(throws: GitError.emptyRepository) { _ = try repository.defaultRange() }
    }

    @Test func shallowBoundaryIsMarkedNotInvented() throws {
        let repo = try Self.smallRepository()
        try repo.write("c.txt", "c\n")
        try repo.commit("third")
        let clone = repo.url.deletingLastPathComponent().appendingPathComponent("shallow")
        try repo.git(["clone", "-q", "--depth", "2", "file://\(repo.path)", clone.path])
        let shallow = TemporaryRepository(existing: clone)
        let commits = try GitParity.riskgateCommits(shallow, ["HEAD"])
        #expect(commits.count == 2)
        let boundary = commits.values.filter(\.isShallowBoundary)
        #expect(boundary.count == 1)
        #expect(boundary.first?.files.isEmpty == true)
        #expect(boundary.first?.subject == "second")
        let top = commits.values.first { !$0.isShallowBoundary }
        #expect(top?.files.map(\.path) == ["c.txt"])
    }

    @Test func defaultRangePrefersUpstream() throws {
        let repo = try Self.smallRepository()
        let clone = repo.url.deletingLastPathComponent().appendingPathComponent("clone")
        try repo.git(["clone", "-q", repo.path, clone.path])
        let work = TemporaryRepository(existing: clone)
        try work.git(["config", "user.name", "T"])
        try work.git(["config", "user.email", "t@example.com"])
        try work.write("local.txt", "local\n")
        try work.commit("unpushed")
        let repository = try Repository(discoveringFrom: clone.path)
        let (range, reason) = try repository.defaultRange()
        #expect(reason.hasPrefix("@{upstream}..HEAD"))
        let commits = try GitParity.riskgateCommits(work, range.arguments)
        #expect(commits.values.map(\.subject) == ["unpushed"])
    }

    @Test func latin1MessageWithEncodingHeaderDecodes() throws {
        let repo = try TemporaryRepository()
        try repo.write("x.txt", "x\n")
        try repo.git(["add", "x.txt"])
        let latin1 = Data([0x43, 0x61, 0x66, 0xE9, 0x0A])
        try repo.git(["-c", "i18n.commitEncoding=ISO-8859-1", "commit", "-q", "-F", "-"], input: latin1)
        // git commit re-encodes invalid UTF-8 as Latin-1, so write the raw commit object directly.
        let tree = try repo.git(["rev-parse", "HEAD^{tree}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let parent = try repo.head()
        var object = Data("tree \(tree)\nparent \(parent)\nauthor A <a@example.com> 1700000000 +0000\n".utf8)
        object.append(Data("committer A <a@example.com> 1700000000 +0000\n\n".utf8))
        object.append(Data([0x62, 0x61, 0x64, 0xFF, 0x0A]))
        let id = try repo.git(["hash-object", "-t", "commit", "-w", "--stdin"], input: object)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try repo.git(["update-ref", "refs/heads/main", id])
        let commits = try GitParity.riskgateCommits(repo, ["HEAD"])
        let subjects = Set(commits.values.map(\.subject))
        #expect(subjects.contains("Café"))
        #expect(subjects.contains("bad\u{FFFD}"))
        #expect(commits.values.contains { $0.message.raw == [0x62, 0x61, 0x64, 0xFF, 0x0A] })
    }

    @Test func exactRenameIsOneEntryWithoutCounts() throws {
        let repo = try TemporaryRepository()
        try repo.write("old.txt", "content\nmore\n")
        try repo.write("empty1.txt", "")
        try repo.commit("base")
        try repo.remove("old.txt")
        try repo.write("dir/new.txt", "content\nmore\n")
        try repo.remove("empty1.txt")
        try repo.write("empty2.txt", "")
        try repo.commit("rename")
        let commits = try GitParity.riskgateCommits(repo, ["HEAD^!"])
        let files = try #require(commits.values.first?.files)
        let rename = try #require(files.first { $0.status == .renamed })
        #expect(rename.path == "dir/new.txt")
        #expect(rename.oldPath == "old.txt")
        #expect(rename.added == 0 && rename.deleted == 0)
        // Empty files are never paired as renames.
        #expect(files.contains { $0.path == "empty1.txt" && $0.status == .deleted })
        #expect(files.contains { $0.path == "empty2.txt" && $0.status == .added })
    }
}
