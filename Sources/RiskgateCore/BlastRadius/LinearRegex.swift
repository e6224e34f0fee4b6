import CRE2

/// A regular expression matched in time linear in the text, whatever the pattern: RE2
/// (through the `CRE2` shim), an automaton engine without backtracking. File contents are
/// chosen by whoever pushes, so a backtracking engine (Swift's `Regex`, PCRE) would let one
/// line of a migration hang a server hook (`update users set` + 4,000 spaces took Swift's
/// `Regex` minutes). RE2 rejects at compile time what it cannot bound: backreferences and
/// lookaround (`(?!...)`); rule packs express exclusions with `unless:` instead.
///
/// The pattern's own size is bounded too (`maximumSourceBytes`, and RE2's program within
/// `maximumMemory`), so matching costs at most a constant times the text's length.
///
/// RE2 objects are immutable after compilation and documented thread-safe for matching, so
/// one compiled pattern is shared by every scoring thread.
public final class LinearRegex: @unchecked Sendable, CustomStringConvertible {
    /// Longest pattern source accepted.
    public static let maximumSourceBytes = 4096
    /// RE2's memory budget per pattern (compiled program plus lazy-DFA cache). RE2 refuses a
    /// program that does not fit; a DFA cache that fills up is reset, or RE2 falls back to its
    /// NFA, which is still linear. A quarter of RE2's default: a pusher who makes every one of
    /// the default pack's ~100 patterns fill its cache costs a hook about 200 MB, not 800.
    public static let maximumMemory: Int64 = 2 << 20

    public let source: String
    private let handle: OpaquePointer

    public init(_ source: String) throws(ContentPatternError) {
        self.source = source
        let bytes = Array(source.utf8)
        guard bytes.count <= Self.maximumSourceBytes else {
            throw ContentPatternError(
                source: source, reason: "pattern longer than \(Self.maximumSourceBytes) bytes; split it into several")
        }
        var error = [CChar](repeating: 0, count: 256)
        let compiled = bytes.withUnsafeBufferPointer { pattern in
            pattern.withMemoryRebound(to: CChar.self) { chars in
                riskgate_re2_compile(chars.baseAddress, chars.count, Self.maximumMemory, &error, error.count)
            }
        }
        guard let compiled else {
            let reason = String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw ContentPatternError(source: source, reason: Self.explain(reason))
        }
        handle = compiled
    }

    deinit { riskgate_re2_free(handle) }

    public var description: String { source }

    /// RE2's measure of the compiled pattern's size.
    public var programSize: Int { Int(riskgate_re2_program_size(handle)) }

    /// True when `text` contains a match.
    public func search(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { search($0) }
    }

    /// True when the UTF-8 bytes contain a match (NUL bytes and invalid UTF-8 included).
    public func search(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.withMemoryRebound(to: CChar.self) { chars in
            riskgate_re2_search(handle, chars.baseAddress, chars.count) == 1
        }
    }

    /// RE2's reason, plus what to do for the constructs it leaves out on purpose.
    static func explain(_ reason: String) -> String {
        if reason.contains("invalid perl operator: (?!") || reason.contains("invalid perl operator: (?=")
            || reason.contains("invalid perl operator: (?<")
        {
            return reason
                + " (lookaround cannot be matched in linear time; match the line with a plain pattern and exclude with the rule's 'unless:')"
        }
        if reason.contains("invalid escape sequence: \\1") || reason.contains("invalid escape sequence: \\k") {
            return reason + " (backreferences cannot be matched in linear time)"
        }
        if reason.contains("pattern too large") || reason.contains("bad repetition operator")
            || reason.contains("invalid repetition size")
        {
            return reason + " (the engine bounds each pattern's size; simplify it or split it into several)"
        }
        return reason
    }
}
