import Foundation
import RiskgateCore
@testable import RiskgateReporting
import Testing

/// Every format over the same fixtures: compared to its golden file, byte-stable across runs.
struct ReportFormatTests {
    struct Format: Sendable, CustomStringConvertible {
        var name: String
        var file: String
        var make: @Sendable (BufferSink) -> any Reporter
        var description: String { name }
    }

    static let formats: [Format] = [
        Format(name: "text", file: "report.txt") { TextReporter(sink: $0) },
        Format(name: "text-color", file: "report-color.txt") { TextReporter(sink: $0, style: TerminalStyle(enabled: true)) },
        Format(name: "markdown", file: "report.md") { MarkdownReporter(sink: $0) },
        Format(name: "sarif", file: "report.sarif") { SARIFReporter(sink: $0) },
        Format(name: "codequality", file: "report.codequality.json") { CodeQualityReporter(sink: $0) },
        Format(name: "json", file: "report.json") { JSONReporter(sink: $0) },
    ]

    @Test(arguments: formats)
    func matchesGoldenFile(_ format: Format) throws {
        try Golden.check(ReportFixtures.render(format.make), format.file)
    }

    @Test(arguments: formats)
    func sameInputSameBytes(_ format: Format) {
        let first = ReportFixtures.render(format.make)
        let second = ReportFixtures.render(format.make)
        #expect(first == second)
        #expect(!first.isEmpty)
        // One process has one hash seed, so this cannot catch output that depends on dictionary
        // order; EndToEndTests.ReportFormatCommandTests.everyFormatIsDeterministic renders the
        // same range in two processes (two seeds) and compares the bytes.
    }

    @Test(arguments: formats.filter { $0.name != "text-color" })
    func noEscapeCodesWithoutColour(_ format: Format) {
        #expect(!ReportFixtures.render(format.make).contains("\u{1B}"))
    }

    @Test func colourMarksLevelsOnlyWhenEnabled() {
        let colour = ReportFixtures.render { TextReporter(sink: $0, style: TerminalStyle(enabled: true)) }
        #expect(colour.contains("\u{1B}[31mHIGH"))
        let stripped = colour.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        #expect(stripped == ReportFixtures.render { TextReporter(sink: $0) })
    }

    @Test func textFitsEightyColumns() {
        let text = ReportFixtures.render { TextReporter(sink: $0) }
        for line in text.split(separator: "\n") {
            #expect(line.count <= 80, "too wide (\(line.count)): \(line)")
        }
    }

    @Test func textPutsTheRiskiestFirstWithWhyAndNextSteps() throws {
        let text = ReportFixtures.render { TextReporter(sink: $0) }
        let lines = text.split(separator: "\n").map(String.init)
        let firstCommit = try #require(lines.firstIndex { $0.hasPrefix("CRITICAL") || $0.hasPrefix("HIGH") })
        #expect(lines[firstCommit].contains("bbbbbbbbbb"))
        #expect(text.contains("+30 terraform infra/vpc/main.tf: Terraform change"))
        #expect(text.contains("  +8 change-lines-added: 720 lines added"))
        #expect(text.contains("git commit --amend --trailer \"AI-Session: <url>\""))
        #expect(text.contains("ask @acme/platform @dana (CODEOWNERS) for review"))
        #expect(text.contains("split it: 25 files"))
        #expect(text.contains("stage the roll-out"))
        #expect(text.contains("RISKGATE_WAIVE=\"reason\" git push"))
        #expect(text.contains("git push -o riskgate.waive=\"reason\""))
        #expect(text.contains("7 commits: 3 human, 2 AI-assisted, 1 AI-authored, 1 bot"))
    }

    @Test func textKeepsOnlyTheRiskiestCommits() {
        let text = ReportFixtures.render { TextReporter(sink: $0, limit: 2) }
        #expect(text.contains("bbbbbbbbbb"))
        #expect(text.contains("eeeeeeeeee"))
        #expect(!text.contains("aaaaaaaaaa"))
        #expect(text.contains("... and 5 more commits"))
    }

    @Test func markdownStartsWithTheMarkerAndEscapesText() {
        let markdown = ReportFixtures.render { MarkdownReporter(sink: $0) }
        #expect(markdown.hasPrefix(MarkdownReporter.marker + "\n"))
        #expect(markdown.contains("Upgrade Postgres 14 -&gt; 16 \\| add read replica"))
        #expect(markdown.contains("Add retry to the &lt;Billing&gt; client"))
        #expect(!markdown.contains("<Billing>"))
        #expect(markdown.contains("<details>"))
        #expect(markdown.contains("`git commit --amend --trailer \"AI-Session: <url>\"`"))
        #expect(markdown.contains("| 7 | 3 | 2 | 1 | 1 |"))
    }

    @Test func emptyRangeSaysSoInEveryFormat() throws {
        for format in Self.formats {
            let output = ReportFixtures.render(format.make, analyses: [])
            #expect(!output.isEmpty, "\(format.name)")
        }
        let sarif = try JSONSerialization.jsonObject(
            with: Data(ReportFixtures.render({ SARIFReporter(sink: $0) }, analyses: []).utf8)) as? [String: Any]
        #expect(sarif?["version"] as? String == "2.1.0")
    }
}

/// An encoding failure is reported, never replaced by an empty `{}` a CI upload would accept.
struct EncodingFailureTests {
    @Test func nonFiniteNumbersAreAFailureNotAnEmptyObject() throws {
        guard case .failure = SARIFReporter.encoded([Double.nan]) else {
            Issue.record("NaN cannot be JSON")
            return
        }
        guard case .success(let text) = SARIFReporter.encoded(["a": 1]) else {
            Issue.record("a plain value encodes")
            return
        }
        #expect(text == "{\n  \"a\" : 1\n}\n")
    }
}

/// A Markdown report posted on a pull request must not notify people or teams by itself.
struct MarkdownMentionTests {
    @Test(arguments: [
        ("[owners: @acme/platform @dana from CODEOWNERS:4]", "[owners: <code>@acme/platform</code> <code>@dana</code> from CODEOWNERS:4]"),
        ("cc @lee.", "cc <code>@lee</code>."),
        ("mail ops@example.com", "mail ops@example.com"),
        ("no mention here", "no mention here"),
        ("(@octo-cat)", "(<code>@octo-cat</code>)"),
        ("a lone @ sign", "a lone @ sign"),
    ])
    func mentionsBecomeCode(_ text: String, _ expected: String) {
        #expect(MarkdownReporter.quietMentions(text) == expected)
    }

    @Test func theReportPingsNobody() {
        let markdown = ReportFixtures.render { MarkdownReporter(sink: $0) }
        let bare = markdown.split(separator: "\n").filter { line in
            line.contains(" @") && !line.contains("<code>@") && !line.contains("`@")
        }
        #expect(bare.isEmpty, "\(bare)")
    }
}
