import ArgumentParser
import RiskgateCore
import RiskgateEngine
import RiskgateGit
import RiskgateReporting

extension RiskgateCommand {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score the commits of a range and print the risk report.",
            discussion: """
                Revisions use `git rev-list` syntax: main..feature, A...B, ^X Y, HEAD~20.., --all. \
                With none, the range is @{upstream}..HEAD, else <default branch>..HEAD \
                (origin/HEAD, main, master), else all of HEAD.

                Exits 1 when the decision is block (use --exit-zero to always exit 0).
                """
        )

        @OptionGroup var repository: RepositoryOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var config: ConfigurationOptions
        @OptionGroup var policyRef: PolicyRefOptions

        @Flag(help: "Exit 0 even when the decision is block.")
        var exitZero = false

        @Flag(name: .customLong("all"), help: "All commits reachable from any reference (notes refs excepted).")
        var all = false

        @Option(name: [.customShort("n"), .customLong("max-count")], help: "Report at most the <n> newest commits.")
        var maxCount: Int?

        @Option(help: "Threads that count changed lines and score commits (1 to 8); the walk has its own.")
        var threads = 2

        func validate() throws {
            if !(1...8).contains(threads) { throw ValidationError("--threads must be between 1 and 8") }
            if let maxCount, maxCount < 0 { throw ValidationError("--max-count must be zero or more") }
            let revisionFlags: Set<String> = ["--all", "--branches", "--tags", "--remotes", "--not"]
            if let unknown = revisions.first(where: { $0.hasPrefix("-") && !revisionFlags.contains($0) }) {
                throw ValidationError("unknown option '\(unknown)'")
            }
        }

        @Argument(
            parsing: .allUnrecognized,
            help: ArgumentHelp("Revisions in git rev-list syntax.", valueName: "revision"))
        var revisions: [String] = []

        func run() throws {
            try reportingErrors {
                let repo = try Repository(discoveringFrom: repository.directory)
                let configuration = try ConfigurationLookup.load(option: config.path, repository: repo)
                let report = try RangeReport(repository: repo, revisions: (all ? ["--all"] : []) + revisions)
                let baseline = try output.baseline.map { path throws(CommandError) in try Baseline(file: path) } ?? Baseline()
                // The rule engine, levels and the policy of the ref being reported on (--ref, the CI
                // target branch, else the current branch).
                let pipeline = AnalysisPipeline(
                    repository: repo, configuration: configuration, ref: try policyRef.resolve(in: repo), baseline: baseline)

                let sink: any OutputSink = try output.output.map { path throws(CommandError) in try FileDescriptorSink.file(path) }
                    ?? Console.standardOutput
                var reporter = ReporterFactory.make(
                    output.resolvedFormat, sink: output.quiet && output.output == nil ? BufferSink() : sink,
                    color: output.colorForReport)
                var progress = ProgressMeter.forTerminal(quiet: output.quiet)
                let summary = try report.run(
                    pipeline: pipeline, repository: repo, reporter: &reporter, toolVersion: RiskgateVersion.current,
                    options: RangeReport.Options(
                        workers: threads, limit: maxCount ?? .max, writeBaseline: output.writeBaseline,
                        progress: { progress.tick($0) }, analysed: { progress.finish() }))
                return summary.decision == .block && !exitZero ? ExitCode(1) : .success
            }
        }
    }
}
