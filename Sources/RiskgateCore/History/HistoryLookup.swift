/// When and with what a commit landed on the indexed branch.
public struct HistoryLanding: Hashable, Sendable {
    /// Position of the commit that landed it (itself, or the merge that brought it in).
    public var group: Int
    /// That commit's committer time: when the change reached the branch.
    public var time: Int64

    public init(group: Int, time: Int64) {
        self.group = group
        self.time = time
    }
}

/// One commit's change to one path, and what came of it.
public struct HistoryChange: Hashable, Sendable {
    public var position: Int
    /// The first later change to the same path that landed within the fix window.
    public var followedBy: Int?
    /// The first later change that fixed it: a follow-up whose subject reads as a fix, or an
    /// explicit `Fixes:` / `fixup!` of this commit touching the path again.
    public var fixedBy: Int?

    public init(position: Int, followedBy: Int? = nil, fixedBy: Int? = nil) {
        self.position = position
        self.followedBy = followedBy
        self.fixedBy = fixedBy
    }
}

/// Changes followed up within the fix window, and how many of those follow-ups were fixes:
/// the repository's base rate that a path's own fix rate is compared with.
public struct FollowUpCounts: Hashable, Sendable {
    public var followed: Int
    public var fixed: Int

    public init(followed: Int = 0, fixed: Int = 0) {
        self.followed = followed
        self.fixed = fixed
    }

    public var fixShare: Double { followed == 0 ? 0 : Double(fixed) / Double(followed) }
}

/// How an abbreviated id resolves among a set of commits.
public enum PrefixMatch: Hashable, Sendable {
    case none
    case one(Int)
    case several
}

/// Read access to a history (an index on disk, or a model in memory): what the findings need,
/// asked "as of" a position so that replaying history never sees the future.
public protocol HistoryLookup: Sendable {
    /// Commits known, positions `0..<count` in arrival order.
    var count: Int { get }
    func position(of id: ObjectID) -> Int?
    /// Changes to `path` at positions before `position`, newest first, while `body` returns true.
    func visitChanges(of path: String, before position: Int, _ body: (HistoryChange) -> Bool)
    func landing(of position: Int) -> HistoryLanding
    /// `HistoryKey.of(author)` of the commit at a position.
    func authorKey(of position: Int) -> UInt64
    /// The first commit that reverted the commit at `position`.
    func revertedBy(_ position: Int) -> Int?
    /// Follow-ups and fixes made by commits before `position`, over the whole repository.
    func followUps(before position: Int) -> FollowUpCounts
    /// Every path with at least one change (for `history status`; may be slow).
    func allPaths() -> [String]
}

/// A history that another, newer part can be linked onto: `HistoryModel` links its own commits
/// against one (an index's compacted tables, or nothing), so an index updated with new commits
/// and a model built from all of them run the very same linking code.
public protocol HistoryBase: HistoryLookup {
    /// Every commit whose lowercase hex id starts with `prefix`.
    func positions(matchingPrefix prefix: String) -> PrefixMatch
    /// The latest commit whose subject has this `HistoryKey`.
    func latestPosition(subjectKey: UInt64) -> Int?
    /// The latest change to `path`.
    func lastChange(of path: String) -> Int?
    /// The change of the commit at `position` to `path`, nil when it did not touch it.
    func change(of path: String, at position: Int) -> HistoryChange?
}

/// No history: what a model built from scratch links against.
public struct EmptyHistoryBase: HistoryBase {
    public init() {}
    public var count: Int { 0 }
    public func position(of id: ObjectID) -> Int? { nil }
    public func visitChanges(of path: String, before position: Int, _ body: (HistoryChange) -> Bool) {}
    public func landing(of position: Int) -> HistoryLanding { HistoryLanding(group: position, time: 0) }
    public func authorKey(of position: Int) -> UInt64 { 0 }
    public func revertedBy(_ position: Int) -> Int? { nil }
    public func followUps(before position: Int) -> FollowUpCounts { FollowUpCounts() }
    public func allPaths() -> [String] { [] }
    public func positions(matchingPrefix prefix: String) -> PrefixMatch { .none }
    public func latestPosition(subjectKey: UInt64) -> Int? { nil }
    public func lastChange(of path: String) -> Int? { nil }
    public func change(of path: String, at position: Int) -> HistoryChange? { nil }
}

