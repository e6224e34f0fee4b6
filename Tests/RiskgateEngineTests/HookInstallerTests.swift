import Foundation
import RiskgateEngine
import RiskgateGit
import RiskgateTestSupport
import Testing

/// Installing, chaining and removing hooks in real repositories' hooks folders.
struct HookInstallerTests {
    static func installer(_ repo: TemporaryRepository) throws -> (HookInstaller, String) {
        let repository = try Repository(discoveringFrom: repo.path)
        let directory = HookInstaller.hooksDirectory(of: repository)
        return (HookInstaller(directory: directory, executable: "/usr/local/bin/riskgate"), directory)
    }

    @Test func installIsIdempotentAndUninstallRemovesOnlyOurs() throws {
        let repo = try TemporaryRepository()
        let (installer, directory) = try Self.installer(repo)
        #expect(try installer.install("pre-push") == .installed(chained: false))
        let script = try String(contentsOfFile: directory + "/pre-push", encoding: .utf8)
        #expect(script.contains(HookInstaller.marker))
        #expect(script.contains("/usr/local/bin/riskgate"))
        let mode = try FileManager.default.attributesOfItem(atPath: directory + "/pre-push")[.posixPermissions] as? Int
        #expect(mode == 0o755)
        #expect(try installer.install("pre-push") == .unchanged)
        #expect(try installer.uninstall("pre-push") == .removed(restored: false))
        #expect(!FileManager.default.fileExists(atPath: directory + "/pre-push"))
        #expect(try installer.uninstall("pre-push") == .absent)
    }

    @Test func anExistingHookIsChainedAndRestored() throws {
        let repo = try TemporaryRepository()
        let (installer, directory) = try Self.installer(repo)
        let theirs = "#!/bin/sh\necho theirs\n"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data(theirs.utf8).write(to: URL(fileURLWithPath: directory + "/pre-push"))
        #expect(try installer.install("pre-push") == .installed(chained: true))
        #expect(try String(contentsOfFile: directory + "/pre-push" + HookInstaller.chainedSuffix, encoding: .utf8) == theirs)
        #expect(try installer.uninstall("pre-push") == .removed(restored: true))
        #expect(try String(contentsOfFile: directory + "/pre-push", encoding: .utf8) == theirs)
    }

    @Test func someoneElsesHookIsLeftAlone() throws {
        let repo = try TemporaryRepository()
        let (installer, directory) = try Self.installer(repo)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data("#!/bin/sh\nexit 0\n".utf8).write(to: URL(fileURLWithPath: directory + "/commit-msg"))
        #expect(try installer.uninstall("commit-msg") == .notOurs)
        #expect(FileManager.default.fileExists(atPath: directory + "/commit-msg"))
    }

    @Test(arguments: [("hooks-here", true), ("/tmp/riskgate-abs-hooks", false)])
    func coreHooksPathIsRespected(_ configured: String, _ relative: Bool) throws {
        let repo = try TemporaryRepository()
        try repo.git(["config", "core.hooksPath", configured])
        let (_, directory) = try Self.installer(repo)
        let expected = relative ? repo.url.resolvingSymlinksInPath().path + "/" + configured : configured
        #expect(URL(fileURLWithPath: directory).resolvingSymlinksInPath().path == URL(fileURLWithPath: expected).resolvingSymlinksInPath().path)
    }
}
