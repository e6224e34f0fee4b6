import ArgumentParser
import RiskgateCore
import RiskgateEngine
import RiskgateGit

#if canImport(Glibc)
    import Glibc
#endif

extension RiskgateCommand.Hook {
    /// `riskgate hook post-receive`: keeps the server's history index fresh after each push.
    struct PostReceive: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "post-receive",
            abstract: "Write the accepted commits' signed verdicts and update the history index (git's post-receive hook).",
            discussion: """
                Runs after git has updated the refs, so it never rejects a push. Signs the verdicts the \
                gate staged for these ref updates and adds them to the verdicts notes ref (a failure is \
                audited and left for `riskgate verdicts backfill`). Appends the \
                new commits of the indexed revisions (milliseconds for an ordinary push). When the \
                index must be rebuilt from git (history of the indexed branch rewritten, a damaged \
                index, no index yet), it starts `riskgate history build` in the background instead of \
                making the pusher wait. Configuration comes only \
                from --config or `git config riskgate.config`, never from the pushed commits.

                Exit code: always 0 (problems are reported as warnings).
                """
        )

        @Option(help: ArgumentHelp("The admin's configuration file (default: git config riskgate.config).", valueName: "file"))
        var config: String?

        @Option(help: ArgumentHelp("How long to wait for another update of the index (milliseconds).", valueName: "ms"))
        var lockWait = 2_000

        func run() throws {
            let prefix = HookEnvironment(HookProcess.environment()).messagePrefix
            func warn(_ text: String) { Console.standardError.write(prefix + "riskgate post-receive: warning: \(text)\n") }
            // git writes the ref lines and expects them read; the verdicts staged for them are written.
            let input = (try? HookProcess.readStandardInput()) ?? ""
            let repository: Repository
            do {
                repository = try Repository(discoveringFrom: nil)
            } catch {
                warn("\(error.description); the history index was not updated")
                throw ExitCode(0)
            }
            let loaded: LoadedConfiguration
            do {
                loaded = try ConfigurationLookup.load(option: config, reader: .server, repository: repository)
            } catch {
                // The details are the admin's (they name the admin's file); the pusher is told where.
                let log = AdminLog(gitDirectory: repository.commonDirectory)
                log.append("post-receive: \(error.description)")
                warn("the gate's configuration is broken (details in \(log.path)); the history index was not updated")
                throw ExitCode(0)
            }
            // Signed verdicts (SPEC §9) of the updates the gate accepted.
            for problem in VerdictWriter.postReceive(
                input: input, repository: repository, configuration: loaded, environment: HookEnvironment(HookProcess.environment()))
            {
                warn(problem)
            }
            let history = loaded.configuration.history
            let store = HistoryIndexStore(repository: repository)
            guard history.enabled else { throw ExitCode(0) }
            if access(store.path, F_OK) != 0 {
                // No index yet (installed into an empty repository, or removed): build it once,
                // in the background, never making the pusher wait for a whole history walk.
                if !repository.isEmpty, !HistoryBackground.startBuild(repository: repository, config: loaded.path) {
                    warn("there is no history index; run `riskgate history build`")
                }
                throw ExitCode(0)
            }
            do {
                _ = try store.update(link: history.settings.link, lockWaitMilliseconds: max(0, lockWait), rebuildAllowed: false)
            } catch {
                switch error {
                case .needsRebuild(let reason):
                    if HistoryBackground.startBuild(repository: repository, config: loaded.path) {
                        warn("the history index needs a rebuild (\(reason)); rebuilding it in the background")
                    } else {
                        warn("the history index needs a rebuild (\(reason)); run `riskgate history build`")
                    }
                case .busy:
                    // Another update holds the index; the next push's update adds these commits.
                    break
                default:
                    warn("\(error.description); the history index was not updated")
                }
            }
            throw ExitCode(0)
        }
    }
}

/// Starting `riskgate history build` detached from the hook (its own session, no terminal, no
/// inherited output), so git and the pusher do not wait for it.
enum HistoryBackground {
    /// glibc's POSIX_SPAWN_SETSID (2.26 and later), which Swift does not import without _GNU_SOURCE.
    private static let spawnNewSession: Int16 = 0x80

    static func startBuild(repository: Repository, config: String?) -> Bool {
        guard let executable = ProcessEnvironment.currentExecutable() else { return false }
        var arguments = [executable, "history", "build", "--quiet", "-C", repository.commonDirectory]
        if let config { arguments += ["--config", config] }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, spawnNewSession)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor in Int32(0)...2 {
            posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        // The hook's GIT_DIR and quarantine variables must not leak into the build.
        let environment = HookProcess.environment().filter { !$0.key.hasPrefix("GIT_") }.map { "\($0.key)=\($0.value)" }
        var pid = pid_t()
        let status = withCStrings(arguments) { argv in
            withCStrings(environment) { envp in posix_spawn(&pid, executable, &actions, &attributes, argv, envp) }
        }
        return status == 0
    }

    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { for pointer in pointers { free(pointer) } }
        return body(pointers)
    }
}
