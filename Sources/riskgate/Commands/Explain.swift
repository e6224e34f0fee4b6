import ArgumentParser
import RiskgateCore
import RiskgateEngine
import RiskgateGit
import RiskgateReporting

extension RiskgateCommand {
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Explain one commit in full: authorship, trailers, traceability, files, findings and score.",
            discussion: """
                Every point of the score is listed as a finding with its fingerprint; the decision uses the \
                policy of the current branch (or --ref).
                """)

        @OptionGroup var repository: RepositoryOptions
        @OptionGroup var config: ConfigurationOptions

        @OptionGroup var policyRef: PolicyRefOptions

        @Option(help: "Output format: text (default) or json.")
        var format: ExplainFormat = .text

        enum ExplainFormat: String, CaseIterable, ExpressibleByArgument {
            case text, json
        }

        @Argument(help: ArgumentHelp("The commit to explain (any revision naming one commit).", valueName: "commit"))
        var commit: String

        func run() throws {
            try reportingErrors {
                let repo = try Repository(discoveringFrom: repository.directory)
                let configuration = try ConfigurationLookup.load(option: config.path, repository: repo)
                let id = try repo.resolveCommit(commit)
                let pipeline = AnalysisPipeline(
                    repository: repo, configuration: configuration, ref: try policyRef.resolve(in: repo))
                let analysis = try CommitAnalysisSession(pipeline: pipeline, repository: repo).analyze(id)
                switch format {
                case .text:
                    print(TerminalText.sanitize(ExplainText.render(analysis, ref: pipeline.ref, policy: pipeline.policy)))
                    for line in ConsensusGate.explainApprovals(
                        analysis, ref: pipeline.ref, repository: repo, configuration: configuration.configuration)
                    {
                        print(TerminalText.sanitize(line))
                    }
                case .json: print(ExplainJSON.render(analysis, pipeline: pipeline))
                }
                return .success
            }
        }
    }
}

/// `riskgate explain --format json`: the commit as the report's JSON has it (`riskgate.report/1`
/// commit shape: authorship with its evidence and confidence, traceability, files, findings,
/// score, decision and its reasons), plus the policy it was decided under.
enum ExplainJSON {
    static func render(_ analysis: CommitAnalysis, pipeline: AnalysisPipeline) -> String {
        let policy = pipeline.policy
        let document: JSONValue = .object([
            "schema": .string("riskgate.explain/1"),
            "tool": .object(["name": .string("riskgate"), "version": .string(RiskgateVersion.current)]),
            "capabilities": .strings(pipeline.capabilities),
            "policy": .object([
                "ref": .optional(pipeline.ref),
                "flag": .optional(policy.flagAt?.rawValue),
                "block": .optional(policy.blockAt?.rawValue),
                "requireTraceability": .string(policy.requireTraceability.rawValue),
                "requireTraceabilityFor": .strings(policy.requireTraceabilityFor.sorted()),
            ]),
            "commit": ReportJSON.commit(analysis),
        ])
        return JSONEncoderLite(pretty: true).encode(document)
    }
}

/// The plain-text layout of `riskgate explain`.
enum ExplainText {
    static func render(_ analysis: CommitAnalysis, ref: String?, policy: DecisionPolicy) -> String {
        let commit = analysis.commit
        var out: [String] = []
        out.append("commit \(commit.id.hex)")
        if !commit.parents.isEmpty { out.append("parents \(commit.parents.map(\.hex).joined(separator: " "))") }
        out.append("author \(commit.author.name) <\(commit.author.email)>")
        if commit.committer != commit.author {
            out.append("committer \(commit.committer.name) <\(commit.committer.email)>")
        }
        out.append("subject \(commit.subject)")
        out.append("")
        let who = analysis.authorship
        out.append("authorship: \(who.kind.rawValue)\(who.tool.map { " (\($0))" } ?? ""), confidence \(who.confidence.rawValue)")
        for evidence in who.evidence { out.append("  evidence \(evidence.signal): \(evidence.detail)") }
        if analysis.trailers.isEmpty {
            out.append("trailers: none")
        } else {
            out.append("trailers:")
            for trailer in analysis.trailers { out.append("  \(trailer.key): \(trailer.value)") }
        }
        let trace = analysis.traceability
        out.append("traceability: \(trace.status.rawValue)")
        if !trace.links.isEmpty { out.append("  links \(trace.links.joined(separator: ", "))") }
        if !trace.scope.isEmpty { out.append("  scope \(trace.scope.joined(separator: ", "))") }
        if !trace.outOfScope.isEmpty { out.append("  out of scope \(trace.outOfScope.joined(separator: ", "))") }
        for note in trace.notes { out.append("  note \(note)") }
        out.append("")
        out.append("files (\(commit.files.count)):")
        for (index, file) in commit.files.enumerated() {
            let counts = file.binary ? "binary" : "+\(file.added ?? 0) -\(file.deleted ?? 0)"
            let categories = index < analysis.fileCategories.count ? analysis.fileCategories[index] : []
            let shownCategories = categories.isEmpty ? "" : "  [\(categories.joined(separator: ", "))]"
            let renamed = file.oldPath.map { " (from \($0))" } ?? ""
            out.append("  \(file.status.rawValue.padding(10))\(file.path)\(renamed)  \(counts)\(shownCategories)")
        }
        out.append("")
        out.append("findings (\(analysis.findings.count)):")
        for finding in analysis.findings {
            let location = finding.path.map { path in " " + path + (finding.line.map { ":\($0)" } ?? "") } ?? ""
            out.append("  +\(finding.points) \(finding.rule) [\(finding.category)]\(location)")
            out.append("      \(finding.message)")
            out.append("      fingerprint \(finding.fingerprint)")
        }
        let sum = analysis.findings.reduce(0) { $0 + $1.points }
        let parts = analysis.findings.map { String($0.points) }.joined(separator: " + ")
        out.append("")
        out.append("score \(analysis.score) = min(100, \(parts.isEmpty ? "0" : parts) = \(sum))")
        out.append("level \(analysis.level.rawValue)")
        let flag = policy.flagAt?.rawValue ?? "never"
        let block = policy.blockAt?.rawValue ?? "never"
        out.append(
            "decision \(analysis.decision.rawValue) (policy for \(ref ?? "a detached HEAD"): flag at \(flag), block at \(block), require traceability \(policy.requireTraceability.rawValue))")
        if policy.requireTraceability != .off, who.isAI, who.confidence < .medium,
            trace.status == .missing || trace.status == .malformed
        {
            out.append(
                "  require_traceability does not apply: the AI signal's confidence is low (reported, never blocks by itself)")
        }
        return out.joined(separator: "\n")
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
