import RiskgateCore

/// Everything a history answers, as lines: two histories that give the same dump give the
/// same findings for every commit and path. Used to show that an index updated in batches
/// equals one built at once, and that the on-disk tables equal the in-memory model.
public struct HistoryDump: Equatable, CustomStringConvertible {
    public var lines: [String]

    public init(_ history: any HistoryLookup, ids: [ObjectID]) {
        var lines: [String] = ["count \(history.count)"]
        for position in 0..<history.count {
            let landing = history.landing(of: position)
            let followUps = history.followUps(before: position)
            lines.append(
                "\(position) landing \(landing.group)@\(landing.time) author \(history.authorKey(of: position)) "
                    + "reverted-by \(history.revertedBy(position).map(String.init) ?? "-") "
                    + "follow-ups-before \(followUps.followed)/\(followUps.fixed)")
        }
        let end = history.followUps(before: history.count)
        lines.append("follow-ups \(end.followed)/\(end.fixed)")
        for id in ids {
            lines.append("\(id.hex) at \(history.position(of: id).map(String.init) ?? "-")")
        }
        for path in history.allPaths().sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            var changes: [String] = []
            history.visitChanges(of: path, before: history.count) { change in
                changes.append("\(change.position)/\(change.followedBy.map(String.init) ?? "-")/\(change.fixedBy.map(String.init) ?? "-")")
                return true
            }
            lines.append("\(path): \(changes.reversed().joined(separator: " "))")
        }
        if let base = history as? any HistoryBase {
            for id in ids {
                let prefix = String(id.hex.prefix(7))
                lines.append("prefix \(prefix): \(base.positions(matchingPrefix: prefix))")
            }
            for path in history.allPaths().sorted() {
                lines.append("last \(path): \(base.lastChange(of: path).map(String.init) ?? "-")")
            }
        }
        self.lines = lines
    }

    public var description: String { lines.joined(separator: "\n") }

    /// The first line where two dumps differ, for a readable failure.
    public func firstDifference(from other: HistoryDump) -> String? {
        for index in 0..<max(lines.count, other.lines.count) {
            let mine = index < lines.count ? lines[index] : "<none>"
            let theirs = index < other.lines.count ? other.lines[index] : "<none>"
            if mine != theirs { return "line \(index + 1):\n  \(mine)\n  \(theirs)" }
        }
        return nil
    }
}

/// A random but reproducible history of index records: reverts by full, abbreviated (some
/// ambiguous) and missing ids and by subject, reverts of reverts, fix subjects, `Fixes:`
/// trailers and `fixup!` commits, merged groups landing together, equal timestamps.
public enum SyntheticHistory {
    public static func records(count: Int, seed: UInt64) -> [HistoryRecord] {
        var generator = SeededGenerator(seed: seed)
        func random(_ bound: Int) -> Int { Int(generator.next() % UInt64(max(1, bound))) }
        let paths = (0..<24).map { "dir\($0 % 4)/file\($0).yaml" } + ["CHANGELOG.md", "go.mod"]
        let authors = ["a@example.com", "b@example.com", "c@example.com", "bot@example.com"]
        var records: [HistoryRecord] = []
        var time: Int64 = 1_700_000_000
        var groupLeft = 0
        var groupStart = 0
        while records.count < count {
            if groupLeft == 0, random(10) == 0 {
                groupLeft = 2 + random(3)
                groupStart = records.count
            }
            var id = ObjectID(high: generator.next(), middle: generator.next(), low: UInt32(truncatingIfNeeded: generator.next()))
            if let earlier = records.randomElement(using: &generator), random(8) == 0 {
                // Same first 7 hex digits as an earlier commit: abbreviated ids become ambiguous.
                id.high = (earlier.id.high & 0xFFFF_FFF0_0000_0000) | (id.high & 0x0000_000F_FFFF_FFFF)
            }
            let inGroup = groupLeft > 0
            time += inGroup ? 0 : Int64([0, 60, 3_600, 20_000, 90_000, 400_000][random(6)])
            var subject = "Change \(records.count)"
            var signals = MessageSignals()
            switch random(12) {
            case 0, 1: subject = "fix: \(subject)"
            case 2:
                if let target = records.randomElement(using: &generator) {
                    let hex = target.id.hex
                    let length = [40, 7, 9, 12][random(4)]
                    signals.revertsIDs = [String(hex.prefix(length))]
                    subject = "Revert \"\(target.subject)\""
                }
            case 3:
                if let target = records.randomElement(using: &generator) {
                    subject = "Revert \"\(target.subject)\""
                    signals.revertsSubject = target.subject
                }
            case 4:
                if let target = records.randomElement(using: &generator) {
                    signals.fixesIDs = [String(target.id.hex.prefix(12))]
                }
            case 5:
                if let target = records.randomElement(using: &generator) {
                    subject = "fixup! \(target.subject)"
                    signals.fixupSubject = target.subject
                }
            case 6:
                signals.revertsIDs = ["deadbeef"]  // names nothing indexed
            default:
                break
            }
            var touched: [String] = []
            for _ in 0...random(3) {
                let path = paths[random(paths.count)]
                if !touched.contains(path) { touched.append(path) }
            }
            if random(30) == 0 { touched = [] }
            records.append(
                HistoryRecord(
                    id: id, time: time, author: authors[random(authors.count)], isMerge: false, subject: subject,
                    signals: signals, paths: touched))
            if inGroup {
                groupLeft -= 1
                if groupLeft == 0 {
                    // The merge that lands the group: its members point at it.
                    time += 600
                    let mergePaths = Array(Set(records.suffix(3).flatMap(\.paths))).sorted()
                    records.append(
                        HistoryRecord(
                            id: ObjectID(high: generator.next(), middle: generator.next(), low: 7), time: time,
                            author: authors[0], isMerge: true, subject: "Merge group \(records.count)",
                            signals: MessageSignals(), paths: mergePaths))
                    let merge = records.count - 1
                    for index in groupStart..<merge { records[index].landingOffset = merge - index }
                }
            }
        }
        return records
    }

    /// Positions where a history can be split into batches: never inside a landing group.
    public static func boundaries(_ records: [HistoryRecord]) -> [Int] {
        (0...records.count).filter { $0 == 0 || records[$0 - 1].landingOffset == 0 }
    }
}
