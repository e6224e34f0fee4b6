import RiskgateCore

/// `--format markdown`: a pull-request comment. A fixed marker on the first line lets a bot
/// find its earlier comment and edit it in place; the rest is a summary table, the next steps,
/// the riskiest commits in a table and each one's findings in a collapsible `<details>`.
/// Nothing in it depends on the clock or the machine, so the same range gives the same bytes.
public struct MarkdownReporter: Reporter {
    public static let identifier = "markdown"
    /// The first line of every comment; search for it to update the comment in place.
    public static let marker = "<!-- riskgate-report -->"

    private let sink: any OutputSink
    private var context: ReportContext?
    private var riskiest: RiskiestCommits
    private var hiddenFindings = 0

    public init(sink: any OutputSink, limit: Int = 10) {
        self.sink = sink
        riskiest = RiskiestCommits(limit: limit)
    }

    public mutating func noteHidden(_ count: Int) { hiddenFindings += count }

    public mutating func begin(_ context: ReportContext) { self.context = context }

    public mutating func add(_ analysis: CommitAnalysis) { riskiest.add(analysis) }

    public mutating func finish(_ summary: RangeSummary) {
        var out = Self.marker + "\n"
        let icon = summary.decision == .block ? "⛔" : summary.decision == .flag ? "⚠️" : "✅"
        out += "## \(icon) riskgate: \(summary.level.rawValue) risk (score \(summary.score)), decision: **\(summary.decision.rawValue)**\n\n"
        let revisions = context?.revisions.joined(separator: " ") ?? ""
        out += "| Range | Commits | Human | AI-assisted | AI-authored | Bot | Score | Level | Decision |\n"
        out += "|---|---:|---:|---:|---:|---:|---:|---|---|\n"
        out += "| \(Self.code(revisions.isEmpty ? "(default)" : revisions)) | \(summary.commits) | \(summary.human)"
        out += " | \(summary.aiAssisted) | \(summary.aiAuthored) | \(summary.bot) | \(summary.score)"
        out += " | \(summary.level.rawValue) | \(summary.decision.rawValue)\(summary.complete ? "" : " (incomplete)") |\n"
        if let reason = context?.defaultRangeReason { out += "\nRange chosen by default: \(Self.cell(reason)).\n" }
        if summary.commits == 0 {
            out += "\nNo commits in this range.\n"
            sink.write(TerminalText.sanitize(out))
            return
        }
        if !summary.recommendations.isEmpty {
            out += "\n### Next steps\n\n"
            for recommendation in summary.recommendations { out += "- \(Self.inline(recommendation))\n" }
        }
        if !summary.rangeFindings.isEmpty {
            out += "\n### Range findings\n\n"
            for finding in summary.rangeFindings.sorted() { out += Self.findingItem(finding) }
        }
        let shown = riskiest.commits
        out += "\n### Riskiest commits\n\n"
        out += "| Commit | Score | Level | Authorship | Traceability | Subject |\n"
        out += "|---|---:|---|---|---|---|\n"
        for analysis in shown {
            out += "| \(Self.code(analysis.commit.id.abbreviated(10))) | \(analysis.score) | \(analysis.level.rawValue)"
            out += " | \(authorshipLabel(analysis.authorship)) | \(analysis.traceability.status.rawValue)"
            out += " | \(Self.cell(Columns.truncate(analysis.commit.subject, 72))) |\n"
        }
        if summary.commits > shown.count {
            out += "\n_\(summary.commits - shown.count) more commits with lower or equal scores are not shown._\n"
        }
        for analysis in shown
        where !analysis.findings.isEmpty || !analysis.reasons.isEmpty || !Recommendations.nextSteps(for: analysis).isEmpty {
            out += "\n" + details(for: analysis)
        }
        var notes: [String] = []
        if hiddenFindings > 0 { notes.append("\(hiddenFindings) accepted finding(s) hidden by the baseline") }
        if summary.shallowBoundaries > 0 {
            notes.append("\(summary.shallowBoundaries) commit(s) on a shallow clone's boundary were not diffed")
        }
        let placeholders = placeholderStages(context)
        if !placeholders.isEmpty { notes.append("not yet analysed in this build: \(placeholders.joined(separator: ", "))") }
        if summary.decision == .block {
            notes.append("to waive after review: `\(Waiver.environment)` or `\(Waiver.pushOption)`")
        }
        if !notes.isEmpty {
            out += "\n---\n"
            for note in notes { out += "\n<sub>\(note)</sub>\n" }
        }
        sink.write(TerminalText.sanitize(out))
    }

