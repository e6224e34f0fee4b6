/// A `Name <email>` identity, lowercased once for matching (ai-markers §3.1 rule 4).
///
/// A value without angle brackets (`OpenHands-GPT-5 openhands@all-hands.dev`) is accepted as
/// malformed: the last word that looks like an address is the email.
public struct ParsedIdentity: Hashable, Sendable {
    public var name: String
    public var lowercasedName: String
    /// Lowercased email, "" when there is none.
    public var email: String
    /// The GitHub login of a `N+login@users.noreply.github.com` or `login@users.noreply.github.com`
    /// address, lowercased, numeric id stripped; nil for other addresses.
    public var noreplyLogin: String?
    /// True when the value had no `<email>` in angle brackets.
    public var isMalformed: Bool

    public init(name: String, email: String) {
        self.name = name
        lowercasedName = name.lowercased()
        self.email = email.lowercased()
        noreplyLogin = ParsedIdentity.login(ofNoreply: self.email)
        isMalformed = false
    }

    /// Parses a trailer value.
    public init(parsing value: String) {
        let trimmed = value.trimmingWhitespace()
        if let open = trimmed.lastIndex(of: "<"), let close = trimmed.lastIndex(of: ">"), open < close {
            let name = trimmed[..<open].trimmingWhitespace()
            let email = trimmed[trimmed.index(after: open)..<close].trimmingWhitespace()
            self.init(name: String(name), email: String(email))
            return
        }
        let words = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" })
        if let last = words.last, last.contains("@") {
            let name = words.dropLast().joined(separator: " ")
            // A bracket left open or closed alone (`<noreply@anthropic.com`), or punctuation around the address.
            let stray: Set<Character> = ["<", ">", "(", ")", "[", "]", "\"", "'", ",", ";", "."]
            let email = last.drop(while: { stray.contains($0) }).reversed().drop(while: { stray.contains($0) }).reversed()
            self.init(name: name, email: String(email))
        } else {
            self.init(name: String(trimmed), email: "")
        }
        isMalformed = true
    }

    static let noreplySuffix = "@users.noreply.github.com"

    static func login(ofNoreply email: String) -> String? {
        guard email.hasSuffix(noreplySuffix) else { return nil }
        var local = email.dropLast(noreplySuffix.count)
        if let plus = local.firstIndex(of: "+"), local[..<plus].allSatisfy(\.isASCIIDigit) {
            local = local[local.index(after: plus)...]
        }
        return local.isEmpty ? nil : String(local)
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
