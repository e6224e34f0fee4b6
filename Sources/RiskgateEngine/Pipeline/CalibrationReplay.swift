import RiskgateCore
import RiskgateGit

/// Replays a range: scores each commit and labels it with whether it was reverted later.
public enum CalibrationReplay {
    /// Samples oldest first.
    public static func samples(repository: Repository, range: RevisionRange, pipeline: AnalysisPipeline, workers: Int = 2)
        throws(GitError) -> [CalibrationSample]
    {
        let settings = pipeline.configuration.configuration.history.settings
        let model = HistoryModel(records: try HistoryCommitReader.records(repository: repository, range: range), settings: settings)
        let history = HistoryFindings(history: model, settings: settings, rules: HistoryRules(ruleSet: pipeline.configuration.rules))
        var samples: [(Int, CalibrationSample)] = []
        samples.reserveCapacity(model.count)
        let analyses = try pipeline.analyses(of: range, in: repository, workers: workers)
        while let analysis = try analyses.next() {
            let commit = analysis.commit
            guard let position = model.position(of: commit.id) else { continue }
            samples.append(
                (position,
                 CalibrationSample(
                    id: commit.id, findings: analysis.findings, historyFindings: history.findings(for: commit),
                    laterReverted: model.revertedBy(position) != nil)))
        }
        return samples.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// A sample re-scored with proposed points.
    public static func reweighted(_ sample: CalibrationSample, _ proposals: [ProposedPoints]) -> CalibrationSample {
        let points = Dictionary(uniqueKeysWithValues: proposals.map { ($0.rule, $0.proposed) })
        func apply(_ findings: [Finding]) -> [Finding] {
            findings.map { finding in
                var changed = finding
                if let value = points[finding.rule] { changed.points = value }
                return changed
            }
        }
        var result = sample
        result.findings = apply(sample.findings)
        result.historyFindings = apply(sample.historyFindings)
        return result
    }
}

