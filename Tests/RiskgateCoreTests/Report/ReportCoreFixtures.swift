import RiskgateCore

/// Small analyses for the report-side core functions (recommendations, baseline, suspects).
enum ReportCoreFixtures {
    static func id(_ number: Int) -> ObjectID {
        let hex = String(number, radix: 16)
        return ObjectID(hex: hex + String(repeating: "0", count: 40 - hex.count)) ?? .zero
    }

    static func analysis(
        _ number: Int, kind: Authorship.Kind = .human, trace: Traceability.Status = .notRequired,
        time: Int64 = 1_800_000_000, files: [(String, Int, Int)] = [("src/a.swift", 1, 0)], categories: [String] = [],
        findings: [(rule: String, category: String, points: Int, message: String, path: String?)] = []
    ) -> CommitAnalysis {
        let commitID = id(number)
        let built = findings.map {
            Finding(rule: $0.rule, category: $0.category, points: $0.points, message: $0.message, commit: commitID, path: $0.path)
        }.sorted()
        let score = CommitAnalysis.score(of: built)
        let level = LevelThresholds.standard.level(for: score)
        let who = Signature(name: "Dev", email: "dev@example.com", time: time)
        let changes = files.map { FileChange(path: $0.0, status: .modified, added: $0.1, deleted: $0.2) }
        return CommitAnalysis(
            commit: CommitSnapshot(
                id: commitID, parents: [], author: who, committer: who, message: CommitMessage("Commit \(number)\n"),
                files: changes),
            trailers: [],
            authorship: Authorship(kind: kind, tool: kind == .aiAssisted || kind == .aiAuthored ? "claude-code" : nil, confidence: .high),
            traceability: Traceability(status: trace), fileCategories: changes.map { _ in categories }, findings: built,
            score: score, level: level, decision: DecisionPolicy.standard.decision(for: level))
    }
}
