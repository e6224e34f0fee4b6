import ArgumentParser
import RiskgateCore
import RiskgateGit

#if canImport(Glibc)
    import Glibc
#endif

extension RiskgateCommand {
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build, update or inspect the per-path history index (reverts, fix-ups, churn).",
            discussion: """
                The index lives in $GIT_DIR/riskgate/history-index. It is built once and then \
                updated with new commits only, so hooks read it in milliseconds. Without an index, \
                history findings are unavailable (never guessed).
                """,
            subcommands: [Build.self, Status.self])

        struct Build: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Build the history index, or update it with the commits added since the last run.",
                discussion: """
                    Revisions use git rev-list syntax; the default is the revisions the index was built \
                    with, else HEAD. The index is rebuilt from scratch when it is missing, corrupt, built \
                    for other revisions, or when history was rewritten under it. Safe to run from \
                    several processes at once (a post-receive hook, cron).
                    """)

            @OptionGroup var repository: RepositoryOptions

            @Flag(help: "Rebuild from scratch even when the index could be updated.")
            var rebuild = false

            @Flag(help: "Print nothing on success.")
            var quiet = false

            @Argument(help: ArgumentHelp("Revisions to index (git rev-list syntax).", valueName: "revision"))
            var revisions: [String] = []

            func run() throws {
                try reportingErrors {
                    let repo = try Repository(discoveringFrom: repository.directory)
                    if repo.isEmpty { throw GitError.emptyRepository }
                    let store = HistoryIndexStore(repository: repo)
                    let started = HistoryClock.now()
                    let outcome: HistoryIndexStore.UpdateOutcome
                    do throws(HistoryIndexError) {
                        outcome = try store.update(revisions: revisions.isEmpty ? nil : revisions, rebuild: rebuild)
                    } catch {
                        throw CommandError.repository(error.description)
                    }
                    let elapsed = HistoryClock.milliseconds(since: started)
                    if quiet { return .success }
                    let total = outcome.index.records.count
                    switch outcome.kind {
                    case .built(let reason):
                        Console.standardOutput.write("built the history index: \(total) commits in \(elapsed) ms (\(reason))\n")
                    case .updated:
                        Console.standardOutput.write("updated the history index: +\(outcome.added) commits, \(total) in all, in \(elapsed) ms\n")
                    case .upToDate:
                        Console.standardOutput.write("the history index is up to date: \(total) commits (\(elapsed) ms)\n")
                    }
                    return .success
                }
            }
        }

        struct Status: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Show whether the history index exists, is current, and its hotspots.")

            @OptionGroup var repository: RepositoryOptions

            @Option(help: "How many hotspot paths to list.")
            var top = 10

            func run() throws {
                try reportingErrors {
                    let repo = try Repository(discoveringFrom: repository.directory)
                    let store = HistoryIndexStore(repository: repo)
                    let out = Console.standardOutput
                    out.write("index: \(store.path)\n")
                    let index: HistoryIndex
                    switch store.load() {
                    case .missing:
                        out.write("status: missing; history findings are unavailable. Run `riskgate history build`.\n")
                        return .success
                    case .corrupt(let reason):
                        out.write("status: unusable (\(reason)); history findings are unavailable. Run `riskgate history build` to rebuild it.\n")
                        return .success
                    case .loaded(let loaded):
                        index = loaded
                    }
                    let current = (try? repo.resolve(index.revisions))?.include ?? []
                    let fresh = Set(current) == Set(index.tips)
                    out.write("format: version \(HistoryIndex.version); revisions: \(index.revisions.joined(separator: " "))\n")
                    out.write("tips: \(index.tips.map { $0.abbreviated() }.joined(separator: " "))\n")
                    out.write("status: \(fresh ? "up to date" : "behind or rewritten; run `riskgate history build`")\n")
                    let model = HistoryModel(records: index.records)
                    out.write("commits: \(model.count); reverted: \(model.revertedBy.count); quickly fixed: \(model.fixedBy.count)\n")
                    let settings = model.settings
                    out.write(
                        "rules: a fix is a commit whose subject has one of [\(settings.fixSubjectWords.sorted().joined(separator: ", "))] "
                            + "touching a path changed at most \(settings.fixWindowSeconds / HistorySettings.day) days before, "
                            + "a `Fixes: <id>` trailer, or a fixup!/squash! commit\n")
                    var hotspots: [PathStatistics] = []
                    for path in model.changesByPath.keys {
                        let stats = model.statistics(for: path, before: model.count, now: Int64.max / 2)
                        if stats.reverted > 0 || stats.quicklyFixed > 0 { hotspots.append(stats) }
                    }
                    hotspots.sort { ($0.reverted, $0.quicklyFixed, $1.path) > ($1.reverted, $1.quicklyFixed, $0.path) }
                    if !hotspots.isEmpty { out.write("hotspots (reverted / quickly fixed / changes / authors):\n") }
                    for stats in hotspots.prefix(max(0, top)) {
                        out.write("  \(stats.reverted) / \(stats.quicklyFixed) / \(stats.changes) / \(stats.authors)  \(stats.path)\n")
                    }
                    return .success
                }
            }
        }
    }
}

/// Wall-clock timing for progress lines (the CLI may read the clock; the core may not).
enum HistoryClock {
    static func now() -> timespec {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return time
    }

    static func milliseconds(since start: timespec) -> Int {
        let end = now()
        return (end.tv_sec - start.tv_sec) * 1000 + (end.tv_nsec - start.tv_nsec) / 1_000_000
    }
}
