#if canImport(Glibc)
    import Glibc
#endif
import PropertyBased
import RiskgateCore
import RiskgateReporting
import RiskgateRulePacks
import Testing

/// Generated inputs for everything a pusher (or a rule-pack author) controls: the trailer
/// parser, the glob and `AI-Scope` matchers, the content matcher and the rule loader. Each must
/// not crash and must answer every input fast; the inputs are built from the fragments that
/// make backtracking engines and brace expansion blow up, so a regression to either shows.
///
/// The bound is generous (100 ms per input on a loaded two-core machine with a debug build);
/// the bombs the old code hit took seconds to minutes.
@Suite struct PropertyTests {
    static let limit = Duration.milliseconds(100)

    /// Strings of fragments, repeated: `*a`, `{a,b}`, spaces, `curl `, control bytes...
    static func fragments(_ pieces: [String], count: ClosedRange<Int>) -> Generator<String, AnySequence<Any>> {
        Gen.int(in: 0...(pieces.count - 1)).array(of: count).map { indices in indices.map { pieces[$0] }.joined() }
            .eraseToAny()
    }

    static let globPieces = [
        "*", "**", "**/", "?", "a", "b", "/", "{a,b}", "{", "}", ",", "[a-z]", "[!a]", "\\", ".", "x", "é", "a*", "*a",
    ]
    static let pathPieces = ["a", "b", "/", "aa", "ab", "é", ".", "x", "aaaa", "-", " "]
    static let regexPieces = [
        "a", "(", ")", "*", "+", "?", "|", "\\s", "\\w", "[^;]", ".", "(a+)+", "(?i)", "^", "$", "{2,5}", "\\b",
        "(?!x)", "\\1", "[", "]", " ", "set", ";",
    ]
    static let linePieces = ["a", " ", ";", "curl ", "|", "sh", "update users set", "where", "\u{0}", "\u{1B}]0;x\u{7}", "é"]
    static let messagePieces = [
        "Subject", "\n", "\n\n", "AI-Session: ", "Assisted-by: ", "Claude:opus", "AI-Scope: ", "{a,b}", "*a", "\r\n",
        "  ", ":", "https://", "x", "Co-authored-by: Claude <noreply@anthropic.com>", "\u{1B}[2J", "\u{0}", "é",
    ]
    static let yamlPieces = [
        "version: 1\n", "rules:\n", "  - id: r\n", "    category: c\n", "    description: d\n", "    points: 5\n",
        "    paths: [\"*.sql\"]\n", "    content:\n", "      added: ['(a+)+$']\n", "      unless: ['x']\n",
        "    examples:\n", "      match: [a.sql]\n", "      no_match: [b.txt]\n", "  ", "- ", ": ", "{", "}", "[", "]",
        "'", "\"", "\u{0}", "\u{FFFD}", "&a ", "*a ", "!!binary ", "\n",
    ]

    func timed(_ label: String, _ input: String, _ body: () -> Void) {
        let elapsed = Self.cost(body)
        #expect(elapsed < Self.limit, "\(label) took \(elapsed) on \(input.debugDescription.prefix(200))")
    }

    /// CPU time of the calling thread for `body` (other processes on a busy machine do not
    /// count), measured again up to twice when over the limit, keeping the least: a truly slow
    /// input stays slow, a scheduling hiccup does not repeat.
    static func cost(_ body: () -> Void, limit: Duration = PropertyTests.limit) -> Duration {
        var best = Duration.seconds(3600)
        for _ in 0..<3 {
            let start = threadCPUTime()
            body()
            best = min(best, threadCPUTime() - start)
            if best < limit { break }
        }
        return best
    }

    static func threadCPUTime() -> Duration {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
    }

    @Test func globsMatchInBoundedTime() async {
        await propertyCheck(
            count: 300, input: Self.fragments(Self.globPieces, count: 1...40), Self.fragments(Self.pathPieces, count: 0...200)
        ) { pattern, path in
            for mode in [Glob.Mode.path, .exact, .codeOwners] {
                timed("Glob(\(mode))", pattern + " / " + path) {
                    if let glob = try? Glob(pattern, mode: mode) { _ = glob.matches(path) }
                }
            }
            timed("ScopeGlob", pattern + " / " + path) {
                if let scope = ScopeGlob(pattern) { _ = scope.matches(path) }
            }
        }
    }

