import Foundation
import RiskgateTestSupport
import Testing

/// Authorship and traceability end to end: real repositories with notes refs and prompt-record
/// files, read by the built `riskgate report --format json`.
struct ProvenanceReportTests {
    static let claude = "Co-Authored-By: Claude Opus 4.6 <noreply@anthropic.com>"

    static let gitAILog = """
        src/feature.ts
          s_0123456789abcd::t_0123456789abcd 1-3
          h_abcdef01234567 4
        ---
        {"schema_version":"authorship/3.0.0","base_commit_sha":"0000000000000000000000000000000000000000","prompts":{},\
        "sessions":{"s_0123456789abcd":{"agent_id":{"tool":"cursor","id":"c1","model":"gpt-5"}}}}
        """

    static func report(_ repo: TemporaryRepository, _ arguments: [String] = ["--all"]) throws -> [String: [String: Any]] {
        let result = try RiskgateBinary.run(["report", "--format", "json", "--exit-zero"] + arguments, in: repo.url)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any]
        let commits = try #require(object?["commits"] as? [[String: Any]])
        var bySubject: [String: [String: Any]] = [:]
        for commit in commits { bySubject[commit["subject"] as? String ?? ""] = commit }
        bySubject["(summary)"] = object?["summary"] as? [String: Any]
        bySubject["(tool)"] = object?["tool"] as? [String: Any]
        return bySubject
    }

    static func authorship(_ commit: [String: Any]?) -> (kind: String?, tool: String?, evidence: [[String: String]]) {
        let value = commit?["authorship"] as? [String: Any]
        return (value?["kind"] as? String, value?["tool"] as? String, value?["evidence"] as? [[String: String]] ?? [])
    }

    static func traceability(_ commit: [String: Any]?) -> [String: Any] {
        commit?["traceability"] as? [String: Any] ?? [:]
    }

    @Test func fillsAuthorshipTraceabilityAndSummaryFromRealHistory() throws {
        let repo = try TemporaryRepository()
        try repo.write("README.md", "hello\n")
        try repo.commit("Initial commit")
        try repo.write("src/a.ts", "a\n")
        try repo.commit("Add a\n\nAI-Session: https://claude.ai/code/session_01AbC\nAI-Scope: src/**\n\(Self.claude)\n")
        try repo.write("src/b.ts", "b\n")
        try repo.write("infra/main.tf", "x\n")
        try repo.commit("Add b\n\nAI-Session: s-7\nAI-Scope: src/**\n\(Self.claude)\n")
        try repo.write("src/c.ts", "c\n")
        try repo.commit("Add c\n\nAssisted-by: Claude:claude-opus-4-6\n")
        try repo.write("src/d.ts", "d\n")
        try repo.commit("Add d\n\nAI-Session:\nCo-authored-by: Cursor <cursoragent@cursor.com>\n")
        try repo.write("src/e.ts", "e\n")
        try repo.commit("Fix the database cursor", author: (name: "Claude Dupont", email: "claude@dupont.fr"))
        try repo.write("package.json", "{}\n")
        try repo.commit("Bump lodash", author: (name: "dependabot[bot]", email: "49699333+dependabot[bot]@users.noreply.github.com"))
        try repo.write("src/f.ts", "f\n")
        try repo.commit("Agent work", author: (name: "Devin AI", email: "158243242+devin-ai-integration[bot]@users.noreply.github.com"))

        let report = try Self.report(repo)
        let capabilities = report["(tool)"]?["capabilities"] as? [String] ?? []
        #expect(capabilities.contains("authorship") && capabilities.contains("traceability"))

        #expect(Self.authorship(report["Add a"]).kind == "ai-assisted")
        #expect(Self.authorship(report["Add a"]).tool == "claude-code")
        #expect(Self.authorship(report["Add a"]).evidence == [["signal": "agent-identity", "detail": Self.claude], ["signal": "session-link", "detail": "AI-Session: https://claude.ai/code/session_01AbC"]])
        #expect(Self.traceability(report["Add a"])["status"] as? String == "linked")
        #expect(Self.traceability(report["Add a"])["links"] as? [String] == ["https://claude.ai/code/session_01AbC"])
        #expect(Self.traceability(report["Add b"])["outOfScope"] as? [String] == ["infra/main.tf"])
        #expect(Self.traceability(report["Add b"])["scope"] as? [String] == ["src/**"])
        #expect(Self.traceability(report["Add c"])["status"] as? String == "missing")
        #expect(Self.traceability(report["Add d"])["status"] as? String == "malformed")
        #expect(Self.authorship(report["Fix the database cursor"]).kind == "human")
        #expect(Self.traceability(report["Fix the database cursor"])["status"] as? String == "not-required")
        #expect(Self.authorship(report["Bump lodash"]).kind == "bot")
        #expect(Self.authorship(report["Agent work"]).kind == "ai-authored")
        #expect(Self.authorship(report["Agent work"]).tool == "devin")

        let summary = try #require(report["(summary)"])
        #expect(summary["commits"] as? Int == 8)
        #expect(summary["human"] as? Int == 2)
        #expect(summary["aiAssisted"] as? Int == 4)
        #expect(summary["aiAuthored"] as? Int == 1)
        #expect(summary["bot"] as? Int == 1)
    }

    @Test func gitAILogOnRefsNotesAiVerifiesAndGivesTheAIShare() throws {
        let repo = try TemporaryRepository()
        try repo.write("src/feature.ts", "1\n2\n3\n4\n")
        let marked = try repo.commit("Add feature")
        try repo.write("src/other.ts", "x\n")
        let foreign = try repo.commit("Add other\n\nAI-Session: s-1\nMade-with: Cursor\n")
        try repo.write("src/human.ts", "x\n")
        let humanOnly = try repo.commit("Human work")
        try repo.git(["notes", "--ref=ai", "add", "-m", Self.gitAILog, marked])
        try repo.git(["notes", "--ref=ai", "add", "-m", "{\"ai_lines\": 3, \"tool\": \"cursor\"}", foreign])
        try repo.git([
            "notes", "--ref=ai", "add", "-m",
            "src/human.ts\n  h_abcdef01234567 1\n---\n{\"schema_version\":\"authorship/3.0.0\",\"prompts\":{}}", humanOnly,
        ])

        let report = try Self.report(repo)
        // git-ai leaves no mark in the message: its log alone makes the commit AI-assisted.
        #expect(Self.authorship(report["Add feature"]).kind == "ai-assisted")
        #expect(Self.authorship(report["Add feature"]).tool == "cursor")
        let trace = Self.traceability(report["Add feature"])
        #expect(trace["status"] as? String == "verified")
        let share = try #require(trace["aiLines"] as? [String: Int])
        #expect(share == ["ai": 3, "human": 1, "added": 4, "minimumPercent": 75])
        // A foreign JSON note on refs/notes/ai neither fails nor verifies.
        #expect(Self.traceability(report["Add other"])["status"] as? String == "linked")
        #expect(Self.traceability(report["Add other"])["aiLines"] == nil)
        #expect(Self.authorship(report["Human work"]).kind == "human")
        // Notes-ref commits are not walked by --all.
        #expect(report.count == 3 + 2)
    }

    @Test func personMergingAnAIBranchIsHumanEvenWithAGitAILog() throws {
        let repo = try TemporaryRepository()
        try repo.write("README.md", "hello\n")
        try repo.commit("Initial commit")
        try repo.git(["checkout", "-q", "-b", "feature"])
        try repo.write("src/feature.ts", "1\n2\n3\n4\n")
        try repo.commit("Add feature\n\n\(Self.claude)\n")
        try repo.git(["checkout", "-q", "main"])
        try repo.write("other.txt", "x\n")
        try repo.commit("Unrelated")
        try repo.git(["merge", "-q", "--no-ff", "-m", "Merge branch 'feature'", "feature"])
        try repo.git(["notes", "--ref=ai", "add", "-m", Self.gitAILog, "HEAD"])
        let report = try Self.report(repo)
        #expect(Self.authorship(report["Merge branch 'feature'"]).kind == "human")
        #expect(Self.traceability(report["Merge branch 'feature'"])["status"] as? String == "not-required")
        #expect(Self.authorship(report["Add feature"]).kind == "ai-assisted")
    }

    @Test func riskgatePromptRecordsInNotesAndInTheTree() throws {
        let repo = try TemporaryRepository()
        try repo.write(".riskgate.yml", "version: 1\ntraceability:\n  prompt_records: \".prompts/{id}.md\"\n")
        try repo.write(".prompts/s-tree.md", "# Prompt\nAdd retries to the uploader.\n")
        try repo.write("src/a.ts", "a\n")
        try repo.commit("Add a\n\nAI-Session: s-tree\n\(Self.claude)\n")
        try repo.write("src/b.ts", "b\n")
        let noted = try repo.commit("Add b\n\nAI-Session: s-note\n\(Self.claude)\n")
        try repo.write("src/c.ts", "c\n")
        let wrong = try repo.commit("Add c\n\nAI-Session: s-c\n\(Self.claude)\n")
        try repo.write("src/d.ts", "d\n")
        try repo.commit("Add d\n\nAI-Session: s-nowhere\n\(Self.claude)\n")
        try repo.git(["notes", "--ref=riskgate", "add", "-m", "riskgate-prompt/1\nsession: s-note\ntool: claude-code\nprompt: add b", noted])
        try repo.git(["notes", "--ref=riskgate", "add", "-m", "riskgate-prompt/1\nsession: s-other", wrong])

        let report = try Self.report(repo)
        #expect(Self.traceability(report["Add a"])["status"] as? String == "verified")
        #expect(Self.traceability(report["Add b"])["status"] as? String == "verified")
        #expect(Self.traceability(report["Add c"])["status"] as? String == "linked")
        #expect(Self.traceability(report["Add d"])["status"] as? String == "linked")
    }
}

