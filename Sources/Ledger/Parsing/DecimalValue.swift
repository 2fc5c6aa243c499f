/// A number that could not be read as a decimal value or range: the text as given and why.
public struct DecimalValueError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why a text was refused.
    public enum Reason: Sendable, Equatable {
        /// A number was refused for this reason.
        case number(NumberRefusal)
        /// `parseRange` found no range separator (`-`, `–`, `—` or `..`) between two numbers.
        case notARange
        /// The range's low end is above its high end (`98-97`).
        case reversedRange
    }

    /// The text as it was given.
    public let input: String
    /// Why it was refused.
    public let reason: Reason

    /// Creates an error for `input` refused for `reason`.
    public init(input: String, reason: Reason) {
        self.input = input
        self.reason = reason
    }

    /// `"9,1234567" is not a number: more than 6 decimals (never rounded)`.
    public var description: String {
        switch reason {
        case let .number(refusal): return "\"\(input)\" is not a number: \(refusal.explanation)"
        case .notARange: return "\"\(input)\" is not a range (write it as 97-98)"
        case .reversedRange: return "\"\(input)\" is not a range: the low end is above the high end"
        }
    }
}

/// An exact decimal number for indicator readings, baselines and targets.
///
/// Stored as an integer count of 10⁻⁷ (`units`). Parsing accepts at most six
/// decimals, so the midpoint of any two parsed values is exact too. Readings
/// come from people: both `,` and `.` are decimal separators, digits may be
/// grouped in threes by spaces, NBSP or U+202F, a minus may be `-` or U+2212,
/// and a trailing `%` is ignored (the unit says what the number is).
///
/// ```swift
/// try DecimalValue.parse("86,5")        // 86.5
/// try DecimalValue.parse("−2.25 %")     // -2.25
/// try DecimalValue.parseRange("97–98 %") // DecimalRange(low: 97, high: 98), midpoint 97.5
/// ```
public struct DecimalValue: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Units per 1: the value is `units / scale`.
    public static let scale: Int64 = 10_000_000
    /// The number of decimal digits of `scale`.
    public static let scaleDigits = 7
    /// The most decimals `parse` accepts.
    public static let maxParsedDecimals = 6

    /// The value in units of 10⁻⁷.
    public let units: Int64

    /// The value `units / 10⁷`.
    public init(units: Int64) {
        self.units = units
    }

    /// The whole number `integer`, or nil when it is out of range (beyond ±9.2 × 10¹¹).
    public init?(_ integer: Int) {
        let (u, overflow) = Int64(integer).multipliedReportingOverflow(by: Self.scale)
        if overflow { return nil }
        units = u
    }

    /// Zero.
    public static let zero = DecimalValue(units: 0)

    /// Parses a number: optional minus, digits, optional `,`/`.` decimals (at most six), optional `%`.
    ///
    /// - Throws: `DecimalValueError` naming the text and the reason.
    public static func parse(_ text: String) throws(DecimalValueError) -> DecimalValue {
        var copy = text
        let result = copy.withUTF8 { parseResult($0) }
        switch result {
        case let .success(value): return value
        case let .failure(refusal): throw DecimalValueError(input: text, reason: .number(refusal))
        }
    }

    static func parseResult(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<DecimalValue, NumberRefusal> {
        let options = NumberSyntax.Options(separators: .either, maxDecimals: maxParsedDecimals,
                                           scaleDigits: scaleDigits, allowPercent: true)
        switch NumberSyntax.parse(bytes, options) {
        case let .failure(refusal): return .failure(refusal)
        case let .success(parsed):
            // -2^63 units cannot be negated (in `midpoint`, say); refuse it with the rest.
            if parsed.negative && parsed.magnitude > UInt64(Int64.max) { return .failure(.overflow) }
            return .success(DecimalValue(units: NumberSyntax.signed(parsed)))
        }
    }

    /// Parses a range `low-high` (also `–`, `—`, `..`, with spaces and `%`): `97-98`, `97 – 98 %`.
    ///
    /// A leading minus belongs to the first number: `-5` is not a range, `-5--3` is.
    /// - Throws: `DecimalValueError` when there is no separator, a side is not a number,
    ///   or the low end is above the high end.
    public static func parseRange(_ text: String) throws(DecimalValueError) -> DecimalRange {
        let bytes = Array(text.utf8)
        // Skip leading spaces and a sign, then find the first separator after a digit.
        var i = 0
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        if i < bytes.count, bytes[i] == 0x2D { i += 1 }
        var split: (Int, Int)?
        var sawDigit = false
        while i < bytes.count {
            let c = bytes[i]
            if c >= 0x30 && c <= 0x39 { sawDigit = true }
            if sawDigit {
                if c == 0x2D { split = (i, 1); break }
                if c == 0x2E, i + 1 < bytes.count, bytes[i + 1] == 0x2E { split = (i, 2); break }
                // U+2013 EN DASH, U+2014 EM DASH
                if c == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80,
                   bytes[i + 2] == 0x93 || bytes[i + 2] == 0x94 { split = (i, 3); break }
            }
            i += 1
        }
        guard let (at, length) = split else {
            throw DecimalValueError(input: text, reason: .notARange)
        }
        let left = String(decoding: bytes[..<at], as: UTF8.self)
        let right = String(decoding: bytes[(at + length)...], as: UTF8.self)
        let low: DecimalValue
        let high: DecimalValue
        do {
            low = try parse(left)
            high = try parse(right)
        } catch {
            throw DecimalValueError(input: text, reason: error.reason)
        }
        guard let range = DecimalRange(low: low, high: high) else {
            throw DecimalValueError(input: text, reason: .reversedRange)
        }
        return range
    }

    /// The exact midpoint of `a` and `b` (exact for any two parsed values).
    ///
    /// Values with a seventh decimal (midpoints of midpoints) round toward negative infinity.
    public static func midpoint(_ a: DecimalValue, _ b: DecimalValue) -> DecimalValue {
        // a/2 + b/2 without overflow, then the halves' lost bits.
        let half = (a.units >> 1) + (b.units >> 1) + (a.units & b.units & 1)
        return DecimalValue(units: half)
    }

    /// Orders values numerically.
    public static func < (lhs: DecimalValue, rhs: DecimalValue) -> Bool {
        lhs.units < rhs.units
    }

    /// The canonical text: a point, no grouping, no trailing zeros (`97.5`, `-3`, `0.25`).
    public var description: String {
        NumberSyntax.render(units, scaleDigits: Self.scaleDigits, minDecimals: 0, separator: ".")
    }

    /// The text with a decimal comma, for Swedish output (`97,5`).
    public var swedish: String {
        NumberSyntax.render(units, scaleDigits: Self.scaleDigits, minDecimals: 0, separator: ",")
    }
}

/// An inclusive range of decimal values, as a reading `97-98 %` or a target `90-100`.
public struct DecimalRange: Sendable, Hashable, CustomStringConvertible {
    /// The low end (inclusive).
    public let low: DecimalValue
    /// The high end (inclusive); never below `low`.
    public let high: DecimalValue

    /// The range from `low` to `high`; nil when `low > high`.
    public init?(low: DecimalValue, high: DecimalValue) {
        if low > high { return nil }
        self.low = low
        self.high = high
    }

    /// The midpoint, by which a range reading is judged.
    public var midpoint: DecimalValue { DecimalValue.midpoint(low, high) }

    /// Whether `value` lies in the range, ends included.
    public func contains(_ value: DecimalValue) -> Bool {
        low <= value && value <= high
    }

    /// `low-high` in canonical form (`97-98`).
    public var description: String { "\(low)-\(high)" }
}
