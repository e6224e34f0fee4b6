/// `Signed-off-by` trailers that name an AI identity. The DCO is certified by a person only: the
/// Linux kernel's rule is that an AI must not add `Signed-off-by`, and its attribution is
/// `Assisted-by: AGENT_NAME:MODEL_VERSION` (Documentation/process/coding-assistants.rst).
/// Real cases: `Signed-off-by: Codex <codex@openai.com>`, `Signed-off-by: Mistral Vibe <vibe@mistral.ai>`.
public enum AISignOff {
    /// The `Signed-off-by` values that are an agent: an exact agent address or login, an agent
    /// app, or a model-shaped name (`Signed-off-by: Claude Opus 4.6 <claude@example.com>`).
    public static func find(in input: DetectionInput) -> [String] {
        var found: [String] = []
        for identity in input.identities where identity.role.lowercased() == "signed-off-by" {
            let parsed = identity.parsed
            let exact = AgentIdentityTable.emailIndex[parsed.email].map { $0.confidence >= .medium } ?? false
            let login = GitHubBotLoginDetector.aiLogin(parsed) != nil || GitHubBotLoginDetector.agentApp(parsed) != nil
            var named = false
            if let (_, modelShaped) = NameOnlyMentionDetector.toolName(parsed.lowercasedName) {
                named = modelShaped || NameOnlyMentionDetector.isPlaceholder(parsed.email)
            }
            if exact || login || named, !found.contains(identity.detail) { found.append(identity.detail) }
        }
        return found
    }

    /// Cheap test before building a `DetectionInput`: most messages have no sign-off at all.
    public static func mayHaveSignOff(_ message: String) -> Bool {
        message.contains("igned-off-by") || message.contains("IGNED-OFF-BY")
    }
}
