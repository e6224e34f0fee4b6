import ArgumentParser
import RiskgateCore
import RiskgateEngine
import RiskgateGit
import RiskgateReporting

#if canImport(Glibc)
    import Glibc
#endif

extension RiskgateCommand {
    struct Suspects: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rank the commits most likely to have caused an incident, with reasons.",
            discussion: """
                For the on-call engineer in the first minutes of an outage. Each commit of the range \
                or time window gets points for its blast radius, AI authorship without a traceability \
                link, its size, and how close before the incident (--until, default now) it landed.

                Revisions use `git rev-list` syntax (default HEAD). Dates: 2026-11-23, \
                '2026-11-23 14:05', 2026-11-23T14:05:00+01:00, @<unix seconds>, '3 hours ago' \
                (UTC unless an offset is given). With no revision and no --since, the window is the \
                48 hours before --until.

                Examples:
                  riskgate suspects --until '2026-11-23 14:05' --path deploy/ --path 'infra/**'
                  riskgate suspects v1.4.0..v1.5.0
                """
        )

        /// The window when neither a range nor `--since` bounds the search.
        static let defaultWindowSeconds: Int64 = 48 * 3_600
        @OptionGroup var repository: RepositoryOptions
        @OptionGroup var config: ConfigurationOptions

        @Option(help: ArgumentHelp("Only commits committed at or after <date>.", valueName: "date"))
        var since: String?

        @Option(help: ArgumentHelp("When the incident started: later commits are left out (default: now).", valueName: "date"))
        var until: String?

        @Option(
            name: .customLong("path"),
            help: ArgumentHelp("Only commits touching <glob> (repeatable; a folder selects what is under it).", valueName: "glob"))
        var paths: [String] = []

        @Option(help: "Output format: text or json.")
        var format: SuspectsFormat = .text

        @Option(name: .shortAndLong, help: ArgumentHelp("Write the ranking to <file> instead of standard output.", valueName: "file"))
        var output: String?

        @Option(help: "Colour: auto (on a terminal unless NO_COLOR is set), always or never.")
        var color: ColorMode = .auto

        @Option(name: [.customShort("n"), .customLong("max-count")], help: "Show at most <n> suspects.")
        var maxCount: Int = 10

        @Argument(
            parsing: .allUnrecognized,
            help: ArgumentHelp("Revisions in git rev-list syntax (default HEAD).", valueName: "revision"))
        var revisions: [String] = []

        enum SuspectsFormat: String, CaseIterable, ExpressibleByArgument {
            case text, json
        }

        func validate() throws {
            if maxCount < 1 { throw ValidationError("--max-count must be at least 1") }
            let revisionFlags: Set<String> = ["--all", "--branches", "--tags", "--remotes", "--not"]
            if let unknown = revisions.first(where: { $0.hasPrefix("-") && !revisionFlags.contains($0) }) {
                throw ValidationError("unknown option '\(unknown)'")
            }
        }

        func run() throws {
            try reportingErrors {
                let now = Int64(time(nil))
                let window = try timeWindow(now: now)
                let repo = try Repository(discoveringFrom: repository.directory)
                let configuration = try ConfigurationLookup.load(option: config.path, repository: repo)
                if repo.isEmpty { throw GitError.emptyRepository }
                let range = try repo.resolve(revisions.isEmpty ? ["HEAD"] : revisions)
                // Scored as `riskgate report` scores, so a suspect's blast radius matches its report.
                let pipeline = AnalysisPipeline(repository: repo, configuration: configuration, ref: repo.headReferenceName())
                var progress = ProgressMeter(enabled: isatty(2) == 1, noun: "commits searched")
                let ranking = try SuspectScan(
                    window: window, selection: PathSelection(paths), incidentTime: window.until ?? now, limit: maxCount
                ).run(pipeline: pipeline, range: range, repository: repo) { progress.tick($0) }
                progress.finish()
                let report = SuspectsReport(
                    revisions: range.arguments, window: TimeWindow(since: window.since, until: window.until ?? now),
                    paths: paths, considered: ranking.considered, suspects: ranking.ranked)
                let sink: any OutputSink = try output.map { path throws(CommandError) in try FileDescriptorSink.file(path) }
                    ?? Console.standardOutput
                switch format {
                case .json: sink.write(report.json())
                case .text:
                    let color = color.enabled(isTerminal: output == nil && isatty(1) == 1) { name in
                        getenv(name).map { String(cString: $0) }
                    }
                    sink.write(report.text(style: TerminalStyle(enabled: color)))
                }
                return .success
            }
        }

        /// `--since`/`--until` read against `now`; the 48-hour default when nothing bounds the search.
        private func timeWindow(now: Int64) throws(CommandError) -> TimeWindow {
            do {
                let until = try until.map { text throws(DateExpression.Failure) in try DateExpression.parse(text, now: now) }
                var since = try since.map { text throws(DateExpression.Failure) in try DateExpression.parse(text, now: now) }
                if since == nil, revisions.isEmpty { since = (until ?? now) - Self.defaultWindowSeconds }
                if let since, let until, since > until {
                    throw CommandError.input("--since is after --until: nothing can fall in that window")
                }
                return TimeWindow(since: since, until: until)
            } catch let failure as DateExpression.Failure {
                throw .input(failure.description)
            } catch let error as CommandError {
                throw error
            } catch {
                throw .input("\(error)")
            }
        }
    }
}
