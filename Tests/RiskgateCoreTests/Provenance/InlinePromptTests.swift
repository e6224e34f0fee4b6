import RiskgateCore
import Testing

/// Prompts recorded in the message make an AI commit `linked` (SPEC §3.2): transcripts, `Prompt:`
/// paragraphs and shared-transcript links, never the bare word "prompt".
struct InlinePromptTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var message: String
        var status: Traceability.Status
        var kind: InlinePrompt.Kind? = nil
        var text: String? = nil
        var testDescription: String { name }
    }

    static let claude = "Co-Authored-By: Claude <noreply@anthropic.com>"

    static let cases: [Case] = [
        Case(
            name: "aider transcript",
            message: "aider: Add Git checks\n\n# Aider chat conversation:\n\nUSER: before changing the repo, check that we are on main\n\nASSISTANT: To implement these checks, edit the script.",
            status: .linked, kind: .inline, text: "before changing the repo, check that we are on main"),
        Case(
            name: "aider's first format (# Context:)",
            message: "Add files listing\n\n# Context:\nUSER: in get_files_messages, list the repo files\nASSISTANT: Modify the method as follows:",
            status: .linked, kind: .inline, text: "in get_files_messages, list the repo files"),
        Case(
            name: "USER: alone, request on the next lines",
            message: "aider: Added parsers\n\n# Aider chat conversation:\n\nUSER:\nComplete the PARSERS dict for these languages:\nbash, c, cpp\n\nASSISTANT: Here are the entries.",
            status: .linked, kind: .inline, text: "Complete the PARSERS dict for these languages:\nbash, c, cpp"),
        Case(
            name: "Prompt: line",
            message: "Ask Claude to extend `apiRoute`\n\nprompt: Let's make it so that `apiRoute` can be an array.",
            status: .linked, kind: .inline, text: "Let's make it so that `apiRoute` can be an array."),
        Case(
            name: "Prompt: heading then paragraph",
            message: "Have Claude write an OAuth provider\n\nPrompt:\n\nWe are going to write a TypeScript library.\nIt implements OAuth 2.1.",
            status: .linked, kind: .inline, text: "We are going to write a TypeScript library.\nIt implements OAuth 2.1."),
        Case(
            name: "numbered AI-Prompt trailer",
            message: "Fix\n\nAI-Prompt-1: add retries with exponential backoff\n\n\(claude)",
            status: .linked, kind: .inline, text: "add retries with exponential backoff"),
        Case(
            name: "Devin session link in prose line",
            message: "Add README section\n\nLink to Devin run: https://app.devin.ai/sessions/41da58c34f344cb6a009697715314c62\n\n\(claude)",
            status: .linked, kind: .transcriptURL, text: "https://app.devin.ai/sessions/41da58c34f344cb6a009697715314c62"),
        Case(
            name: "shared ChatGPT transcript",
            message: "Fix\n\nTranscript: https://chatgpt.com/share/6650a1b2-0c3d-4e5f.\n\n\(claude)",
            status: .linked, kind: .transcriptURL, text: "https://chatgpt.com/share/6650a1b2-0c3d-4e5f"),
        Case(
            name: "markdown heading with a quote block",
            message: "Add retries (#12)\n\n## Prompt\n\n> Add retries with backoff to the uploader,\n> at most 3 attempts.\n\n\(claude)",
            status: .linked, kind: .inline, text: "Add retries with backoff to the uploader,\nat most 3 attempts."),
        Case(
            name: "bold label with text",
            message: "Add retries\n\n**Original prompt:** add retries with exponential backoff to the uploader, at most three attempts\n\n\(claude)",
            status: .linked, kind: .inline, text: "add retries with exponential backoff to the uploader, at most three attempts"),
        Case(
            name: "heading with a fenced prompt",
            message: "Add retries\n\nPrompt used:\n\n```\nadd retries with backoff\n```\n\n\(claude)",
            status: .linked, kind: .inline, text: "add retries with backoff"),
        // Not prompts.
        Case(name: "the prompt in prose", message: "Fix\n\nThe prompt: \"Are you sure?\" is shown.\n\n\(claude)", status: .missing),
        Case(name: "prompt caching", message: "Fix\n\nPrompt caching is on by default now.\n\n\(claude)", status: .missing),
        Case(
            name: "heading on a human commit is not AI", message: "Tune the summarizer\n\n## Prompt\n\nThe system prompt asks for bullets.",
            status: .notRequired),
        Case(name: "disclosure alone", message: "Fix\n\n\(claude)", status: .missing),
        Case(name: "bare word prompt", message: "Fix the prompt\n\nThe prompt is shown twice.\n\n\(claude)", status: .missing),
        Case(name: "one-word Prompt value", message: "Fix\n\nPrompt: yes\n\n\(claude)", status: .missing),
        Case(name: "USER: without a reply", message: "Fix\n\nUSER: role names are upper case\n\n\(claude)", status: .missing),
        Case(name: "host without a transcript", message: "Fix\n\nSee https://chatgpt.com/share/\n\n\(claude)", status: .missing),
        Case(
            name: "transcript in a code fence",
            message: "Docs\n\n```\nUSER: add a cache please\nASSISTANT: done\n```\n\n\(claude)", status: .missing),
        Case(name: "not AI", message: "Fix the prompt\n\nPrompt: please confirm before deleting", status: .linked, kind: .inline),
    ]

    @Test(arguments: cases)
    func status(_ test: Case) {
        let result = TraceabilityCheckerTests.check(test.message)
        #expect(result.status == test.status, "notes: \(result.notes)")
        #expect(result.prompts.first?.kind == test.kind)
        if let text = test.text { #expect(result.prompts.first?.text == text) }
        if let url = result.prompts.first?.url { #expect(result.links.contains(url)) }
    }

    @Test func longPromptIsCut() {
        let long = String(repeating: "word ", count: 200)
        let result = TraceabilityCheckerTests.check("Fix\n\nPrompt: \(long)\n\n\(Self.claude)")
        #expect(result.status == .linked)
        #expect((result.prompts.first?.text.count ?? 0) <= 301)
    }
}

/// `Signed-off-by` naming an AI, and the kernel's `Assisted-by: AGENT:MODEL` form.
struct AISignOffTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var message: String
        var signOffs: Int
        var testDescription: String { message.debugDescription }
    }

    static let cases: [Case] = [
        Case(message: "Fix\n\nSigned-off-by: Codex <codex@openai.com>", signOffs: 1),
        Case(message: "Fix\n\nSigned-off-by: Mistral Vibe <vibe@mistral.ai>", signOffs: 1),
        Case(message: "Fix\n\nSigned-off-by: Claude Opus 4.6 <claude@example.com>", signOffs: 1),
        Case(message: "Fix\n\nSigned-off-by: Gemini <YourFriendlyNeighborhoodAI@example.com>", signOffs: 1),
        Case(message: "Fix\n\nSigned-off-by: devin-ai-integration[bot] <158243242+devin-ai-integration[bot]@users.noreply.github.com>", signOffs: 1),
        Case(message: "Fix\n\nSigned-off-by: Ada Lovelace <ada@example.com>", signOffs: 0),
        Case(message: "Fix\n\nSigned-off-by: Claude Dupont <claude.dupont@example.fr>", signOffs: 0),
        Case(message: "Fix\n\nSigned-off-by: Jane <jane@anthropic.com>", signOffs: 0),
        Case(message: "Fix\n\nSigned-off-by: dependabot[bot] <support@github.com>", signOffs: 0),
        Case(message: "Fix\n\nCo-authored-by: Codex <codex@openai.com>\nSigned-off-by: Ada <ada@example.com>", signOffs: 0),
    ]

    @Test(arguments: cases)
    func signOff(_ test: Case) {
        let commit = TraceabilityCheckerTests.commit(test.message)
        let input = DetectionInput(commit: commit, trailers: TrailerParser.parse(test.message))
        #expect(AISignOff.find(in: input).count == test.signOffs)
    }

    @Test(arguments: [
        ("Fix\n\nAssisted-by: Claude", true), ("Fix\n\nAssisted-by: Claude:", true), ("Fix\n\nAssisted-by: :opus", true),
        ("Fix\n\nAssisted-by: Claude:claude-opus-4-6 coccinelle", false), ("Fix\n\nAssisted-by: generic LLM chatbot", false),
    ])
    func assistedByForm(_ message: String, malformed: Bool) {
        let result = TraceabilityCheckerTests.check(message)
        #expect((result.status == .malformed) == malformed, "notes: \(result.notes)")
        if malformed { #expect(result.notes.contains { $0.contains("AGENT_NAME:MODEL_VERSION") }) }
    }
}