/// One path's history as known at some moment.
public struct PathStatistics: Hashable, Sendable {
    public var path: String
    public var changes = 0
    public var reverted = 0
    /// Changes followed up within the fix window, and how many of those follow-ups were fixes.
    public var followed = 0
    public var quicklyFixed = 0
    /// Of the last `recentChanges` changes: how many there were, were reverted, were followed
    /// up, were fixed.
    public var recentChanges = 0
    public var recentReverted = 0
    public var recentFollowed = 0
    public var recentFixed = 0
    /// Changes within the churn window, and their distinct authors.
    public var churn = 0
    public var churnAuthors = 0
    public var authors = 0
    public var lastChange: Int64?
    /// The repository's follow-ups and fixes as of the same moment (the base rate).
    public var repository = FollowUpCounts()

    public init(path: String) { self.path = path }
}

extension HistoryLookup {
    /// Whether the commit at `position` was reverted by a commit before `asOf`.
    public func isReverted(_ position: Int, asOf: Int) -> Bool {
        guard let by = revertedBy(position) else { return false }
        return by < asOf
    }

    /// The recent part of `statistics` only (last `recentChanges` changes, churn window): what
    /// the findings need, in time proportional to recent activity rather than to the path's
    /// whole history, so replaying a long history stays linear and a hook's lookup is a few
    /// reads.
    public func recentStatistics(
        for path: String, before position: Int, now: Int64, settings: HistorySettings
    ) -> PathStatistics {
        var stats = PathStatistics(path: path)
        var recentAuthors = Set<UInt64>()
        var scanned = 0
        visitChanges(of: path, before: position) { change in
            let time = landing(of: change.position).time
            let inWindow = now - time <= settings.churnWindowSeconds
            if scanned >= settings.recentChanges && !inWindow { return false }
            scanned += 1
            if stats.lastChange == nil { stats.lastChange = time }
            if scanned <= settings.recentChanges {
                stats.recentChanges += 1
                if isReverted(change.position, asOf: position) { stats.recentReverted += 1 }
                if let by = change.followedBy, by < position { stats.recentFollowed += 1 }
                if let by = change.fixedBy, by < position { stats.recentFixed += 1 }
            }
            if inWindow {
                stats.churn += 1
                recentAuthors.insert(authorKey(of: change.position))
            }
            return true
        }
        stats.churnAuthors = recentAuthors.count
        stats.repository = followUps(before: position)
        return stats
    }

    /// Everything known about a path just before `position`, at time `now`.
    public func statistics(for path: String, before position: Int, now: Int64, settings: HistorySettings)
        -> PathStatistics
    {
        var stats = PathStatistics(path: path)
        var authors = Set<UInt64>()
        var recentAuthors = Set<UInt64>()
        visitChanges(of: path, before: position) { change in
            let time = landing(of: change.position).time
            let author = authorKey(of: change.position)
            stats.changes += 1
            if stats.lastChange == nil { stats.lastChange = time }
            let reverted = isReverted(change.position, asOf: position)
            let followed = change.followedBy.map { $0 < position } ?? false
            let fixed = change.fixedBy.map { $0 < position } ?? false
            if reverted { stats.reverted += 1 }
            if followed { stats.followed += 1 }
            if fixed { stats.quicklyFixed += 1 }
            if stats.changes <= settings.recentChanges {
                stats.recentChanges += 1
                if reverted { stats.recentReverted += 1 }
                if followed { stats.recentFollowed += 1 }
                if fixed { stats.recentFixed += 1 }
            }
            authors.insert(author)
            if now - time <= settings.churnWindowSeconds {
                stats.churn += 1
                recentAuthors.insert(author)
            }
            return true
        }
        stats.authors = authors.count
        stats.churnAuthors = recentAuthors.count
        stats.repository = followUps(before: position)
        return stats
    }
}
