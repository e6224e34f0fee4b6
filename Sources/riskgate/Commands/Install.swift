import ArgumentParser
import RiskgateEngine
import RiskgateGit

extension RiskgateCommand {
    /// `riskgate install`: the client pre-push hook, or with `--server` the pre-receive (or
    /// update) hook of a bare repository.
    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Install riskgate's git hooks (client pre-push, or --server pre-receive).",
            discussion: """
                Client: writes the pre-push hook into core.hooksPath or .git/hooks. An existing hook \
                is kept as <name>.riskgate-chained and still runs first, with the same arguments and \
                stdin; if it fails, the push stops. Running install again changes nothing; \
                `riskgate uninstall` restores the previous hook.

                Server: --server <bare repo> installs pre-receive, which judges every ref and rejects \
                the whole push when one is blocked. --update-hook installs git's update hook instead, \
                which rejects only the blocked refs. Both come with a post-receive hook that appends \
                each push's commits to the history index, and the index is built now if there is none \
                (--no-history: neither).

                Many repositories: --server --all <root> installs into every bare repository below \
                <root> (gitolite and SSH hosting, Gitea/Forgejo <owner>/<name>.git, GitLab hashed \
                storage), one line per repository; running it again changes nothing. --check \
                installs nothing and lists the repositories whose hooks are missing or out of date \
                (exit 1 if any).
                """
        )

        @OptionGroup var repository: RepositoryOptions

        // scanningForValue: `--server --all <root>` reads as --server <root> --all.
        @Option(
            parsing: .scanningForValue,
            help: ArgumentHelp("Install the server hook into this bare repository (with --all: below this folder).", valueName: "bare repo"))
        var server: String?

        @Flag(help: "With --server: install into every bare repository below the given folder.")
        var all = false

        @Flag(help: "With --server: change nothing; list repositories whose hooks are missing or out of date (exit 1 if any).")
        var check = false

        @Flag(help: "With --server: install the update hook (rejects only blocked refs) instead of pre-receive.")
        var updateHook = false

        @Flag(help: "Client: also install the commit-msg hook (warns early; never blocks by default).")
        var commitMsg = false

        @Flag(help: "With --server: neither build the history index nor install the post-receive hook that keeps it fresh.")
        var noHistory = false

        func validate() throws {
            if updateHook && server == nil { throw ValidationError("--update-hook needs --server <bare repo>") }
            if noHistory && server == nil { throw ValidationError("--no-history needs --server <bare repo>") }
            if all && server == nil { throw ValidationError("--all needs --server <root>, as in `riskgate install --server --all /srv/git`") }
            if check && server == nil { throw ValidationError("--check needs --server <bare repo> or --server --all <root>") }
        }

        func run() throws {
            if let server, all || check {
                let setup = ServerHookSetup(
                    updateHook: updateHook, history: !noHistory, executable: ProcessEnvironment.currentExecutable())
                let code = check
                    ? ServerInstallRun.check(path: server, all: all, setup: setup)
                    : ServerInstallRun.installAll(root: server, setup: setup)
                throw ExitCode(code)
            }
            try reportingErrors {
                let repo = try Repository(discoveringFrom: server ?? repository.directory)
                let directory = HookInstaller.hooksDirectory(of: repo)
                let installer = HookInstaller(directory: directory, executable: ProcessEnvironment.currentExecutable())
                let names: [String]
                if server != nil {
                    names = [updateHook ? "update" : "pre-receive"] + (noHistory ? [] : ["post-receive"])
                } else {
                    names = ["pre-push"] + (commitMsg ? ["commit-msg"] : [])
                }
                for name in names {
                    // A server repository with hooks/<name>.d/ (Gitea, Forgejo) gets the hook there.
                    let target = server == nil ? directory : ServerHookSetup.directory(for: name, hooks: directory)
                    let outcome = try HookInstaller(directory: target, executable: installer.executable).install(name)
                    let path = target + "/" + name
                    switch outcome {
                    case .installed(let chained):
                        Console.standardOutput.write("installed \(path)\(chained ? " (the previous hook runs first: \(name)\(HookInstaller.chainedSuffix))" : "")\n")
                    default:
                        Console.standardOutput.write("\(path) is already installed\n")
                    }
                }
                if server != nil {
                    Console.standardOutput.write(
                        updateHook
                            ? "The update hook rejects only the blocked refs; `riskgate install --server \(server ?? "") ` without --update-hook installs pre-receive, which rejects the whole push.\n"
                            : "pre-receive rejects the whole push when any ref is blocked; `--update-hook` installs git's update hook instead, which rejects only the blocked refs.\n")
                    Console.standardOutput.write(
                        "Configuration: git -C \(server ?? "") config riskgate.config /path/to/admin/riskgate.yml; waivers by push option need receive.advertisePushOptions=true.\n")
                    let configured = try? ConfigurationLookup.load(option: nil, reader: .server, repository: repo)
                    if let directory = try AuditRecorder.prepareSharedDirectory(
                        repository: repo, configuredPath: configured?.configuration.auditPath)
                    {
                        Console.standardOutput.write("Audit log: \(directory) created group-writable (core.sharedRepository).\n")
                    }
                    if !noHistory { try buildHistory(repo) }
                }
                return .success
            }
        }

        /// The server's first history index (later pushes append to it in post-receive).
        private func buildHistory(_ repo: Repository) throws(CommandError) {
            let store = HistoryIndexStore(repository: repo)
            if case .loaded = store.open() {
                Console.standardOutput.write("History index: \(store.path) exists; post-receive keeps it up to date.\n")
                return
            }
            if repo.isEmpty {
                Console.standardOutput.write("History index: the repository is empty; post-receive builds it after the first push.\n")
                return
            }
            let history = try ConfigurationLookup.load(option: nil, repository: repo).configuration.history
            do {
                let outcome = try store.update(link: history.settings.link)
                Console.standardOutput.write(
                    "History index: built \(store.path) (\(outcome.total) commits); post-receive keeps it up to date.\n")
            } catch {
                throw .repository("cannot build the history index: \(error.description) (install with --no-history to skip it)")
            }
        }
    }
}

extension RiskgateCommand {
    /// `riskgate uninstall`: removes riskgate's hooks and restores any chained hook.
    struct Uninstall: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove riskgate's git hooks and restore the hooks they chained."
        )

        @OptionGroup var repository: RepositoryOptions

        @Option(help: ArgumentHelp("Remove the server hooks from this bare repository.", valueName: "bare repo"))
        var server: String?

        func run() throws {
            try reportingErrors {
                let repo = try Repository(discoveringFrom: server ?? repository.directory)
                let directory = HookInstaller.hooksDirectory(of: repo)
                let names = server != nil ? ["pre-receive", "update", "post-receive"] : ["pre-push", "commit-msg"]
                for name in names {
                    let target = server == nil ? directory : ServerHookSetup.directory(for: name, hooks: directory)
                    let path = target + "/" + name
                    switch try HookInstaller(directory: target, executable: nil).uninstall(name) {
                    case .removed(let restored):
                        Console.standardOutput.write("removed \(path)\(restored ? "; restored the previous hook" : "")\n")
                    case .notOurs:
                        Console.standardOutput.write("left \(path) alone: it is not riskgate's\n")
                    default:
                        break
                    }
                }
                return .success
            }
        }
    }
}
