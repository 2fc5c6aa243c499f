/// An exact decimal value of an indicator: a reading, a baseline, a target bound, a tolerance.
///
/// Stored as an integer count of 10⁻⁷ (`units`); parsing accepts up to seven decimals, so
/// every quantity reads back from its `canonical` text. Values written with at most six
/// decimals (every real reading) have exact midpoints too. No floating point anywhere.
///
/// ```swift
/// try Quantity.parse("86,5")     // 86.5
/// try Quantity.parse("15 %")     // 15 (the per-cent sign is the indicator's unit, not a factor)
/// try Quantity.parse("−3")       // -3 (U+2212 minus accepted)
/// ```
public struct Quantity: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// Units per 1: a `Quantity` of 1 has `units == scale`.
    public static let scale: Int64 = 10_000_000
    /// The most decimals `parse` accepts (the full scale).
    public static let maxFractionDigits = 7
    /// Zero.
    public static let zero = Quantity(units: 0)

    /// The value times `scale`.
    public let units: Int64

    /// A quantity of `units / scale`.
    public init(units: Int64) { self.units = units }

    /// A whole number; values beyond ±922 337 203 685 are clamped to the extremes.
    public init(_ integer: Int) {
        let (product, overflow) = Int64(clamping: integer).multipliedReportingOverflow(by: Quantity.scale)
        units = overflow ? (integer < 0 ? Int64.min : Int64.max) : product
    }

    /// A whole number from a literal, for code and tests: `let b: Quantity = 60`.
    public init(integerLiteral value: Int) { self.init(value) }

    /// Parses a number as readers write it: decimal comma or point, optional sign
    /// ("-", "+", U+2212), digit groups separated by a space, U+00A0 or U+202F
    /// ("1 106"), and an optional trailing "%" (ignored: the unit belongs to the indicator).
    ///
    /// - Throws: `QuantityParseError` for empty text, anything that is not such a number,
    ///   more than seven decimals (never truncated) or a value beyond ±922 337 203 685,4775 (Int64 at 10⁻⁷).
    public static func parse(_ text: String) throws(QuantityParseError) -> Quantity {
        var scalars = Array(text.unicodeScalars)
        trimSpaces(&scalars)
        if scalars.last == "%" {
            scalars.removeLast()
            trimSpaces(&scalars)
        }
        guard !scalars.isEmpty else { throw .empty }
        var negative = false
        if let first = scalars.first, first == "-" || first == "+" || first == "\u{2212}" {
            negative = first != "+"
            scalars.removeFirst()
        }
        var integerDigits: [UInt8] = []
        var fractionDigits: [UInt8] = []
        var index = 0
        var grouped = false
        var firstGroupLength = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if let digit = digitValue(scalar) {
                integerDigits.append(digit)
                index += 1
            } else if isGroupSeparator(scalar) && !integerDigits.isEmpty {
                // A group separator must be followed by exactly three digits.
                let groupEnd = index + 4
                guard groupEnd <= scalars.count,
                      scalars[(index + 1)..<groupEnd].allSatisfy({ digitValue($0) != nil }),
                      groupEnd == scalars.count || digitValue(scalars[groupEnd]) == nil
                else { throw .notANumber(text) }
                if !grouped { firstGroupLength = integerDigits.count; grouped = true }
                index += 1
            } else {
                break
            }
        }
        guard !integerDigits.isEmpty, !grouped || firstGroupLength <= 3 else { throw .notANumber(text) }
        if index < scalars.count {
            guard scalars[index] == "," || scalars[index] == "." else { throw .notANumber(text) }
            index += 1
            while index < scalars.count, let digit = digitValue(scalars[index]) {
                fractionDigits.append(digit)
                index += 1
            }
            guard !fractionDigits.isEmpty, index == scalars.count else { throw .notANumber(text) }
            guard fractionDigits.count <= maxFractionDigits else { throw .tooManyDecimals(text) }
        }
        // Accumulate the magnitude in UInt64 so that Int64.min units read back too.
        var magnitude: UInt64 = 0
        for digit in integerDigits + fractionDigits + Array(repeating: 0, count: 7 - fractionDigits.count) {
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(digit))
            guard !o1, !o2, sum <= UInt64(Int64.max) + (negative ? 1 : 0) else { throw .outOfRange(text) }
            magnitude = sum
        }
        return Quantity(units: negative ? Int64(truncatingIfNeeded: 0 &- magnitude) : Int64(magnitude))
    }

    /// The midpoint of two values: exact when both have at most six decimals, else rounded
    /// half away from zero at 10⁻⁷.
    public static func midpoint(_ a: Quantity, _ b: Quantity) -> Quantity {
        let half = a.units / 2 + b.units / 2
        let rest = ExactArithmetic.roundedDiv(a.units % 2 + b.units % 2, 2) ?? 0
        return Quantity(units: half + rest)
    }

    /// True when `self` and `other` differ by at most `tolerance` (a negative tolerance
    /// counts as 0). Never overflows.
    public func isWithin(_ tolerance: Quantity, of other: Quantity) -> Bool {
        let (difference, overflow) = units.subtractingReportingOverflow(other.units)
        guard !overflow else { return false }
        return difference.magnitude <= UInt64(max(0, tolerance.units))
    }

    /// Canonical text: decimal point, no grouping, no trailing zeros: "86.5", "-3", "0.5".
    /// `Quantity.parse(q.canonical) == q` for every `q`.
    public var canonical: String { text(decimalSeparator: ".", groupSeparator: nil) }

    /// Display text: Swedish "86,5" and "1 106" (U+00A0 grouping from four digits) or
    /// English "86.5" and "1,106"; no trailing zeros.
    public func formatted(language: FormatLanguage = .sv) -> String {
        language == .sv
            ? text(decimalSeparator: ",", groupSeparator: DigitLayout.nbsp)
            : text(decimalSeparator: ".", groupSeparator: ",")
    }

    /// The canonical text.
    public var description: String { canonical }

    /// Exact order.
    public static func < (lhs: Quantity, rhs: Quantity) -> Bool { lhs.units < rhs.units }

    private func text(decimalSeparator: String, groupSeparator: String?) -> String {
        // Built from digits, not through String's Character views (reports print thousands).
        let magnitude = units.magnitude
        let scale = UInt64(Quantity.scale)
        var digits: [UInt8] = []  // the integer part's digits, most significant first
        var integer = magnitude / scale
        repeat {
            digits.append(UInt8(truncatingIfNeeded: integer % 10) + 0x30)
            integer /= 10
        } while integer > 0
        digits.reverse()
        var out: [UInt8] = []
        out.reserveCapacity(digits.count * 2 + 10)
        if units < 0 { out.append(0x2D) }
        if let separator = groupSeparator, digits.count > 3 {
            for (index, digit) in digits.enumerated() {
                if index > 0 && (digits.count - index) % 3 == 0 { out.append(contentsOf: separator.utf8) }
                out.append(digit)
            }
        } else {
            out.append(contentsOf: digits)
        }
        var fraction = magnitude % scale
        if fraction > 0 {
            out.append(contentsOf: decimalSeparator.utf8)
            var places = 7  // Quantity.scale = 10⁷
            while fraction % 10 == 0 { fraction /= 10; places -= 1 }
            var fractionDigits = [UInt8](repeating: 0x30, count: places)
            var index = places - 1
            while fraction > 0 {
                fractionDigits[index] = UInt8(truncatingIfNeeded: fraction % 10) + 0x30
                fraction /= 10
                index -= 1
            }
            out.append(contentsOf: fractionDigits)
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || isGroupSeparator(scalar)
    }

    private static func isGroupSeparator(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\u{00A0}" || scalar == "\u{202F}" || scalar == "\u{2009}"
    }

    private static func digitValue(_ scalar: Unicode.Scalar) -> UInt8? {
        scalar.value >= 48 && scalar.value <= 57 ? UInt8(scalar.value - 48) : nil
    }

    static func trimSpaces(_ scalars: inout [Unicode.Scalar]) {
        while let first = scalars.first, isSpace(first) { scalars.removeFirst() }
        while let last = scalars.last, isSpace(last) { scalars.removeLast() }
    }
}

/// Why a number could not be read.
public enum QuantityParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Nothing to read.
    case empty
    /// The text is not a number ("12,3,4", "1.234,56", "abc").
    case notANumber(String)
    /// More than seven decimals; refused rather than truncated.
    case tooManyDecimals(String)
    /// Beyond ±922 337 203 685,4775 (Int64 at 10⁻⁷).
    case outOfRange(String)

    /// One line saying what is wrong, quoting the text.
    public var description: String {
        switch self {
        case .empty: return "empty number"
        case .notANumber(let text): return "\(TextRules.quoted(text)) is not a number"
        case .tooManyDecimals(let text): return "\(TextRules.quoted(text)) has more than \(Quantity.maxFractionDigits) decimals"
        case .outOfRange(let text): return "\(TextRules.quoted(text)) is too large"
        }
    }
}
