/// `.riskgate.yml` as a plain value (SPEC §5), decoded and validated by `RiskgateRulePacks`.
/// Hooks, audit and report all read this one value.
public struct RiskgateConfiguration: Sendable {
    /// Built-in pack names (`default`, an optional pack's name) or paths to pack files/folders.
    public var extends: [String]
    /// Rule ids switched off.
    public var disabledRules: [String]
    /// New points per rule id.
    public var pointOverrides: [String: Int]
    public var levels: LevelThresholds
    /// First entry whose refs match a ref decides its policy.
    public var policies: [RefPolicy]
    public var traceability: TraceabilitySettings
    public var waivers: WaiverSettings
    /// Extra environment variable naming the pusher.
    public var identityEnvironment: String?
    /// Hook deadline in milliseconds; nil: the hook's default.
    public var deadlineMilliseconds: Int?
    /// `on_timeout` / `on_error`; nil: block on refs whose policy can block, flag elsewhere.
    public var onTimeout: Decision?
    public var onError: Decision?
    /// Audit log path relative to the git directory; nil: the default.
    public var auditPath: String?
    /// `history:`: history findings on or off, and their settings.
    public var history: HistoryConfiguration
    /// `verdicts:`: how the server signs the verdicts it writes for accepted commits.
    public var verdicts: VerdictSettings
    /// The file it came from (nil: built-in defaults), for messages.
    public var source: String?

    public init(
        extends: [String] = ["default"], disabledRules: [String] = [], pointOverrides: [String: Int] = [:],
        levels: LevelThresholds = .standard, policies: [RefPolicy] = [], traceability: TraceabilitySettings = .init(),
        waivers: WaiverSettings = .init(), identityEnvironment: String? = nil, deadlineMilliseconds: Int? = nil,
        onTimeout: Decision? = nil, onError: Decision? = nil, auditPath: String? = nil,
        history: HistoryConfiguration = .standard, verdicts: VerdictSettings = .init(), source: String? = nil
    ) {
        self.extends = extends
        self.disabledRules = disabledRules
        self.pointOverrides = pointOverrides
        self.levels = levels
        self.policies = policies
        self.traceability = traceability
        self.waivers = waivers
        self.identityEnvironment = identityEnvironment
        self.deadlineMilliseconds = deadlineMilliseconds
        self.onTimeout = onTimeout
        self.onError = onError
        self.auditPath = auditPath
        self.history = history
        self.verdicts = verdicts
        self.source = source
    }

    /// No file: default packs, standard levels, flag from `high`, never block.
    public static let standard = RiskgateConfiguration()

    /// The policy entry for a ref (`refs/heads/main`); nil when none matches or the ref is
    /// unknown (detached HEAD), which means `DecisionPolicy.standard`.
    public func refPolicy(for ref: String?) -> RefPolicy? {
        guard let ref else { return nil }
        return policies.first { $0.matches(ref: ref) }
    }

    /// The decision policy for a ref.
    public func decisionPolicy(for ref: String?) -> DecisionPolicy {
        refPolicy(for: ref)?.decisionPolicy ?? .standard
    }

    /// What the ref's policy says about an update as a whole (force push, deletion, AI
    /// volume, freezes, mode).
    public func updatePolicy(for ref: String?) -> RefUpdatePolicy {
        refPolicy(for: ref)?.updatePolicy ?? .standard
    }

    /// Whether a commit already on `existing` has been judged at least as strictly as `ref`
    /// would judge it (and so needs no second look when it reaches `ref`).
    /// A new ref on a server with thousands of refs asks it of each existing one, so the
    /// updated ref's policy is looked up once.
    public func judgedAsStrictly(as ref: String) -> (String) -> Bool {
        let theirs = refPolicy(for: ref)
        let theirMode = theirs?.updatePolicy.mode ?? .enforce
        let theirPolicy = theirs?.decisionPolicy ?? .standard
        if policies.isEmpty { return { _ in true } }
        return { existing in
            let mine = self.refPolicy(for: existing)
            if (mine?.updatePolicy.mode ?? .enforce) == .evaluate && theirMode == .enforce { return false }
            return (mine?.decisionPolicy ?? .standard).isAtLeastAsStrict(as: theirPolicy)
        }
    }
}

/// One `policy:` entry.
public struct RefPolicy: Sendable {
    /// Patterns as written; `main` is short for `refs/heads/main`.
    public var refs: [String]
    private var globs: [Glob]
    public var decisionPolicy: DecisionPolicy
    public var updatePolicy: RefUpdatePolicy
    /// `require_approvals`: signed second-person approvals some commits need.
    public var approvals: ApprovalRequirement?

    public init(refs: [String], decisionPolicy: DecisionPolicy, updatePolicy: RefUpdatePolicy = .standard)
        throws(PathPatternError)
    {
        self.refs = refs
        var globs: [Glob] = []
        for pattern in refs {
            do {
                globs.append(try Glob(RefPolicy.qualified(pattern), mode: .exact))
            } catch {
                throw PathPatternError(pattern: pattern, reason: error)
            }
        }
        self.globs = globs
        self.decisionPolicy = decisionPolicy
        self.updatePolicy = updatePolicy
    }

    public func matches(ref: String) -> Bool {
        let components = PathComponents(ref)
        return globs.contains { $0.matches(components: components) }
    }

    /// `main` and `release/*` name branches; anything under `refs/` is taken as written.
    static func qualified(_ pattern: String) -> String {
        pattern.hasPrefix("refs/") || pattern.hasPrefix("**") ? pattern : "refs/heads/" + pattern
    }
}

/// `waivers:`: who may waive, and which categories nobody can.
public struct WaiverSettings: Hashable, Sendable {
    public var allowed: [String]
    public var unwaivable: [String]

    public init(allowed: [String] = [], unwaivable: [String] = []) {
        self.allowed = allowed
        self.unwaivable = unwaivable
    }
}

/// `require_traceability`: what an AI commit without a valid link does to the decision.
public enum TraceabilityRequirement: String, Hashable, Sendable, CaseIterable {
    case off, flag, block
}

/// `require_approvals`: distinct approvers a commit at or above a level needs, checked with
/// `ssh-keygen -Y verify` against an allowed-signers file (SPEC §9).
public struct ApprovalRequirement: Hashable, Sendable {
    public var count: Int
    public var from: RiskLevel
    public var aiOnly: Bool
    public var allowedSigners: String?

    public init(count: Int = 1, from: RiskLevel = .high, aiOnly: Bool = true, allowedSigners: String? = nil) {
        self.count = count
        self.from = from
        self.aiOnly = aiOnly
        self.allowedSigners = allowedSigners
    }
}

/// `verdicts:`: the gate's SSH signing key and the notes ref its signed verdicts go to.
public struct VerdictSettings: Hashable, Sendable {
    public static let defaultRef = "refs/notes/riskgate-verdicts"

    public var signingKey: String?
    public var ref: String

    public init(signingKey: String? = nil, ref: String = VerdictSettings.defaultRef) {
        self.signingKey = signingKey
        self.ref = ref
    }
}
