#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A date that could not be read: the text as given and why.
public struct DayError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text as it was given.
    public let input: String
    /// Why it was refused, e.g. `February 2023 has 28 days`.
    public let reason: String

    /// Creates an error for `input` refused for `reason`.
    public init(input: String, reason: String) {
        self.input = input
        self.reason = reason
    }

    /// `"2024-02-30" is not a date: February 2024 has 29 days`.
    public var description: String {
        "\(TextRules.quoted(input)) is not a date: \(reason)"
    }
}

/// A calendar day in the proleptic Gregorian calendar, years 0001–9999.
///
/// Read strictly from ISO `YYYY-MM-DD` (exactly ten characters, a date that
/// exists); printed the same way. Orders chronologically.
///
/// ```swift
/// let d = try Day.parse("2024-02-29")   // a leap day
/// d.description                         // "2024-02-29"
/// try Day.parse("2023-02-29")           // throws: February 2023 has 28 days
/// ```
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    /// The year, 1–9999.
    public let year: Int
    /// The month, 1–12.
    public let month: Int
    /// The day of the month, 1–28…31.
    public let day: Int

    private static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                                     "August", "September", "October", "November", "December"]

    /// The day, or nil when it does not exist (`2023-02-29`) or the year is outside 1–9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1 ... 9999).contains(year), (1 ... 12).contains(month),
              day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Whether `year` is a leap year (Gregorian rules: every 4th, not every 100th, every 400th).
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in `month` (1–12) of `year`.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Parses exactly `YYYY-MM-DD`: no spaces, no missing zeros, a date that exists.
    ///
    /// - Throws: `DayError` naming the text and the reason.
    public static func parse(_ text: String) throws(DayError) -> Day {
        var copy = text
        let result = copy.withUTF8 { parseResult($0) }
        switch result {
        case let .success(day): return day
        case let .failure(reason): throw DayError(input: text, reason: reason.text)
        }
    }

    /// Parses UTF-8 bytes (a CSV field, without making a String) exactly as `parse(_:)`.
    ///
    /// - Throws: `DayError` as `parse(_:)` does.
    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) throws(DayError) -> Day {
        switch parseResult(bytes) {
        case let .success(day): return day
        case let .failure(reason): throw DayError(input: String(decoding: bytes, as: UTF8.self), reason: reason.text)
        }
    }

    private struct Refusal: Error { let text: String }

    private static func parseResult(_ b: UnsafeBufferPointer<UInt8>) -> Result<Day, Refusal> {
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
                value = value * 10 + Int(b[i] - 0x30)
            }
            return value
        }
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D,
              let year = digits(0 ..< 4), let month = digits(5 ..< 7), let day = digits(8 ..< 10) else {
            return .failure(Refusal(text: "expected YYYY-MM-DD"))
        }
        if year == 0 { return .failure(Refusal(text: "there is no year 0000")) }
        guard (1 ... 12).contains(month) else {
            return .failure(Refusal(text: "there is no month \(month)"))
        }
        let days = daysIn(month: month, year: year)
        guard day >= 1, day <= days, let result = Day(year: year, month: month, day: day) else {
            return .failure(Refusal(text: "\(monthNames[month - 1]) \(year) has \(days) days"))
        }
        return .success(result)
    }

    /// Today in the local time zone (`TZ` or the system's).
    public static func today() -> Day {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        // localtime_r gives a real date; the fallback only guards against a broken clock.
        return Day(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
            ?? Day(year: 1970, month: 1, day: 1)!
    }

    /// Orders days chronologically.
    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Decodes from the `YYYY-MM-DD` string form.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try Day.parse(text)
    }

    /// Encodes as the `YYYY-MM-DD` string form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Day {
    /// The number of days since 0000-03-01 (proleptic Gregorian; H. Hinnant's days from civil).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra
    }

    /// The day with `dayNumber` `number` (the inverse of `dayNumber`).
    public init(dayNumber number: Int) {
        let era = (number >= 0 ? number : number - 146_096) / 146_097
        let dayOfEra = number - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yearOfEra + era * 400 + (m <= 2 ? 1 : 0)
        self.init(unchecked: y, m, d)
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self = Day(year: year, month: month, day: day) ?? Day(year: 1970, month: 1, day: 1)!
    }

    /// The day `days` days later (earlier when negative).
    public func adding(days: Int) -> Day { Day(dayNumber: dayNumber + days) }

    /// The last day of `year`.
    public static func endOfYear(_ year: Int) -> Day { Day(year: year, month: 12, day: 31) ?? Day(year: 1970, month: 12, day: 31)! }
}
