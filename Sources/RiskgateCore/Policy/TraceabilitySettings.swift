/// Where traceability links may resolve to records (SPEC §3.2, §5 `traceability`).
///
/// Filled from `.riskgate.yml` by `RiskgateRulePacks`; read by the provenance stage.
public struct TraceabilitySettings: Hashable, Sendable {
    /// Notes refs whose note on a commit verifies its link (`refs/notes/ai`, ...).
    public var notesRefs: [String]
    /// Path template of a prompt record in the commit's tree; `{id}` is the link's value.
    public var promptRecords: String?

    /// The notes refs read when the configuration names none: git-ai's logs and riskgate's own
    /// prompt records.
    public static let defaultNotesRefs = ["refs/notes/ai", "refs/notes/riskgate"]

    public init(notesRefs: [String] = TraceabilitySettings.defaultNotesRefs, promptRecords: String? = nil) {
        self.notesRefs = notesRefs
        self.promptRecords = promptRecords
    }
}
