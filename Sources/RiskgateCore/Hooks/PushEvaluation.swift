/// One ref's work for the evaluator: its update, what git says about it, and the commits it adds.
public struct RefWork: Sendable {
    public var update: RefUpdate
    public var classification: RefClassification
    /// The commits this ref adds (not yet on the other side), in the order to analyse them.
    public var commits: [ObjectID]
    /// Why the commits could not be computed; the ref then gets `on_error`.
    public var failure: String?
    /// The deadline passed before the commits could even be listed: the ref gets `on_timeout`.
    public var listingTimedOut = false

    public init(update: RefUpdate, classification: RefClassification, commits: [ObjectID], failure: String? = nil) {
        self.update = update
        self.classification = classification
        self.commits = commits
        self.failure = failure
    }
}

/// A commit's analysis and its decision under the policy of the ref it is pushed to.
public struct RefCommitResult: Hashable, Sendable {
    public var analysis: CommitAnalysis
    public var decision: Decision
    /// The policy keys behind `decision`, one each.
    public var reasons: [DecisionReason] = []
    /// Signed approvals, when the ref's policy requires them of this commit (SPEC §9).
    public var approvals: ApprovalStatus? = nil
}

/// What the display calls a ref's verdict.
public enum RefVerdictStatus: String, Hashable, Sendable {
    case allow = "ALLOW"
    case flag = "FLAG"
    case block = "BLOCK"
    /// The deadline passed before every commit was analysed; `on_timeout` decided.
    case incomplete = "INCOMPLETE"
    /// riskgate failed internally; `on_error` decided.
    case error = "ERROR"
    /// A block lifted by an accepted waiver.
    case waived = "WAIVED"
    /// The ref's policy is in `evaluate` mode: it would have blocked, and was accepted.
    case wouldBlock = "WOULD BLOCK"
}

/// One ref's verdict.
public struct RefVerdict: Sendable {
    public var update: RefUpdate
    public var classification: RefClassification
    /// Every commit the ref adds.
    public var commitCount: Int
    /// The commits analysed before the deadline, riskiest first.
    public var results: [RefCommitResult]
    public var failure: String?
    /// Findings about the update as a whole (force push, deletion, freeze, AI volume, kill switch).
    public var rangeFindings: [RangeFinding] = []
    /// The decision from the analysed commits and the range findings alone.
    public var policyDecision: Decision
    public var waiver: WaiverOutcome?
    /// The decision that counts: with `on_timeout`, `on_error`, the mode and the waiver applied.
    public var decision: Decision
    /// Commits the deadline left unanalysed, in the order they would have been analysed.
    public var unanalysedCommits: [ObjectID] = []
    /// The `on_timeout` or `on_error` decision applied, when one was.
    public var failureDecision: Decision?
    /// `evaluate` mode: what enforcing would have decided (block), while `decision` accepts.
    public var evaluatedDecision: Decision?

    /// A block the ref's `evaluate` mode turned into an acceptance.
    public var wouldBlock: Bool { evaluatedDecision == .block }

    /// The deadline passed before the ref's commits were listed (so none were counted).
    public var listingTimedOut = false

    public var unanalyzed: Int { commitCount - results.count }
    public var isComplete: Bool { failure == nil && unanalyzed == 0 && !listingTimedOut }

    public var status: RefVerdictStatus {
        if case .accepted? = waiver { return .waived }
        if wouldBlock { return .wouldBlock }
        if failure != nil { return .error }
        if unanalyzed > 0 || listingTimedOut { return .incomplete }
        switch decision {
        case .allow: return .allow
        case .flag: return .flag
        case .block: return .block
        }
    }

    /// Categories behind the decision: of the blocking commits, or of every analysed commit when
    /// the block came from the deadline or an error.
    public var categories: Set<String> {
        let blocking = results.filter { $0.decision == .block }
        let considered = blocking.isEmpty ? results : blocking
        var categories: Set<String> = []
        for result in considered { categories.formUnion(result.analysis.categories) }
        for range in rangeFindings where range.decision >= (blocking.isEmpty ? .flag : .block) {
            categories.insert(range.finding.category)
        }
        return categories
    }
}

