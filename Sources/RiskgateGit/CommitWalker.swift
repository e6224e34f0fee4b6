import CLibGit2
import RiskgateCore

/// Walks the commits of a `RevisionRange`, newest first by committer date, like `git rev-list`.
///
/// riskgate walks history itself instead of using `git_revwalk`: libgit2 1.5 cannot walk past
/// a shallow clone's boundary (the parents are missing), and a walk of its own lets a hook stop
/// the uninteresting side early. Without exclusions the walk streams: one commit is produced
/// per step and only the set of seen ids is kept. With exclusions it first limits the range as
/// git's `limit_list` does (propagating "uninteresting" down to the merge bases, with git's
/// slop for clock skew), then yields the interesting commits.
final class CommitWalker {
    private struct Entry: Comparable {
        var time: Int64
        var sequence: Int
        var id: ObjectID

        /// Newer first; among equal times, the one queued first.
        static func < (lhs: Entry, rhs: Entry) -> Bool {
            lhs.time != rhs.time ? lhs.time > rhs.time : lhs.sequence < rhs.sequence
        }
    }

    private struct Node {
        var parents: [ObjectID]
        var time: Int64
        var uninteresting: Bool
    }

    private let repository: Repository
    private let shallow: Set<ObjectID>
    private var queue = Heap<Entry>()
    private var sequence = 0
    private var seen: Set<ObjectID> = []
    private var nodes: [ObjectID: Node] = [:]
    private var limited: [Entry]?
    private var limitedIndex = 0
    private let hasExclusions: Bool

    init(repository: Repository, range: RevisionRange, shallow: Set<ObjectID>) throws(GitError) {
        self.repository = repository
        self.shallow = shallow
        hasExclusions = !range.exclude.isEmpty
        for id in range.exclude { try enqueue(id, uninteresting: true, context: "excluded revision") }
        for id in range.include { try enqueue(id, uninteresting: false, context: "revision") }
    }

    /// The next commit id in the range, nil at the end.
    func next() throws(GitError) -> ObjectID? {
        if hasExclusions {
            if limited == nil { try limit() }
            guard let limited else { return nil }
            while limitedIndex < limited.count {
                let entry = limited[limitedIndex]
                limitedIndex += 1
                if nodes[entry.id]?.uninteresting == false { return entry.id }
            }
            return nil
        }
        guard let entry = queue.popMin() else { return nil }
        let parents = try parentsOf(entry.id)
        for parent in parents { try enqueue(parent, uninteresting: false, context: "parent of \(entry.id.hex)") }
        lastYielded = (entry.id, parents.first)
        return entry.id
    }

    // MARK: - Limiting (git's limit_list)

    private func limit() throws(GitError) {
        var output: [Entry] = []
        var slop = 5
        while let entry = queue.popMin() {
            guard let node = nodes[entry.id] else { continue }
            for parent in node.parents {
                try enqueue(parent, uninteresting: node.uninteresting, context: "parent of \(entry.id.hex)")
                if node.uninteresting { markAncestorsUninteresting(parent) }
            }
            if !node.uninteresting { output.append(entry) }
            // git's still_interesting(): go on while something queued is interesting or newer
            // than what was just taken; after that, a few more steps for clock skew.
            guard let newest = queue.peekMin() else { break }
            if entry.time <= newest.time || queue.elements.contains(where: { nodes[$0.id]?.uninteresting == false }) {
                slop = 5
            } else {
                slop -= 1
                if slop <= 0 { break }
            }
        }
        output.sort()
        limited = output
    }

    /// Marks a commit and every ancestor already seen as uninteresting (git's
    /// `mark_parents_uninteresting`), so clock skew cannot leak excluded commits into the output.
    private func markAncestorsUninteresting(_ id: ObjectID) {
        var stack = [id]
        while let current = stack.popLast() {
            guard var node = nodes[current] else { continue }
            for parent in node.parents where nodes[parent]?.uninteresting == false { stack.append(parent) }
            if !node.uninteresting {
                node.uninteresting = true
                nodes[current] = node
            }
        }
    }

