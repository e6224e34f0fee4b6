import RiskgateCore

/// `--format text`: for a person at a terminal. Riskiest commits first, each with one line of
/// why per finding and the next step, then a summary line, the range's recommendations and the
/// waiver syntax. Fits 80 columns. Only the riskiest `limit` commits are kept: memory stays flat.
public struct TextReporter: Reporter {
    public static let identifier = "text"

    /// Columns the report is laid out for.
    public static let width = 80
    private static let indent = "    "
    private static let findingsShown = 3

    private let sink: any OutputSink
    private let style: TerminalStyle
    private var context: ReportContext?
    private var riskiest: RiskiestCommits
    private var totals = ChangeTotals()
    private var hiddenFindings = 0

    public init(sink: any OutputSink, limit: Int = 20, style: TerminalStyle = .plain) {
        self.sink = sink
        self.style = style
        riskiest = RiskiestCommits(limit: limit)
    }

    /// Findings a baseline hid, so the summary can say so.
    public mutating func noteHidden(_ count: Int) { hiddenFindings += count }

    public mutating func begin(_ context: ReportContext) { self.context = context }

    public mutating func add(_ analysis: CommitAnalysis) {
        totals.add(analysis.commit)
        riskiest.add(analysis)
    }

    public mutating func finish(_ summary: RangeSummary) {
        var out = style.bold("riskgate report \(context?.revisions.joined(separator: " ") ?? "")") + "\n"
        if let reason = context?.defaultRangeReason { out += style.dim("range: \(reason)") + "\n" }
        if summary.commits == 0 {
            out += "\nNo commits in this range. Name one, e.g. `riskgate report HEAD~20..` or `riskgate report --all`.\n"
            sink.write(TerminalText.sanitize(out, allowedSGR: style.enabled ? TerminalStyle.codes : []))
            return
        }
        out += "\n"
        // Commits with nothing to say are counted, not listed, unless nothing else is there.
        let kept = riskiest.commits
        let risky = kept.filter { $0.score > 0 || !$0.findings.isEmpty }
        let shown = risky.isEmpty ? Array(kept.prefix(5)) : risky
        // Findings about the range as a whole come first: they decide for every commit below.
        for finding in summary.rangeFindings.sorted() {
            out += lines("+\(finding.points) \(finding.rule): \(finding.message)", indent: Self.indent, label: "range:")
        }
        if !summary.rangeFindings.isEmpty { out += "\n" }
        for analysis in shown { out += block(for: analysis) }
        if summary.commits > shown.count {
            let rest = summary.commits - shown.count
            let what = risky.count < kept.count ? "without findings" : "with lower or equal scores"
            out += style.dim("  ... and \(rest) more commit\(rest == 1 ? "" : "s") \(what)") + "\n"
        }
        out += "\n"
        out += "\(counted(summary.commits, "commit")): \(summary.human) human, \(summary.aiAssisted) AI-assisted, "
        out += "\(summary.aiAuthored) AI-authored, \(summary.bot) bot\n"
        out += "\(counted(totals.files, "file change")), +\(totals.added) -\(totals.deleted) · "
        out += "score " + style.level(summary.level, "\(summary.score) (\(summary.level.rawValue))")
        out += " · decision: " + style.decision(summary.decision, summary.decision.rawValue)
        out += summary.complete ? "\n" : " " + style.red("(INCOMPLETE)") + "\n"
        if hiddenFindings > 0 { out += style.dim("baseline: \(hiddenFindings) accepted finding(s) hidden") + "\n" }
        if summary.shallowBoundaries > 0 {
            out += lines(
                "note: \(summary.shallowBoundaries) commit(s) sit on a shallow clone's boundary; their changes are"
                    + " unknown. Run `git fetch --unshallow` for a full report.", indent: "      ")
        }
        let placeholders = placeholderStages(context)
        if !placeholders.isEmpty {
            out += style.dim("note: not yet analysed in this build: \(placeholders.joined(separator: ", ")).") + "\n"
        }
        if !summary.recommendations.isEmpty {
            out += "\n" + style.bold("Recommendations") + "\n"
            for recommendation in summary.recommendations { out += lines(recommendation, indent: "    ", first: "  - ") }
        }
        if summary.decision == .block {
            out += "\nTo waive after review, push with a reason:\n"
            out += "  \(Waiver.environment)\n  \(Waiver.pushOption)\n"
        }
        sink.write(TerminalText.sanitize(out, allowedSGR: style.enabled ? TerminalStyle.codes : []))
    }

    /// One commit: level, score, sha and subject; who and how much; a line per finding; next steps.
    private func block(for analysis: CommitAnalysis) -> String {
        let commit = analysis.commit
        let size = ChangeTotals.of(commit)
        let label = style.level(analysis.level, Columns.pad(analysis.level.rawValue.uppercased(), 8))
        var text = "\(label) \(Columns.leftPad(String(analysis.score), 3))  \(style.cyan(commit.id.abbreviated(10)))  "
        text += style.bold(Columns.truncate(commit.subject, Self.width - 25)) + "\n"
        // The author's name goes last: a long one is what gets cut, never the facts.
        var who = authorshipLabel(analysis.authorship)
        if analysis.authorship.isAI { who += " · trace: \(analysis.traceability.status.rawValue)" }
        who += " · \(counted(commit.files.count, "file")) +\(size.added) -\(size.deleted) · \(commit.author.name)"
        text += Self.indent + style.dim(Columns.truncate(who, Self.width - Self.indent.count)) + "\n"
        // The policy keys behind a flag or block, one line each.
        for reason in analysis.reasons {
            text += lines("\(reason.decision.rawValue): \(reason.text)", indent: Self.indent + "      ", first: Self.indent, label: "why:")
        }
        for finding in analysis.findings.prefix(Self.findingsShown) {
            // Where first, then why: the path survives when a long message is cut.
            var why = "\(Columns.leftPad("+\(finding.points)", 3)) \(finding.rule)"
            if let path = finding.path { why += " \(path)\(finding.line.map { ":\($0)" } ?? "")" }
            why += ": \(finding.message)"
            text += Self.indent + Columns.truncate(why, Self.width - Self.indent.count) + "\n"
        }
        if analysis.findings.count > Self.findingsShown {
            text += Self.indent + style.dim("... \(analysis.findings.count - Self.findingsShown) more finding\(analysis.findings.count - Self.findingsShown == 1 ? "" : "s")") + "\n"
        }
        for step in Recommendations.nextSteps(for: analysis) {
            text += lines(step, indent: Self.indent + "      ", first: Self.indent, label: "next:")
        }
        return text
    }

    /// Wrapped lines, each ending in a newline, laid out on the plain text; the `label` (e.g.
    /// `next:`) is coloured afterwards, so colour never changes where lines break.
    private func lines(_ text: String, indent: String, first: String = "", label: String = "") -> String {
        let prefix = label.isEmpty ? "" : label + " "
        let wrapped = Columns.wrap(prefix + text, width: Self.width - first.count, indent: indent)
        var out = ""
        for (index, line) in wrapped.enumerated() {
            if index == 0 {
                out += first + (label.isEmpty ? line : style.yellow(label) + line.dropFirst(label.count))
            } else {
                out += line
            }
            out += "\n"
        }
        return out
    }
}
