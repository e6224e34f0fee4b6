import RiskgateCore
import RiskgateGit

/// The analyzer a hook uses: the report's pipeline (`AnalysisSetup`, with the repository's notes
/// and prompt records so links verify) with the rule engine,
/// levels and policy of the hook's configuration (`BlastRadiusSetup`). The per-ref policy is
/// applied by `PushEvaluator`, so the analyzer's own policy is the default one.
enum HookAnalysis {
    static func analyzer(
        configuration: RiskgateConfiguration, rules: RuleSet, repository: Repository, environment: [String: String]
    ) -> CommitAnalyzer {
        var analyzer = BlastRadiusSetup.configure(
            AnalysisSetup.analyzer(repository: repository, traceability: configuration.traceability),
            configuration: configuration, rules: rules, repository: repository, ref: nil)
        if let marker = environment[TestMarkerScorer.markerVariable], !marker.isEmpty {
            let category = environment[TestMarkerScorer.categoryVariable].flatMap { $0.isEmpty ? nil : $0 } ?? "test"
            analyzer.scorer = TestMarkerScorer(base: analyzer.scorer, marker: marker, category: category)
        }
        return analyzer
    }
}

/// TEST-ONLY knob (documented in hooks/README.md): end-to-end tests of the hooks need a commit
/// that scores exactly, whatever the rule packs say. When the hook's environment sets
/// `RISKGATE_TEST_BLOCK_MARKER=<text>`, a commit whose message contains `<text>` gets one
/// 100-point finding `test-marker` in category `RISKGATE_TEST_MARKER_CATEGORY` (default
/// `test`). Only the hook's own environment can set it: on a server, only its administrator.
struct TestMarkerScorer: RiskScoring {
    static let markerVariable = "RISKGATE_TEST_BLOCK_MARKER"
    static let categoryVariable = "RISKGATE_TEST_MARKER_CATEGORY"

    var base: any RiskScoring
    var marker: String
    var category: String

    func assess(_ context: CommitContext) -> RiskAssessment {
        var assessment = base.assess(context)
        if context.commit.message.text.contains(marker) {
            assessment.findings.append(
                Finding(
                    rule: "test-marker", category: category, points: 100,
                    message: "the commit carries the test marker set by \(Self.markerVariable)", commit: context.commit.id))
        }
        return assessment
    }
}
