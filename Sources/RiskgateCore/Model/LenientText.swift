/// Decoding of bytes that git stores without any promise of an encoding.
///
/// Commit messages, names and paths are bytes in git. riskgate keeps the bytes and shows text
/// with U+FFFD in place of invalid UTF-8, so a Latin-1 message or path never stops a hook.
public enum LenientText {
    /// Decodes UTF-8, replacing invalid sequences with U+FFFD. Never fails.
    public static func decode(_ bytes: some Collection<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// True when the bytes are valid UTF-8 (so decoding loses nothing).
    public static func isValidUTF8(_ bytes: some Sequence<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    /// Encoding names git writes in a commit's `encoding` header for Latin-1 and its Windows
    /// superset (decoded as Latin-1: the difference is a few punctuation marks).
    public static func isLatin1(name: String) -> Bool {
        ["iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "cp1252", "windows-1252"].contains(name.lowercased())
    }

    /// Decodes Latin-1: every byte is the Unicode scalar of the same value.
    public static func decodeLatin1(_ bytes: some Sequence<UInt8>) -> String {
        var text = ""
        for byte in bytes { text.unicodeScalars.append(Unicode.Scalar(byte)) }
        return text
    }
}
