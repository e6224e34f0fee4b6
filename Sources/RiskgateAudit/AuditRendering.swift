import RiskgateCore

/// Text and JSON forms of entries for `audit show`.
public enum AuditRendering {
    /// One block per entry: a summary line, then the refs, the waiver and the findings indented.
    /// Ref names, actors, reasons and paths come from pushers: no control character or escape
    /// sequence is printed (`TerminalText.sanitize`; the JSON form escapes them instead).
    ///
    ///     #12 2026-11-23T08:47:00Z block critical 85 alice (GL_USERNAME) pre-receive
    ///         refs/heads/main 1f2e3d4c5b6a..9a8b7c6d5e4f
    ///         waiver by bob: hotfix for INC-42
    ///         finding 9a8b…:infra/main.tf:terraform-production
    public static func text(_ entries: [AuditEntry]) -> String {
        var output = ""
        for entry in entries {
            var summary = ["#\(entry.seq)", entry.time.description, entry.decision.rawValue]
            if let level = entry.level { summary.append(level.rawValue) }
            if let score = entry.score { summary.append(String(score)) }
            summary.append(entry.actor.map { actor in entry.via.map { "\(actor) (\($0))" } ?? actor } ?? "(unknown actor)")
            if let hook = entry.hook { summary.append(hook) }
            output += summary.joined(separator: " ") + "\n"
            for update in entry.refs {
                output += "    \(update.ref) \(short(update.old))..\(short(update.new))\n"
            }
            if let waiver = entry.waiver { output += "    waiver by \(waiver.by): \(oneLine(waiver.reason))\n" }
            if let detail = entry.detail { output += "    detail: \(oneLine(detail))\n" }
            for finding in entry.findings { output += "    finding \(finding)\n" }
        }
        return TerminalText.sanitize(output)
    }

    /// A JSON array of the entries exactly as stored (canonical objects, `hash` included), one
    /// per line.
    public static func json(_ entries: [AuditEntry]) -> String {
        guard !entries.isEmpty else { return "[]\n" }
        let lines = entries.map { entry in
            String(decoding: AuditRecordCoding.line(for: .entry(entry)).dropLast(), as: UTF8.self)
        }
        return "[\n" + lines.joined(separator: ",\n") + "\n]\n"
    }

    static func short(_ id: String) -> String {
        if !id.isEmpty && id.allSatisfy({ $0 == "0" }) { return "0000000" }
        return String(id.prefix(12))
    }

    /// Keeps a reason on one line of the listing (the JSON form keeps it exactly).
    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}
