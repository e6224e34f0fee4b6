/// An ordered list of globs where `!pattern` excludes: the last pattern that matches a path
/// decides, as in `.gitignore`. A list of only exclusions matches nothing.
public struct PathPatterns: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        public var glob: Glob
        public var negated: Bool
    }

    public let entries: [Entry]

    public init(_ patterns: [String]) throws(PathPatternError) {
        var entries: [Entry] = []
        for pattern in patterns {
            let negated = pattern.hasPrefix("!")
            let body = negated ? String(pattern.dropFirst()) : pattern
            do {
                entries.append(Entry(glob: try Glob(body), negated: negated))
            } catch {
                throw PathPatternError(pattern: pattern, reason: error)
            }
        }
        self.entries = entries
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// Matches nothing.
    public static let empty = PathPatterns(entries: [])

    private init(entries: [Entry]) { self.entries = entries }

    public func matches(_ path: PathComponents) -> Bool {
        for entry in entries.reversed() where entry.glob.matches(components: path) {
            return !entry.negated
        }
        return false
    }

    public func matches(_ path: String) -> Bool { matches(PathComponents(path)) }
}

public struct PathPatternError: Error, Hashable, Sendable, CustomStringConvertible {
    public var pattern: String
    public var reason: GlobError

    public var description: String { "bad glob '\(pattern)': \(reason)" }
}
