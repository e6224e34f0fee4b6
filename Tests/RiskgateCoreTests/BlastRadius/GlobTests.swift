import Testing

@testable import RiskgateCore

/// The gitignore-style matcher, case by case (pattern, path, expected).
struct GlobTests {
    static let cases: [(String, String, Bool)] = [
        // A pattern without '/' matches a basename (or a directory name) anywhere.
        ("*.tf", "main.tf", true),
        ("*.tf", "infra/prod/main.tf", true),
        ("*.tf", "infra/main.tfvars", false),
        ("Dockerfile", "services/api/Dockerfile", true),
        ("migrations", "db/migrations/001.sql", true),
        // '*' stays inside one component; '**' crosses them.
        ("infra/*.tf", "infra/main.tf", true),
        ("infra/*.tf", "infra/prod/main.tf", false),
        ("infra/**/*.tf", "infra/main.tf", true),
        ("infra/**/*.tf", "infra/a/b/c/main.tf", true),
        ("**/prod/**", "deploy/k8s/overlays/prod/kustomization.yaml", true),
        ("**/prod/**", "product/x.yaml", false),
        ("infra/**", "infra/x/y", true),
        // Anchoring: a leading or inner '/' anchors to the root.
        ("/CODEOWNERS", "CODEOWNERS", true),
        ("/CODEOWNERS", "vendor/CODEOWNERS", false),
        ("docs/*.md", "sub/docs/a.md", false),
        // A matched directory covers what is below it.
        ("infra/prod", "infra/prod/main.tf", true),
        ("build/", "src/build/out.o", true),
        ("build/", "build", false),
        // '?', classes, ranges, negated classes.
        ("file?.txt", "file1.txt", true),
        ("file?.txt", "file10.txt", false),
        ("v[0-9].yaml", "v7.yaml", true),
        ("v[!0-9].yaml", "v7.yaml", false),
        ("v[^0-9].yaml", "vx.yaml", true),
        // Braces, nested.
        ("*.{yml,yaml}", "ci/a.yaml", true),
        ("*.{yml,yaml}", "ci/a.json", false),
        ("values-{prod,pr{d,od}}.yaml", "values-prd.yaml", true),
        // Escapes.
        ("\\*.txt", "*.txt", true),
        ("\\*.txt", "a.txt", false),
        // Multi-byte: '?' is one character, not one byte.
        ("d?p?t/*.tf", "dépôt/main.tf", true),
        ("*.tf", "日本語/基盤.tf", true),
        ("[é]*", "éa", true),
        // Dotfiles are ordinary names.
        ("*.yml", ".gitlab-ci.yml", true),
        (".env.*", "deploy/.env.production", true),
    ]

    @Test(arguments: cases)
    func matches(pattern: String, path: String, expected: Bool) throws {
        #expect(try Glob(pattern).matches(path) == expected, "\(pattern) vs \(path)")
    }

    static let invalid: [(String, GlobError)] = [
        ("", .empty),
        ("a//b", .emptyComponent),
        ("a\\", .trailingBackslash),
        ("infra/[prod", .unclosedClass),
        ("[z-a]", .badRange),
        ("*.{yml,yaml", .unclosedBrace),
    ]

    @Test(arguments: invalid)
    func rejects(pattern: String, error: GlobError) {
        #expect(throws: error) { try Glob(pattern) }
    }

    @Test func negationLastMatchWins() throws {
        let patterns = try PathPatterns(["**/prod/**", "!*.md", "docs/prod/keep.md"])
        #expect(patterns.matches("deploy/prod/app.yaml"))
        #expect(!patterns.matches("deploy/prod/README.md"))
        #expect(patterns.matches("docs/prod/keep.md"))
        #expect(!(try PathPatterns(["!*.md"])).matches("a.txt"))
    }

    /// Refs match whole, with `main` short for `refs/heads/main`.
    @Test(arguments: [
        ("refs/heads/release/*", "refs/heads/release/1.2", true),
        ("refs/heads/release/*", "refs/heads/release/1.2/fix", false),
        ("refs/heads/main", "refs/heads/main/x", false),
        ("main", "refs/heads/main", true),
        ("refs/**", "refs/tags/v1", true),
    ])
    func refPatterns(pattern: String, ref: String, expected: Bool) throws {
        let policy = try RefPolicy(refs: [pattern], decisionPolicy: .standard)
        #expect(policy.matches(ref: ref) == expected)
    }
}

