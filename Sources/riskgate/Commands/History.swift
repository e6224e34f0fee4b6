import ArgumentParser
import RiskgateCore
import RiskgateEngine
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
            subcommands: [Build.self, Status.self, Show.self])

        struct Build: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Build the history index, or update it with the commits added since the last run.",
                discussion: """
                    Revisions use git rev-list syntax; the default is the revisions the index was built \
                    with, else HEAD. New commits are appended to the index (milliseconds for a push's \
                    worth); every 1,000 appended commits, or when the `history:` fix settings change, the \
                    index is rewritten from its own stored commits. It is rebuilt from git when it is \
                    missing, damaged, built for other revisions, or when history was rewritten under it. \
                    Safe to run from several processes at once (a post-receive hook, cron).

                    The `history:` settings come from --config, else .riskgate.yml at the work tree's root, \
                    else (bare repositories) `git config riskgate.config`.
                    """)

            @OptionGroup var repository: RepositoryOptions
            @OptionGroup var config: ConfigurationOptions

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
                    let history = try ConfigurationLookup.load(option: config.path, repository: repo).configuration.history
                    let store = HistoryIndexStore(repository: repo)
                    let started = HistoryClock.now()
                    let outcome: HistoryIndexStore.UpdateOutcome
                    do throws(HistoryIndexError) {
                        outcome = try store.update(
                            revisions: revisions.isEmpty ? nil : revisions, link: history.settings.link, rebuild: rebuild)
                    } catch {
                        throw CommandError.repository(error.description)
                    }
                    let elapsed = HistoryClock.milliseconds(since: started)
                    if quiet { return .success }
                    let out = Console.standardOutput
                    switch outcome.kind {
                    case .built(let reason):
                        out.write("built the history index: \(outcome.total) commits in \(elapsed) ms (\(reason))\n")
                    case .appended:
                        out.write("updated the history index: +\(outcome.added) commits, \(outcome.total) in all, in \(elapsed) ms\n")
                    case .compacted(let reason):
                        out.write(
                            "updated and compacted the history index: +\(outcome.added) commits, \(outcome.total) in all, in \(elapsed) ms (\(reason))\n")
                    case .upToDate:
                        out.write("the history index is up to date: \(outcome.total) commits (\(elapsed) ms)\n")
                    }
                    if !history.enabled {
                        out.write("note: `history: {enabled: false}` in the configuration: reports and hooks do not use the index\n")
                    }
                    return .success
                }
            }
        }

        struct Status: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Show whether the history index exists, is current, and its hotspots.")

            @OptionGroup var repository: RepositoryOptions
            @OptionGroup var config: ConfigurationOptions

            @Option(help: "How many hotspot paths to list.")
            var top = 10

            func run() throws {
                try reportingErrors {
                    let repo = try Repository(discoveringFrom: repository.directory)
                    let history = try ConfigurationLookup.load(option: config.path, repository: repo).configuration.history
                    let store = HistoryIndexStore(repository: repo)
                    let out = Console.standardOutput
                    out.write("index: \(store.path)\n")
                    let snapshot: HistoryIndexSnapshot
                    switch store.open(verify: true) {
                    case .missing:
                        out.write("status: missing; history findings are unavailable. Run `riskgate history build`.\n")
                        return .success
                    case .corrupt(let reason):
                        out.write("status: unusable (\(reason)); history findings are unavailable. Run `riskgate history build` to rebuild it.\n")
                        return .success
                    case .loaded(let loaded):
                        snapshot = loaded
                    }
                    let current = (try? repo.resolve(snapshot.revisions))?.include ?? []
                    let fresh = Set(current) == Set(snapshot.tips)
                    out.write("format: version \(HistoryIndexFormat.version); revisions: \(snapshot.revisions.joined(separator: " "))\n")
                    out.write("tips: \(snapshot.tips.map { $0.abbreviated() }.joined(separator: " "))\n")
                    out.write("status: \(fresh ? "up to date" : "behind or rewritten; run `riskgate history build`")\n")
                    if !history.enabled { out.write("configuration: history findings are disabled (`history: {enabled: false}`)\n") }
                    let model = snapshot.model
                    let totals = model.followUps(before: model.count)
                    out.write(
                        "commits: \(model.count) (\(snapshot.appendedCount) appended since the last compaction); "
                            + "reverted: \(model.revertedCount); changes followed up within the fix window: \(totals.followed), "
                            + "of which fixes: \(totals.fixed) (\(HistoryFindings.percent(totals.fixShare)))\n")
                    let link = snapshot.link
                    out.write(
                        "rules: a fix is a change landing later than, and at most \(HistoryClock.duration(link.fixWindowSeconds)) after, "
                            + "the previous change to the same path, with one of [\(link.fixSubjectWords.sorted().joined(separator: ", "))] "
                            + "in its subject; or a `Fixes: <id>` trailer or fixup!/squash! commit touching the path again\n")
                    if link != history.settings.link {
                        out.write("note: the configuration's fix settings differ from the index's; the next `riskgate history build` re-links it\n")
                    }
                    var hotspots: [PathStatistics] = []
                    for path in model.allPaths() {
                        let stats = model.statistics(for: path, before: model.count, now: Int64.max / 2, settings: history.settings)
                        if stats.reverted > 0 || stats.quicklyFixed > 0 { hotspots.append(stats) }
                    }
                    hotspots.sort { ($0.reverted, $0.quicklyFixed, $1.path) > ($1.reverted, $1.quicklyFixed, $0.path) }
                    if !hotspots.isEmpty { out.write("hotspots (reverted / fixed / changes / authors):\n") }
                    for stats in hotspots.prefix(max(0, top)) {
                        out.write("  \(stats.reverted) / \(stats.quicklyFixed) / \(stats.changes) / \(stats.authors)  \(stats.path)\n")
                    }
                    return .success
                }
            }
        }

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Show what the history index knows about paths, as a hook would look them up.",
                discussion: """
                    For each path: its changes, how many were reverted, followed up within the fix window \
                    and fixed, the same for its most recent changes, its churn, and which history rules \
                    a commit touching it now would trigger. Opens the index read-only and reads only \
                    these paths (the timing line shows what a hook pays).
                    """)

            @OptionGroup var repository: RepositoryOptions
            @OptionGroup var config: ConfigurationOptions

            @Argument(help: ArgumentHelp("Paths as git names them (relative to the repository root).", valueName: "path"))
            var paths: [String]

            func run() throws {
                try reportingErrors {
                    let repo = try Repository(discoveringFrom: repository.directory)
                    let history = try ConfigurationLookup.load(option: config.path, repository: repo).configuration.history
                    let started = HistoryClock.now()
                    let snapshot: HistoryIndexSnapshot
                    switch HistoryIndexStore(repository: repo).open() {
                    case .missing: throw CommandError.repository("there is no history index; run `riskgate history build`")
                    case .corrupt(let reason):
                        throw CommandError.repository("the history index is unusable (\(reason)); run `riskgate history build`")
                    case .loaded(let loaded): snapshot = loaded
                    }
                    let opened = HistoryClock.microseconds(since: started)
                    let model = snapshot.model
                    let findings = HistoryFindings(history: model, settings: history.settings)
                    let now = Int64(SystemClock.wallClockSeconds())
                    let lookedUp = HistoryClock.now()
                    let stats = paths.map { model.recentStatistics(for: $0, before: model.count, now: now, settings: history.settings) }
                    let looked = HistoryClock.microseconds(since: lookedUp)
                    let settings = history.settings
                    let out = Console.standardOutput
                    for (path, recent) in zip(paths, stats) {
                        let all = model.statistics(for: path, before: model.count, now: now, settings: settings)
                        out.write("\(path)\n")
                        out.write("  changes: \(all.changes), reverted \(all.reverted), followed up \(all.followed), fixed \(all.quicklyFixed), authors \(all.authors)\n")
                        out.write(
                            "  last \(recent.recentChanges): reverted \(recent.recentReverted), followed up \(recent.recentFollowed), fixed \(recent.recentFixed) "
                                + "(repository: \(HistoryFindings.percent(recent.repository.fixShare)) of follow-ups are fixes)\n")
                        out.write("  churn: \(recent.churn) changes by \(recent.churnAuthors) authors in \(HistoryClock.duration(settings.churnWindowSeconds))\n")
                        var rules: [String] = []
                        if recent.recentReverted >= settings.minimumReverted { rules.append(BuiltInRule.HistoryRuleID.revertHotspot) }
                        if findings.isFixHotspot(recent) { rules.append(BuiltInRule.HistoryRuleID.fixHotspot) }
                        if recent.churn >= settings.churnChanges && recent.churnAuthors >= settings.churnAuthors {
                            rules.append(BuiltInRule.HistoryRuleID.highChurn)
                        }
                        out.write("  a change now triggers: \(rules.isEmpty ? "nothing" : rules.joined(separator: ", "))\n")
                    }
                    out.write(
                        "index of \(model.count) commits opened in \(HistoryClock.format(opened)); \(paths.count) path lookup\(paths.count == 1 ? "" : "s") in \(HistoryClock.format(looked))\n")
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

    static func microseconds(since start: timespec) -> Int {
        let end = now()
        return (end.tv_sec - start.tv_sec) * 1_000_000 + (end.tv_nsec - start.tv_nsec) / 1_000
    }

    /// `0.42 ms`.
    static func format(_ microseconds: Int) -> String {
        "\(microseconds / 1000).\(String(microseconds % 1000 / 10 + 100).dropFirst()) ms"
    }

    /// `3 days`, `36 hours`, `90 minutes`.
    static func duration(_ seconds: Int64) -> String {
        if seconds % 86_400 == 0 { return "\(seconds / 86_400) day\(seconds == 86_400 ? "" : "s")" }
        if seconds % 3_600 == 0 { return "\(seconds / 3_600) hour\(seconds == 3_600 ? "" : "s")" }
        return "\(seconds / 60) minutes"
    }
}
