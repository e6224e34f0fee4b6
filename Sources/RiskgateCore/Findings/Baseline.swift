/// Accepted findings, by fingerprint (`commit:path:rule[:line]`), hidden from later reports the
/// way gitleaks' baseline hides known leaks.
///
/// A baseline file is either a riskgate JSON report (every `"fingerprint"` in it is accepted)
/// or a plain list: one fingerprint per line, blank lines and `#` comments ignored.
public struct Baseline: Hashable, Sendable {
    public var fingerprints: Set<String>

    public init(fingerprints: Set<String> = []) { self.fingerprints = fingerprints }

    /// Reads either form; never fails (an empty or foreign file accepts nothing).
    public init(parsing text: String) {
        let trimmed = text.trimmingWhitespace()
        if trimmed.hasPrefix("{") || trimmed.hasPrefix("[") {
            fingerprints = Set(Self.jsonFingerprints(in: Array(trimmed.utf8)))
        } else {
            var found = Set<String>()
            for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
                let entry = line.trimmingWhitespace()
                if entry.isEmpty || entry.hasPrefix("#") { continue }
                found.insert(String(entry))
            }
            fingerprints = found
        }
    }

    public var isEmpty: Bool { fingerprints.isEmpty }

    public func contains(_ finding: Finding) -> Bool { fingerprints.contains(finding.fingerprint) }

    /// The file `--write-baseline` writes: a header, then sorted fingerprints, one per line.
    public static func render(_ fingerprints: some Sequence<String>, header: String) -> String {
        var out = ""
        for line in header.split(separator: "\n", omittingEmptySubsequences: false) { out += "# \(line)\n" }
        for fingerprint in Set(fingerprints).sorted() { out += fingerprint + "\n" }
        return out
    }

    /// Every string value whose key is `fingerprint`, found by a small JSON tokenizer (keys and
    /// values are JSON strings with escapes; anything else is skipped).
    static func jsonFingerprints(in bytes: [UInt8]) -> [String] {
        var found: [String] = []
        var index = 0
        var previousString: String?
        var expectValueFor: String?
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                guard let (text, next) = readString(bytes, from: index) else { return found }
                index = next
                if expectValueFor == "fingerprint" { found.append(text) }
                expectValueFor = nil
                previousString = text
                continue
            case UInt8(ascii: ":"):
                expectValueFor = previousString
                previousString = nil
            case UInt8(ascii: " "), 0x09, 0x0a, 0x0d:
                break
            default:
                expectValueFor = nil
                previousString = nil
            }
            index += 1
        }
        return found
    }

    private static func readString(_ bytes: [UInt8], from start: Int) -> (String, Int)? {
        var out: [UInt8] = []
        var index = start + 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { return (String(decoding: out, as: UTF8.self), index + 1) }
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                let escaped = bytes[index + 1]
                switch escaped {
                case UInt8(ascii: "n"): out.append(0x0a)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0d)
                case UInt8(ascii: "u"):
                    // riskgate writes \u00XX for control characters only; decode any BMP scalar.
                    guard index + 5 < bytes.count,
                        let value = UInt32(String(decoding: bytes[(index + 2)...(index + 5)], as: UTF8.self), radix: 16),
                        let scalar = Unicode.Scalar(value)
                    else { return nil }
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    index += 6
                    continue
                default: out.append(escaped)
                }
                index += 2
                continue
            }
            out.append(byte)
            index += 1
        }
        return nil
    }
}
