import RiskgateCore

/// What `riskgate --version` prints: the version and the commit it was built from
/// (`riskgate 0.1.0 (commit 816dfd7c9a1b)`; a plain `swift build` says `dev build`).
enum RiskgateBuild {
    static var commit: String? { BuildCommit.value == "dev" ? nil : BuildCommit.value }

    static var versionLine: String {
        "riskgate \(RiskgateVersion.current) (\(commit.map { "commit \($0)" } ?? "dev build"))"
    }
}
