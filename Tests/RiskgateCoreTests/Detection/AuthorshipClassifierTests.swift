import RiskgateCore
import Testing

/// The combined verdict on whole, real-looking commits: every marker generation of
/// ai-markers.md §1 and every trap of §3.7.
struct AuthorshipClassifierTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var message: String
        var author = DetectorExample.human
        var committer: String? = nil
        var kind: Authorship.Kind
        var tool: String? = nil
        var confidence: Authorship.Confidence? = nil
        var testDescription: String { name }
    }

    static let human = "Ada Lovelace <ada@example.com>"
    static let body = "Refactor the uploader\n\nRetries now back off exponentially.\n\n"

    static let markers: [Case] = [
        Case(name: "Claude Code 2024 plain co-author", message: body + "Co-Authored-By: Claude <noreply@anthropic.com>\n",
            kind: .aiAssisted, tool: "claude-code", confidence: .high),
        Case(name: "Claude Code CLI footer (Dec 2024)", message: body + "🤖 Generated with Claude CLI.\nCo-Authored-By: Claude <noreply@anthropic.com>\n",
            kind: .aiAssisted, tool: "claude-code", confidence: .high),
        Case(name: "Claude Code footer and trailer in one paragraph (git drops the block)",
            message: body + "🤖 Generated with [Claude Code](https://claude.ai/code)\nCo-Authored-By: Claude <noreply@anthropic.com>\n",
            kind: .aiAssisted, tool: "claude-code", confidence: .high),
        Case(name: "Claude Code 2025 footer, own paragraph",
            message: body + "🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: Claude Sonnet 4.6 <noreply@anthropic.com>\n",
            kind: .aiAssisted, tool: "claude-code", confidence: .high),
        Case(name: "Claude Code 1M context model", message: body + "Co-Authored-By: Claude Opus 4.6 (1M context) <noreply@anthropic.com>\n",
            kind: .aiAssisted, tool: "claude-code"),
        Case(name: "Claude Code custom attribution", message: body + "Co-Authored-By: Claude Code 2.1.133 / Claude Opus 4.7 (1M context) <noreply@anthropic.com>\n",
            kind: .aiAssisted, tool: "claude-code"),
        Case(name: "Claude web: author identity and bare session URL",
            message: body + "https://claude.ai/code/session_01XyZ\n", author: "Claude <noreply@anthropic.com>",
            committer: "GitHub <noreply@github.com>", kind: .aiAuthored, tool: "claude-code"),
        Case(name: "Claude web: Claude-Session trailer", message: body + "Claude-Session: https://claude.ai/code/session_01XyZ\n",
            author: "Claude <noreply@anthropic.com>", kind: .aiAuthored, tool: "claude-code"),
        Case(name: "agent email in any case", message: "Fix", author: "Claude <NoReply@Anthropic.COM>", kind: .aiAuthored, tool: "claude-code"),
        Case(name: "agent app login (unlisted, named agent)", message: "fix: enforce registered token auth method (#209)",
            author: "agent-ponder[bot] <298805082+agent-ponder[bot]@users.noreply.github.com>", kind: .aiAuthored, tool: "other",
            confidence: .medium),
        Case(name: "Claude GitHub app", message: "Fix typo", author: "anthropic-code-agent[bot] <242468646+Claude@users.noreply.github.com>",
            kind: .aiAuthored, tool: "claude-code"),
        Case(name: "aider name suffix on author", message: "feat: add --json output", author: "Matteo Landi (aider) <matteo@example.com>",
            kind: .aiAuthored, tool: "aider"),
        Case(name: "aider committer only", message: "fix: handle empty repo", author: human,
            committer: "Ada Lovelace (aider) <ada@example.com>", kind: .aiAssisted, tool: "aider"),
        Case(name: "aider co-author (v0.85+)", message: "fix: x\n\nCo-authored-by: aider (openrouter/deepseek/deepseek-r1:free) <aider@aider.chat>\n",
            kind: .aiAssisted, tool: "aider"),
        Case(name: "aider early co-author address", message: "fix: x\n\nCo-authored-by: aider (gpt-4o) <noreply@aider.chat>\n",
            kind: .aiAssisted, tool: "aider"),
        Case(name: "aider subject prefix (≤ v0.38)", message: "aider: Added retries to the uploader", kind: .aiAuthored, tool: "aider"),
        Case(name: "aider chat transcript", message: "Add retries\n\n# Aider chat conversation:\n\nUSER: add retries\n\nASSISTANT: Done.\n",
            kind: .aiAuthored, tool: "aider"),
        Case(name: "Copilot coding agent", message: "Initial plan", author: "copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>",
            committer: "GitHub <noreply@github.com>", kind: .aiAuthored, tool: "copilot-agent"),
        Case(name: "Copilot coding agent with logs URL",
            message: "Fix flaky test\n\nCo-authored-by: Ada Lovelace <ada@example.com>\nAgent-Logs-Url: https://github.com/o/r/sessions/0b9c3a52-8f3e-4c1a-9d7e-2f1b6c5a4e3d\n",
            author: "copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>", kind: .aiAuthored, tool: "copilot-agent"),
        Case(name: "Copilot review suggestion", message: "Update a.ts\n\nCo-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>\n",
            kind: .aiAssisted, tool: "copilot", confidence: .high),
        Case(name: "Copilot 2026 id", message: "Update a.ts\n\nCo-authored-by: Copilot App <223556219+Copilot@users.noreply.github.com>\n",
            kind: .aiAssisted, tool: "copilot"),
        Case(name: "Copilot VS Code co-author is weak", message: "Fix\n\nCo-authored-by: Copilot <copilot@github.com>\n",
            kind: .aiAssisted, tool: "copilot", confidence: .low),
        Case(name: "Copilot VS Code variant", message: "Fix\n\nCo-authored-by: GitHub Copilot <noreply+copilot@github.com>\n",
            kind: .aiAssisted, tool: "copilot", confidence: .low),
        Case(name: "Copilot Autofix (older)",
            message: "Potential fix for code scanning alert no. 12\n\nCo-authored-by: Copilot Autofix powered by AI <62310815+github-advanced-security[bot]@users.noreply.github.com>\n",
            kind: .aiAssisted, tool: "copilot"),
        Case(name: "Cursor background agent", message: "Add docs", author: "Cursor Agent <cursoragent@cursor.com>",
            kind: .aiAuthored, tool: "cursor"),
        Case(name: "Cursor IDE co-author", message: "Fix\n\nCo-authored-by: Cursor <cursoragent@cursor.com>\n", kind: .aiAssisted, tool: "cursor"),
        Case(name: "Made-with: Cursor", message: "Fix\n\nMade-with: Cursor\n", kind: .aiAssisted, tool: "cursor"),
        Case(name: "Devin author", message: "Fix", author: "Devin AI <158243242+devin-ai-integration[bot]@users.noreply.github.com>",
            kind: .aiAuthored, tool: "devin"),
        Case(name: "Devin bot name", message: "Fix", author: "devin-ai-integration[bot] <158243242+devin-ai-integration[bot]@users.noreply.github.com>",
            kind: .aiAuthored, tool: "devin"),
        Case(name: "Devin co-author", message: "Fix\n\nCo-Authored-By: Devin AI <158243242+devin-ai-integration[bot]@users.noreply.github.com>\n",
            kind: .aiAssisted, tool: "devin"),
        Case(name: "Codex cloud", message: "Fix\n\nSigned-off-by: Codex <codex@openai.com>\n", author: "Codex <codex@openai.com>",
            kind: .aiAuthored, tool: "codex"),
        Case(name: "Codex CLI co-author", message: "Fix\n\nCo-authored-by: Codex <noreply@openai.com>\n", kind: .aiAssisted, tool: "codex"),
        Case(name: "Codex CLI model co-author", message: "Fix\n\nCo-authored-by: OpenAI GPT 5.5 <noreply@openai.com>\n", kind: .aiAssisted, tool: "codex"),
        Case(name: "Gemini Code Assist suggestion",
            message: "Update x.ts\n\nCo-authored-by: gemini-code-assist[bot] <176961590+gemini-code-assist[bot]@users.noreply.github.com>\n",
            kind: .aiAssisted, tool: "gemini-code-assist"),
        Case(name: "Jules author", message: "Fix", author: "google-labs-jules[bot] <161369871+google-labs-jules[bot]@users.noreply.github.com>",
            kind: .aiAuthored, tool: "jules"),
        Case(name: "Jules co-author", message: "Fix\n\nCo-authored-by: google-labs-jules[bot] <161369871+google-labs-jules[bot]@users.noreply.github.com>\n",
            kind: .aiAssisted, tool: "jules"),
        Case(name: "Gemini CLI by hand", message: "Fix\n\nAssisted-by: gemini-cli\n", kind: .aiAssisted, tool: "gemini"),
        Case(name: "Gemini made-up sign-off", message: "Fix\n\nSigned-off-by: Gemini <YourFriendlyNeighborhoodAI@example.com>\n",
            kind: .aiAssisted, tool: "gemini", confidence: .low),
        Case(name: "Amazon Q", message: "Fix", author: "amazon-q-developer[bot] <208079219+amazon-q-developer[bot]@users.noreply.github.com>",
            kind: .aiAuthored, tool: "amazon-q"),
        Case(name: "Windsurf", message: "Fix", author: "Windsurf <noreply@windsurf.com>", kind: .aiAuthored, tool: "windsurf"),
        Case(name: "OpenHands author", message: "Fix", author: "openhands <openhands@all-hands.dev>", kind: .aiAuthored, tool: "openhands"),
        Case(name: "OpenHands old identity", message: "Fix", author: "OpenDevinBot <bot@opendevin.com>", kind: .aiAuthored, tool: "openhands"),
        Case(name: "OpenHands co-author", message: "Fix\n\nCo-authored-by: openhands <openhands@all-hands.dev>\n", kind: .aiAssisted, tool: "openhands"),
        Case(name: "OpenHands malformed co-author", message: "Fix\n\nCo-authored-by: OpenHands-GPT-5 openhands@all-hands.dev\n",
            kind: .aiAssisted, tool: "openhands"),
        Case(name: "opencode", message: "Fix\n\n🤖 Generated with [opencode](https://opencode.ai)\n\nCo-Authored-By: opencode <noreply@opencode.ai>\n",
            kind: .aiAssisted, tool: "opencode"),
        Case(name: "Amp", message: "Fix\n\nAmp-Thread-ID: https://ampcode.com/threads/T-1\nCo-authored-by: Amp <amp@ampcode.com>\n",
            kind: .aiAssisted, tool: "amp"),
        Case(name: "Replit Agent", message: "Published your App\n\nReplit-Commit-Author: Agent\nReplit-Commit-Session-Id: 9f1c\nReplit-Commit-Checkpoint-Type: full_checkpoint\n",
            kind: .aiAuthored, tool: "replit"),
        Case(name: "Factory Droid", message: "Fix\n\nCo-authored-by: factory-droid[bot] <138933559+factory-droid[bot]@users.noreply.github.com>\n",
            kind: .aiAssisted, tool: "factory"),
        Case(name: "Firebender", message: "Fix\n\n🤖 Generated with [Firebender](https://firebender.com)\n\nCo-Authored-By: Firebender <help@firebender.com>\n",
            kind: .aiAssisted, tool: "firebender"),
        Case(name: "Roo Code cloud", message: "Fix", author: "Roomote <roomote@roocode.com>", kind: .aiAuthored, tool: "roo-code"),
        Case(name: "pi", message: "Fix\n\nMade-with: pi\n", kind: .aiAssisted, tool: "other"),
        Case(name: "PostHog Code", message: "Fix\n\nGenerated-By: PostHog Code\nTask-Id: 0b9c3a52\n", kind: .aiAssisted, tool: "other"),
        Case(name: "kernel Assisted-by", message: "mm: fix leak\n\nAssisted-by: Claude:claude-3-opus coccinelle sparse\nSigned-off-by: Ada Lovelace <ada@example.com>\n",
            kind: .aiAssisted, tool: "claude-code"),
        Case(name: "Fedora free-text Assisted-by", message: "Fix\n\nAssisted-by: generic LLM chatbot\n", kind: .aiAssisted, tool: "other"),
        Case(name: "riskgate AI-Session alone", message: "Fix\n\nAI-Session: https://example.com/s/42\n", kind: .aiAssisted, tool: "other"),
        Case(name: "name-only model co-author", message: "Fix\n\nCo-authored-by: claude-sonnet-4 <bot@example.org>\n",
            kind: .aiAssisted, tool: "claude-code", confidence: .low),
        Case(name: "prompt quoted in the body", message: "Ask Claude to extend `apiRoute`\n\nprompt: Let's make `apiRoute` an array.\n",
            kind: .aiAssisted, tool: "claude-code", confidence: .medium),
        Case(name: "AI author beats human co-author", message: "Fix\n\nCo-authored-by: Ada Lovelace <ada@example.com>\n",
            author: "Cursor Agent <cursoragent@cursor.com>", kind: .aiAuthored, tool: "cursor"),
    ]

    static let traps: [Case] = [
        Case(name: "plain human commit", message: body, kind: .human, confidence: .low),
        Case(name: "human named Claude", message: "Fix", author: "Claude Dupont <claude.dupont@example.fr>", kind: .human),
        Case(name: "human named Devin", message: "Fix\n\nSigned-off-by: Devin Smith <devin@smith.dev>\n", author: "Devin Smith <devin@smith.dev>", kind: .human),
        Case(name: "human named Jules co-author", message: "Fix\n\nCo-authored-by: Jules Verne <jules@nautilus.fr>\n", kind: .human),
        Case(name: "human named Gemini", message: "Fix", author: "Gemini Rossi <gemini@rossi.it>", kind: .human),
        Case(name: "human named Claude with one word co-author", message: "Fix\n\nCo-authored-by: Claude <claude@gmail.com>\n", kind: .human),
        Case(name: "cursor in prose", message: "Fix cursor pagination\n\nThe database cursor was not closed; reuse the cursor.\n", kind: .human),
        Case(name: "codex in prose", message: "Digitise the codex\n\nThe Codex Sinaiticus scans are now in docs/.\n", kind: .human),
        Case(name: "copilot and claude in prose", message: "Compare Copilot and Claude\n\nWe tried Copilot, Claude Code and Cursor for this.\n", kind: .human),
        Case(name: "Anthropic employee", message: "Fix", author: "Jane Doe <jane@anthropic.com>", kind: .human),
        Case(name: "OpenAI employee", message: "Fix", author: "Sam <sam@openai.com>", kind: .human),
        Case(name: "All Hands employee", message: "Fix", author: "Graham Neubig <neubig@all-hands.dev>", kind: .human),
        Case(name: "Cursor employee", message: "Fix", author: "Eng <eng@cursor.com>", kind: .human),
        Case(name: "revert of an AI commit",
            message: "Revert \"Add cache\"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n",
            kind: .human),
        Case(name: "changelog listing markers",
            message: "Update CHANGELOG\n\n- Added model name to \"Co-Authored-By\" commit messages\n- Co-Authored-By: Claude <noreply@anthropic.com>\n* 🤖 Generated with [Claude Code](https://claude.ai/code)\n",
            kind: .human),
        Case(name: "docs quoting markers in a fence",
            message: "Document attribution\n\nExample:\n\n```\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n```\n",
            kind: .human),
        Case(name: "docs quoting markers in a quote", message: "Docs\n\n> Co-authored-by: Cursor <cursoragent@cursor.com>\n> Made-with: Cursor\n", kind: .human),
        Case(name: "subject is not a trailer", message: "Co-Authored-By: Claude <noreply@anthropic.com>", kind: .human),
        Case(name: "AI-Assisted: no", message: "Fix\n\nAI-Assisted: no\n", kind: .human, confidence: .medium),
        Case(name: "AI-Assisted: no overrides VS Code's weak co-author",
            message: "Fix\n\nAI-Assisted: no\nCo-authored-by: Copilot <copilot@github.com>\n", kind: .human),
        Case(name: "Generated-by: protoc", message: "Regenerate\n\nGenerated-by: protoc 25.1\n", kind: .human),
        Case(name: "human noreply address", message: "Fix", author: "Mona <583231+octocat@users.noreply.github.com>", kind: .human),
        Case(name: "malformed human co-author", message: "Fix\n\nCo-authored-by: Ada Lovelace ada@example.com\n", kind: .human),
        Case(name: "merge of an AI branch by a person",
            message: "Merge pull request #42 from o/copilot/fix-flake\n\nFix flaky test\n", committer: "GitHub <noreply@github.com>", kind: .human),
        Case(name: "dependabot", message: "Bump lodash from 4.17.20 to 4.17.21",
            author: "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>", kind: .bot),
        Case(name: "renovate", message: "Update dependency x to v2", author: "renovate[bot] <29139614+renovate[bot]@users.noreply.github.com>", kind: .bot),
        Case(name: "github-actions", message: "chore: update snapshots", author: "github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>", kind: .bot),
        Case(name: "pre-commit-ci", message: "[pre-commit.ci] auto fixes from pre-commit.com hooks",
            author: "pre-commit-ci[bot] <66853113+pre-commit-ci[bot]@users.noreply.github.com>", kind: .bot),
        Case(name: "release bot", message: "chore(release): bump version to 0.3.0", author: "gemini-cli-robot <gemini-cli-robot@google.com>", kind: .bot),
        Case(name: "merge queue", message: "Merge pull request #1 from o/b", author: "github-merge-queue[bot] <118344674+github-merge-queue[bot]@users.noreply.github.com>", kind: .bot),
        Case(name: "git-ai notes commit", message: "Notes added by 'git notes add'", author: "git-ai <git-ai@local>", kind: .bot),
        Case(name: "notes merge with an agent identity", message: "Merged notes from refs/notes/ai-remote/origin into refs/notes/ai",
            author: "Codex <codex@openai.com>", kind: .bot),
    ]

    @Test(arguments: markers + traps)
    func verdict(_ testCase: Case) {
        let input = DetectorExample(testCase.message, author: testCase.author, committer: testCase.committer, .nothing).input
        let result = AuthorshipClassifier().classify(input)
        #expect(result.kind == testCase.kind, "\(result)")
        if testCase.kind == .human || testCase.kind == .bot {
            #expect(result.tool == nil)
        } else {
            #expect(result.tool == testCase.tool, "\(result)")
            #expect(!result.evidence.isEmpty)
        }
        if let confidence = testCase.confidence { #expect(result.confidence == confidence, "\(result)") }
    }

    @Test func evidenceNamesExactlyWhatMatched() {
        let input = DetectorExample(
            Self.body + "🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n",
            .nothing
        ).input
        let result = AuthorshipClassifier().classify(input)
        #expect(
            result.evidence == [
                Authorship.Evidence(signal: "agent-identity", detail: "Co-Authored-By: Claude <noreply@anthropic.com>"),
                Authorship.Evidence(signal: "tool-stamp", detail: "🤖 Generated with [Claude Code](https://claude.com/claude-code)"),
            ])
    }

    @Test func classifiesThousandsOfCommitsQuickly() {
        let inputs = (Self.markers + Self.traps).map { DetectorExample($0.message, author: $0.author, committer: $0.committer, .nothing).input }
        let classifier = AuthorshipClassifier()
        var ai = 0
        for _ in 0..<200 {
            for input in inputs where classifier.classify(input).isAI { ai += 1 }
        }
        #expect(ai == 200 * Self.markers.count)
    }
}
