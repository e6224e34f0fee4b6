import ArgumentParser

extension RiskgateCommand {
    /// `riskgate hook <name>`: the git hooks, one subcommand each. The group grows as hooks land
    /// (`pre-push`, `pre-receive`, `update`): add them to `subcommands`.
    struct Hook: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run riskgate as a git hook.",
            discussion: "Install the shims in hooks/ (or run `riskgate install`) rather than calling these by hand.",
            subcommands: [CommitMsg.self, PrePush.self, PreReceive.self, Update.self, PostReceive.self]
        )
    }
}
