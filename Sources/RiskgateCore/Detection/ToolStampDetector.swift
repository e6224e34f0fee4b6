/// Tools' own stamps: `🤖 Generated with [Claude Code](…)`, opencode and Firebender footers,
/// `Made with [Cursor](…)` and the `Made-with: Cursor` trailer (ai-markers §3.3). The line must
/// start at column 0, outside code fences and quotes.
public struct ToolStampDetector: AuthorshipDetector {
    public init() {}
    public let signal = "tool-stamp"

    public func detect(_ input: DetectionInput) -> [DetectionSignal] {
        var found: [DetectionSignal] = []
        for line in input.lines {
            var text = Substring(line.lowercased)
            if text.hasPrefix("🤖") { text = text.dropFirst().trimmingWhitespace() }
            for (prefix, tool) in AgentIdentityTable.stamps where text.hasPrefix(prefix) {
                found.append(
                    DetectionSignal(signal: signal, detail: line.text, tool: tool, strength: .assisted, confidence: .high))
                break
            }
        }
        for (value, written) in input.values(for: "made-with") {
            guard let tool = AgentIdentityTable.madeWith[value.lowercased()] else { continue }
            found.append(
                DetectionSignal(
                    signal: signal, detail: "\(written): \(value)", tool: tool, strength: .assisted, confidence: .high))
        }
        return found
    }

    public let examples: [DetectorExample] = [
        .init("Fix\n\n🤖 Generated with Claude CLI.", .signal(tool: "claude-code", strength: .assisted)),
        .init(
            "Fix\n\n🤖 Generated with [Claude Code](https://claude.ai/code)\n\nCo-Authored-By: Claude <noreply@anthropic.com>",
            .signal(tool: "claude-code", strength: .assisted)),
        .init("Fix\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)", .signal(tool: "claude-code", strength: .assisted)),
        .init("Fix\n\nGenerated with Claude Code", .signal(tool: "claude-code", strength: .assisted)),
        .init("Fix\n\n🤖 Generated with [opencode](https://opencode.ai)", .signal(tool: "opencode", strength: .assisted)),
        .init("Fix\n\n🤖 Generated with [Firebender](https://firebender.com)", .signal(tool: "firebender", strength: .assisted)),
        .init("Fix\n\nMade-with: Cursor", .signal(tool: "cursor", strength: .assisted)),
        .init("Fix\n\nMade-with: pi", .signal(tool: "other", strength: .assisted)),
        .init("Fix\n\nMade with [Cursor](https://cursor.com)", .signal(tool: "cursor", strength: .assisted)),
        .init("Fix\n\nMade-with: love", .nothing),
        .init("Generated with Claude Code", .nothing),
        .init("Docs\n\n- 🤖 Generated with [Claude Code](https://claude.com/claude-code)", .nothing),
        .init("Docs\n\n```\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n```", .nothing),
        .init("Fix cursor position in the editor\n\nThe cursor was generated with an off-by-one.", .nothing),
    ]
}
