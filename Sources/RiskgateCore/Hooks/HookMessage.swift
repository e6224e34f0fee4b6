/// Renders a push verdict for the person who pushed: one block per ref naming the commit, the
/// rule, the trailer to add and the waiver syntax. Plain text; on GitLab every line carries
/// `GL-HOOK-ERR: ` so the web UI shows it.
public struct HookMessage {
    public var hook: String
    public var side: HookSide
    public var prefix: String
    /// At most this many commits listed per ref; the rest are counted.
    public var commitLimit = 5
    /// At most this many findings listed per commit.
    public var findingLimit = 5

    public init(hook: String, side: HookSide, prefix: String) {
        self.hook = hook
        self.side = side
        self.prefix = prefix
    }

    /// - Parameter note: one more line for the pusher (the history index in use), last.
    public func render(_ verdict: PushVerdict, settings: HookSettings, note: String? = nil) -> String {
        // Short when nothing but flags happened; approvals that lifted a block are worth the full page.
        if verdict.decision == .flag,
            verdict.refs.allSatisfy({ ref in
                (ref.status == .allow || ref.status == .flag) && ref.results.allSatisfy { $0.approvals == nil }
            })
        {
            return renderFlagged(verdict, note: note)
        }
        var lines: [String] = []
        lines.append(headline(verdict))
        for ref in verdict.refs {
            lines.append("")
            lines.append(contentsOf: block(for: ref, verdict: verdict, settings: settings))
        }
        if verdict.decision == .block {
            lines.append("")
            lines.append(contentsOf: footer(verdict))
        }
        if let note { lines.append("riskgate \(hook): \(note)") }
        return prefixed(lines)
    }

    /// A push that goes through with flags: at most five lines (what was flagged, its top rule,
    /// where to read more). The pusher's push succeeded; a page of detail would bury that.
    func renderFlagged(_ verdict: PushVerdict, note: String? = nil) -> String {
        var lines = [headline(verdict)]
        let flagged = verdict.refs.flatMap { ref in ref.results.filter { $0.decision == .flag }.map { (ref, $0) } }
        if let (ref, first) = flagged.first {
            let analysis = first.analysis
            lines.append("FLAG  \(ref.update.ref)  \(flagged.count) flagged of \(verdict.refs.reduce(0) { $0 + $1.commitCount }) new commit\(verdict.refs.reduce(0) { $0 + $1.commitCount } == 1 ? "" : "s")")
            lines.append(
                "  commit \(analysis.commit.id.abbreviated()) \"\(analysis.commit.subject)\": flag, score \(analysis.score) (\(analysis.level.rawValue))")
            if let finding = analysis.findings.first {
                let location = finding.path.map { " in \($0)\(finding.line.map { ":\($0)" } ?? "")" } ?? ""
                lines.append("    rule \(finding.rule) [\(finding.category)] +\(finding.points)\(location): \(finding.message)")
            }
            let more = flagged.count > 1 ? " (and \(flagged.count - 1) more flagged commit\(flagged.count == 2 ? "" : "s"))" : ""
            lines.append("details: riskgate explain \(analysis.commit.id.abbreviated())\(more)\(note.map { "; \($0)" } ?? "")")
        } else {
            for range in verdict.refs.flatMap(\.rangeFindings).prefix(3) {
                lines.append("  \(range.decision.rawValue): rule \(range.finding.rule): \(range.finding.message)")
            }
        }
        return prefixed(Array(lines.prefix(5)))
    }

    /// For an input error or an unreadable configuration: what failed and what `on_error` decided.
    public func renderFailure(_ what: String, decision: Decision, policyName: String = "on_error") -> String {
        var lines = ["riskgate \(hook): ERROR: \(what)"]
        lines.append("  \(policyName)=\(decision.rawValue) decides: \(consequence(of: decision))")
        return prefixed(lines)
    }

    /// Every physical line carries the prefix, also those inside multi-line error texts.
    /// Subjects, paths, lines and reasons come from commits: no control character or escape
    /// sequence reaches the pusher's terminal (`TerminalText`).
    private func prefixed(_ lines: [String]) -> String {
        TerminalText.sanitize(lines.joined(separator: "\n")).split(separator: "\n", omittingEmptySubsequences: false)
            .map { prefix + $0 }.joined(separator: "\n") + "\n"
    }

    // MARK: - Parts

    private func headline(_ verdict: PushVerdict) -> String {
        let counts = Dictionary(grouping: verdict.refs, by: \.status).mapValues(\.count)
        let order: [RefVerdictStatus] = [.block, .error, .incomplete, .waived, .wouldBlock, .flag, .allow]
        let tally = order.compactMap { status in counts[status].map { "\($0) \(status.rawValue.lowercased())" } }
        let outcome: String
        switch verdict.decision {
        case .block: outcome = side == .server && hook == "pre-receive" ? "push rejected" : (hook == "update" ? "ref rejected" : "push stopped")
        case .flag: outcome = "push allowed with flags"
        case .allow: outcome = "push allowed"
        }
        let refs = verdict.refs.count == 1 ? "1 ref" : "\(verdict.refs.count) refs"
        var text = "riskgate \(hook): \(outcome) (\(refs)\(tally.isEmpty ? "" : ": " + tally.joined(separator: ", ")))"
        if let pusher = verdict.pusher { text += ", pusher \(pusher.name)" }
        return text
    }

