/// A small JSON reader for records stored with commits (Agent Trace): values, bounded nesting,
/// lenient about nothing. The core has no Foundation; records are attacker-chosen on a server,
/// so depth is capped and the parse is linear in the input.
enum MiniJSON: Hashable, Sendable {
    case object([String: MiniJSON])
    case array([MiniJSON])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    static let maxDepth = 32

    subscript(key: String) -> MiniJSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var int: Int? {
        if case .number(let value) = self, value.rounded() == value, abs(value) < 1e15 { return Int(value) }
        return nil
    }

    var array: [MiniJSON] {
        if case .array(let values) = self { return values }
        return []
    }

    /// Parses one JSON document; nil when it is not valid JSON.
    static func parse(_ text: Substring) -> MiniJSON? {
        var parser = Parser(scalars: Array(text.unicodeScalars))
        guard let value = parser.value(depth: 0) else { return nil }
        parser.skipWhitespace()
        return parser.index == parser.scalars.count ? value : nil
    }

    struct Parser {
        var scalars: [Unicode.Scalar]
        var index = 0

        mutating func skipWhitespace() {
            while index < scalars.count, scalars[index] == " " || scalars[index] == "\n" || scalars[index] == "\r" || scalars[index] == "\t" {
                index += 1
            }
        }

        mutating func value(depth: Int) -> MiniJSON? {
            guard depth < MiniJSON.maxDepth else { return nil }
            skipWhitespace()
            guard index < scalars.count else { return nil }
            switch scalars[index] {
            case "{":
                index += 1
                var members: [String: MiniJSON] = [:]
                skipWhitespace()
                if index < scalars.count, scalars[index] == "}" {
                    index += 1
                    return .object(members)
                }
                while true {
                    skipWhitespace()
                    guard let key = string() else { return nil }
                    skipWhitespace()
                    guard index < scalars.count, scalars[index] == ":" else { return nil }
                    index += 1
                    guard let member = value(depth: depth + 1) else { return nil }
                    members[key] = member
                    skipWhitespace()
                    guard index < scalars.count else { return nil }
                    if scalars[index] == "," {
                        index += 1
                        continue
                    }
                    guard scalars[index] == "}" else { return nil }
                    index += 1
                    return .object(members)
                }
            case "[":
                index += 1
                var values: [MiniJSON] = []
                skipWhitespace()
                if index < scalars.count, scalars[index] == "]" {
                    index += 1
                    return .array(values)
                }
                while true {
                    guard let element = value(depth: depth + 1) else { return nil }
                    values.append(element)
                    skipWhitespace()
                    guard index < scalars.count else { return nil }
                    if scalars[index] == "," {
                        index += 1
                        continue
                    }
                    guard scalars[index] == "]" else { return nil }
                    index += 1
                    return .array(values)
                }
            case "\"":
                return string().map(MiniJSON.string)
            case "t": return literal("true", .bool(true))
            case "f": return literal("false", .bool(false))
            case "n": return literal("null", .null)
            default: return number()
            }
        }

        mutating func literal(_ word: String, _ value: MiniJSON) -> MiniJSON? {
            let expected = Array(word.unicodeScalars)
            guard index + expected.count <= scalars.count, scalars[index..<(index + expected.count)].elementsEqual(expected)
            else { return nil }
            index += expected.count
            return value
        }

        mutating func number() -> MiniJSON? {
            let start = index
            while index < scalars.count, "+-0123456789.eE".unicodeScalars.contains(scalars[index]) { index += 1 }
            guard index > start, let value = Double(String(String.UnicodeScalarView(scalars[start..<index]))) else { return nil }
            return .number(value)
        }

        mutating func string() -> String? {
            guard index < scalars.count, scalars[index] == "\"" else { return nil }
            index += 1
            var out = String.UnicodeScalarView()
            while index < scalars.count {
                let scalar = scalars[index]
                index += 1
                if scalar == "\"" { return String(out) }
                guard scalar == "\\" else {
                    out.append(scalar)
                    continue
                }
                guard index < scalars.count else { return nil }
                let escaped = scalars[index]
                index += 1
                switch escaped {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "b": out.append("\u{8}")
                case "f": out.append("\u{c}")
                case "u":
                    guard index + 4 <= scalars.count,
                        let code = UInt32(String(String.UnicodeScalarView(scalars[index..<(index + 4)])), radix: 16)
                    else { return nil }
                    index += 4
                    out.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                default: out.append(escaped)
                }
            }
            return nil
        }
    }
}
