import Foundation
import RiskgateCore
import RiskgateGit
import RiskgateTestSupport
import Testing

/// riskgate's per-commit files and line counts must equal git's, case by case.
struct NumstatParityTests {
    /// A named way to build history; each runs in its own fresh repository.
    struct Scenario: CustomTestStringConvertible, Sendable {
        let name: String
        let build: @Sendable (TemporaryRepository) throws -> Void
        var testDescription: String { name }
    }

    static let scenarios: [Scenario] = [
        Scenario(name: "root commit with nested directories") { repo in
            try repo.write("README.md", "hello\n")
            try repo.write("src/a/b/c/deep.swift", "let x = 1\nlet y = 2\n")
            try repo.write("infra/terraform/main.tf", "resource \"x\" \"y\" {}\n")
            try repo.commit("root")
        },
        Scenario(name: "edits, additions and deletions") { repo in
            try repo.write("a.txt", (1...50).map { "line \($0)" }.joined(separator: "\n") + "\n")
            try repo.write("b.txt", "one\ntwo\nthree\n")
            try repo.commit("first")
            try repo.write("a.txt", (1...50).map { $0 % 7 == 0 ? "changed \($0)" : "line \($0)" }.joined(separator: "\n") + "\n")
            try repo.remove("b.txt")
            try repo.write("c/d.txt", "new\n")
            try repo.commit("second")
        },
        Scenario(name: "non-ASCII path and path with spaces") { repo in
            try repo.write("docs/naïve café.md", "un\ndeux\n")
            try repo.write("with space/file name.txt", "x\n")
            try repo.write("日本語/ファイル.txt", "こんにちは\n")
            try repo.commit("unicode paths")
            try repo.write("docs/naïve café.md", "un\ntrois\n")
            try repo.commit("edit unicode path")
        },
        Scenario(name: "CRLF files, no final newline, empty files") { repo in
            try repo.write("crlf.txt", "a\r\nb\r\nc\r\n")
            try repo.write("nofinal.txt", "a\nb")
            try repo.write("empty.txt", "")
            try repo.commit("text shapes")
            try repo.write("crlf.txt", "a\r\nB\r\nc\r\nd")
            try repo.write("nofinal.txt", "a\nb\n")
            try repo.write("empty.txt", "now has text\n")
            try repo.write("empty2.txt", "")
            try repo.commit("change text shapes")
            try repo.write("nofinal.txt", "a\nb\nc")
            try repo.write("empty.txt", "")
            try repo.commit("back to empty")
        },
        Scenario(name: "binary files by git's NUL rule") { repo in
            var binary = Data("head".utf8)
            binary.append(0)
            binary.append(Data("tail\n".utf8))
            try repo.write("image.bin", data: binary)
            // A NUL after the first 8,000 bytes does not make a file binary for git.
            var lateNul = Data(String(repeating: "x", count: 8100).utf8)
            lateNul.append(0)
            try repo.write("late-nul.txt", data: lateNul)
            try repo.commit("binaries")
            binary.append(Data("more".utf8))
            try repo.write("image.bin", data: binary)
            try repo.write("late-nul.txt", data: lateNul + Data("y\n".utf8))
            try repo.commit("edit binaries")
            try repo.write("image.bin", "now text\n")
            try repo.commit("binary becomes text")
        },
        Scenario(name: "mode-only change and executable files") { repo in
            try repo.write("run.sh", "#!/bin/sh\necho hi\n")
            try repo.commit("script")
            try repo.git(["update-index", "--chmod=+x", "run.sh"])
            try repo.git(["commit", "-q", "-m", "make executable"])
            try repo.write("run.sh", "#!/bin/sh\necho bye\n")
            try repo.git(["add", "run.sh"])
            try repo.git(["update-index", "--chmod=-x", "run.sh"])
            try repo.git(["commit", "-q", "-m", "edit and drop exec bit"])
        },
        Scenario(name: "symlinks and typechanges") { repo in
            try repo.write("target.txt", "t\n")
            try repo.write("file-then-link", "a\nb\n")
            try repo.commit("files")
            try repo.git(["rm", "-q", "file-then-link"])
            try FileManager.default.createSymbolicLink(
                atPath: repo.url.appendingPathComponent("file-then-link").path, withDestinationPath: "target.txt")
            try FileManager.default.createSymbolicLink(
                atPath: repo.url.appendingPathComponent("link").path, withDestinationPath: "target.txt")
            try repo.commit("typechange to symlink and new symlink")
            try repo.remove("link")
            try FileManager.default.createSymbolicLink(
                atPath: repo.url.appendingPathComponent("link").path, withDestinationPath: "elsewhere.txt")
            try repo.commit("retarget symlink")
        },
        Scenario(name: "submodules (gitlinks)") { repo in
            try repo.write("a.txt", "a\n")
            try repo.commit("base")
            let first = "1111111111111111111111111111111111111111"
            let second = "2222222222222222222222222222222222222222"
            try repo.git(["update-index", "--add", "--cacheinfo", "160000,\(first),vendor/lib"])
            try repo.git(["commit", "-q", "-m", "add submodule"])
            try repo.git(["update-index", "--cacheinfo", "160000,\(second),vendor/lib"])
            try repo.git(["commit", "-q", "-m", "bump submodule"])
            try repo.git(["update-index", "--force-remove", "vendor/lib"])
            try repo.git(["commit", "-q", "-m", "remove submodule"])
        },
        Scenario(name: "exact renames, rename with edit, duplicate contents") { repo in
            try repo.write("old/name.txt", "same content\nline two\n")
            try repo.write("dup1.txt", "dup\n")
            try repo.write("edit-me.txt", "1\n2\n3\n")
            try repo.write("empty-a.txt", "")
            try repo.commit("base")
            try repo.remove("old/name.txt")
            try repo.write("new/place/name.txt", "same content\nline two\n")
            try repo.git(["mv", "edit-me.txt", "edited.txt"])
            try repo.write("edited.txt", "1\n2\n3\n4\n")
            try repo.write("dup2.txt", "dup\n")
            try repo.git(["mv", "empty-a.txt", "empty-b.txt"])
            try repo.commit("move things")
        },
        Scenario(name: "file becomes a directory and a directory is deleted") { repo in
            try repo.write("thing", "file\n")
            try repo.write("gone/a.txt", "a\n")
            try repo.write("gone/sub/b.txt", "b\nc\n")
            try repo.commit("base")
            try repo.remove("thing")
            try repo.write("thing/inside.txt", "now a dir\n")
            try repo.remove("gone")
            try repo.commit("swap")
        },
        Scenario(name: "merges against the first parent") { repo in
            try repo.write("shared.txt", "1\n2\n3\n4\n5\n")
            try repo.commit("base")
            try repo.git(["checkout", "-q", "-b", "feature"])
            try repo.write("feature.txt", "f1\nf2\n")
            try repo.write("shared.txt", "1\n2\n3\n4\nfive\n")
            try repo.commit("feature work")
            try repo.git(["checkout", "-q", "main"])
            try repo.write("main.txt", "m\n")
            try repo.write("shared.txt", "one\n2\n3\n4\n5\n")
            try repo.commit("main work")
            try repo.git(["merge", "-q", "--no-ff", "--no-edit", "feature"])
            try repo.git(["checkout", "-q", "-b", "conflict", "HEAD~1"])
            try repo.write("main.txt", "conflicting\n")
            try repo.commit("conflicting side")
            try repo.git(["checkout", "-q", "main"])
            _ = try? repo.git(["merge", "-q", "--no-edit", "conflict"])
            try repo.write("main.txt", "resolved\nby hand\n")
            try repo.commit("merge conflict resolved")
        },
        Scenario(name: "non-UTF-8 commit message") { repo in
            try repo.write("x.txt", "x\n")
            try repo.git(["add", "x.txt"])
            let latin1 = Data([0x43, 0x61, 0x66, 0xE9, 0x20, 0x6D, 0xFC, 0x64, 0x65, 0x0A])  // "Café müde" in Latin-1
            try repo.git(["-c", "i18n.commitEncoding=ISO-8859-1", "commit", "-q", "-F", "-"], input: latin1)
            try repo.write("y.txt", "y\n")
            try repo.git(["add", "y.txt"])
            try repo.git(["commit", "-q", "-F", "-"], input: Data([0x62, 0x61, 0x64, 0xFF, 0xFE, 0x0A]))
        },
        Scenario(name: "non-UTF-8 path bytes") { repo in
            try repo.write("a.txt", "a\n")
            try repo.commit("base")
            let blob = try repo.git(["hash-object", "-w", "--stdin"], input: Data("latin-1 named\n".utf8))
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let existing = try repo.git(["ls-tree", "HEAD"])
            var listing = Data(existing.utf8)
            listing.append(Data("100644 blob \(blob)\t".utf8))
            listing.append(Data([0x66, 0xE9, 0x65, 0x2E, 0x74, 0x78, 0x74, 0x0A]))  // "fée.txt" in Latin-1
            let tree = try repo.git(["mktree"], input: listing).trimmingCharacters(in: .whitespacesAndNewlines)
            let commit = try repo.git(["commit-tree", tree, "-p", "HEAD", "-m", "latin-1 path"])
                .trimmingCharacters(in: .whitespacesAndNewlines)
            try repo.git(["update-ref", "refs/heads/main", commit])
        },
        Scenario(name: "large file edits") { repo in
            let lines = (1...3000).map { "row \($0) " + String(repeating: "z", count: $0 % 40) }
            try repo.write("big.csv", lines.joined(separator: "\n") + "\n")
            try repo.commit("big")
            var edited = lines
            for index in stride(from: 10, to: 3000, by: 97) { edited[index] = "edited \(index)" }
            edited.insert(contentsOf: ["inserted a", "inserted b"], at: 1500)
            edited.removeSubrange(200..<260)
            try repo.write("big.csv", edited.joined(separator: "\n") + "\n")
            try repo.commit("edit big")
        },
    ]

    @Test(arguments: scenarios)
    func matchesGit(_ scenario: Scenario) throws {
        let repo = try TemporaryRepository()
        try scenario.build(repo)
        let checked = try GitParity.assertEqual(repo)
        #expect(checked > 0)
    }

    @Test func randomHistoryMatchesGit() throws {
        let repo = try TemporaryRepository()
        var generator = SeededGenerator(seed: 42)
        try RandomHistory.build(in: repo, commits: 60, using: &generator)
        let checked = try GitParity.assertEqual(repo)
        #expect(checked >= 60)
    }
}
