/// One reason a commit or range carries risk. Every point of a score is a finding.
public struct Finding: Hashable, Sendable {
    public var rule: String
    public var category: String
    public var points: Int
    public var message: String
    public var path: String?
    public var line: Int?
    /// `commit:path:rule[:line]` (`commit::rule` without a path), stable for baselines.
    public var fingerprint: String

    public init(
        rule: String, category: String, points: Int, message: String, commit: ObjectID?, path: String? = nil,
        line: Int? = nil
    ) {
        self.rule = rule
        self.category = category
        self.points = points
        self.message = message
        self.path = path
        self.line = line
        self.fingerprint = Finding.fingerprint(commit: commit, path: path, rule: rule, line: line)
    }

    public static func fingerprint(commit: ObjectID?, path: String?, rule: String, line: Int?) -> String {
        var text = "\(commit?.hex ?? "range"):\(path ?? ""):\(rule)"
        if let line { text += ":\(line)" }
        return text
    }
}

/// Ordering used everywhere findings are shown: most points first, then stable keys.
extension Finding: Comparable {
    public static func < (lhs: Finding, rhs: Finding) -> Bool {
        if lhs.points != rhs.points { return lhs.points > rhs.points }
        return lhs.fingerprint < rhs.fingerprint
    }
}
