import RiskgateAudit
import RiskgateCore
import RiskgateGit
import RiskgateRulePacks

#if canImport(Glibc)
    import Glibc
#endif

/// Where a hook's configuration comes from, and loading it.
///
/// A server hook never reads configuration from the pushed commits (SPEC §5): it uses the
/// admin's file from `--config` or `git config riskgate.config`, else the server-wide file
/// (`RISKGATE_CONFIG`, `/etc/riskgate/config.yml`), else the built-in defaults.
/// A client hook uses `--config`, else `.riskgate.yml` at the work tree's root.
struct HookConfiguration {
    var configuration: RiskgateConfiguration
    var rules: RuleSet
    /// The file read, nil for the built-in defaults.
    var path: String?
    /// SHA-256 of the configuration file and the active rules, for the audit log.
    var digest: String

    static func path(option: String?, side: HookSide, repository: Repository) -> String? {
        if let option, !option.isEmpty { return option }
        switch side {
        case .server:
            // Then the server-wide file (RISKGATE_CONFIG, /etc/riskgate/config.yml).
            return repository.configString("riskgate.config").flatMap { $0.isEmpty ? nil : $0 } ?? ServerConfiguration.path()
        case .client:
            guard let root = repository.workDirectory else { return nil }
            let candidate = root + "/.riskgate.yml"
            return access(candidate, F_OK) == 0 ? candidate : nil
        }
    }

    static func load(path: String?) throws(CommandError) -> HookConfiguration {
        do {
            let (configuration, rules) = try RuleSetLoader.load(configurationFile: path)
            return HookConfiguration(configuration: configuration, rules: rules, path: path, digest: digest(path: path, rules: rules))
        } catch {
            throw .configuration("the configuration \(path ?? "<built-in defaults>") is invalid:\n\(error)")
        }
    }

    /// The failure policy when the configuration itself cannot be read: `git config
    /// riskgate.onError` (allow, flag or block), else `flag` like the configuration's default.
    static func fallbackOnError(repository: Repository?) -> Decision {
        repository?.configString("riskgate.onError").flatMap(Decision.init(rawValue:)) ?? RiskgateConfiguration.standard.onError
    }

    private static func digest(path: String?, rules: RuleSet) -> String {
        var bytes: [UInt8] = Array("riskgate-config\n".utf8)
        // The server-wide file too, which the configuration may extend (`extends: [server]`).
        for file in [path, ServerConfiguration.path()] {
            guard let file, let stream = fopen(file, "rb") else { continue }
            defer { fclose(stream) }
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = fread(&buffer, 1, buffer.count, stream)
                if count <= 0 { break }
                bytes.append(contentsOf: buffer[0..<count])
            }
        }
        for rule in rules.rules.sorted(by: { $0.id < $1.id }) { bytes.append(contentsOf: Array("\n\(rule.id)=\(rule.points)".utf8)) }
        return AuditChain.sha256Hex(bytes)
    }
}
