import Foundation
import RiskgateCore

/// `--format sarif`: SARIF 2.1.0 for GitHub code scanning (and any SARIF viewer).
///
/// One rule per riskgate rule id that fired, one result per finding. A finding about a whole
/// commit (no path) is placed on the commit's largest added file, line 1: code scanning shows
/// only alerts with a file location. Encoded from `Codable` values with sorted keys, so the same
/// input gives the same bytes.
public struct SARIFReporter: Reporter {
    public static let identifier = "sarif"
    /// The key of riskgate's fingerprint in `partialFingerprints` (versioned, as SARIF asks).
    public static let fingerprintKey = "riskgateFingerprint/v1"

    private struct RuleInfo {
        var category: String
        var example: String
        var maxPoints: Int
    }

    private struct PendingResult {
        var ruleID: String
        var result: SARIFResult
    }

    private let sink: any OutputSink
    private let ruleDescriptions: [String: String]
    private var context: ReportContext?
    private var rules: [String: RuleInfo] = [:]
    private var results: [PendingResult] = []
    public private(set) var failure: String?

    /// `ruleDescriptions`: rule id → the rule's own description (from its pack), when known.
    public init(sink: any OutputSink, ruleDescriptions: [String: String] = [:]) {
        self.sink = sink
        self.ruleDescriptions = ruleDescriptions
    }

    public mutating func begin(_ context: ReportContext) { self.context = context }

    public mutating func add(_ analysis: CommitAnalysis) {
        let fallbackPath = Self.largestFile(of: analysis.commit)
        let level = Self.level(for: analysis.level)
        let nextStep = Recommendations.nextSteps(for: analysis).first.map { " Next: \($0)." } ?? ""
        for finding in analysis.findings {
            var info = rules[finding.rule] ?? RuleInfo(category: finding.category, example: finding.message, maxPoints: 0)
            info.maxPoints = max(info.maxPoints, finding.points)
            rules[finding.rule] = info
            let text = "\(finding.message) (commit \(analysis.commit.id.abbreviated(10)), "
                + "\(authorshipLabel(analysis.authorship)), commit score \(analysis.score) \(analysis.level.rawValue), "
                + "+\(finding.points) points).\(nextStep)"
            let path = finding.path ?? fallbackPath
            let locations = path.map { path in
                [SARIFLocation(
                    physicalLocation: SARIFPhysicalLocation(
                        artifactLocation: SARIFArtifactLocation(uri: Self.uri(path)),
                        region: SARIFRegion(startLine: max(1, finding.line ?? 1))))]
            }
            let result = SARIFResult(
                ruleId: finding.rule, ruleIndex: 0, level: level, message: SARIFText(text: text), locations: locations,
                partialFingerprints: [Self.fingerprintKey: finding.fingerprint],
                properties: [
                    "commit": .string(analysis.commit.id.hex), "points": .int(finding.points),
                    "category": .string(finding.category),
                ])
            results.append(PendingResult(ruleID: finding.rule, result: result))
        }
    }

    public mutating func finish(_ summary: RangeSummary) {
        for finding in summary.rangeFindings.sorted() {
            var info = rules[finding.rule] ?? RuleInfo(category: finding.category, example: finding.message, maxPoints: 0)
            info.maxPoints = max(info.maxPoints, finding.points)
            rules[finding.rule] = info
            let locations = finding.path.map { path in
                [SARIFLocation(
                    physicalLocation: SARIFPhysicalLocation(
                        artifactLocation: SARIFArtifactLocation(uri: Self.uri(path)),
                        region: SARIFRegion(startLine: max(1, finding.line ?? 1))))]
            }
            results.append(
                PendingResult(
                    ruleID: finding.rule,
                    result: SARIFResult(
                        ruleId: finding.rule, ruleIndex: 0, level: Self.level(for: summary.level),
                        message: SARIFText(text: finding.message), locations: locations,
                        partialFingerprints: [Self.fingerprintKey: finding.fingerprint], properties: nil)))
        }
        let ruleIDs = rules.keys.sorted()
        var index: [String: Int] = [:]
        for (position, id) in ruleIDs.enumerated() { index[id] = position }
        let sarifRules = ruleIDs.compactMap { id in rules[id].map { rule(id: id, info: $0) } }
        let sarifResults = results.map { pending in
            var result = pending.result
            result.ruleIndex = index[pending.ruleID] ?? 0
            return result
        }
        var properties: [String: SARIFPropertyValue] = [
            "commits": .int(summary.commits), "score": .int(summary.score), "level": .string(summary.level.rawValue),
            "decision": .string(summary.decision.rawValue), "recommendations": .strings(summary.recommendations),
            "complete": .string(summary.complete ? "true" : "false"),
        ]
        if let revisions = context?.revisions { properties["revisions"] = .strings(revisions) }
        let log = SARIFLog(runs: [
            SARIFRun(
                tool: SARIFTool(
                    driver: SARIFDriver(
                        name: context?.toolName ?? "riskgate",
                        semanticVersion: context?.toolVersion ?? RiskgateVersion.current,
                        informationUri: nil, rules: sarifRules)),
                automationDetails: SARIFAutomationDetails(id: "riskgate/"), results: sarifResults,
                properties: properties)
        ])
        switch Self.encoded(log) {
        case .success(let text): sink.write(text)
        case .failure(let error): failure = "cannot encode the SARIF report: \(error)"
        }
    }

