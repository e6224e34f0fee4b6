import ArgumentParser
import RiskgateCore

@main
struct RiskgateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "riskgate",
        abstract: "A risk gate for AI-assisted changes at the git boundary.",
        discussion: """
            riskgate finds AI-assisted commits, checks that they trace to the prompt or session \
            that produced them, scores their blast radius, and gates pushes on the result.

            Exit codes: 0 allowed, 1 blocked by policy, 2 configuration, repository or input \
            error, 64 usage error.
            """,
        version: RiskgateVersion.current,
        subcommands: [Report.self, Explain.self, Rules.self, Suspects.self, History.self, Calibrate.self, Hook.self, Audit.self, Install.self, Uninstall.self, Freeze.self, Approve.self, Verify.self, Verdicts.self],
        defaultSubcommand: nil
    )
}
