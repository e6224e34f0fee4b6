import ArgumentParser
import RiskgateCore

#if canImport(Glibc)
    import Glibc
#endif

@main
struct RiskgateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "riskgate",
        abstract: "A risk gate for AI-assisted changes at the git boundary.",
        discussion: """
            riskgate finds AI-assisted commits, checks that they trace to the prompt or session \
            that produced them, scores their blast radius, and gates pushes on the result.

            Global options, before the subcommand as in git: -C <path> runs as if riskgate \
            was started in <path> (repeatable; each is relative to the one before).

            Exit codes: 0 allowed, 1 blocked by policy, 2 configuration, repository or input \
            error, 64 usage error.
            """,
        version: RiskgateBuild.versionLine,
        subcommands: [
            Report.self, Explain.self, Rules.self, Suspects.self, History.self, Calibrate.self, Hook.self, Audit.self,
            Install.self, Uninstall.self, Freeze.self, Approve.self, Verify.self, Verdicts.self,
        ],
        defaultSubcommand: nil
    )

    /// Takes the git-style options before the subcommand (`-C <path>`, which swift-argument-parser
    /// would not look for there) off the arguments, then parses the rest as usual.
    static func main() {
        guard let arguments = LeadingOptions.commandLine() else {
            Console.error(
                "cannot read the command line: /proc/self/cmdline is not readable (mount /proc where riskgate runs, e.g. in its chroot)")
            Glibc.exit(2)
        }
        switch LeadingOptions.apply(arguments) {
        case .success(let arguments):
            if let unknown = SubcommandNames.unknown(in: arguments, known: configuration.subcommands.map { $0._commandName }) {
                Console.error(unknown)
                Glibc.exit(64)
            }
            main(arguments)
        case .failure(let failure):
            Console.error(failure.description)
            Glibc.exit(failure.exitCode)
        }
    }
}
