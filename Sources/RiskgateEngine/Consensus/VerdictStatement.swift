import RiskgateAudit
import RiskgateCore

/// A signed verdict (SPEC §9): an in-toto Statement v1 naming one commit, with riskgate's
/// predicate, followed in the note by its SSH signature (`-n riskgate-verdict`):
///
///     {"_type":"https://in-toto.io/Statement/v1","predicate":{...},"predicateType":"...","subject":[...]}
///     -----BEGIN SSH SIGNATURE-----
///     ...
///     -----END SSH SIGNATURE-----
///
/// The first line (canonical JSON) and its newline are what is signed. A commit judged on
/// several refs carries one such block per ref.
public enum VerdictStatement {
    public static let type = "https://in-toto.io/Statement/v1"
    public static let predicateType = "https://riskgate.dev/attestation/verdict/v1"
    public static let namespace = "riskgate-verdict"

    /// The decisions a verdict can carry: what let the commit onto its ref.
    public static let decisions = ["allow", "flag", "waived", "approved"]

    public struct Predicate: Sendable {
        public var decision: String
        public var score: Int
        public var level: RiskLevel
        public var ref: String
        public var policyDigest: String
        public var rules: [String]
        public var approvals: ApprovalStatus?
        public var waiver: (by: String, reason: String)?
        public var auditEntry: String?
        public var time: Int
    }

    public static func statement(commit: ObjectID, predicate: Predicate) -> CanonicalJSON {
        var body: [String: CanonicalJSON] = [
            "decision": .string(predicate.decision),
            "score": .integer(predicate.score),
            "level": .string(predicate.level.rawValue),
            "ref": .string(predicate.ref),
            "policyDigest": .string(predicate.policyDigest),
            "rules": .array(predicate.rules.map { .string($0) }),
            "time": .string(AuditTime(secondsSinceEpoch: predicate.time).description),
            "approvals": .array((predicate.approvals?.checks ?? []).map(approvalJSON)),
        ]
        if let required = predicate.approvals?.required { body["approvalsRequired"] = .integer(required) }
        if let waiver = predicate.waiver { body["waiver"] = .object(["by": .string(waiver.by), "reason": .string(waiver.reason)]) }
        if let entry = predicate.auditEntry { body["auditEntry"] = .string(entry) }
        return .object([
            "_type": .string(type),
            "subject": .array([.object(["name": .string(commit.hex), "digest": .object(["gitCommit": .string(commit.hex)])])]),
            "predicateType": .string(predicateType),
            "predicate": .object(body),
        ])
    }

    static func approvalJSON(_ check: ApprovalCheck) -> CanonicalJSON {
        var object: [String: CanonicalJSON] = ["valid": .bool(check.counted)]
        if let principal = check.principal { object["principal"] = .string(principal) }
        if let reason = check.reason { object["reason"] = .string(reason) }
        return .object(object)
    }

    /// One block of a verdicts note: a statement line and its armored signature.
    public struct Entry: Hashable, Sendable {
        public var statement: String
        public var signature: String?

        /// What was signed: the statement line and its newline.
        public var signedBytes: [UInt8] { Array((statement + "\n").utf8) }
        public var text: String { statement + "\n" + (signature ?? "") }
    }

    /// The blocks of a verdicts note, in order.
    public static func entries(inNote note: String) -> [Entry] {
        var entries: [Entry] = []
        var armor: [String]?
        for raw in note.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw.trimmingWhitespace())
            if line.isEmpty { continue }
            if var lines = armor {
                lines.append(line)
                armor = lines
                if line == SSHSignatureArmor.end {
                    if !entries.isEmpty { entries[entries.count - 1].signature = lines.joined(separator: "\n") + "\n" }
                    armor = nil
                }
            } else if line == SSHSignatureArmor.begin {
                armor = [line]
            } else if line.hasPrefix("{") {
                entries.append(Entry(statement: line, signature: nil))
            }
        }
        return entries
    }
}
