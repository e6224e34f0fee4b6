/// git's manners for a mistyped command: `riskgate reprot` names the command meant, and
/// `riskgate help <unknown>` is a usage error (exit 64), not the top-level help with exit 0.
enum SubcommandNames {
    /// The message for an unknown subcommand in `arguments` (without the program name), nil
    /// when the first word is a known subcommand, `help` with a known one, or an option.
    static func unknown(in arguments: [String], known: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        var word = first
        if first == "help" {
            guard arguments.count > 1, !arguments[1].hasPrefix("-") else { return nil }
            word = arguments[1]
        }
        guard !known.contains(word) else { return nil }
        var message = "'\(word)' is not a riskgate command."
        if let closest = closest(to: word, among: known) { message += " Did you mean '\(closest)'?" }
        return message + " See 'riskgate --help'."
    }

    /// The known name within edit distance 2 (or sharing a 3-letter prefix), the nearest first.
    static func closest(to word: String, among known: [String]) -> String? {
        let scored = known.map { ($0, distance(word.lowercased(), $0)) }.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        if let best = scored.first, best.1 <= 2 { return best.0 }
        if word.count >= 3, let prefixed = known.first(where: { $0.hasPrefix(word.lowercased().prefix(3)) }) { return prefixed }
        return nil
    }

    /// Damerau-Levenshtein (optimal string alignment): a swap of two letters costs one.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var rows = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { rows[i][0] = i }
        for j in 0...b.count { rows[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
                }
            }
        }
        return rows[a.count][b.count]
    }
}
