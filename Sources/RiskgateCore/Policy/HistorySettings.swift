/// The explicit rules that turn a repository's history into per-path signals. Every number is
/// here, with its default, so a report can say exactly what "quickly fixed" meant. Configured
/// under `history:` in `.riskgate.yml` (or the server's configuration).
///
/// Two of them decide how commits are linked when they are indexed (`link`): changing them
/// takes effect at the next `riskgate history build`, which re-links the stored commits
/// without reading git again. The others are applied when a commit is judged.
public struct HistorySettings: Hashable, Sendable {
    /// What makes a later change a fix of an earlier one (stored with the index).
    public var link: HistoryLinkSettings
    /// How many of a path's most recent changes the hotspot rules look at.
    public var recentChanges: Int
    /// `revert-hotspot` fires when at least this many of those changes were reverted.
    public var minimumReverted: Int
    /// `fix-hotspot` fires when at least this many of those changes were fixed, and the path's
    /// follow-ups were fixes clearly more often than the repository's (`HistoryFindings`).
    public var minimumFixed: Int
    /// `high-churn` fires when a path changed at least `churnChanges` times within
    /// `churnWindowSeconds` before the commit, by at least `churnAuthors` distinct authors.
    public var churnWindowSeconds: Int64
    public var churnChanges: Int
    public var churnAuthors: Int

    public static let day: Int64 = 86_400

    public init(
        fixSubjectWords: Set<String> = HistoryLinkSettings.standardFixWords,
        fixWindowSeconds: Int64 = 3 * HistorySettings.day, recentChanges: Int = 20, minimumReverted: Int = 2,
        minimumFixed: Int = 3, churnWindowSeconds: Int64 = 30 * HistorySettings.day, churnChanges: Int = 15,
        churnAuthors: Int = 4
    ) {
        link = HistoryLinkSettings(fixSubjectWords: fixSubjectWords, fixWindowSeconds: fixWindowSeconds)
        self.recentChanges = recentChanges
        self.minimumReverted = minimumReverted
        self.minimumFixed = minimumFixed
        self.churnWindowSeconds = churnWindowSeconds
        self.churnChanges = churnChanges
        self.churnAuthors = churnAuthors
    }

    public static let standard = HistorySettings()

    public var fixSubjectWords: Set<String> { link.fixSubjectWords }
    public var fixWindowSeconds: Int64 { link.fixWindowSeconds }

    public func isFixSubject(_ subject: String) -> Bool { link.isFixSubject(subject) }
}

/// The settings that decide which commit follows up or fixes which, applied when commits are
/// indexed. A change to a path is *followed up* when the next change to that path lands on the
/// branch later (not together with it, as part of the same merge or push of the same second)
/// and within `fixWindowSeconds`; the follow-up is a *fix* when its subject has a fix word.
/// A `Fixes: <id>` trailer or a `fixup! <subject>` commit fixes the named commit's changes to
/// the paths it touches again, at any distance, once the named commit has landed.
public struct HistoryLinkSettings: Hashable, Sendable {
    public static let standardFixWords: Set<String> = ["fix", "fixes", "fixed", "fixing", "hotfix", "bugfix", "hot-fix"]

    /// Lowercase whole words (`fix(api): ...`, `Hotfix for ...`, `[fix] ...`).
    public var fixSubjectWords: Set<String>
    public var fixWindowSeconds: Int64

    public init(fixSubjectWords: Set<String> = standardFixWords, fixWindowSeconds: Int64 = 3 * HistorySettings.day) {
        self.fixSubjectWords = Set(fixSubjectWords.map { $0.lowercased() })
        self.fixWindowSeconds = fixWindowSeconds
    }

    /// Whether a subject reads as a fix: one of the words, split at anything but letters, digits
    /// and `-` (`fix(api): ...`, `Hotfix for ...`, `[fix] ...`). `prefix` or `fixture` never
    /// match, and neither does a revert.
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

    /// Whether a configured fix word can match at all: letters, digits and `-` only.
    public static func isValidFixWord(_ word: String) -> Bool {
        !word.isEmpty && word.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
    }

    /// One line for the index header: `window=<seconds> words=<word>,<word>` (sorted; words are
    /// letters, digits and `-`, so nothing needs escaping).
    public var encoded: String {
        "window=\(fixWindowSeconds) words=" + fixSubjectWords.sorted().joined(separator: ",")
    }

    public init?(encoded text: String) {
        var window: Int64?
        var words: Set<String>?
        for field in text.split(separator: " ", omittingEmptySubsequences: true) {
            if field.hasPrefix("window=") {
                window = Int64(field.dropFirst(7))
            } else if field.hasPrefix("words=") {
                words = Set(field.dropFirst(6).split(separator: ",").map(String.init))
            } else {
                return nil
            }
        }
        guard let window, window >= 0, let words, words.allSatisfy(HistoryLinkSettings.isValidFixWord) else { return nil }
        self.init(fixSubjectWords: words, fixWindowSeconds: window)
    }
}

/// `history:` in the configuration: whether history findings are used, and their settings.
public struct HistoryConfiguration: Hashable, Sendable {
    /// false: history findings are off (reports and hooks never open the index).
    public var enabled: Bool
    public var settings: HistorySettings

    public init(enabled: Bool = true, settings: HistorySettings = .standard) {
        self.enabled = enabled
        self.settings = settings
    }

    public static let standard = HistoryConfiguration()
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
            description: "Touches a path whose recent changes, once landed, needed a fix within days clearly more often than changes elsewhere in the repository.", points: 5),
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
