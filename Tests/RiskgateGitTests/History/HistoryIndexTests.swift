import Foundation
import RiskgateCore
import RiskgateGit
import RiskgateTestSupport
import Testing

/// The history index on real repositories: reverts by id and by subject, reverts of reverts,
/// reverted merges and fix-ups give the right per-path counts and findings; incremental
/// updates equal a rebuild; corrupt, rewritten and concurrently updated indexes stay valid.
struct HistoryIndexTests {
    static func model(_ script: HistoryScript) throws -> (HistoryModel, HistoryIndexStore.UpdateOutcome) {
        let repository = try Repository(discoveringFrom: script.repo.path)
        let outcome = try HistoryIndexStore(repository: repository).update()
        return (HistoryModel(records: outcome.index.records), outcome)
    }

    struct Expected: Sendable, CustomStringConvertible {
        var path: String
        var changes: Int
        var reverted: Int
        var fixed: Int
        var authors: Int
        var description: String { path }
    }

    static let expectations: [Expected] = [
        // A, B, revert B, D, revert D (by subject), F, revert F, revert of that revert.
        // Authors: dev@ and ops@, and the repository's own identity for git revert.
        Expected(path: "deploy/values.yaml", changes: 8, reverted: 4, fixed: 0, authors: 3),
        // A, T1 (on the branch), the merge (first-parent diff), the merge's revert.
        Expected(path: "app/main.go", changes: 4, reverted: 1, fixed: 0, authors: 3),
        // I, J ("fix(config): ..." an hour later fixes I), K (fixup! of I).
        Expected(path: "app/config.yaml", changes: 3, reverted: 0, fixed: 1, authors: 1),
        // X, Y (Fixes: X, ten days later: a trailer needs no window), P ("Prefix ... fixtures" is no fix).
        Expected(path: "app/cache.go", changes: 3, reverted: 0, fixed: 1, authors: 1),
        Expected(path: "README.md", changes: 1, reverted: 0, fixed: 0, authors: 1),
        Expected(path: "never/touched", changes: 0, reverted: 0, fixed: 0, authors: 0),
    ]

    @Test(arguments: expectations)
    func perPathCounts(_ expected: Expected) throws {
        let script = try HistoryScript.scenario()
        let (model, _) = try Self.model(script)
        let stats = model.statistics(for: expected.path, before: model.count, now: script.clock)
        #expect(stats.changes == expected.changes)
        #expect(stats.reverted == expected.reverted)
        #expect(stats.quicklyFixed == expected.fixed)
        #expect(stats.authors == expected.authors)
        let recent = model.recentStatistics(for: expected.path, before: model.count, now: script.clock)
        #expect(recent.recentChanges == stats.recentChanges)
        #expect(recent.recentReverted == stats.recentReverted)
        #expect(recent.recentFixed == stats.recentFixed)
        #expect(recent.churn == stats.churn)
        #expect(recent.churnAuthors == stats.churnAuthors)
    }

    @Test func revertLinksPointAtTheRevertedCommits() throws {
        let script = try HistoryScript.scenario()
        let (model, _) = try Self.model(script)
        func position(_ name: String) throws -> Int {
            try #require(script.id(name).flatMap { model.position(of: $0) }, "\(name)")
        }
        let pairs = [("B", "revB"), ("D", "revD"), ("F", "revF"), ("revF", "revrevF"), ("M", "revM")]
        for (reverted, by) in pairs {
            #expect(model.revertedBy[try position(reverted)] == (try position(by)), "\(reverted) reverted by \(by)")
        }
        #expect(model.revertedBy.count == pairs.count)
        #expect(model.fixedBy[try position("I")] == (try position("J")))
        #expect(model.fixedBy[try position("X")] == (try position("Y")))
        #expect(model.fixedBy.count == 2)
    }

    @Test func revertHotspotFindingIsExplained() throws {
        let script = try HistoryScript.scenario()
        let (model, _) = try Self.model(script)
        let commit = CommitSnapshot(
            id: ObjectID(high: 1, middle: 2, low: 3), parents: [],
            author: Signature(name: "a", email: "a@example.com", time: script.clock + 60),
            committer: Signature(name: "a", email: "a@example.com", time: script.clock + 60),
            message: CommitMessage("Bump replicas again"),
            files: [
                FileChange(path: "deploy/values.yaml", status: .modified, added: 1, deleted: 1),
                FileChange(path: "app/main.go", status: .modified, added: 1, deleted: 0),
            ])
        var rules = HistoryRules.standard
        rules.points[BuiltInRule.HistoryRuleID.revertHotspot] = 12
        let findings = HistoryFindings(model: model, rules: rules).findings(for: commit)
        #expect(findings.map(\.rule) == ["revert-hotspot"])
        #expect(findings.first?.points == 12)
        #expect(findings.first?.path == "deploy/values.yaml")
        #expect(findings.first?.message.hasPrefix("4 of the last 8 changes to deploy/values.yaml were reverted") == true)

        // Replaying: as of B itself nothing was reverted yet, so B gets no history finding.
        let disabled = HistoryRules.configured(disabled: ["revert-hotspot"], points: [:])
        #expect(HistoryFindings(model: model, rules: disabled).findings(for: commit).isEmpty)
    }

