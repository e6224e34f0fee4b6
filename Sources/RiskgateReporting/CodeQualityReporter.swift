import RiskgateCore

/// `--format codequality`: GitLab's Code Quality report, a JSON array of issues with the
/// fields GitLab requires (description, check_name, fingerprint unique per issue, severity,
/// location.path, location.lines.begin). Sorted keys, same input same bytes.
public struct CodeQualityReporter: Reporter {
    public static let identifier = "codequality"

    struct Issue: Codable, Hashable {
        var type = "issue"
        var description: String
        var checkName: String
        var fingerprint: String
        var severity: String
        var categories: [String]
        var location: Location

        enum CodingKeys: String, CodingKey {
            case type, description, fingerprint, severity, categories, location
            case checkName = "check_name"
        }
    }

    struct Location: Codable, Hashable {
        var path: String
        var lines: Lines
    }

    struct Lines: Codable, Hashable {
        var begin: Int
    }

    private let sink: any OutputSink
    private var issues: [Issue] = []
    private var used: Set<String> = []
    public private(set) var failure: String?

    public init(sink: any OutputSink) { self.sink = sink }

    public mutating func begin(_ context: ReportContext) {}

    public mutating func add(_ analysis: CommitAnalysis) {
        let fallbackPath = SARIFReporter.largestFile(of: analysis.commit)
        let severity = Self.severity(level: analysis.level, decision: analysis.decision)
        let nextStep = Recommendations.nextSteps(for: analysis).first.map { " Next: \($0)." } ?? ""
        for finding in analysis.findings {
            // GitLab needs a file; a finding about an empty commit has none to point at.
            guard let path = finding.path ?? fallbackPath else { continue }
            let description = "\(finding.message) (commit \(analysis.commit.id.abbreviated(10)), "
                + "\(authorshipLabel(analysis.authorship)), score \(analysis.score) \(analysis.level.rawValue))\(nextStep)"
            append(
                Issue(
                    description: description, checkName: "riskgate/\(finding.rule)", fingerprint: finding.fingerprint,
                    severity: severity, categories: [Self.category(finding.category)],
                    location: Location(path: path, lines: Lines(begin: max(1, finding.line ?? 1)))))
        }
    }

    public mutating func finish(_ summary: RangeSummary) {
        for finding in summary.rangeFindings.sorted() {
            guard let path = finding.path else { continue }
            append(
                Issue(
                    description: finding.message, checkName: "riskgate/\(finding.rule)", fingerprint: finding.fingerprint,
                    severity: Self.severity(level: summary.level, decision: summary.decision),
                    categories: [Self.category(finding.category)],
                    location: Location(path: path, lines: Lines(begin: max(1, finding.line ?? 1)))))
        }
        switch SARIFReporter.encoded(issues) {
        case .success(let text): sink.write(text)
        case .failure(let error): failure = "cannot encode the Code Quality report: \(error)"
        }
    }

    /// GitLab collapses issues with one fingerprint; a repeated one gets a `#n` suffix.
    private mutating func append(_ issue: Issue) {
        var issue = issue
        var suffix = 2
        let base = issue.fingerprint
        while used.contains(issue.fingerprint) {
            issue.fingerprint = "\(base)#\(suffix)"
            suffix += 1
        }
        used.insert(issue.fingerprint)
        issues.append(issue)
    }

    /// blocker when the commit is blocked, else by level: critical, major, minor, info.
    static func severity(level: RiskLevel, decision: Decision) -> String {
        if decision == .block { return "blocker" }
        switch level {
        case .critical: return "critical"
        case .high: return "major"
        case .medium: return "minor"
        case .low: return "info"
        }
    }

    /// Code Climate's categories (GitLab ignores them; other viewers show them).
    static func category(_ category: String) -> String {
        category.hasPrefix("security") ? "Security" : "Bug Risk"
    }
}
