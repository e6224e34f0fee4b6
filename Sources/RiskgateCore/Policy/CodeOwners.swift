/// A CODEOWNERS file in GitHub's dialect: gitignore-like patterns, each followed by owners
/// (`@user`, `@org/team`, an email); the last matching line wins, and a line without owners
/// leaves its paths unowned. Lines that do not parse are kept as `problems`, not fatal.
public struct CodeOwners: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        public var pattern: String
        public var owners: [String]
        public var line: Int
        let glob: Glob
    }

    /// Where GitHub looks, in order; the first file found is used.
    public static let locations = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"]

    /// The file's path in the tree (one of `locations`).
    public var path: String
    public var entries: [Entry]
    public var problems: [String]

    public init(path: String, text: String) {
        self.path = path
        var entries: [Entry] = []
        var problems: [String] = []
        var number = 0
        // "\r\n" is one Character in Swift, so split on every newline kind, not on "\n".
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            number += 1
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let pattern = fields.first else { continue }
            do {
                let glob = try Glob(pattern, mode: .codeOwners)
                entries.append(Entry(pattern: pattern, owners: Array(fields.dropFirst()), line: number, glob: glob))
            } catch {
                problems.append("\(path):\(number): \(pattern): \(error)")
            }
        }
        self.entries = entries
        self.problems = problems
    }

    /// The entry that decides `path`'s owners (the last that matches), nil when none does.
    public func entry(for path: String) -> Entry? {
        let components = PathComponents(path)
        return entries.last { $0.glob.matches(components: components) }
    }

    /// The owners of `path`; empty when unowned.
    public func owners(of path: String) -> [String] {
        entry(for: path)?.owners ?? []
    }
}

/// Reads the CODEOWNERS file of a commit's tree (the git adapter implements it).
public protocol CodeOwnersProvider {
    func codeOwners(for commit: CommitSnapshot) -> CodeOwners?
}

public struct NoCodeOwners: CodeOwnersProvider {
    public init() {}
    public func codeOwners(for commit: CommitSnapshot) -> CodeOwners? { nil }
}