/// The verdict of a whole push.
public struct PushVerdict: Sendable {
    public var refs: [RefVerdict]
    public var pusher: Pusher?
    public var waiverRequest: WaiverRequest?
    public var deadlineMilliseconds: Int?
    public var elapsedMilliseconds: Int

    /// The strictest ref decision; pre-receive rejects the whole push on `block`.
    public var decision: Decision { refs.map(\.decision).max() ?? .allow }
    public var isComplete: Bool { refs.allSatisfy(\.isComplete) }
    /// SPEC §2: 1 blocked, else 0.
    public var exitCode: Int32 { decision == .block ? 1 : 0 }
}

/// Turns ref work into verdicts: analyses commits (each once, however many refs reach it),
/// riskiest refs first, until the deadline; applies the failure policies and waivers.
public struct PushEvaluator {
    public var settings: HookSettings
    public var side: HookSide
    public var environment: HookEnvironment
    /// The decision policy for a ref name (`policy:` of the configuration).
    public var policy: (String) -> DecisionPolicy
    /// What the ref's policy says about the update as a whole.
    public var updatePolicy: (String) -> RefUpdatePolicy
    /// Seconds since the epoch, for freeze windows and the kill switch.
    public var now: Int64
    public var killSwitch: KillSwitch?
    /// Who pushes when the environment names nobody (the client: git's `user.email`).
    public var fallbackPusher: Pusher?
    /// `require_approvals` (SPEC §9): may hold or lift a commit's decision under its ref.
    public var approvals: ((_ ref: String, _ result: RefCommitResult) -> RefCommitResult)?

    public init(
        settings: HookSettings, side: HookSide, environment: HookEnvironment, now: Int64 = 0, killSwitch: KillSwitch? = nil,
        updatePolicy: @escaping (String) -> RefUpdatePolicy = { _ in .standard },
        policy: @escaping (String) -> DecisionPolicy
    ) {
        self.settings = settings
        self.side = side
        self.environment = environment
        self.now = now
        self.killSwitch = killSwitch
        self.updatePolicy = updatePolicy
        self.policy = policy
    }

    /// - Parameters:
    ///   - analyze: analyses one commit; a throw makes that ref an `on_error` case.
    ///   - elapsedMilliseconds: time since the hook started (the clock arrives from outside).
    public func evaluate(
        _ work: [RefWork], analyze: (ObjectID) throws -> CommitAnalysis, elapsedMilliseconds: () -> Int
    ) -> PushVerdict {
        var cache: [ObjectID: CommitAnalysis] = [:]
        var verdicts: [RefVerdict?] = Array(repeating: nil, count: work.count)
        var outOfTime = false
        for index in riskiestFirst(work) {
            let item = work[index]
            let refPolicy = policy(item.update.ref)
            var results: [RefCommitResult] = []
            var failure = item.failure
            if failure == nil {
                for id in item.commits {
                    if !outOfTime, let deadline = settings.deadlineMilliseconds, elapsedMilliseconds() >= deadline {
                        outOfTime = true
                    }
                    if outOfTime { break }
                    let analysis: CommitAnalysis
                    if let cached = cache[id] {
                        analysis = cached
                    } else {
                        do {
                            analysis = try analyze(id)
                        } catch {
                            failure = "analysing commit \(id.abbreviated()) failed: \(error)"
                            break
                        }
                        cache[id] = analysis
                    }
                    // One analysis serves every ref that reaches the commit; each ref decides it
                    // under its own policy, and the result carries that decision.
                    var judged = analysis
                    judged.decision = refPolicy.decision(for: analysis)
                    judged.reasons = refPolicy.reasons(for: analysis)
                    let result = RefCommitResult(analysis: judged, decision: judged.decision, reasons: judged.reasons)
                    results.append(approvals.map { $0(item.update.ref, result) } ?? result)
                }
            }
            verdicts[index] = verdict(for: item, results: results, failure: failure)
        }
        return PushVerdict(
            refs: verdicts.compactMap { $0 }, pusher: pusher, waiverRequest: environment.waiverRequest(side: side),
            deadlineMilliseconds: settings.deadlineMilliseconds, elapsedMilliseconds: elapsedMilliseconds())
    }