struct ContentPatternTests {
    @Test(arguments: [
        ("(?i)\\bdrop\\s+table\\b", "table", []),
        ("force_destroy\\s*=\\s*true", "force_destroy", []),
        ("\"Action\"\\s*:\\s*\\[?\\s*\"\\*\"", "\"action\"", []),
        ("a|b", "", []),
        ("(?x) drop table", "", []),
        ("kubectl\\s.*\\bdelete\\s", "kubectl", []),
        ("abc{2}defg", "defg", []),
    ] as [(String, String, [Int])])
    func requiredLiteral(source: String, literal: String, _: [Int]) {
        #expect(LiteralPrefilter.requiredLiteral(of: source) == Array(literal.utf8))
    }

    /// Literals one of which every match must contain; empty: no prefilter.
    @Test(arguments: [
        ("(?i)\\bdrop\\s+table\\b", ["table"]),
        ("(curl|wget)\\s[^|]*\\|\\s*(sudo\\s+)?(ba|z)?sh\\b", ["curl", "wget"]),
        ("\\b(drop_table|remove_column|remove_reference)\\b", ["drop_table", "remove_column", "remove_reference"]),
        ("^\\s*-?\\s*(ingress|egress):", ["ingress", "egress"]),
        ("(?i)^\\s*(delete\\s+from|update)\\s+[`\"\\w.]+", ["delete", "update"]),
        ("\"(NotAction|NotResource)\"\\s*:", ["notaction", "notresource"]),
        ("\\brm\\s+-", ["rm"]),
        ("kubectl\\s+delete|terraform\\s+destroy", ["kubectl", "terraform"]),
        ("a|kubectl", []),
        ("(curl|wget)?\\s+x", []),
        ("(?=curl)c|wget", []),
        ("(?i)(a|b)c", []),
        ("(?x) drop | table", []),
    ] as [(String, [String])])
    func anyOfLiterals(source: String, literals: [String]) {
        #expect(LiteralPrefilter.anyOf(of: source) == literals.map { Array($0.utf8) })
    }

    /// The prefilter only ever skips lines the regex would not match.
    @Test(arguments: [
        ("(curl|wget)\\s[^|]*\\|\\s*(sudo\\s+)?(ba|z)?sh\\b", "RUN curl -fsSL https://x.sh | sudo bash", true),
        ("(curl|wget)\\s[^|]*\\|\\s*(sudo\\s+)?(ba|z)?sh\\b", "RUN WGET -q x | sh", false),
        ("(?i)(curl|wget)\\s[^|]*\\|\\s*sh\\b", "RUN WGET -q x | sh", true),
        ("^\\s*-?\\s*(ingress|egress):", "  - ingress:", true),
        ("^\\s*-?\\s*(ingress|egress):", "  ingressClassName: nginx", false),
        ("\\brm\\s+-", "rm -rf /tmp/x", true),
        ("\\brm\\s+-", "form -x", false),
        ("kubectl\\s+delete|terraform\\s+destroy", "terraform destroy -auto-approve", true),
    ] as [(String, String, Bool)])
    func anyOfPrefilterKeepsMatches(source: String, line: String, expected: Bool) throws {
        let pattern = try ContentPattern(side: .added, source: source)
        #expect(pattern.matches(line) == expected)
        let regexMatches = try Regex(source).firstMatch(in: line) != nil
        #expect(regexMatches == expected)
    }

    @Test func prefilterNeverHidesAMatch() throws {
        let pattern = try ContentPattern(side: .added, source: "(?i)\\bDROP\\s+TABLE\\b")
        #expect(pattern.matches("  drop table users;"))
        #expect(pattern.matches("DROP TABLE users;"))
        #expect(!pattern.matches("dropping tables"))
        #expect(!pattern.matches("x"))
    }

    @Test func badRegexIsATypedError() {
        #expect(throws: ContentPatternError.self) { try ContentPattern(side: .added, source: "DROP (TABLE") }
    }

    @Test(arguments: [("a\n", "a"), ("a\r\n", "a"), ("a\r", "a"), ("a", "a"), ("", "")])
    func lineEndingsAreDropped(raw: String, expected: String) {
        #expect(ChangedLine.normalized(raw) == expected)
    }
}