    private func rule(id: String, info: RuleInfo) -> SARIFRule {
        let description = ruleDescriptions[id] ?? "A change that riskgate's \(id) rule scores as \(info.category) risk."
        let full = "\(description) Each finding adds points to the commit's blast-radius score (up to \(info.maxPoints)"
            + " seen in this run). Example: \(info.example)"
        let help = "Review the change with someone who owns the \(info.category) paths it touches; for an AI change,"
            + " link its session with an AI-Session trailer (git commit --amend --trailer \"AI-Session: <url>\")."
            + " If the risk is accepted, add the finding's fingerprint to a baseline (riskgate report --write-baseline)."
        return SARIFRule(
            id: id, name: Self.ruleName(id), shortDescription: SARIFText(text: Self.clip(description)),
            fullDescription: SARIFText(text: Self.clip(full)), help: SARIFText(text: help, markdown: help),
            defaultConfiguration: SARIFConfiguration(level: info.maxPoints >= 20 ? "error" : "warning"),
            properties: SARIFRuleProperties(
                tags: ["riskgate", info.category], precision: "medium",
                problemSeverity: info.maxPoints >= 20 ? "error" : "warning",
                securitySeverity: Self.securitySeverity(points: info.maxPoints)))
    }

    /// Pretty, sorted-key JSON, or the encoder's reason why not (never a silent `{}`).
    static func encoded<Value: Encodable>(_ value: Value) -> Result<String, EncodingError> {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return .success(String(decoding: try encoder.encode(value), as: UTF8.self) + "\n")
        } catch let error as EncodingError {
            return .failure(error)
        } catch {
            return .failure(EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "\(error)")))
        }
    }

    /// error for high and critical commits, warning for medium, note for low.
    static func level(for level: RiskLevel) -> String {
        switch level {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low: "note"
        }
    }

    /// GitHub's 0.1–10 scale as a string with one decimal: points / 4 (40 points and up is 10).
    static func securitySeverity(points: Int) -> String {
        let tenths = min(100, max(1, points * 10 / 4))
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// `infra-terraform` → `InfraTerraform`, SARIF's name style.
    static func ruleName(_ id: String) -> String {
        id.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
    }

    /// SARIF and GitHub cap descriptions at 1024 characters.
    static func clip(_ text: String) -> String { Columns.truncate(text, 1024) }

    /// A repository-relative URI reference: bytes outside RFC 3986's unreserved set and `/`
    /// are percent-encoded.
    static func uri(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let digits = Array("0123456789ABCDEF")
                out += "%\(digits[Int(byte >> 4)])\(digits[Int(byte & 0x0f)])"
            }
        }
        return out
    }

    /// The file with the most added lines (first in order among equals); deleted files last.
    static func largestFile(of commit: CommitSnapshot) -> String? {
        var best: (path: String, added: Int)?
        for file in commit.files where file.status != .deleted {
            let added = file.added ?? 0
            if best == nil || added > (best?.added ?? 0) { best = (file.path, added) }
        }
        return best?.path ?? commit.files.first?.path
    }
}
