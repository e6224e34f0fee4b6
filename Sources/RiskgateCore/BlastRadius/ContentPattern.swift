/// A regular expression searched in the added or removed lines of a changed file.
///
/// Swift's `Regex` is not `Sendable`; a compiled pattern is only ever read, so the box is
/// marked unchecked. A literal the regex cannot match without (found from its source) is
/// checked first, case-insensitively: most lines are rejected without running the regex.
public final class ContentPattern: @unchecked Sendable, CustomStringConvertible {
    public enum Side: String, Sendable, CaseIterable {
        case added, removed
    }

    public let side: Side
    public let source: String
    private let regex: Regex<AnyRegexOutput>
    /// Lower-cased ASCII bytes every match must contain; empty when none is known.
    let requiredLiteral: [UInt8]

    public init(side: Side, source: String) throws(ContentPatternError) {
        self.side = side
        self.source = source
        do {
            regex = try Regex(source)
        } catch {
            throw ContentPatternError(source: source, reason: "\(error)")
        }
        requiredLiteral = LiteralPrefilter.requiredLiteral(of: source)
    }

    public var description: String { "\(side.rawValue): \(source)" }

    /// True when `line` (without its newline) contains a match.
    public func matches(_ line: String) -> Bool {
        if !requiredLiteral.isEmpty, !LiteralPrefilter.containsIgnoringASCIICase(line, requiredLiteral) {
            return false
        }
        return line.contains(regex)
    }
}

public struct ContentPatternError: Error, Hashable, Sendable, CustomStringConvertible {
    public var source: String
    public var reason: String

    public var description: String { "bad regex '\(source)': \(reason)" }
}

/// Finds a literal run that every match of a simple regex must contain.
///
/// Deliberately conservative: any `|` gives up; groups, classes and escapes end a run;
/// a character followed by `?`, `*` or `{` is dropped. A wrong answer could only hide a
/// match, so anything unusual yields no prefilter at all.
enum LiteralPrefilter {
    static func requiredLiteral(of source: String) -> [UInt8] {
        let bytes = Array(source.utf8)
        // Alternation inside a group leaves the literals outside it required (`^(a|b):\s*write`
        // still needs `write`); only a top-level `|` makes every literal optional.
        if hasTopLevelAlternation(bytes) || hasExtendedFlag(bytes) { return [] }
        var best: [UInt8] = []
        var run: [UInt8] = []
        var depth = 0
        var inClass = false
        var index = 0
        func endRun() {
            if run.count > best.count { best = run }
            run = []
        }
        while index < bytes.count {
            let byte = bytes[index]
            let next: UInt8? = index + 1 < bytes.count ? bytes[index + 1] : nil
            if inClass {
                if byte == UInt8(ascii: "\\") { index += 1 } else if byte == UInt8(ascii: "]") { inClass = false }
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\\"):
                // `\.` style escapes of punctuation are literal; `\s`, `\b`, `\d` ... are not.
                if let next, !isWordByte(next), next < 0x80 {
                    appendLiteral(next, following: index + 2 < bytes.count ? bytes[index + 2] : nil)
                } else {
                    endRun()
                }
                index += 2
                continue
            case UInt8(ascii: "("):
                endRun()
                depth += 1
            case UInt8(ascii: ")"):
                depth = max(0, depth - 1)
                endRun()
            case UInt8(ascii: "["):
                endRun()
                inClass = true
            case UInt8(ascii: "{"):
                // A counted repetition `{m,n}`: its digits are not literals.
                endRun()
                while index < bytes.count, bytes[index] != UInt8(ascii: "}") { index += 1 }
            case UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "+"), UInt8(ascii: "*"),
                UInt8(ascii: "?"), UInt8(ascii: "}"):
                endRun()
            default:
                if depth == 0, byte < 0x80 { appendLiteral(byte, following: next) } else { endRun() }
            }
            index += 1
        }
        endRun()
        return best.count >= 3 ? best : []

        func appendLiteral(_ byte: UInt8, following: UInt8?) {
            if depth > 0 {
                endRun()
                return
            }
            if let following, following == UInt8(ascii: "?") || following == UInt8(ascii: "*")
                || following == UInt8(ascii: "{")
            {
                endRun()
                return
            }
            run.append(lower(byte))
        }
    }

    /// `(?x)` makes whitespace insignificant, so literal runs would lie: no prefilter then.
    /// True when `|` appears outside every group and character class.
    static func hasTopLevelAlternation(_ bytes: [UInt8]) -> Bool {
        var depth = 0
        var inClass = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if inClass {
                if byte == UInt8(ascii: "]") { inClass = false }
            } else if byte == UInt8(ascii: "[") {
                inClass = true
            } else if byte == UInt8(ascii: "(") {
                depth += 1
            } else if byte == UInt8(ascii: ")") {
                depth = max(0, depth - 1)
            } else if byte == UInt8(ascii: "|") && depth == 0 {
                return true
            }
            index += 1
        }
        return false
    }

    static func hasExtendedFlag(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "("), bytes[index + 1] == UInt8(ascii: "?") {
                var scan = index + 2
                while scan < bytes.count, isWordByte(bytes[scan]) || bytes[scan] == UInt8(ascii: "-") {
                    if bytes[scan] == UInt8(ascii: "x") { return true }
                    scan += 1
                }
            }
            index += 1
        }
        return false
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "_")
    }

    static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte
    }

    static func containsIgnoringASCIICase(_ text: String, _ needle: [UInt8]) -> Bool {
        var text = text
        return text.withUTF8 { haystack in
            guard haystack.count >= needle.count, let first = needle.first else { return needle.isEmpty }
            var start = 0
            let last = haystack.count - needle.count
            while start <= last {
                if lower(haystack[start]) == first {
                    var offset = 1
                    while offset < needle.count, lower(haystack[start + offset]) == needle[offset] { offset += 1 }
                    if offset == needle.count { return true }
                }
                start += 1
            }
            return false
        }
    }
}
