import RiskgateCore

/// The output of `riskgate suspects`: the most suspicious commits first, each with its reasons
/// and the command to roll it back. Text for the on-call engineer, JSON for incident tooling.
public struct SuspectsReport: Sendable {
    public var revisions: [String]
    public var window: TimeWindow
    public var paths: [String]
    public var considered: Int
    public var suspects: [SuspectRanking.Suspect]

    public init(
        revisions: [String], window: TimeWindow, paths: [String], considered: Int, suspects: [SuspectRanking.Suspect]
    ) {
        self.revisions = revisions
        self.window = window
        self.paths = paths
        self.considered = considered
        self.suspects = suspects
    }

    public func text(style: TerminalStyle = .plain) -> String {
        var out = style.bold("riskgate suspects \(revisions.joined(separator: " "))") + "\n"
        var scope: [String] = []
        func utc(_ seconds: Int64) -> String { Self.shortTime(Signature(name: "", email: "", time: seconds)) }
        if let since = window.since { scope.append("since \(utc(since))") }
        if let until = window.until { scope.append("incident \(utc(until))") }
        if !paths.isEmpty { scope.append("paths \(paths.joined(separator: " "))") }
        scope.append("\(considered) commit\(considered == 1 ? "" : "s") considered")
        // Break between the parts, never inside one.
        var line = ""
        for part in scope {
            if !line.isEmpty, line.count + 3 + part.count > TextReporter.width {
                out += style.dim(line) + "\n"
                line = part
            } else {
                line += line.isEmpty ? part : " · " + part
            }
        }
        out += style.dim(line) + "\n"
        if suspects.isEmpty {
            out += "\nNo commits in this window. Widen it with --since (e.g. --since '3 days ago') or name a range.\n"
            return TerminalText.sanitize(out, allowedSGR: style.enabled ? TerminalStyle.codes : [])
        }
        for (index, suspect) in suspects.enumerated() {
            let commit = suspect.analysis.commit
            let rank = Columns.leftPad("\(index + 1).", 3)
            var head = "\(rank) " + style.level(level(of: suspect.suspicion), "suspicion \(Columns.leftPad(String(suspect.suspicion), 3))")
            head += "  \(style.cyan(commit.id.abbreviated(10)))  "
            head += style.bold(Columns.truncate(commit.subject, TextReporter.width - 32))
            out += "\n" + head + "\n"
            let size = ChangeTotals.of(commit)
            var who = "\(Self.shortTime(commit.committer)) · \(commit.author.name) · \(authorshipLabel(suspect.analysis.authorship))"
            who += " · +\(size.added) -\(size.deleted)"
            out += "     " + style.dim(Columns.truncate(who, TextReporter.width - 5)) + "\n"
            for reason in suspect.reasons {
                out += "     " + Columns.truncate("\(Columns.leftPad("+\(reason.points)", 3)) \(reason.text)", TextReporter.width - 5) + "\n"
            }
            let revert = commit.isMerge ? "git revert -m 1 \(commit.id.abbreviated(10))" : "git revert \(commit.id.abbreviated(10))"
            out += "     " + style.yellow("roll back:") + " \(revert)\n"
        }
        return TerminalText.sanitize(out, allowedSGR: style.enabled ? TerminalStyle.codes : [])
    }

    public func json() -> String {
        var suspectsJSON: [JSONValue] = []
        for (index, suspect) in suspects.enumerated() {
            let commit = suspect.analysis.commit
            suspectsJSON.append(
                .object([
                    "rank": .int(index + 1),
                    "sha": .string(commit.id.hex),
                    "subject": .string(commit.subject),
                    "author": ReportJSON.signature(commit.author),
                    "committer": ReportJSON.signature(commit.committer),
                    "suspicion": .int(suspect.suspicion),
                    "reasons": .array(suspect.reasons.map { .object(["points": .int($0.points), "text": .string($0.text)]) }),
                    "score": .int(suspect.analysis.score),
                    "level": .string(suspect.analysis.level.rawValue),
                    "authorship": ReportJSON.authorship(suspect.analysis.authorship),
                    "traceability": ReportJSON.traceability(suspect.analysis.traceability),
                    "findings": .array(suspect.analysis.findings.map(ReportJSON.finding)),
                    "secondsBeforeIncident": suspect.secondsBeforeIncident.map { .int(Int($0)) } ?? .null,
                ]))
        }
        let document: JSONValue = .object([
            "schemaVersion": .int(1),
            "kind": .string("riskgate.suspects"),
            "range": .object(["revisions": .strings(revisions), "paths": .strings(paths)]),
            "window": .object([
                "since": window.since.map { .string(ISOTime.format(seconds: $0, offsetMinutes: 0)) } ?? .null,
                "until": window.until.map { .string(ISOTime.format(seconds: $0, offsetMinutes: 0)) } ?? .null,
            ]),
            "considered": .int(considered),
            "suspects": .array(suspectsJSON),
        ])
        return JSONEncoderLite(pretty: true).encode(document) + "\n"
    }

    /// `2026-11-26 14:35 +0100`: minutes are enough to line commits up against an incident.
    static func shortTime(_ signature: Signature) -> String {
        let iso = signature.isoTime
        guard iso.count >= 25 else { return iso }
        let characters = Array(iso)
        return String(characters[0..<10]) + " " + String(characters[11..<16]) + " "
            + String(characters[19..<22]) + String(characters[23..<25])
    }

    /// Suspicion shown in the colours of the risk levels.
    private func level(of suspicion: Int) -> RiskLevel { LevelThresholds.standard.level(for: suspicion) }
}
