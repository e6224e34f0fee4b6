import Foundation
import RiskgateCore
import RiskgateTestSupport
import Testing

/// The trailer parser must agree with `git interpret-trailers --parse` wherever git's rules
/// apply (every message here avoids `scheme://` lines, where riskgate follows newer git).
struct TrailerParserGitParityTests {
    static let messages: [String] = [
        "Subject only",
        "Subject only\n",
        "Subject\n\nBody text.\n",
        "Subject\n\nSigned-off-by: A <a@example.com>\n",
        "fix: a subject that looks like a trailer\n",
        "Co-authored-by: Someone <s@example.com>\n",
        "Subject\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n",
        "Subject\n\nBody.\n\nCo-Authored-By: Claude Opus 4.6 (1M context) <noreply@anthropic.com>\n",
        "Subject\n\n🤖 Generated with [Claude Code](claude.ai/code)\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n",
        "Subject\n\n🤖 Generated with [Claude Code](claude.ai/code)\nCo-Authored-By: Claude <noreply@anthropic.com>\n",
        "Subject\n\nSome prose line\nAnother prose line\nThird prose\nSigned-off-by: A <a@example.com>\n",
        "Subject\n\nprose one\nprose two\nprose three\nprose four\nSigned-off-by: A <a@example.com>\n",
        "Subject\n\nprose\nReviewed-by: R <r@example.com>\n",
        "Subject\n\nKey: value\nOther-Key: other value\n\n",
        "Subject\n\nKey: value\n\n\n\n",
        "Subject\n\nKey: folded value\n  continued here\n  and here\nNext: x\n",
        "Subject\n\nKey: value\n\tcontinued with tab\n",
        "Subject\r\n\r\nKey: value\r\nSigned-off-by: A <a@example.com>\r\n",
        "Subject\r\n\r\nBody\r\n\r\nAI-Session: abc-123\r\n",
        "Subject\n\nBody\n---\nKey: after divider\n",
        "Subject\n\nKey: before divider\n---\nstat | 1 +\n",
        "Subject\n\nKey: value\n--- not a divider? no: dashes and space\n",
        "Subject\n\nKey: value\n---\n",
        "Subject\n\nKey with space: value\n",
        "Subject\n\nKey : spaced separator\n",
        "Subject\n\nKey:no space after colon\n",
        "Subject\n\nEmpty-Value:\n",
        "Subject\n\n(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)\n",
        "Subject\n\nbody\nline\nline\n(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)\n",
        "Subject\n\nBody\n\nAssisted-by: Claude:claude-3-opus coccinelle sparse\nSigned-off-by: Dev <dev@example.com>\n",
        "Subject\n\nBody\n\nGenerated-by: protoc 25.1\n",
        "Subject\n\nBody\n\nAI-Assisted: no\n",
        "Subject\n\nBody\n\nMade-with: Cursor\n",
        "Subject\n\nBody\n\nReplit-Commit-Author: Agent\nReplit-Commit-Session-Id: 1f2e3d4c-aaaa-bbbb-cccc-0123456789ab\n",
        "Subject\n\nBody\n\n# a comment line\nKey: value\n",
        "Subject\n\nBody\n\nKey: value\n# trailing comment\n",
        "Subject\n\nBody\n\nKey: value\n\n# Please enter the commit message\n# Lines starting with '#' are ignored\n",
        "# leading comment\nSubject\n\nKey: value\n",
        "Subject\n\n  Indented: not a key\n",
        "Subject\n\nBody\n\n- Co-authored-by: listed <l@example.com>\n",
        "Subject\n\nBody\n\n> Co-authored-by: quoted <q@example.com>\n",
        "Subject\n\nMerge-Request: !42\nChange-Id: I0123456789abcdef\nBug: 12345\n",
        "Subject\n\nBody.\n\nCo-authored-by: OpenHands-GPT-5 openhands@all-hands.dev\n",
        "Subject\n\nBody.\n\nCo-authored-by: aider (openrouter/deepseek/deepseek-r1:free) <aider@aider.chat>\n",
        "Subject\n\nBody\nwith no blank before\nKey: value\n",
        "Subject\n\n\n\nKey: value after several blanks\n",
        "Subject\n\nConflicts:\n\tsome/file.c\n\nKey: value\n",
        "Subject\n\nKey: value\nConflicts:\n\tsome/file.c\n",
        "Subject\n\nTäst-Key: unicode in key\n",
        "Subject\n\nKey: ünïcödé value ✓\n",
        "Subject\n\nBody\n\nFixes: #123\nCloses: #456\nRefs: ABC-7\n",
    ]

    @Test func tableIsLargeEnough() {
        #expect(Self.messages.count >= 40)
    }

    @Test(arguments: messages)
    func equalsGitInterpretTrailers(_ message: String) throws {
        let result = try Shell.run("git", ["interpret-trailers", "--parse"], input: Data(message.utf8))
        #expect(result.status == 0)
        let expected = result.stdout.split(separator: "\n").map { String($0).trimmingCharacters(in: .whitespaces) }
        let actual = TrailerParser.parse(message).map { "\($0.key): \($0.value)".trimmingCharacters(in: .whitespaces) }
        #expect(actual == expected, "message: \(message.debugDescription)")
    }
}
