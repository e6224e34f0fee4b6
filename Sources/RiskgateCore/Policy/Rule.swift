/// One blast-radius rule from a pack: which paths (and optionally which changed lines, and
/// which kinds of authorship) it fires on, what category it puts them in, and how many points
/// it adds. Decoded and validated by `RiskgateRulePacks`; matched by `RuleEngine`.
public struct Rule: Sendable {
    public var id: String
    public var category: String
    /// One line saying why a change here is risky.
    public var description: String
    public var points: Int
    public var paths: PathPatterns
    /// Any one pattern matching any line of its side fires the rule; empty: paths alone decide.
    public var content: [ContentPattern]
    /// A changed line that one of these also matches is not a content match (the exclusions
    /// a linear-time engine cannot write as lookaround, like gitleaks' allowlist regexes).
    public var unless: [LinearRegex]
    /// Fires only for these kinds of authorship; nil: any.
    public var authorship: Set<Authorship.Kind>?
    public var examples: [RuleExample]
    /// Where the rule came from (`default/terraform.yaml`, a path), for `rules list`.
    public var origin: String

    public init(
        id: String, category: String, description: String, points: Int, paths: PathPatterns,
        content: [ContentPattern] = [], unless: [LinearRegex] = [], authorship: Set<Authorship.Kind>? = nil, examples: [RuleExample] = [],
        origin: String = ""
    ) {
        self.id = id
        self.category = category
        self.description = description
        self.points = points
        self.paths = paths
        self.content = content
        self.unless = unless
        self.authorship = authorship
        self.examples = examples
        self.origin = origin
    }

    public var hasContent: Bool { !content.isEmpty }

    public func applies(to authorship: Authorship) -> Bool {
        self.authorship?.contains(authorship.kind) ?? true
    }

    /// The first line of `lines` that a content pattern matches, with its side.
    public func firstContentMatch(in lines: ChangedLines) -> (side: ContentPattern.Side, line: ChangedLine)? {
        for side in ContentPattern.Side.allCases {
            let patterns = content.filter { $0.side == side }
            if patterns.isEmpty { continue }
            for line in lines.lines(side) where patterns.contains(where: { $0.matches(line.text) }) && !isExcluded(line.text) {
                return (side, line)
            }
        }
        return nil
    }

    /// True when an `unless` pattern matches the line.
    func isExcluded(_ text: String) -> Bool {
        unless.contains { $0.search(text) }
    }

    /// Every line of `lines` that a content pattern matches.
    public func contentMatchCount(in lines: ChangedLines) -> Int {
        var count = 0
        for side in ContentPattern.Side.allCases {
            let patterns = content.filter { $0.side == side }
            if patterns.isEmpty { continue }
            count += lines.lines(side).filter { line in
                patterns.contains { $0.matches(line.text) } && !isExcluded(line.text)
            }.count
        }
        return count
    }
}

/// An example a rule must (or must not) fire on: a path, optionally lines, optionally a kind
/// of authorship.
public struct RuleExample: Hashable, Sendable {
    public var path: String
    public var added: [String]
    public var removed: [String]
    public var authorship: Authorship.Kind?
    public var shouldMatch: Bool
    /// Line in the pack file, for failure messages.
    public var line: Int

    public init(
        path: String, added: [String] = [], removed: [String] = [], authorship: Authorship.Kind? = nil,
        shouldMatch: Bool, line: Int = 0
    ) {
        self.path = path
        self.added = added
        self.removed = removed
        self.authorship = authorship
        self.shouldMatch = shouldMatch
        self.line = line
    }

    public var changedLines: ChangedLines {
        ChangedLines(
            added: added.enumerated().map { ChangedLine(number: $0.offset + 1, text: $0.element) },
            removed: removed.enumerated().map { ChangedLine(number: $0.offset + 1, text: $0.element) })
    }
}

extension Rule {
    /// Whether the rule fires on one file with these lines, for this authorship.
    public func fires(onPath path: String, lines: ChangedLines, authorship kind: Authorship.Kind) -> Bool {
        guard self.authorship?.contains(kind) ?? true else { return false }
        guard paths.matches(path) else { return false }
        return content.isEmpty || firstContentMatch(in: lines) != nil
    }

    /// The examples that do not behave as declared (empty: the rule is right).
    public func failingExamples() -> [RuleExample] {
        examples.filter { example in
            let kind = example.authorship ?? Authorship.Kind.allCases.first { authorship?.contains($0) ?? true } ?? .human
            return fires(onPath: example.path, lines: example.changedLines, authorship: kind) != example.shouldMatch
        }
    }
}
