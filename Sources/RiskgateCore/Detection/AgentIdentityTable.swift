/// The one table of known agent and automation identities, stamps and keywords (ai-markers.md
/// §1, §3). Detectors hold no strings of their own: a new identity is one line here.
///
/// Everything is lowercase; inputs are lowercased once in `DetectionInput`.
public enum AgentIdentityTable {
    /// An exact email address an agent commits or co-authors with. Never a domain: vendor staff
    /// (`jane@anthropic.com`, other `@all-hands.dev` people) are humans.
    public struct Email: Sendable {
        public var email: String
        public var tool: String
        /// `low` for identities added without real use being known (VS Code's Copilot co-author).
        public var confidence: Authorship.Confidence

        public init(email: String, tool: String, confidence: Authorship.Confidence) {
            self.email = email
            self.tool = tool
            self.confidence = confidence
        }
    }

    /// A GitHub login, as `login[bot]` name or `N+login@users.noreply.github.com` (any id).
    public struct Login: Sendable {
        public var login: String
        /// The tool id; nil for non-AI automation.
        public var tool: String?
        /// When set, the identity counts only if its name contains this (Autofix shares
        /// `github-advanced-security[bot]` with plain code scanning).
        public var nameMustContain: String? = nil
        /// The tool when this login is the git author (Copilot's login authors only as the agent).
        public var authorTool: String? = nil
        public var confidence: Authorship.Confidence = .high

        public init(
            login: String, tool: String?, nameMustContain: String? = nil, authorTool: String? = nil,
            confidence: Authorship.Confidence = .high
        ) {
            self.login = login
            self.tool = tool
            self.nameMustContain = nameMustContain
            self.authorTool = authorTool
            self.confidence = confidence
        }
    }

    /// Agent addresses, from the catalogue (`rules/agents/catalogue.yaml`).
    public static var emails: [Email] { AgentCatalogue.emails }

    /// Agent and automation logins, from the catalogue.
    public static var logins: [Login] { AgentCatalogue.logins }

    /// Words in an unlisted GitHub app's login that say it is an agent (`agent-think[bot]`):
    /// medium confidence, tool `other`. Other unlisted `[bot]` authors are automation.
    public static let agentAppLoginWords: Set<String> = [
        "agent", "agents", "ai", "llm", "gpt", "claude", "codex", "copilot", "devin", "cursor", "coder", "swe",
        // The catalogue's product names, so a product's second app (`opencode-dev[bot]`) is still its agent.
        "gemini", "jules", "openhands", "opencode", "aider", "windsurf", "codeium", "kiro", "cline", "roo", "roomote",
        "goose", "junie", "replit", "lovable", "sweep", "droid", "mentat", "codegen", "tembo", "autopilot",
    ]

    /// Exact addresses of non-AI automation, including git-ai's notes machinery.
    public static let automationEmails: [String: String] = [
        "git-ai@local": "git-ai notes",
        "support@dependabot.com": "dependabot",
        "bot@renovateapp.com": "renovate",
        "action@github.com": "github-actions",
        "actions@github.com": "github-actions",
    ]

    /// Subjects of automation commits, matched as lowercased prefixes.
    public static let automationSubjectPrefixes: [(prefix: String, label: String)] = [
        ("merged notes from refs/notes/", "notes merge"),
        ("notes added by 'git notes", "notes commit"),
        ("notes removed by 'git notes", "notes commit"),
    ]

    /// Stamps and footers (ai-markers §3.3): a line that starts with one of these, after an
    /// optional `🤖 `, marks the tool.
    public static let stamps: [(prefix: String, tool: String)] = [
        ("generated with [claude code]", "claude-code"),
        ("generated with claude code", "claude-code"),
        ("generated with claude cli", "claude-code"),
        ("generated with [opencode]", "opencode"),
        ("generated with opencode", "opencode"),
        ("generated with [firebender]", "firebender"),
        ("generated with firebender", "firebender"),
        ("made with [cursor]", "cursor"),
    ]

    /// `Made-with:` trailer values that name an AI tool.
    public static let madeWith: [String: String] = ["cursor": "cursor", "pi": "other"]

    /// Session-link trailers (lowercased key) and the tool each implies; nil leaves the tool to
    /// other evidence.
    public static let sessionKeys: [String: String?] = [
        "ai-session": nil,
        "prompt-id": nil,
        "claude-session": "claude-code",
        "agent-logs-url": "copilot-agent",
        "amp-thread": "amp",
        "amp-thread-id": "amp",
        "codex-session": "codex",
        "cursor-session": "cursor",
        "replit-commit-session-id": "replit",
    ]

    /// Prefixes of Replit Agent's trailer family.
    public static let replitKeyPrefix = "replit-commit-"