/// Agent Trace records end to end: a note on refs/notes/agent-trace and the reference trace store
/// `.agent-trace/traces.jsonl` in the tree, read by the built binary from a real repository.
struct AgentTraceReportTests {
    static func record(revision: String, path: String, lines: Int) -> String {
        #"{"version":"0.1.0","id":"6b0e3c52-0000-4000-8000-00000000000\#(lines)","timestamp":"2026-01-20T10:00:00Z","#
            + #""vcs":{"type":"git","revision":"\#(revision)"},"tool":{"name":"cursor"},"files":[{"path":"\#(path)","#
            + #""conversations":[{"contributor":{"type":"ai"},"ranges":[{"start_line":1,"end_line":\#(lines)}]}]}]}"#
    }

    @Test func noteAndTreeStoreVerifyAndGiveTheAIShare() throws {
        let repo = try TemporaryRepository()
        try repo.write("README.md", "hello\n")
        let base = try repo.commit("Initial commit")
        try repo.write("src/a.ts", "1\n2\n3\n4\n")
        let noted = try repo.commit("Add a")
        try repo.git(["notes", "--ref=agent-trace", "add", "-m", Self.record(revision: base, path: "src/a.ts", lines: 3), noted])
        // The reference store: the record names the parent (HEAD at edit time) and a file this commit changes.
        try repo.write("src/b.ts", "1\n2\n")
        try repo.write(".agent-trace/traces.jsonl", Self.record(revision: noted, path: "src/b.ts", lines: 2) + "\n")
        try repo.commit("Add b\n\nCo-authored-by: Cursor <cursoragent@cursor.com>\n")

        let report = try ProvenanceReportTests.report(repo)
        #expect(ProvenanceReportTests.authorship(report["Add a"]).kind == "ai-assisted")
        #expect(ProvenanceReportTests.authorship(report["Add a"]).tool == "cursor")
        let a = ProvenanceReportTests.traceability(report["Add a"])
        #expect(a["status"] as? String == "verified")
        #expect(a["aiLines"] as? [String: Int] == ["ai": 3, "human": 0, "added": 4, "minimumPercent": 75])
        let b = ProvenanceReportTests.traceability(report["Add b"])
        #expect(b["status"] as? String == "verified")
        #expect((b["aiLines"] as? [String: Int])?["ai"] == 2)
        #expect(ProvenanceReportTests.traceability(report["Initial commit"])["status"] as? String == "not-required")
    }

    @Test func inlinePromptIsLinkedWithItsText() throws {
        let repo = try TemporaryRepository()
        try repo.write("src/a.ts", "1\n")
        try repo.commit("Ask Claude to add a\n\nPrompt: add a module that exports one\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n")
        let report = try ProvenanceReportTests.report(repo)
        let trace = ProvenanceReportTests.traceability(report["Ask Claude to add a"])
        #expect(trace["status"] as? String == "linked")
        let link = try #require(trace["link"] as? [String: String])
        #expect(link["kind"] == "inline")
        #expect(link["prompt"] == "add a module that exports one")
    }
}
