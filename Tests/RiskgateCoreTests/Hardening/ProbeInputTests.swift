import Testing

@testable import RiskgateCore

/// Issue #16: the security probe's inputs, each with the answer it must get. Before the fix
/// these hung (minutes for one line, 46 s and 2.7 GB for one trailer); their speed is measured
/// by `bench/hardening-bombs.sh` and bounded by the property tests.
struct ProbeInputTests {
    static let sqlDeleteAllRows = #"(?i)^\s*(delete\s+from|update)\s+[`"\w.]+(\s+set\s+[^;]*)?\s*;\s*$"#
    static let pipeToShell = #"(curl|wget)\s[^|]*\|\s*(sudo\s+)?(ba|z)?sh\b"#

    struct ContentCase: CustomTestStringConvertible, Sendable {
        var name: String
        var pattern: String
        var line: String
        var matches: Bool
        var testDescription: String { name }
    }

    static let contentCases: [ContentCase] = [
        ContentCase(
            name: "update set + 4,000 spaces + a", pattern: sqlDeleteAllRows,
            line: "update users set" + String(repeating: " ", count: 4000) + "a", matches: false),
        ContentCase(
            name: "update set + 4,000 spaces + ;", pattern: sqlDeleteAllRows,
            line: "update users set" + String(repeating: " ", count: 4000) + "x = 1;", matches: true),
        ContentCase(
            name: "8,000 × curl", pattern: pipeToShell, line: String(repeating: "curl ", count: 8000), matches: false),
        ContentCase(
            name: "8,000 × curl then | sh", pattern: pipeToShell, line: String(repeating: "curl ", count: 8000) + "| sh",
            matches: true),
        ContentCase(
            name: "nested quantifier (a+)+$", pattern: "(a+)+$", line: String(repeating: "a", count: 50_000) + "!",
            matches: false),
        ContentCase(name: "NUL before DROP TABLE", pattern: #"(?i)\bdrop\s+table\b"#, line: "\u{0}DROP TABLE users;", matches: true),
        // Syntax the literal prefilter does not model must not let it reject a matching line.
        ContentCase(name: "Unicode class before literals", pattern: #"\pLdrop"#, line: "xdrop", matches: true),
        ContentCase(name: "hex escape", pattern: #"\x41BCD"#, line: "ABCD", matches: true),
        ContentCase(name: "POSIX class", pattern: "[[:alpha:]]drop", line: "xdrop", matches: true),
        ContentCase(name: "quoted literal", pattern: #"\Qa.b\E"#, line: "a.b", matches: true),
    ]

    @Test(arguments: contentCases) func contentBombsGetTheRightAnswer(_ example: ContentCase) throws {
        let pattern = try ContentPattern(side: .added, source: example.pattern)
        #expect(pattern.matches(example.line) == example.matches)
    }

    struct RejectedCase: CustomTestStringConvertible, Sendable {
        var pattern: String
        var reason: String
        var testDescription: String { pattern }
    }

    /// What a linear-time engine cannot promise is refused when the rules load, with what to do.
    @Test(arguments: [
        RejectedCase(pattern: #"set ((?!\bwhere\b)[^;])*;"#, reason: "exclude with the rule's 'unless:'"),
        RejectedCase(pattern: #"(a)\1"#, reason: "backreferences cannot be matched in linear time"),
        RejectedCase(pattern: "a{1001}", reason: "invalid repetition size: {1001} (the engine bounds"),
        RejectedCase(pattern: String(repeating: "a", count: 5000), reason: "pattern longer than 4096 bytes"),
        RejectedCase(pattern: "DROP (TABLE", reason: "missing )"),
    ])
    func unboundedPatternsAreRejected(_ example: RejectedCase) {
        do {
            _ = try ContentPattern(side: .added, source: example.pattern)
            Issue.record("accepted \(example.pattern)")
        } catch {
            #expect(error.reason.contains(example.reason), "\(error.reason)")
        }
    }

    @Test func unlessExcludesMatchingLines() throws {
        let rule = Rule(
            id: "sql-delete-all-rows", category: "database", description: "No WHERE.", points: 30,
            paths: try PathPatterns(["*.sql"]), content: [try ContentPattern(side: .added, source: Self.sqlDeleteAllRows)],
            unless: [try LinearRegex(#"(?i)\bwhere\b"#)])
        let lines = ChangedLines(added: [
            ChangedLine(number: 1, text: "UPDATE t SET a = 1 WHERE id = 2;"),
            ChangedLine(number: 2, text: "DELETE FROM users;"),
        ])
        #expect(rule.firstContentMatch(in: lines)?.line.number == 2)
        #expect(rule.contentMatchCount(in: lines) == 1)
    }

    static let longName = String(repeating: "a", count: 3000)

    struct GlobCase: CustomTestStringConvertible, Sendable {
        var pattern: String
        var path: String
        var matches: Bool
        var testDescription: String { "\(pattern.prefix(40)) ~ \(path.prefix(40))" }
    }

    static let globCases: [GlobCase] = [
        GlobCase(pattern: "*a*a*a*a*a*a*a*a*a*a*a*a*b", path: "src/" + longName, matches: false),
        GlobCase(pattern: "*a*a*a*a*a*a*a*a*a*a*a*a*b", path: "src/" + longName + "b", matches: true),
        GlobCase(pattern: "**/a/**/a/**/a/**/a/**/b", path: Array(repeating: "a", count: 400).joined(separator: "/"), matches: false),
        GlobCase(pattern: "**/a/**/a/**/a/**/a/**/b", path: Array(repeating: "a", count: 400).joined(separator: "/") + "/b", matches: true),
        GlobCase(pattern: "a*b?c*[xy]", path: "a__b_c__y", matches: true),
        GlobCase(pattern: "a*b?c*[xy]", path: "a__b_c__z", matches: false),
        GlobCase(pattern: "é*?", path: "dir/éàü", matches: true),
        GlobCase(pattern: "infra/**/prod/*.tf", path: "infra/x/y/prod/main.tf", matches: true),
        GlobCase(pattern: "infra/**/prod/*.tf", path: "infra/x/y/prod/main.tfx", matches: false),
    ]

    @Test(arguments: globCases) func globsAnswerProbeInputs(_ example: GlobCase) throws {
        #expect(try Glob(example.pattern).matches(example.path) == example.matches)
    }

    static let scopeCases: [GlobCase] = [
        GlobCase(pattern: "*a*a*a*a*a*a*a*a*a*a*a*a*b", path: longName, matches: false),
        GlobCase(pattern: "*a*a*a*a*a*a*a*a*a*a*a*a*b", path: "d/" + longName + "b", matches: true),
        GlobCase(pattern: "**/*a*a*a*a*a*a*a*a*b", path: "x/" + longName, matches: false),
        GlobCase(pattern: "src/**/x", path: "src/x", matches: true),
        GlobCase(pattern: "src/**/x", path: "src/a/b/x", matches: true),
        GlobCase(pattern: "src/**/x", path: "src/ax", matches: false),
        GlobCase(pattern: "src/*", path: "src/a/b", matches: false),
        GlobCase(pattern: "docs", path: "docs/a/b.md", matches: true),
        GlobCase(pattern: "src/{a,b}/**", path: "src/b/c.swift", matches: true),
        GlobCase(pattern: "*.md", path: "a/b/README.md", matches: true),
        GlobCase(pattern: "src/**.md", path: "src/a/b.md", matches: true),
    ]

    @Test(arguments: scopeCases) func scopesAnswerProbeInputs(_ example: GlobCase) throws {
        let scope = try #require(ScopeGlob(example.pattern))
        #expect(scope.matches(example.path) == example.matches)
    }

    @Test func scopeBracesThatWouldExpandTooFarAreMalformed() {
        let bomb = String(repeating: "{a,b}", count: 24)
        #expect(ScopeGlob(bomb) == nil)
        #expect(ScopeGlob(String(repeating: "{a,b}", count: 8)) != nil)  // 256 patterns: the limit
        #expect(ScopeGlob(String(repeating: "{a,b}", count: 9)) == nil)
        let message = "Add retries\n\nAI-Scope: \(bomb)\n"
        let links = TraceabilityLinks(
            DetectionInput(commit: ScoringFixtures.commit(1, files: [], message: message), trailers: TrailerParser.parse(message)))
        #expect(links.scope.isEmpty)
        #expect(links.badScope.count == 1)
    }
}