    // MARK: - Queue

    /// Queues a commit once. Returns true when it was new.
    @discardableResult
    private func enqueue(_ id: ObjectID, uninteresting: Bool, context: String) throws(GitError) -> Bool {
        if hasExclusions, var node = nodes[id] {
            if uninteresting && !node.uninteresting {
                node.uninteresting = true
                nodes[id] = node
            }
            return false
        }
        if !hasExclusions {
            guard seen.insert(id).inserted else { return false }
        }
        let (time, parents, tree) = try readCommit(id, context: context)
        trees[id] = tree
        if hasExclusions { nodes[id] = Node(parents: parents, time: time, uninteresting: uninteresting) }
        else { streamingParents[id] = parents }
        sequence += 1
        queue.insert(Entry(time: time, sequence: sequence, id: id))
        return true
    }

    /// The commit `next()` returned last in streaming mode, and its first parent.
    private var lastYielded: (id: ObjectID, firstParent: ObjectID?)?

    /// Parents held only between queueing and yielding a commit in streaming mode.
    private var streamingParents: [ObjectID: [ObjectID]] = [:]

    private func parentsOf(_ id: ObjectID) throws(GitError) -> [ObjectID] {
        streamingParents.removeValue(forKey: id) ?? []
    }

    /// Root tree ids of commits read but not yet yielded. A commit's tree is what its children
    /// diff against, and children come first in a newest-first walk, so the id is dropped
    /// once the commit itself is done (`forgetTree`).
    private var trees: [ObjectID: ObjectID] = [:]

    /// The root tree of a commit the walker has read, without reading it again.
    func treeID(of id: ObjectID) -> ObjectID? { trees[id] }

    /// The root tree of a yielded commit's first parent, when the walk has read it (nil for a
    /// root commit, a shallow boundary, or a parent outside what the walk has read).
    func firstParentTree(of id: ObjectID) -> ObjectID? {
        let parent = hasExclusions ? nodes[id]?.parents.first : lastYielded.flatMap { $0.id == id ? $0.firstParent : nil }
        return parent.flatMap { trees[$0] }
    }

    /// Called when a commit has been handed out and processed.
    func forgetTree(of id: ObjectID) { trees.removeValue(forKey: id) }

    private func readCommit(_ id: ObjectID, context: String) throws(GitError) -> (Int64, [ObjectID], ObjectID) {
        let commit = try repository.lookupCommit(id, context: context)
        defer { git_commit_free(commit) }
        let time = Int64(git_commit_time(commit))
        let tree = ObjectID(git_commit_tree_id(commit))
        if shallow.contains(id) { return (time, [], tree) }
        var parents: [ObjectID] = []
        let count = git_commit_parentcount(commit)
        parents.reserveCapacity(Int(count))
        for index in 0..<count {
            if let parent = git_commit_parent_id(commit, index) { parents.append(ObjectID(parent)) }
        }
        return (time, parents, tree)
    }
}

/// A binary min-heap (the walker's priority queue).
struct Heap<Element: Comparable> {
    private(set) var elements: [Element] = []

    var isEmpty: Bool { elements.isEmpty }

    func peekMin() -> Element? { elements.first }

    mutating func insert(_ element: Element) {
        elements.append(element)
        var child = elements.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard elements[child] < elements[parent] else { break }
            elements.swapAt(child, parent)
            child = parent
        }
    }

    mutating func popMin() -> Element? {
        guard !elements.isEmpty else { return nil }
        elements.swapAt(0, elements.count - 1)
        let minimum = elements.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < elements.count, elements[left] < elements[smallest] { smallest = left }
            if right < elements.count, elements[right] < elements[smallest] { smallest = right }
            if smallest == parent { break }
            elements.swapAt(parent, smallest)
            parent = smallest
        }
        return minimum
    }
}
