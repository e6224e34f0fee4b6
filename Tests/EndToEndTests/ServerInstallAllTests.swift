import Foundation
import RiskgateTestSupport
import Testing

/// `riskgate install --server --all <root>` and `--check` on a hosting folder laid out like
/// Gitea (`<owner>/<name>.git`, wikis), gitolite (nested folders) and GitLab hashed storage.
@Suite(.serialized)
struct ServerInstallAllTests {
    /// A hosting root with four bare repositories (one with history), a work tree and a plain
    /// folder, neither of which is a server repository.
    final class Hosting {
        let root: URL
        let bare: [String]
        let workTree: TemporaryRepository

        init() throws {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent(
                "riskgate-hosting-\(UUID().uuidString)", isDirectory: true)
            self.root = root
            let names = ["alice/app.git", "alice/app.wiki.git", "team/infra/deploy.git", "@hashed/ab/cd/abcd1234.git"]
            bare = names.map { root.appendingPathComponent($0).path }
            for path in bare {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
                try Self.git(["init", "-q", "--bare", "-b", "main", path])
            }
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent("alice/notes"), withIntermediateDirectories: true)
            try Data("not a repository\n".utf8).write(to: root.appendingPathComponent("alice/notes/README"))
            // A work tree with history, pushed to alice/app.git (so that one gets a history index).
            workTree = try TemporaryRepository(name: "checkout")
            try workTree.write("README.md", "hello\n")
            try workTree.commit("Initial commit")
            try workTree.git(["push", "-q", bare[0], "main"])
            // A work tree inside the root is not a server repository.
            try Self.git(["clone", "-q", bare[0], root.appendingPathComponent("alice/checkout").path])
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        static func git(_ arguments: [String]) throws {
            let result = try Shell.run("git", arguments)
            guard result.status == 0 else { throw TestFailure.command("git \(arguments.joined(separator: " "))", result) }
        }

        func hook(_ repository: String, _ name: String) -> String { repository + "/hooks/" + name }

        func isExecutable(_ path: String) -> Bool { FileManager.default.isExecutableFile(atPath: path) }
    }

    @Test func installsIntoEveryBareRepositoryAndSaysWhatItDid() throws {
        let hosting = try Hosting()
        let result = try RiskgateBinary.run(["install", "--server", "--all", hosting.root.path])
        #expect(result.status == 0, "\(result.stderr)\n\(result.stdout)")
        for repository in hosting.bare {
            #expect(hosting.isExecutable(hosting.hook(repository, "pre-receive")), "\(repository)")
            #expect(hosting.isExecutable(hosting.hook(repository, "post-receive")), "\(repository)")
            #expect(result.stdout.contains("\(repository): installed pre-receive, post-receive"), "\(result.stdout)")
        }
        #expect(result.stdout.contains("\(hosting.bare[0]): installed pre-receive, post-receive; history index built (1 commits)"))
        #expect(result.stdout.contains("\(hosting.bare[1]): installed pre-receive, post-receive; empty"))
        #expect(result.stdout.contains("4 bare repositories below \(hosting.root.path): 4 installed, 0 already up to date, 0 failed"))
        // Neither the clone inside the root nor the plain folder was touched.
        let clone = hosting.root.appendingPathComponent("alice/checkout").path
        #expect(!result.stdout.contains(clone))
        #expect(!FileManager.default.fileExists(atPath: clone + "/.git/hooks/pre-receive"))
        #expect(!result.stdout.contains("alice/notes"))
        // Lines come in path order.
        let lines = result.stdout.split(separator: "\n").filter { $0.hasPrefix(hosting.root.path) }
        #expect(lines.map { String($0.prefix { $0 != ":" }) } == hosting.bare.sorted())
    }