    private func details(for analysis: CommitAnalysis) -> String {
        let commit = analysis.commit
        let size = ChangeTotals.of(commit)
        var out = "<details>\n<summary><code>\(commit.id.abbreviated(10))</code> \(analysis.score) \(analysis.level.rawValue): "
        out += "\(Self.html(Columns.truncate(commit.subject, 72)))</summary>\n\n"
        out += "\(Self.inline(commit.author.name)), \(authorshipLabel(analysis.authorship)), traceability "
        out += "\(analysis.traceability.status.rawValue); \(counted(commit.files.count, "file")), +\(size.added) -\(size.deleted)\n\n"
        for reason in analysis.reasons { out += "- **\(reason.decision.rawValue)** because \(Self.inline(reason.text))\n" }
        for finding in analysis.findings { out += Self.findingItem(finding) }
        let steps = Recommendations.nextSteps(for: analysis)
        if !steps.isEmpty {
            out += "\n**Next:**\n"
            for step in steps { out += "- \(Self.inline(step))\n" }
        }
        out += "\n</details>\n"
        return out
    }

    private static func findingItem(_ finding: Finding) -> String {
        var item = "- **+\(finding.points)** \(code(finding.rule)) (\(finding.category)): \(inline(finding.message))"
        if let path = finding.path { item += " in \(code(path + (finding.line.map { ":\($0)" } ?? "")))" }
        return item + "\n"
    }

    // MARK: - Escaping

    /// Text inside a table cell: no pipes, no line breaks, no HTML.
    static func cell(_ text: String) -> String {
        html(text).replacingAll("|", with: "\\|").replacingAll("\n", with: " ")
    }

    /// Text in a list item: HTML is neutralised outside `code spans`, which show their text as is.
    static func inline(_ text: String) -> String {
        var out = ""
        var plain = ""
        var inCode = false
        for character in text.replacingAll("\n", with: " ") {
            if character == "`" {
                out += inCode ? plain : html(plain)
                out.append(character)
                plain = ""
                inCode.toggle()
            } else {
                plain.append(character)
            }
        }
        return out + (inCode ? plain : html(plain))
    }

    static func html(_ text: String) -> String {
        quietMentions(text.replacingAll("&", with: "&amp;").replacingAll("<", with: "&lt;").replacingAll(">", with: "&gt;"))
    }

    /// `@user` and `@org/team` (CODEOWNERS owners, a subject's "cc @x") would notify those people
    /// every time a pull-request comment is posted or edited: they are shown as code, which GitHub
    /// and GitLab never turn into mentions. An e-mail address (`ops@example.com`) is left alone.
    static func quietMentions(_ text: String) -> String {
        guard text.contains("@") else { return text }
        let characters = Array(text)
        var out = ""
        var index = 0
        func isHandle(_ character: Character) -> Bool {
            character.isASCII && (character.isLetter || character.isNumber || "-_/.".contains(character))
        }
        while index < characters.count {
            let character = characters[index]
            let startsWord = index == 0 || " \t([{,;:'\"".contains(characters[index - 1])
            if character == "@", startsWord, index + 1 < characters.count, characters[index + 1].isASCII,
                characters[index + 1].isLetter || characters[index + 1].isNumber
            {
                var end = index + 1
                while end < characters.count, isHandle(characters[end]) { end += 1 }
                while end > index + 1, ".,/".contains(characters[end - 1]) { end -= 1 }
                out += "<code>" + String(characters[index..<end]) + "</code>"
                index = end
                continue
            }
            out.append(character)
            index += 1
        }
        return out
    }

    /// A code span that survives backticks inside (CommonMark: a longer fence).
    static func code(_ text: String) -> String {
        let clean = text.replacingAll("\n", with: " ").replacingAll("|", with: "\\|")
        return clean.contains("`") ? "`` \(clean) ``" : "`\(clean)`"
    }
}

extension String {
    /// Replaces every occurrence of `target` (no Foundation in the reporting path).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        guard contains(target) else { return self }
        var out = ""
        out.reserveCapacity(count)
        for character in self {
            if character == target { out += replacement } else { out.append(character) }
        }
        return out
    }
}
