/// The active rules after configuration: pack rules and built-in rules, with disabled rules
/// removed and points re-weighted.
public struct RuleSet: Sendable {
    public var rules: [Rule]
    public var builtIns: [BuiltInRule]

    public init(rules: [Rule], builtIns: [BuiltInRule] = BuiltInRule.all) {
        self.rules = rules
        self.builtIns = builtIns
    }

    /// Rule ids present in the set (pack and built-in).
    public var ids: Set<String> { Set(rules.map(\.id)).union(builtIns.map(\.id)) }

    /// Applies `rules.disable` and `rules.points`. Returns the ids that name no rule, so the
    /// caller can report them with their line in the configuration.
    public mutating func configure(disabled: [String], points: [String: Int]) -> [String] {
        let known = ids
        let unknown = (disabled + points.keys.sorted()).filter { !known.contains($0) }
        let off = Set(disabled)
        rules.removeAll { off.contains($0.id) }
        builtIns.removeAll { off.contains($0.id) }
        for index in rules.indices { if let value = points[rules[index].id] { rules[index].points = value } }
        for index in builtIns.indices { if let value = points[builtIns[index].id] { builtIns[index].points = value } }
        return unknown
    }

    public func builtIn(_ id: String) -> BuiltInRule? { builtIns.first { $0.id == id } }
}