    var pusher: Pusher? { environment.pusher(identityVariable: settings.identityEnvironment) ?? fallbackPusher }

    private func verdict(for item: RefWork, results: [RefCommitResult], failure: String?) -> RefVerdict {
        let ordered = results.sorted { lhs, rhs in
            if lhs.decision != rhs.decision { return lhs.decision > rhs.decision }
            if lhs.analysis.score != rhs.analysis.score { return lhs.analysis.score > rhs.analysis.score }
            return false
        }
        let refPolicy = updatePolicy(item.update.ref)
        let range = RangeFindings.evaluate(
            update: item.update, classification: item.classification, analyses: results.map(\.analysis), policy: refPolicy,
            now: now, killSwitch: killSwitch)
        let policyDecision = max(results.map(\.decision).max() ?? .allow, range.map(\.decision).max() ?? .allow)
        var decision = policyDecision
        let canBlock = policy(item.update.ref).canBlock && refPolicy.mode == .enforce
        var failureDecision: Decision?
        if failure != nil {
            failureDecision = settings.onError(canBlock: canBlock)
        } else if results.count < item.commits.count || item.listingTimedOut {
            failureDecision = settings.onTimeout(canBlock: canBlock)
        }
        if let failureDecision { decision = max(decision, failureDecision) }
        var verdict = RefVerdict(
            update: item.update, classification: item.classification, commitCount: item.commits.count, results: ordered,
            failure: failure, rangeFindings: range, policyDecision: policyDecision, waiver: nil, decision: decision,
            failureDecision: failureDecision)
        verdict.listingTimedOut = item.listingTimedOut
        if refPolicy.mode == .evaluate {
            // Judged and told, never enforced: the pusher reads "would block", the audit log
            // records the evaluation, and the update goes through.
            verdict.evaluatedDecision = decision
            if decision == .block { verdict.decision = .flag }
            return verdict
        }
        if failure == nil, results.count < item.commits.count {
            let analysed = Set(results.map(\.analysis.commit.id))
            verdict.unanalysedCommits = item.commits.filter { !analysed.contains($0) }
        }
        if let request = environment.waiverRequest(side: side) {
            if decision == .block, !verdict.isComplete, !settings.unwaivableCategories.isEmpty {
                // What was not analysed may sit in a category nobody can waive: an incomplete
                // verdict never waives past `waivers.unwaivable`.
                verdict.waiver = .refused(
                    why: "not every commit was analysed, so riskgate cannot tell that no unwaivable category ("
                        + settings.unwaivableCategories.sorted().joined(separator: ", ") + ") is involved; push fewer commits at a time")
            } else if decision == .block {
                let outcome = WaiverPolicy.evaluate(
                    request, pusher: pusher, settings: settings, categories: verdict.categories, openToAnyone: side == .client)
                verdict.waiver = outcome
                if case .accepted = outcome { verdict.decision = .flag }
            } else {
                verdict.waiver = .notNeeded
            }
        }
        return verdict
    }

    /// Refs whose policy can block come first, then those that can flag: if time runs out, it
    /// runs out on the refs that matter least.
    func riskiestFirst(_ work: [RefWork]) -> [Int] {
        func weight(_ item: RefWork) -> Int {
            let refPolicy = policy(item.update.ref)
            if updatePolicy(item.update.ref).mode == .evaluate { return 2 }
            if refPolicy.blockAt != nil || refPolicy.requireTraceability == .block { return 0 }
            if refPolicy.flagAt != nil || refPolicy.requireTraceability == .flag { return 1 }
            return 2
        }
        return work.indices.sorted { lhs, rhs in
            let (a, b) = (weight(work[lhs]), weight(work[rhs]))
            return a != b ? a < b : lhs < rhs
        }
    }
}
