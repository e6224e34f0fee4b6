/// A moment in UTC, to the second, written as RFC 3339 (`2026-11-23T08:47:00Z`).
///
/// Seconds are enough: entries are ordered by the chain, not by their clock.
public struct AuditTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var secondsSinceEpoch: Int

    public init(secondsSinceEpoch: Int) { self.secondsSinceEpoch = secondsSinceEpoch }

    public static func < (lhs: AuditTime, rhs: AuditTime) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }

    public var description: String {
        let days = Self.floorDivide(secondsSinceEpoch, 86_400)
        let secondOfDay = secondsSinceEpoch - days * 86_400
        let (year, month, day) = Self.civil(fromDays: days)
        return "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))T"
            + "\(Self.pad(secondOfDay / 3600, 2)):\(Self.pad(secondOfDay % 3600 / 60, 2)):\(Self.pad(secondOfDay % 60, 2))Z"
    }

    /// Reads what users type for `--since`/`--until` and what the log stores:
    /// `2026-11-23`, `2026-11-23T08:47:00Z`, `2026-11-23T08:47Z`, `2026-11-23 08:47:00` (UTC), or
    /// `@<seconds since the epoch>`. A bare date is its midnight UTC.
    public init?(parsing text: String) {
        if text.hasPrefix("@") {
            guard let seconds = Int(text.dropFirst()) else { return nil }
            self.init(secondsSinceEpoch: seconds)
            return
        }
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count, bytes[range].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            return Int(String(decoding: bytes[range], as: UTF8.self))
        }
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        var seconds = 0
        if bytes.count > 10 {
            var rest = Array(bytes[11...])
            guard bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " ") else { return nil }
            if rest.last == UInt8(ascii: "Z") { rest.removeLast() }
            let fields = rest.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
            guard fields.count == 2 || fields.count == 3 else { return nil }
            var parts: [Int] = []
            for field in fields {
                guard field.count == 2, field.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                    let value = Int(String(decoding: field, as: UTF8.self))
                else { return nil }
                parts.append(value)
            }
            let second = parts.count == 3 ? parts[2] : 0
            guard parts[0] < 24, parts[1] < 60, second < 60 else { return nil }
            seconds = parts[0] * 3600 + parts[1] * 60 + second
        }
        self.init(secondsSinceEpoch: Self.days(year: year, month: month, day: day) * 86_400 + seconds)
    }

    // Howard Hinnant's civil-calendar algorithms (proleptic Gregorian), exact for any year.
    static func days(year: Int, month: Int, day: Int) -> Int {
        let shifted = month <= 2 ? year - 1 : year
        let era = floorDivide(shifted, 400)
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
