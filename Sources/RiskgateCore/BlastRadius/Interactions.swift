/// Findings that come from authorship and traceability together with the blast radius:
/// together they count more than apart (SPEC §3.3).
public enum Interactions {
    public enum RuleID {
        public static let untraced = "ai-untraced"
        public static let malformed = "ai-trace-malformed"
        public static let scopeDrift = "ai-scope-drift"
        public static let amplifier = "ai-amplifier"
        public static let infraMassDeletion = "infra-mass-deletion"
        public static let aiSignedOff = "ai-signed-off"
    }

    /// Categories whose breakage reaches beyond the change itself.
    public static let highBlastRadiusCategories: Set<String> = [
        "infrastructure", "deploy", "ci-cd", "database", "security", "production", "gate-self",
    ]

    /// AI commits that count for traceability: low-confidence signals are reported, never scored.
    static func isScoredAI(_ authorship: Authorship) -> Bool {
        authorship.isAI && authorship.confidence >= .medium
    }

    public static func findings(
        context: CommitContext, blastFindings: [Finding], metrics: ChangeMetrics, rules: RuleSet
    ) -> [Finding] {
        let commit = context.commit.id
        var findings: [Finding] = []
        let trace = context.traceability
        let who = context.authorship
        let whoText = who.kind.rawValue + (who.tool.map { " (\($0))" } ?? "")
        let untraced = trace.status == .missing || trace.status == .malformed
        let drift = !trace.outOfScope.isEmpty

        if isScoredAI(who) {
            if trace.status == .missing, let rule = rules.builtIn(RuleID.untraced) {
                findings.append(
                    Finding(
                        rule: rule.id, category: rule.category, points: rule.points,
                        message: "\(whoText) commit has no link to its prompt or session; add a trailer `AI-Session: <url or id>`",
                        commit: commit))
            }
            if trace.status == .malformed, let rule = rules.builtIn(RuleID.malformed) {
                let why = trace.notes.isEmpty ? "" : ": " + trace.notes.joined(separator: "; ")
                findings.append(
                    Finding(
                        rule: rule.id, category: rule.category, points: rule.points,
                        message: "\(whoText) commit's traceability trailer is malformed\(why)", commit: commit))
            }
            if drift, let rule = rules.builtIn(RuleID.scopeDrift) {
                let paths = trace.outOfScope.sorted()
                let shown = paths.prefix(3).joined(separator: ", ") + (paths.count > 3 ? " and \(paths.count - 3) more" : "")
                findings.append(
                    Finding(
                        rule: rule.id, category: rule.category, points: rule.points,
                        message: "changes \(paths.count) file(s) outside its declared AI-Scope (\(trace.scope.joined(separator: ", "))): \(shown)",
                        commit: commit, path: paths.first))
            }
        }

        // An AI identity certifying the DCO: whatever the authorship, a person must sign off.
        if AISignOff.mayHaveSignOff(context.commit.message.text), let rule = rules.builtIn(RuleID.aiSignedOff) {
            let signOffs = AISignOff.find(in: DetectionInput(commit: context.commit, trailers: context.trailers))
            if let first = signOffs.first {
                let more = signOffs.count > 1 ? " (and \(signOffs.count - 1) more)" : ""
                findings.append(
                    Finding(
                        rule: rule.id, category: rule.category, points: rule.points,
                        message: "`\(first)`\(more): an AI must not add Signed-off-by, only a person can certify the DCO; "
                            + "sign off yourself and credit the tool with `Assisted-by: AGENT_NAME:MODEL_VERSION`",
                        commit: commit))
            }
        }

        let risky = blastFindings.filter { highBlastRadiusCategories.contains($0.category) }
        let blastPoints = risky.reduce(0) { $0 + $1.points }
        if isScoredAI(who), blastPoints > 0, untraced || drift, let rule = rules.builtIn(RuleID.amplifier) {
            let extra = min(rule.points, max(5, blastPoints / 2))
            let categories = Set(risky.map(\.category)).sorted().joined(separator: ", ")
            let reason = untraced ? "without a traceable prompt" : "outside its declared scope"
            findings.append(
                Finding(
                    rule: rule.id, category: rule.category, points: extra,
                    message: "\(whoText) change to \(categories) \(reason): +\(extra) on top of its \(blastPoints) blast-radius points (half again, at most \(rule.points)), because nobody can review what the agent was asked to do",
                    commit: commit))
        }

        let infrastructure = blastFindings.contains { $0.category == "infrastructure" || $0.category == "production" }
        if infrastructure, metrics.isMassDeletion, let rule = rules.builtIn(RuleID.infraMassDeletion) {
            findings.append(
                Finding(
                    rule: rule.id, category: rule.category, points: rule.points,
                    message: "rewrites infrastructure and deletes \(metrics.linesDeleted) lines (\(metrics.deletedFiles) files) at once; split the deletion from the change",
                    commit: commit))
        }
        return findings
    }
}
