/// The score at which each level starts (configurable).
public struct LevelThresholds: Hashable, Sendable {
    public var medium: Int
    public var high: Int
    public var critical: Int

    public init(medium: Int = 20, high: Int = 50, critical: Int = 80) {
        self.medium = medium
        self.high = high
        self.critical = critical
    }

    public static let standard = LevelThresholds()

    public func level(for score: Int) -> RiskLevel {
        if score >= critical { return .critical }
        if score >= high { return .high }
        if score >= medium { return .medium }
        return .low
    }
}

/// What the gate does with a commit or push.
public enum Decision: String, Sendable, CaseIterable, Comparable {
    case allow, flag, block

    var rank: Int {
        switch self {
        case .allow: 0
        case .flag: 1
        case .block: 2
        }
    }

    public static func < (lhs: Decision, rhs: Decision) -> Bool { lhs.rank < rhs.rank }
}
