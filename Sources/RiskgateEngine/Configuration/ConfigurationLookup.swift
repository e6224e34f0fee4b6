import RiskgateAudit
import RiskgateCore
import RiskgateGit
import RiskgateRulePacks

/// Which configuration a command reads, in one place for every front end.
///
/// A server hook never reads configuration from the pushed commits (SPEC §5): it uses the
/// admin's file from `--config` or `git config riskgate.config`, else the server-wide file
/// (`RISKGATE_CONFIG`, `/etc/riskgate/config.yml`), else the built-in defaults.
/// Everything else uses `--config`, else `.riskgate.yml` at the work tree's root, else (a bare
/// repository, where the server hook runs) the admin's `riskgate.config`, so that a report on
/// the server judges as its hook does.
public enum ConfigurationLookup {
    /// Who is asking: the server side never looks at a work tree.
    public enum Reader: Sendable {
        case server
        case client

        public init(_ side: HookSide) { self = side == .server ? .server : .client }
    }

    public static let workTreeFileName = ".riskgate.yml"

    /// The file to read, nil for the built-in defaults.
    public static func path(option: String?, reader: Reader = .client, repository: Repository?) -> String? {
        if let option, !option.isEmpty { return option }
        guard let repository else { return nil }
        let admins = repository.configString("riskgate.config").flatMap { $0.isEmpty ? nil : $0 }
        switch reader {
        case .server:
            // Then the server-wide file (RISKGATE_CONFIG, /etc/riskgate/config.yml).
            return admins ?? ServerConfiguration.path()
        case .client:
            guard let root = repository.workDirectory else { return admins }
            let candidate = root + "/" + workTreeFileName
            return TextFile.exists(candidate) ? candidate : nil
        }
    }

    /// Finds and loads the configuration; any problem is a configuration error listing every
    /// `file:line: subject: message`.
    public static func load(option: String?, reader: Reader = .client, repository: Repository?) throws(EngineError)
        -> LoadedConfiguration
    {
        try LoadedConfiguration(path: path(option: option, reader: reader, repository: repository))
    }
}

/// A configuration as loaded: the decoded settings, the active rules, the file they came from
/// and their digest (what the audit log records).
public struct LoadedConfiguration: Sendable {
    public var configuration: RiskgateConfiguration
    public var rules: RuleSet
    /// The file read, nil for the built-in defaults.
    public var path: String?
    /// SHA-256 of the configuration file and the active rules.
    public var digest: String

    public init(path: String?) throws(EngineError) {
        do {
            (configuration, rules) = try RuleSetLoader.load(configurationFile: path)
        } catch {
            throw .configuration("the configuration \(path ?? "<built-in defaults>") is invalid:\n\(error)")
        }
        self.path = path
        digest = Self.digest(path: path, rules: rules)
    }

    /// The built-in defaults.
    public static func standard() throws(EngineError) -> LoadedConfiguration { try LoadedConfiguration(path: nil) }

    /// The decision policy for a ref (`policy:` entries; nil: the `refs/**` default).
    public func policy(for ref: String?) -> DecisionPolicy { configuration.decisionPolicy(for: ref) }

    private static func digest(path: String?, rules: RuleSet) -> String {
        var bytes: [UInt8] = Array("riskgate-config\n".utf8)
        // The server-wide file too, which the configuration may extend (`extends: [server]`).
        for file in [path, ServerConfiguration.path()] {
            if let file, let content = TextFile.bytesIfReadable(file) { bytes.append(contentsOf: content) }
        }
        for rule in rules.rules.sorted(by: { $0.id < $1.id }) { bytes.append(contentsOf: Array("\n\(rule.id)=\(rule.points)".utf8)) }
        return AuditChain.sha256Hex(bytes)
    }
}
