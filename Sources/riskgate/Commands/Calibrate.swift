import ArgumentParser
import RiskgateCore
import RiskgateEngine
import RiskgateGit

#if canImport(Glibc)
    import Glibc
#endif

extension RiskgateCommand {
    struct Calibrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replay history: how well each rule and the score pick out commits that were later reverted.",
            discussion: """
                Every commit of the range is scored with the active rules, and with history \
                signals computed only from the commits before it. A commit is a positive when a \
                later commit reverts it (`This reverts commit <id>`, or `Revert "<subject>"`). \
                Per rule and category: how often the commits it fired on were reverted, over the \
                base rate (lift, with a 95% Wilson interval). The score's ROC AUC is given with and \
                without history signals, on the older part of the history (where points are \
                proposed) and on the newest part held out. Reverts are a noisy proxy for risk: \
                read the numbers, do not obey them.
                """)

        @OptionGroup var repository: RepositoryOptions
        @OptionGroup var config: ConfigurationOptions

        @Option(help: ArgumentHelp("Write proposed rules.points as a .riskgate.yml fragment to <file>.", valueName: "file"))
        var write: String?

        @Option(help: "Fraction of the newest commits held out for evaluation (0 to 0.9).")
        var holdout = 0.3

        @Option(help: "Rules that fired on fewer commits keep their points.")
        var minimumTriggered = 10

        @Argument(
            parsing: .allUnrecognized,
            help: ArgumentHelp("Revisions in git rev-list syntax (default HEAD).", valueName: "revision"))
        var revisions: [String] = []

        func validate() throws {
            guard (0...0.9).contains(holdout) else { throw ValidationError("--holdout must be between 0 and 0.9") }
            let revisionFlags: Set<String> = ["--all", "--branches", "--tags", "--remotes", "--not"]
            if let unknown = revisions.first(where: { $0.hasPrefix("-") && !revisionFlags.contains($0) }) {
                throw ValidationError("unknown option '\(unknown)'")
            }
        }

        func run() throws {
            try reportingErrors {
                let repo = try Repository(discoveringFrom: repository.directory)
                if repo.isEmpty { throw GitError.emptyRepository }
                let range = try repo.resolve(revisions.isEmpty ? ["HEAD"] : revisions)
                // Today's rules and configuration for every commit: riskgate does not recover the
                // rules each commit saw when it was made (see the README's limits).
                let configuration = try ConfigurationLookup.load(option: config.path, repository: repo)
                // History signals come from the replay itself (only the commits before each one),
                // never from today's index.
                let pipeline = AnalysisPipeline(
                    repository: repo, configuration: configuration, ref: repo.headReferenceName(), historyIndex: false)
                let samples = try CalibrationReplay.samples(repository: repo, range: range, pipeline: pipeline)
                let split = Int((Double(samples.count) * (1 - holdout)).rounded())
                let older = Array(samples[..<split])
                let newer = Array(samples[split...])
                let fit = CalibrationReport(samples: older)
                var current: [String: Int] = [:]
                for sample in samples {
                    for finding in sample.findings + sample.historyFindings where current[finding.rule] == nil {
                        current[finding.rule] = finding.points
                    }
                }
                let proposals = fit.proposedPoints(current: current, minimumTriggered: minimumTriggered)
                let out = Console.standardOutput
                out.write(CalibrationText.render(fit: fit, heldOut: CalibrationReport(samples: newer),
                    reweighted: CalibrationReport(samples: newer.map { CalibrationReplay.reweighted($0, proposals) }),
                    proposals: proposals, olderCount: older.count, newerCount: newer.count))
                if let write {
                    let sink = try FileDescriptorSink.file(write)
                    sink.write(CalibrationText.yamlFragment(proposals, commits: older.count))
                    if sink.failed { throw CommandError.input("cannot write \(write)") }
                    out.write("\nproposed points written to \(write); review them before copying into .riskgate.yml\n")
                }
                return .success
            }
        }
    }
}

enum CalibrationText {
    static func render(
        fit: CalibrationReport, heldOut: CalibrationReport, reweighted: CalibrationReport, proposals: [ProposedPoints],
        olderCount: Int, newerCount: Int
    ) -> String {
        func auc(_ value: Double?) -> String { value.map(Statistics.format) ?? "n/a" }
        var text = "calibration on the older \(olderCount) commits: \(fit.reverted) later reverted (base rate \(percent(fit.baseRate)))\n"
        text += "  ROC AUC of the score for \"later reverted\": \(auc(fit.auc)) without history signals, \(auc(fit.aucWithHistory)) with them\n"
        if newerCount > 0 {
            text += "held out, the newest \(newerCount) commits: \(heldOut.reverted) later reverted (base rate \(percent(heldOut.baseRate)))\n"
            text += "  ROC AUC: \(auc(heldOut.auc)) without history, \(auc(heldOut.aucWithHistory)) with history, "
                + "\(auc(reweighted.aucWithHistory)) with history and the proposed points\n"
        }
        text += "\nper rule (older part): fired / reverted / rate / lift [95% CI]\n"
        for lift in fit.rules { text += row(lift) }
        text += "\nper category (older part):\n"
        for lift in fit.categories { text += row(lift) }
        if !proposals.isEmpty {
            text += "\nproposed points:\n"
            for proposal in proposals {
                text += "  \(proposal.rule): \(proposal.current) -> \(proposal.proposed)  (\(proposal.reason))\n"
            }
        }
        text += "\nReverts are a noisy proxy for risk: a revert can mean a bad change, a change made too early, or a policy reversal; many bad changes are fixed forward and never reverted.\n"
        return text
    }

    static func row(_ lift: Lift) -> String {
        "  \(lift.key): \(lift.triggered) / \(lift.reverted) / \(percent(lift.rate)) / \(Statistics.format(lift.lift)) "
            + "[\(Statistics.format(lift.liftLower))–\(Statistics.format(lift.liftUpper))]\n"
    }

    static func percent(_ value: Double) -> String { Statistics.format(value * 100) + "%" }

    /// A `.riskgate.yml` fragment: only rules whose points would change, each with its reason.
    static func yamlFragment(_ proposals: [ProposedPoints], commits: Int) -> String {
        var text = "# Proposed by `riskgate calibrate` from \(commits) commits of this repository's history.\n"
        text += "# Reverts are a noisy proxy for risk; review each line before merging it into .riskgate.yml.\n"
        let changed = proposals.filter { $0.proposed != $0.current }
        guard !changed.isEmpty else { return text + "# No rule's evidence is strong enough to change its points.\n" }
        text += "rules:\n  points:\n"
        for proposal in changed {
            text += "    \(proposal.rule): \(proposal.proposed)    # was \(proposal.current); \(proposal.reason)\n"
        }
        return text
    }
}
