import CLibGit2
import RiskgateCore

/// The commits each ref update of a push adds, and the facts that classify the update.
///
/// - pre-push: `new --not --remotes=<remote>` (and `--not <remote sha>` when that exists
///   locally), as pre-commit and ggshield do.
/// - pre-receive and update: the commits no existing ref reaches (`new --not --all`), computed
///   without hiding every ref: walk back from the new tips through commits whose objects are in
///   quarantine, then settle the few boundary commits against the refs (see `serverNewCommits`).
public struct PushedCommits {
    private let repository: Repository

    public init(repository: Repository) {
        self.repository = repository
    }

    // MARK: - Classification facts

    /// Classifies an update: create, delete, fast-forward, force push; annotated tag or not.
    public func classify(_ update: RefUpdate) -> RefClassification {
        guard !update.isDeletion else {
            return RefClassification.classify(update, oldIsAncestorOfNew: nil, newIsAnnotatedTag: false)
        }
        var ancestor: Bool?
        if !update.old.isZero, update.old != update.new,
            let old = repository.peelToCommit(update.old), let new = repository.peelToCommit(update.new)
        {
            ancestor = isAncestor(old, of: new)
        }
        return RefClassification.classify(update, oldIsAncestorOfNew: ancestor, newIsAnnotatedTag: isTagObject(update.new))
    }

    /// True when `ancestor` is `descendant` or one of its ancestors; nil when git cannot tell.
    func isAncestor(_ ancestor: ObjectID, of descendant: ObjectID) -> Bool? {
        if ancestor == descendant { return true }
        var a = descendant.gitOID
        var b = ancestor.gitOID
        let code = git_graph_descendant_of(repository.handle, &a, &b)
        return code < 0 ? nil : code == 1
    }

    func isTagObject(_ id: ObjectID) -> Bool {
        var oid = id.gitOID
        var object: OpaquePointer?
        guard git_object_lookup(&object, repository.handle, &oid, GIT_OBJECT_ANY) == 0, let object else { return false }
        defer { git_object_free(object) }
        return git_object_type(object) == GIT_OBJECT_TAG
    }

    // MARK: - pre-push

    /// The commits `update` would add to `remote`, newest first.
    ///
    /// An update of a ref the remote has brings `new --not <remote's old tip>`, as on the server:
    /// commits already on a laxer remote branch are judged again under this ref's policy. A new
    /// ref brings what no remote-tracking branch `judgedAsStrictly` (named as on the remote,
    /// `refs/heads/<name>`) reaches.
    public func clientNewCommits(
        for update: RefUpdate, remote: String, judgedAsStrictly: ((String) -> Bool)? = nil
    ) throws(GitError) -> [ObjectID] {
        guard !update.isDeletion else { return [] }
        guard let tip = repository.peelToCommit(update.new) else {
            if repository.objectExists(update.new) { return [] }  // a tag of a tree or blob: no commits
            throw .missingObject(update.new, context: "pushed as \(update.ref)")
        }
        if !update.old.isZero, let old = repository.peelToCommit(update.old) {
            return try walk(include: [tip], exclude: [old])
        }
        var exclude: [ObjectID] = []
        // A named remote has tracking refs; a URL given instead of a name has none.
        if !remote.isEmpty, repository.configString("remote.\(remote).url") != nil {
            let prefix = "refs/remotes/\(remote)/"
            exclude += try repository.referenceTips(prefix: prefix) { name in
                guard let judgedAsStrictly else { return true }
                return judgedAsStrictly("refs/heads/" + name.dropFirst(prefix.count))
            }
        }
        return try walk(include: [tip], exclude: exclude)
    }

    // MARK: - pre-receive and update

