/// One replayed commit: what riskgate would have said about it then, and whether it was
/// reverted later.
public struct CalibrationSample: Hashable, Sendable {
    public var id: ObjectID
    /// Findings of the configured rules (no history signals).
    public var findings: [Finding]
    /// History findings, from the history before the commit only.
    public var historyFindings: [Finding]
    public var laterReverted: Bool

    public init(id: ObjectID, findings: [Finding], historyFindings: [Finding], laterReverted: Bool) {
        self.id = id
        self.findings = findings
        self.historyFindings = historyFindings
        self.laterReverted = laterReverted
    }

    public var score: Int { CommitAnalysis.score(of: findings) }
    public var scoreWithHistory: Int { CommitAnalysis.score(of: findings + historyFindings) }
}

/// How well one rule (or category) picks out commits that were later reverted.
public struct Lift: Hashable, Sendable {
    /// A rule id, or a category.
    public var key: String
    public var category: String
    /// Commits it fired on, and how many of those were reverted later.
    public var triggered: Int
    public var reverted: Int
    /// reverted / triggered, and that rate over the base rate, with a 95% Wilson interval.
    public var rate: Double
    public var lift: Double
    public var liftLower: Double
    public var liftUpper: Double
}

/// Replay statistics: base rate, per-rule and per-category lift, ROC AUC of the score.
public struct CalibrationReport: Sendable {
    public var commits: Int
    public var reverted: Int
    public var baseRate: Double
    public var rules: [Lift]
    public var categories: [Lift]
    /// nil when there is nothing to rank (no reverted or no unreverted commit).
    public var auc: Double?
    public var aucWithHistory: Double?

    public init(samples: [CalibrationSample]) {
        commits = samples.count
        reverted = samples.filter(\.laterReverted).count
        baseRate = commits == 0 ? 0 : Double(reverted) / Double(commits)
        var byRule: [String: (category: String, triggered: Int, reverted: Int)] = [:]
        var byCategory: [String: (triggered: Int, reverted: Int)] = [:]
        for sample in samples {
            let all = sample.findings + sample.historyFindings
            for rule in Set(all.map { RuleKey(id: $0.rule, category: $0.category) }) {
                var entry = byRule[rule.id] ?? (rule.category, 0, 0)
                entry.triggered += 1
                if sample.laterReverted { entry.reverted += 1 }
                byRule[rule.id] = entry
            }
            for category in Set(all.map(\.category)) {
                var entry = byCategory[category] ?? (0, 0)
                entry.triggered += 1
                if sample.laterReverted { entry.reverted += 1 }
                byCategory[category] = entry
            }
        }
        let base = baseRate
        rules = byRule.map { CalibrationReport.lift(key: $0.key, category: $0.value.category, $0.value.triggered, $0.value.reverted, base: base) }
            .sorted { ($0.lift, $1.key) > ($1.lift, $0.key) }
        categories = byCategory.map { CalibrationReport.lift(key: $0.key, category: $0.key, $0.value.triggered, $0.value.reverted, base: base) }
            .sorted { ($0.lift, $1.key) > ($1.lift, $0.key) }
        let labels = samples.map(\.laterReverted)
        auc = Statistics.rocAUC(scores: samples.map { Double($0.score) }, labels: labels)
        aucWithHistory = Statistics.rocAUC(scores: samples.map { Double($0.scoreWithHistory) }, labels: labels)
    }

    private struct RuleKey: Hashable {
        var id: String
        var category: String
    }

    static func lift(key: String, category: String, _ triggered: Int, _ reverted: Int, base: Double) -> Lift {
        let rate = triggered == 0 ? 0 : Double(reverted) / Double(triggered)
        let interval = Statistics.wilson(successes: reverted, trials: triggered)
        let scale = base > 0 ? 1 / base : 0
        return Lift(
            key: key, category: category, triggered: triggered, reverted: reverted, rate: rate, lift: rate * scale,
            liftLower: interval.lower * scale, liftUpper: interval.upper * scale)
    }

    /// Proposed points per rule, for a person to review: a rule whose whole 95% interval lies
    /// above the base rate gains points in proportion to its lift (at most 3x), one whose
    /// interval lies below loses them (down to a quarter); a rule seen fewer than
    /// `minimumTriggered` times, or whose interval contains 1, keeps its points.
    public func proposedPoints(current: [String: Int], minimumTriggered: Int = 10) -> [ProposedPoints] {
        rules.compactMap { lift in
            guard let points = current[lift.key] else { return nil }
            var proposed = points
            var reason = "keep: interval \(Statistics.format(lift.liftLower))–\(Statistics.format(lift.liftUpper)) contains 1"
            if lift.triggered < minimumTriggered {
                reason = "keep: fired on only \(lift.triggered) commit\(lift.triggered == 1 ? "" : "s")"
            } else if lift.liftLower > 1 {
                proposed = Int((Double(points) * min(lift.lift, 3)).rounded())
                reason = "raise: lift \(Statistics.format(lift.lift)) (95% CI \(Statistics.format(lift.liftLower))–\(Statistics.format(lift.liftUpper)))"
            } else if lift.liftUpper < 1 {
                proposed = Int((Double(points) * max(lift.lift, 0.25)).rounded())
                reason = "lower: lift \(Statistics.format(lift.lift)) (95% CI \(Statistics.format(lift.liftLower))–\(Statistics.format(lift.liftUpper)))"
            }
            return ProposedPoints(rule: lift.key, current: points, proposed: max(0, min(100, proposed)), reason: reason)
        }
        .sorted { $0.rule < $1.rule }
    }
}

public struct ProposedPoints: Hashable, Sendable {
    public var rule: String
    public var current: Int
    public var proposed: Int
    public var reason: String
}

public enum Statistics {
    /// The 95% Wilson score interval of a proportion (good for small counts and rates near 0).
    public static func wilson(successes: Int, trials: Int, z: Double = 1.959964) -> (lower: Double, upper: Double) {
        guard trials > 0 else { return (0, 1) }
        let n = Double(trials)
        let p = Double(successes) / n
        let z2 = z * z
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / (1 + z2 / n)
        return (max(0, centre - half), min(1, centre + half))
    }

    /// ROC AUC by the Mann–Whitney statistic with mid-ranks for ties: the chance that a random
    /// positive scores above a random negative (ties count half). nil without both classes.
    public static func rocAUC(scores: [Double], labels: [Bool]) -> Double? {
        let positives = labels.filter { $0 }.count
        let negatives = labels.count - positives
        guard positives > 0, negatives > 0, scores.count == labels.count else { return nil }
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var rankSum = 0.0
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count, scores[order[end + 1]] == scores[order[start]] { end += 1 }
            let midRank = Double(start + end) / 2 + 1
            for index in order[start...end] where labels[index] { rankSum += midRank }
            start = end + 1
        }
        let p = Double(positives)
        return (rankSum - p * (p + 1) / 2) / (p * Double(negatives))
    }

    /// Two decimals, without Foundation.
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        let scaled = Int((value * 100).rounded())
        let sign = scaled < 0 ? "-" : ""
        let magnitude = abs(scaled)
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
