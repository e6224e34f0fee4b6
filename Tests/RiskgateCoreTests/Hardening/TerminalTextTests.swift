import Testing

@testable import RiskgateCore

/// Issue #16, part 7: text from commits and pushers never carries terminal control.
struct TerminalTextTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var input: String
        var output: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "plain text is unchanged", input: "Fix the uploader: retries ✓\ttab", output: "Fix the uploader: retries ✓\ttab"),
        Case(name: "OSC title with BEL", input: "ok\u{1B}]0;pwned\u{7} subject", output: "ok subject"),
        Case(name: "OSC 8 hyperlink with ST", input: "\u{1B}]8;;https://evil\u{1B}\\click\u{1B}]8;;\u{1B}\\", output: "click"),
        Case(name: "CSI clear screen and cursor up", input: "a\u{1B}[2J\u{1B}[1Ab", output: "ab"),
        Case(name: "SGR colour and conceal", input: "\u{1B}[8mhidden\u{1B}[0m", output: "hidden"),
        Case(name: "two-character escape (reset)", input: "x\u{1B}cy", output: "xy"),
        Case(name: "8-bit CSI and OSC", input: "a\u{9B}2Jb\u{9D}0;t\u{7}c", output: "abc"),
        Case(name: "C0 controls but tab and newline", input: "a\u{0}b\u{8}c\rd\u{7}e\nf", output: "abcde\nf"),
        Case(name: "DEL and C1", input: "a\u{7F}b\u{85}c", output: "abc"),
        Case(name: "bidi override (Trojan Source)", input: "admin\u{202E}txt.exe", output: "admintxt.exe"),
        Case(name: "lone ESC at the end", input: "end\u{1B}", output: "end"),
        Case(name: "unterminated OSC stops at the newline", input: "a\u{1B}]0;title\nnext", output: "a\nnext"),
    ]

    @Test(arguments: cases) func sanitizes(_ example: Case) {
        #expect(TerminalText.sanitize(example.input) == example.output)
    }

    @Test func singleLineReplacesNewlines() {
        #expect(TerminalText.sanitize("a\nb", singleLine: true) == "a b")
    }

    @Test func allowedColoursSurviveOthersDoNot() {
        let text = "\u{1B}[1;31mBLOCK\u{1B}[0m \u{1B}[8mhidden\u{1B}[0m"
        #expect(TerminalText.sanitize(text, allowedSGR: ["1;31", "0"]) == "\u{1B}[1;31mBLOCK\u{1B}[0m hidden\u{1B}[0m")
    }
}
