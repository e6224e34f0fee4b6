import CLibGit2
import RiskgateCore

/// One path that differs between two trees, before line counting.
struct TreeChange {
    var path: [UInt8]
    var oldID: ObjectID?
    var newID: ObjectID?
    var oldMode: UInt32
    var newMode: UInt32
}

/// Compares two trees the way `git diff-tree -r` does, but skips every subtree whose id is the
/// same on both sides. libgit2 1.5's `git_diff_tree_to_tree` expands whole trees on every call
/// (7–11x slower than git over a history); this costs what the change touches.
///
/// Tree entries are stored in git's order and `git_tree_entry_cmp` compares them in that same
/// order, so one merge-join pass per tree level finds every difference.
///
/// Walking a history newest first, one commit's parent tree is the next commit's own tree, so
/// the old-side trees of each diff are kept for the next one (libgit2's object cache is off to
/// keep memory flat; this small hand-off keeps its benefit where it matters).
final class TreeDiff {
    let repository: Repository
    private var previousOldSide: [ObjectID: OpaquePointer] = [:]
    private var oldSide: [ObjectID: OpaquePointer] = [:]
    private var newSide: [ObjectID: OpaquePointer] = [:]

    init(repository: Repository) {
        self.repository = repository
    }

    deinit {
        release(&previousOldSide)
        release(&oldSide)
        release(&newSide)
    }

    /// The changes from `old` to `new` (either may be nil: the empty tree).
    func changes(from old: ObjectID?, to new: ObjectID?) throws(GitError) -> [TreeChange] {
        defer {
            release(&previousOldSide)
            release(&newSide)
            previousOldSide = oldSide
            oldSide = [:]
        }
        var result: [TreeChange] = []
        let oldTree = try old.map { id throws(GitError) in try tree(id, old: true) }
        let newTree = try new.map { id throws(GitError) in try tree(id, old: false) }
        try compare(oldTree, newTree, prefix: [], into: &result)
        return result
    }

    /// A tree for this diff, from this diff's trees, the previous diff's old side, or the
    /// repository. Trees are freed when the diff after next no longer needs them.
    private func tree(_ id: ObjectID, old: Bool) throws(GitError) -> OpaquePointer {
        if let tree = oldSide[id] ?? newSide[id] { return tree }
        let tree: OpaquePointer
        if let reused = previousOldSide.removeValue(forKey: id) { tree = reused } else { tree = try repository.lookupTree(id) }
        if old { oldSide[id] = tree } else { newSide[id] = tree }
        return tree
    }

    private func release(_ trees: inout [ObjectID: OpaquePointer]) {
        for tree in trees.values { git_tree_free(tree) }
        trees.removeAll(keepingCapacity: true)
    }

    private static let treeMode: UInt32 = 0o040000

    private func compare(_ old: OpaquePointer?, _ new: OpaquePointer?, prefix: [UInt8], into result: inout [TreeChange])
        throws(GitError)
    {
        let oldCount = old.map { git_tree_entrycount($0) } ?? 0
        let newCount = new.map { git_tree_entrycount($0) } ?? 0
        var i = 0
        var j = 0
        while i < oldCount || j < newCount {
            let oldEntry = i < oldCount ? git_tree_entry_byindex(old, i) : nil
            let newEntry = j < newCount ? git_tree_entry_byindex(new, j) : nil
            let order: Int32
            switch (oldEntry, newEntry) {
            case (nil, nil): return
            case (nil, _): order = 1
            case (_, nil): order = -1
            case (let a?, let b?): order = git_tree_entry_cmp(a, b)
            }
            if order < 0, let oldEntry {
                i += 1
                try whole(oldEntry, prefix: prefix, added: false, into: &result)
                continue
            }
            if order > 0, let newEntry {
                j += 1
                try whole(newEntry, prefix: prefix, added: true, into: &result)
                continue
            }
            i += 1
            j += 1
            guard let oldEntry, let newEntry else { continue }
            let oldMode = git_tree_entry_filemode(oldEntry).rawValue
            let newMode = git_tree_entry_filemode(newEntry).rawValue
            if oldMode == newMode && git_oid_equal(git_tree_entry_id(oldEntry), git_tree_entry_id(newEntry)) == 1 {
                continue  // identical: prune
            }
            let oldID = ObjectID(git_tree_entry_id(oldEntry))
            let newID = ObjectID(git_tree_entry_id(newEntry))
            let path = join(prefix, oldEntry)
            if oldMode == Self.treeMode && newMode == Self.treeMode {
                let oldTree = try tree(oldID, old: true)
                let newTree = try tree(newID, old: false)
                try compare(oldTree, newTree, prefix: path + [UInt8(ascii: "/")], into: &result)
                continue
            }
            result.append(TreeChange(path: path, oldID: oldID, newID: newID, oldMode: oldMode, newMode: newMode))
        }
    }

    /// An entry present on one side only: a file, or a whole subtree added or deleted.
    private func whole(_ entry: OpaquePointer, prefix: [UInt8], added: Bool, into result: inout [TreeChange])
        throws(GitError)
    {
        let mode = git_tree_entry_filemode(entry).rawValue
        let id = ObjectID(git_tree_entry_id(entry))
        let path = join(prefix, entry)
        if mode == Self.treeMode {
            let subtree = try tree(id, old: !added)
            if added {
                try compare(nil, subtree, prefix: path + [UInt8(ascii: "/")], into: &result)
            } else {
                try compare(subtree, nil, prefix: path + [UInt8(ascii: "/")], into: &result)
            }
            return
        }
        result.append(
            added
                ? TreeChange(path: path, oldID: nil, newID: id, oldMode: 0, newMode: mode)
                : TreeChange(path: path, oldID: id, newID: nil, oldMode: mode, newMode: 0))
    }

    private func join(_ prefix: [UInt8], _ entry: OpaquePointer) -> [UInt8] {
        prefix + cStringBytes(git_tree_entry_name(entry))
    }
}
