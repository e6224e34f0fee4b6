/// One signed approval of a commit (SPEC §9), as it stands on a line of the commit's note on
/// `refs/notes/riskgate-approvals`:
///
///     riskgate-approval v1 commit=<40 hex> [ref=<refs/...>] time=<unix seconds> sig=<base64>
///
/// One approval per line, so several approvers' notes merge with git's `cat_sort_uniq`
/// strategy. `sig` is the body of the `ssh-keygen -Y sign -n riskgate-approval` signature
/// (its armor lines dropped, its base64 joined). What was signed is `payload`, rebuilt from the
/// fields: a copied or edited line signs something else and fails verification.
public struct Approval: Hashable, Sendable {
    public static let format = "riskgate-approval"
    public static let version = "v1"
    /// The `ssh-keygen -Y` namespace of approval signatures.
    public static let namespace = "riskgate-approval"
    public static let notesRef = "refs/notes/riskgate-approvals"

    public var commit: ObjectID
    /// The ref the approver meant it for; nil: any ref.
    public var ref: String?
    /// When it was signed, seconds since the epoch (informational).
    public var time: Int64
    /// The signature's base64 body, without armor or line breaks.
    public var signature: String

    public init(commit: ObjectID, ref: String?, time: Int64, signature: String) {
        self.commit = commit
        self.ref = ref
        self.time = time
        self.signature = signature
    }

    /// The canonical bytes that are signed: format and version, the commit, the ref when
    /// given, the time; one `key value` per line, in this order, each ending in a newline.
    public static func payload(commit: ObjectID, ref: String?, time: Int64) -> String {
        var text = "\(format) \(version)\ncommit \(commit.hex)\n"
        if let ref { text += "ref \(ref)\n" }
        text += "time \(time)\n"
        return text
    }

    public var payload: String { Approval.payload(commit: commit, ref: ref, time: time) }

    /// The note line.
    public var line: String {
        var fields = ["\(Approval.format)", Approval.version, "commit=\(commit.hex)"]
        if let ref { fields.append("ref=\(ref)") }
        fields.append("time=\(time)")
        fields.append("sig=\(signature)")
        return fields.joined(separator: " ")
    }

    /// The signature in the armor `ssh-keygen -Y verify -s` reads.
    public var armoredSignature: String { SSHSignatureArmor.armor(signature) }

    /// Why a line of an approvals note is not an approval.
    public enum ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        case notAnApproval
        case unsupportedVersion(String)
        case malformed(String)

        public var description: String {
            switch self {
            case .notAnApproval: "not a riskgate approval line"
            case .unsupportedVersion(let version): "approval format version \(version) is not supported (expected \(Approval.version))"
            case .malformed(let why): "malformed approval: \(why)"
            }
        }
    }

    /// Parses one note line.
    public static func parse(line: some StringProtocol) -> Result<Approval, ParseError> {
        let fields = String(line).split(separator: " ", omittingEmptySubsequences: true)
        guard fields.first == Substring(format) else { return .failure(.notAnApproval) }
        guard fields.count >= 2 else { return .failure(.malformed("no version")) }
        guard fields[1] == Substring(version) else { return .failure(.unsupportedVersion(String(fields[1]))) }
        var values: [String: String] = [:]
        for field in fields.dropFirst(2) {
            guard let equals = field.firstIndex(of: "=") else { return .failure(.malformed("field '\(field)' has no '='")) }
            let key = String(field[..<equals])
            guard values[key] == nil else { return .failure(.malformed("field '\(key)' repeated")) }
            guard ["commit", "ref", "time", "sig"].contains(key) else { return .failure(.malformed("unknown field '\(key)'")) }
            values[key] = String(field[field.index(after: equals)...])
        }
        guard let commitText = values["commit"], commitText.count == 40, let commit = ObjectID(hex: commitText) else {
            return .failure(.malformed("no commit id"))
        }
        guard let timeText = values["time"], let time = Int64(timeText) else { return .failure(.malformed("no time")) }
        guard let signature = values["sig"], !signature.isEmpty, signature.allSatisfy(SSHSignatureArmor.isBase64) else {
            return .failure(.malformed("no signature"))
        }
        let ref = values["ref"]
        if let ref, !ref.hasPrefix("refs/") { return .failure(.malformed("ref '\(ref)' is not a full ref name")) }
        return .success(Approval(commit: commit, ref: ref, time: time, signature: signature))
    }

    /// Every line of a note that claims to be an approval, parsed (blank lines and other text
    /// are skipped: a note may be shared with people's comments).
    public static func parseNote(_ text: some StringProtocol) -> [Result<Approval, ParseError>] {
        text.split(separator: "\n").compactMap { raw in
            let line = raw.trimmingWhitespace()
            guard line.hasPrefix(format) else { return nil }
            return parse(line: line)
        }
    }
}

/// The armor of an SSH signature (`-----BEGIN SSH SIGNATURE-----`), on and off.
public enum SSHSignatureArmor {
    public static let begin = "-----BEGIN SSH SIGNATURE-----"
    public static let end = "-----END SSH SIGNATURE-----"

    /// The base64 body of an armored signature, joined; nil when it is not one.
    public static func body(of armored: some StringProtocol) -> String? {
        let lines = armored.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).map { $0.trimmingWhitespace() }
            .filter { !$0.isEmpty }
        guard let first = lines.firstIndex(of: Substring(begin)), let last = lines.lastIndex(of: Substring(end)), first < last
        else { return nil }
        let body = lines[(first + 1)..<last].joined()
        guard !body.isEmpty, body.allSatisfy(isBase64) else { return nil }
        return body
    }

    /// The armor ssh-keygen writes: 70 characters a line.
    public static func armor(_ body: String) -> String {
        var lines = [begin]
        var rest = Substring(body)
        while !rest.isEmpty {
            lines.append(String(rest.prefix(70)))
            rest = rest.dropFirst(70)
        }
        lines.append(end)
        return lines.joined(separator: "\n") + "\n"
    }

    static func isBase64(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "+" || character == "/" || character == "=")
    }
}
