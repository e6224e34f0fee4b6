/// Turns what the history knows about a commit's paths into explained findings:
/// `revert-hotspot`, `fix-hotspot`, `high-churn`. Each rule fires at most once per commit, at
/// its worst path, and says how many other paths qualified.
public struct HistoryFindings: Sendable {
    public var history: any HistoryLookup
    /// The lookup-time settings (recent changes, minimum counts, churn).
    public var settings: HistorySettings
    public var rules: HistoryRules

    public init(history: any HistoryLookup, settings: HistorySettings = .standard, rules: HistoryRules = .standard) {
        self.history = history
        self.settings = settings
        self.rules = rules
    }

    /// Findings for a commit, from the history strictly before it: its own position when the
    /// index has it (replay), otherwise everything indexed (a new commit in a push).
    public func findings(for commit: CommitSnapshot) -> [Finding] {
        let position = history.position(of: commit.id) ?? history.count
        var paths: [String] = []
        var seen = Set<String>()
        for file in commit.files {
            for path in [file.oldPath, file.path].compactMap({ $0 }) where seen.insert(path).inserted { paths.append(path) }
        }
        let stats = paths.map {
            history.recentStatistics(for: $0, before: position, now: commit.committer.time, settings: settings)
        }
        return findings(stats, commit: commit.id)
    }

    /// Whether a path's recent changes needed fixes clearly more often than the repository's:
    /// at least `minimumFixed` of them were fixed, and the 95% Wilson interval of the share of
    /// its follow-ups that were fixes lies wholly above the repository's share. A busy path is
    /// followed up often, and some follow-ups are fixes by chance; only a path whose follow-ups
    /// are fixes more often than anywhere else says something about the path.
    public func isFixHotspot(_ stats: PathStatistics) -> Bool {
        guard stats.recentFixed >= settings.minimumFixed, stats.recentFollowed > 0 else { return false }
        let interval = Statistics.wilson(successes: stats.recentFixed, trials: stats.recentFollowed)
        return interval.lower > stats.repository.fixShare
    }

    func findings(_ stats: [PathStatistics], commit: ObjectID) -> [Finding] {
        var result: [Finding] = []
        typealias ID = BuiltInRule.HistoryRuleID
        if let points = rules.points[ID.revertHotspot] {
            let hot = stats.filter { $0.recentReverted >= settings.minimumReverted }
                .sorted { ($0.recentReverted, $1.path) > ($1.recentReverted, $0.path) }
            if let worst = hot.first {
                result.append(
                    Finding(
                        rule: ID.revertHotspot, category: BuiltInRule.historyCategory, points: points,
                        message: "\(worst.recentReverted) of the last \(worst.recentChanges) changes to \(worst.path) were reverted"
                            + HistoryFindings.more(hot.count - 1, "with reverted changes")
                            + "; review against what went wrong before and roll out in stages",
                        commit: commit, path: worst.path))
            }
        }
        if let points = rules.points[ID.fixHotspot] {
            let hot = stats.filter(isFixHotspot)
                .sorted { ($0.recentFixed, $1.path) > ($1.recentFixed, $0.path) }
            if let worst = hot.first {
                let days = settings.fixWindowSeconds / HistorySettings.day
                let window = days >= 1 ? "\(days) day\(days == 1 ? "" : "s")" : "\(settings.fixWindowSeconds / 3600) hours"
                result.append(
                    Finding(
                        rule: ID.fixHotspot, category: BuiltInRule.historyCategory, points: points,
                        message: "\(worst.recentFixed) of the last \(worst.recentChanges) changes to \(worst.path) needed a fix within \(window) of landing"
                            + " (\(worst.recentFixed) of its \(worst.recentFollowed) follow-ups were fixes; "
                            + "\(HistoryFindings.percent(worst.repository.fixShare)) across the repository)"
                            + HistoryFindings.more(hot.count - 1, "often fixed after a change"),
                        commit: commit, path: worst.path))
            }
        }
        if let points = rules.points[ID.highChurn] {
            let hot = stats.filter { $0.churn >= settings.churnChanges && $0.churnAuthors >= settings.churnAuthors }
                .sorted { ($0.churn, $1.path) > ($1.churn, $0.path) }
            if let worst = hot.first {
                let days = settings.churnWindowSeconds / HistorySettings.day
                result.append(
                    Finding(
                        rule: ID.highChurn, category: BuiltInRule.historyCategory, points: points,
                        message: "\(worst.path) changed \(worst.churn) times in the last \(days) days by \(worst.churnAuthors) authors"
                            + HistoryFindings.more(hot.count - 1, "as busy"),
                        commit: commit, path: worst.path))
            }
        }
        return result
    }

    public static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    static func more(_ count: Int, _ what: String) -> String {
        count > 0 ? " (and \(count) more path\(count == 1 ? "" : "s") \(what))" : ""
    }
}

/// A scorer that adds history findings to another scorer's assessment. Wraps the configured
/// scorer, so `CommitAnalyzer` needs no change: `analyzer.scorer = HistoryAwareScoring(...)`.
public struct HistoryAwareScoring: RiskScoring {
    public var base: any RiskScoring
    public var history: HistoryFindings

    public init(base: any RiskScoring, history: HistoryFindings) {
        self.base = base
        self.history = history
    }

    public func assess(_ context: CommitContext) -> RiskAssessment {
        var assessment = base.assess(context)
        assessment.findings += history.findings(for: context.commit)
        return assessment
    }
}
