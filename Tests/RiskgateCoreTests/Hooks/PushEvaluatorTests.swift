import RiskgateCore
import Testing

/// Per-ref verdicts, deadlines, failure policies, waivers and the message a pusher reads.
struct PushEvaluatorTests {
    static func id(_ n: Int) -> ObjectID { ObjectID(high: UInt64(n), middle: 0, low: 1) }

    /// An analysis whose score is `score` through one finding in `category`.
    static func analysis(_ n: Int, score: Int, category: String = "infrastructure", ai: Bool = false) -> CommitAnalysis {
        let commit = CommitSnapshot(
            id: id(n), parents: [], author: Signature(name: "A", email: "a@x", time: 0),
            committer: Signature(name: "A", email: "a@x", time: 0), message: CommitMessage("Change \(n)\n"), files: [])
        let findings = score > 0
            ? [Finding(rule: "rule-\(category)", category: category, points: score, message: "touches \(category)", commit: id(n), path: "infra/main.tf")]
            : []
        return CommitAnalysis(
            commit: commit, trailers: [], authorship: ai ? Authorship(kind: .aiAuthored, tool: "claude-code", confidence: .high) : .unmarkedHuman,
            traceability: ai ? Traceability(status: .missing) : .notRequired, fileCategories: [], findings: findings, score: score,
            level: LevelThresholds.standard.level(for: score), decision: .allow)
    }

    static let blocking = DecisionPolicy(flagAt: .high, blockAt: .critical)

    static func work(_ ref: String, _ commits: [Int], change: RefChange = .fastForward) -> RefWork {
        let update = RefUpdate(ref: ref, old: id(1000), new: id(commits.first ?? 1001))
        return RefWork(update: update, classification: RefClassification(change: change, namespace: update.namespace, annotatedTag: false),
            commits: commits.map(id))
    }

    static func evaluate(
        _ work: [RefWork], scores: [Int: Int], settings: HookSettings = .server, side: HookSide = .server,
        environment: [String: String] = [:], clock: @escaping () -> Int = { 0 }, failing: Set<Int> = [],
        categories: [Int: String] = [:]
    ) -> PushVerdict {
        let evaluator = PushEvaluator(settings: settings, side: side, environment: HookEnvironment(environment)) { ref in
            ref == "refs/heads/main" ? blocking : .standard
        }
        return evaluator.evaluate(work, analyze: { id in
            let n = Int(id.high)
            if failing.contains(n) { throw TestError.broken }
            return analysis(n, score: scores[n] ?? 0, category: categories[n] ?? "infrastructure")
        }, elapsedMilliseconds: clock)
    }

    enum TestError: Error { case broken }

    @Test func eachRefGetsItsOwnVerdict() {
        let verdict = Self.evaluate(
            [Self.work("refs/heads/main", [1, 2]), Self.work("refs/heads/feature", [3]), Self.work("refs/heads/docs", [4])],
            scores: [1: 90, 3: 60])
        #expect(verdict.refs.map(\.status) == [.block, .flag, .allow])
        #expect(verdict.decision == .block && verdict.exitCode == 1)
        #expect(verdict.refs[0].results.first?.analysis.commit.id == Self.id(1))
    }

    @Test func sharedCommitsAreAnalysedOnce() {
        var calls = 0
        let evaluator = PushEvaluator(settings: .server, side: .server, environment: HookEnvironment([:])) { _ in Self.blocking }
        let verdict = evaluator.evaluate(
            [Self.work("refs/heads/main", [1, 2]), Self.work("refs/tags/v1", [1])],
            analyze: { id in calls += 1; return Self.analysis(Int(id.high), score: 0) }, elapsedMilliseconds: { 0 })
        #expect(calls == 2)
        #expect(verdict.refs.map(\.commitCount) == [2, 1])
    }

    @Test(arguments: [(Decision.allow, RefVerdictStatus.incomplete, Decision.allow), (.flag, .incomplete, .flag), (.block, .incomplete, .block)])
    func deadlineMakesRefsIncomplete(onTimeout: Decision, status: RefVerdictStatus, decision: Decision) {
        var now = 0
        let settings = HookSettings(deadlineMilliseconds: 10, onTimeout: onTimeout)
        let verdict = Self.evaluate(
            [Self.work("refs/heads/feature", [1, 2, 3])], scores: [:], settings: settings,
            clock: { defer { now += 6 }; return now })
        #expect(verdict.refs[0].status == status)
        #expect(verdict.refs[0].results.count == 2 && verdict.refs[0].unanalyzed == 1)
        #expect(verdict.refs[0].decision == decision)
        let text = HookMessage(hook: "pre-receive", side: .server, prefix: "").render(verdict, settings: settings)
        #expect(text.contains("INCOMPLETE"))
        #expect(text.contains("2 of 3 commits analysed before the 10 ms deadline"))
        #expect(text.contains("on_timeout=\(onTimeout.rawValue) decides"))
        // The verdict names what the deadline left.
        #expect(verdict.refs[0].unanalysedCommits == [Self.work("refs/heads/feature", [3]).commits[0]])
        #expect(text.contains("not analysed: \(verdict.refs[0].unanalysedCommits[0].abbreviated())"), "\(text)")
    }

