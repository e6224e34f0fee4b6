/// The repository's history as riskgate reasons about it: which commit reverted, followed up or
/// fixed which, and every path's changes in order. Records come in arrival order
/// (`HistoryOrder`); a commit's position is its place in that order, and questions are asked
/// "as of" a position so replaying history never sees the future.
///
/// A model links its own records onto a `base`: nothing for a model built from scratch, an
/// index's compacted tables for an index with newer commits appended. Linking only ever looks
/// at earlier positions and the first link wins, so linking records onto a base built from the
/// records before them gives exactly what linking all of them from scratch gives.
public struct HistoryModel: HistoryBase {
    public let base: any HistoryBase
    /// The linking rules these records were linked with.
    public let link: HistoryLinkSettings
    /// This model's own records; the first is at position `base.count`.
    public private(set) var records: [HistoryRecord] = []
    private(set) var landings: [HistoryLanding] = []
    private(set) var authorKeys: [UInt64] = []
    /// Reverts of any commit (the base's own links stay in the base: the first link wins).
    private(set) var revertedByPosition: [Int: Int] = [:]
    /// Own changes per path, ascending positions.
    private(set) var changesByPath: [String: [HistoryChange]] = [:]
    /// Follow-ups of base changes linked by own records.
    private var baseFollowUps: [ChangeKey: HistoryChange] = [:]
    private var positions: [ObjectID: Int] = [:]
    /// Own ids as lowercase hex, sorted, for abbreviated ids.
    private var sortedHex: [(hex: String, position: Int)] = []
    private(set) var subjects: [UInt64: [Int]] = [:]
    /// Repository follow-ups before each own position, and after the last.
    private(set) var followUpsBefore: [FollowUpCounts] = []
    private(set) var followUpTotals: FollowUpCounts

    private struct ChangeKey: Hashable, Sendable {
        var position: Int
        var path: String
    }

    /// A model of `records` alone (arrival order).
    public init(records: [HistoryRecord], settings: HistorySettings = .standard) {
        self.init(base: EmptyHistoryBase(), records: records, link: settings.link)
    }

    /// A model of `records` linked onto `base` (they follow its last commit).
    public init(base: any HistoryBase, records: [HistoryRecord] = [], link: HistoryLinkSettings) {
        self.base = base
        self.link = link
        followUpTotals = base.followUps(before: base.count)
        append(records)
    }

    public var count: Int { base.count + records.count }

    /// Adds newer records (the next batch in arrival order) and links them.
    public mutating func append(_ batch: [HistoryRecord]) {
        guard !batch.isEmpty else { return }
        let start = count
        records.reserveCapacity(records.count + batch.count)
        for (offset, record) in batch.enumerated() {
            let position = start + offset
            let group = record.landingOffset > 0 && offset + record.landingOffset < batch.count
                ? position + record.landingOffset : position
            landings.append(HistoryLanding(group: group, time: batch[group - start].time))
            authorKeys.append(HistoryKey.of(record.author))
            positions[record.id] = position
            sortedHex.append((record.id.hex, position))
            records.append(record)
        }
        sortedHex.sort { $0.hex < $1.hex }
        for (offset, record) in batch.enumerated() {
            let position = start + offset
            followUpsBefore.append(followUpTotals)
            linkRecord(record, at: position)
            subjects[HistoryKey.of(record.subject), default: []].append(position)
            for path in record.distinctPaths { changesByPath[path, default: []].append(HistoryChange(position: position)) }
        }
    }

    // MARK: - Linking

    private mutating func linkRecord(_ record: HistoryRecord, at position: Int) {
        let landed = landings[position - base.count]
        var reverted = record.signals.revertsIDs.compactMap { resolve($0, before: position) }
        if reverted.isEmpty, let subject = record.signals.revertsSubject,
            let target = latest(subjectKey: HistoryKey.of(subject))
        {
            reverted = [target]
        }
        for target in reverted where target < position && revertedBy(target) == nil {
            revertedByPosition[target] = position
        }

        let paths = record.distinctPaths
        let isFix = !record.signals.isRevert && link.isFixSubject(record.subject)
        for path in paths {
            guard let earlier = lastChange(of: path) else { continue }
            let before = landing(of: earlier)
            guard before.group != landed.group, landed.time > before.time,
                landed.time - before.time <= link.fixWindowSeconds
            else { continue }
            linkFollowUp(of: earlier, path: path, by: position, fixed: isFix)
        }

        var fixed = record.signals.fixesIDs.compactMap { resolve($0, before: position) }
        if let subject = record.signals.fixupSubject, let target = latest(subjectKey: HistoryKey.of(subject)) {
            fixed.append(target)
        }
        var seen = Set<Int>()
        for target in fixed where target < position && seen.insert(target).inserted {
            let before = landing(of: target)
            guard before.group != landed.group, landed.time >= before.time else { continue }
            for path in paths where change(of: path, at: target) != nil {
                linkFollowUp(of: target, path: path, by: position, fixed: true)
            }
        }
    }

