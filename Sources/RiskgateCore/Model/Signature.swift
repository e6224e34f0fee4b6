/// An author or committer as git records it: name, email and a timestamp with its offset.
public struct Signature: Hashable, Sendable {
    public var name: String
    public var email: String
    /// Seconds since the Unix epoch.
    public var time: Int64
    /// The offset from UTC in minutes, as written in the commit (e.g. +0200 is 120).
    public var offsetMinutes: Int

    public init(name: String, email: String, time: Int64, offsetMinutes: Int = 0) {
        self.name = name
        self.email = email
        self.time = time
        self.offsetMinutes = offsetMinutes
    }

    /// `Name <email>`, git's identity form.
    public var identity: String { "\(name) <\(email)>" }

    /// ISO 8601 time in the signature's own offset, e.g. `2026-11-23T09:15:00+01:00`.
    public var isoTime: String { ISOTime.format(seconds: time, offsetMinutes: offsetMinutes) }
}

/// Formats timestamps without Foundation's calendar machinery (pure, fast, deterministic).
public enum ISOTime {
    public static func format(seconds: Int64, offsetMinutes: Int) -> String {
        let local = seconds + Int64(offsetMinutes) * 60
        var days = local / 86_400
        var secondsOfDay = local % 86_400
        if secondsOfDay < 0 {
            secondsOfDay += 86_400
            days -= 1
        }
        let (year, month, day) = civilDate(fromDaysSinceEpoch: days)
        let hour = secondsOfDay / 3600
        let minute = secondsOfDay % 3600 / 60
        let second = secondsOfDay % 60
        let sign = offsetMinutes < 0 ? "-" : "+"
        let offset = abs(offsetMinutes)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
            + "\(sign)\(pad(Int64(offset / 60), 2)):\(pad(Int64(offset % 60), 2))"
    }

    /// Howard Hinnant's days-to-civil algorithm.
    static func civilDate(fromDaysSinceEpoch days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
