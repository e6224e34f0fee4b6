import RiskgateCore
import RiskgateGit

/// The push gate: one hook invocation end to end. Reads the updates (through the front end's
/// closure), opens the repository, loads the configuration, finds each ref's new commits,
/// evaluates them against the deadline with the shared `AnalysisPipeline`, records the verdict
/// in the audit log, and returns the exit code with the message for the pusher. Never throws
/// and never crashes: input errors exit 2; any other failure becomes a message and the
/// `on_error` decision (SPEC §2). No stdin and no stderr here: the front end owns both.
public struct PushGate {
    public var hook: String
    public var side: HookSide
    public var configOption: String?
    public var directory: String?

    public init(hook: String, side: HookSide, configOption: String?, directory: String?) {
        self.hook = hook
        self.side = side
        self.configOption = configOption
        self.directory = directory
    }

    /// What the front end passes on: the exit code and the text for the pusher (stderr).
    public struct Outcome {
        public var exitCode: Int32
        public var message: String
        /// Nil when the push could not be evaluated at all.
        public var verdict: PushVerdict?
    }

    /// Where the commits a ref update adds come from.
    public enum Selection {
        /// pre-push: not on `remote` yet.
        case client(remote: String)
        /// pre-receive: not reachable from any existing ref; quarantine speeds it up.
        case server(useQuarantine: Bool)
    }

    /// - Parameters:
    ///   - variables: the hook's environment.
    ///   - readUpdates: the ref updates as git gave them (stdin or arguments); a throw exits 2.
    public func run(
        selection: Selection, variables: [String: String], clock: Stopwatch = Stopwatch(),
        readUpdates: () throws(EngineError) -> [RefUpdate]
    ) -> Outcome {
        let environment = HookEnvironment(variables)
        let message = HookMessage(hook: hook, side: side, prefix: environment.messagePrefix)
        var out = ""
        func say(_ text: String) { out += text }

        let updates: [RefUpdate]
        do {
            updates = try readUpdates()
        } catch {
            return Outcome(
                exitCode: 2, message: environment.messagePrefix + "riskgate \(hook): error: \(error.description)\n", verdict: nil)
        }

        // git runs pre-push even when there is nothing to push: nothing to judge, nothing to load.
        if updates.isEmpty { return Outcome(exitCode: 0, message: "", verdict: nil) }

        var repository: Repository?
        var loaded: LoadedConfiguration?
        do {
            let repo = try Repository(discoveringFrom: directory)
            repository = repo
            let configuration = try ConfigurationLookup.load(
                option: configOption, reader: ConfigurationLookup.Reader(side), repository: repo)
            loaded = configuration

            let settings = HookSettings(configuration: configuration.configuration, side: side)
            let outOfTime = { settings.deadlineMilliseconds.map { clock.elapsed() >= $0 } ?? false }
            var work = refWork(
                updates, selection: selection, repository: repo, configuration: configuration.configuration,
                quarantinePath: variables["GIT_QUARANTINE_PATH"], outOfTime: outOfTime)
            // The pipeline every front end uses; the evaluator applies each ref's own policy to its
            // analyses. History findings come from the index as it is (read-only, never a history
            // walk); the server keeps it fresh in post-receive.
            let pipeline = AnalysisPipeline(repository: repo, configuration: configuration, ref: nil)
            let history = pipeline.history
            let session = CommitAnalysisSession(pipeline: pipeline, repository: repo)
            // With a deadline, the riskiest commits of each ref go first, judged by what is cheap
            // to know; whatever the deadline leaves is named in the verdict.
            if settings.deadlineMilliseconds != nil {
                for index in work.indices where work[index].commits.count > 1 && !outOfTime() {
                    work[index].commits = session.riskiestFirst(work[index].commits)
                }
            }
            var evaluator = PushEvaluator(
                settings: settings, side: side, environment: environment, now: Int64(SystemClock.wallClockSeconds()),
                killSwitch: KillSwitchStore(repository: repo).current(),
                updatePolicy: { configuration.configuration.updatePolicy(for: $0) }
            ) { ref in
                configuration.policy(for: ref)
            }
            if side == .client, let email = repo.configString("user.email") {
                // A client waiver is recorded under the developer's git identity, not "unknown".
                evaluator.fallbackPusher = Pusher(name: email, variable: "git config user.email")
            }
            // Consensus (SPEC §9): signed approvals of the commits that need them.
            evaluator.approvals = ConsensusGate.approvals(
                repository: repo, configuration: configuration.configuration, updates: updates, environment: environment, side: side)
            var verdict = evaluator.evaluate(work, analyze: session.analyze, elapsedMilliseconds: clock.elapsed)

            // Nothing decided unrecorded: a block or a waiver that cannot be written to the audit
            // log fails the push; an allowed push under an unwritable log follows on_error.
            var auditHashes: [Int: String] = [:]
            let problems = recorder(repo, configuration, environment).record(verdict, entryHash: { auditHashes[$0] = $1 })
            var unrecorded: String?
            if !problems.isEmpty {
                unrecorded = problems.joined(separator: "; ")
                verdict = Self.failClosedForAudit(verdict, settings: settings, configuration: configuration)
            }

            // History's availability is the admin's business on a server: unavailable or disabled,
            // it goes to the admin's log, not to every pusher. A developer's client says it.
            var historyNote: String? = history.summary
            if side == .server, !history.isAvailable {
                if case .disabled = history {} else { AdminLog(gitDirectory: repo.commonDirectory).append("\(hook): \(history.summary)") }
                historyNote = nil
            }
            // GitLab shows lines starting with GL-HOOK-ERR: in its web UI: for rejections only.
            let prefix = verdict.decision == .block ? environment.messagePrefix : ""
            let message = HookMessage(hook: hook, side: side, prefix: prefix)
            // A clean push gets one line; anything notable (flag, block, waiver, deadline, rewritten
            // history) gets the full per-ref message.
            let quiet = verdict.decision == .allow && verdict.isComplete && unrecorded == nil
                && verdict.refs.allSatisfy { $0.waiver == nil && $0.classification.change != .forcePush }
            if quiet {
                let commits = Set(work.flatMap(\.commits)).count
                say(
                    "riskgate \(hook): push allowed (\(verdict.refs.count) ref\(verdict.refs.count == 1 ? "" : "s"), \(commits) new commit\(commits == 1 ? "" : "s"), \(verdict.elapsedMilliseconds) ms\(historyNote.map { "; \($0)" } ?? ""))\n")
            } else {
                say(message.render(verdict, settings: settings, note: historyNote))
            }
            if let unrecorded {
                say(
                    prefix + "riskgate \(hook): the audit log could not be written (\(unrecorded)); "
                        + "every block and waiver must be recorded, so \(verdict.decision == .block ? "the push is rejected" : "on_error decided")\n")
            }
            // Consensus (SPEC §9): the accepted refs' verdicts, signed and written by post-receive.
            for problem in ConsensusGate.stageVerdicts(
                verdict, hook: hook, side: side, repository: repo, configuration: configuration, auditHashes: auditHashes)
            {
                say(prefix + "riskgate \(hook): warning: \(problem)\n")
            }
            return Outcome(exitCode: verdict.exitCode, message: out, verdict: verdict)
        } catch {
            return failure(
                error, updates: updates, repository: repository, loaded: loaded, environment: environment, message: message,
                variables: variables)
        }
    }

