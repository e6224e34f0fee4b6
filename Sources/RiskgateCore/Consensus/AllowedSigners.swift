/// Which principal an allowed-signers file (ssh-keygen's "ALLOWED SIGNERS" format) names for
/// the key inside an SSH signature, found without running `ssh-keygen -Y find-principals`:
/// the server then runs one `ssh-keygen -Y verify` per approval. Only plain lines are used
/// (one or more literal principals, a key); wildcard principals and `cert-authority` lines
/// return nil, and the caller asks ssh-keygen. Whether the signature is good, and options
/// such as `namespaces=` or `valid-before=`, are always left to `ssh-keygen -Y verify`.
public enum AllowedSigners {
    /// The first principal of the first plain line whose key is the signature's key.
    public static func principal(forSignature body: String, in file: String) -> String? {
        guard let key = signatureKey(body) else { return nil }
        for raw in file.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = raw.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = tokens(String(line))
            guard fields.count >= 3 else { continue }
            var index = 1
            if !isKeyType(fields[1]) {
                if fields[1].lowercased().contains("cert-authority") { continue }
                index = 2
            }
            guard index + 1 < fields.count, isKeyType(fields[index]), let listed = Base64.decode(fields[index + 1]), listed == key
            else { continue }
            let principals = fields[0].split(separator: ",").map(String.init)
            guard let first = principals.first, !principals.contains(where: { $0.contains("*") || $0.contains("?") || $0.hasPrefix("!") })
            else { return nil }
            return first
        }
        return nil
    }

    /// The public key blob inside an SSHSIG signature (its base64 body).
    public static func signatureKey(_ body: String) -> [UInt8]? {
        guard let bytes = Base64.decode(body), bytes.count > 10, Array(bytes[0..<6]) == Array("SSHSIG".utf8) else { return nil }
        var offset = 10  // magic, then the uint32 version
        guard offset + 4 <= bytes.count else { return nil }
        let length = bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
        offset += 4
        guard length > 0, offset + length <= bytes.count else { return nil }
        return Array(bytes[offset..<(offset + length)])
    }

    static func isKeyType(_ field: String) -> Bool {
        ["ssh-", "ecdsa-", "sk-", "rsa-"].contains { field.hasPrefix($0) }
    }

    /// Whitespace-separated fields; double quotes keep spaces inside an options field.
    static func tokens(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        for character in line {
            if character == "\"" { quoted.toggle() }
            if !quoted && (character == " " || character == "\t") {
                if !current.isEmpty { fields.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { fields.append(current) }
        return fields
    }
}

/// Standard base64 (RFC 4648), decoding only.
public enum Base64 {
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        var output: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        var padding = 0
        for byte in text.utf8 {
            let value: UInt32
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(byte - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(byte - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(byte - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "+"): value = 62
            case UInt8(ascii: "/"): value = 63
            case UInt8(ascii: "="):
                padding += 1
                continue
            default: return nil
            }
            guard padding == 0 else { return nil }
            buffer = buffer << 6 | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8((buffer >> UInt32(bits)) & 0xff))
            }
        }
        return padding <= 2 ? output : nil
    }
}
