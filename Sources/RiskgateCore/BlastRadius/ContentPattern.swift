/// A regular expression searched in the added or removed lines of a changed file.
///
/// Matched by `LinearRegex` (RE2): time linear in the line, whatever the pattern, because file
/// contents are chosen by whoever pushes. Literals the regex cannot match without (one
/// required literal, or one of an alternation's, found from its source) are checked first,
/// case-insensitively: most lines are rejected without running the regex.
public final class ContentPattern: Sendable, CustomStringConvertible {
    public enum Side: String, Sendable, CaseIterable {
        case added, removed
    }

    public let side: Side
    public let source: String
    private let regex: LinearRegex
    /// Lower-cased ASCII literals at least one of which every match contains; empty when none
    /// is known.
    let prefilter: [[UInt8]]

    public init(side: Side, source: String) throws(ContentPatternError) {
        self.side = side
        self.source = source
        regex = try LinearRegex(source)
        prefilter = LiteralPrefilter.anyOf(of: source)
    }

    public var description: String { "\(side.rawValue): \(source)" }

    /// True when `line` (without its newline) contains a match.
    public func matches(_ line: String) -> Bool {
        var line = line
        return line.withUTF8 { bytes in
            if !prefilter.isEmpty, !LiteralPrefilter.containsAnyIgnoringASCIICase(bytes, prefilter) { return false }
            return regex.search(bytes)
        }
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
    /// Literals (lower-cased) at least one of which every match contains; empty when none is
    /// known. A required run of three or more characters is enough on its own; otherwise a
    /// mandatory group's alternatives (`(curl|wget)`), or each top-level branch's literals
    /// (`a...|b...`), or a two-character run.
    static func anyOf(of source: String) -> [[UInt8]] {
        let bytes = Array(source.utf8)
        if hasExtendedFlag(bytes) || hasOpaqueSyntax(bytes) { return [] }
        let branches = split(bytes, atDepth: 0)
        if branches.count > 1 {
            var all: [[UInt8]] = []
            for branch in branches {
                let literals = anyOf(of: String(decoding: branch, as: UTF8.self))
                if literals.isEmpty { return [] }
                for literal in literals where !all.contains(literal) { all.append(literal) }
            }
            return all
        }
        let single = requiredLiteral(bytes, minimum: 2)
        if single.count >= 3 { return [single] }
        if let group = bestMandatoryGroup(bytes), group.allSatisfy({ $0.count >= max(2, single.count) }) {
            return group
        }
        return single.isEmpty ? [] : [single]
    }

    /// The longest literal run every match must contain (three characters or more), or empty.
    static func requiredLiteral(of source: String) -> [UInt8] {
        let bytes = Array(source.utf8)
        if hasExtendedFlag(bytes) || hasOpaqueSyntax(bytes) { return [] }
        return requiredLiteral(bytes, minimum: 3)
    }

    private static func requiredLiteral(_ bytes: [UInt8], minimum: Int) -> [UInt8] {
        // Alternation inside a group leaves the literals outside it required (`^(a|b):\s*write`
        // still needs `write`); only a top-level `|` makes every literal optional.
        if hasTopLevelAlternation(bytes) { return [] }
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
        return best.count >= minimum ? best : []

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

    /// The alternatives of a top-level group every match passes through (not followed by `?`,
    /// `*` or `{`; plain or `(?:`), as literal sets, when each alternative has one; of several
    /// such groups the one whose shortest literal is longest.
    static func bestMandatoryGroup(_ bytes: [UInt8]) -> [[UInt8]]? {
        var best: [[UInt8]]?
        scanStructure(bytes) { open, byte, depth in
            guard byte == UInt8(ascii: "("), depth == 0, let close = closingParenthesis(bytes, from: open) else {
                return true
            }
            var bodyStart = open + 1
            if bodyStart < bytes.count, bytes[bodyStart] == UInt8(ascii: "?") {
                guard bodyStart + 1 < bytes.count, bytes[bodyStart + 1] == UInt8(ascii: ":") else { return true }
                bodyStart += 2
            }
            if close + 1 < bytes.count, [UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "{")].contains(bytes[close + 1]) {
                return true
            }
            var literals: [[UInt8]] = []
            for alternative in split(Array(bytes[bodyStart..<close]), atDepth: 0) {
                let found = anyOf(of: String(decoding: alternative, as: UTF8.self))
                if found.isEmpty {
                    literals = []
                    break
                }
                for literal in found where !literals.contains(literal) { literals.append(literal) }
            }
            if let shortest = literals.map(\.count).min(), shortest > (best?.map(\.count).min() ?? 0) {
                best = literals
            }
            return true
        }
        return best
    }

    /// Visits the bytes of a regex that are neither escaped nor inside a character class, with
    /// the group depth in front of each; `visit` returns false to stop. The one walk every
    /// structural question here is answered with.
    static func scanStructure(
        _ bytes: [UInt8], from start: Int = 0, _ visit: (_ index: Int, _ byte: UInt8, _ depth: Int) -> Bool
    ) {
        var depth = 0
        var inClass = false
        var index = start
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
            } else {
                if !visit(index, byte, depth) { return }
                if byte == UInt8(ascii: "(") { depth += 1 } else if byte == UInt8(ascii: ")") { depth = max(0, depth - 1) }
            }
            index += 1
        }
    }

    /// The index of the `)` closing the group opened at `open`.
    static func closingParenthesis(_ bytes: [UInt8], from open: Int) -> Int? {
        var close: Int?
        scanStructure(bytes, from: open) { index, byte, depth in
            if byte == UInt8(ascii: ")") && depth == 1 { close = index }
            return close == nil
        }
        return close
    }

    /// `bytes` cut at each `|` at group depth `target` (outside classes, not escaped).
    static func split(_ bytes: [UInt8], atDepth target: Int) -> [[UInt8]] {
        var cuts: [Int] = []
        scanStructure(bytes) { index, byte, depth in
            if byte == UInt8(ascii: "|") && depth == target { cuts.append(index) }
            return true
        }
        var parts: [[UInt8]] = []
        var start = 0
        for cut in cuts {
            parts.append(Array(bytes[start..<cut]))
            start = cut + 1
        }
        parts.append(Array(bytes[start...]))
        return parts
    }

    /// True when `|` appears outside every group and character class.
    static func hasTopLevelAlternation(_ bytes: [UInt8]) -> Bool {
        split(bytes, atDepth: 0).count > 1
    }

    /// `(?x)` makes whitespace insignificant, so literal runs would lie: no prefilter then.
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

    /// Escapes whose letters or digits are not literals (`\pL`, `\x41`, `\Q…\E`, octal,
    /// `\C`) and POSIX classes (`[[:alpha:]]`, whose first `]` is not the class's end): the run
    /// scanner does not model them, so no prefilter rather than a wrong one that hides a match.
    static func hasOpaqueSyntax(_ bytes: [UInt8]) -> Bool {
        let understood = Set("sSwWdDbBAznrtfv".utf8)
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "\\") {
                if isWordByte(bytes[index + 1]) && !understood.contains(bytes[index + 1]) { return true }
                index += 2
                continue
            }
            if bytes[index] == UInt8(ascii: "["), bytes[index + 1] == UInt8(ascii: ":") { return true }
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

    static func containsAnyIgnoringASCIICase(_ text: String, _ needles: [[UInt8]]) -> Bool {
        var text = text
        return text.withUTF8 { containsAnyIgnoringASCIICase($0, needles) }
    }

    static func containsAnyIgnoringASCIICase(_ haystack: UnsafeBufferPointer<UInt8>, _ needles: [[UInt8]]) -> Bool {
        needles.contains { contains(haystack, $0) }
    }

    static func containsIgnoringASCIICase(_ text: String, _ needle: [UInt8]) -> Bool {
        containsAnyIgnoringASCIICase(text, [needle])
    }

    private static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
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