    /// The verdict when its audit entries could not be written: blocks stay blocks, waivers are
    /// refused (an unrecorded waiver is not a waiver), and every other ref gets `on_error`.
    static func failClosedForAudit(_ verdict: PushVerdict, settings: HookSettings, configuration: LoadedConfiguration)
        -> PushVerdict
    {
        var verdict = verdict
        for index in verdict.refs.indices {
            var ref = verdict.refs[index]
            if case .accepted? = ref.waiver {
                ref.waiver = .refused(why: "the audit log could not be written, so the waiver cannot be recorded")
                ref.decision = .block
            } else if ref.decision != .block {
                let canBlock = configuration.policy(for: ref.update.ref).canBlock
                ref.decision = max(ref.decision, settings.onError(canBlock: canBlock))
                ref.failureDecision = ref.decision
            }
            verdict.refs[index] = ref
        }
        return verdict
    }

    /// The push could not be evaluated (no repository, a broken configuration): `on_error`
    /// decides, per ref, with an audit entry where the log can be written. The pusher is told
    /// what failed in general terms when the admin's configuration is at fault; the details go
    /// to the admin (the audit entry and `$GIT_DIR/riskgate/hook-errors.log`).
    private func failure(
        _ error: any Error, updates: [RefUpdate], repository: Repository?, loaded: LoadedConfiguration?,
        environment: HookEnvironment, message: HookMessage, variables: [String: String]
    ) -> Outcome {
        let text = (error as? EngineError)?.description ?? (error as? GitError)?.description ?? "\(error)"
        let gitDirectory = repository?.commonDirectory ?? GitDirectory.fromEnvironment(variables, directory: directory)
        // Without a repository handle (an ownership check, a broken object directory) the
        // admin's settings still come from the repository's config file, read directly.
        let configFile = gitDirectory.flatMap { GitConfigFile(gitDirectory: $0) }
        var configuration = loaded
        if configuration == nil, repository == nil, side == .server,
            let path = configOption ?? configFile?.string("riskgate.config")
        {
            configuration = try? LoadedConfiguration(path: path)
        }
        let configured = configFile?.string("riskgate.onError").flatMap(Decision.init(rawValue:))
        let settings = configuration.map { HookSettings(configuration: $0.configuration, side: side) }
        let onError = updates.map { update -> Decision in
            let canBlock = configuration?.policy(for: update.ref).canBlock ?? false
            return settings?.onError ?? configured ?? (settings ?? .server).onError(canBlock: canBlock)
        }.max() ?? .flag
        let policyName = configuration == nil ? "on_error (git config riskgate.onError)" : "on_error"
        let message = HookMessage(hook: hook, side: side, prefix: onError == .block ? environment.messagePrefix : "")
        let configurationBroken = (error as? EngineError).map { if case .configuration = $0 { true } else { false } } ?? false
        var out: String
        if configurationBroken && side == .server {
            out = message.renderFailure(
                "the gate's configuration is broken; an admin has been told", decision: onError, policyName: policyName)
        } else {
            out = message.renderFailure(text, decision: onError, policyName: policyName)
        }
        if let gitDirectory {
            var recorder = AuditRecorder(
                hook: hook, gitDirectory: gitDirectory, configuredPath: configuration?.configuration.auditPath,
                repositoryName: gitDirectory, rulesDigest: configuration?.digest ?? "unavailable", environment: environment)
            recorder.anchorRepository = repository
            let problems = recorder.recordFailure(updates, message: text)
            AdminLog(gitDirectory: gitDirectory).append("\(hook): \(text)" + (problems.isEmpty ? "" : " (\(problems.joined(separator: "; ")))"))
            if !problems.isEmpty && !configurationBroken {
                out += environment.messagePrefix + "riskgate \(hook): warning: \(problems.joined(separator: "; "))\n"
            }
        }
        return Outcome(exitCode: onError == .block ? 1 : 0, message: out, verdict: nil)
    }

