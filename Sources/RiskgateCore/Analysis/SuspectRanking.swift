/// Incident triage: which commits of a window most likely caused an outage, and why.
///
/// Each commit gets suspicion points from its blast radius score, AI authorship without a
/// traceability link, its size, and how close it landed before the incident. Points are plain
/// integers, each with a reason, so an on-call engineer can see why a commit ranks where it does.
/// Only the `limit` most suspicious commits are kept: memory stays flat.
public struct SuspectRanking: Sendable {
    public struct Reason: Hashable, Sendable {
        public var points: Int
        public var text: String
    }

    public struct Suspect: Hashable, Sendable {
        public var analysis: CommitAnalysis
        public var suspicion: Int
        public var reasons: [Reason]
        /// Seconds between the commit (committer time) and the incident; nil without `--until`.
        public var secondsBeforeIncident: Int64?
    }

    /// Seconds since the epoch when the incident started (`--until`); nil when unknown.
    public let incidentTime: Int64?
    public let limit: Int
    public private(set) var considered = 0
    private var kept: [(order: Int, suspect: Suspect)] = []

    public init(incidentTime: Int64?, limit: Int = 10) {
        self.incidentTime = incidentTime
        self.limit = max(1, limit)
    }

    public mutating func add(_ analysis: CommitAnalysis) {
        considered += 1
        let suspect = Self.assess(analysis, incidentTime: incidentTime)
        kept.append((considered, suspect))
        if kept.count >= limit * 2 { trim() }
    }

    /// Most suspicious first; among equals, the one closest to the incident (newest) first.
    public var ranked: [Suspect] {
        var copy = self
        copy.trim()
        return copy.kept.map(\.suspect)
    }

    private mutating func trim() {
        kept.sort { lhs, rhs in
            if lhs.suspect.suspicion != rhs.suspect.suspicion { return lhs.suspect.suspicion > rhs.suspect.suspicion }
            let left = lhs.suspect.analysis.commit.committer.time
            let right = rhs.suspect.analysis.commit.committer.time
            if left != right { return left > right }
            return lhs.order < rhs.order
        }
        if kept.count > limit { kept.removeLast(kept.count - limit) }
    }

    /// The points and reasons of one commit.
    public static func assess(_ analysis: CommitAnalysis, incidentTime: Int64?) -> Suspect {
        var reasons: [Reason] = []
        // Traceability findings are left out here: the AI reason below already counts them.
        let blast = analysis.findings.filter { $0.category != "traceability" }
        let blastScore = min(analysis.score, CommitAnalysis.score(of: blast))
        if blastScore > 0 {
            let top = blast.first.map { ": \($0.rule)" } ?? ""
            reasons.append(
                Reason(points: blastScore / 2, text: "blast radius \(blastScore) of score \(analysis.score) (\(analysis.level.rawValue))\(top)"))
        }
        if analysis.authorship.isAI {
            let tool = analysis.authorship.tool.map { " (\($0))" } ?? ""
            switch analysis.traceability.status {
            case .missing, .malformed:
                reasons.append(
                    Reason(points: 20, text: "\(analysis.authorship.kind.rawValue)\(tool) without a traceability link"))
            default:
                reasons.append(Reason(points: 5, text: "\(analysis.authorship.kind.rawValue)\(tool), session linked"))
            }
        }
        let size = Recommendations.size(of: analysis.commit)
        let sizePoints = sizePoints(lines: size.lines, files: size.files)
        if sizePoints > 0 {
            reasons.append(Reason(points: sizePoints, text: "\(size.files) files, \(size.lines) lines changed"))
        }
        let deletions = analysis.commit.files.reduce(0) { $0 + ($1.deleted ?? 0) }
        if deletions >= 200, deletions * 2 > size.lines {
            reasons.append(Reason(points: 5, text: "mostly deletions (\(deletions) lines)"))
        }
        var before: Int64?
        if let incidentTime {
            let seconds = max(0, incidentTime - analysis.commit.committer.time)
            before = seconds
            let points = timingPoints(secondsBefore: seconds)
            if points > 0 { reasons.append(Reason(points: points, text: "landed \(duration(seconds)) before the incident")) }
        }
        reasons.sort { $0.points != $1.points ? $0.points > $1.points : $0.text < $1.text }
        return Suspect(
            analysis: analysis, suspicion: reasons.reduce(0) { $0 + $1.points }, reasons: reasons,
            secondsBeforeIncident: before)
    }

