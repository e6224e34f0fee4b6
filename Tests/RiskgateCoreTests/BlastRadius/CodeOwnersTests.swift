import Testing

@testable import RiskgateCore

/// GitHub's dialect: last match wins, `docs/*` is direct children only, an ownerless line unowns.
struct CodeOwnersTests {
    static let file = """
        # Default owners
        *       @acme/everyone
        /infra/ @acme/platform @alice
        *.sql   @acme/dba
        docs/*  docs@acme.example
        /apps/  @octocat
        /apps/github
        """

    @Test(arguments: [
        ("README.md", ["@acme/everyone"], 2),
        ("infra/prod/main.tf", ["@acme/platform", "@alice"], 3),
        ("infra/db/schema.sql", ["@acme/dba"], 4),
        ("docs/guide.md", ["docs@acme.example"], 5),
        ("docs/ops/runbook.md", ["@acme/everyone"], 2),
        ("apps/web/index.ts", ["@octocat"], 6),
        ("apps/github/hook.ts", [], 7),
    ])
    func owners(path: String, owners: [String], line: Int) {
        let codeOwners = CodeOwners(path: ".github/CODEOWNERS", text: Self.file)
        #expect(codeOwners.owners(of: path) == owners)
        #expect(codeOwners.entry(for: path)?.line == line)
        #expect(codeOwners.problems.isEmpty)
    }

    @Test func badLinesAreProblemsNotFailures() {
        let codeOwners = CodeOwners(path: "CODEOWNERS", text: "[oops @a\n*.tf @infra\r\n")
        #expect(codeOwners.problems == ["CODEOWNERS:1: [oops: unclosed '[' (escape it as '\\[' to match a bracket)"])
        #expect(codeOwners.owners(of: "main.tf") == ["@infra"])
    }
}