    @Test func contentPatternsCompileOrFailAndMatchInBoundedTime() async {
        await propertyCheck(
            count: 300, input: Self.fragments(Self.regexPieces, count: 1...30), Self.fragments(Self.linePieces, count: 0...300)
        ) { source, line in
            timed("ContentPattern", source + " / " + line) {
                if let pattern = try? ContentPattern(side: .added, source: source) { _ = pattern.matches(line) }
            }
        }
    }

    @Test func defaultRulesMatchAdversarialLinesInBoundedTime() async throws {
        let rules = try RuleSetLoader.load(configurationFile: nil).1.rules
        let patterns = rules.flatMap { $0.content }
        await propertyCheck(count: 50, input: Self.fragments(Self.linePieces, count: 0...2000)) { line in
            timed("default content rules", line) {
                for pattern in patterns { _ = pattern.matches(line) }
            }
        }
    }

    @Test func trailerParserAndTraceabilityTakeAnyMessage() async {
        await propertyCheck(count: 300, input: Self.fragments(Self.messagePieces, count: 0...80)) { message in
            timed("TrailerParser", message) {
                let trailers = TrailerParser.parse(message)
                _ = TrailerParser.parse(bytes: Array(message.utf8))
                for trailer in trailers { _ = ScopeGlob(trailer.value)?.matches("a/b/c") }
            }
        }
    }

    @Test func ruleLoaderReportsOrAcceptsAnyText() async {
        await propertyCheck(count: 200, input: Self.fragments(Self.yamlPieces, count: 0...40)) { text in
            timed("RulePackDecoder", text) {
                do {
                    for rule in try RulePackDecoder.decode(text, file: "generated.yaml") { _ = rule.failingExamples() }
                } catch let error as RulePackErrors {
                    // Every problem is an issue naming the file; none crashes.
                    #expect(error.issues.allSatisfy { $0.file == "generated.yaml" })
                } catch {
                    Issue.record("unexpected error \(error)")
                }
            }
        }
    }

    @Test func sanitizedTextHasNoControlCharacters() async {
        await propertyCheck(count: 300, input: Gen<UInt8>.value(in: 0...255).array(of: 0...200)) { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            let clean = TerminalText.sanitize(text)
            #expect(!clean.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) })
            #expect(TerminalText.sanitize(clean) == clean)
        }
    }
}

/// The security probe's inputs, each bounded like the generated ones.
@Suite struct ProbeInputTimingTests {
    static let spaces = String(repeating: " ", count: 4000)

    @Test func probeInputsAreFast() throws {
        let rules = try RuleSetLoader.load(configurationFile: nil).1.rules
        let lines = [
            "update users set" + Self.spaces + "a", String(repeating: "curl ", count: 8000),
            String(repeating: " ", count: 100_000) + "force_destroy = true",
        ]
        for line in lines {
            let changed = ChangedLines(added: [ChangedLine(number: 1, text: line)])
            let elapsed = PropertyTests.cost({
                for rule in rules where rule.hasContent { _ = rule.firstContentMatch(in: changed) }
            }, limit: .milliseconds(250))
            #expect(elapsed < .milliseconds(250), "\(line.prefix(30)): \(elapsed)")
        }
        let name = String(repeating: "a", count: 4000)
        let elapsed = PropertyTests.cost {
            _ = ScopeGlob(String(repeating: "{a,b}", count: 24))
            _ = ScopeGlob("*a*a*a*a*a*a*a*a*a*a*a*a*b")?.matches("src/" + name)
            _ = try? Glob("*a*a*a*a*a*a*a*a*a*a*a*a*b").matches("src/" + name)
        }
        #expect(elapsed < PropertyTests.limit, "globs: \(elapsed)")
    }
}
