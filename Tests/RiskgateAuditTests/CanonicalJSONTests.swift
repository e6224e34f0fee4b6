import RiskgateAudit
import Testing

@Suite("Canonical JSON: the exact bytes that are hashed")
struct CanonicalJSONTests {
    @Test(
        "strings are escaped minimally and keep their UTF-8",
        arguments: [
            ("plain", #""plain""#),
            ("quote \" and backslash \\", #""quote \" and backslash \\""#),
            ("slash / stays", #""slash / stays""#),
            ("tab\tnew\nline\rcr", #""tab\tnew\nline\rcr""#),
            ("bell\u{07}nul\u{00}", #""bell\u0007nul\u0000""#),
            ("\u{08}\u{0C}\u{1F}", #""\b\f\u001f""#),
            ("déjà vu – 日本 🚀", "\"déjà vu – 日本 🚀\""),
            ("del\u{7F}", "\"del\u{7F}\""),
        ])
    func strings(input: String, expected: String) throws {
        #expect(CanonicalJSON.string(input).canonicalText == expected)
        #expect(try CanonicalJSONParser.parse(Array(expected.utf8)) == .string(input))
    }

    @Test("object members are sorted by their UTF-8 bytes, with no whitespace")
    func sortedMembers() {
        let value = CanonicalJSON.object([
            "time": .string("t"), "actor": .null, "Zeta": .integer(-12), "a_b": .array([.bool(true), .bool(false)]),
            "ab": .object(["y": .integer(0), "x": .array([])]),
        ])
        #expect(value.canonicalText == #"{"Zeta":-12,"a_b":[true,false],"ab":{"x":[],"y":0},"actor":null,"time":"t"}"#)
    }

    @Test(
        "the reader accepts escapes and whitespace the writer never produces",
        arguments: [
            (#" { "b" : [ 1 , 2 ] ,"a":"\/x\u00e9\ud83d\ude80" } "#, #"{"a":"/xé🚀","b":[1,2]}"#),
            (#"{"n":-0}"#, #"{"n":0}"#),
            (#"[]"#, #"[]"#),
        ])
    func lenientReading(input: String, canonical: String) throws {
        #expect(try CanonicalJSONParser.parse(Array(input.utf8)).canonicalText == canonical)
    }

    @Test(
        "the reader rejects what would make a line ambiguous",
        arguments: [
            (#"{"a":1,"a":2}"#, "duplicate member `a` at byte 8"),
            (#"{"a":1.5}"#, "only integers are allowed at byte 7"),
            (#"{"a":1e3}"#, "only integers are allowed at byte 7"),
            (#"{"a":"\ud800"}"#, "lone surrogate at byte 13"),
            (#"{"a":"x"} trailing"#, "unexpected text after the value at byte 11"),
            (#"{"a":"x"#, "unterminated string at byte 8"),
            ("{\"a\":\"tab\there\"}", "unescaped control character in a string at byte 10"),
            (#"{"a":99999999999999999999}"#, "integer out of range at byte 6"),
            (#"{"a":tru}"#, "expected `true` at byte 9"),
            ("", "unexpected end of line at byte 1"),
        ])
    func rejects(input: String, message: String) {
        #expect(throws: CanonicalJSONParser.Failure.self) { try CanonicalJSONParser.parse(Array(input.utf8)) }
        do {
            _ = try CanonicalJSONParser.parse(Array(input.utf8))
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("invalid UTF-8 inside a string is rejected, not replaced")
    func invalidUTF8() {
        let bytes: [UInt8] = [0x22, 0x61, 0xC3, 0x28, 0x22]
        #expect(throws: CanonicalJSONParser.Failure.self) { try CanonicalJSONParser.parse(bytes) }
    }

    @Test("the hash is SHA-256 of the canonical bytes without the hash member")
    func hashDefinition() {
        // echo -n '{"a":"b","seq":1}' | sha256sum
        let members: [String: CanonicalJSON] = ["seq": .integer(1), "a": .string("b"), "hash": .string("ignored")]
        #expect(AuditChain.hash(of: members) == "ede914fd2ad2f2ca2a20fd9900a211a9065dc1e95540ce545f9f394d53470324")
        #expect(AuditChain.sha256Hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(AuditChain.genesis == String(repeating: "0", count: 64))
    }
}
