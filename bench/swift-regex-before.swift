// Swift Regex (the engine riskgate used before RE2) on the probe's lines, for the "before" column of
// bench/hardening-bombs.sh: swiftc -O bench/swift-regex-before.swift -o /tmp/swift-regex && /tmp/swift-regex 250 500 1000
let patterns: [(String, String, (Int) -> String)] = [
    ("sql-delete-all-rows (old, with lookahead)", #"(?i)^\s*(delete\s+from|update)\s+[`"\w.]+(\s+set\s+((?!\bwhere\b)[^;])*)?\s*;\s*$"#,
     { "update users set" + String(repeating: " ", count: $0) + "a" }),
    ("ci-pipe-to-shell", #"(curl|wget)\s[^|]*\|\s*(sudo\s+)?(ba|z)?sh\b"#, { String(repeating: "curl ", count: $0 / 5) }),
]
let sizes = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let clock = ContinuousClock()
for (name, source, make) in patterns {
    let regex = try Regex(source)
    for size in sizes {
        let line = make(size)
        var found = false
        let elapsed = clock.measure { found = line.contains(regex) }
        print("\(name)\t\(line.utf8.count) bytes\t\(elapsed)\tmatch=\(found)")
    }
}
