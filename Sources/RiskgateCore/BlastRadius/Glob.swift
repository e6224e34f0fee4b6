/// A gitignore-style path pattern, matched on UTF-8 bytes without Foundation.
///
/// - `*` matches within one path component, `?` one character, `[...]` a class (`[!...]` or
///   `[^...]` negated, ranges), `{a,b}` alternatives (nested), `\` escapes the next character.
/// - `**` as a whole component matches zero or more directories (`**/x`, `a/**/b`, `a/**`).
/// - A pattern without a `/` (a trailing `/` aside) matches a path's basename, or any of its
///   directories' names, anywhere; a leading or inner `/` anchors it to the root.
/// - A pattern that matches a directory matches everything below it (`infra/prod` matches
///   `infra/prod/main.tf`), as gitignore and CODEOWNERS do.
public struct Glob: Hashable, Sendable, CustomStringConvertible {
    public let pattern: String
    private let alternatives: [[Segment]]
    /// Per alternative, what some path component must look like for it to match at all: a
    /// cheap test that spares the backtracking matcher most paths (a history meets thousands).
    private let requirements: [[ComponentRequirement]]

    public var description: String { pattern }

    /// How the end of a pattern relates to the path.
    public enum Mode: Sendable {
        /// gitignore rules: unanchored basename patterns, directory prefixes match their contents.
        case path
        /// The whole string must match, anchored at the start (git refs: `refs/heads/release/*`).
        case exact
        /// GitHub CODEOWNERS: like `path`, but `docs/*` covers only direct children; a
        /// directory (`docs/`, `/build/logs`) covers everything below it.
        case codeOwners
    }

    private let mode: Mode

    /// Longest pattern accepted: matching costs up to the path's length times the pattern's.
    public static let maximumPatternBytes = 1024

    public init(_ pattern: String, mode: Mode = .path) throws(GlobError) {
        guard !pattern.isEmpty else { throw .empty }
        guard pattern.utf8.count <= Glob.maximumPatternBytes else { throw .tooLong }
        self.pattern = pattern
        self.mode = mode
        var compiled: [[Segment]] = []
        for expanded in try BraceExpansion.expand(Array(pattern.utf8)) {
            compiled.append(try Glob.compile(expanded, mode: mode))
        }
        alternatives = compiled
        requirements = compiled.map(Glob.requirements(of:))
    }

    /// True when `path` (slash-separated, no leading slash) matches.
    public func matches(_ path: String) -> Bool {
        matches(components: PathComponents(path))
    }

    /// Same as `matches(_:)` for a path already split once (the engine splits each path once).
    public func matches(components path: PathComponents) -> Bool {
        alternatives: for index in alternatives.indices {
            for requirement in requirements[index] where !requirement.isMet(by: path.components) {
                continue alternatives
            }
            if Glob.match(alternatives[index], path.components, mode: mode) { return true }
        }
        return false
    }

    /// A necessary condition from one segment: every non-`**` segment matches exactly one path
    /// component, so some component must equal its literal, or begin and end with the literal
    /// bytes around its wildcards.
    struct ComponentRequirement: Hashable, Sendable {
        var exact: [UInt8]?
        var prefix: [UInt8]
        var suffix: [UInt8]

        /// Plain index loops: this runs for every rule on every new path of a history.
        func isMet(by components: [ArraySlice<UInt8>]) -> Bool {
            if let exact {
                for component in components where component.count == exact.count {
                    if Self.equal(component, from: component.startIndex, exact) { return true }
                }
                return false
            }
            let minimum = prefix.count + suffix.count
            for component in components where component.count >= minimum {
                if Self.equal(component, from: component.startIndex, prefix)
                    && Self.equal(component, from: component.endIndex - suffix.count, suffix)
                {
                    return true
                }
            }
            return false
        }

        private static func equal(_ text: ArraySlice<UInt8>, from start: Int, _ literal: [UInt8]) -> Bool {
            var index = 0
            while index < literal.count {
                if text[start + index] != literal[index] { return false }
                index += 1
            }
            return true
        }
    }