    /// Up to 15 points, growing with the logarithm of the change (a one-line config tweak can
    /// break production too, so size never dominates).
    public static func sizePoints(lines: Int, files: Int) -> Int {
        var points = 0
        var threshold = 50
        while lines >= threshold, points < 12 {
            points += 3
            threshold *= 3
        }
        if files >= 20 { points += 3 }
        return min(15, points)
    }

    /// Up to 25 points: the closer before the incident, the more suspicious.
    public static func timingPoints(secondsBefore seconds: Int64) -> Int {
        switch seconds {
        case ..<3_600: 25
        case ..<(6 * 3_600): 18
        case ..<(24 * 3_600): 12
        case ..<(72 * 3_600): 6
        default: 0
        }
    }

    public static func duration(_ seconds: Int64) -> String {
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3_600 { return "\(seconds / 60)m" }
        if seconds < 86_400 { return "\(seconds / 3_600)h\(seconds % 3_600 / 60 > 0 ? " \(seconds % 3_600 / 60)m" : "")" }
        return "\(seconds / 86_400)d \(seconds % 86_400 / 3_600)h"
    }
}

/// `--since` / `--until` on the committer time, as `git log` applies them.
public struct TimeWindow: Hashable, Sendable {
    public var since: Int64?
    public var until: Int64?

    public init(since: Int64? = nil, until: Int64? = nil) {
        self.since = since
        self.until = until
    }

    public func contains(_ commit: CommitSnapshot) -> Bool {
        let time = commit.committer.time
        if let since, time < since { return false }
        if let until, time > until { return false }
        return true
    }

    /// True when a commit is older than the window: with a newest-first walk, a run of these
    /// means the rest of history is older too (git's `--since` stops the same way).
    public func isBefore(_ commit: CommitSnapshot) -> Bool {
        guard let since else { return false }
        return commit.committer.time < since
    }
}

/// Dates as `--since` and `--until` take them: `2026-11-23`, `2026-11-23 14:05`,
/// `2026-11-23T14:05:00+01:00`, `@1700000000`, `now`, `90 minutes ago`, `2 days ago`.
/// Times without an offset are UTC. The clock arrives as a parameter: the core reads none.
public enum DateExpression {
    public enum Failure: Error, Hashable, Sendable, CustomStringConvertible {
        case unreadable(String)

        public var description: String {
            switch self {
            case .unreadable(let text):
                "cannot read the date '\(text)'; use e.g. 2026-11-23, '2026-11-23 14:05', "
                    + "2026-11-23T14:05:00+01:00, @<unix seconds> or '3 hours ago'"
            }
        }
    }

    public static func parse(_ text: String, now: Int64) throws(Failure) -> Int64 {
        let trimmed = String(text.trimmingWhitespace()).lowercased()
        if trimmed == "now" { return now }
        if trimmed.hasPrefix("@"), let seconds = Int64(trimmed.dropFirst()) { return seconds }
        if let relative = relative(trimmed, now: now) { return relative }
        if let absolute = absolute(trimmed) { return absolute }
        throw .unreadable(text)
    }

    private static func relative(_ text: String, now: Int64) -> Int64? {
        let words = text.split(separator: " ")
        guard words.count == 3, words[2] == "ago", let count = Int64(words[0]), count >= 0 else { return nil }
        var unit = String(words[1])
        if unit.hasSuffix("s") { unit.removeLast() }
        let seconds: Int64
        switch unit {
        case "second", "sec": seconds = 1
        case "minute", "min": seconds = 60
        case "hour": seconds = 3_600
        case "day": seconds = 86_400
        case "week": seconds = 604_800
        default: return nil
        }
        return now - count * seconds
    }

