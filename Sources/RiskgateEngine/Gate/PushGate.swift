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
            let work = refWork(
                updates, selection: selection, repository: repo, configuration: configuration.configuration,
                quarantinePath: variables["GIT_QUARANTINE_PATH"])
            // The pipeline every front end uses; the evaluator applies each ref's own policy to its
            // analyses. History findings come from the index as it is (read-only, never a history
            // walk); the server keeps it fresh in post-receive.
            let pipeline = AnalysisPipeline(repository: repo, configuration: configuration, ref: nil)
            let history = pipeline.history
            let session = CommitAnalysisSession(pipeline: pipeline, repository: repo)
            var evaluator = PushEvaluator(
                settings: settings, side: side, environment: environment, now: Int64(SystemClock.wallClockSeconds()),
                killSwitch: KillSwitchStore(repository: repo).current(),
                updatePolicy: { configuration.configuration.updatePolicy(for: $0) }
            ) { ref in
                configuration.policy(for: ref)
            }
            // Consensus (SPEC §9): signed approvals of the commits that need them.
            evaluator.approvals = ConsensusGate.approvals(
                repository: repo, configuration: configuration.configuration, updates: updates, environment: environment, side: side)
            let verdict = evaluator.evaluate(work, analyze: session.analyze, elapsedMilliseconds: clock.elapsed)

            // A clean push gets one line; anything notable (flag, block, waiver, deadline, rewritten
            // history) gets the full per-ref message.
            let quiet = verdict.decision == .allow && verdict.isComplete
                && verdict.refs.allSatisfy { $0.waiver == nil && $0.classification.change != .forcePush }
            if quiet {
                let commits = Set(work.flatMap(\.commits)).count
                say(
                    environment.messagePrefix
                        + "riskgate \(hook): push allowed (\(verdict.refs.count) ref\(verdict.refs.count == 1 ? "" : "s"), \(commits) new commit\(commits == 1 ? "" : "s"), \(verdict.elapsedMilliseconds) ms; \(history.summary))\n")
            } else {
                say(message.render(verdict, settings: settings))
                say(environment.messagePrefix + "riskgate \(hook): \(history.summary)\n")
            }
            var auditHashes: [Int: String] = [:]
            for problem in recorder(repo, configuration, environment).record(verdict, entryHash: { auditHashes[$0] = $1 }) {
                say(environment.messagePrefix + "riskgate \(hook): warning: \(problem)\n")
            }
            // Consensus (SPEC §9): the accepted refs' verdicts, signed and written by post-receive.
            for problem in ConsensusGate.stageVerdicts(
                verdict, hook: hook, side: side, repository: repo, configuration: configuration, auditHashes: auditHashes)
            {
                say(environment.messagePrefix + "riskgate \(hook): warning: \(problem)\n")
            }
            return Outcome(exitCode: verdict.exitCode, message: out, verdict: verdict)
        } catch {
            let text = (error as? EngineError)?.description ?? (error as? GitError)?.description ?? "\(error)"
            let onError = loaded.map { HookSettings(configuration: $0.configuration, side: side).onError }
                ?? ConfigurationLookup.fallbackOnError(repository: repository)
            let policyName = loaded == nil && repository != nil ? "on_error (git config riskgate.onError)" : "on_error"
            say(message.renderFailure(text, decision: onError, policyName: policyName))
            if let repository {
                let recorder = AuditRecorder(
                    hook: hook, gitDirectory: repository.commonDirectory, configuredPath: loaded?.configuration.auditPath,
                    repositoryName: repository.commonDirectory, rulesDigest: loaded?.digest ?? "unavailable", environment: environment)
                for problem in recorder.recordFailure(updates, message: text) {
                    say(environment.messagePrefix + "riskgate \(hook): warning: \(problem)\n")
                }
            }
            return Outcome(exitCode: onError == .block ? 1 : 0, message: out, verdict: nil)
        }
    }

    /// Each update with its classification and the commits it brings to its ref; a failure
    /// stays with its ref.
    private func refWork(
        _ updates: [RefUpdate], selection: Selection, repository: Repository, configuration: RiskgateConfiguration,
        quarantinePath: String?
    ) -> [RefWork] {
        let pushed = PushedCommits(repository: repository)
        let classifications = updates.map { pushed.classify($0) }
        switch selection {
        case .client(let remote):
            return updates.indices.map { index in
                let ref = updates[index].ref
                do {
                    return RefWork(
                        update: updates[index], classification: classifications[index],
                        commits: try pushed.clientNewCommits(for: updates[index], remote: remote) { existing in
                            configuration.judgesAtLeastAsStrictly(existing, as: ref)
                        })
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
                    { existing in configuration.judgesAtLeastAsStrictly(existing, as: ref) }
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
        AuditRecorder(
            hook: hook, gitDirectory: repository.commonDirectory, configuredPath: configuration.configuration.auditPath,
            repositoryName: repository.commonDirectory, rulesDigest: configuration.digest, environment: environment)
    }
}