    /// For each update (same order), the commits it adds that no existing ref reaches, newest
    /// first. A commit reached from several refs appears under each; analyse it once.
    ///
    /// - Parameter quarantine: the pushed objects (pre-receive); nil when there is none
    ///   (`update` hook, old git): then every tip is a boundary and the refs settle it.
    public func serverNewCommits(for updates: [RefUpdate], quarantine: QuarantineObjects?) throws(GitError) -> [[ObjectID]] {
        var tips: [ObjectID?] = []
        for update in updates {
            guard !update.isDeletion else { tips.append(nil); continue }
            guard let tip = repository.peelToCommit(update.new) else {
                if repository.objectExists(update.new) { tips.append(nil); continue }
                throw .missingObject(update.new, context: "pushed as \(update.ref)")
            }
            tips.append(tip)
        }
        let fresh = try newToRepository(tips: Array(Set(tips.compactMap { $0 })), updates: updates, quarantine: quarantine)
        var graph = CommitGraphReader(repository: repository)
        return try tips.map { tip throws(GitError) in
            guard let tip, fresh.contains(tip) else { return [] }
            return try graph.reachable(from: tip, within: fresh)
        }
    }

    /// For each update (same order), the commits it brings to its ref, newest first: what the
    /// ref's policy must judge, wherever else those commits already are.
    ///
    /// - An update from OLD to NEW brings `NEW --not OLD`: a commit accepted on a laxer ref
    ///   (a sandbox branch, a tag) is judged again when it reaches this one, directly, through a
    ///   merge or through a tag moved onto it; a force push brings everything not on OLD.
    /// - A new ref brings the commits no existing ref `judgedAsStrictly` reaches (for a new
    ///   `release/*` branch: commits not on main or another release branch). When every
    ///   existing ref judges at least as strictly (a new lax branch), that is the commits new to
    ///   the repository, found from the quarantine without hiding every ref.
    ///
    /// - Parameter judgedAsStrictly: for the updated ref's name, whether an existing ref (by
    ///   full name) has judged its commits at least as strictly as the updated ref would.
    public func serverCommits(
        for updates: [RefUpdate], quarantine: QuarantineObjects?, judgedAsStrictly: (String) -> (String) -> Bool
    ) throws(GitError) -> [[ObjectID]] {
        var freshPerRef: [[ObjectID]]?
        func fresh(_ index: Int) throws(GitError) -> [ObjectID] {
            if freshPerRef == nil { freshPerRef = try serverNewCommits(for: updates, quarantine: quarantine) }
            return freshPerRef?[index] ?? []
        }
        var result: [[ObjectID]] = []
        for (index, update) in updates.enumerated() {
            guard !update.isDeletion else {
                result.append([])
                continue
            }
            guard let tip = repository.peelToCommit(update.new) else {
                if repository.objectExists(update.new) {
                    result.append([])
                    continue
                }
                throw .missingObject(update.new, context: "pushed as \(update.ref)")
            }
            if !update.old.isZero, let old = repository.peelToCommit(update.old) {
                result.append(try walk(include: [tip], exclude: [old]))
                continue
            }
            // Names first (no object is read): when every existing ref judges at least as
            // strictly, the quarantine tells what is new without peeling thousands of refs.
            let covers = judgedAsStrictly(update.ref)
            if try repository.referenceNames(prefix: "refs/").allSatisfy(covers) {
                result.append(try fresh(index))
            } else {
                result.append(try walk(include: [tip], exclude: try repository.referenceTips(prefix: "refs/", including: covers)))
            }
        }
        return result
    }

    /// Commits reachable from `tips` and from no existing ref.
    ///
    /// 1. Walk back from the tips while the commit's object is in quarantine: those commits
    ///    were sent by the pusher. Where the walk leaves quarantine are the boundary commits.
    /// 2. A boundary commit that some ref points at is known. The rest (a new branch starting
    ///    in the middle of history, or objects left unreferenced by an earlier deletion) are
    ///    settled by a walk that excludes first the cheap candidates (the updated refs' old
    ///    tips and HEAD), and only when that leaves commits over, every ref.
    func newToRepository(tips: [ObjectID], updates: [RefUpdate], quarantine: QuarantineObjects?) throws(GitError) -> Set<ObjectID> {
        guard !tips.isEmpty else { return [] }
        var graph = CommitGraphReader(repository: repository)
        var fresh: Set<ObjectID> = []
        var boundary: Set<ObjectID> = []
        var stack = tips
        while let id = stack.popLast() {
            guard !fresh.contains(id), !boundary.contains(id) else { continue }
            guard let quarantine, quarantine.contains(id) else {
                boundary.insert(id)
                continue
            }
            fresh.insert(id)
            stack.append(contentsOf: try graph.parents(of: id))
        }
        guard !boundary.isEmpty else { return fresh }

        let targets = repository.referenceTargets()
        let unsettled = boundary.filter { !targets.contains($0) }
        guard !unsettled.isEmpty else { return fresh }

        var cheap: [ObjectID] = updates.compactMap { $0.old.isZero ? nil : repository.peelToCommit($0.old) }
        if let head = try? repository.resolveCommit("HEAD") { cheap.append(head) }
        let overCheap = try walk(include: Array(unsettled), exclude: cheap)
        guard !overCheap.isEmpty else { return fresh }

        let everyRef = try repository.referenceTips(prefix: "refs/")
        let unreachable = try walk(include: Array(unsettled), exclude: everyRef + cheap)
        fresh.formUnion(unreachable)
        return fresh
    }

