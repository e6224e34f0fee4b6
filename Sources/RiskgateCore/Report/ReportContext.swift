/// What a report says about itself and its input, beside the commits.
public struct ReportContext: Hashable, Sendable {
    public var toolName: String
    public var toolVersion: String
    /// The analysis stages that really ran (e.g. `diff`, `trailers`, `authorship`, `rules`).
    /// A stage not listed contributed placeholders only: `human`, no findings, score 0.
    public var capabilities: [String]
    /// The revisions as the user gave them (or the default range riskgate chose).
    public var revisions: [String]
    /// How the range was chosen when no revision was given (e.g. `@{upstream}..HEAD`).
    public var defaultRangeReason: String?

    public init(
        toolName: String = "riskgate", toolVersion: String, capabilities: [String], revisions: [String],
        defaultRangeReason: String? = nil
    ) {
        self.toolName = toolName
        self.toolVersion = toolVersion
        self.capabilities = capabilities
        self.revisions = revisions
        self.defaultRangeReason = defaultRangeReason
    }
}

public enum RiskgateVersion {
    public static let current = "0.1.0"
}
