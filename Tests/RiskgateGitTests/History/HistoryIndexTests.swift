import Foundation
import RiskgateCore
import RiskgateGit
import RiskgateTestSupport
import Testing

/// The history index on real repositories: reverts by id and by subject, reverts of reverts,
/// reverted merges and fix-ups give the right per-path counts and findings; incremental
/// updates and compactions equal a rebuild; damaged, torn, rewritten and concurrently updated
/// indexes stay valid.
struct HistoryIndexTests {
    /// The index's view of a scenario (lookups on the file) and a model of all its commits.
    static func histories(_ script: HistoryScript) throws -> (index: HistoryModel, memory: HistoryModel) {
        let repository = try Repository(discoveringFrom: script.repo.path)
        _ = try HistoryIndexStore(repository: repository).update()
        let snapshot = try opened(HistoryIndexStore(repository: repository))
        let records = try HistoryCommitReader.records(repository: repository, range: repository.resolve(["HEAD"]))
        return (snapshot.model, HistoryModel(records: records))
    }

    static func opened(_ store: HistoryIndexStore, verify: Bool = true) throws -> HistoryIndexSnapshot {
        switch store.open(verify: verify) {
        case .loaded(let snapshot): return snapshot
        case .missing: throw TestFailure.setup("no index at \(store.path)")
        case .corrupt(let reason): throw TestFailure.setup("unusable index: \(reason)")
        }
    }

    static func dump(_ store: HistoryIndexStore, _ script: HistoryScript) throws -> HistoryDump {
        let ids = try script.repo.git(["rev-list", "--all"]).split(separator: "\n").compactMap { ObjectID(hex: $0) }
        return HistoryDump(try opened(store).model, ids: ids.sorted())
    }

    struct Expected: Sendable, CustomStringConvertible {
        var path: String
        var changes: Int
        var reverted: Int
        var followed: Int
        var fixed: Int
        var authors: Int
        var description: String { path }
    }

    static let expectations: [Expected] = [
        // A, B, revert B, D, revert D (by subject), F, revert F, revert of that revert; each
        // followed by the next within minutes. Authors: dev@, ops@, and git revert's identity.
        Expected(path: "deploy/values.yaml", changes: 8, reverted: 4, followed: 7, fixed: 0, authors: 3),
        // A, T1 (on the branch, landed by M), the merge (first-parent diff), the merge's revert.
        Expected(path: "app/main.go", changes: 4, reverted: 1, followed: 2, fixed: 0, authors: 3),
        // I, J ("fix(config): ..." an hour later fixes I), K (fixup! of I, already fixed).
        Expected(path: "app/config.yaml", changes: 3, reverted: 0, followed: 2, fixed: 1, authors: 1),
        // X, Y (Fixes: X, ten days later: a trailer needs no window), P ("Prefix ... fixtures" is no fix).
        Expected(path: "app/cache.go", changes: 3, reverted: 0, followed: 2, fixed: 1, authors: 1),
        Expected(path: "README.md", changes: 1, reverted: 0, followed: 0, fixed: 0, authors: 1),
        Expected(path: "never/touched", changes: 0, reverted: 0, followed: 0, fixed: 0, authors: 0),
    ]

    @Test(arguments: expectations)
    func perPathCounts(_ expected: Expected) throws {
        let script = try HistoryScript.scenario()
        let (index, memory) = try Self.histories(script)
        for history in [index, memory] {
            let stats = history.statistics(for: expected.path, before: history.count, now: script.clock, settings: .standard)
            #expect(stats.changes == expected.changes)
            #expect(stats.reverted == expected.reverted)
            #expect(stats.followed == expected.followed)
            #expect(stats.quicklyFixed == expected.fixed)
            #expect(stats.authors == expected.authors)
            let recent = history.recentStatistics(for: expected.path, before: history.count, now: script.clock, settings: .standard)
            #expect(recent.recentChanges == stats.recentChanges)
            #expect(recent.recentReverted == stats.recentReverted)
            #expect(recent.recentFollowed == stats.recentFollowed)
            #expect(recent.recentFixed == stats.recentFixed)
            #expect(recent.churn == stats.churn)
            #expect(recent.churnAuthors == stats.churnAuthors)
        }
    }

