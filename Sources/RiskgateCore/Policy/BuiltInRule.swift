/// A rule computed in Swift rather than matched from a pack: change metrics and interactions.
/// They are listed, disabled and re-weighted by id like pack rules.
public struct BuiltInRule: Hashable, Sendable {
    public var id: String
    public var category: String
    public var description: String
    public var points: Int

    public init(id: String, category: String, description: String, points: Int) {
        self.id = id
        self.category = category
        self.description = description
        self.points = points
    }
}

extension BuiltInRule {
    /// Change metrics after Kamei et al. 2013. Points stay modest on purpose: on real
    /// infrastructure repositories size alone does not predict reverts (SPEC §3.3).
    public static let metrics: [BuiltInRule] = [
        BuiltInRule(
            id: ChangeMetrics.RuleID.linesAdded, category: "change-size",
            description: "Adds \(ChangeMetrics.Threshold.linesAdded)+ lines; lines added is the strongest single JIT defect predictor (LA).",
            points: 6),
        BuiltInRule(
            id: ChangeMetrics.RuleID.linesDeleted, category: "change-size",
            description: "Deletes \(ChangeMetrics.Threshold.linesDeleted)+ lines (LD).", points: 3),
        BuiltInRule(
            id: ChangeMetrics.RuleID.files, category: "change-diffusion",
            description: "Touches \(ChangeMetrics.Threshold.files)+ files; diffuse changes are harder to review (NF).",
            points: 4),
        BuiltInRule(
            id: ChangeMetrics.RuleID.directories, category: "change-diffusion",
            description: "Touches \(ChangeMetrics.Threshold.directories)+ directories (ND).", points: 2),
        BuiltInRule(
            id: ChangeMetrics.RuleID.subsystems, category: "change-diffusion",
            description: "Touches \(ChangeMetrics.Threshold.subsystems)+ top-level subsystems at once (NS).", points: 4),
        BuiltInRule(
            id: ChangeMetrics.RuleID.entropy, category: "change-diffusion",
            description: "Spreads its lines evenly over many files (normalised entropy ≥ 0.9 over 5+ files).", points: 3),
        BuiltInRule(
            id: ChangeMetrics.RuleID.massDeletion, category: "change-size",
            description: "Mass deletion: \(ChangeMetrics.Threshold.massDeletionLines)+ lines removed (4x more than added) or \(ChangeMetrics.Threshold.massDeletionFiles)+ files deleted.",
            points: 10),
    ]

    /// Interactions of authorship, traceability and blast radius (SPEC §3.3).
    public static let interactions: [BuiltInRule] = [
        BuiltInRule(
            id: Interactions.RuleID.untraced, category: "traceability",
            description: "AI commit without a link to the prompt or session that produced it (no AI-Session: trailer).",
            points: 15),
        BuiltInRule(
            id: Interactions.RuleID.malformed, category: "traceability",
            description: "AI commit whose traceability trailer is malformed (empty, bad URL or bad AGENT:MODEL).",
            points: 10),
        BuiltInRule(
            id: Interactions.RuleID.scopeDrift, category: "traceability",
            description: "AI commit changes files outside its declared AI-Scope.", points: 10),
        BuiltInRule(
            id: Interactions.RuleID.amplifier, category: "interaction",
            description: "AI change to high-blast-radius paths without a traceable prompt (or outside its scope): counts half again, up to 30.",
            points: 30),
        BuiltInRule(
            id: Interactions.RuleID.infraMassDeletion, category: "interaction",
            description: "Rewrites infrastructure and deletes much at once: hard to review and to roll back.", points: 10),
        BuiltInRule(
            id: Interactions.RuleID.aiSignedOff, category: "dco",
            description: "A Signed-off-by names an AI identity: only a person can certify the DCO (kernel rule: Assisted-by: AGENT:MODEL instead). Make `dco` unwaivable where the DCO is required.",
            points: 50),
    ]

    public static let all = metrics + interactions + history + RangeFindings.rules
}
