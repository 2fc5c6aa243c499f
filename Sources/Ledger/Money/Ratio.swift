/// An exact fraction of two integers, such as a share of lending or a change between dates.
///
/// The denominator is always positive and the fraction is kept in lowest terms, so
/// equal values are equal (`Ratio(1, 2) == Ratio(2, 4)`). A ratio with denominator 0
/// cannot be made: the initialiser returns `nil`, and callers decide what to print.
///
/// ```swift
/// let share = Ratio(916, 5444)!          // green ÷ total
/// share.percentString(language: .sv)     // "16,8 %"
/// share.decimalString(places: 4)         // "0.1683"
/// ```
public struct Ratio: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The numerator in lowest terms; carries the sign.
    public let numerator: Int64
    /// The denominator in lowest terms; always positive.
    public let denominator: Int64

    /// `numerator ÷ denominator` in lowest terms, or `nil` when the denominator is 0
    /// (or a sign cannot be moved without overflow: `Int64.min` as either part).
    public init?(_ numerator: Int64, _ denominator: Int64) {
        guard denominator != 0, numerator != Int64.min, denominator != Int64.min else { return nil }
        let divisor = Int64(ExactArithmetic.gcd(numerator.magnitude, denominator.magnitude))
        var n = numerator / divisor
        var d = denominator / divisor
        if d < 0 { n = -n; d = -d }
        self.numerator = n
        self.denominator = d
    }

    /// The relative change from `old` to `new`: `(new − old) ÷ old`, or `nil` when `old`
    /// is 0 (no base to compare with) or the difference overflows.
    ///
    /// `Ratio.change(from: 5_119, to: 5_444)` is 325/5119, printed "+6,3 %".
    public static func change(from old: Int64, to new: Int64) -> Ratio? {
        let (difference, overflow) = new.subtractingReportingOverflow(old)
        guard !overflow else { return nil }
        // Divide by the magnitude of the base so that growth from a negative base is positive.
        guard old != Int64.min else { return nil }
        return Ratio(difference, old < 0 ? -old : old)
    }

    /// True when the value is below zero.
    public var isNegative: Bool { numerator < 0 }

    /// The value in per cent with `decimals` decimal places, as a scaled integer rounded
    /// half away from zero (`Ratio(1, 8)!.scaledPercent(decimals: 1)` is 125, i.e. 12,5 %),
    /// or `nil` on overflow or when `decimals` is outside 0…12.
    public func scaledPercent(decimals: Int) -> Int64? {
        guard (0...12).contains(decimals), let scale = ExactArithmetic.powerOfTen(decimals + 2) else { return nil }
        return ExactArithmetic.roundedMulDiv(numerator, scale, denominator)
    }

    /// The value as a plain decimal fraction with `places` decimals (0…15), rounded half
    /// away from zero, with a decimal point: for JSON, which carries fractions, not per cent.
    ///
    /// `Ratio(1, 3)!.decimalString(places: 6)` is "0.333333"; `nil` when the value does not
    /// fit at that precision or `places` is outside 0…15.
    public func decimalString(places: Int = 6) -> String? {
        guard (0...15).contains(places), let scale = ExactArithmetic.powerOfTen(places),
              let scaled = ExactArithmetic.roundedMulDiv(numerator, scale, denominator) else { return nil }
        return DigitLayout.layout(scaled, decimals: places, language: .en, grouping: false)
    }

    /// Per cent with `decimals` decimals: "16,8 %" (Swedish, U+00A0 before the sign) or "16.8%".
    /// Prints "–" when the value cannot be represented (astronomically large).
    public func percentString(decimals: Int = 1, language: FormatLanguage = .sv) -> String {
        guard let scaled = scaledPercent(decimals: decimals) else { return "–" }
        let number = DigitLayout.layout(scaled, decimals: decimals, language: language)
        return language == .sv ? number + DigitLayout.nbsp + "%" : number + "%"
    }

    /// A signed change in per cent: "+15 %", "+6,3 %", "-4 %"; a change that rounds to
    /// zero prints without a sign ("0 %"). English: "+15%", "+6.3%".
    ///
    /// The slides print changes with no decimals ("+15 %", "+119 %"); pass `decimals: 1`
    /// for "+6,3 %". Prints "–" when the value cannot be represented.
    public func signedPercentString(decimals: Int = 0, language: FormatLanguage = .sv) -> String {
        guard let scaled = scaledPercent(decimals: decimals) else { return "–" }
        let sign = scaled > 0 ? "+" : ""
        let number = DigitLayout.layout(scaled, decimals: decimals, language: language)
        return language == .sv ? sign + number + DigitLayout.nbsp + "%" : sign + number + "%"
    }

    /// "numerator/denominator", e.g. "325/5119".
    public var description: String { "\(numerator)/\(denominator)" }

    /// Exact comparison by cross-multiplication in 128 bits.
    public static func < (lhs: Ratio, rhs: Ratio) -> Bool {
        let left = lhs.numerator.multipliedFullWidth(by: rhs.denominator)
        let right = rhs.numerator.multipliedFullWidth(by: lhs.denominator)
        return left.high != right.high ? left.high < right.high : left.low < right.low
    }
}
