import Foundation
import RiskgateCore

/// Turns a configuration into the active `RuleSet`: resolves `extends` (built-in packs by
/// name, or pack files and folders relative to the configuration), checks rule ids across
/// packs, and applies `rules.disable` and `rules.points`.
public enum RuleSetLoader {
    /// Built-in packs: `default` (every file under `rules/default/`), `default/<area>`, and the
    /// optional packs `packs/<name>` (also by `<name>` alone).
    public static func builtInFiles(named name: String) -> [EmbeddedPack]? {
        let all = DefaultPacks.files
        if name == "default" { return all.filter { $0.path.hasPrefix("default/") } }
        if let exact = all.first(where: { $0.path == name + ".yaml" }) { return [exact] }
        if let optional = all.first(where: { $0.path == "packs/\(name).yaml" }) { return [optional] }
        return nil
    }

    /// Loads a configuration file (nil: no file, the built-in defaults) and its rules.
    ///
    /// `extends: [server]` in the file starts from `serverConfigurationFile` (by default the
    /// server-wide configuration, `ServerConfiguration.path()`), as `ServerConfiguration.inherit`
    /// describes.
    public static func load(
        configurationFile: String?, serverConfigurationFile: String? = ServerConfiguration.path()
    ) throws(RulePackErrors) -> (RiskgateConfiguration, RuleSet) {
        try load(configurationFile: configurationFile, serverConfigurationFile: serverConfigurationFile, inServer: false)
    }

    private static func load(
        configurationFile: String?, serverConfigurationFile: String?, inServer: Bool
    ) throws(RulePackErrors) -> (RiskgateConfiguration, RuleSet) {
        guard let configurationFile else {
            return (.standard, try rules(for: .standard, references: .init(ids: []), baseDirectory: nil))
        }
        let text: String
        do {
            text = try String(contentsOfFile: configurationFile, encoding: .utf8)
        } catch {
            throw RulePackErrors([
                RulePackIssue(
                    file: configurationFile, line: 0, subject: "config",
                    message: "cannot read the configuration file (\(error.localizedDescription))")
            ])
        }
        var (configuration, references) = try ConfigurationDecoder.decode(text, file: configurationFile)
        let base = (configurationFile as NSString).deletingLastPathComponent
        if configuration.extends.contains(ServerConfiguration.extendsName) {
            guard !inServer, let serverFile = serverConfigurationFile else {
                let message =
                    inServer
                    ? "the server-wide configuration cannot itself extend 'server'"
                    : "'server' is the server-wide configuration (\(ServerConfiguration.environmentVariable), else \(ServerConfiguration.defaultPath)), and there is none here"
                throw RulePackErrors([RulePackIssue(file: configurationFile, line: 0, subject: "extends", message: message)])
            }
            // The server's file is checked on its own first, so its problems name its lines.
            let (server, _) = try load(configurationFile: serverFile, serverConfigurationFile: nil, inServer: true)
            configuration = ServerConfiguration.inherit(
                configuration, text: text, file: configurationFile, server: server, serverFile: serverFile)
        }
        return (configuration, try rules(for: configuration, references: references, baseDirectory: base))
    }

