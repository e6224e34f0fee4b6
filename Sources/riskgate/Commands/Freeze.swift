import ArgumentParser
import RiskgateAudit
import RiskgateCore
import RiskgateEngine
import RiskgateGit

#if canImport(Glibc)
    import Glibc
#endif

extension RiskgateCommand {
    /// `riskgate freeze --ai`: the AI kill switch, thrown by an admin on the server.
    struct Freeze: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Throw, lift or show the AI kill switch: block every push that brings AI commits.",
            discussion: """
                Run by an admin in the server's repository (-C <bare repo>). The switch is kept in \
                $GIT_DIR/riskgate/ai-freeze, never in a pushed tree; while it is on, every update that \
                brings an AI-assisted or AI-authored commit (medium confidence or more) to a matching \
                ref is rejected with the reason. Throwing and lifting it are recorded in the audit log.

                Examples:
                  riskgate freeze --ai --reason "INC-812: agent deleted staging" -C /srv/git/app.git
                  riskgate freeze --ai --reason "release week" --until 2026-12-24T00:00:00Z --refs main
                  riskgate freeze --status
                  riskgate freeze --lift
                """)

        @OptionGroup var repository: RepositoryOptions
        @OptionGroup var config: ConfigurationOptions

        @Flag(help: "Throw the kill switch for AI commits.")
        var ai = false

        @Option(help: ArgumentHelp("Why (shown to every pusher it stops).", valueName: "text"))
        var reason: String?

        @Option(help: ArgumentHelp("Lift it by itself at <time> (RFC 3339, e.g. 2026-12-24T00:00:00Z).", valueName: "time"))
        var until: String?

        @Option(
            parsing: .upToNextOption,
            help: ArgumentHelp("Only these refs (policy patterns: main, release/*, refs/tags/**); default every ref.", valueName: "pattern"))
        var refs: [String] = []

        @Flag(help: "Lift the kill switch.")
        var lift = false

        @Flag(help: "Show what is in force.")
        var status = false

        func validate() throws {
            let modes = [ai, lift, status].filter { $0 }.count
            guard modes == 1 else { throw ValidationError("give exactly one of --ai, --lift or --status") }
            if ai {
                guard let reason, !reason.trimmingWhitespace().isEmpty else {
                    throw ValidationError("--ai needs --reason \"<why>\": every pusher it stops reads it")
                }
                if let until, FreezeWindow.parseTime(until) == nil {
                    throw ValidationError("--until must be an RFC 3339 time with a zone, e.g. 2026-12-24T00:00:00Z")
                }
            } else if reason != nil || until != nil || !refs.isEmpty {
                throw ValidationError("--reason, --until and --refs go with --ai")
            }
        }

        func run() throws {
            try reportingErrors {
                let repo = try Repository(discoveringFrom: repository.directory)
                let store = KillSwitchStore(repository: repo)
                let configuration = try? ConfigurationLookup.load(
                    option: config.path, reader: repo.isBare ? .server : .client, repository: repo)
                let actor = Self.actor()
                let now = Int64(SystemClock.wallClockSeconds())
                if status {
                    guard let current = store.current() else {
                        print("no AI kill switch is in force (\(store.path))")
                        return .success
                    }
                    let expired = current.until.map { $0 <= now } ?? false
                    print("AI kill switch \(expired ? "expired" : "ON"): \(current.reason)")
                    print("  since \(ISOTime.format(seconds: current.since, offsetMinutes: 0))\(current.by.map { " by \($0)" } ?? "")")
                    if let until = current.until { print("  until \(ISOTime.format(seconds: until, offsetMinutes: 0))") }
                    print("  refs \(current.refs.isEmpty ? "every ref" : current.refs.joined(separator: " "))")
                    print("  lift it with: riskgate freeze --lift")
                    return .success
                }
                if lift {
                    let previous = store.current()
                    guard try store.lift() else {
                        print("no AI kill switch was in force")
                        return .success
                    }
                    if let problem = AuditRecorder.recordKillSwitch(
                        .killSwitchLifted, detail: "lifted: \(previous?.reason ?? "")", repository: repo,
                        configuration: configuration, actor: actor)
                    {
                        Console.warning(problem)
                    }
                    print("AI kill switch lifted; pushes of AI commits are judged by the policy again")
                    return .success
                }
                let killSwitch = KillSwitch(
                    reason: reason ?? "", since: now, until: until.flatMap(FreezeWindow.parseTime), refs: refs, by: actor)
                try store.write(killSwitch)
                let detail = "reason: \(killSwitch.reason); refs: \(refs.isEmpty ? "every ref" : refs.joined(separator: " "))"
                    + (killSwitch.until.map { "; until \(ISOTime.format(seconds: $0, offsetMinutes: 0))" } ?? "")
                if let problem = AuditRecorder.recordKillSwitch(
                    .killSwitch, detail: detail, repository: repo, configuration: configuration, actor: actor)
                {
                    Console.warning(problem)
                }
                print("AI kill switch ON: pushes bringing AI commits to \(refs.isEmpty ? "any ref" : refs.joined(separator: ", ")) are rejected")
                print("  reason: \(killSwitch.reason)")
                print("  lift it with: riskgate freeze --lift")
                return .success
            }
        }

        /// Who threw it: the login running the command.
        static func actor() -> String? {
            let environment = HookProcess.environment()
            return environment["SUDO_USER"] ?? environment["USER"] ?? environment["LOGNAME"]
        }
    }
}