    static func requirements(of segments: [Segment]) -> [ComponentRequirement] {
        segments.compactMap { segment in
            switch segment {
            case .globstar: return nil
            case .literal(let bytes): return ComponentRequirement(exact: bytes, prefix: [], suffix: [])
            case .wildcard(let tokens):
                var prefix: [UInt8] = []
                for token in tokens {
                    guard case .byte(let byte) = token else { break }
                    prefix.append(byte)
                }
                var suffix: [UInt8] = []
                if prefix.count < tokens.count {
                    for token in tokens.reversed() {
                        guard case .byte(let byte) = token else { break }
                        suffix.insert(byte, at: 0)
                    }
                }
                if prefix.isEmpty && suffix.isEmpty { return nil }
                return ComponentRequirement(exact: nil, prefix: prefix, suffix: suffix)
            }
        }
    }

    // MARK: - Compilation

    enum Segment: Hashable, Sendable {
        case globstar
        case literal([UInt8])
        case wildcard([Token])
    }

    enum Token: Hashable, Sendable {
        case byte(UInt8)
        case anyCharacter
        case star
        case characterClass(CharacterClass)
    }

    struct CharacterClass: Hashable, Sendable {
        var negated: Bool
        var ranges: [ClosedRange<UInt32>]

        func contains(_ scalar: UInt32) -> Bool {
            ranges.contains { $0.contains(scalar) } != negated
        }
    }

