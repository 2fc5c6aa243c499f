/// An exact non-negative number with at most two decimals, held as an integer count of
/// hundredths: a per cent (`2,0 %` is 200, i.e. basis points) or a count per 100
/// inhabitants (`7` is 700). Never a floating-point number.
///
/// ```swift
/// try Hundredths.parse("2,5")      // units 250
/// Hundredths(units: 250).text      // "2.5"
/// ```
public struct Hundredths: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The value times 100.
    public let units: Int64

    /// The value `units ÷ 100`.
    public init(units: Int64) {
        self.units = units
    }

    /// Reads "2", "2,0", "2.5", "2,5 %" (a trailing per-cent sign is allowed when
    /// `allowPercent`), with spaces grouping thousands; never negative, at most two decimals,
    /// and either a decimal point or a decimal comma (not both).
    ///
    /// - Throws: `NumberRefusal` saying why the text is not such a number.
    public static func parse(_ text: String, allowPercent: Bool = true) throws(NumberRefusal) -> Hundredths {
        var copy = text
        let options = NumberSyntax.Options(separators: .either, maxDecimals: 2, scaleDigits: 2,
                                           allowPercent: allowPercent)
        switch copy.withUTF8({ NumberSyntax.parse($0, options) }) {
        case let .failure(reason): throw reason
        case let .success(parsed):
            if parsed.negative { throw .negativeNotAllowed }
            return Hundredths(units: NumberSyntax.signed(parsed))
        }
    }

    /// The canonical text, which `parse` reads back to the same value: a decimal point,
    /// no grouping, no trailing zeros ("2", "2.5", "0.25").
    public var text: String {
        NumberSyntax.render(units, scaleDigits: 2, minDecimals: 0, separator: ".")
    }

    /// The value for a reader, with at least `minDecimals` (0…2) decimals: Swedish
    /// "2,0" or "1 000" (U+00A0 grouping), English "2.0" or "1,000".
    public func formatted(minDecimals: Int = 1, language: FormatLanguage = .sv) -> String {
        var decimals = 2
        var scaled = units
        while decimals > max(0, minDecimals), scaled % 10 == 0 {
            scaled /= 10
            decimals -= 1
        }
        return DigitLayout.layout(scaled, decimals: decimals, language: language)
    }

    /// The canonical text (`text`).
    public var description: String { text }

    public static func < (lhs: Hundredths, rhs: Hundredths) -> Bool { lhs.units < rhs.units }
}
