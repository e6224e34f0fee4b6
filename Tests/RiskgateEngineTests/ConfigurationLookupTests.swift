import Foundation
import RiskgateEngine
import RiskgateGit
import RiskgateTestSupport
import Testing

/// Which configuration each reader gets, on real repositories.
struct ConfigurationLookupTests {
    @Test func optionWinsThenWorkTreeFileForAClient() throws {
        let repo = try TemporaryRepository()
        try repo.write("README.md", "hi\n")
        try repo.commit("Initial commit")
        let repository = try Repository(discoveringFrom: repo.path)
        #expect(ConfigurationLookup.path(option: nil, repository: repository) == nil)
        try repo.write(".riskgate.yml", "version: 1\n")
        let workTreeFile = try #require(ConfigurationLookup.path(option: nil, repository: repository))
        #expect(workTreeFile.hasSuffix("/.riskgate.yml"))
        #expect(ConfigurationLookup.path(option: "/etc/x.yml", repository: repository) == "/etc/x.yml")
    }

    /// A server hook never reads the work tree (the pushed tree's file is the pusher's); a
    /// reading command on a bare repository uses the admin's file, as that repository's hook does.
    @Test func serverAndBareRepositoriesReadTheAdminsFile() throws {
        let repo = try TemporaryRepository()
        try repo.write(".riskgate.yml", "version: 1\n")
        try repo.commit("Initial commit")
        try repo.git(["config", "riskgate.config", "/srv/riskgate/admin.yml"])
        let repository = try Repository(discoveringFrom: repo.path)
        #expect(ConfigurationLookup.path(option: nil, reader: .server, repository: repository) == "/srv/riskgate/admin.yml")
        #expect(ConfigurationLookup.path(option: nil, reader: .client, repository: repository)?.hasSuffix(".riskgate.yml") == true)

        let bare = try TemporaryRepository(bare: true)
        try bare.git(["config", "riskgate.config", "/srv/riskgate/admin.yml"])
        let bareRepository = try Repository(discoveringFrom: bare.path)
        #expect(ConfigurationLookup.path(option: nil, reader: .client, repository: bareRepository) == "/srv/riskgate/admin.yml")
    }

    @Test func brokenConfigurationNamesTheFileAndLine() throws {
        let repo = try TemporaryRepository()
        try repo.write("broken.yml", "version: 1\nlevels: {medium: 20, high: 10, critical: 80}\nbogus: 1\n")
        let path = repo.path + "/broken.yml"
        #expect(throws: EngineError.self) { try LoadedConfiguration(path: path) }
        do {
            _ = try LoadedConfiguration(path: path)
        } catch {
            #expect(error.description.contains("the configuration \(path) is invalid"))
            #expect(error.description.contains("\(path):3"), "\(error.description)")
        }
    }

    @Test func digestFollowsTheFileAndTheRules() throws {
        let repo = try TemporaryRepository()
        try repo.write("a.yml", "version: 1\n")
        try repo.write("b.yml", "version: 1\nrules:\n  points: {sql-drop: 50}\n")
        let a = try LoadedConfiguration(path: repo.path + "/a.yml")
        let again = try LoadedConfiguration(path: repo.path + "/a.yml")
        let b = try LoadedConfiguration(path: repo.path + "/b.yml")
        #expect(a.digest == again.digest)
        #expect(a.digest != b.digest)
        #expect(a.digest.count == 64)
    }

    @Test(arguments: [
        ("refs/heads/main", "refs/heads/main"),
        ("main", "refs/heads/main"),
        ("v1.0", "refs/tags/v1.0"),
        ("origin/main", "refs/remotes/origin/main"),
        ("not-fetched-here", "refs/heads/not-fetched-here"),
    ])
    func shortRefNamesResolveAsGitResolvesThem(_ name: String, _ expected: String) throws {
        let repo = try TemporaryRepository()
        try repo.write("README.md", "hi\n")
        try repo.commit("Initial commit")
        try repo.git(["tag", "v1.0"])
        try repo.git(["update-ref", "refs/remotes/origin/main", "HEAD"])
        let repository = try Repository(discoveringFrom: repo.path)
        #expect(PolicyRef.fullName(name, repository: repository) == expected)
    }

    @Test func ciTargetBranchDecidesOnADetachedHead() throws {
        let repo = try TemporaryRepository()
        try repo.write("README.md", "hi\n")
        try repo.commit("Initial commit")
        try repo.git(["checkout", "-q", "--detach"])
        let repository = try Repository(discoveringFrom: repo.path)
        #expect(PolicyRef.resolve(nil, environment: [:], repository: repository) == nil)
        #expect(PolicyRef.resolve(nil, environment: ["GITHUB_BASE_REF": "main"], repository: repository) == "refs/heads/main")
        #expect(
            PolicyRef.resolve(nil, environment: ["CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "release/2"], repository: repository)
                == "refs/heads/release/2")
        #expect(PolicyRef.resolve("dev", environment: ["GITHUB_BASE_REF": "main"], repository: repository) == "refs/heads/dev")
    }
}
