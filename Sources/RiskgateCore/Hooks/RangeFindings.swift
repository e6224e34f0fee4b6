/// Findings about a whole ref update rather than one commit (SPEC §3.3): rewriting or deleting
/// the ref, too many AI lines at once, a freeze window, the AI kill switch. Each carries the
/// decision its policy key asks for; the fingerprint names the ref (`range:<ref>:<rule>`).
public struct RangeFinding: Hashable, Sendable {
    public var finding: Finding
    /// What the policy key asks for (flag or block).
    public var decision: Decision
    /// The policy key or command behind it, for the message (`force_push`, `riskgate freeze --ai`).
    public var key: String

    public init(finding: Finding, decision: Decision, key: String) {
        self.finding = finding
        self.decision = decision
        self.key = key
    }
}

public enum RangeFindings {
    public enum RuleID {
        public static let forcePush = "force-push"
        public static let deletion = "deletion"
        public static let freeze = "freeze"
        public static let aiVolume = "ai-volume"
        public static let aiFreeze = "ai-freeze"
        public static let gateRef = "gate-ref"
    }

    /// Refs the gate itself keeps (the audit head): no push may move or delete them.
    public static let gateRefPrefix = "refs/riskgate/"

    /// The built-in rules behind range findings: listed with the others (`riskgate rules list`);
    /// their decision comes from the policy key, their points only rank them in reports.
    public static let rules: [BuiltInRule] = [
        BuiltInRule(
            id: RuleID.forcePush, category: "ref-update",
            description: "A non-fast-forward update rewrites the ref's history (policy key force_push).", points: 40),
        BuiltInRule(
            id: RuleID.deletion, category: "ref-update", description: "The ref is deleted (policy key deletion).",
            points: 40),
        BuiltInRule(
            id: RuleID.freeze, category: "freeze", description: "An update inside a change-freeze window (policy key freeze).",
            points: 30),
        BuiltInRule(
            id: RuleID.aiVolume, category: "ai-volume",
            description: "One update adds more lines from AI commits than max_ai_lines allows.", points: 30),
        BuiltInRule(
            id: RuleID.gateRef, category: "gate-self",
            description: "A push updates or deletes a ref the gate keeps for itself (refs/riskgate/*).", points: 50),
        BuiltInRule(
            id: RuleID.aiFreeze, category: "freeze",
            description: "The AI kill switch is on: updates bringing AI commits are blocked (riskgate freeze --ai).",
            points: 50),
    ]

    static func rule(_ id: String) -> BuiltInRule {
        rules.first { $0.id == id } ?? BuiltInRule(id: id, category: id, description: id, points: 0)
    }

    /// Lines added by AI commits (medium confidence or more: a low-confidence signal is
    /// reported, never counted against a limit).
    public static func aiLines(_ analyses: [CommitAnalysis]) -> Int {
        analyses.filter(isCountedAI).reduce(0) { $0 + addedLines($1) }
    }

    public static func addedLines(_ analysis: CommitAnalysis) -> Int {
        analysis.commit.files.reduce(0) { $0 + ($1.added ?? 0) }
    }

    /// The range findings of one update.
    /// - Parameters:
    ///   - analyses: the commits the update brings to the ref (those analysed so far).
    ///   - now: seconds since the epoch (the clock arrives from outside).
    public static func evaluate(
        update: RefUpdate, classification: RefClassification, analyses: [CommitAnalysis], policy: RefUpdatePolicy,
        now: Int64, killSwitch: KillSwitch? = nil
    ) -> [RangeFinding] {
        evaluate(
            update: update, classification: classification, aiLines: aiLines(analyses),
            firstAI: analyses.first(where: isCountedAI), policy: policy, now: now, killSwitch: killSwitch)
    }

    /// AI commits that count against limits and the kill switch: medium confidence or more.
    public static func isCountedAI(_ analysis: CommitAnalysis) -> Bool {
        analysis.authorship.isAI && analysis.authorship.confidence >= .medium
    }