    @Test func linksPointAtTheRevertedAndFixedCommits() throws {
        let script = try HistoryScript.scenario()
        let (index, memory) = try Self.histories(script)
        #expect(HistoryDump(index, ids: []) == HistoryDump(memory, ids: []))
        let model = index
        func position(_ name: String) throws -> Int {
            try #require(script.id(name).flatMap { model.position(of: $0) }, "\(name)")
        }
        let pairs = [("B", "revB"), ("D", "revD"), ("F", "revF"), ("revF", "revrevF"), ("M", "revM")]
        for (reverted, by) in pairs {
            #expect(model.revertedBy(try position(reverted)) == (try position(by)), "\(reverted) reverted by \(by)")
        }
        #expect(model.revertedCount == pairs.count)
        #expect(model.change(of: "app/config.yaml", at: try position("I"))?.fixedBy == (try position("J")))
        #expect(model.change(of: "app/cache.go", at: try position("X"))?.fixedBy == (try position("Y")))
        #expect(model.followUps(before: model.count).fixed == 2)
        // The branch commit sits just before the merge that landed it, and landed with it.
        #expect(try position("T1") + 1 == (try position("M")))
        #expect(model.landing(of: try position("T1")) == model.landing(of: try position("M")))
    }

    @Test func revertHotspotFindingIsExplained() throws {
        let script = try HistoryScript.scenario()
        let (model, _) = try Self.histories(script)
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
        let findings = HistoryFindings(history: model, rules: rules).findings(for: commit)
        #expect(findings.map(\.rule) == ["revert-hotspot"])
        #expect(findings.first?.points == 12)
        #expect(findings.first?.path == "deploy/values.yaml")
        #expect(findings.first?.message.hasPrefix("4 of the last 8 changes to deploy/values.yaml were reverted") == true)

        let disabled = HistoryRules.configured(disabled: ["revert-hotspot"], points: [:])
        #expect(HistoryFindings(history: model, rules: disabled).findings(for: commit).isEmpty)
        // Configured thresholds apply at lookup time: 5 reverted changes are needed now.
        let strict = HistorySettings(minimumReverted: 5)
        #expect(HistoryFindings(history: model, settings: strict, rules: rules).findings(for: commit).isEmpty)
    }

    @Test func replayNeverSeesTheFuture() throws {
        let script = try HistoryScript.scenario()
        let (model, _) = try Self.histories(script)
        let f = try #require(script.id("F").flatMap { model.position(of: $0) })
        let atF = model.statistics(for: "deploy/values.yaml", before: f, now: 0, settings: .standard)
        // Before F: A, B, revert B, D, revert D; B and D already reverted.
        #expect(atF.changes == 5)
        #expect(atF.reverted == 2)
        let b = try #require(script.id("B").flatMap { model.position(of: $0) })
        #expect(model.statistics(for: "deploy/values.yaml", before: b, now: 0, settings: .standard).reverted == 0)
    }

