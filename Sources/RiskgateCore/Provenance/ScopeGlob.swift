/// The small glob matcher for `AI-Scope:` (SPEC §3.2): `*` (within a path component), `**`
/// (any number of components), `?` (one character), `{a,b}` (alternatives). A pattern without
/// `/` also matches a basename anywhere (`*.md`); a plain directory (`docs`, `docs/`) matches
/// everything below it, while `src/*` covers only `src`'s direct children. Matching works on
/// Unicode scalars, with no regular expressions.
///
/// The pattern comes from a commit message, so from whoever pushes: braces that would expand
/// past `maximumAlternatives` patterns (or `maximumExpandedScalars` in all) make the entry
/// malformed instead of being expanded, and matching simulates the pattern as a set of states
/// over the path, one pass, so its time is the path's length times the pattern's, whatever the
/// pattern (`*a*a*a*…b` included).
public struct ScopeGlob: Hashable, Sendable {
    public static let maximumAlternatives = 256
    public static let maximumExpandedScalars = 4096
    public static let maximumPatternScalars = 1024

    public let pattern: String
    private let alternatives: [[Token]]
    private let plainDirectory: [Bool]
    private let matchesBasename: Bool

    enum Token: Hashable, Sendable {
        case scalar(Unicode.Scalar)
        /// `?`: one character other than `/`.
        case one
        /// `*`: any run without `/`.
        case star
        /// `**` not followed by `/`: any run.
        case anything
        /// `**/`: nothing, or any run ending in `/`.
        case directories
    }

    /// Nil for an empty pattern, unbalanced braces, or one too large to expand.
    public init?(_ pattern: String) {
        var trimmed = String(pattern.trimmingWhitespace())
        while trimmed.hasPrefix("./") { trimmed.removeFirst(2) }
        if trimmed.hasPrefix("/") { trimmed.removeFirst() }
        let scalars = Array(trimmed.unicodeScalars)
        guard !scalars.isEmpty, scalars.count <= Self.maximumPatternScalars,
            let size = Self.expansionSize(scalars[...]),
            size.count <= Self.maximumAlternatives, size.scalars <= Self.maximumExpandedScalars,
            let expanded = Self.expandBraces(scalars)
        else { return nil }
        self.pattern = pattern
        var withoutSlash = trimmed
        if withoutSlash.hasSuffix("/") { withoutSlash.removeLast() }
        matchesBasename = !withoutSlash.contains("/")
        var alternatives: [[Token]] = []
        var plain: [Bool] = []
        for var copy in expanded {
            if copy.last == "/" { copy.removeLast() }
            alternatives.append(Self.tokens(copy))
            let last = copy.split(separator: "/").last ?? []
            plain.append(!last.contains("*") && !last.contains("?"))
        }
        self.alternatives = alternatives
        plainDirectory = plain
    }

    public func matches(_ path: String) -> Bool {
        let scalars = Array(path.unicodeScalars)
        for (index, alternative) in alternatives.enumerated() {
            // One pass gives the whole path and, at each `/`, the directory above it: a plain
            // directory (`docs`, `src/api`) covers its contents; `src/*` stays one level deep.
            let (whole, directory) = Self.run(alternative, scalars[...], prefixesAtSlash: plainDirectory[index])
            if whole || directory { return true }
            if matchesBasename, let slash = scalars.lastIndex(of: "/"),
                Self.run(alternative, scalars[(slash + 1)...], prefixesAtSlash: false).whole
            {
                return true
            }
        }
        return false
    }

