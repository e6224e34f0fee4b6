import RiskgateCore

/// Maps records to and from their JSON members. Member names are snake_case; absent optional
/// values are left out (never `null`).
public enum AuditRecordCoding {
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// The line written to the log for `record`: its canonical encoding and a newline.
    public static func line(for record: AuditRecord) -> [UInt8] {
        var members = members(of: record)
        members["hash"] = .string(record.hash)
        return CanonicalJSON.object(members).canonicalBytes + [0x0A]
    }

    /// All members of a record except `hash`.
    static func members(of record: AuditRecord) -> [String: CanonicalJSON] {
        switch record {
        case .rotation(let marker):
            return [
                "seq": .integer(marker.seq), "prev": .string(marker.prev), "time": .string(marker.time.description),
                "tool_version": .string(marker.toolVersion), "continues": .string(marker.continues),
            ]
        case .entry(let entry):
            var members = draftMembers(entry.draft)
            members["seq"] = .integer(entry.seq)
            members["prev"] = .string(entry.prev)
            if let recovered = entry.recovered {
                members["recovered"] = .object([
                    "offset": .integer(recovered.offset), "length": .integer(recovered.length),
                    "sha256": .string(recovered.sha256),
                ])
            }
            return members
        }
    }

    static func draftMembers(_ draft: AuditEntryDraft) -> [String: CanonicalJSON] {
        var members: [String: CanonicalJSON] = [
            "time": .string(draft.time.description),
            "tool_version": .string(draft.toolVersion),
            "rules_digest": .string(draft.rulesDigest),
            "repository": .string(draft.repository),
            "refs": .array(
                draft.refs.map { .object(["ref": .string($0.ref), "old": .string($0.old), "new": .string($0.new)]) }),
            "decision": .string(draft.decision.rawValue),
            "findings": .array(draft.findings.map { .string($0) }),
        ]
        if let actor = draft.actor { members["actor"] = .string(actor) }
        if let via = draft.via { members["via"] = .string(via) }
        if let score = draft.score { members["score"] = .integer(score) }
        if let level = draft.level { members["level"] = .string(level.rawValue) }
        if let waiver = draft.waiver {
            members["waiver"] = .object(["by": .string(waiver.by), "reason": .string(waiver.reason)])
        }
        if let hook = draft.hook { members["hook"] = .string(hook) }
        if let detail = draft.detail { members["detail"] = .string(detail) }
        return members
    }

    // MARK: Decoding

    /// Decodes a parsed line. The hash is not checked here (see `AuditVerifier`).
    public static func record(from value: CanonicalJSON) throws(Failure) -> AuditRecord {
        guard let members = value.objectValue else { throw Failure(reason: "not a JSON object") }
        let seq = try integer(members, "seq")
        let prev = try string(members, "prev")
        let hash = try string(members, "hash")
        if members["continues"] != nil {
            return .rotation(
                AuditRotationMarker(
                    seq: seq, prev: prev, hash: hash, time: try time(members, "time"),
                    toolVersion: try string(members, "tool_version"), continues: try string(members, "continues")))
        }
        var recovered: AuditRecovery?
        if let value = members["recovered"] {
            guard let object = value.objectValue else { throw Failure(reason: "`recovered` is not an object") }
            recovered = AuditRecovery(
                offset: try integer(object, "offset"), length: try integer(object, "length"),
                sha256: try string(object, "sha256"))
        }
        return .entry(AuditEntry(seq: seq, prev: prev, hash: hash, recovered: recovered, draft: try draft(from: members)))
    }

    /// Decodes a draft; `time` and `tool_version` default to the given values when absent.
    public static func draft(
        from members: [String: CanonicalJSON], defaultTime: AuditTime? = nil, defaultToolVersion: String? = nil
    ) throws(Failure) -> AuditEntryDraft {
        let decisionText = try string(members, "decision")
        guard let decision = AuditDecision(rawValue: decisionText) else {
            throw Failure(reason: "unknown decision `\(decisionText)` (expected one of "
                + AuditDecision.allCases.map(\.rawValue).joined(separator: ", ") + ")")
        }
        var level: RiskLevel?
        if let text = try optionalString(members, "level") {
            guard let value = RiskLevel(rawValue: text) else { throw Failure(reason: "unknown level `\(text)`") }
            level = value
        }
        guard let refsValue = members["refs"]?.arrayValue else { throw Failure(reason: "missing or invalid `refs`") }
        var refs: [AuditRefUpdate] = []
        for value in refsValue {
            guard let ref = value.objectValue else { throw Failure(reason: "a ref is not an object") }
            refs.append(AuditRefUpdate(ref: try string(ref, "ref"), old: try string(ref, "old"), new: try string(ref, "new")))
        }
        var findings: [String] = []
        for value in members["findings"]?.arrayValue ?? [] {
            guard let fingerprint = value.stringValue else { throw Failure(reason: "a finding is not a string") }
            findings.append(fingerprint)
        }
        var waiver: AuditWaiver?
        if let value = members["waiver"] {
            guard let object = value.objectValue else { throw Failure(reason: "`waiver` is not an object") }
            waiver = AuditWaiver(by: try string(object, "by"), reason: try string(object, "reason"))
        }
        let entryTime: AuditTime
        if members["time"] == nil, let defaultTime {
            entryTime = defaultTime
        } else {
            entryTime = try time(members, "time")
        }
        let toolVersion: String
        if members["tool_version"] == nil, let defaultToolVersion {
            toolVersion = defaultToolVersion
        } else {
            toolVersion = try string(members, "tool_version")
        }
        return AuditEntryDraft(
            time: entryTime, toolVersion: toolVersion, rulesDigest: try string(members, "rules_digest"),
            actor: try optionalString(members, "actor"), via: try optionalString(members, "via"),
            repository: try string(members, "repository"), refs: refs, decision: decision,
            score: try optionalInteger(members, "score"), level: level, findings: findings, waiver: waiver,
            hook: try optionalString(members, "hook"), detail: try optionalString(members, "detail"))
    }

    private static func string(_ members: [String: CanonicalJSON], _ key: String) throws(Failure) -> String {
        guard let value = members[key]?.stringValue else { throw Failure(reason: "missing or invalid `\(key)`") }
        return value
    }

    private static func optionalString(_ members: [String: CanonicalJSON], _ key: String) throws(Failure) -> String? {
        guard let value = members[key] else { return nil }
        guard let text = value.stringValue else { throw Failure(reason: "`\(key)` is not a string") }
        return text
    }

    private static func integer(_ members: [String: CanonicalJSON], _ key: String) throws(Failure) -> Int {
        guard let value = members[key]?.integerValue else { throw Failure(reason: "missing or invalid `\(key)`") }
        return value
    }

    private static func optionalInteger(_ members: [String: CanonicalJSON], _ key: String) throws(Failure) -> Int? {
        guard let value = members[key] else { return nil }
        guard let number = value.integerValue else { throw Failure(reason: "`\(key)` is not an integer") }
        return number
    }

    private static func time(_ members: [String: CanonicalJSON], _ key: String) throws(Failure) -> AuditTime {
        let text = try string(members, key)
        guard let time = AuditTime(parsing: text) else { throw Failure(reason: "`\(key)` is not an RFC 3339 UTC time") }
        return time
    }
}