    /// The rules a configuration asks for.
    public static func rules(
        for configuration: RiskgateConfiguration, references: ConfigurationDecoder.RuleReferences,
        baseDirectory: String?
    ) throws(RulePackErrors) -> RuleSet {
        var issues: [RulePackIssue] = []
        var rules: [Rule] = []
        var firstSeen: [String: String] = [:]
        let file = configuration.source ?? "<defaults>"
        for name in configuration.extends {
            let packs: [(file: String, text: String)]
            if let builtIn = builtInFiles(named: name) {
                packs = builtIn.map { ("<built-in>/rules/" + $0.path, $0.text) }
            } else {
                let path = name.hasPrefix("/") ? name : ((baseDirectory ?? ".") as NSString).appendingPathComponent(name)
                guard let (found, unreadable) = readPacks(at: path) else {
                    issues.append(
                        RulePackIssue(
                            file: file, line: 0, subject: "extends",
                            message: "'\(name)' is neither a built-in pack (default, default/<area>, packs/<name>) nor a readable pack file or folder"))
                    continue
                }
                issues += unreadable
                packs = found
            }
            for pack in packs {
                do {
                    for rule in try RulePackDecoder.decode(pack.text, file: pack.file) {
                        if let first = firstSeen[rule.id] {
                            issues.append(
                                RulePackIssue(
                                    file: pack.file, line: 0, subject: rule.id,
                                    message: "duplicate rule id (already defined in \(first))"))
                            continue
                        }
                        firstSeen[rule.id] = pack.file
                        rules.append(rule)
                    }
                } catch {
                    issues += error.issues
                }
            }
        }
        var set = RuleSet(rules: rules)
        let unknown = Set(set.configure(disabled: configuration.disabledRules, points: configuration.pointOverrides))
        for reference in references.ids where unknown.contains(reference.id) {
            issues.append(
                RulePackIssue(
                    file: file, line: reference.line, subject: "rules",
                    message: "unknown rule id '\(reference.id)' (see `riskgate rules list`)"))
        }
        guard issues.isEmpty else { throw RulePackErrors(issues) }
        return set
    }

    /// A pack file, or every `.yaml`/`.yml` file in a folder (sorted, not recursive); nil when
    /// nothing is at `path`. A file that cannot be read or is not UTF-8 is an issue naming it
    /// (and the line of the first bad byte), never silently left out: a pack dropped without a
    /// word would switch its rules off.
    static func readPacks(at path: String) -> (packs: [(file: String, text: String)], issues: [RulePackIssue])? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        var files: [String]
        if isDirectory.boolValue {
            do {
                files = try FileManager.default.contentsOfDirectory(atPath: path)
                    .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
                    .map { (path as NSString).appendingPathComponent($0) }
            } catch {
                return ([], [RulePackIssue(file: path, line: 0, subject: "extends", message: "cannot list the pack folder (\(error.localizedDescription))")])
            }
        } else {
            files = [path]
        }
        var packs: [(file: String, text: String)] = []
        var issues: [RulePackIssue] = []
        for file in files {
            switch readPackText(file) {
            case .success(let text): packs.append((file, text))
            case .failure(let issue): issues.append(issue)
            }
        }
        return (packs, issues)
    }

    /// One pack file decoded, for `rules check` / `rules test`: unreadable or non-UTF-8 files
    /// are errors like any other problem of the pack.
    public static func decodePackFile(_ path: String) throws(RulePackErrors) -> [Rule] {
        switch readPackText(path) {
        case .success(let text): return try RulePackDecoder.decode(text, file: path)
        case .failure(let issue): throw RulePackErrors([issue])
        }
    }

    /// The text of one pack file, or the issue that says why it cannot be used.
    static func readPackText(_ file: String) -> Result<String, RulePackIssue> {
        guard let data = FileManager.default.contents(atPath: file) else {
            return .failure(RulePackIssue(file: file, line: 0, subject: "pack", message: "cannot read the pack file (check its permissions)"))
        }
        let bytes = [UInt8](data)
        if let text = String(validating: bytes, as: UTF8.self) { return .success(text) }
        // The first byte that is not valid UTF-8, found by decoding scalar by scalar.
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        var line = 1
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
                if scalar == "\n" { line += 1 }
            case .emptyInput, .error: break decoding
            }
        }
        return .failure(
            RulePackIssue(
                file: file, line: line, subject: "pack",
                message: "not valid UTF-8 (first bad byte at offset \(offset)); save the pack as UTF-8"))
    }
}

/// One YAML file shipped inside the binary.
public struct EmbeddedPack: Sendable {
    /// Relative to `rules/`: `default/terraform.yaml`, `packs/monorepo.yaml`.
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}