    /// Shared-transcript and agent-session URL prefixes (host and path, lowercased, no scheme):
    /// a link to one records the prompt (`InlinePrompt`, `transcript-url`).
    public static let transcriptURLPrefixes: [String] = [
        "claude.ai/share/", "claude.ai/code/session_", "chatgpt.com/share/", "chat.openai.com/share/", "chatgpt.com/s/",
        "chatgpt.com/codex/tasks/", "gemini.google.com/share/", "g.co/gemini/share/", "app.devin.ai/sessions/",
        "ampcode.com/threads/", "cursor.com/agents/", "jules.google.com/task/", "grok.com/share/",
        "copilot.microsoft.com/shares/", "github.com/copilot/share/", "v0.dev/chat/", "v0.app/chat/", "opencode.ai/s/",
        "aider.chat/share/", "poe.com/s/", "chat.deepseek.com/share/", "chat.mistral.ai/chat/", "app.factory.ai/sessions/",
    ]

    /// The bare session line Claude Code on the web wrote before `Claude-Session:`.
    public static let claudeSessionURLPrefix = "https://claude.ai/code/session_"

    /// Disclosure keys (ai-markers §3.4); `generated-by` counts only with a known tool value.
    public static let disclosureKeys: Set<String> = [
        "assisted-by", "ai-assisted", "co-authored-by-ai", "ai-tool", "ai-model", "generated-by",
    ]

    /// Words in a disclosure value (a whole token, or the start of one) that name a tool.
    public static let toolWords: [(word: String, tool: String, prefix: Bool)] = [
        ("claude", "claude-code", false), ("anthropic", "claude-code", false), ("opus", "claude-code", false),
        ("sonnet", "claude-code", false), ("haiku", "claude-code", false),
        ("copilot", "copilot", false), ("cursor", "cursor", false), ("aider", "aider", false),
        ("codex", "codex", false), ("chatgpt", "other", true), ("gpt", "other", true), ("openai", "other", false),
        ("o3", "other", false), ("o4", "other", false),
        ("gemini", "gemini", false), ("devin", "devin", false), ("jules", "jules", false),
        ("openhands", "openhands", false), ("opencode", "opencode", false), ("amp", "amp", false),
        ("windsurf", "windsurf", false), ("codeium", "windsurf", false), ("kiro", "amazon-q", false),
        ("replit", "replit", false), ("droid", "factory", false), ("firebender", "firebender", false),
        ("roo", "roo-code", false), ("cline", "other", false), ("goose", "other", false), ("junie", "other", false),
        ("tabnine", "other", false), ("llm", "other", false), ("llama", "other", true), ("mistral", "other", false),
        ("deepseek", "other", true), ("qwen", "other", true), ("grok", "other", false), ("posthog", "other", false),
        ("chatbot", "other", false), ("ai", "other", false),
    ]

    /// Values of `AI-Assisted:` (and friends) that say no AI was used.
    public static let negativeValues: Set<String> = ["no", "none", "false", "0", "n/a", "na", "never"]

    /// Tool words for name-only mentions in identity names (ai-markers §3.5), low confidence.
    public static let nameOnlyWords: [String: String] = [
        "claude": "claude-code", "codex": "codex", "copilot": "copilot", "cursor": "cursor", "devin": "devin",
        "gemini": "gemini", "jules": "jules", "windsurf": "windsurf", "opencode": "opencode",
        "openhands": "openhands", "gpt": "other", "chatgpt": "other", "aider": "aider", "amp": "amp",
    ]

    /// Words that may follow a tool word in a model-shaped name (`Claude Opus 4.6 (1M context)`).
    public static let modelWords: Set<String> = [
        "opus", "sonnet", "haiku", "code", "cli", "ai", "agent", "assistant", "bot", "pro", "flash", "lite", "mini",
        "max", "ultra", "nano", "turbo", "preview", "context", "fable", "coding", "app", "github", "autofix",
        "powered", "by", "web", "cloud", "instant", "thinking", "high", "low", "medium", "sol", "o", "x",
        "small", "large", "latest", "instruct", "coder", "chat", "fast", "reasoning", "exp", "experimental",
    ]

    /// git-ai's `agent_id.tool` values (ai-markers §2.2) and the tool ids they stand for.
    public static let gitAITools: [String: String] = [
        "claude": "claude-code", "cursor": "cursor", "windsurf": "windsurf", "copilot": "copilot", "gemini": "gemini",
        "codex": "codex", "amp": "amp", "droid": "factory", "pi": "other", "opencode": "opencode",
        "continue-cli": "other", "junie": "other", "devin": "devin", "jules": "jules",
    ]

    /// The aider name suffix and subject prefix.
    public static let aiderNameSuffix = "(aider)"
    public static let aiderSubjectPrefix = "aider: "
    public static let aiderTranscript = "# aider chat conversation:"
    /// aider's first transcript heading (2023-05, before the subject prefix), followed by
    /// `USER:` / `ASSISTANT:` lines.
    public static let aiderEarlyTranscript = "# context:"
}

extension AgentIdentityTable {
    /// Exact-email lookup, built once.
    static let emailIndex: [String: Email] = Dictionary(
        emails.map { ($0.email, $0) }, uniquingKeysWith: { first, _ in first })
    /// Login lookup, built once.
    static let loginIndex: [String: Login] = Dictionary(
        logins.map { ($0.login, $0) }, uniquingKeysWith: { first, _ in first })
}
