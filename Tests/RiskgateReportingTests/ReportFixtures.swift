import Foundation
import RiskgateCore
import RiskgateReporting
import Testing

/// Analyses built directly (no detectors, no rules), shaped like what the full pipeline gives:
/// an AI change to Terraform without a session link and with CODEOWNERS, a human migration, a
/// linked AI change, a bot bump, a huge AI refactor, an empty commit with a commit-level finding,
/// and awkward text (pipes, HTML, backticks, a path with a space and non-ASCII).
enum ReportFixtures {
    static func id(_ digit: Character) -> ObjectID {
        ObjectID(hex: String(repeating: digit, count: 40)) ?? .zero
    }

    static func signature(_ name: String, _ email: String, minutesBeforeIncident: Int64) -> Signature {
        Signature(name: name, email: email, time: incidentTime - minutesBeforeIncident * 60, offsetMinutes: 60)
    }

    /// 2026-11-26T14:00:00Z.
    static let incidentTime: Int64 = 1_795_701_600

    static func analysis(
        _ digit: Character, subject: String, body: String = "", author: (String, String), minutesBefore: Int64,
        files: [FileChange], categories: [[String]], authorship: Authorship, traceability: Traceability,
        findings: [(rule: String, category: String, points: Int, message: String, path: String?, line: Int?)],
        trailers: [Trailer] = []
    ) -> CommitAnalysis {
        let commitID = id(digit)
        let built = findings.map {
            Finding(
                rule: $0.rule, category: $0.category, points: $0.points, message: $0.message, commit: commitID,
                path: $0.path, line: $0.line)
        }.sorted()
        let score = CommitAnalysis.score(of: built)
        let level = LevelThresholds.standard.level(for: score)
        let who = signature(author.0, author.1, minutesBeforeIncident: minutesBefore)
        var analysis = CommitAnalysis(
            commit: CommitSnapshot(
                id: commitID, parents: [id("0")], author: who, committer: who,
                message: CommitMessage(subject + (body.isEmpty ? "\n" : "\n\n" + body + "\n")), files: files),
            trailers: trailers, authorship: authorship, traceability: traceability, fileCategories: categories,
            findings: built, score: score, level: level, decision: policy.decision(for: level))
        analysis.reasons = policy.reasons(for: analysis)
        return analysis
    }

    /// A strict policy, so the fixtures show every decision: block from high, flag from medium.
    static let policy = DecisionPolicy(flagAt: .medium, blockAt: .high)

    static func file(_ path: String, _ added: Int?, _ deleted: Int?, status: ChangeStatus = .modified) -> FileChange {
        FileChange(path: path, status: status, added: added, deleted: deleted, binary: added == nil)
    }

