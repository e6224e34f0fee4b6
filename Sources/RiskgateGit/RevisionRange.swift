import CLibGit2
import RiskgateCore

/// A set of commits in `git rev-list` terms: reachable from `include`, not from `exclude`.
public struct RevisionRange: Hashable, Sendable {
    public var include: [ObjectID]
    public var exclude: [ObjectID]
    /// The arguments as given, for the report.
    public var arguments: [String]

    public init(include: [ObjectID], exclude: [ObjectID], arguments: [String]) {
        self.include = include
        self.exclude = exclude
        self.arguments = arguments
    }
}

extension Repository {
    /// Resolves revision arguments in `git rev-list` syntax: `A..B`, `A...B`, `^X`, `X`,
    /// `X^!`, `X^@`, `HEAD~20..`, `--all`, `--branches`, `--tags`, `--remotes`, `--not`.
    ///
    /// `--all` follows `git rev-list --all` except that notes refs are left out: their commits
    /// are bookkeeping of notes tools, not changes to the project (ai-markers.md §3.7).
    public func resolve(_ arguments: [String]) throws(GitError) -> RevisionRange {
        var include: [ObjectID] = []
        var exclude: [ObjectID] = []
        var negated = false
        for argument in arguments {
            func add(_ id: ObjectID, negative: Bool = false) {
                if negative != negated { exclude.append(id) } else { include.append(id) }
            }
            switch argument {
            case "--not":
                negated.toggle()
                continue
            case "--all":
                if let head = try? resolveCommit("HEAD") { add(head) }
                for id in try referenceTips(prefix: "refs/", excluding: ["refs/notes/"]) { add(id) }
                continue
            case "--branches":
                for id in try referenceTips(prefix: "refs/heads/") { add(id) }
                continue
            case "--tags":
                for id in try referenceTips(prefix: "refs/tags/") { add(id) }
                continue
            case "--remotes":
                for id in try referenceTips(prefix: "refs/remotes/") { add(id) }
                continue
            default:
                break
            }
            if argument.hasPrefix("-") && argument != "-" {
                throw .invalidRevisionSyntax(argument)
            }
            if argument.hasPrefix("^") {
                add(try resolveCommit(String(argument.dropFirst())), negative: true)
            } else if let (left, right) = argument.splitOnce("...") {
                let a = try resolveCommit(left.isEmpty ? "HEAD" : left)
                let b = try resolveCommit(right.isEmpty ? "HEAD" : right)
                add(a)
                add(b)
                for base in try mergeBases(a, b) { add(base, negative: true) }
            } else if let (left, right) = argument.splitOnce("..") {
                add(try resolveCommit(left.isEmpty ? "HEAD" : left), negative: true)
                add(try resolveCommit(right.isEmpty ? "HEAD" : right))
            } else if argument.hasSuffix("^!") {
                let id = try resolveCommit(String(argument.dropLast(2)))
                add(id)
                for parent in try parents(of: id) { add(parent, negative: true) }
            } else if argument.hasSuffix("^@") {
                let id = try resolveCommit(String(argument.dropLast(2)))
                for parent in try parents(of: id) { add(parent) }
            } else {
                add(try resolveCommit(argument))
            }
        }
        return RevisionRange(include: unique(include), exclude: unique(exclude), arguments: arguments)
    }

    /// The range `riskgate report` uses without arguments (SPEC §1): `@{upstream}..HEAD`, else
    /// `<default branch>..HEAD` (origin/HEAD, main, master), else all of HEAD.
    public func defaultRange() throws(GitError) -> (range: RevisionRange, reason: String) {
        guard !isEmpty else { throw .emptyRepository }
        let head = try resolveCommit("HEAD")
        if let upstream = try? resolveCommit("@{upstream}") {
            return (RevisionRange(include: [head], exclude: [upstream], arguments: ["@{upstream}..HEAD"]),
                "@{upstream}..HEAD (commits not yet on the upstream branch)")
        }
        for candidate in ["origin/HEAD", "main", "master"] {
            if let base = try? resolveCommit(candidate) {
                return (RevisionRange(include: [head], exclude: [base], arguments: ["\(candidate)..HEAD"]),
                    "\(candidate)..HEAD (no upstream branch; compared with the default branch)")
            }
        }
        return (RevisionRange(include: [head], exclude: [], arguments: ["HEAD"]),
            "HEAD (no upstream or default branch to compare with: all of HEAD's history)")
    }