    private static func absolute(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int64? {
            guard range.upperBound <= bytes.count, range.allSatisfy({ bytes[$0] >= 0x30 && bytes[$0] <= 0x39 }) else {
                return nil
            }
            return Int64(String(decoding: bytes[range], as: UTF8.self))
        }
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var seconds = daysFromCivil(year: year, month: month, day: day) * 86_400
        var index = 10
        if index < bytes.count {
            guard bytes[index] == UInt8(ascii: "t") || bytes[index] == UInt8(ascii: " ") else { return nil }
            index += 1
            guard let hour = number(index..<(index + 2)), index + 2 < bytes.count, bytes[index + 2] == UInt8(ascii: ":"),
                let minute = number((index + 3)..<(index + 5)), hour < 24, minute < 60
            else { return nil }
            seconds += hour * 3_600 + minute * 60
            index += 5
            if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
                guard let second = number((index + 1)..<(index + 3)), second < 61 else { return nil }
                seconds += second
                index += 3
            }
            if index < bytes.count {
                let sign = bytes[index]
                if sign == UInt8(ascii: "z"), index + 1 == bytes.count { return seconds }
                guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
                    let hours = number((index + 1)..<(index + 3))
                else { return nil }
                var rest = index + 3
                if rest < bytes.count, bytes[rest] == UInt8(ascii: ":") { rest += 1 }
                guard let minutes = number(rest..<(rest + 2)), rest + 2 == bytes.count else { return nil }
                let offset = (hours * 60 + minutes) * 60
                seconds += sign == UInt8(ascii: "+") ? -offset : offset
            }
        }
        return seconds
    }

    /// Howard Hinnant's days-from-civil algorithm (the inverse of `ISOTime.civilDate`).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

/// `--path` globs for triage, as git pathspecs read them: a plain path names a file or a folder
/// and everything under it; `*` stays within one folder, `**` crosses folders, `?` is one
/// character; a pattern without `/` also matches a file name anywhere.
public struct PathSelection: Hashable, Sendable {
    public var patterns: [String]

    public init(_ patterns: [String]) { self.patterns = patterns.filter { !$0.isEmpty } }

    public var isEmpty: Bool { patterns.isEmpty }

    /// True when any changed path (or a renamed file's old path) matches; an empty selection
    /// selects every commit.
    public func selects(_ commit: CommitSnapshot) -> Bool {
        guard !patterns.isEmpty else { return true }
        return commit.files.contains { file in
            matches(file.path) || file.oldPath.map(matches) == true
        }
    }

    public func matches(_ path: String) -> Bool {
        patterns.contains { Self.match(pattern: $0, path: path) }
    }

    static func match(pattern rawPattern: String, path: String) -> Bool {
        var pattern = rawPattern
        while pattern.hasPrefix("./") { pattern.removeFirst(2) }
        if pattern.hasPrefix("/") { pattern.removeFirst() }
        while pattern.hasSuffix("/") { pattern.removeLast() }
        if pattern.isEmpty { return true }
        let path = Array(path.utf8)
        let glob = Array(pattern.utf8)
        // A folder (or file) prefix: `deploy` selects `deploy/app.yaml`.
        if wildcard(glob, path) { return true }
        for index in path.indices where path[index] == UInt8(ascii: "/") {
            if wildcard(glob, Array(path[..<index])) { return true }
        }
        if !glob.contains(UInt8(ascii: "/")), let last = path.lastIndex(of: UInt8(ascii: "/")) {
            return wildcard(glob, Array(path[(last + 1)...]))
        }
        return false
    }

    /// Matches `*` (not across `/`), `**` (across `/`) and `?` by backtracking.
    static func wildcard(_ pattern: [UInt8], _ text: [UInt8]) -> Bool {
        func go(_ p: Int, _ t: Int) -> Bool {
            if p == pattern.count { return t == text.count }
            let char = pattern[p]
            if char == UInt8(ascii: "*") {
                let double = p + 1 < pattern.count && pattern[p + 1] == UInt8(ascii: "*")
                let next = double ? p + 2 : p + 1
                // `**/` also matches no folder at all.
                if double, next < pattern.count, pattern[next] == UInt8(ascii: "/"), go(next + 1, t) { return true }
                var index = t
                while true {
                    if go(next, index) { return true }
                    guard index < text.count, double || text[index] != UInt8(ascii: "/") else { return false }
                    index += 1
                }
            }
            guard t < text.count else { return false }
            if char == UInt8(ascii: "?") { return text[t] != UInt8(ascii: "/") && go(p + 1, t + 1) }
            return char == text[t] && go(p + 1, t + 1)
        }
        return go(0, 0)
    }
}