    static let commits: [CommitAnalysis] = [
        analysis(
            "a", subject: "Upgrade Postgres 14 -> 16 | add read replica", author: ("Dana Smith", "dana@example.com"),
            minutesBefore: 600,
            files: [file("db/migrations/0042_replica.sql", 40, 2, status: .added)], categories: [["database"]],
            authorship: .unmarkedHuman, traceability: .notRequired,
            findings: [
                ("db-migration", "database", 25, "Database migration: schema changes are hard to roll back",
                 "db/migrations/0042_replica.sql", nil)
            ]),
        analysis(
            "b", subject: "Refactor VPC module and drop legacy subnets",
            body: "Co-authored-by: Claude <noreply@anthropic.com>", author: ("Lee Park", "lee@example.com"),
            minutesBefore: 25,
            files: [
                file("infra/vpc/main.tf", 120, 310), file("infra/vpc/variables.tf", 14, 30),
                file("deploy/prod values.yaml", 3, 1),
            ],
            categories: [["infrastructure"], ["infrastructure"], ["deploy", "production"]],
            authorship: Authorship(
                kind: .aiAssisted, tool: "claude-code", confidence: .high,
                evidence: [Authorship.Evidence(signal: "co-author", detail: "Claude <noreply@anthropic.com>")]),
            traceability: Traceability(status: .missing),
            findings: [
                ("terraform", "infrastructure", 30,
                 "Terraform change to shared infrastructure [owners: @acme/platform @dana from .github/CODEOWNERS:4 `infra/`; ask them to review]",
                 "infra/vpc/main.tf", nil),
                ("content-force-destroy", "infrastructure", 20, "force_destroy = true lets terraform delete a non-empty bucket",
                 "infra/vpc/main.tf", 88),
                ("ai-untraced", "traceability", 15, "AI-assisted commit without an AI-Session link", nil, nil),
                ("deploy-production", "production", 10, "Production values change", "deploy/prod values.yaml", nil),
            ],
            trailers: [Trailer(key: "Co-authored-by", value: "Claude <noreply@anthropic.com>")]),
        analysis(
            "c", subject: "Add retry to the <Billing> client", body: "AI-Session: https://claude.ai/code/session_01",
            author: ("Ana Ruiz", "ana@example.com"), minutesBefore: 180,
            files: [file("src/billing/client.swift", 12, 3)], categories: [[]],
            authorship: Authorship(kind: .aiAssisted, tool: "claude-code", confidence: .high),
            traceability: Traceability(status: .linked, links: ["https://claude.ai/code/session_01"]),
            findings: [],
            trailers: [Trailer(key: "AI-Session", value: "https://claude.ai/code/session_01")]),
        analysis(
            "d", subject: "Bump lodash from 4.17.20 to 4.17.21", author: ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"),
            minutesBefore: 1_440 * 4,
            files: [file("package-lock.json", 6, 6)], categories: [["dependencies"]],
            authorship: Authorship(kind: .bot, confidence: .high), traceability: .notRequired,
            findings: [("dependencies", "dependencies", 5, "Dependency lockfile changed", "package-lock.json", nil)]),
        analysis(
            "e", subject: "Rewrite the `payments` service in one go", author: ("aider", "aider@example.com"),
            minutesBefore: 300,
            files: (0..<24).map { file("services/payments/f\($0).py", 30, 10) } + [file("assets/logo.png", nil, nil)],
            categories: (0..<25).map { _ in [] },
            authorship: Authorship(kind: .aiAuthored, tool: "aider", confidence: .high),
            traceability: Traceability(status: .malformed, notes: ["AI-Session value is not a URL"]),
            findings: [
                ("change-files", "change-diffusion", 10, "25 files in one commit", nil, nil),
                ("change-lines-added", "change-size", 8, "720 lines added", nil, nil),
                ("ai-malformed-trace", "traceability", 12, "AI-Session value is not a URL", nil, nil),
            ]),
        analysis(
            "f", subject: "Empty commit to trigger CI", author: ("Dana Smith", "dana@example.com"), minutesBefore: 5,
            files: [], categories: [], authorship: .unmarkedHuman, traceability: .notRequired,
            findings: [("ci-trigger", "ci-cd", 2, "An empty commit re-runs deploy pipelines", nil, nil)]),
        analysis(
            "1", subject: "Docs: café menu", author: ("Zoë Ünal", "zoe@example.com"), minutesBefore: 60,
            files: [file("docs/café.md", 3, 0, status: .added)], categories: [["docs"]], authorship: .unmarkedHuman,
            traceability: .notRequired, findings: []),
    ]

    static let context = ReportContext(
        toolVersion: "0.1.0-test", capabilities: ["diff", "trailers", "authorship", "traceability", "rules"],
        revisions: ["main..feature"])

    /// The summary the report command builds: totals, recommendations, one range finding.
    static func summary(of analyses: [CommitAnalysis]) -> RangeSummary {
        var summary = RangeSummary()
        var recommendations = Recommendations()
        for analysis in analyses {
            summary.add(analysis)
            recommendations.add(analysis)
        }
        summary.rangeFindings = [
            Finding(
                rule: "force-push", category: "history", points: 5, message: "The range rewrites published history",
                commit: nil)
        ]
        summary.finish()
        summary.recommendations = recommendations.recommendations()
        return summary
    }

    /// Runs a reporter over the fixtures, as the report command does.
    static func render(_ make: (BufferSink) -> any Reporter, analyses: [CommitAnalysis] = commits) -> String {
        let sink = BufferSink()
        var reporter = make(sink)
        reporter.begin(context)
        for analysis in analyses { reporter.add(analysis) }
        reporter.finish(summary(of: analyses))
        return sink.text
    }
}

/// Golden files under `Expected/`, next to this file. `RISKGATE_UPDATE_GOLDEN=1 swift test`
/// rewrites them; otherwise a difference fails the test and shows the first differing line.
enum Golden {
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Expected")
    }

    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RISKGATE_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        let expected = try String(decoding: Data(contentsOf: url), as: UTF8.self)
        if expected != actual {
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let index = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(expectedLines.count, actualLines.count)
            let want = index < expectedLines.count ? String(expectedLines[index]) : "<end>"
            let got = index < actualLines.count ? String(actualLines[index]) : "<end>"
            let message = "\(name) differs at line \(index + 1):\n  expected: \(want)\n  actual:   \(got)\n"
                + "(RISKGATE_UPDATE_GOLDEN=1 swift test rewrites Expected/ after a deliberate change)"
            Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        }
    }
}
