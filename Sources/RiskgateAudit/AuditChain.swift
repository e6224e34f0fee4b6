import Crypto

/// The hash chain: each record's `hash` is the SHA-256 (lower-case hex) of the canonical
/// encoding (`CanonicalJSON`) of the record's JSON object without its `hash` member; each
/// record's `prev` is the `hash` of the record before it.
public enum AuditChain {
    /// The `prev` of the first record of a chain.
    public static let genesis = String(repeating: "0", count: 64)

    /// The hash of a record's members (a `hash` member, if present, is left out).
    public static func hash(of members: [String: CanonicalJSON]) -> String {
        var unhashed = members
        unhashed["hash"] = nil
        return sha256Hex(CanonicalJSON.object(unhashed).canonicalBytes)
    }

    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        let digest = SHA256.hash(data: bytes)
        let hexDigits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in digest {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// Seals a draft as the record after (`seq - 1`, `prev`).
    public static func seal(_ draft: AuditEntryDraft, seq: Int, prev: String, recovered: AuditRecovery?) -> AuditEntry {
        var entry = AuditEntry(seq: seq, prev: prev, hash: "", recovered: recovered, draft: draft)
        entry.hash = hash(of: AuditRecordCoding.members(of: .entry(entry)))
        return entry
    }

    public static func sealMarker(seq: Int, prev: String, time: AuditTime, toolVersion: String, continues: String)
        -> AuditRotationMarker
    {
        var marker = AuditRotationMarker(
            seq: seq, prev: prev, hash: "", time: time, toolVersion: toolVersion, continues: continues)
        marker.hash = hash(of: AuditRecordCoding.members(of: .rotation(marker)))
        return marker
    }
}
