import ArgumentParser
import RiskgateCore
import RiskgateEngine

extension RiskgateCommand.Hook {
    /// `riskgate hook pre-push <remote> <url>`: git's client pre-push hook.
    struct PrePush: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pre-push",
            abstract: "Score exactly the commits a push would add to the remote (git's pre-push hook).",
            discussion: """
                Reads git's stdin, one '<local ref> <local sha> <remote ref> <remote sha>' line per ref, \
                and judges every ref: new branches (only commits not on <remote> yet), deletions, force \
                pushes, tags. Waive a block with RISKGATE_WAIVE='<reason>' git push (recorded).

                Exit codes: 0 allowed (possibly flagged), 1 blocked, 2 malformed input.
                """
        )

        @Argument(help: "The remote's name (or its URL when no named remote is used); under pre-commit, PRE_COMMIT_REMOTE_NAME.")
        var remote: String?

        @Argument(help: "The remote's URL.")
        var url: String?

        @Option(help: ArgumentHelp("Configuration file (default: .riskgate.yml at the work tree's root).", valueName: "file"))
        var config: String?

        @Option(name: .customShort("C"), help: ArgumentHelp("Run as if riskgate was started in <path>.", valueName: "path"))
        var directory: String?

        func run() throws {
            let gate = PushGate(hook: "pre-push", side: .client, configOption: config, directory: directory)
            let variables = HookProcess.environment()
            let remoteName = remote ?? variables["PRE_COMMIT_REMOTE_NAME"] ?? ""
            let outcome = gate.run(selection: .client(remote: remoteName), variables: variables) { () throws(CommandError) in
                if remoteName.isEmpty {
                    throw .input("pre-push: no remote: git passes '<remote> <url>' as arguments (pre-commit: PRE_COMMIT_REMOTE_NAME)")
                }
                let text = try HookProcess.readStandardInput()
                do {
                    // pre-commit consumes git's stdin and passes one ref in PRE_COMMIT_* variables.
                    if text.isEmpty, let updates = try HookInput.prePushFromPreCommit(variables) { return updates }
                    return try HookInput.parsePrePush(text)
                } catch {
                    throw .input("\(error)")
                }
            }
            throw HookProcess.finish(outcome)
        }
    }
}
