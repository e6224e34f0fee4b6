import RiskgateCore

/// What the gate did with a push (SPEC §7). `waiver` is a block let through by an allowed
/// identity; `incomplete` is a verdict reached when the deadline ran out; `error` is an
/// internal failure handled by `on_error`.
public enum AuditDecision: String, Sendable, CaseIterable, Hashable {
    case allow, flag, block, waiver, incomplete, error
    /// A ref in `evaluate` mode that enforcing would have blocked: accepted, recorded.
    case evaluated
    /// The AI kill switch thrown (`riskgate freeze --ai`) or lifted (`riskgate freeze --lift`).
    case killSwitch = "kill-switch"
    case killSwitchLifted = "kill-switch-lifted"
}

/// One ref of the push, as the hook received it (`old`/`new` are full hex ids; all zeros for a
/// creation or a deletion).
public struct AuditRefUpdate: Hashable, Sendable {
    public var ref: String
    public var old: String
    public var new: String

    public init(ref: String, old: String, new: String) {
        self.ref = ref
        self.old = old
        self.new = new
    }
}

/// Who waived a block, and the reason they gave.
public struct AuditWaiver: Hashable, Sendable {
    public var by: String
    public var reason: String

    public init(by: String, reason: String) {
        self.by = by
        self.reason = reason
    }
}

/// What a hook knows when it records a decision. The log adds `seq`, `prev` and `hash`.
public struct AuditEntryDraft: Hashable, Sendable {
    public var time: AuditTime
    public var toolVersion: String
    /// Digest of the active rules and configuration, computed by whoever loaded them.
    public var rulesDigest: String
    /// The pusher's identity, nil when no variable named one.
    public var actor: String?
    /// How the identity was found: the name of the environment variable (e.g. `GL_USERNAME`).
    public var via: String?
    /// The repository (its path or hosting name).
    public var repository: String
    public var refs: [AuditRefUpdate]
    public var decision: AuditDecision
    /// Nil when no score exists (an `error` before analysis).
    public var score: Int?
    public var level: RiskLevel?
    /// Fingerprints (`commit:path:rule[:line]`) of the findings behind the decision.
    public var findings: [String]
    public var waiver: AuditWaiver?
    /// The hook that decided (`pre-receive`, `pre-push`, `update`).
    public var hook: String?
    /// A short free text, e.g. the error message of an `error` decision.
    public var detail: String?

    public init(
        time: AuditTime, toolVersion: String = RiskgateVersion.current, rulesDigest: String, actor: String?,
        via: String?, repository: String, refs: [AuditRefUpdate], decision: AuditDecision, score: Int? = nil,
        level: RiskLevel? = nil, findings: [String] = [], waiver: AuditWaiver? = nil, hook: String? = nil,
        detail: String? = nil
    ) {
        self.time = time
        self.toolVersion = toolVersion
        self.rulesDigest = rulesDigest
        self.actor = actor
        self.via = via
        self.repository = repository
        self.refs = refs
        self.decision = decision
        self.score = score
        self.level = level
        self.findings = findings
        self.waiver = waiver
        self.hook = hook
        self.detail = detail
    }
}

/// A crashed write that the next append closed and acknowledged: the damaged line's byte offset
/// in the same file, its length in bytes (without the newline added to close it) and the SHA-256
/// of those bytes, so `verify` can tell an acknowledged crash from an edited line. (An offset,
/// not a line number, so that appending never has to count the lines of a large file.)
public struct AuditRecovery: Hashable, Sendable {
    public var offset: Int
    public var length: Int
    public var sha256: String

    public init(offset: Int, length: Int, sha256: String) {
        self.offset = offset
        self.length = length
        self.sha256 = sha256
    }
}

/// A recorded decision: the draft plus its place in the chain.
@dynamicMemberLookup
public struct AuditEntry: Hashable, Sendable {
    /// 1 for the first record of a chain, then +1 per record (rotation markers included).
    public var seq: Int
    /// The previous record's `hash`, or `AuditChain.genesis` for the first.
    public var prev: String
    public var hash: String
    public var recovered: AuditRecovery?
    public var draft: AuditEntryDraft

    public init(seq: Int, prev: String, hash: String, recovered: AuditRecovery?, draft: AuditEntryDraft) {
        self.seq = seq
        self.prev = prev
        self.hash = hash
        self.recovered = recovered
        self.draft = draft
    }

    public subscript<Value>(dynamicMember keyPath: KeyPath<AuditEntryDraft, Value>) -> Value { draft[keyPath: keyPath] }
}

/// The first line of a rotated file: it continues the chain of the file before it.
public struct AuditRotationMarker: Hashable, Sendable {
    public var seq: Int
    public var prev: String
    public var hash: String
    public var time: AuditTime
    public var toolVersion: String
    /// The file name the previous part was archived as.
    public var continues: String

    public init(seq: Int, prev: String, hash: String, time: AuditTime, toolVersion: String, continues: String) {
        self.seq = seq
        self.prev = prev
        self.hash = hash
        self.time = time
        self.toolVersion = toolVersion
        self.continues = continues
    }
}

/// One line of the log.
public enum AuditRecord: Hashable, Sendable {
    case entry(AuditEntry)
    case rotation(AuditRotationMarker)

    public var seq: Int {
        switch self {
        case .entry(let entry): entry.seq
        case .rotation(let marker): marker.seq
        }
    }

    public var hash: String {
        switch self {
        case .entry(let entry): entry.hash
        case .rotation(let marker): marker.hash
        }
    }
}