    /// The same from running totals, for a range too long to hold (a report).
    public static func evaluate(
        update: RefUpdate, classification: RefClassification, aiLines lines: Int, firstAI: CommitAnalysis?,
        policy: RefUpdatePolicy, now: Int64, killSwitch: KillSwitch? = nil
    ) -> [RangeFinding] {
        var found: [RangeFinding] = []
        func add(_ id: String, _ decision: Decision, key: String, _ message: String) {
            guard decision > .allow else { return }
            let rule = rule(id)
            found.append(
                RangeFinding(
                    finding: Finding(
                        rule: id, category: rule.category, points: rule.points, message: message, commit: nil, path: update.ref),
                    decision: decision, key: key))
        }
        let ref = update.ref
        if ref.hasPrefix(gateRefPrefix) {
            add(
                RuleID.gateRef, .block, key: "refs/riskgate/",
                "\(ref) is kept by riskgate itself (the audit log's head); pushes may not change it")
        }
        if let window = policy.freeze(at: now) {
            add(
                RuleID.freeze, .block, key: "freeze",
                "\(ref) is frozen until \(ISOTime.format(seconds: window.until, offsetMinutes: 0)): \(window.reason)")
        }
        if classification.change == .delete {
            add(
                RuleID.deletion, policy.deletion, key: "deletion",
                "deleting \(ref) is not allowed here (policy key deletion: \(policy.deletion.rawValue))")
        }
        if classification.change == .forcePush {
            add(
                RuleID.forcePush, policy.forcePush, key: "force_push",
                "force push rewrites the history of \(ref) (policy key force_push: \(policy.forcePush.rawValue)); "
                    + "push a revert or a merge instead")
        }
        if let limit = policy.maxAILines {
            if lines > limit {
                add(
                    RuleID.aiVolume, .block, key: "max_ai_lines",
                    "this update adds \(lines) lines from AI commits to \(ref), over max_ai_lines (\(limit)); split it into smaller pushes")
            }
        }
        if let killSwitch, killSwitch.applies(to: ref, at: now), let first = firstAI {
            add(
                RuleID.aiFreeze, .block, key: "riskgate freeze --ai",
                "AI changes to \(ref) are frozen: \(killSwitch.reason) (commit \(first.commit.id.abbreviated()) is "
                    + "\(first.authorship.kind.rawValue)\(killSwitch.until.map { "; until \(ISOTime.format(seconds: $0, offsetMinutes: 0))" } ?? ""); "
                    + "an admin lifts it with riskgate freeze --lift)")
        }
        return found
    }
}

/// The AI kill switch an admin throws on the server (`riskgate freeze --ai`): every update that
/// brings an AI commit to a matching ref is blocked until it is lifted or expires.
public struct KillSwitch: Hashable, Sendable {
    public var reason: String
    /// Seconds since the epoch.
    public var since: Int64
    public var until: Int64?
    /// Ref patterns as `policy: refs` reads them; empty: every ref.
    public var refs: [String]
    public var by: String?

    public init(reason: String, since: Int64, until: Int64? = nil, refs: [String] = [], by: String? = nil) {
        self.reason = reason
        self.since = since
        self.until = until
        self.refs = refs
        self.by = by
    }

    public func applies(to ref: String, at time: Int64) -> Bool {
        if let until, time >= until { return false }
        guard !refs.isEmpty else { return true }
        guard let policy = try? RefPolicy(refs: refs, decisionPolicy: .standard) else { return true }
        return policy.matches(ref: ref)
    }

    /// The file format: one `key: value` per line, `#` comments; unknown keys are ignored so a
    /// newer riskgate's file still reads. Nil when there is no reason (not a kill switch).
    public init?(parsing text: String) {
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingWhitespace()
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), let colon = trimmed.firstIndex(of: ":") else { continue }
            values[String(trimmed[..<colon])] = String(trimmed[trimmed.index(after: colon)...].trimmingWhitespace())
        }
        guard let reason = values["reason"], !reason.isEmpty else { return nil }
        self.reason = reason
        since = values["since"].flatMap { Int64($0) } ?? 0
        until = values["until"].flatMap { Int64($0) }
        refs = (values["refs"] ?? "").split(separator: " ").map(String.init)
        by = values["by"].flatMap { $0.isEmpty ? nil : $0 }
    }

    public var rendered: String {
        var text = "# riskgate AI kill switch (riskgate freeze --ai); lift it with riskgate freeze --lift\n"
        text += "reason: \(reason.replacingNewlines())\n"
        text += "since: \(since)\n"
        if let until { text += "until: \(until)\n" }
        if !refs.isEmpty { text += "refs: \(refs.joined(separator: " "))\n" }
        if let by { text += "by: \(by.replacingNewlines())\n" }
        return text
    }
}

extension String {
    fileprivate func replacingNewlines() -> String {
        String(map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