    private func walk(include: [ObjectID], exclude: [ObjectID]) throws(GitError) -> [ObjectID] {
        let range = RevisionRange(include: include, exclude: exclude, arguments: [])
        let walker = try CommitWalker(repository: repository, range: range, shallow: repository.shallowBoundaries())
        var result: [ObjectID] = []
        while let id = try walker.next() { result.append(id) }
        return result
    }
}

/// Reads commit parents and times, caching them for one computation.
struct CommitGraphReader {
    let repository: Repository
    private var cache: [ObjectID: (time: Int64, parents: [ObjectID])] = [:]

    init(repository: Repository) {
        self.repository = repository
    }

    mutating func parents(of id: ObjectID) throws(GitError) -> [ObjectID] { try read(id).parents }

    mutating func read(_ id: ObjectID) throws(GitError) -> (time: Int64, parents: [ObjectID]) {
        if let cached = cache[id] { return cached }
        let commit = try repository.lookupCommit(id, context: "pushed commit")
        defer { git_commit_free(commit) }
        var parents: [ObjectID] = []
        for index in 0..<git_commit_parentcount(commit) {
            if let parent = git_commit_parent_id(commit, index) { parents.append(ObjectID(parent)) }
        }
        let value = (time: Int64(git_commit_time(commit)), parents: parents)
        cache[id] = value
        return value
    }

    /// The commits of `set` reachable from `tip` through commits of `set`, newest first.
    mutating func reachable(from tip: ObjectID, within set: Set<ObjectID>) throws(GitError) -> [ObjectID] {
        var seen: Set<ObjectID> = [tip]
        var stack = [tip]
        var result: [(ObjectID, Int64)] = []
        while let id = stack.popLast() {
            let commit = try read(id)
            result.append((id, commit.time))
            for parent in commit.parents where set.contains(parent) && seen.insert(parent).inserted { stack.append(parent) }
        }
        return result.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map(\.0)
    }
}

extension Repository {
    /// Every ref's direct target, plus the peeled commit packed-refs records for annotated tags,
    /// plus HEAD. No object is read, so this stays cheap at tens of thousands of refs.
    func referenceTargets() -> Set<ObjectID> {
        var result: Set<ObjectID> = []
        if let head = try? resolveCommit("HEAD") { result.insert(head) }
        var iterator: OpaquePointer?
        guard git_reference_iterator_new(&iterator, handle) == 0, let iterator else { return result }
        defer { git_reference_iterator_free(iterator) }
        var reference: OpaquePointer?
        while git_reference_next(&reference, iterator) == 0, let current = reference {
            defer { git_reference_free(current) }
            if let target = git_reference_target(current) { result.insert(ObjectID(target)) }
            if let peeled = git_reference_target_peel(current) { result.insert(ObjectID(peeled)) }
        }
        return result
    }

    /// True when the object is in the repository (any type).
    func objectExists(_ id: ObjectID) -> Bool {
        var odb: OpaquePointer?
        guard git_repository_odb(&odb, handle) == 0, let odb else { return false }
        defer { git_odb_free(odb) }
        var oid = id.gitOID
        return git_odb_exists(odb, &oid) == 1
    }
}
