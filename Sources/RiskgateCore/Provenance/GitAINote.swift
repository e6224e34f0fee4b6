/// A git-ai authorship log (ai-markers §2.2; git-ai `specs/git_ai_standard_v3.0.0.md`): an
/// attestation section, a line that is exactly `---`, then JSON metadata whose `schema_version`
/// is `authorship/3.0.0`.
///
/// Attestations list files at column 0 and, indented by two spaces, `<key> <ranges>`: AI keys
/// are `s_<hex>::t_<hex>` (sessions) or bare hex (legacy prompts), human keys `h_<hex>`. Lines no
/// key covers are unknown, so the AI count is a floor.
public struct GitAINote: Hashable, Sendable {
    public static let schemaVersion = "authorship/3.0.0"

    /// Lines attested to an AI session or legacy prompt.
    public var aiLines: Int
    /// Lines attested to a known human.
    public var humanLines: Int
    /// `agent_id.tool` values named in the metadata (`claude`, `cursor`, `pi`, ...), sorted.
    public var tools: [String]
    /// Session or prompt keys the attestations use (`s_…`, legacy hex).
    public var sessions: [String]

    /// Parses a note; nil when it is not a git-ai v3 log (foreign JSON on `refs/notes/ai`, such
    /// as ai-code-marker's, is not an error: it is simply not this format).
    public init?(_ bytes: [UInt8]) {
        let text = LenientText.decode(bytes)
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isLineBreakForMessages).map { line -> Substring in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
        guard let divider = lines.firstIndex(of: "---") else { return nil }
        let metadata = lines[(divider + 1)...].joined(separator: "\n")
        guard JSONScan.stringValue(of: "schema_version", in: metadata) == Self.schemaVersion else { return nil }
        lines.removeSubrange(divider...)

        var ai = 0
        var human = 0
        var sessions: Set<String> = []
        for line in lines where line.hasPrefix("  ") && !line.hasPrefix("   ") {
            let parts = line.dropFirst(2).split(separator: " ", maxSplits: 1)
            guard parts.count == 2, let count = Self.lineCount(parts[1]) else { continue }
            let key = parts[0]
            if key.hasPrefix("h_") {
                human += count
            } else if key.hasPrefix("s_") || key.allSatisfy(\.isHexDigit) {
                ai += count
                sessions.insert(String(key.split(separator: ":").first ?? key))
            }
        }
        aiLines = ai
        humanLines = human
        self.sessions = sessions.sorted()
        tools = Array(Set(JSONScan.stringValues(of: "tool", in: metadata))).sorted()
    }

    /// Lines in `1-4,9-10,12`; nil when the ranges do not parse.
    static func lineCount(_ ranges: Substring) -> Int? {
        var total = 0
        for range in ranges.split(separator: ",") {
            let bounds = range.split(separator: "-", omittingEmptySubsequences: false)
            guard let low = bounds.first.flatMap({ Int($0) }) else { return nil }
            if bounds.count == 1 {
                total += 1
            } else if bounds.count == 2, let high = Int(bounds[1]), high >= low {
                total += high - low + 1
            } else {
                return nil
            }
        }
        return total
    }
}

/// Just enough JSON reading for notes: string values of a key anywhere in a document, with
/// escapes honoured. The core has no Foundation, and notes need no more than this.
enum JSONScan {
    static func stringValue(of key: String, in json: String) -> String? {
        stringValues(of: key, in: json).first
    }

    static func stringValues(of key: String, in json: String) -> [String] {
        let scalars = Array(json.unicodeScalars)
        let needle = Array("\"\(key)\"".unicodeScalars)
        var values: [String] = []
        var index = 0
        while index + needle.count <= scalars.count {
            guard scalars[index..<(index + needle.count)].elementsEqual(needle) else {
                // Skip over string literals so a key inside a value is not mistaken for a key.
                if scalars[index] == "\"", let end = endOfString(scalars, from: index) {
                    index = end + 1
                } else {
                    index += 1
                }
                continue
            }
            var cursor = index + needle.count
            while cursor < scalars.count, scalars[cursor].properties.isWhitespace { cursor += 1 }
            guard cursor < scalars.count, scalars[cursor] == ":" else {
                index = cursor
                continue
            }
            cursor += 1
            while cursor < scalars.count, scalars[cursor].properties.isWhitespace { cursor += 1 }
            if cursor < scalars.count, scalars[cursor] == "\"", let end = endOfString(scalars, from: cursor) {
                values.append(unescape(scalars[(cursor + 1)..<end]))
                index = end + 1
            } else {
                index = cursor
            }
        }
        return values
    }

    /// The index of the closing quote of the string literal opening at `start`.
    static func endOfString(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start + 1
        while index < scalars.count {
            if scalars[index] == "\\" {
                index += 2
                continue
            }
            if scalars[index] == "\"" { return index }
            index += 1
        }
        return nil
    }

    static func unescape(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var out = String.UnicodeScalarView()
        var iterator = scalars.makeIterator()
        while let scalar = iterator.next() {
            guard scalar == "\\", let escaped = iterator.next() else {
                out.append(scalar)
                continue
            }
            switch escaped {
            case "n": out.append("\n")
            case "t": out.append("\t")
            default: out.append(escaped)
            }
        }
        return String(out)
    }
}
