import RiskgateCore
import RiskgateGit

/// Runs one hook invocation end to end: read the updates, open the repository, load the
/// configuration, find each ref's new commits, evaluate against the deadline, print the
/// verdict, record it, and return the exit code. Never throws and never crashes: input errors
/// exit 2; any other failure becomes a message and the `on_error` decision (SPEC §2).
struct HookRunner {
    var hook: String
    var side: HookSide
    var configOption: String?
    var directory: String?

    /// Where the commits a ref update adds come from.
    enum Selection {
        /// pre-push: not on `remote` yet.
        case client(remote: String)
        /// pre-receive: not reachable from any existing ref; quarantine speeds it up.
        case server(useQuarantine: Bool)
    }

    func run(selection: Selection, readUpdates: () throws(CommandError) -> [RefUpdate]) -> Int32 {
        let clock = HookClock()
        let variables = HookProcess.environment()
        let environment = HookEnvironment(variables)
        let message = HookMessage(hook: hook, side: side, prefix: environment.messagePrefix)

        let updates: [RefUpdate]
        do {
            updates = try readUpdates()
        } catch {
            Console.standardError.write(environment.messagePrefix + "riskgate \(hook): error: \(error.description)\n")
            return 2
        }

        // git runs pre-push even when there is nothing to push: nothing to judge, nothing to load.
        if updates.isEmpty { return 0 }

        var repository: Repository?
        var loaded: HookConfiguration?
        do {
            let repo = try Repository(discoveringFrom: directory)
            repository = repo
            let configuration = try HookConfiguration.load(
                path: HookConfiguration.path(option: configOption, side: side, repository: repo))
            loaded = configuration

            let settings = HookSettings(configuration: configuration.configuration, side: side)
            let work = refWork(updates, selection: selection, repository: repo, quarantinePath: variables["GIT_QUARANTINE_PATH"])
            var analyzer = HookAnalysis.analyzer(
                configuration: configuration.configuration, rules: configuration.rules, repository: repo, environment: variables)
            // History findings from the index as it is (read-only, never a history walk); without
            // one they are unavailable and the message says so. The server keeps it fresh in
            // post-receive (`riskgate hook post-receive`).
            let history = HistorySetup.availability(repository: repo, configuration: configuration.configuration.history)
            HistorySetup.attach(
                to: &analyzer, history, rules: HistoryRules(ruleSet: configuration.rules),
                settings: configuration.configuration.history.settings)
            let source = try GitCommitSource(repository: repo, range: RevisionRange(include: [], exclude: [], arguments: []))
            let evaluator = PushEvaluator(settings: settings, side: side, environment: environment) { ref in
                configuration.configuration.decisionPolicy(for: ref)
            }
            let verdict = evaluator.evaluate(
                work, analyze: { id in analyzer.analyze(try source.snapshot(of: id)) }, elapsedMilliseconds: clock.elapsed)

            // A clean push gets one line; anything notable (flag, block, waiver, deadline, rewritten
            // history) gets the full per-ref message.
            let quiet = verdict.decision == .allow && verdict.isComplete
                && verdict.refs.allSatisfy { $0.waiver == nil && $0.classification.change != .forcePush }
            if quiet {
                let commits = Set(work.flatMap(\.commits)).count
                Console.standardError.write(
                    environment.messagePrefix
                        + "riskgate \(hook): push allowed (\(verdict.refs.count) ref\(verdict.refs.count == 1 ? "" : "s"), \(commits) new commit\(commits == 1 ? "" : "s"), \(verdict.elapsedMilliseconds) ms; \(history.summary))\n")
            } else {
                Console.standardError.write(message.render(verdict, settings: settings))
                Console.standardError.write(environment.messagePrefix + "riskgate \(hook): \(history.summary)\n")
            }
            for problem in recorder(repo, configuration, environment).record(verdict) {
                Console.standardError.write(environment.messagePrefix + "riskgate \(hook): warning: \(problem)\n")
            }
            return verdict.exitCode
        } catch {
            let text = (error as? CommandError)?.description ?? (error as? GitError)?.description ?? "\(error)"
            let onError = loaded.map { HookSettings(configuration: $0.configuration, side: side).onError }
                ?? HookConfiguration.fallbackOnError(repository: repository)
            let policyName = loaded == nil && repository != nil ? "on_error (git config riskgate.onError)" : "on_error"
            Console.standardError.write(message.renderFailure(text, decision: onError, policyName: policyName))
            if let repository {
                let recorder = HookAuditRecorder(
                    hook: hook, gitDirectory: repository.commonDirectory, configuredPath: loaded?.configuration.auditPath,
                    repositoryName: repository.commonDirectory, rulesDigest: loaded?.digest ?? "unavailable", environment: environment)
                for problem in recorder.recordFailure(updates, message: text) {
                    Console.standardError.write(environment.messagePrefix + "riskgate \(hook): warning: \(problem)\n")
                }
            }
            return onError == .block ? 1 : 0
        }
    }

    /// Each update with its classification and new commits; a failure stays with its ref.
    private func refWork(
        _ updates: [RefUpdate], selection: Selection, repository: Repository, quarantinePath: String?
    ) -> [RefWork] {
        let pushed = PushedCommits(repository: repository)
        let classifications = updates.map { pushed.classify($0) }
        switch selection {
        case .client(let remote):
            return updates.indices.map { index in
                do {
                    return RefWork(update: updates[index], classification: classifications[index],
                        commits: try pushed.clientNewCommits(for: updates[index], remote: remote))
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
                let commits = try pushed.serverNewCommits(for: updates, quarantine: quarantine)
                return updates.indices.map { RefWork(update: updates[$0], classification: classifications[$0], commits: commits[$0]) }
            } catch {
                return updates.indices.map {
                    RefWork(update: updates[$0], classification: classifications[$0], commits: [], failure: "\(error)")
                }
            }
        }
    }

    private func recorder(_ repository: Repository, _ configuration: HookConfiguration, _ environment: HookEnvironment) -> HookAuditRecorder {
        HookAuditRecorder(
            hook: hook, gitDirectory: repository.commonDirectory, configuredPath: configuration.configuration.auditPath,
            repositoryName: repository.commonDirectory, rulesDigest: configuration.digest, environment: environment)
    }
}
