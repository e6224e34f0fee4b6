import Foundation
import RiskgateCore
import Yams

/// The server-wide configuration: `RISKGATE_CONFIG`, else `/etc/riskgate/config.yml` when it
/// exists. Server hooks of a repository without its own file (`--config`, `git config
/// riskgate.config`) use it, and any configuration can start from it with `extends: [server]`.
public enum ServerConfiguration {
    /// The name that, in `extends:`, stands for the server-wide configuration.
    public static let extendsName = "server"
    public static let defaultPath = "/etc/riskgate/config.yml"
    public static let environmentVariable = "RISKGATE_CONFIG"

    /// `RISKGATE_CONFIG` when set and not empty (even if the file is missing: loading it then
    /// says so), else `/etc/riskgate/config.yml` if it exists, else nil.
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let configured = environment[environmentVariable], !configured.isEmpty { return configured }
        return FileManager.default.fileExists(atPath: defaultPath) ? defaultPath : nil
    }

    /// A repository's configuration on top of the server-wide one (`extends: [server]`).
    ///
    /// Every top-level key the repository's file sets replaces the server's value (`policy`,
    /// `levels`, `waivers`, `history`, ...); `rules.disable` adds to the server's list and
    /// `rules.points` overrides the server's points rule by rule; `extends` is the server's
    /// packs followed by the repository's other entries. Relative pack paths stay relative to the
    /// file that names them.
    static func inherit(
        _ own: RiskgateConfiguration, text: String, file: String, server: RiskgateConfiguration, serverFile: String
    ) -> RiskgateConfiguration {
        let keys = topLevelKeys(text)
        var merged = server
        merged.source = own.source
        var seen: Set<String> = []
        let packs =
            server.extends.map { anchored($0, in: serverFile) }
            + own.extends.filter { $0 != extendsName }.map { anchored($0, in: file) }
        merged.extends = packs.filter { seen.insert($0).inserted }
        if keys.contains("rules") {
            merged.disabledRules = server.disabledRules + own.disabledRules.filter { !server.disabledRules.contains($0) }
            merged.pointOverrides = server.pointOverrides.merging(own.pointOverrides) { _, mine in mine }
        }
        if keys.contains("levels") { merged.levels = own.levels }
        if keys.contains("policy") { merged.policies = own.policies }
        if keys.contains("traceability") { merged.traceability = own.traceability }
        if keys.contains("waivers") { merged.waivers = own.waivers }
        if keys.contains("identity_env") { merged.identityEnvironment = own.identityEnvironment }
        if keys.contains("deadline") { merged.deadlineMilliseconds = own.deadlineMilliseconds }
        if keys.contains("on_timeout") { merged.onTimeout = own.onTimeout }
        if keys.contains("on_error") { merged.onError = own.onError }
        if keys.contains("audit") { merged.auditPath = own.auditPath }
        if keys.contains("history") { merged.history = own.history }
        return merged
    }

    /// A pack reference made independent of the file it was written in: built-in names and
    /// absolute paths as they are, relative paths joined to the file's folder.
    static func anchored(_ name: String, in file: String) -> String {
        if name.hasPrefix("/") || RuleSetLoader.builtInFiles(named: name) != nil { return name }
        return ((file as NSString).deletingLastPathComponent as NSString).appendingPathComponent(name)
    }

    /// The keys of the document's top-level mapping (the decoder has already checked them).
    static func topLevelKeys(_ text: String) -> Set<String> {
        guard let node = try? Yams.compose(yaml: text), let mapping = node.mapping else { return [] }
        return Set(mapping.keys.compactMap(\.string))
    }
}
