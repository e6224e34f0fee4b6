/// What to do about a range, following the playbook of the outages behind riskgate (SPEC §4):
/// stage the roll-out of high-risk AI changes to deploy paths, get a second reviewer from
/// CODEOWNERS, split oversized AI changes, add the missing traceability.
///
/// Fed one commit at a time; it keeps counts and a few examples per advice, never the range,
/// so memory stays flat however long the history is.
public struct Recommendations: Sendable {
    /// When a commit counts as high risk, touches deploy paths or is oversized.
    public struct Settings: Hashable, Sendable {
        /// Categories (or category prefixes before a `-`) that mean "this reaches production".
        public var deployCategories: Set<String>
        /// A staged roll-out is advised from this level on.
        public var stagedRolloutAt: RiskLevel
        /// A second reviewer is advised from this level on.
        public var secondReviewerAt: RiskLevel
        /// An AI change is oversized above this many changed lines or files.
        public var oversizedLines: Int
        public var oversizedFiles: Int
        /// Commits named per advice (the riskiest ones).
        public var examples: Int

        public init(
            deployCategories: Set<String> = Recommendations.standardDeployCategories, stagedRolloutAt: RiskLevel = .high,
            secondReviewerAt: RiskLevel = .medium, oversizedLines: Int = 400, oversizedFiles: Int = 20, examples: Int = 3
        ) {
            self.deployCategories = deployCategories
            self.stagedRolloutAt = stagedRolloutAt
            self.secondReviewerAt = secondReviewerAt
            self.oversizedLines = oversizedLines
            self.oversizedFiles = oversizedFiles
            self.examples = max(1, examples)
        }

        public static let standard = Settings()
    }

    public static let standardDeployCategories: Set<String> = [
        "infrastructure", "infra", "deploy", "ci", "database", "production", "security", "kubernetes", "terraform",
    ]

    /// A commit named by an advice, kept small.
    struct Example: Hashable, Sendable {
        var score: Int
        var order: Int
        var sha: String
        var detail: String
    }

    private let settings: Settings
    private var order = 0
    private var staged: [Example] = []
    private var stagedCount = 0
    private var review: [Example] = []
    private var reviewCount = 0
    private var owners: Set<String> = []
    private var reviewPaths: Set<String> = []
    private var oversized: [Example] = []
    private var oversizedCount = 0
    private var untraced: [Example] = []
    private var untracedCount = 0
    private var malformedCount = 0

    public init(settings: Settings = .standard) { self.settings = settings }

    public mutating func add(_ analysis: CommitAnalysis) {
        order += 1
        // Every recommendation is about AI commits; a human commit costs nothing here.
        guard analysis.authorship.isAI else { return }
        let sha = analysis.commit.id.abbreviated(10)
        let limit = settings.examples
        let touched = Self.deployCategories(of: analysis, in: settings.deployCategories)
        if analysis.level >= settings.stagedRolloutAt, !touched.isEmpty {
            stagedCount += 1
            Self.keep(&staged, Example(score: analysis.score, order: order, sha: sha, detail: touched.joined(separator: ", ")), limit: limit)
        }
        // A second reviewer for AI changes that reach deploy paths or name their owners.
        // (Owners are parsed out of messages only for the AI commits this can apply to.)
        if analysis.level >= settings.secondReviewerAt,
            case let named = Self.owners(in: analysis.findings), !touched.isEmpty || !named.isEmpty
        {
            reviewCount += 1
            owners.formUnion(named)
            if reviewPaths.count < 50 { reviewPaths.formUnion(Self.riskyPaths(of: analysis).prefix(5)) }
            Self.keep(&review, Example(score: analysis.score, order: order, sha: sha, detail: ""), limit: limit)
        }
        let size = Self.size(of: analysis.commit)
        if size.lines > settings.oversizedLines || size.files > settings.oversizedFiles {
            oversizedCount += 1
            Self.keep(
                &oversized,
                Example(score: analysis.score, order: order, sha: sha, detail: "\(size.files) files, \(size.lines) lines"),
                limit: limit)
        }
        if analysis.traceability.status == .missing || analysis.traceability.status == .malformed {
            untracedCount += 1
            if analysis.traceability.status == .malformed { malformedCount += 1 }
            Self.keep(&untraced, Example(score: analysis.score, order: order, sha: sha, detail: ""), limit: limit)
        }
    }

    /// The advice, most urgent first; the same input gives the same sentences.
    public func recommendations() -> [String] {
        var out: [String] = []
        if stagedCount > 0 {
            let first = staged.first.map { " (\($0.detail))" } ?? ""
            out.append(
                "Stage the roll-out: \(Self.commits(stagedCount, staged)) \(stagedCount == 1 ? "is a" : "are")"
                    + " high-risk AI change\(stagedCount == 1 ? "" : "s") to deploy paths\(first); ship behind a canary"
                    + " or a staged roll-out with a tested rollback.")
        }
        if reviewCount > 0 {
            // CODEOWNERS is named only when it named someone: without the file (or an owner for
            // these paths) the advice is a second reviewer, not a file that is not there.
            let who = owners.isEmpty ? "a second reviewer" : owners.sorted().joined(separator: " ")
            let paths = reviewPaths.sorted().prefix(3)
            let whereText = paths.isEmpty ? "" : " of \(paths.joined(separator: ", "))"
            out.append(
                "Ask \(who)\(owners.isEmpty ? whereText : " (CODEOWNERS\(whereText))") to review"
                    + " \(Self.commits(reviewCount, review)) before merging.")
        }
        if oversizedCount > 0 {
            let first = oversized.first.map { " (\($0.detail))" } ?? ""
            out.append(
                "Split the change: \(Self.commits(oversizedCount, oversized)) \(oversizedCount == 1 ? "is an" : "are")"
                    + " oversized AI change\(oversizedCount == 1 ? "" : "s")\(first); smaller commits get real review"
                    + " and revert cleanly.")
        }
        if untracedCount > 0 {
            let what = malformedCount == untracedCount ? "a malformed" : "no valid"
            out.append(
                "Add the missing traceability: \(Self.commits(untracedCount, untraced)) \(untracedCount == 1 ? "has" : "have")"
                    + " \(what) AI-Session link; add it with"
                    + " `git commit --amend --trailer \"AI-Session: <url>\"` (older commits: `git rebase -i`).")
        }
        return out
    }

