/// Risk levels of SPEC §3.3: `low` < 20 ≤ `medium` < 50 ≤ `high` < 80 ≤ `critical`.
public enum RiskLevel: String, Sendable, CaseIterable, Comparable {
    case low, medium, high, critical

    var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        case .critical: 3
        }
    }

    public static func < (lhs: RiskLevel, rhs: RiskLevel) -> Bool { lhs.rank < rhs.rank }
}
