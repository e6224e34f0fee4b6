import RiskgateCore

/// `--format text`: for a person at a terminal. Riskiest commits first, one line of why each,
/// then a summary line. Only the riskiest `limit` commits are kept, so memory stays flat.
public struct TextReporter: Reporter {
    public static let identifier = "text"

    private let sink: any OutputSink
    private let limit: Int
    private var context: ReportContext?
    private var shown: [(order: Int, analysis: CommitAnalysis)] = []
    private var order = 0
    private var totals = (files: 0, added: 0, deleted: 0)

    public init(sink: any OutputSink, limit: Int = 20) {
        self.sink = sink
        self.limit = max(1, limit)
    }

    public mutating func begin(_ context: ReportContext) { self.context = context }

    public mutating func add(_ analysis: CommitAnalysis) {
        order += 1
        totals.files += analysis.commit.files.count
        for file in analysis.commit.files {
            totals.added += file.added ?? 0
            totals.deleted += file.deleted ?? 0
        }
        shown.append((order, analysis))
        if shown.count > limit * 2 { trim() }
    }

    public mutating func finish(_ summary: RangeSummary) {
        trim()
        var out = ""
        let revisions = context?.revisions.joined(separator: " ") ?? ""
        out += "riskgate report \(revisions)\n"
        if let reason = context?.defaultRangeReason { out += "range: \(reason)\n" }
        if summary.commits == 0 {
            out += "\nNo commits in this range. Name one, e.g. `riskgate report HEAD~20..` or `riskgate report --all`.\n"
            sink.write(out)
            return
        }
        out += "\n"
        for (_, analysis) in shown {
            out += line(for: analysis)
        }
        if summary.commits > shown.count {
            out += "  ... and \(summary.commits - shown.count) more commits with lower or equal scores\n"
        }
        out += "\n"
        out += "\(summary.commits) commits: \(summary.human) human, \(summary.aiAssisted) AI-assisted, "
        out += "\(summary.aiAuthored) AI-authored, \(summary.bot) bot; "
        out += "\(totals.files) file changes, +\(totals.added) -\(totals.deleted)\n"
        out += "score \(summary.score) (\(summary.level.rawValue)), decision: \(summary.decision.rawValue)"
        out += summary.complete ? "\n" : " (INCOMPLETE)\n"
        if summary.shallowBoundaries > 0 {
            out += "note: \(summary.shallowBoundaries) commit(s) sit on a shallow clone's boundary; their changes are unknown."
            out += " Run `git fetch --unshallow` for a full report.\n"
        }
        let placeholders = ["authorship", "traceability", "rules"].filter { !(context?.capabilities.contains($0) ?? false) }
        if !placeholders.isEmpty {
            out += "note: not yet analysed in this build: \(placeholders.joined(separator: ", ")).\n"
        }
        for recommendation in summary.recommendations { out += "next: \(recommendation)\n" }
        sink.write(out)
    }

    private func line(for analysis: CommitAnalysis) -> String {
        let commit = analysis.commit
        let added = commit.files.reduce(0) { $0 + ($1.added ?? 0) }
        let deleted = commit.files.reduce(0) { $0 + ($1.deleted ?? 0) }
        var text = "\(analysis.level.rawValue.uppercased().padding(8)) \(String(analysis.score).leftPadding(3))  "
        text += "\(commit.id.abbreviated(10))  \(truncate(commit.subject, 52))\n"
        text += "    \(commit.author.name) · \(analysis.authorship.kind.rawValue)"
        if let tool = analysis.authorship.tool { text += " (\(tool))" }
        text += " · \(commit.files.count) files +\(added) -\(deleted)\n"
        for finding in analysis.findings.prefix(3) {
            text += "    +\(finding.points) \(finding.rule): \(truncate(finding.message, 60))\n"
        }
        if analysis.findings.count > 3 { text += "    ... \(analysis.findings.count - 3) more findings\n" }
        return text
    }

    /// Keeps the riskiest `limit` commits, oldest position first among equals.
    private mutating func trim() {
        shown.sort { lhs, rhs in
            if lhs.analysis.score != rhs.analysis.score { return lhs.analysis.score > rhs.analysis.score }
            return lhs.order < rhs.order
        }
        if shown.count > limit { shown.removeLast(shown.count - limit) }
    }

    private func truncate(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    func leftPadding(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
