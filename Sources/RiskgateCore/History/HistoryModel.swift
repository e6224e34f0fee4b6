/// The repository's history as riskgate reasons about it: which commit reverted or quickly fixed
/// which, and every path's changes in order. Built from index records, oldest first; a commit's
/// position is its place in that order, and questions are asked "as of" a position so replaying
/// history never sees the future.
public struct HistoryModel: Sendable {
    public let records: [HistoryRecord]
    public let settings: HistorySettings
    /// Position of the first commit that reverted each reverted commit.
    public private(set) var revertedBy: [Int: Int] = [:]
    /// Position of the first commit that fixed each quickly fixed commit, and how it was found.
    public private(set) var fixedBy: [Int: Int] = [:]
    /// Positions of the commits that touched each path, ascending.
    public private(set) var changesByPath: [String: [Int]] = [:]
    private var positions: [ObjectID: Int] = [:]
    /// Lowercase hex of every id, sorted, for abbreviated ids.
    private var sortedHex: [(hex: String, position: Int)] = []

    public init(records: [HistoryRecord], settings: HistorySettings = .standard) {
        self.records = records
        self.settings = settings
        positions.reserveCapacity(records.count)
        var bySubject: [String: [Int]] = [:]
        for (position, record) in records.enumerated() {
            positions[record.id] = position
            bySubject[record.subject, default: []].append(position)
            for path in record.paths { changesByPath[path, default: []].append(position) }
        }
        sortedHex = records.enumerated().map { ($0.element.id.hex, $0.offset) }.sorted { $0.hex < $1.hex }
        for (position, record) in records.enumerated() {
            linkReverts(of: record, at: position, bySubject: bySubject)
            linkFixes(of: record, at: position, bySubject: bySubject)
        }
    }

    public var count: Int { records.count }

    public func position(of id: ObjectID) -> Int? { positions[id] }

    /// The commit an id names (full or at least 7 digits, unambiguous), nil when unknown.
    public func resolve(_ hex: String) -> Int? {
        if hex.count == 40, let id = ObjectID(hex: hex) { return positions[id] }
        var low = 0
        var high = sortedHex.count
        while low < high {
            let middle = (low + high) / 2
            if sortedHex[middle].hex < hex { low = middle + 1 } else { high = middle }
        }
        guard low < sortedHex.count, sortedHex[low].hex.hasPrefix(hex) else { return nil }
        if low + 1 < sortedHex.count, sortedHex[low + 1].hex.hasPrefix(hex) { return nil }
        return sortedHex[low].position
    }

    /// The latest commit before `position` with exactly this subject.
    private func latest(withSubject subject: String, before position: Int, in bySubject: [String: [Int]]) -> Int? {
        bySubject[subject]?.last { $0 < position }
    }

    private mutating func linkReverts(of record: HistoryRecord, at position: Int, bySubject: [String: [Int]]) {
        var targets = record.signals.revertsIDs.compactMap { resolve($0) }
        if targets.isEmpty, let subject = record.signals.revertsSubject,
            let target = latest(withSubject: subject, before: position, in: bySubject)
        {
            targets = [target]
        }
        for target in targets where target != position {
            if let known = revertedBy[target], known <= position { continue }
            revertedBy[target] = position
        }
    }

    private mutating func linkFixes(of record: HistoryRecord, at position: Int, bySubject: [String: [Int]]) {
        var targets = record.signals.fixesIDs.compactMap { resolve($0) }
        if let subject = record.signals.fixupSubject,
            let target = latest(withSubject: subject, before: position, in: bySubject)
        {
            targets.append(target)
        }
        if !record.signals.isRevert, settings.isFixSubject(record.subject) {
            // The most recent earlier change to each path this fix touches, if recent enough.
            for path in record.paths {
                guard let changes = changesByPath[path], let earlier = changes.before(position).last else { continue }
                if record.time - records[earlier].time <= settings.fixWindowSeconds { targets.append(earlier) }
            }
        }
        for target in targets where target != position {
            if let known = fixedBy[target], known <= position { continue }
            fixedBy[target] = position
        }
    }

    /// Whether the commit at `position` was reverted by a commit before `asOf`.
    public func isReverted(_ position: Int, asOf: Int) -> Bool {
        guard let by = revertedBy[position] else { return false }
        return by < asOf
    }

    public func isFixed(_ position: Int, asOf: Int) -> Bool {
        guard let by = fixedBy[position] else { return false }
        return by < asOf
    }

    /// The recent part of `statistics` only (last `recentChanges` changes, churn window): what
    /// the findings need, in time proportional to recent activity rather than to the path's
    /// whole history, so replaying a long history stays linear.
    public func recentStatistics(for path: String, before position: Int, now: Int64) -> PathStatistics {
        var stats = PathStatistics(path: path)
        guard let all = changesByPath[path] else { return stats }
        let earlier = all.before(position)
        var recentAuthors = Set<String>()
        var scanned = 0
        for change in earlier.reversed() {
            let inWindow = now - records[change].time <= settings.churnWindowSeconds
            if scanned >= settings.recentChanges && !inWindow { break }
            scanned += 1
            if scanned <= settings.recentChanges {
                stats.recentChanges += 1
                if isReverted(change, asOf: position) { stats.recentReverted += 1 }
                if isFixed(change, asOf: position) { stats.recentFixed += 1 }
            }
            if inWindow {
                stats.churn += 1
                recentAuthors.insert(records[change].author)
            }
        }
        stats.changes = earlier.count
        stats.churnAuthors = recentAuthors.count
        stats.lastChange = earlier.last.map { records[$0].time }
        return stats
    }

    /// What was known about a path just before `position`, at time `now`.
    public func statistics(for path: String, before position: Int, now: Int64) -> PathStatistics {
        var stats = PathStatistics(path: path)
        guard let all = changesByPath[path] else { return stats }
        let earlier = all.before(position)
        stats.changes = earlier.count
        var authors = Set<String>()
        var recentAuthors = Set<String>()
        for change in earlier {
            if isReverted(change, asOf: position) { stats.reverted += 1 }
            if isFixed(change, asOf: position) { stats.quicklyFixed += 1 }
            authors.insert(records[change].author)
            if now - records[change].time <= settings.churnWindowSeconds {
                stats.churn += 1
                recentAuthors.insert(records[change].author)
            }
        }
        for change in earlier.suffix(settings.recentChanges) {
            stats.recentChanges += 1
            if isReverted(change, asOf: position) { stats.recentReverted += 1 }
            if isFixed(change, asOf: position) { stats.recentFixed += 1 }
        }
        stats.authors = authors.count
        stats.churnAuthors = recentAuthors.count
        stats.lastChange = earlier.last.map { records[$0].time }
        return stats
    }
}

/// One path's history as known at some moment.
public struct PathStatistics: Hashable, Sendable {
    public var path: String
    public var changes = 0
    public var reverted = 0
    public var quicklyFixed = 0
    /// Of the last `recentChanges` changes: how many there were, were reverted, were fixed.
    public var recentChanges = 0
    public var recentReverted = 0
    public var recentFixed = 0
    /// Changes within the churn window, and their distinct authors.
    public var churn = 0
    public var churnAuthors = 0
    public var authors = 0
    public var lastChange: Int64?

    public init(path: String) { self.path = path }
}

extension [Int] {
    /// The leading elements smaller than `bound` of an ascending array (binary search).
    func before(_ bound: Int) -> ArraySlice<Int> {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < bound { low = middle + 1 } else { high = middle }
        }
        return self[..<low]
    }
}
