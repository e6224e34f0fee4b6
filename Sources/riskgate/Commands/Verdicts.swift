import ArgumentParser
import RiskgateCore
import RiskgateEngine
import RiskgateGit

extension RiskgateCommand {
    /// `riskgate verdicts`: the server's signed verdicts.
    struct Verdicts: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage the server's signed verdicts.", subcommands: [Backfill.self])

        struct Backfill: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Sign and write the verdicts post-receive could not write.",
                discussion: """
                    The gate stages each accepted ref update's verdicts in $GIT_DIR/riskgate/pending-verdicts/; \
                    post-receive writes them. Whatever is still staged (a failure, a crash, a missing key) \
                    is written here, for commits their ref still reaches.

                    Exit codes: 0 all written, 1 some could not be written, 2 configuration or repository error.
                    """)

            @OptionGroup var repository: RepositoryOptions

            @Option(help: ArgumentHelp("The admin's configuration file (default: git config riskgate.config).", valueName: "file"))
            var config: String?

            func run() throws {
                try reportingErrors {
                    let repo = try Repository(discoveringFrom: repository.directory)
                    let loaded = try ConfigurationLookup.load(option: config, reader: .server, repository: repo)
                    let report = VerdictWriter.backfill(repository: repo, configuration: loaded.configuration)
                    for problem in report.problems { Console.error(problem) }
                    print("riskgate verdicts backfill: \(report.written) verdict\(report.written == 1 ? "" : "s") written")
                    return report.problems.isEmpty ? .success : ExitCode(1)
                }
            }
        }
    }
}