    private func block(for ref: RefVerdict, verdict: PushVerdict, settings: HookSettings) -> [String] {
        var lines: [String] = []
        let commits = ref.commitCount == 1 ? "1 new commit" : "\(ref.commitCount) new commits"
        lines.append("\(ref.status.rawValue)  \(ref.update.ref)  \(ref.classification.summary); \(ref.update.isDeletion ? "no commits" : commits)")
        if !ref.update.old.isZero && !ref.update.new.isZero {
            lines.append("  \(ref.update.old.abbreviated())..\(ref.update.new.abbreviated())")
        }
        if let failure = ref.failure {
            lines.append("  riskgate failed: \(failure)")
            let decision = ref.failureDecision ?? settings.onError(canBlock: false)
            lines.append("  on_error=\(decision.rawValue) decides: \(consequence(of: decision))")
        } else if ref.listingTimedOut {
            let deadline = verdict.deadlineMilliseconds.map { "the \($0) ms deadline" } ?? "the deadline"
            lines.append("  \(deadline) passed before this ref's commits could be listed; none was checked")
            let decision = ref.failureDecision ?? settings.onTimeout(canBlock: false)
            lines.append("  on_timeout=\(decision.rawValue) decides: \(consequence(of: decision))")
        } else if ref.unanalyzed > 0 {
            let deadline = verdict.deadlineMilliseconds.map { "the \($0) ms deadline" } ?? "the deadline"
            lines.append("  \(ref.results.count) of \(ref.commitCount) commits analysed before \(deadline); \(ref.unanalyzed) not checked")
            if !ref.unanalysedCommits.isEmpty {
                let shown = ref.unanalysedCommits.prefix(5).map { $0.abbreviated() }.joined(separator: ", ")
                let more = ref.unanalysedCommits.count > 5 ? " and \(ref.unanalysedCommits.count - 5) more" : ""
                lines.append("  not analysed: \(shown)\(more)")
            }
            let decision = ref.failureDecision ?? settings.onTimeout(canBlock: false)
            lines.append("  on_timeout=\(decision.rawValue) decides: \(consequence(of: decision))")
        }
        for range in ref.rangeFindings {
            lines.append("  \(range.decision.rawValue): rule \(range.finding.rule) [\(range.finding.category)]: \(range.finding.message)")
        }
        if ref.wouldBlock {
            lines.append(
                "  would block: this ref's policy is in evaluate mode (mode: evaluate), so the update is accepted and the "
                    + "verdict recorded; under mode: enforce it would be rejected")
        }
        let shown = ref.results.filter { $0.decision > .allow }
        for result in shown.prefix(commitLimit) {
            lines.append(contentsOf: commitLines(result) + approvalLines(result, ref: ref.update.ref))
        }
        if shown.count > commitLimit { lines.append("  ... and \(shown.count - commitLimit) more commits flagged or blocked") }
        lines.append(contentsOf: waiverLines(ref, verdict: verdict))
        return lines
    }

    private func commitLines(_ result: RefCommitResult) -> [String] {
        let analysis = result.analysis
        var lines = [
            "  commit \(analysis.commit.id.abbreviated()) \"\(analysis.commit.subject)\": \(result.decision.rawValue), "
                + "score \(analysis.score) (\(analysis.level.rawValue))"
        ]
        for reason in result.reasons {
            lines.append("    \(reason.decision.rawValue) because \(reason.text)")
        }
        if analysis.authorship.isAI {
            lines.append(
                "    authorship: \(analysis.authorship.kind.rawValue)\(analysis.authorship.tool.map { " (\($0))" } ?? ""), "
                    + "confidence \(analysis.authorship.confidence.rawValue)")
        }
        for finding in analysis.findings.prefix(findingLimit) {
            let location = finding.path.map { " in \($0)\(finding.line.map { ":\($0)" } ?? "")" } ?? ""
            lines.append("    rule \(finding.rule) [\(finding.category)] +\(finding.points)\(location): \(finding.message)")
        }
        if analysis.findings.count > findingLimit { lines.append("    ... \(analysis.findings.count - findingLimit) more findings") }
        switch analysis.traceability.status {
        case .missing:
            lines.append("    traceability missing: add a trailer naming the prompt or session, e.g.")
            lines.append("      AI-Session: <url or id of the session>")
            lines.append("    (git commit --amend --trailer 'AI-Session: <url>' for the last commit; git rebase -i for older ones)")
        case .malformed:
            lines.append("    traceability malformed: fix the link trailer (AI-Session: <url or id>)")
        default:
            break
        }
        return lines
    }

    private func waiverLines(_ ref: RefVerdict, verdict: PushVerdict) -> [String] {
        switch ref.waiver {
        case .accepted(let by, let reason)?:
            return ["  waived by \(by): \"\(reason)\" (recorded in the audit log)"]
        case .refused(let why)?:
            return ["  waiver refused: \(why)"]
        case .notNeeded?, nil:
            return []
        }
    }

    private func footer(_ verdict: PushVerdict) -> [String] {
        var lines: [String] = []
        if hook == "pre-receive" && verdict.refs.count > 1 {
            lines.append("git applies a pre-receive verdict to the whole push: no ref was updated.")
        }
        // Advice about commits only when a commit blocked: a force push or a freeze says its own.
        if verdict.refs.contains(where: { ref in ref.results.contains { $0.decision == .block } }) {
            lines.append("To fix: amend the commits named above (add the trailer, split the change) and push again.")
        }
        switch side {
        case .server:
            lines.append("To waive (allowed people only; recorded): git push -o 'riskgate.waive=<reason>' ...")
        case .client:
            lines.append("To waive (recorded): RISKGATE_WAIVE='<reason>' git push ...")
        }
        return lines
    }

    private func consequence(of decision: Decision) -> String {
        switch decision {
        case .allow: "allowed"
        case .flag: "allowed with a flag"
        case .block: "rejected"
        }
    }
}
