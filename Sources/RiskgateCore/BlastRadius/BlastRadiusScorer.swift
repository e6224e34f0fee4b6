/// The rule engine: pack rules on paths and changed lines, change metrics, interactions and
/// CODEOWNERS, as one `RiskScoring` stage.
///
/// Each pack rule counts once per commit, at its first matching path (or line), so fifty
/// touched Terraform files do not add fifty times; the message says how many matched.
public struct BlastRadiusScorer: RiskScoring {
    public let rules: RuleSet
    public var lines: any ChangedLinesProvider
    public var codeOwners: any CodeOwnersProvider
    private let cache: PathMatchCache

    /// - Parameter pathCache: which rules match which path; scorers on several threads share
    ///   one built from the same `rules`, so each distinct path is matched once per process.
    public init(
        rules: RuleSet, lines: any ChangedLinesProvider = NoChangedLines(),
        codeOwners: any CodeOwnersProvider = NoCodeOwners(), pathCache: PathMatchCache? = nil
    ) {
        self.rules = rules
        self.lines = lines
        self.codeOwners = codeOwners
        cache = pathCache ?? PathMatchCache(rules: rules.rules)
    }

    public func assess(_ context: CommitContext) -> RiskAssessment {
        let commit = context.commit
        var fileCategories: [[String]] = commit.files.map { _ in [] }
        var matchesByRule: [Int: [Int]] = [:]
        for (fileIndex, file) in commit.files.enumerated() {
            for ruleIndex in cache.rules(matching: file) {
                matchesByRule[ruleIndex, default: []].append(fileIndex)
            }
        }

        var blastFindings: [Finding] = []
        var linesCache: [Int: ChangedLines] = [:]
        // Files content rules could not read: the rules that would have looked at them.
        var unscanned: [(fileIndex: Int, reason: String, rules: [Int])] = []
        var firedRules = Set<Int>()
        for ruleIndex in matchesByRule.keys.sorted() {
            let rule = rules.rules[ruleIndex]
            guard rule.applies(to: context.authorship), let fileIndices = matchesByRule[ruleIndex] else { continue }
            if !rule.hasContent {
                for index in fileIndices { fileCategories[index].append(rule.category) }
                let paths = fileIndices.map { commit.files[$0].path }
                let more = paths.count > 1 ? " (and \(paths.count - 1) more)" : ""
                blastFindings.append(
                    Finding(
                        rule: rule.id, category: rule.category, points: rule.points,
                        message: rule.description + more, commit: commit.id, path: paths[0]))
                continue
            }
            var first: (path: String, side: ContentPattern.Side, line: ChangedLine)?
            var matchingFiles = 0
            for index in fileIndices {
                let file = commit.files[index]
                if file.isSubmodule || (file.binary && !TextFormats.isText(path: file.path)) { continue }
                let changed = linesCache[index] ?? lines.changedLines(of: file, in: commit)
                linesCache[index] = changed
                if let reason = changed.notScanned {
                    if let position = unscanned.firstIndex(where: { $0.fileIndex == index }) {
                        unscanned[position].rules.append(ruleIndex)
                    } else {
                        unscanned.append((index, reason, [ruleIndex]))
                    }
                    continue
                }
                guard let match = rule.firstContentMatch(in: changed) else { continue }
                matchingFiles += 1
                fileCategories[index].append(rule.category)
                if first == nil { first = (file.path, match.side, match.line) }
            }
            guard let first else { continue }
            firedRules.insert(ruleIndex)
            let more = matchingFiles > 1 ? " (and \(matchingFiles - 1) more files)" : ""
            let shown = BlastRadiusScorer.shorten(first.line.text)
            blastFindings.append(
                Finding(
                    rule: rule.id, category: rule.category, points: rule.points,
                    message: "\(rule.description) \(first.side.rawValue) line: `\(shown)`\(more)", commit: commit.id,
                    path: first.path, line: first.side == .added ? first.line.number : nil))
        }

        if let finding = notScannedFinding(unscanned, fired: firedRules, commit: commit) {
            blastFindings.append(finding)
            for file in unscanned { fileCategories[file.fileIndex].append(finding.category) }
        }

        blastFindings = annotateOwners(blastFindings, commit: commit)
        let metrics = ChangeMetrics(commit)
        var findings = blastFindings
        findings += metrics.findings(rules: rules, commit: commit.id)
        findings += Interactions.findings(context: context, blastFindings: blastFindings, metrics: metrics, rules: rules)
        for index in fileCategories.indices {
            var seen = Set<String>()
            fileCategories[index] = fileCategories[index].filter { seen.insert($0).inserted }.sorted()
        }
        return RiskAssessment(fileCategories: fileCategories, findings: findings)
    }

    /// One `content-not-scanned` finding for the files content rules could not read: never
    /// silence. It is worth as much as the strongest content rule that would have searched them
    /// and did not fire elsewhere in the commit, in that rule's category, so padding a file past
    /// the size limit cannot lower the score below what that rule would give. (Not their sum:
    /// a large generated file would then be critical by default.)
    private func notScannedFinding(
        _ unscanned: [(fileIndex: Int, reason: String, rules: [Int])], fired: Set<Int>, commit: CommitSnapshot
    ) -> Finding? {
        guard let first = unscanned.first else { return nil }
        var ruleIndices: [Int] = []
        for file in unscanned {
            for index in file.rules where !ruleIndices.contains(index) { ruleIndices.append(index) }
        }
        let all = ruleIndices.map { rules.rules[$0] }
        let strongest = ruleIndices.filter { !fired.contains($0) }.map { rules.rules[$0] }.max { $0.points < $1.points }
        let more = unscanned.count > 1 ? " (and \(unscanned.count - 1) more files)" : ""
        let ids = all.map(\.id).joined(separator: ", ")
        return Finding(
            rule: BlastRadiusScorer.notScannedRule, category: strongest?.category ?? all.first?.category ?? "content",
            points: strongest?.points ?? 0,
            message: "Not scanned by content rules (\(first.reason)): \(ids) could not look at its lines; review it by hand\(more).",
            commit: commit.id, path: commit.files[first.fileIndex].path)
    }

    /// The id of the finding for files whose content could not be read.
    public static let notScannedRule = "content-not-scanned"

    /// Names the CODEOWNERS owners of each high-blast-radius finding's path, with the line that
    /// decided, so the reviewer to ask is in the finding. The file is read only when needed.
    private func annotateOwners(_ findings: [Finding], commit: CommitSnapshot) -> [Finding] {
        let risky = findings.contains { Interactions.highBlastRadiusCategories.contains($0.category) && $0.path != nil }
        guard risky, let owners = codeOwners.codeOwners(for: commit) else { return findings }
        return findings.map { finding in
            guard Interactions.highBlastRadiusCategories.contains(finding.category), let path = finding.path,
                let entry = owners.entry(for: path)
            else { return finding }
            var annotated = finding
            if entry.owners.isEmpty {
                annotated.message += " [no code owner: \(owners.path):\(entry.line) `\(entry.pattern)` leaves it unowned]"
            } else {
                annotated.message += " [owners: \(entry.owners.joined(separator: " ")) from \(owners.path):\(entry.line) `\(entry.pattern)`; ask them to review]"
            }
            return annotated
        }
    }

    static func shorten(_ text: String) -> String {
        var trimmed = Substring(text)
        while let first = trimmed.first, first == " " || first == "\t" { trimmed = trimmed.dropFirst() }
        return trimmed.count > 100 ? String(trimmed.prefix(97)) + "..." : String(trimmed)
    }
}
