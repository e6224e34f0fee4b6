/// Session and prompt links: `Claude-Session`, the bare `https://claude.ai/code/session_…` line,
/// `Agent-Logs-Url`, `Amp-Thread(-ID)`, `Replit-Commit-*`, `Codex-Session`, `Cursor-Session`,
/// and riskgate's `AI-Session` / `Prompt-Id`. A link says an AI session made the change.
public struct SessionLinkDetector: AuthorshipDetector {
    public init() {}
    public let signal = "session-link"

    public func detect(_ input: DetectionInput) -> [DetectionSignal] {
        var found: [DetectionSignal] = []
        for pair in input.keyValues {
            let detail = "\(pair.written): \(pair.value)"
            if let tool = AgentIdentityTable.sessionKeys[pair.key] {
                found.append(
                    DetectionSignal(
                        signal: signal, detail: detail, tool: tool, strength: .assisted,
                        confidence: pair.value.isEmpty ? .medium : .high))
            } else if pair.key.hasPrefix(AgentIdentityTable.replitKeyPrefix) {
                let byAgent = pair.key == "replit-commit-author" && pair.value.lowercased() == "agent"
                found.append(
                    DetectionSignal(
                        signal: signal, detail: detail, tool: "replit", strength: byAgent ? .authored : .assisted,
                        confidence: .high))
            }
        }
        for line in input.lines where line.lowercased.hasPrefix(AgentIdentityTable.claudeSessionURLPrefix) {
            found.append(
                DetectionSignal(signal: signal, detail: line.text, tool: "claude-code", strength: .assisted, confidence: .high))
        }
        return found
    }

    public let examples: [DetectorExample] = [
        .init(
            "Fix\n\nClaude-Session: https://claude.ai/code/session_01AbCdEf", .signal(tool: "claude-code", strength: .assisted)),
        .init("Fix\n\nhttps://claude.ai/code/session_01AbCdEf", .signal(tool: "claude-code", strength: .assisted)),
        .init(
            "Fix\n\nAgent-Logs-Url: https://github.com/o/r/sessions/0b9c3a52-8f3e-4c1a-9d7e-2f1b6c5a4e3d",
            .signal(tool: "copilot-agent", strength: .assisted)),
        .init("Fix\n\nAmp-Thread: https://ampcode.com/threads/T-123", .signal(tool: "amp", strength: .assisted)),
        .init("Fix\n\nAmp-Thread-ID: https://ampcode.com/threads/T-123", .signal(tool: "amp", strength: .assisted)),
        .init("Fix\n\nReplit-Commit-Author: Agent\nReplit-Commit-Session-Id: 5f1c", .signal(tool: "replit", strength: .authored)),
        .init("Fix\n\nReplit-Commit-Checkpoint-Type: full_checkpoint", .signal(tool: "replit", strength: .assisted)),
        .init("Fix\n\nCodex-Session: 019a-77", .signal(tool: "codex", strength: .assisted)),
        .init("Fix\n\nCursor-Session: bc-1234", .signal(tool: "cursor", strength: .assisted)),
        .init("Fix\n\nAI-Session: https://example.com/s/42", .signal(tool: nil, strength: .assisted)),
        .init("Fix\n\nPrompt-Id: p-42", .signal(tool: nil, strength: .assisted)),
        .init("AI-Session: s-1", .nothing),
        .init("Docs\n\n- Claude-Session: https://claude.ai/code/session_01", .nothing),
        .init("Docs\n\nSee https://claude.ai/code/session_01 for how sessions look.", .nothing),
        .init("Docs\n\n```\nAgent-Logs-Url: https://github.com/o/r/sessions/x\n```", .nothing),
    ]
}