    private mutating func linkFollowUp(of target: Int, path: String, by position: Int, fixed: Bool) {
        guard var change = change(of: path, at: target) else { return }
        let old = change
        if change.followedBy == nil {
            change.followedBy = position
            followUpTotals.followed += 1
        }
        if fixed && change.fixedBy == nil {
            change.fixedBy = position
            followUpTotals.fixed += 1
        }
        guard change != old else { return }
        if target < base.count {
            baseFollowUps[ChangeKey(position: target, path: path)] = change
        } else if let index = changesByPath[path]?.lastIndex(where: { $0.position == target }) {
            changesByPath[path]?[index] = change
        }
    }

    /// The commit an id names among those before `position` (full, or at least 7 digits and
    /// unambiguous there). A revert can only name what existed before it, and an id that became
    /// ambiguous later still names what it named.
    func resolve(_ hex: String, before position: Int) -> Int? {
        if hex.count == 40, let id = ObjectID(hex: hex) {
            guard let found = self.position(of: id), found < position else { return nil }
            return found
        }
        var found: Int?
        switch base.positions(matchingPrefix: hex) {
        case .several: return nil
        case .one(let match): found = match
        case .none: break
        }
        var low = 0
        var high = sortedHex.count
        while low < high {
            let middle = (low + high) / 2
            if sortedHex[middle].hex < hex { low = middle + 1 } else { high = middle }
        }
        while low < sortedHex.count, sortedHex[low].hex.hasPrefix(hex) {
            if sortedHex[low].position < position {
                if found != nil { return nil }
                found = sortedHex[low].position
            }
            low += 1
        }
        return found
    }

    // MARK: - HistoryBase

    public func position(of id: ObjectID) -> Int? { positions[id] ?? base.position(of: id) }

    public func positions(matchingPrefix prefix: String) -> PrefixMatch {
        var found: Int?
        switch base.positions(matchingPrefix: prefix) {
        case .several: return .several
        case .one(let match): found = match
        case .none: break
        }
        for entry in sortedHex where entry.hex.hasPrefix(prefix) {
            if found != nil { return .several }
            found = entry.position
        }
        return found.map { .one($0) } ?? .none
    }

    public func latestPosition(subjectKey: UInt64) -> Int? { latest(subjectKey: subjectKey) }

    /// The latest commit linked so far with this subject key.
    private func latest(subjectKey: UInt64) -> Int? {
        subjects[subjectKey]?.last ?? base.latestPosition(subjectKey: subjectKey)
    }

    /// The latest change to `path` linked so far.
    public func lastChange(of path: String) -> Int? {
        changesByPath[path]?.last?.position ?? base.lastChange(of: path)
    }

    public func change(of path: String, at position: Int) -> HistoryChange? {
        if position < base.count {
            return baseFollowUps[ChangeKey(position: position, path: path)] ?? base.change(of: path, at: position)
        }
        guard let changes = changesByPath[path] else { return nil }
        var low = 0
        var high = changes.count
        while low < high {
            let middle = (low + high) / 2
            if changes[middle].position < position { low = middle + 1 } else { high = middle }
        }
        return low < changes.count && changes[low].position == position ? changes[low] : nil
    }

    public func visitChanges(of path: String, before position: Int, _ body: (HistoryChange) -> Bool) {
        if let own = changesByPath[path] {
            for change in own.reversed() where change.position < position {
                if !body(change) { return }
            }
        }
        let overrides = baseFollowUps
        if overrides.isEmpty {
            base.visitChanges(of: path, before: min(position, base.count), body)
        } else {
            base.visitChanges(of: path, before: min(position, base.count)) { change in
                body(overrides[ChangeKey(position: change.position, path: path)] ?? change)
            }
        }
    }

    public func landing(of position: Int) -> HistoryLanding {
        position < base.count ? base.landing(of: position) : landings[position - base.count]
    }

    public func authorKey(of position: Int) -> UInt64 {
        position < base.count ? base.authorKey(of: position) : authorKeys[position - base.count]
    }

    public func revertedBy(_ position: Int) -> Int? {
        if position < base.count, let by = base.revertedBy(position) { return by }
        return revertedByPosition[position]
    }

    public func followUps(before position: Int) -> FollowUpCounts {
        if position <= base.count { return base.followUps(before: position) }
        let index = position - base.count
        return index < followUpsBefore.count ? followUpsBefore[index] : followUpTotals
    }

    public func allPaths() -> [String] {
        Array(Set(base.allPaths()).union(changesByPath.keys)).sorted()
    }

    // MARK: - Summaries

    /// How many commits were reverted.
    public var revertedCount: Int {
        var count = 0
        for position in 0..<self.count where revertedBy(position) != nil { count += 1 }
        return count
    }
}
