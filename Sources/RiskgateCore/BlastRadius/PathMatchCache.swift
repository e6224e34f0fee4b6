import Synchronization

/// Which pack rules' paths match a path, remembered across commits and shared across threads:
/// histories touch the same paths again and again, so most lookups cost one dictionary probe.
///
/// A miss matches each distinct glob of the rule set once (the default packs repeat globs such
/// as `.github/workflows/*.{yml,yaml}` across many rules), then applies every rule's ordered
/// list with gitignore's last-match-wins, exactly as `PathPatterns.matches` does. Bounded to
/// keep memory flat.
public final class PathMatchCache: Sendable {
    private struct Entry: Sendable {
        var glob: Int
        var negated: Bool
    }

    private let globs: [Glob]
    /// Per rule, its path patterns as indices into `globs`, in the rule's order.
    private let entries: [[Entry]]
    /// Per rule, whether it searches changed lines.
    private let hasContent: [Bool]
    private let known = Mutex<[String: [Int]]>([:])
    private static let limit = 200_000

    /// - Parameter rules: the rules whose indices lookups return.
    public init(rules: [Rule]) {
        var globs: [Glob] = []
        var indexOf: [Glob: Int] = [:]
        entries = rules.map { rule in
            rule.paths.entries.map { entry in
                if let index = indexOf[entry.glob] { return Entry(glob: index, negated: entry.negated) }
                indexOf[entry.glob] = globs.count
                globs.append(entry.glob)
                return Entry(glob: globs.count - 1, negated: entry.negated)
            }
        }
        self.globs = globs
        hasContent = rules.map(\.hasContent)
    }

    /// True when some content rule's paths match the file, so scoring will read its changed
    /// lines (whatever the commit's authorship: a superset of what the scorer asks for).
    public func needsChangedLines(_ file: FileChange) -> Bool {
        if file.isSubmodule || (file.binary && !TextFormats.isText(path: file.path)) { return false }
        return rules(matching: file).contains { hasContent[$0] }
    }

    /// Indices (into the rules it was made from) of the rules whose paths match the file's path
    /// or, for a rename, its old path.
    public func rules(matching file: FileChange) -> [Int] {
        var result = lookup(file.path)
        if let oldPath = file.oldPath, oldPath != file.path {
            result = Array(Set(result).union(lookup(oldPath))).sorted()
        }
        return result
    }

    func lookup(_ path: String) -> [Int] {
        if let hit = known.withLock({ $0[path] }) { return hit }
        let components = PathComponents(path)
        var globMatches = [Bool?](repeating: nil, count: globs.count)
        var matching: [Int] = []
        for (ruleIndex, ruleEntries) in entries.enumerated() {
            for entry in ruleEntries.reversed() {
                let matched: Bool
                if let known = globMatches[entry.glob] {
                    matched = known
                } else {
                    matched = globs[entry.glob].matches(components: components)
                    globMatches[entry.glob] = matched
                }
                if matched {
                    if !entry.negated { matching.append(ruleIndex) }
                    break
                }
            }
        }
        known.withLock { known in
            if known.count >= PathMatchCache.limit { known.removeAll(keepingCapacity: true) }
            known[path] = matching
        }
        return matching
    }
}
