import RiskgateCore

/// The `riskgate.report/1` JSON shape of SPEC §4, one piece at a time.
public enum ReportJSON {
    public static func commit(_ analysis: CommitAnalysis) -> JSONValue {
        let commit = analysis.commit
        var files: [JSONValue] = []
        files.reserveCapacity(commit.files.count)
        for (index, file) in commit.files.enumerated() {
            var members: [String: JSONValue] = [
                "path": .string(file.path),
                "status": .string(file.status.rawValue),
                "added": .optional(file.binary ? nil : file.added),
                "deleted": .optional(file.binary ? nil : file.deleted),
                "binary": .bool(file.binary),
                "categories": .strings(index < analysis.fileCategories.count ? analysis.fileCategories[index] : []),
            ]
            if let oldPath = file.oldPath { members["oldPath"] = .string(oldPath) }
            if file.isSubmodule { members["submodule"] = .bool(true) }
            if file.contentMissing { members["contentMissing"] = .bool(true) }
            if let oldMode = file.oldMode, let newMode = file.newMode, oldMode != newMode {
                members["modeChange"] = .string("\(octal(oldMode.rawValue)) -> \(octal(newMode.rawValue))")
            }
            files.append(.object(members))
        }
        var members: [String: JSONValue] = [
            "sha": .string(commit.id.hex),
            "parents": .array(commit.parents.map { .string($0.hex) }),
            "author": signature(commit.author),
            "committer": signature(commit.committer),
            "subject": .string(commit.subject),
            "trailers": .array(analysis.trailers.map { .object(["key": .string($0.key), "value": .string($0.value)]) }),
            "authorship": authorship(analysis.authorship),
            "traceability": traceability(analysis.traceability),
            "files": .array(files),
            "findings": .array(analysis.findings.map(finding)),
            "score": .int(analysis.score),
            "level": .string(analysis.level.rawValue),
            "decision": .string(analysis.decision.rawValue),
            "reasons": .array(analysis.reasons.map(reason)),
        ]
        if commit.isShallowBoundary { members["shallowBoundary"] = .bool(true) }
        if let approvals = analysis.approvals { members["approvals"] = Self.approvals(approvals) }
        return .object(members)
    }

    /// `require_approvals` (SPEC §9): who approved, and why the others did not count.
    public static func approvals(_ status: ApprovalStatus) -> JSONValue {
        var members: [String: JSONValue] = [
            "required": .int(status.required),
            "satisfied": .bool(status.satisfied),
            "approvers": .strings(status.approvers),
            "checks": .array(
                status.checks.map { check in
                    .object(["principal": .optional(check.principal), "valid": .bool(check.counted), "reason": .optional(check.reason)])
                }),
        ]
        if let problem = status.problem { members["problem"] = .string(problem) }
        return .object(members)
    }

    /// One policy key behind a decision: `{key, decision, text}`.
    public static func reason(_ reason: DecisionReason) -> JSONValue {
        .object(["key": .string(reason.key), "decision": .string(reason.decision.rawValue), "text": .string(reason.text)])
    }

    public static func signature(_ signature: Signature) -> JSONValue {
        .object(["name": .string(signature.name), "email": .string(signature.email), "time": .string(signature.isoTime)])
    }

    public static func authorship(_ authorship: Authorship) -> JSONValue {
        var members: [String: JSONValue] = [
            "kind": .string(authorship.kind.rawValue),
            "tool": .optional(authorship.tool),
            "confidence": .string(authorship.confidence.rawValue),
            "evidence": .array(
                authorship.evidence.map { .object(["signal": .string($0.signal), "detail": .string($0.detail)]) }),
        ]
        // Which signal decided the kind (absent for unmarked humans).
        if let decided = authorship.decidedBy {
            members["decidedBy"] = .object(["signal": .string(decided.signal), "detail": .string(decided.detail)])
        }
        return .object(members)
    }

    public static func traceability(_ traceability: Traceability) -> JSONValue {
        var members: [String: JSONValue] = [
            "status": .string(traceability.status.rawValue),
            "links": .strings(traceability.links),
            "scope": .strings(traceability.scope),
            "outOfScope": .strings(traceability.outOfScope),
        ]
        // Only when the message records the prompt: how (inline or a transcript URL) and its first lines.
        if let prompt = traceability.prompts.first {
            var link: [String: JSONValue] = [
                "kind": .string(prompt.kind.rawValue), "source": .string(prompt.source), "prompt": .string(prompt.text),
            ]
            if let url = prompt.url { link["url"] = .string(url) }
            members["link"] = .object(link)
        }
        // Only with a git-ai log on the commit: the AI-written share of its lines, a floor.
        if let share = traceability.aiLines {
            members["aiLines"] = .object([
                "ai": .int(share.aiLines), "human": .int(share.humanLines), "added": .int(share.addedLines),
                "minimumPercent": .int(share.minimumPercent),
            ])
        }
        return .object(members)
    }

    public static func finding(_ finding: Finding) -> JSONValue {
        .object([
            "rule": .string(finding.rule),
            "category": .string(finding.category),
            "points": .int(finding.points),
            "message": .string(finding.message),
            "path": .optional(finding.path),
            "line": .optional(finding.line),
            "fingerprint": .string(finding.fingerprint),
        ])
    }

    public static func summary(_ summary: RangeSummary) -> JSONValue {
        var members: [String: JSONValue] = [
            "commits": .int(summary.commits),
            "human": .int(summary.human),
            "aiAssisted": .int(summary.aiAssisted),
            "aiAuthored": .int(summary.aiAuthored),
            "bot": .int(summary.bot),
            "score": .int(summary.score),
            "level": .string(summary.level.rawValue),
            "decision": .string(summary.decision.rawValue),
            "complete": .bool(summary.complete),
            "recommendations": .strings(summary.recommendations),
            "findings": .array(summary.rangeFindings.sorted().map(finding)),
        ]
        if summary.shallowBoundaries > 0 { members["shallowBoundaries"] = .int(summary.shallowBoundaries) }
        if summary.filesWithoutContent > 0 { members["filesWithoutContent"] = .int(summary.filesWithoutContent) }
        return .object(members)
    }

    public static func tool(_ context: ReportContext) -> JSONValue {
        .object([
            "name": .string(context.toolName),
            "version": .string(context.toolVersion),
            "capabilities": .strings(context.capabilities),
            "placeholders": .strings(
                ["authorship", "traceability", "rules"].filter { !context.capabilities.contains($0) }),
        ])
    }

    public static func range(_ context: ReportContext) -> JSONValue {
        var members: [String: JSONValue] = ["revisions": .strings(context.revisions)]
        if let reason = context.defaultRangeReason { members["default"] = .string(reason) }
        return .object(members)
    }

    private static func octal(_ value: UInt32) -> String { String(value, radix: 8) }
}
