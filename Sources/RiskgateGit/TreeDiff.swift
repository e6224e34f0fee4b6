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
/// Tree entries are stored in git's order (names compared as bytes, a directory's name as if it
/// ended in `/`), so one merge-join pass per tree level finds every difference. Trees are read
/// raw and their entries parsed as the join reaches them (`RawTree`).
///
/// Walking a history newest first, one commit's parent tree is the next commit's own tree, so
/// the old-side trees of each diff are kept for the next one (libgit2's object cache is off to
/// keep memory flat; this small hand-off keeps its benefit where it matters).
final class TreeDiff {
    let repository: Repository
    private var previousOldSide: [ObjectID: RawTree] = [:]
    private var oldSide: [ObjectID: RawTree] = [:]
    private var newSide: [ObjectID: RawTree] = [:]

    init(repository: Repository) {
        self.repository = repository
    }

    /// The changes from `old` to `new` (either may be nil: the empty tree).
    func changes(from old: ObjectID?, to new: ObjectID?) throws(GitError) -> [TreeChange] {
        defer {
            previousOldSide = oldSide
            oldSide = [:]
            newSide.removeAll(keepingCapacity: true)
        }
        var result: [TreeChange] = []
        let oldTree = try old.map { id throws(GitError) in try tree(id, old: true) }
        let newTree = try new.map { id throws(GitError) in try tree(id, old: false) }
        try compare(oldTree, newTree, prefix: [], into: &result)
        return result
    }

    /// A tree for this diff, from this diff's trees, the previous diff's old side, or the
    /// repository. Trees are released when the diff after next no longer needs them.
    private func tree(_ id: ObjectID, old: Bool) throws(GitError) -> RawTree {
        if let tree = oldSide[id] ?? newSide[id] { return tree }
        let tree: RawTree
        if let reused = previousOldSide.removeValue(forKey: id) { tree = reused } else { tree = try repository.readTree(id) }
        if old { oldSide[id] = tree } else { newSide[id] = tree }
        return tree
    }

    private func compare(_ old: RawTree?, _ new: RawTree?, prefix: [UInt8], into result: inout [TreeChange])
        throws(GitError)
    {
        var oldEntries = RawTree.Entries(old)
        var newEntries = RawTree.Entries(new)
        // Two versions of a tree differ in a few entries: entries inside the bytes both share
        // at the start are equal and skipped unparsed; once both cursors stand at the same
        // distance inside the shared end, everything left is equal too.
        var sharedSuffix = 0
        if let old, let new {
            let (prefix, suffix) = RawTree.commonEnds(old, new)
            oldEntries.skipEntries(within: prefix)
            newEntries.skipEntries(within: prefix)
            sharedSuffix = suffix
        }
        var oldEntry = try oldEntries.next()
        var newEntry = try newEntries.next()
        while true {
            if sharedSuffix > 0, oldEntries.remaining == newEntries.remaining, oldEntries.remaining <= sharedSuffix,
                let a = oldEntry, let b = newEntry, a.mode == b.mode, a.id == b.id, a.name.elementsEqual(b.name)
            {
                return
            }
            let order: Int
            switch (oldEntry, newEntry) {
            case (nil, nil): return
            case (nil, _): order = 1
            case (_, nil): order = -1
            case (let a?, let b?): order = RawTree.Entry.order(a, b)
            }
            if order < 0, let entry = oldEntry {
                try whole(entry, prefix: prefix, added: false, into: &result)
                oldEntry = try oldEntries.next()
                continue
            }
            if order > 0, let entry = newEntry {
                try whole(entry, prefix: prefix, added: true, into: &result)
                newEntry = try newEntries.next()
                continue
            }
            guard let a = oldEntry, let b = newEntry else { return }
            oldEntry = try oldEntries.next()
            newEntry = try newEntries.next()
            if a.mode == b.mode && a.id == b.id { continue }  // identical: prune
            let path = prefix + a.name
            if a.isTree && b.isTree {
                let oldTree = try tree(a.id, old: true)
                let newTree = try tree(b.id, old: false)
                try compare(oldTree, newTree, prefix: path + [UInt8(ascii: "/")], into: &result)
                continue
            }
            result.append(TreeChange(path: path, oldID: a.id, newID: b.id, oldMode: a.mode, newMode: b.mode))
        }
    }

    /// An entry present on one side only: a file, or a whole subtree added or deleted.
    private func whole(_ entry: RawTree.Entry, prefix: [UInt8], added: Bool, into result: inout [TreeChange])
        throws(GitError)
    {
        let path = prefix + entry.name
        if entry.isTree {
            let subtree = try tree(entry.id, old: !added)
            if added {
                try compare(nil, subtree, prefix: path + [UInt8(ascii: "/")], into: &result)
            } else {
                try compare(subtree, nil, prefix: path + [UInt8(ascii: "/")], into: &result)
            }
            return
        }
        result.append(
            added
                ? TreeChange(path: path, oldID: nil, newID: entry.id, oldMode: 0, newMode: entry.mode)
                : TreeChange(path: path, oldID: entry.id, newID: nil, oldMode: entry.mode, newMode: 0))
    }
}
