import Yams

/// A YAML value with the line it starts on: the raw stage's building block, so every later
/// problem can name its line. Yams' Codable decoder cannot report positions, so the raw stage
/// reads Yams' composed `Node` tree instead of going through `Decodable`.
struct Located<Value> {
    var value: Value
    var line: Int
}

/// Reads composed YAML nodes into raw values, collecting problems instead of throwing.
struct YAMLReader {
    let file: String
    var issues: [RulePackIssue] = []

    init(file: String) { self.file = file }

    /// Parses a document; a syntax error becomes one issue at its line.
    mutating func parse(_ text: String) -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                .composer(_, let problem, let mark, _):
                report(mark.line, "yaml", "invalid YAML: \(problem)")
            case .duplicatedKeysInMapping(let duplicates, let context):
                report(context.mark.line, "yaml", "duplicate key '\(duplicates.joined(separator: "', '"))'")
            default:
                report(1, "yaml", "invalid YAML: \(error)")
            }
        } catch {
            report(1, "yaml", "invalid YAML: \(error)")
        }
        return nil
    }

    mutating func report(_ line: Int, _ subject: String, _ message: String) {
        issues.append(RulePackIssue(file: file, line: line, subject: subject, message: message))
    }

    static func line(_ node: Node) -> Int { node.mark?.line ?? 1 }

    /// A mapping's entries by key, with unknown keys reported by name and line.
    mutating func mapping(
        _ node: Node, subject: String, allowed: [String], what: String
    ) -> [String: (key: Located<String>, value: Node)]? {
        guard case .mapping(let mapping) = node else {
            report(Self.line(node), subject, "\(what) must be a mapping of keys to values")
            return nil
        }
        var result: [String: (key: Located<String>, value: Node)] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                report(Self.line(key), subject, "\(what) has a key that is not a plain name")
                continue
            }
            guard allowed.contains(name) else {
                let known = allowed.joined(separator: ", ")
                report(Self.line(key), subject, "unknown key '\(name)' in \(what) (known keys: \(known))")
                continue
            }
            result[name] = (Located(value: name, line: Self.line(key)), value)
        }
        return result
    }

    mutating func string(_ node: Node, subject: String, key: String) -> Located<String>? {
        guard case .scalar(let scalar) = node, scalar.tag.rawValue != Tag.Name.null.rawValue else {
            report(Self.line(node), subject, "'\(key)' must be a string")
            return nil
        }
        return Located(value: scalar.string, line: Self.line(node))
    }

    mutating func int(_ node: Node, subject: String, key: String) -> Located<Int>? {
        guard case .scalar = node, let value = node.int else {
            report(Self.line(node), subject, "'\(key)' must be a whole number")
            return nil
        }
        return Located(value: value, line: Self.line(node))
    }

    /// A list of strings; a single string is taken as a list of one.
    mutating func strings(_ node: Node, subject: String, key: String) -> [Located<String>]? {
        if case .scalar = node {
            return string(node, subject: subject, key: key).map { [$0] }
        }
        guard case .sequence(let sequence) = node else {
            report(Self.line(node), subject, "'\(key)' must be a list of strings")
            return nil
        }
        var result: [Located<String>] = []
        for item in sequence {
            guard case .scalar(let scalar) = item, scalar.tag.rawValue != Tag.Name.null.rawValue else {
                report(Self.line(item), subject, "'\(key)' must be a list of strings")
                continue
            }
            result.append(Located(value: scalar.string, line: Self.line(item)))
        }
        return result
    }

    mutating func sequence(_ node: Node, subject: String, key: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            report(Self.line(node), subject, "'\(key)' must be a list")
            return nil
        }
        return Array(sequence)
    }
}
