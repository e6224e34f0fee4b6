import Foundation
import RiskgateCore
import RiskgateGit
import RiskgateTestSupport
import Testing

/// The server's "new commits" of a push equal `git rev-list <new> --not --all`, whether the
/// pushed objects are in a quarantine (the fast path), absent from it (worst case: every tip is
/// a boundary settled against the refs), or no quarantine exists (update hook).
struct PushedCommitsTests {
    /// main: A-B-C-D-E; feature from C: F1-F2; annotated tag v1 on B. Unreferenced ("dangling")
    /// commits: X1-X2 from D (like a deleted branch whose objects stay until gc), N1 on E,
    /// N2 on X2, and a merge M of N1 and F2.
    struct History {
        let repo: TemporaryRepository
        let ids: [String: String]
    }

    static func history() throws -> History {
        let repo = try TemporaryRepository()
        var ids: [String: String] = [:]
        func commit(_ name: String) throws {
            try repo.write("\(name).txt", name)
            ids[name] = try repo.commit(name)
        }
        for name in ["A", "B"] { try commit(name) }
        try repo.git(["tag", "-a", "v1", "-m", "one"])
        try commit("C")
        try repo.git(["checkout", "-q", "-b", "feature"])
        for name in ["F1", "F2"] { try commit(name) }
        try repo.git(["checkout", "-q", "main"])
        for name in ["D", "E"] { try commit(name) }
        try repo.git(["checkout", "-q", "--detach", "main~1"])
        for name in ["X1", "X2"] { try commit(name) }
        try commit("N2")
        try repo.git(["checkout", "-q", "--detach", "main"])
        try commit("N1")
        try repo.git(["merge", "-q", "--no-ff", "--no-edit", "feature"])
        ids["M"] = try repo.head()
        try repo.git(["checkout", "-q", "--detach", ids["N2"] ?? ""])
        try repo.git(["tag", "-a", "-m", "dangling tag object", "tmp-tag"])
        ids["TAG"] = try repo.git(["rev-parse", "tmp-tag"]).trimmingCharacters(in: .whitespacesAndNewlines)
        try repo.git(["update-ref", "-d", "refs/tags/tmp-tag"])
        try repo.git(["checkout", "-q", "main"])
        return History(repo: repo, ids: ids)
    }

    static let zero = String(repeating: "0", count: 40)

    /// Pushes as (ref, old name or nil, new name or nil).
    static let pushes: [[(String, String?, String?)]] = [
        [("refs/heads/main", "E", "N1")],
        [("refs/heads/new", nil, "C")],
        [("refs/heads/new", nil, "X2")],
        [("refs/heads/new", nil, "N2")],
        [("refs/heads/main", "E", "M")],
        [("refs/heads/main", "E", "N1"), ("refs/heads/feature", "F2", "M"), ("refs/heads/gone", "B", nil)],
        [("refs/tags/t", nil, "TAG")],
        [("refs/heads/feature", "F2", "N2")],
        [("refs/heads/main", "E", "E")],
    ]

    enum QuarantineKind: CaseIterable { case none, empty, pushedObjects }

    @Test(arguments: QuarantineKind.allCases)
    func newCommitsMatchGitRevList(kind: QuarantineKind) throws {
        let history = try Self.history()
        let repo = history.repo
        let repository = try Repository(discoveringFrom: repo.path)
        let pushed = PushedCommits(repository: repository)
        for push in Self.pushes {
            let updates = push.map { ref, old, new in
                RefUpdate(
                    ref: ref, old: ObjectID(hex: old.flatMap { history.ids[$0] } ?? Self.zero) ?? .zero,
                    new: ObjectID(hex: new.flatMap { history.ids[$0] } ?? Self.zero) ?? .zero)
            }
            let tips = updates.filter { !$0.isDeletion }.map(\.new.hex)
            let quarantine: QuarantineObjects?
            switch kind {
            case .none:
                quarantine = nil
            case .empty:
                quarantine = try QuarantineObjects(path: try Self.emptyDirectory(repo))
            case .pushedObjects:
                quarantine = try QuarantineObjects(path: try Self.pack(tips, in: repo))
            }
            let result = try pushed.serverNewCommits(for: updates, quarantine: quarantine)
            for (index, update) in updates.enumerated() {
                let expected = update.isDeletion ? [] : try Self.revList(update.new.hex, in: repo)
                #expect(Set(result[index].map(\.hex)) == Set(expected), "\(kind) \(update.ref) \(push)")
                #expect(result[index].count == Set(result[index]).count)
            }
        }
    }

    @Test func classificationUsesAncestryAndObjectType() throws {
        let history = try Self.history()
        let repository = try Repository(discoveringFrom: history.repo.path)
        let pushed = PushedCommits(repository: repository)
        func id(_ name: String) -> ObjectID { ObjectID(hex: history.ids[name] ?? "") ?? .zero }
        #expect(pushed.classify(RefUpdate(ref: "refs/heads/main", old: id("E"), new: id("N1"))).change == .fastForward)
        #expect(pushed.classify(RefUpdate(ref: "refs/heads/main", old: id("E"), new: id("N2"))).change == .forcePush)
        #expect(pushed.classify(RefUpdate(ref: "refs/tags/t", old: .zero, new: id("TAG"))).annotatedTag)
        #expect(!pushed.classify(RefUpdate(ref: "refs/tags/t", old: .zero, new: id("N2"))).annotatedTag)
    }

    static func revList(_ tip: String, in repo: TemporaryRepository) throws -> [String] {
        try repo.git(["rev-list", tip, "--not", "--all"]).split(separator: "\n").map(String.init)
    }

    static func emptyDirectory(_ repo: TemporaryRepository) throws -> String {
        let url = repo.url.deletingLastPathComponent().appendingPathComponent("quarantine-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url.appendingPathComponent("pack"), withIntermediateDirectories: true)
        return url.path
    }

    /// A quarantine holding what a client would send: the objects the tips need that no ref reaches.
    static func pack(_ tips: [String], in repo: TemporaryRepository) throws -> String {
        let directory = try emptyDirectory(repo)
        guard !tips.isEmpty else { return directory }
        let objects = try repo.git(["rev-list", "--objects"] + tips + ["--not", "--all"])
        let lines = objects.split(separator: "\n").map { String($0.prefix(40)) }
        guard !lines.isEmpty else { return directory }
        let ids = lines.joined(separator: "\n") + "\n"
        try repo.git(["pack-objects", "-q", directory + "/pack/pack"], input: Data(ids.utf8))
        return directory
    }
}