    private static func compile(_ bytes: [UInt8], mode: Mode) throws(GlobError) -> [Segment] {
        var text = bytes
        var anchored = mode == .exact
        if text.first == UInt8(ascii: "/") {
            anchored = true
            text.removeFirst()
        }
        var directoryOnly = false
        while text.count > 1, text.last == UInt8(ascii: "/") {
            directoryOnly = true
            text.removeLast()
        }
        guard !text.isEmpty else { throw .empty }
        if text.contains(UInt8(ascii: "/")) { anchored = true }
        var segments: [Segment] = anchored ? [] : [.globstar]
        for part in text.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            let component = Array(part)
            if component == Array("**".utf8) {
                if segments.last != .globstar { segments.append(.globstar) }
                continue
            }
            guard !component.isEmpty else { throw .emptyComponent }
            segments.append(try compileComponent(component))
        }
        // `dir/` means "the directory dir": something must lie below it.
        if directoryOnly { segments.append(mode == .codeOwners ? .globstar : .wildcard([.star])) }
        return segments
    }

    private static func compileComponent(_ bytes: [UInt8]) throws(GlobError) -> Segment {
        var tokens: [Token] = []
        var index = 0
        var isLiteral = true
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\\"):
                guard index + 1 < bytes.count else { throw .trailingBackslash }
                tokens.append(.byte(bytes[index + 1]))
                index += 2
                continue
            case UInt8(ascii: "*"):
                isLiteral = false
                if tokens.last != .star { tokens.append(.star) }
            case UInt8(ascii: "?"):
                isLiteral = false
                tokens.append(.anyCharacter)
            case UInt8(ascii: "["):
                isLiteral = false
                let (characterClass, end) = try compileClass(bytes, from: index)
                tokens.append(.characterClass(characterClass))
                index = end
                continue
            default:
                tokens.append(.byte(byte))
            }
            index += 1
        }
        if isLiteral {
            return .literal(tokens.compactMap { if case .byte(let b) = $0 { b } else { nil } })
        }
        return .wildcard(tokens)
    }

    /// Parses `[...]` starting at `start` (the `[`); returns the class and the index after `]`.
    private static func compileClass(_ bytes: [UInt8], from start: Int) throws(GlobError) -> (CharacterClass, Int) {
        var index = start + 1
        var negated = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "!") || bytes[index] == UInt8(ascii: "^") {
            negated = true
            index += 1
        }
        var ranges: [ClosedRange<UInt32>] = []
        var first = true
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "]") && !first {
                guard !ranges.isEmpty else { throw .emptyClass }
                return (CharacterClass(negated: negated, ranges: ranges), index + 1)
            }
            first = false
            var (low, next) = UTF8Scan.scalar(bytes, at: index)
            if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count {
                (low, next) = UTF8Scan.scalar(bytes, at: index + 1)
            }
            index = next
            if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "-"), bytes[index + 1] != UInt8(ascii: "]") {
                let (high, after) = UTF8Scan.scalar(bytes, at: index + 1)
                guard low <= high else { throw .badRange }
                ranges.append(low...high)
                index = after
            } else {
                ranges.append(low...low)
            }
        }
        throw .unclosedClass
    }

    // MARK: - Matching

    /// Segments against components with the standard linear wildcard algorithm, one level up:
    /// every segment but `**` matches exactly one component, so on a mismatch only the most
    /// recent `**` needs to take one more component (Russ Cox, "Glob Matching Can Be Simple
    /// And Fast Too"). Time: components × segments component matches, never exponential.
    private static func match(_ segments: [Segment], _ components: [ArraySlice<UInt8>], mode: Mode) -> Bool {
        // A matched directory prefix covers everything below it: an implicit trailing `**`
        // (CODEOWNERS: not after a wildcard segment, so `docs/*` stays one level deep).
        var implicitTail = false
        if let last = segments.last {
            switch mode {
            case .path: implicitTail = last != .globstar
            case .exact: implicitTail = false
            case .codeOwners:
                if case .wildcard = last { implicitTail = false } else { implicitTail = last != .globstar }
            }
        }
        let count = segments.count + (implicitTail ? 1 : 0)
        func segment(_ index: Int) -> Segment { index < segments.count ? segments[index] : .globstar }
        var segmentIndex = 0
        var componentIndex = 0
        var starSegment = -1
        var starComponent = 0
        while componentIndex < components.count {
            if segmentIndex < count {
                let current = segment(segmentIndex)
                if current == .globstar {
                    starSegment = segmentIndex
                    starComponent = componentIndex
                    segmentIndex += 1
                    continue
                }
                if matchSegment(current, components[componentIndex]) {
                    segmentIndex += 1
                    componentIndex += 1
                    continue
                }
            }
            guard starSegment >= 0 else { return false }
            segmentIndex = starSegment + 1
            starComponent += 1
            componentIndex = starComponent
        }
        while segmentIndex < count, segment(segmentIndex) == .globstar { segmentIndex += 1 }
        // The implicit tail needs the real pattern to have matched at least one component.
        return segmentIndex == count && (!implicitTail || !components.isEmpty)
    }

    private static func matchSegment(_ segment: Segment, _ component: ArraySlice<UInt8>) -> Bool {
        switch segment {
        case .globstar: return true
        case .literal(let bytes): return component.elementsEqual(bytes)
        case .wildcard(let tokens): return matchComponent(tokens, component)
        }
    }

    /// One component against `*`, `?`, classes and bytes: the linear wildcard algorithm (on a
    /// mismatch, the last `*` takes one more character and matching resumes after it), time
    /// at most characters × tokens.
    static func matchComponent(_ tokens: [Token], _ text: ArraySlice<UInt8>) -> Bool {
        var tokenIndex = 0
        var position = text.startIndex
        var starToken = -1
        var starPosition = text.startIndex
        while position < text.endIndex {
            if tokenIndex < tokens.count {
                switch tokens[tokenIndex] {
                case .star:
                    starToken = tokenIndex
                    starPosition = position
                    tokenIndex += 1
                    continue
                case .byte(let byte):
                    if text[position] == byte {
                        tokenIndex += 1
                        position += 1
                        continue
                    }
                case .anyCharacter:
                    tokenIndex += 1
                    position = UTF8Scan.next(text, after: position)
                    continue
                case .characterClass(let characterClass):
                    let (scalar, next) = UTF8Scan.scalar(text, at: position)
                    if characterClass.contains(scalar) {
                        tokenIndex += 1
                        position = next
                        continue
                    }
                }
            }
            guard starToken >= 0 else { return false }
            tokenIndex = starToken + 1
            starPosition = UTF8Scan.next(text, after: starPosition)
            position = starPosition
        }
        while tokenIndex < tokens.count, tokens[tokenIndex] == .star { tokenIndex += 1 }
        return tokenIndex == tokens.count
    }
}