    @Test func runningItAgainChangesNothing() throws {
        let hosting = try Hosting()
        #expect(try RiskgateBinary.run(["install", "--server", "--all", hosting.root.path]).status == 0)
        let before = try String(contentsOfFile: hosting.hook(hosting.bare[2], "pre-receive"), encoding: .utf8)
        // Either order of the flags.
        let again = try RiskgateBinary.run(["install", "--all", "--server", hosting.root.path])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("4 installed") == false)
        #expect(again.stdout.contains("0 installed, 4 already up to date, 0 failed"), "\(again.stdout)")
        #expect(again.stdout.contains("\(hosting.bare[0]): pre-receive, post-receive already installed; history index present"))
        #expect(try String(contentsOfFile: hosting.hook(hosting.bare[2], "pre-receive"), encoding: .utf8) == before)
        #expect(!FileManager.default.fileExists(atPath: hosting.hook(hosting.bare[2], "pre-receive.riskgate-chained")))
    }

    @Test func checkListsMissingOutdatedAndForeignHooks() throws {
        let hosting = try Hosting()
        let clean = try RiskgateBinary.run(["install", "--server", "--all", hosting.root.path, "--check"])
        #expect(clean.status == 1)
        #expect(clean.stdout.contains("\(hosting.bare[0]): pre-receive missing, post-receive missing"), "\(clean.stdout)")
        #expect(clean.stdout.contains("4 of 4 repositories need `riskgate install --server --all"), "\(clean.stdout)")

        #expect(try RiskgateBinary.run(["install", "--server", "--all", hosting.root.path]).status == 0)
        let good = try RiskgateBinary.run(["install", "--server", "--all", hosting.root.path, "--check"])
        #expect(good.status == 0, "\(good.stdout)")
        #expect(good.stdout.contains("4 repositories have riskgate's hooks (pre-receive, post-receive) up to date"), "\(good.stdout)")

        // Damage three repositories in three ways.
        try FileManager.default.removeItem(atPath: hosting.hook(hosting.bare[0], "pre-receive"))
        let outdated = hosting.hook(hosting.bare[1], "post-receive")
        try (try String(contentsOfFile: outdated, encoding: .utf8) + "echo changed by hand\n").write(
            toFile: outdated, atomically: true, encoding: .utf8)
        let foreign = hosting.hook(hosting.bare[3], "pre-receive")
        try "#!/bin/sh\nexit 0\n".write(toFile: foreign, atomically: true, encoding: .utf8)
        let damaged = try RiskgateBinary.run(["install", "--check", "--server", "--all", hosting.root.path])
        #expect(damaged.status == 1)
        #expect(damaged.stdout.contains("\(hosting.bare[0]): pre-receive missing\n"), "\(damaged.stdout)")
        #expect(damaged.stdout.contains("\(hosting.bare[1]): post-receive out of date\n"), "\(damaged.stdout)")
        #expect(damaged.stdout.contains("\(hosting.bare[3]): pre-receive not riskgate's\n"), "\(damaged.stdout)")
        #expect(!damaged.stdout.contains("\(hosting.bare[2]):"), "\(damaged.stdout)")
        #expect(damaged.stdout.contains("3 of 4 repositories need"), "\(damaged.stdout)")

        // One repository alone, and --update-hook checks the update hook instead.
        let single = try RiskgateBinary.run(["install", "--server", hosting.bare[2], "--check", "--no-history"])
        #expect(single.status == 0, "\(single.stdout)")
        let update = try RiskgateBinary.run(["install", "--server", hosting.bare[2], "--check", "--update-hook"])
        #expect(update.status == 1)
        #expect(update.stdout.contains("\(hosting.bare[2]): update missing"), "\(update.stdout)")
    }

    @Test func aRootWithoutRepositoriesIsAnError() throws {
        let empty = try TemporaryRepository(name: "plain")
        let folder = empty.url.appendingPathComponent("nothing-here")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let none = try RiskgateBinary.run(["install", "--server", "--all", folder.path])
        #expect(none.status == 2)
        #expect(none.stderr.contains("no bare repository below \(folder.path)"), "\(none.stderr)")
        let missing = try RiskgateBinary.run(["install", "--server", "--all", folder.path + "/absent"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("is not a folder"), "\(missing.stderr)")
        let usage = try RiskgateBinary.run(["install", "--all"], in: empty.url)
        #expect(usage.status == 64)
        #expect(usage.stderr.contains("--all needs --server <root>"), "\(usage.stderr)")
    }

    @Test func anInstalledRepositoryGatesPushes() throws {
        let hosting = try Hosting()
        #expect(try RiskgateBinary.run(["install", "--server", "--all", hosting.root.path]).status == 0)
        let config = hosting.root.appendingPathComponent("server-config.yml").path
        try HookFixture.adminConfig.write(toFile: config, atomically: true, encoding: .utf8)
        try hosting.workTree.write(".github/workflows/deploy.yml", "on: push\njobs: {}\n")
        try hosting.workTree.commit("Add the deploy workflow")
        // No riskgate.config in the repository: the server-wide configuration applies.
        let environment: [String: String?] = ["RISKGATE": RiskgateBinary.path, "RISKGATE_CONFIG": config]
        let blocked = try Shell.run("git", ["push", hosting.bare[0], "main"], in: hosting.workTree.url, environment: environment)
        #expect(blocked.status != 0)
        #expect(blocked.stderr.contains("BLOCK  refs/heads/main"), "\(blocked.stderr)")
        // Without it, the built-in defaults let the same push through.
        let allowed = try Shell.run(
            "git", ["push", hosting.bare[0], "main"], in: hosting.workTree.url,
            environment: ["RISKGATE": RiskgateBinary.path, "RISKGATE_CONFIG": nil])
        #expect(allowed.status == 0, "\(allowed.stderr)")
    }
}
