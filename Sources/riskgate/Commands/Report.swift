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
                // Counting happens on the stream's workers below, not in the source.
                let source = try GitCommitSource(repository: repo, range: range)

                let sink: any OutputSink = try output.output.map { path throws(CommandError) in try FileDescriptorSink.file(path) }
                    ?? Console.standardOutput
                var reporter = ReporterFactory.make(
                    output.resolvedFormat, sink: output.quiet && output.output == nil ? BufferSink() : sink,
                    color: output.colorForReport)

                // The rule engine, levels and the policy of the branch being reported on; each
                // worker thread scores with its own copy on its own repository handle.
                let ref = repo.headReferenceName()
                let pathCache = PathMatchCache(rules: rules.rules)
                let (analyzer, hasHistory) = AnalysisSetup.readingAnalyzer(
                    repository: repo, configuration: configuration, rules: rules, ref: ref, pathCache: pathCache)
                let analyses = try ParallelCommitStream(
                    source: source, workers: threads, limit: maxCount ?? .max, wantsLines: pathCache.needsChangedLines
                ) { workerRepository in
                    let worker = AnalysisSetup.readingAnalyzer(
                        repository: workerRepository, configuration: configuration, rules: rules, ref: ref,
                        pathCache: pathCache)
                    return worker.analyzer.analyze
                }
                let context = ReportContext(
                    toolVersion: RiskgateVersion.current,
                    capabilities: AnalysisSetup.capabilities + (hasHistory ? ["history"] : []),
                    revisions: range.arguments, defaultRangeReason: reason)
                var extras = try ReportExtras(output: output, analyzer: analyzer)
                var summary = RangeSummary()
                reporter.begin(context)
                while let analysis = try analyses.next() {
                    let shown = extras.process(analysis)
                    summary.add(shown)
                    reporter.add(shown)
                }
                summary.finish(thresholds: analyzer.thresholds)
                try extras.finish(&summary, reporter: &reporter)
                reporter.finish(summary)
                return summary.decision == .block && !exitZero ? ExitCode(1) : .success
            }
        }
    }
}
