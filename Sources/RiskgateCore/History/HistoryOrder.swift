/// The order in which commits reached the indexed branch ("arrival order"), which gives every
/// commit its position in the history index.
///
/// Walk the first-parent line of each tip from its oldest commit to the tip. Before each commit
/// of that line come the commits it brought in (its other parents' commits not yet placed,
/// parents before children), then the commit itself. So a merged pull request's commits sit
/// just before their merge, and all of them "landed" with it.
///
/// The point of this order is that it only ever grows at the end: when a branch moves forward
/// (a fast-forward, or a merge whose first parent is the old tip), the new commits in this
/// order are exactly the commits of `old..new` in this order. An index updated with new
/// commits is then the index a full rebuild writes, which a date order cannot promise (a branch
/// merged today brings commits dated last week).
public enum HistoryOrder {
    public struct Placed: Hashable, Sendable {
        public var id: ObjectID
        /// Distance to the commit that landed it (0: it is on the first-parent line).
        public var landingOffset: Int
    }

    /// - Parameters:
    ///   - tips: the revisions' tips, in the order given.
    ///   - commits: every commit to place with its parents, in any order (a parent that is not
    ///     itself listed is outside the range and ignored). Commits that no tip reaches (which a
    ///     range walk never yields) go last, in the order given, so none is ever lost.
    public static func arrival(tips: [ObjectID], commits: [(id: ObjectID, parents: [ObjectID])]) -> [Placed] {
        var parents: [ObjectID: [ObjectID]] = [:]
        parents.reserveCapacity(commits.count)
        for commit in commits { parents[commit.id] = commit.parents }
        var placed = Set<ObjectID>()
        placed.reserveCapacity(commits.count)
        var order: [Placed] = []
        order.reserveCapacity(commits.count)

        for tip in tips {
            var line: [ObjectID] = []
            var onLine = Set<ObjectID>()
            var current: ObjectID? = tip
            while let id = current, let own = parents[id], !placed.contains(id), onLine.insert(id).inserted {
                line.append(id)
                current = own.first
            }
            for landing in line.reversed() {
                let start = order.count
                for side in (parents[landing] ?? []).dropFirst() {
                    placeAncestors(of: side, parents: parents, placed: &placed, order: &order)
                }
                placed.insert(landing)
                let end = order.count
                for index in start..<end { order[index].landingOffset = end - index }
                order.append(Placed(id: landing, landingOffset: 0))
            }
        }
        for commit in commits where placed.insert(commit.id).inserted {
            order.append(Placed(id: commit.id, landingOffset: 0))
        }
        return order
    }

    /// Appends `start` and its unplaced ancestors, parents before children (an iterative
    /// post-order walk, so long side branches cannot overflow the stack).
    private static func placeAncestors(
        of start: ObjectID, parents: [ObjectID: [ObjectID]], placed: inout Set<ObjectID>, order: inout [Placed]
    ) {
        var stack: [(id: ObjectID, expanded: Bool)] = [(start, false)]
        var expanded = Set<ObjectID>()
        while let (id, done) = stack.popLast() {
            guard let own = parents[id], !placed.contains(id) else { continue }
            if done {
                placed.insert(id)
                order.append(Placed(id: id, landingOffset: 0))
                continue
            }
            guard expanded.insert(id).inserted else { continue }
            stack.append((id, true))
            for parent in own.reversed() where parents[parent] != nil && !placed.contains(parent) {
                stack.append((parent, false))
            }
        }
    }
}