/// A path split into components once, for matching against many globs.
public struct PathComponents: Sendable {
    public let path: String
    let components: [ArraySlice<UInt8>]

    public init(_ path: String) {
        self.path = path
        let bytes = Array(path.utf8)
        components = bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true)
    }
}

/// Why a glob does not compile; the text is shown after the pattern.
public enum GlobError: Error, Hashable, Sendable, CustomStringConvertible {
    case empty
    case emptyComponent
    case trailingBackslash
    case unclosedClass
    case emptyClass
    case badRange
    case unclosedBrace
    case tooManyAlternatives
    case tooLong

    public var description: String {
        switch self {
        case .empty: "empty pattern"
        case .emptyComponent: "empty path component ('//')"
        case .trailingBackslash: "trailing backslash escapes nothing"
        case .unclosedClass: "unclosed '[' (escape it as '\\[' to match a bracket)"
        case .emptyClass: "empty character class '[]'"
        case .badRange: "character range out of order (write [a-z], not [z-a])"
        case .unclosedBrace: "unclosed '{' (escape it as '\\{' to match a brace)"
        case .tooManyAlternatives: "braces expand to more than 256 patterns (or 8,192 bytes of patterns)"
        case .tooLong: "pattern longer than \(Glob.maximumPatternBytes) bytes"
        }
    }
}

/// `{a,b}` expansion before compilation (nested braces, `\` escapes kept for the compiler).
enum BraceExpansion {
    static func expand(_ bytes: [UInt8]) throws(GlobError) -> [[UInt8]] {
        guard let (open, close, commas) = try firstGroup(bytes) else { return [bytes] }
        let prefix = Array(bytes[..<open])
        let suffix = Array(bytes[(close + 1)...])
        var bounds = [open] + commas + [close]
        var results: [[UInt8]] = []
        var total = 0
        for index in 0..<(bounds.count - 1) {
            let option = Array(bytes[(bounds[index] + 1)..<bounds[index + 1]])
            for expanded in try expand(prefix + option + suffix) {
                results.append(expanded)
                total += expanded.count
                // Matching costs the path's length times the expanded patterns' total length.
                if results.count > 256 || total > 8192 { throw .tooManyAlternatives }
            }
        }
        bounds.removeAll()
        return results
    }

    /// The first top-level `{...}` holding a comma: its braces and top-level commas.
    private static func firstGroup(_ bytes: [UInt8]) throws(GlobError) -> (Int, Int, [Int])? {
        var index = 0
        var inClass = false
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
            } else if byte == UInt8(ascii: "{") {
                var depth = 0
                var commas: [Int] = []
                var scan = index
                while scan < bytes.count {
                    let current = bytes[scan]
                    if current == UInt8(ascii: "\\") {
                        scan += 2
                        continue
                    }
                    if current == UInt8(ascii: "{") { depth += 1 }
                    if current == UInt8(ascii: "}") {
                        depth -= 1
                        if depth == 0 {
                            if !commas.isEmpty { return (index, scan, commas) }
                            break
                        }
                    }
                    if current == UInt8(ascii: ","), depth == 1 { commas.append(scan) }
                    scan += 1
                }
                if scan >= bytes.count { throw .unclosedBrace }
            }
            index += 1
        }
        return nil
    }
}

/// Walking UTF-8 by characters (scalars) so `?` and classes match one character, not one byte.
enum UTF8Scan {
    static func next(_ bytes: ArraySlice<UInt8>, after position: Int) -> Int {
        var index = position + 1
        while index < bytes.endIndex, bytes[index] & 0xC0 == 0x80 { index += 1 }
        return index
    }

    static func scalar(_ bytes: ArraySlice<UInt8>, at position: Int) -> (UInt32, Int) {
        let end = next(bytes, after: position)
        var decoder = UTF8()
        var iterator = bytes[position..<end].makeIterator()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return (scalar.value, end) }
        return (UInt32(bytes[position]), end)
    }

    static func scalar(_ bytes: [UInt8], at position: Int) -> (UInt32, Int) {
        scalar(bytes[...], at: position)
    }
}
