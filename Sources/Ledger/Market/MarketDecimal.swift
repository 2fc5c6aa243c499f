/// Errors of the housing-market model: parsing its inputs, computing the index,
/// and validating class bounds.
public enum MarketError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text is not a decimal number in any accepted spelling.
    case notANumber(String)
    /// The number has more fractional digits than `MarketDecimal.maxParsedScale`.
    case tooManyDecimals(String, max: Int)
    /// A value or an intermediate result does not fit in 64 bits.
    case overflow
    /// Class bounds must be non-negative and strictly increasing.
    case boundsNotIncreasing(year: Int, scenario: String)
    /// A scenario name must be a non-empty token of `a-z`, `0-9`, `.`, `-`, `_`.
    case invalidScenario(String)
    /// A year outside 1900...2100.
    case invalidYear(Int)
    /// A reading with neither an index value nor the model's four inputs.
    case missingIndex
    /// A reading with some but not all of the model's four inputs.
    case incompleteInputs

    public var description: String {
        switch self {
        case .notANumber(let text): return "\(TextRules.quoted(text)) is not a number"
        case .tooManyDecimals(let text, let max): return "\(TextRules.quoted(text)) has more than \(max) decimals"
        case .overflow: return "number too large"
        case .boundsNotIncreasing(let year, let scenario):
            return "class bounds for \(year) \(scenario) are not non-negative and strictly increasing"
        case .invalidScenario(let name): return "\(TextRules.quoted(name)) is not a scenario name"
        case .invalidYear(let year): return "\(year) is not a plausible year"
        case .missingIndex: return "neither index_value nor the model inputs are given"
        case .incompleteInputs:
            return "the model needs all of trend_index, level_index, labour_market_population_k, job_accessibility_k"
        }
    }
}

