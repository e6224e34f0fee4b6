import FuzzDriver
import RiskgateCore
import RiskgateRulePacks

/// One libFuzzer input drives one entry point, chosen by its first byte; the rest is the
/// input (for two-part inputs, split at the first NUL: pattern, then text).
///
///   0 trailer parser (+ AI-Scope globs, traceability links)
///   1 glob (all modes) against a path
///   2 AI-Scope glob against a path
///   3 content pattern against a line (and the sanitizer on the line)
///   4 rule-pack loader (and every rule's examples)
///   5 terminal sanitizer
///
/// A crash, a sanitizer report or libFuzzer's `-timeout` (slow input) is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let selector = bytes.first else { return 0 }
    let body = Array(bytes.dropFirst())
    let text = String(decoding: body, as: UTF8.self)
    let (first, second) = split(body)
    switch selector % 6 {
    case 0:
        let trailers = TrailerParser.parse(bytes: body)
        for trailer in trailers { _ = ScopeGlob(trailer.value)?.matches("src/a/b.swift") }
    case 1:
        for mode in [Glob.Mode.path, .exact, .codeOwners] {
            if let glob = try? Glob(first, mode: mode) { _ = glob.matches(second) }
        }
    case 2:
        _ = ScopeGlob(first)?.matches(second)
    case 3:
        if let pattern = try? ContentPattern(side: .added, source: first) { _ = pattern.matches(second) }
    case 4:
        if let rules = try? RulePackDecoder.decode(text, file: "fuzz.yaml") {
            for rule in rules { _ = rule.failingExamples() }
        }
    default:
        _ = TerminalText.sanitize(text)
        _ = TerminalText.sanitize(text, singleLine: true, allowedSGR: ["0", "1;31"])
    }
    return 0
}

private func split(_ bytes: [UInt8]) -> (String, String) {
    guard let nul = bytes.firstIndex(of: 0) else { return (String(decoding: bytes, as: UTF8.self), "") }
    return (String(decoding: bytes[..<nul], as: UTF8.self), String(decoding: bytes[(nul + 1)...], as: UTF8.self))
}
