import RiskgateCore
import Testing

/// Where riskgate deliberately parts from git 2.39, and the line scan used for detection.
struct TrailerParserTests {
    @Test func urlLineIsNotATrailer() {
        let message = "Subject\n\nBody\n\nhttps://claude.ai/code/session_01abc\n"
        #expect(TrailerParser.parse(message).isEmpty)
    }

    @Test func urlLineDoesNotMakeABlockOfTrailers() {
        let message = "Subject\n\nBody\n\nClaude-Session: https://claude.ai/code/session_01abc\nhttps://example.com/x\n"
        // The URL line is prose, so the paragraph is not all trailers and has no git-generated line.
        #expect(TrailerParser.parse(message).isEmpty)
    }

    @Test func urlInsideAValueIsKept() {
        let message = "Subject\n\nClaude-Session: https://claude.ai/code/session_01abc\n"
        #expect(TrailerParser.parse(message) == [Trailer(key: "Claude-Session", value: "https://claude.ai/code/session_01abc")])
    }

    @Test func invalidUTF8NeverCrashes() {
        let bytes: [UInt8] = Array("Subject\n\nKey: ".utf8) + [0xFF, 0xFE] + Array("\n".utf8)
        let trailers = TrailerParser.parse(bytes: bytes)
        #expect(trailers.count == 1)
        #expect(trailers.first?.value == "\u{FFFD}\u{FFFD}")
    }

    @Test func valuesLookupIsCaseInsensitive() {
        let trailers = TrailerParser.parse("S\n\nCo-Authored-By: A <a@x>\nco-authored-by: B <b@x>\n")
        #expect(trailers.values(for: "Co-authored-by") == ["A <a@x>", "B <b@x>"])
    }

    @Test func lineScanSeesFootersGitDrops() {
        let message = "Subject\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\nCo-Authored-By: Claude <noreply@anthropic.com>\n"
        #expect(TrailerParser.parse(message).isEmpty)
        let lines = MessageLines.scan(message)
        let keyed = lines.compactMap(\.keyValue)
        #expect(keyed.count == 1)
        #expect(keyed.first?.key == "Co-Authored-By")
        #expect(lines.allSatisfy { $0.paragraph <= 2 })
        #expect(lines.last?.inLastParagraph == true)
    }

    @Test func lineScanMarksFencesAndQuotes() {
        let message = """
            Docs: describe the trailer

            ```
            Co-Authored-By: Claude <noreply@anthropic.com>
            ```
            > Co-authored-by: quoted <q@example.com>
            - Co-authored-by: listed <l@example.com>
            Real-Key: yes
            """
        let lines = MessageLines.scan(message)
        let fenced = lines.first { $0.text.hasPrefix("Co-Authored-By") }
        #expect(fenced?.inCodeFence == true)
        #expect(lines.first { $0.text.hasPrefix(">") }?.isQuotedOrIndented == true)
        #expect(lines.first { $0.text.hasPrefix("-") }?.isQuotedOrIndented == true)
        let real = lines.first { $0.text.hasPrefix("Real-Key") }
        #expect(real?.inCodeFence == false && real?.isQuotedOrIndented == false)
        #expect(real?.keyValue?.value == "yes")
    }

    @Test func subjectJoinsTheFirstParagraph() {
        #expect(CommitMessage("\n\nFirst line\nsecond line\n\nbody").subject == "First line second line")
        #expect(CommitMessage("only\r\n").subject == "only")
    }
}
