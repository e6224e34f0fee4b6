/// The small glob matcher for `AI-Scope:` (SPEC §3.2): `*` (within a path component), `**`
/// (any number of components), `?` (one character), `{a,b}` (alternatives). A pattern without
/// `/` also matches a basename anywhere (`*.md`); a plain directory (`docs`, `docs/`) matches
/// everything below it, while `src/*` covers only `src`'s direct children. Matching works on Unicode scalars, with no regular expressions.
public struct ScopeGlob: Hashable, Sendable {
    public let pattern: String
    private let alternatives: [[Unicode.Scalar]]
    private let matchesBasename: Bool

    /// Nil for an empty pattern or unbalanced braces.
    public init?(_ pattern: String) {
        var trimmed = String(pattern.trimmingWhitespace())
        while trimmed.hasPrefix("./") { trimmed.removeFirst(2) }
        if trimmed.hasPrefix("/") { trimmed.removeFirst() }
        guard !trimmed.isEmpty, let expanded = Self.expandBraces(Array(trimmed.unicodeScalars)) else { return nil }
        self.pattern = pattern
        var withoutSlash = trimmed
        if withoutSlash.hasSuffix("/") { withoutSlash.removeLast() }
        matchesBasename = !withoutSlash.contains("/")
        alternatives = expanded.map { scalars in
            var copy = scalars
            if copy.last == "/" { copy.removeLast() }
            return copy
        }
    }

    public func matches(_ path: String) -> Bool {
        let scalars = Array(path.unicodeScalars)
        for alternative in alternatives {
            if Self.match(alternative[...], scalars[...]) { return true }
            // A directory (`docs`, `src/api`) covers its contents; `src/*` stays one level deep.
            if Self.isPlainDirectory(alternative), Self.matchesDirectoryPrefix(alternative, scalars) { return true }
            if matchesBasename, let slash = scalars.lastIndex(of: "/"),
                Self.match(alternative[...], scalars[(slash + 1)...])
            {
                return true
            }
        }
        return false
    }

    /// True when the last component has no wildcard: it names a directory, not a pattern of files.
    private static func isPlainDirectory(_ pattern: [Unicode.Scalar]) -> Bool {
        let last = pattern.split(separator: "/").last ?? []
        return !last.contains("*") && !last.contains("?")
    }

    private static func matchesDirectoryPrefix(_ pattern: [Unicode.Scalar], _ path: [Unicode.Scalar]) -> Bool {
        for index in path.indices where path[index] == "/" {
            if match(pattern[...], path[..<index]) { return true }
        }
        return false
    }

    /// Backtracking match of `*`, `**` and `?`; `**/` also matches no directory at all.
    private static func match(_ pattern: ArraySlice<Unicode.Scalar>, _ text: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let head = pattern.first else { return text.isEmpty }
        let rest = pattern.dropFirst()
        switch head {
        case "*":
            if rest.first == "*" {
                var afterStars = rest.dropFirst()
                if afterStars.first == "/" {
                    afterStars = afterStars.dropFirst()
                    // `**/x`: x at this level, or after any number of directories.
                    if match(afterStars, text) { return true }
                    for index in text.indices where text[index] == "/" {
                        if match(afterStars, text[(index + 1)...]) { return true }
                    }
                    return false
                }
                for start in text.indices { if match(afterStars, text[start...]) { return true } }
                return match(afterStars, text[text.endIndex...])
            }
            var index = text.startIndex
            while true {
                if match(rest, text[index...]) { return true }
                guard index < text.endIndex, text[index] != "/" else { return false }
                index += 1
            }
        case "?":
            guard let first = text.first, first != "/" else { return false }
            return match(rest, text.dropFirst())
        default:
            guard text.first == head else { return false }
            return match(rest, text.dropFirst())
        }
    }

    /// `a{b,c}d` → `abd`, `acd` (nested braces expand too); nil when braces do not balance.
    static func expandBraces(_ scalars: [Unicode.Scalar]) -> [[Unicode.Scalar]]? {
        guard let open = scalars.firstIndex(of: "{") else {
            return scalars.contains("}") ? nil : [scalars]
        }
        var depth = 0
        var close: Int?
        var commas: [Int] = []
        for index in open..<scalars.count {
            switch scalars[index] {
            case "{": depth += 1
            case "}":
                depth -= 1
                if depth == 0 { close = index }
            case "," where depth == 1: commas.append(index)
            default: break
            }
            if close != nil { break }
        }
        guard let close else { return nil }
        let prefix = Array(scalars[..<open])
        let suffix = Array(scalars[(close + 1)...])
        let bounds = [open] + commas + [close]
        var results: [[Unicode.Scalar]] = []
        for index in 0..<(bounds.count - 1) {
            let option = Array(scalars[(bounds[index] + 1)..<bounds[index + 1]])
            guard let expanded = expandBraces(prefix + option + suffix) else { return nil }
            results.append(contentsOf: expanded)
        }
        return results
    }
}