    /// Resolves one revision expression (`main`, `HEAD~3`, `v1.0`, a sha) to a commit id,
    /// peeling tags.
    public func resolveCommit(_ revision: String) throws(GitError) -> ObjectID {
        var object: OpaquePointer?
        let code = git_revparse_single(&object, handle, revision)
        guard code == 0, let object else {
            if isEmpty && (revision == "HEAD" || revision.hasPrefix("HEAD")) { throw .emptyRepository }
            throw .unknownRevision(revision, message: "no commit, branch or tag by that name")
        }
        defer { git_object_free(object) }
        var peeled: OpaquePointer?
        guard git_object_peel(&peeled, object, GIT_OBJECT_COMMIT) == 0, let peeled else {
            throw .unknownRevision(revision, message: "it names an object that is not a commit")
        }
        defer { git_object_free(peeled) }
        return ObjectID(git_object_id(peeled))
    }

    /// Peels any object id (a commit, or a tag pointing at one) to a commit; nil otherwise.
    public func peelToCommit(_ id: ObjectID) -> ObjectID? {
        var oid = id.gitOID
        var object: OpaquePointer?
        guard git_object_lookup(&object, handle, &oid, GIT_OBJECT_ANY) == 0, let object else { return nil }
        defer { git_object_free(object) }
        var peeled: OpaquePointer?
        guard git_object_peel(&peeled, object, GIT_OBJECT_COMMIT) == 0, let peeled else { return nil }
        defer { git_object_free(peeled) }
        return ObjectID(git_object_id(peeled))
    }

    /// The full names of the references under `prefix`, without reading any object: cheap at
    /// tens of thousands of refs.
    public func referenceNames(prefix: String) throws(GitError) -> [String] {
        var iterator: OpaquePointer?
        try LibGit2.check(git_reference_iterator_glob_new(&iterator, handle, prefix + "*"), "git_reference_iterator_glob_new")
        guard let iterator else { return [] }
        defer { git_reference_iterator_free(iterator) }
        var names: [String] = []
        var reference: OpaquePointer?
        while git_reference_next(&reference, iterator) == 0, let current = reference {
            names.append(String(cString: git_reference_name(current)))
            git_reference_free(current)
        }
        return names
    }

    /// Commit ids at the tips of references under `prefix`, tags peeled; references that do not
    /// lead to a commit are skipped, as git does for `--all`.
    /// - Parameter including: when given, only references whose full name it accepts.
    public func referenceTips(
        prefix: String, excluding: [String] = [], including: ((String) -> Bool)? = nil
    ) throws(GitError) -> [ObjectID] {
        var iterator: OpaquePointer?
        try LibGit2.check(git_reference_iterator_glob_new(&iterator, handle, prefix + "*"), "git_reference_iterator_glob_new")
        guard let iterator else { return [] }
        defer { git_reference_iterator_free(iterator) }
        var result: [ObjectID] = []
        var reference: OpaquePointer?
        while git_reference_next(&reference, iterator) == 0, let current = reference {
            defer { git_reference_free(current) }
            let name = String(cString: git_reference_name(current))
            if excluding.contains(where: { name.hasPrefix($0) }) { continue }
            if let including, !including(name) { continue }
            var resolved: OpaquePointer?
            guard git_reference_resolve(&resolved, current) == 0, let resolved else { continue }
            defer { git_reference_free(resolved) }
            guard let target = git_reference_target(resolved) else { continue }
            if let commit = peelToCommit(ObjectID(target)) { result.append(commit) }
        }
        return result
    }

    func mergeBases(_ a: ObjectID, _ b: ObjectID) throws(GitError) -> [ObjectID] {
        var array = git_oidarray()
        var left = a.gitOID
        var right = b.gitOID
        let code = git_merge_bases(&array, handle, &left, &right)
        if code == GIT_ENOTFOUND.rawValue { return [] }
        try LibGit2.check(code, "git_merge_bases")
        defer { git_oidarray_dispose(&array) }
        return (0..<array.count).compactMap { index in array.ids.map { ObjectID($0[index]) } }
    }

    func parents(of id: ObjectID) throws(GitError) -> [ObjectID] {
        let commit = try lookupCommit(id, context: "revision")
        defer { git_commit_free(commit) }
        return (0..<git_commit_parentcount(commit)).compactMap { index in
            git_commit_parent_id(commit, index).map { ObjectID($0) }
        }
    }

    private func unique(_ ids: [ObjectID]) -> [ObjectID] {
        var seen: Set<ObjectID> = []
        return ids.filter { seen.insert($0).inserted }
    }
}

extension String {
    /// Splits at the first occurrence of `separator`; nil when it does not occur.
    func splitOnce(_ separator: String) -> (String, String)? {
        let characters = Array(self)
        let pattern = Array(separator)
        guard characters.count >= pattern.count else { return nil }
        for start in 0...(characters.count - pattern.count) where Array(characters[start..<start + pattern.count]) == pattern {
            return (String(characters[..<start]), String(characters[(start + pattern.count)...]))
        }
        return nil
    }
}