    // MARK: - Per commit

    /// The next steps for one commit, for the reports that show commits one by one.
    public static func nextSteps(for analysis: CommitAnalysis, settings: Settings = .standard) -> [String] {
        var steps: [String] = []
        let ai = analysis.authorship.isAI
        switch analysis.traceability.status {
        case .missing where ai:
            steps.append("link the session: `git commit --amend --trailer \"AI-Session: <url>\"`")
        case .malformed where ai:
            steps.append("fix the session link: `git commit --amend --trailer \"AI-Session: <url>\"`")
        default: break
        }
        let touched = deployCategories(of: analysis, in: settings.deployCategories)
        let named = owners(in: analysis.findings)
        if !named.isEmpty, analysis.level >= settings.secondReviewerAt {
            steps.append("ask \(named.sorted().joined(separator: " ")) (CODEOWNERS) for review")
        } else if ai, !touched.isEmpty, analysis.level >= settings.secondReviewerAt {
            steps.append("ask a second reviewer of \(riskyPaths(of: analysis).first ?? "the touched paths")")
        }
        let size = size(of: analysis.commit)
        if ai, size.lines > settings.oversizedLines || size.files > settings.oversizedFiles {
            steps.append("split it: \(size.files) files, \(size.lines) lines is too much to review at once")
        }
        if ai, analysis.level >= settings.stagedRolloutAt, !touched.isEmpty {
            steps.append("stage the roll-out (canary first) with a tested rollback: it touches \(touched.joined(separator: ", "))")
        }
        return steps
    }

    // MARK: - Helpers

    /// The deploy categories a commit touches (files and findings), sorted.
    static func deployCategories(of analysis: CommitAnalysis, in deploy: Set<String>) -> [String] {
        var found = Set<String>()
        for categories in analysis.fileCategories {
            for category in categories where isDeploy(category, deploy) { found.insert(category) }
        }
        for finding in analysis.findings where isDeploy(finding.category, deploy) { found.insert(finding.category) }
        return found.sorted()
    }

    static func isDeploy(_ category: String, _ deploy: Set<String>) -> Bool {
        if deploy.contains(category) { return true }
        guard let dash = category.firstIndex(of: "-") else { return false }
        return deploy.contains(String(category[..<dash]))
    }

    /// Owners named in findings: the `[owners: @a @org/team a@example.com from CODEOWNERS:3 ...]`
    /// note the blast-radius scorer appends, else any `@user` or `@org/team` in the message.
    public static func owners(in findings: [Finding]) -> Set<String> {
        var found = Set<String>()
        for finding in findings {
            if let note = finding.message.ranges(of: "[owners: ").first {
                let rest = finding.message[note.upperBound...]
                let list = rest.ranges(of: " from ").first.map { rest[..<$0.lowerBound] } ?? rest.prefix { $0 != "]" }
                for owner in list.split(separator: " ") where !owner.isEmpty { found.insert(String(owner)) }
                continue
            }
            for word in finding.message.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "(" || $0 == ")" }) {
                guard word.hasPrefix("@"), word.count > 1 else { continue }
                let trimmed = word.trimmingSuffix { $0 == "." || $0 == ";" || $0 == ":" }
                if trimmed.count > 1, trimmed.dropFirst().allSatisfy(isHandleCharacter) { found.insert(String(trimmed)) }
            }
        }
        return found
    }

    private static func isHandleCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "-" || character == "_" || character == "/"
            || character == "."
    }

    /// Paths named by findings, most points first (findings arrive sorted).
    static func riskyPaths(of analysis: CommitAnalysis) -> [String] {
        var paths: [String] = []
        for finding in analysis.findings {
            if let path = finding.path, !paths.contains(path) { paths.append(path) }
        }
        return paths
    }

    static func size(of commit: CommitSnapshot) -> (files: Int, lines: Int) {
        var lines = 0
        for file in commit.files { lines += (file.added ?? 0) + (file.deleted ?? 0) }
        return (commit.files.count, lines)
    }

    private static func keep(_ examples: inout [Example], _ example: Example, limit: Int) {
        examples.append(example)
        examples.sort { $0.score != $1.score ? $0.score > $1.score : $0.order < $1.order }
        if examples.count > limit { examples.removeLast(examples.count - limit) }
    }

    private static func commits(_ count: Int, _ examples: [Example]) -> String {
        let named = examples.map(\.sha).joined(separator: ", ")
        if count == 1 { return named }
        let more = count > examples.count ? " and \(count - examples.count) more" : ""
        return "\(count) commits (\(named)\(more))"
    }
}

extension Substring {
    fileprivate func trimmingSuffix(while predicate: (Character) -> Bool) -> Substring {
        var end = endIndex
        while end > startIndex, predicate(self[index(before: end)]) { end = index(before: end) }
        return self[startIndex..<end]
    }
}
