import ArgumentParser
import RiskgateCore
import RiskgateEngine

extension RiskgateCommand.Hook {
    /// `riskgate hook pre-receive`: git's server pre-receive hook.
    struct PreReceive: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pre-receive",
            abstract: "Judge every ref of a push on the server (git's pre-receive hook).",
            discussion: """
                Reads git's stdin, one '<old> <new> <ref>' line per ref. New commits are those no \
                existing ref reaches; pushed objects are read from quarantine. Each ref gets its own \
                verdict; git rejects the whole push when any ref is blocked (use `riskgate hook update` \
                to reject only the blocked refs). Configuration comes only from --config or \
                `git config riskgate.config`, never from the pushed commits. Waive with \
                git push -o 'riskgate.waive=<reason>' (needs receive.advertisePushOptions=true).

                Exit codes: 0 allowed (possibly flagged), 1 blocked, 2 malformed input.
                """
        )

        @Option(help: ArgumentHelp("The admin's configuration file (default: git config riskgate.config).", valueName: "file"))
        var config: String?

        func run() throws {
            let gate = PushGate(hook: "pre-receive", side: .server, configOption: config, directory: nil)
            let outcome = gate.run(selection: .server(useQuarantine: true), variables: HookProcess.environment()) {
                () throws(CommandError) in
                let text = try HookProcess.readStandardInput()
                do {
                    return try HookInput.parsePreReceive(text)
                } catch {
                    throw .input("\(error)")
                }
            }
            throw HookProcess.finish(outcome)
        }
    }
}