    /// Without on_timeout in the configuration, a ref whose policy can block fails closed and
    /// one that cannot fails open.
    @Test(arguments: [("refs/heads/main", Decision.block), ("refs/heads/feature", .flag)])
    func deadlineDefaultsFollowTheRefsPolicy(_ ref: String, _ expected: Decision) {
        var now = 0
        let settings = HookSettings(deadlineMilliseconds: 10)
        let evaluator = PushEvaluator(settings: settings, side: .server, environment: HookEnvironment([:])) { name in
            name == "refs/heads/main" ? DecisionPolicy(flagAt: .medium, blockAt: .critical) : .standard
        }
        let verdict = evaluator.evaluate(
            [Self.work(ref, [1, 2, 3])], analyze: { Self.analysis(Int($0.high), score: 0) },
            elapsedMilliseconds: { defer { now += 6 }; return now })
        #expect(verdict.refs[0].status == .incomplete)
        #expect(verdict.refs[0].decision == expected)
        #expect(verdict.refs[0].failureDecision == expected)
    }

    @Test func riskiestRefsAreAnalysedFirst() {
        var now = 0
        let settings = HookSettings(deadlineMilliseconds: 1, onTimeout: .allow)
        let verdict = Self.evaluate(
            [Self.work("refs/heads/docs", [1]), Self.work("refs/heads/main", [2])], scores: [2: 95], settings: settings,
            clock: { defer { now += 1 }; return now })
        #expect(verdict.refs[1].status == .block)
        #expect(verdict.refs[0].status == .incomplete)
    }

    @Test(arguments: [Decision.allow, .flag, .block])
    func internalFailuresFollowOnError(onError: Decision) {
        let settings = HookSettings(onError: onError)
        let verdict = Self.evaluate([Self.work("refs/heads/feature", [1])], scores: [:], settings: settings, failing: [1])
        #expect(verdict.refs[0].status == .error)
        #expect(verdict.refs[0].decision == onError)
        let text = HookMessage(hook: "pre-receive", side: .server, prefix: "").render(verdict, settings: settings)
        #expect(text.contains("on_error=\(onError.rawValue) decides"))
    }

    @Test(arguments: [
        // options, pusher, allowed, category, accepted, why
        (["riskgate.waive=hotfix for INC-42"], "alice", ["alice"], "infrastructure", true, ""),
        (["riskgate.waive=hotfix"], "mallory", ["alice"], "infrastructure", false, "mallory may not waive"),
        (["riskgate.waive="], "alice", ["alice"], "infrastructure", false, "needs a reason"),
        (["riskgate.waive"], "alice", ["alice"], "infrastructure", false, "needs a reason"),
        (["riskgate.waive=   "], "alice", ["alice"], "infrastructure", false, "needs a reason"),
        (["riskgate.waive=ok"], "alice", ["alice"], "gate-self", false, "gate-self cannot be waived"),
        (["riskgate.waive=ok"], "", ["alice"], "infrastructure", false, "identity is unknown"),
        (["riskgate.waive=ok"], "alice", [], "infrastructure", false, "alice may not waive"),
    ])
    func serverWaivers(options: [String], pusher: String, allowed: [String], category: String, accepted: Bool, why: String) {
        var environment = ["GIT_PUSH_OPTION_COUNT": "\(options.count)"]
        for (index, option) in options.enumerated() { environment["GIT_PUSH_OPTION_\(index)"] = option }
        if !pusher.isEmpty { environment["GITHUB_USER_LOGIN"] = pusher }
        let settings = HookSettings(allowedWaivers: allowed, unwaivableCategories: ["gate-self"])
        let verdict = Self.evaluate([Self.work("refs/heads/main", [1])], scores: [1: 90], settings: settings,
            environment: environment, categories: [1: category])
        let ref = verdict.refs[0]
        if accepted {
            #expect(ref.status == .waived && ref.decision == .flag && verdict.exitCode == 0)
        } else {
            #expect(ref.status == .block && verdict.exitCode == 1)
            guard case .refused(let text)? = ref.waiver else { Issue.record("expected a refusal, got \(String(describing: ref.waiver))"); return }
            #expect(text.contains(why), "\(text)")
        }
    }

