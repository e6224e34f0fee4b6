import RiskgateCore

/// The riskiest `limit` commits of a stream, riskiest first, earliest seen first among equals.
///
/// Holds at most twice the limit between trims, so a report over any history stays small.
public struct RiskiestCommits: Sendable {
    public let limit: Int
    private var kept: [(order: Int, analysis: CommitAnalysis)] = []
    private var order = 0

    public init(limit: Int) { self.limit = max(1, limit) }

    public mutating func add(_ analysis: CommitAnalysis) {
        order += 1
        kept.append((order, analysis))
        if kept.count >= limit * 2 { trim() }
    }

    /// The kept commits, riskiest first.
    public var commits: [CommitAnalysis] {
        var copy = self
        copy.trim()
        return copy.kept.map(\.analysis)
    }

    private mutating func trim() {
        kept.sort { lhs, rhs in
            if lhs.analysis.score != rhs.analysis.score { return lhs.analysis.score > rhs.analysis.score }
            return lhs.order < rhs.order
        }
        if kept.count > limit { kept.removeLast(kept.count - limit) }
    }
}

/// Totals of the changes in a range, for summary lines.
public struct ChangeTotals: Hashable, Sendable {
    public var files = 0
    public var added = 0
    public var deleted = 0

    public init() {}

    public mutating func add(_ commit: CommitSnapshot) {
        files += commit.files.count
        for file in commit.files {
            added += file.added ?? 0
            deleted += file.deleted ?? 0
        }
    }

    public static func of(_ commit: CommitSnapshot) -> ChangeTotals {
        var totals = ChangeTotals()
        totals.add(commit)
        return totals
    }
}

/// How a commit's authorship reads in a report: `ai-assisted (claude-code)`.
func authorshipLabel(_ authorship: Authorship) -> String {
    authorship.tool.map { "\(authorship.kind.rawValue) (\($0))" } ?? authorship.kind.rawValue
}

/// The waiver syntax of SPEC §6, shown whenever a report flags or blocks.
enum Waiver {
    static let environment = "RISKGATE_WAIVE=\"reason\" git push"
    static let pushOption = "git push -o riskgate.waive=\"reason\""
}

/// `1 file`, `2 files`: counts read as English.
func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}

/// Stages the report names as placeholders when they did not run for real.
func placeholderStages(_ context: ReportContext?) -> [String] {
    ["authorship", "traceability", "rules"].filter { !(context?.capabilities.contains($0) ?? false) }
}