    /// Each update with its classification and the commits it brings to its ref; a failure
    /// stays with its ref.
    private func refWork(
        _ updates: [RefUpdate], selection: Selection, repository: Repository, configuration: RiskgateConfiguration,
        quarantinePath: String?, outOfTime: () -> Bool
    ) -> [RefWork] {
        let pushed = PushedCommits(repository: repository)
        // Classification reads objects for every ref: the deadline covers it too (a push of
        // hundreds of thousands of refs must not run for a minute while the message says 4 s).
        var classifications: [RefClassification] = []
        classifications.reserveCapacity(updates.count)
        for update in updates {
            classifications.append(
                outOfTime()
                    ? RefClassification.classify(update, oldIsAncestorOfNew: nil, newIsAnnotatedTag: false)
                    : pushed.classify(update))
        }
        if outOfTime() {
            return updates.indices.map {
                var work = RefWork(update: updates[$0], classification: classifications[$0], commits: [])
                work.listingTimedOut = true
                return work
            }
        }
        switch selection {
        case .client(let remote):
            return updates.indices.map { index in
                let ref = updates[index].ref
                do {
                    return RefWork(
                        update: updates[index], classification: classifications[index],
                        commits: try pushed.clientNewCommits(
                            for: updates[index], remote: remote, judgedAsStrictly: configuration.judgedAsStrictly(as: ref)))
                } catch {
                    return RefWork(update: updates[index], classification: classifications[index], commits: [], failure: "\(error)")
                }
            }
        case .server(let useQuarantine):
            do {
                var quarantine: QuarantineObjects?
                if useQuarantine, let path = quarantinePath, !path.isEmpty {
                    quarantine = try QuarantineObjects(path: path)
                }
                let commits = try pushed.serverCommits(for: updates, quarantine: quarantine) { ref in
                    configuration.judgedAsStrictly(as: ref)
                }
                return updates.indices.map { RefWork(update: updates[$0], classification: classifications[$0], commits: commits[$0]) }
            } catch {
                return updates.indices.map {
                    RefWork(update: updates[$0], classification: classifications[$0], commits: [], failure: "\(error)")
                }
            }
        }
    }

    private func recorder(_ repository: Repository, _ configuration: LoadedConfiguration, _ environment: HookEnvironment) -> AuditRecorder {
        var recorder = AuditRecorder(
            hook: hook, gitDirectory: repository.commonDirectory, configuredPath: configuration.configuration.auditPath,
            repositoryName: repository.commonDirectory, rulesDigest: configuration.digest, environment: environment)
        recorder.permissions = .sharedRepository(repository.configString("core.sharedRepository"))
        recorder.anchorRepository = repository
        return recorder
    }
}
