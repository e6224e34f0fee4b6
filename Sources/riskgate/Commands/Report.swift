import ArgumentParser
import RiskgateCore
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

        @Flag(help: "Exit 0 even when the decision is block.")
        var exitZero = false

        @Flag(name: .customLong("all"), help: "All commits reachable from any reference (notes refs excepted).")
        var all = false

        @Option(name: [.customShort("n"), .customLong("max-count")], help: "Report at most the <n> newest commits.")
        var maxCount: Int?

        @Option(help: "Threads that count changed lines (1 to 8).")
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
                let (configuration, rules) = try BlastRadiusSetup.load(option: config.path, repository: repo)
                let arguments = (all ? ["--all"] : []) + revisions
                let range: RevisionRange
                var reason: String?
                if arguments.isEmpty {
                    let chosen = try repo.defaultRange()
                    range = chosen.range
                    reason = chosen.reason
                } else {
                    if repo.isEmpty { throw GitError.emptyRepository }
                    range = try repo.resolve(arguments)
                }
                let source = try GitCommitSource(repository: repo, range: range, parallelism: threads)

                let sink: any OutputSink = try output.output.map { path throws(CommandError) in try FileDescriptorSink.file(path) }
                    ?? Console.standardOutput
                var reporter = ReporterFactory.make(
                    output.resolvedFormat, sink: output.quiet && output.output == nil ? BufferSink() : sink,
                    color: output.colorForReport)

                // The rule engine, levels and the policy of the branch being reported on.
                var analyzer = BlastRadiusSetup.configure(
                    AnalysisSetup.analyzer(repository: repo, traceability: configuration.traceability),
                    configuration: configuration, rules: rules, repository: repo, ref: repo.headReferenceName())
                // History findings only from an index built with `riskgate history build`; without
                // one they are unavailable (not in capabilities), never guessed.
                let hasHistory = HistorySetup.attach(
                    to: &analyzer, repository: repo, rules: HistoryRules(ruleSet: rules), configuration: configuration.history)
                let context = ReportContext(
                    toolVersion: RiskgateVersion.current,
                    capabilities: AnalysisSetup.capabilities + (hasHistory ? ["history"] : []),
                    revisions: range.arguments, defaultRangeReason: reason)
                var extras = try ReportExtras(output: output, analyzer: analyzer)
                var summary = RangeSummary()
                reporter.begin(context)
                var remaining = maxCount ?? Int.max
                while remaining > 0, let commit = try source.nextSnapshot() {
                    remaining -= 1
                    let analysis = extras.process(analyzer.analyze(commit))
                    summary.add(analysis)
                    reporter.add(analysis)
                }
                summary.finish(thresholds: analyzer.thresholds)
                try extras.finish(&summary, reporter: &reporter)
                reporter.finish(summary)
                return summary.decision == .block && !exitZero ? ExitCode(1) : .success
            }
        }
    }
}
