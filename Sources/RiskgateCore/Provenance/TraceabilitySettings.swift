/// Where traceability links may resolve to records (SPEC §3.2, §5 `traceability`).
///
/// Filled from `.riskgate.yml` by `RiskgateRulePacks`; read by the provenance stage.
public struct TraceabilitySettings: Hashable, Sendable {
    /// Notes refs whose note on a commit verifies its link (`refs/notes/ai`, ...).
    public var notesRefs: [String]
    /// Path template of a prompt record in the commit's tree; `{id}` is the link's value.
    public var promptRecords: String?

    public init(notesRefs: [String] = [], promptRecords: String? = nil) {
        self.notesRefs = notesRefs
        self.promptRecords = promptRecords
    }
}