    @Test func replayNeverSeesTheFuture() throws {
        let script = try HistoryScript.scenario()
        let (model, _) = try Self.model(script)
        let f = try #require(script.id("F").flatMap { model.position(of: $0) })
        let atF = model.statistics(for: "deploy/values.yaml", before: f, now: 0)
        // Before F: A, B, revert B, D, revert D; B and D already reverted.
        #expect(atF.changes == 5)
        #expect(atF.reverted == 2)
        let b = try #require(script.id("B").flatMap { model.position(of: $0) })
        #expect(model.statistics(for: "deploy/values.yaml", before: b, now: 0).reverted == 0)
    }

    @Test func incrementalUpdateEqualsFullRebuild() throws {
        let script = try HistoryScript.scenario()
        let repository = try Repository(discoveringFrom: script.repo.path)
        let store = HistoryIndexStore(repository: repository)
        let first = try store.update()
        #expect(first.kind == .built(reason: "no index yet"))
        #expect(try store.update().kind == .upToDate)
        for index in 0..<5 {
            try script.commit("N\(index)", "Change \(index)", ["deploy/values.yaml": "replicas: \(index + 10)\n"])
        }
        try script.revert("N4", as: "revN4")
        try script.branch("topic")
        try script.commit("T9", "Topic work", ["app/topic.go": "package topic\n"])
        try script.checkout("main")
        try script.merge("topic", as: "M2", message: "Merge topic")
        let reopened = try Repository(discoveringFrom: script.repo.path)
        let incremental = try HistoryIndexStore(repository: reopened).update()
        #expect(incremental.kind == .updated)
        #expect(incremental.added == 8)
        let rebuilt = try HistoryIndexStore(repository: reopened).update(rebuild: true)
        #expect(Set(incremental.index.records) == Set(rebuilt.index.records))
        #expect(incremental.index.tips == rebuilt.index.tips)
        let a = HistoryModel(records: incremental.index.records)
        let b = HistoryModel(records: rebuilt.index.records)
        for path in ["deploy/values.yaml", "app/main.go", "app/topic.go", "app/config.yaml"] {
            #expect(a.statistics(for: path, before: a.count, now: script.clock) == b.statistics(for: path, before: b.count, now: script.clock))
        }
        #expect(a.statistics(for: "deploy/values.yaml", before: a.count, now: script.clock).reverted == 5)
    }

    @Test(arguments: ["", "garbage\n", "riskgate-history-index 99\nrevisions HEAD\ntips \nend 0\n", "TRUNCATE", "BADCOUNT"])
    func corruptIndexIsRebuilt(_ damage: String) throws {
        let script = try HistoryScript.scenario()
        let repository = try Repository(discoveringFrom: script.repo.path)
        let store = HistoryIndexStore(repository: repository)
        let good = try store.update()
        var bytes = try Data(contentsOf: URL(fileURLWithPath: store.path))
        switch damage {
        case "TRUNCATE": bytes = bytes.prefix(bytes.count / 2)
        case "BADCOUNT":
            var text = String(decoding: bytes, as: UTF8.self)
            text = text.replacingOccurrences(of: "end \(good.index.records.count)\n", with: "end 3\n")
            bytes = Data(text.utf8)
        default: bytes = Data(damage.utf8)
        }
        try bytes.write(to: URL(fileURLWithPath: store.path))
        guard case .corrupt = store.load() else {
            Issue.record("damaged index \(damage.debugDescription) was not detected")
            return
        }
        let repaired = try store.update()
        guard case .built(let reason) = repaired.kind else {
            Issue.record("expected a rebuild, got \(repaired.kind)")
            return
        }
        #expect(reason.contains("unusable"))
        #expect(repaired.index == good.index)
    }

    @Test func rewrittenHistoryRebuildsTheIndex() throws {
        let script = try HistoryScript.scenario()
        let repository = try Repository(discoveringFrom: script.repo.path)
        _ = try HistoryIndexStore(repository: repository).update()
        try script.repo.git(["reset", "-q", "--hard", "HEAD~3"])
        try script.commit("Z", "Rewritten", ["app/cache.go": "package cache\n// rewritten\n"])
        let reopened = try Repository(discoveringFrom: script.repo.path)
        let outcome = try HistoryIndexStore(repository: reopened).update()
        guard case .built(let reason) = outcome.kind else {
            Issue.record("expected a rebuild, got \(outcome.kind)")
            return
        }
        #expect(reason.contains("rewritten"))
        #expect(!outcome.index.records.contains { $0.id == script.id("P") })
    }

    /// Several updaters at once (separate repository handles and lock descriptors, as separate
    /// processes would have) all finish and leave one valid, complete index.
    @Test func concurrentUpdatesLeaveAValidIndex() async throws {
        let script = try HistoryScript.scenario()
        let path = script.repo.path
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<6 {
                group.addTask {
                    let repository = try Repository(discoveringFrom: path)
                    _ = try HistoryIndexStore(repository: repository).update()
                }
            }
            try await group.waitForAll()
        }
        let repository = try Repository(discoveringFrom: path)
        guard case .loaded(let index) = HistoryIndexStore(repository: repository).load() else {
            Issue.record("no valid index after concurrent updates")
            return
        }
        let count = try script.repo.git(["rev-list", "--count", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(index.records.count == Int(count))
        #expect(Set(index.records.map(\.id)).count == index.records.count)
    }
}
