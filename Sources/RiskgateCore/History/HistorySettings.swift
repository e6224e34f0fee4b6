/// The explicit rules that turn a repository's history into per-path signals. Every number is
/// here, with its default, so a report can say exactly what "quickly fixed" meant.
public struct HistorySettings: Hashable, Sendable {
    /// A commit whose subject has one of these words (case-insensitive, whole words) and that
    /// touches a path changed at most `fixWindowSeconds` earlier counts as fixing that change.
    public var fixSubjectWords: Set<String>
    public var fixWindowSeconds: Int64
    /// How many of a path's most recent changes the hotspot rules look at.
    public var recentChanges: Int
    /// `revert-hotspot` fires when at least this many of those changes were reverted.
    public var minimumReverted: Int
    /// `fix-hotspot` fires when at least this many of those changes were quickly fixed.
    public var minimumFixed: Int
    /// `high-churn` fires when a path changed at least `churnChanges` times within
    /// `churnWindowSeconds` before the commit, by at least `churnAuthors` distinct authors.
    public var churnWindowSeconds: Int64
    public var churnChanges: Int
    public var churnAuthors: Int

    public static let day: Int64 = 86_400

    public init(
        fixSubjectWords: Set<String> = ["fix", "fixes", "fixed", "fixing", "hotfix", "bugfix", "hot-fix"],
        fixWindowSeconds: Int64 = 3 * HistorySettings.day, recentChanges: Int = 20, minimumReverted: Int = 2,
        minimumFixed: Int = 3, churnWindowSeconds: Int64 = 30 * HistorySettings.day, churnChanges: Int = 15,
        churnAuthors: Int = 4
    ) {
        self.fixSubjectWords = Set(fixSubjectWords.map { $0.lowercased() })
        self.fixWindowSeconds = fixWindowSeconds
        self.recentChanges = recentChanges
        self.minimumReverted = minimumReverted
        self.minimumFixed = minimumFixed
        self.churnWindowSeconds = churnWindowSeconds
        self.churnChanges = churnChanges
        self.churnAuthors = churnAuthors
    }

    public static let standard = HistorySettings()

    /// Whether a subject reads as a fix: one of the words, split at anything but letters, digits
    /// and `-` (`fix(api): ...`, `Hotfix for ...`, `[fix] ...`). `prefix` or `fixture` never match.
    public func isFixSubject(_ subject: String) -> Bool {
        if MessageSignals.revertedSubject(subject) != nil { return false }
        var word = ""
        for character in subject.lowercased() {
            if character.isLetter || character.isNumber || character == "-" {
                word.append(character)
                continue
            }
            if fixSubjectWords.contains(word) { return true }
            word = ""
        }
        return fixSubjectWords.contains(word)
    }
}

/// The history rules' ids, descriptions and default points. Listed, disabled and re-weighted by
/// id (`rules.points`, `rules.disable`) like every other rule.
extension BuiltInRule {
    public enum HistoryRuleID {
        public static let revertHotspot = "revert-hotspot"
        public static let fixHotspot = "fix-hotspot"
        public static let highChurn = "high-churn"
    }

    public static let historyCategory = "history"

    /// Modest points: a revert is a noisy proxy for risk, and `calibrate` can tune them.
    public static let history: [BuiltInRule] = [
        BuiltInRule(
            id: HistoryRuleID.revertHotspot, category: historyCategory,
            description: "Touches a path whose recent changes were reverted again and again (a revert hotspot).",
            points: 10),
        BuiltInRule(
            id: HistoryRuleID.fixHotspot, category: historyCategory,
            description: "Touches a path whose recent changes were often followed by a fix within days.", points: 5),
        BuiltInRule(
            id: HistoryRuleID.highChurn, category: historyCategory,
            description: "Touches a path that many people changed many times in the last weeks.", points: 3),
    ]
}

/// Points per history rule after configuration; a disabled rule is absent.
public struct HistoryRules: Hashable, Sendable {
    public var points: [String: Int]

    public init(points: [String: Int]) { self.points = points }

    public static let standard = HistoryRules(
        points: Dictionary(uniqueKeysWithValues: BuiltInRule.history.map { ($0.id, $0.points) }))

    /// Applies `rules.disable` and `rules.points` (ids of other rules are ignored here).
    public static func configured(disabled: [String], points overrides: [String: Int]) -> HistoryRules {
        var rules = HistoryRules.standard
        for (id, value) in overrides where rules.points[id] != nil { rules.points[id] = value }
        for id in disabled { rules.points[id] = nil }
        return rules
    }

    /// The history rules of a configured rule set (`BuiltInRule.all` includes them): their
    /// points, and a rule the set no longer has is disabled.
    public init(ruleSet: RuleSet) {
        var points: [String: Int] = [:]
        for rule in BuiltInRule.history {
            if let configured = ruleSet.builtIn(rule.id) { points[rule.id] = configured.points }
        }
        self.points = points
    }
}