    static func tokens(_ scalars: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "*" {
                if index + 1 < scalars.count, scalars[index + 1] == "*" {
                    if index + 2 < scalars.count, scalars[index + 2] == "/" {
                        tokens.append(.directories)
                        index += 3
                    } else {
                        tokens.append(.anything)
                        index += 2
                    }
                    continue
                }
                tokens.append(.star)
            } else if scalar == "?" {
                tokens.append(.one)
            } else {
                tokens.append(.scalar(scalar))
            }
            index += 1
        }
        return tokens
    }

    /// Runs the pattern's states over `text`: `whole` when all of it matches; `directory` when
    /// a prefix ending just before one of its `/` does (only computed when asked).
    static func run(_ tokens: [Token], _ text: ArraySlice<Unicode.Scalar>, prefixesAtSlash: Bool)
        -> (whole: Bool, directory: Bool)
    {
        // State 2i: before token i; state 2i+1: inside a `**/` at token i (it has consumed
        // something, so it must still end with `/`).
        let stateCount = 2 * (tokens.count + 1)
        var current = [Bool](repeating: false, count: stateCount)
        var next = current
        let accept = 2 * tokens.count
        func close(_ states: inout [Bool]) {
            // Tokens that may match nothing let the state before them reach the one after.
            for index in tokens.indices where states[2 * index] {
                switch tokens[index] {
                case .star, .anything, .directories: states[2 * (index + 1)] = true
                case .scalar, .one: break
                }
            }
        }
        current[0] = true
        close(&current)
        var directory = false
        for scalar in text {
            if prefixesAtSlash, scalar == "/", current[accept] { directory = true }
            for index in next.indices { next[index] = false }
            var any = false
            for index in tokens.indices {
                let before = current[2 * index]
                let inside = current[2 * index + 1]
                guard before || inside else { continue }
                switch tokens[index] {
                case .scalar(let expected):
                    if before, scalar == expected { next[2 * (index + 1)] = true }
                case .one:
                    if before, scalar != "/" { next[2 * (index + 1)] = true }
                case .star:
                    if scalar != "/" { next[2 * index] = true }
                case .anything:
                    next[2 * index] = true
                case .directories:
                    next[2 * index + 1] = true
                    if scalar == "/" { next[2 * (index + 1)] = true }
                }
            }
            close(&next)
            for index in next.indices where next[index] {
                any = true
                break
            }
            swap(&current, &next)
            if !any { return (false, directory) }
        }
        return (current[accept], directory)
    }

    /// How many patterns the braces expand to, and an upper bound of their total length,
    /// without expanding (saturating, so 24 pairs cost 24 steps, not 2^24); nil when braces
    /// do not balance.
    static func expansionSize(_ scalars: ArraySlice<Unicode.Scalar>) -> (count: Int, scalars: Int)? {
        guard let (count, longest) = sequenceSize(scalars) else { return nil }
        return (count, saturating(count * longest))
    }

    private static func saturating(_ value: Int) -> Int { min(value, 1 << 40) }

    /// A run of literals and groups: the number of expansions and the longest one.
    private static func sequenceSize(_ scalars: ArraySlice<Unicode.Scalar>) -> (count: Int, longest: Int)? {
        var count = 1
        var longest = 0
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if scalar == "}" { return nil }
            guard scalar == "{" else {
                longest += 1
                index += 1
                continue
            }
            var depth = 0
            var close: Int?
            var commas: [Int] = []
            for scan in index..<scalars.endIndex {
                switch scalars[scan] {
                case "{": depth += 1
                case "}":
                    depth -= 1
                    if depth == 0 { close = scan }
                case "," where depth == 1: commas.append(scan)
                default: break
                }
                if close != nil { break }
            }
            guard let close else { return nil }
            let bounds = [index] + commas + [close]
            var groupCount = 0
            var groupLongest = 0
            for option in 0..<(bounds.count - 1) {
                guard let size = sequenceSize(scalars[(bounds[option] + 1)..<bounds[option + 1]]) else { return nil }
                groupCount = saturating(groupCount + size.count)
                groupLongest = max(groupLongest, size.longest)
            }
            count = saturating(count * groupCount)
            longest = saturating(longest + groupLongest)
            index = close + 1
        }
        return (count, longest)
    }

    /// `a{b,c}d` → `abd`, `acd` (nested braces expand too); nil when braces do not balance.
    /// Call only after `expansionSize` bounded the result.
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