/// An exact decimal number, `units × 10^−scale`. Never a floating-point number.
///
/// Parsed from text with a decimal comma or a decimal point (`99,73167`,
/// `99.73167`), an optional sign (`-`, `+` or U+2212 `−`), and optional
/// thousands separators in the integer part (space, no-break space U+00A0,
/// narrow no-break space U+202F) in groups of three: `-52 749,833`.
/// Equality and ordering are by value: `1,50` equals `1.5`.
public struct MarketDecimal: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The scaled integer: the value times `10^scale`.
    public let units: Int64
    /// Number of fractional digits, `0...maxScale`.
    public let scale: Int

    /// The most fractional digits a value can carry (10^18 still fits in `Int64`).
    public static let maxScale = 18
    /// The most fractional digits accepted when parsing text, so that a
    /// coefficient (3 decimals) times an input stays well inside 64 bits.
    public static let maxParsedScale = 9

    /// `units × 10^−scale`; `scale` must be in `0...maxScale`.
    public init(units: Int64, scale: Int) {
        precondition((0...MarketDecimal.maxScale).contains(scale), "scale \(scale) out of range")
        self.units = units
        self.scale = scale
    }

    /// A whole number.
    public init(_ integer: Int64) {
        self.init(units: integer, scale: 0)
    }

    /// Parses `text` (see the type's documentation). Leading and trailing ASCII
    /// spaces are ignored; anything else unexpected is an error.
    public init(parsing text: String) throws(MarketError) {
        var scalars = Array(text.unicodeScalars)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        var index = 0
        var negative = false
        if index < scalars.count {
            switch scalars[index] {
            case "-", "\u{2212}": negative = true; index += 1
            case "+": index += 1
            default: break
            }
        }
        // Integer part: groups of digits separated by single group separators.
        var groups: [[UInt8]] = [[]]
        while index < scalars.count {
            let s = scalars[index]
            if let d = MarketDecimal.digit(s) {
                groups[groups.count - 1].append(d)
            } else if s == " " || s == "\u{00A0}" || s == "\u{202F}" {
                guard !groups[groups.count - 1].isEmpty else { throw .notANumber(text) }
                groups.append([])
            } else {
                break
            }
            index += 1
        }
        guard !groups[0].isEmpty, !groups[groups.count - 1].isEmpty else { throw .notANumber(text) }
        if groups.count > 1 {
            guard groups[0].count <= 3, groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
                throw .notANumber(text)
            }
        }
        var fraction: [UInt8] = []
        if index < scalars.count {
            guard scalars[index] == "," || scalars[index] == "." else { throw .notANumber(text) }
            index += 1
            while index < scalars.count, let d = MarketDecimal.digit(scalars[index]) {
                fraction.append(d)
                index += 1
            }
            guard !fraction.isEmpty else { throw .notANumber(text) }
        }
        guard index == scalars.count else { throw .notANumber(text) }
        guard fraction.count <= MarketDecimal.maxParsedScale else {
            throw .tooManyDecimals(text, max: MarketDecimal.maxParsedScale)
        }
        var units: Int64 = 0
        for d in groups.joined() + fraction {
            let (times10, o1) = units.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.addingReportingOverflow(Int64(d))
            guard !o1, !o2 else { throw .overflow }
            units = next
        }
        self.units = negative ? -units : units
        self.scale = fraction.count
    }

    private static func digit(_ s: Unicode.Scalar) -> UInt8? {
        guard s.value >= 48, s.value <= 57 else { return nil }
        return UInt8(s.value - 48)
    }

    /// `10^exponent` for `exponent` in `0...18`.
    static func powerOfTen(_ exponent: Int) -> Int64 {
        precondition((0...18).contains(exponent))
        var result: Int64 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    /// The same value with `scale` raised to `newScale` (`>= scale`); nil on overflow.
    public func units(atScale newScale: Int) -> Int64? {
        guard newScale >= scale, newScale <= MarketDecimal.maxScale else { return nil }
        let (value, overflow) = units.multipliedReportingOverflow(by: MarketDecimal.powerOfTen(newScale - scale))
        return overflow ? nil : value
    }

    /// The value with trailing fractional zeros removed (`1,50` → `1,5`).
    public var normalized: MarketDecimal {
        var u = units, s = scale
        while s > 0, u % 10 == 0 { u /= 10; s -= 1 }
        return MarketDecimal(units: u, scale: s)
    }

    /// Rounded to a whole number, half away from zero (`2,5` → 3, `−2,5` → −3).
    public var roundedHalfAwayFromZero: Int64 {
        MarketDecimal.divideRoundingHalfAwayFromZero(units, by: MarketDecimal.powerOfTen(scale))
    }

    static func divideRoundingHalfAwayFromZero(_ value: Int64, by divisor: Int64) -> Int64 {
        precondition(divisor > 0)
        let quotient = value / divisor          // truncates toward zero
        let remainder = value % divisor         // same sign as value
        let twice = remainder.magnitude * 2     // < 2 × divisor, fits
        if twice >= divisor.magnitude {
            return value < 0 ? quotient - 1 : quotient + 1
        }
        return quotient
    }

    public static func == (lhs: MarketDecimal, rhs: MarketDecimal) -> Bool {
        let l = lhs.normalized, r = rhs.normalized
        return l.units == r.units && l.scale == r.scale
    }

    public func hash(into hasher: inout Hasher) {
        let n = normalized
        hasher.combine(n.units)
        hasher.combine(n.scale)
    }

    public static func < (lhs: MarketDecimal, rhs: MarketDecimal) -> Bool {
        let common = max(lhs.scale, rhs.scale)
        if let l = lhs.units(atScale: common), let r = rhs.units(atScale: common) { return l < r }
        // Only reachable near Int64's limits: compare integer parts, then fractions.
        let lw = lhs.units / powerOfTen(lhs.scale), rw = rhs.units / powerOfTen(rhs.scale)
        if lw != rw { return lw < rw }
        let lf = (lhs.units % powerOfTen(lhs.scale)) * powerOfTen(common - lhs.scale)
        let rf = (rhs.units % powerOfTen(rhs.scale)) * powerOfTen(common - rhs.scale)
        return lf < rf
    }

    /// The value with a decimal point and no thousands separators: `-52749.833`.
    public var description: String {
        guard scale > 0 else { return String(units) }
        let digits = String(units.magnitude)
        let padded = String(repeating: "0", count: max(0, scale + 1 - digits.count)) + digits
        let split = padded.index(padded.endIndex, offsetBy: -scale)
        return (units < 0 ? "-" : "") + padded[..<split] + "." + padded[split...]
    }
}
