import ArgumentParser
import RiskgateCore
import RiskgateEngine

extension RiskgateCommand.Hook {
    /// `riskgate hook update <ref> <old> <new>`: git's update hook, run once per ref, so only
    /// the blocked refs are rejected.
    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update",
            abstract: "Judge one ref of a push on the server (git's update hook; rejects only blocked refs).",
            discussion: """
                git runs it once per ref with '<ref> <old sha> <new sha>'. Same rules as pre-receive, \
                but a block rejects only this ref. Configuration comes only from --config or \
                `git config riskgate.config`.

                Exit codes: 0 allowed (possibly flagged), 1 blocked, 2 malformed input.
                """
        )

        @Argument(help: "The ref being updated (refs/heads/main).")
        var ref: String

        @Argument(help: "Its current id (all zeros when it is created).")
        var old: String

        @Argument(help: "Its new id (all zeros when it is deleted).")
        var new: String

        @Option(help: ArgumentHelp("The admin's configuration file (default: git config riskgate.config).", valueName: "file"))
        var config: String?

        func run() throws {
            let gate = PushGate(hook: "update", side: .server, configOption: config, directory: nil)
            let arguments = [ref, old, new]
            let outcome = gate.run(selection: .server(useQuarantine: false), variables: HookProcess.environment()) {
                () throws(CommandError) in
                do {
                    return [try HookInput.parseUpdate(arguments)]
                } catch {
                    throw .input("\(error)")
                }
            }
            throw HookProcess.finish(outcome)
        }
    }
}