    /// New commits whose links reach back into the compacted base (a revert by id and by
    /// subject, a `Fixes:` trailer, fix subjects within the window, a merged branch dated
    /// before the last indexed commit) are appended, then compacted, and the index always
    /// answers what a full rebuild answers.
    @Test func incrementalUpdatesAndCompactionEqualAFullRebuild() throws {
        let script = try HistoryScript.scenario()
        let repository = try Repository(discoveringFrom: script.repo.path)
        let store = HistoryIndexStore(repository: repository)
        #expect(try store.update().kind == .built(reason: "no index yet"))
        #expect(try store.update().kind == .upToDate)

        // First batch: links onto base commits.
        try script.commit("N0", "Fix cache warm-up", ["app/cache.go": "package cache\n// warm\n"])
        let i = try #require(script.id("I")).hex
        try script.commit("N1", "Revert \"Tune timeouts\"\n\nThis reverts commit \(i).\n", ["app/config.yaml": "timeout: 5\n"])
        try script.commit("N1b", "Revert \"Add feature flag\"", ["app/main.go": "package main\n"])
        let x = try #require(script.id("X")).hex.prefix(9)
        try script.commit("N2", "Harden cache again\n\nFixes: \(x) (\"Add cache\")\n", ["app/cache.go": "package cache\n// harder\n"])
        let firstBatch = try HistoryIndexStore(repository: Repository(discoveringFrom: script.repo.path)).update()
        #expect(firstBatch.kind == .appended)
        #expect(firstBatch.added == 4)
        try expectRebuildEquals(script)
        let linked = try Self.opened(store).model
        func at(_ name: String) throws -> Int { try #require(script.id(name).flatMap { linked.position(of: $0) }, "\(name)") }
        #expect(linked.revertedBy(try at("I")) == (try at("N1")))
        #expect(linked.revertedBy(try at("T1")) == (try at("N1b")))
        #expect(linked.change(of: "app/cache.go", at: try at("P"))?.fixedBy == (try at("N0")))

        // Second batch: a branch with commits dated before the last indexed commit, merged now.
        let oldDate = script.clock - 5 * 86_400
        try script.branch("topic")
        try script.commit("T8", "Topic work", ["app/topic.go": "package topic\n"], at: oldDate)
        try script.commit("T9", "fix topic", ["app/topic.go": "package topic\n// fixed\n", "app/main.go": "package main\n// topic\n"], at: oldDate + 60)
        try script.checkout("main")
        try script.commit("N3", "fix(config): timeouts", ["app/config.yaml": "timeout: 7\n"])
        try script.merge("topic", as: "M2", message: "Merge topic")
        try script.commit("N4", "Hotfix main", ["app/main.go": "package main\n// hotfix\n"])
        let second = try HistoryIndexStore(repository: Repository(discoveringFrom: script.repo.path)).update()
        #expect(second.kind == .appended)
        #expect(second.added == 5)
        // (expectRebuildEquals rebuilt the index after the first batch.)
        #expect(try Self.opened(store).appendedCount == 5)
        try expectRebuildEquals(script)

        // A compaction rewrites the base from the stored records (no git walk needed).
        try script.commit("N5", "Change values", ["deploy/values.yaml": "replicas: 9\n"])
        try script.commit("N6", "Change values again", ["deploy/values.yaml": "replicas: 8\n"])
        #expect(try HistoryIndexStore(repository: Repository(discoveringFrom: script.repo.path)).update().kind == .appended)
        try script.commit("N7", "Change values once more", ["deploy/values.yaml": "replicas: 7\n"])
        let compacting = HistoryIndexStore(repository: try Repository(discoveringFrom: script.repo.path))
        compacting.compactionThreshold = 2
        let compacted = try compacting.update()
        #expect(compacted.kind == .compacted(reason: "3 appended commits"))
        #expect(try Self.opened(store).appendedCount == 0)
        try expectRebuildEquals(script)
    }

    /// The index as it is equals the index rebuilt from git (which then replaces it).
    private func expectRebuildEquals(_ script: HistoryScript, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let store = HistoryIndexStore(repository: try Repository(discoveringFrom: script.repo.path))
        let incremental = try Self.dump(store, script)
        _ = try store.update(rebuild: true)
        let rebuilt = try Self.dump(store, script)
        #expect(incremental == rebuilt, "\(incremental.firstDifference(from: rebuilt) ?? "")", sourceLocation: sourceLocation)
    }

    /// Changing the fix settings re-links the stored commits without walking git.
    @Test func changedFixSettingsRelinkTheIndex() throws {
        let script = try HistoryScript.scenario()
        let repository = try Repository(discoveringFrom: script.repo.path)
        let store = HistoryIndexStore(repository: repository)
        _ = try store.update()
        let wider = HistoryLinkSettings(fixSubjectWords: ["prefix"], fixWindowSeconds: 30 * 86_400)
        let outcome = try store.update(link: wider)
        guard case .compacted(let reason) = outcome.kind else {
            Issue.record("expected a re-link, got \(outcome.kind)")
            return
        }
        #expect(reason.contains("fix settings changed"))
        let snapshot = try Self.opened(store)
        #expect(snapshot.link == wider)
        // "Prefix handling for fixtures" now reads as a fix of Y's change to app/cache.go.
        let y = try #require(script.id("Y").flatMap { snapshot.model.position(of: $0) })
        #expect(snapshot.model.change(of: "app/cache.go", at: y)?.fixedBy != nil)
        #expect(try store.update(link: wider).kind == .upToDate)
    }

    static let damages = ["empty", "garbage", "version", "truncated", "header", "table", "records"]

    @Test(arguments: damages)
    func damagedIndexIsRebuilt(_ damage: String) throws {
        let script = try HistoryScript.scenario()
        let repository = try Repository(discoveringFrom: script.repo.path)
        let store = HistoryIndexStore(repository: repository)
        _ = try store.update()
        let good = try Self.dump(store, script)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: store.path))
        switch damage {
        case "empty": bytes = Data()
        case "garbage": bytes = Data("garbage\n".utf8)
        case "version": bytes[16] = 9
        case "truncated": bytes = bytes.prefix(bytes.count / 2)
        case "header": bytes[33] ^= 0x40
        case "table":
            let postings = bytes.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: 72 + 6 * 16, as: UInt64.self).littleEndian) }
            bytes[postings + 1] ^= 0xFF
        default: bytes[bytes.count - 30] ^= 0x01
        }
        try bytes.write(to: URL(fileURLWithPath: store.path))
        guard case .corrupt = store.open(verify: true) else {
            Issue.record("damaged index (\(damage)) was not detected")
            return
        }
        let repaired = try store.update()
        guard case .built(let reason) = repaired.kind else {
            Issue.record("expected a rebuild, got \(repaired.kind)")
            return
        }
        #expect(reason.contains("unusable"))
        #expect(try Self.dump(store, script) == good)
    }

    /// An update that died half-way through appending leaves bytes that readers ignore; the
    /// next update compacts them away.
    @Test func tornAppendIsIgnoredThenCompacted() throws {
        let script = try HistoryScript.scenario()
        let store = HistoryIndexStore(repository: try Repository(discoveringFrom: script.repo.path))
        _ = try store.update()
        try script.commit("N0", "More values", ["deploy/values.yaml": "replicas: 4\n"])
        _ = try HistoryIndexStore(repository: try Repository(discoveringFrom: script.repo.path)).update()
        let before = try Self.dump(store, script)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: store.path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("batch 2 400\nc\t0123".utf8))
        try handle.close()
        let torn = try Self.opened(store)
        #expect(torn.hasTornTail)
        #expect(try Self.dump(store, script) == before)
        let outcome = try store.update()
        #expect(outcome.kind == .compacted(reason: "an earlier update was interrupted"))
        #expect(try Self.opened(store).hasTornTail == false)
        #expect(try Self.dump(store, script) == before)
    }

    @Test func rewrittenHistoryRebuildsTheIndex() throws {
        let script = try HistoryScript.scenario()
        let repository = try Repository(discoveringFrom: script.repo.path)
        _ = try HistoryIndexStore(repository: repository).update()
        try script.repo.git(["reset", "-q", "--hard", "HEAD~3"])
        try script.commit("Z", "Rewritten", ["app/cache.go": "package cache\n// rewritten\n"])
        let reopened = try Repository(discoveringFrom: script.repo.path)
        let store = HistoryIndexStore(repository: reopened)
        #expect(throws: HistoryIndexError.self) { try store.update(rebuildAllowed: false) }
        let outcome = try store.update()
        guard case .built(let reason) = outcome.kind else {
            Issue.record("expected a rebuild, got \(outcome.kind)")
            return
        }
        #expect(reason.contains("rewritten"))
        let snapshot = try Self.opened(store)
        #expect(try snapshot.model.position(of: #require(script.id("P"))) == nil)
        #expect(try snapshot.model.position(of: #require(script.id("Z"))) != nil)
    }

    /// Several updaters at once (separate repository handles and lock descriptors, as separate
    /// processes would have), while new commits wait to be appended, all finish and leave one
    /// valid index with every commit exactly once.
    @Test func concurrentUpdatesLeaveAValidIndex() async throws {
        let script = try HistoryScript.scenario()
        let path = script.repo.path
        _ = try HistoryIndexStore(repository: Repository(discoveringFrom: path)).update()
        for round in 0..<3 {
            try script.commit("C\(round)", "Round \(round)", ["deploy/values.yaml": "replicas: \(round + 20)\n"])
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        let repository = try Repository(discoveringFrom: path)
                        _ = try HistoryIndexStore(repository: repository).update()
                    }
                }
                try await group.waitForAll()
            }
        }
        let store = HistoryIndexStore(repository: try Repository(discoveringFrom: path))
        let snapshot = try Self.opened(store)
        let ids = try script.repo.git(["rev-list", "HEAD"]).split(separator: "\n").compactMap { ObjectID(hex: $0) }
        #expect(snapshot.count == ids.count)
        #expect(Set(ids.compactMap { snapshot.model.position(of: $0) }).count == ids.count)
        #expect(snapshot.appendedCount == 3)
        #expect(!snapshot.hasTornTail)
    }
}