    @Test func clientWaiverNeedsOnlyAReasonWhenNobodyIsListed() {
        let verdict = Self.evaluate([Self.work("refs/heads/main", [1])], scores: [1: 90], settings: .client, side: .client,
            environment: ["RISKGATE_WAIVE": "demo tomorrow"])
        #expect(verdict.refs[0].status == .waived)
        let refused = Self.evaluate([Self.work("refs/heads/main", [1])], scores: [1: 90], settings: .client, side: .client,
            environment: ["RISKGATE_WAIVE": ""])
        #expect(refused.refs[0].status == .block)
    }

    @Test func waiverOnAnAllowedPushIsNotNeeded() {
        let verdict = Self.evaluate([Self.work("refs/heads/main", [1])], scores: [:],
            environment: ["GIT_PUSH_OPTION_COUNT": "1", "GIT_PUSH_OPTION_0": "riskgate.waive=x"])
        #expect(verdict.refs[0].waiver == .notNeeded && verdict.refs[0].status == .allow)
    }

    @Test(arguments: [
        (["GITHUB_USER_LOGIN": "octo"], HookPlatform.github, "octo", "GITHUB_USER_LOGIN"),
        (["GL_USERNAME": "gl", "GL_PROTOCOL": "ssh"], .gitlab, "gl", "GL_USERNAME"),
        (["GL_ID": "user-1"], .gitlab, "", ""),
        (["GITEA_PUSHER_NAME": "tea"], .gitea, "tea", "GITEA_PUSHER_NAME"),
        (["REMOTE_USER": "ru"], .plain, "ru", "REMOTE_USER"),
        // The admin's identity_env wins over a platform variable the pusher could set.
        (["GL_USERNAME": "alice", "REMOTE_USER": "mallory"], .gitlab, "mallory", "REMOTE_USER"),
        (["REMOTE_USER": "  "], .plain, "", ""),
        ([:], .plain, "", ""),
    ])
    func identityAndPlatform(variables: [String: String], platform: HookPlatform, name: String, variable: String) {
        let environment = HookEnvironment(variables)
        #expect(environment.platform == platform)
        let pusher = environment.pusher(identityVariable: "REMOTE_USER")
        #expect((pusher?.name ?? "") == name && (pusher?.variable ?? "") == variable)
        #expect(environment.messagePrefix == (platform == .gitlab ? "GL-HOOK-ERR: " : ""))
    }

    @Test func pushOptionsAreNilUnlessNegotiated() {
        #expect(HookEnvironment([:]).pushOptions == nil)
        #expect(HookEnvironment(["GIT_PUSH_OPTION_COUNT": "0"]).pushOptions == [])
        let two = HookEnvironment(["GIT_PUSH_OPTION_COUNT": "2", "GIT_PUSH_OPTION_0": "riskgate.waive=a", "GIT_PUSH_OPTION_1": "riskgate.waive=b"])
        #expect(two.waiverRequest(side: .server)?.reason == "b")
    }

    @Test func messageNamesCommitRuleTrailerAndWaiver() {
        let evaluator = PushEvaluator(settings: .server, side: .server, environment: HookEnvironment(["GL_USERNAME": "dev"])) { _ in Self.blocking }
        let verdict = evaluator.evaluate(
            [Self.work("refs/heads/main", [7]), Self.work("refs/heads/other", [8])],
            analyze: { id in Self.analysis(Int(id.high), score: Int(id.high) == 7 ? 85 : 0, ai: true) }, elapsedMilliseconds: { 0 })
        let text = HookMessage(hook: "pre-receive", side: .server, prefix: HookEnvironment(["GL_USERNAME": "dev"]).messagePrefix)
            .render(verdict, settings: .server)
        let lines = text.split(separator: "\n")
        #expect(lines.allSatisfy { $0.hasPrefix("GL-HOOK-ERR: ") })
        #expect(text.contains("BLOCK  refs/heads/main"))
        #expect(text.contains("ALLOW  refs/heads/other"))
        #expect(text.contains("commit \(Self.id(7).abbreviated())"))
        #expect(text.contains("rule rule-infrastructure [infrastructure] +85 in infra/main.tf"))
        #expect(text.contains("AI-Session: <url or id of the session>"))
        #expect(text.contains("git push -o 'riskgate.waive=<reason>'"))
        #expect(text.contains("no ref was updated"))
        #expect(text.contains("pusher dev"))
    }
}
