import RiskgateCore
import RiskgateGit
import RiskgateRulePacks

#if canImport(Glibc)
    import Glibc
#endif

/// Configuration and the rule engine for the reading commands (`report`, `explain`, `rules`):
/// `--config`, else `.riskgate.yml` at the work tree's root, else the built-in defaults.
enum BlastRadiusSetup {
    /// The capability this stage adds to a report's `tool.capabilities`.
    static let capability = "rules"

    static func configurationPath(option: String?, repository: Repository?) -> String? {
        if let option, !option.isEmpty { return option }
        guard let root = repository?.workDirectory else { return nil }
        let candidate = root + "/.riskgate.yml"
        return access(candidate, F_OK) == 0 ? candidate : nil
    }

    /// Loads configuration and rules; any problem is a configuration error (exit 2) listing
    /// every `file:line: subject: message`.
    static func load(option: String?, repository: Repository?) throws(CommandError) -> (RiskgateConfiguration, RuleSet) {
        let path = configurationPath(option: option, repository: repository)
        do {
            return try RuleSetLoader.load(configurationFile: path)
        } catch {
            throw .configuration(error.description)
        }
    }

    /// Adds the rule engine (with the repository's changed lines and CODEOWNERS), the
    /// configured levels and the policy of `ref` to a pipeline.
    static func configure(
        _ analyzer: CommitAnalyzer, configuration: RiskgateConfiguration, rules: RuleSet, repository: Repository,
        ref: String?, pathCache: PathMatchCache? = nil
    ) -> CommitAnalyzer {
        var configured = analyzer
        configured.scorer = BlastRadiusScorer(
            rules: rules, lines: GitChangedLines(repository: repository), codeOwners: GitCodeOwners(repository: repository),
            pathCache: pathCache)
        configured.thresholds = configuration.levels
        configured.policy = configuration.decisionPolicy(for: ref)
        return configured
    }
}
