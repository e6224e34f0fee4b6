import RiskgateCore
import RiskgateReporting
import Testing

/// Issue #16, part 7: a subject, author, path or finding message carrying ESC, OSC or BEL
/// bytes reaches no output raw, with colour off or on.
struct TerminalInjectionTests {
    static let hostile = ReportFixtures.analysis(
        "e", subject: "Fix\u{1B}]0;owned\u{7} retries\u{1B}[2J\u{1B}[8m", author: ("Eve\u{1B}[1A", "eve@example.com"),
        minutesBefore: 10,
        files: [ReportFixtures.file("db/\u{1B}[31mdrop.sql", 1, 0)], categories: [["database"]],
        authorship: .unmarkedHuman, traceability: .notRequired,
        findings: [
            ("sql-drop", "database", 60, "DROP destroys data. added line: `\u{0}DROP TABLE users;\u{1B}]52;c;Y2F0\u{7}`",
             "db/\u{1B}[31mdrop.sql", 1)
        ])

    static let formats: [(name: String, make: @Sendable (BufferSink) -> any Reporter)] = [
        ("text", { TextReporter(sink: $0) }),
        ("text-color", { TextReporter(sink: $0, style: TerminalStyle(enabled: true)) }),
        ("markdown", { MarkdownReporter(sink: $0) }),
    ]

    @Test(arguments: formats.map(\.name)) func noControlBytesReachTheOutput(_ name: String) throws {
        let make = try #require(Self.formats.first { $0.name == name }?.make)
        let output = ReportFixtures.render(make, analyses: [Self.hostile])
        #expect(output.contains("retries"))
        #expect(!output.contains("\u{7}"))
        #expect(!output.contains("\u{0}"))
        #expect(!output.contains("]0;owned"))
        #expect(!output.contains("]52;"))
        #expect(!output.contains("\u{1B}[2J") && !output.contains("\u{1B}[8m") && !output.contains("\u{1B}[1A"))
        if name != "text-color" { #expect(!output.contains("\u{1B}")) }
    }
}
