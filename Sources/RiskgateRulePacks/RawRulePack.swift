import Yams

/// Stage one of pack decoding: the YAML's shape, every value with its line, nothing checked
/// beyond types and known keys.
struct RawRulePack {
    var version: Located<Int>?
    var rules: [RawRule] = []
    var line: Int
}

struct RawRule {
    var line: Int
    var id: Located<String>?
    var category: Located<String>?
    var description: Located<String>?
    var points: Located<Int>?
    var paths: [Located<String>]?
    var pathsLine: Int?
    var added: [Located<String>] = []
    var removed: [Located<String>] = []
    var unless: [Located<String>] = []
    var authorship: [Located<String>]?
    var examplesLine: Int?
    var matching: [RawExample] = []
    var notMatching: [RawExample] = []
}

struct RawExample {
    var line: Int
    var path: Located<String>?
    var added: [String] = []
    var removed: [String] = []
    var authorship: Located<String>?
}

extension RawRulePack {
    static let packKeys = ["version", "description", "rules"]
    static let ruleKeys = ["id", "category", "description", "points", "paths", "content", "authorship", "examples"]
    static let contentKeys = ["added", "removed", "unless"]
    static let examplesKeys = ["match", "no_match"]
    static let exampleKeys = ["path", "added", "removed", "authorship"]

    /// Reads the composed document; problems go to `reader.issues`.
    static func read(_ root: Node, reader: inout YAMLReader) -> RawRulePack {
        var pack = RawRulePack(line: YAMLReader.line(root))
        guard let entries = reader.mapping(root, subject: "pack", allowed: packKeys, what: "a rule pack") else {
            return pack
        }
        if let node = entries["version"]?.value { pack.version = reader.int(node, subject: "version", key: "version") }
        if let node = entries["rules"]?.value, let items = reader.sequence(node, subject: "rules", key: "rules") {
            pack.rules = items.map { readRule($0, reader: &reader) }
        }
        return pack
    }

    private static func readRule(_ node: Node, reader: inout YAMLReader) -> RawRule {
        var rule = RawRule(line: YAMLReader.line(node))
        // The id first, so every later problem can name the rule.
        if case .mapping(let mapping) = node, let idNode = mapping["id"] {
            rule.id = reader.string(idNode, subject: "rule", key: "id")
        }
        let subject = rule.id?.value ?? "rule"
        guard let entries = reader.mapping(node, subject: subject, allowed: ruleKeys, what: "a rule") else {
            return rule
        }
        if let value = entries["category"]?.value { rule.category = reader.string(value, subject: subject, key: "category") }
        if let value = entries["description"]?.value {
            rule.description = reader.string(value, subject: subject, key: "description")
        }
        if let value = entries["points"]?.value { rule.points = reader.int(value, subject: subject, key: "points") }
        if let entry = entries["paths"] {
            rule.pathsLine = entry.key.line
            rule.paths = reader.strings(entry.value, subject: subject, key: "paths")
        }
        if let value = entries["content"]?.value,
            let content = reader.mapping(value, subject: subject, allowed: contentKeys, what: "'content'")
        {
            if let added = content["added"]?.value { rule.added = reader.strings(added, subject: subject, key: "added") ?? [] }
            if let removed = content["removed"]?.value {
                rule.removed = reader.strings(removed, subject: subject, key: "removed") ?? []
            }
            if let unless = content["unless"]?.value {
                rule.unless = reader.strings(unless, subject: subject, key: "unless") ?? []
            }
        }
        if let value = entries["authorship"]?.value {
            rule.authorship = reader.strings(value, subject: subject, key: "authorship")
        }
        if let entry = entries["examples"] {
            rule.examplesLine = entry.key.line
            if let examples = reader.mapping(entry.value, subject: subject, allowed: examplesKeys, what: "'examples'") {
                if let list = examples["match"]?.value, let items = reader.sequence(list, subject: subject, key: "match") {
                    rule.matching = items.map { readExample($0, subject: subject, reader: &reader) }
                }
                if let list = examples["no_match"]?.value,
                    let items = reader.sequence(list, subject: subject, key: "no_match")
                {
                    rule.notMatching = items.map { readExample($0, subject: subject, reader: &reader) }
                }
            }
        }
        return rule
    }

    /// An example is a path, or a mapping with the path and the changed lines.
    private static func readExample(_ node: Node, subject: String, reader: inout YAMLReader) -> RawExample {
        var example = RawExample(line: YAMLReader.line(node))
        if case .scalar = node {
            example.path = reader.string(node, subject: subject, key: "path")
            return example
        }
        guard let entries = reader.mapping(node, subject: subject, allowed: exampleKeys, what: "an example") else {
            return example
        }
        if let value = entries["path"]?.value { example.path = reader.string(value, subject: subject, key: "path") }
        if let value = entries["added"]?.value {
            example.added = (reader.strings(value, subject: subject, key: "added") ?? []).map(\.value)
        }
        if let value = entries["removed"]?.value {
            example.removed = (reader.strings(value, subject: subject, key: "removed") ?? []).map(\.value)
        }
        if let value = entries["authorship"]?.value {
            example.authorship = reader.string(value, subject: subject, key: "authorship")
        }
        return example
    }
}
