/// The language of printed figures and labels, spelled as the CLI's `--lang` values.
public enum FormatLanguage: String, CaseIterable, Sendable, Codable {
    /// Swedish: decimal comma, non-breaking-space grouping ("3 758 mnkr", "16,8 %").
    case sv
    /// English: decimal point, comma grouping ("SEK 3,758 m", "16.8%").
    case en
}

/// Digit layout shared by every formatter: sign, grouping, decimal separator.
enum DigitLayout {
    /// U+00A0 NO-BREAK SPACE: Swedish digit grouping and the space before a unit.
    static let nbsp = "\u{00A0}"

    /// Lays out `scaled` (an integer with `decimals` implied decimal places) with the
    /// language's grouping and decimal separator; a leading "-" for negative values.
    ///
    /// `layout(12345, decimals: 1, .sv)` is "1 234,5" (with U+00A0).
    static func layout(_ scaled: Int64, decimals: Int, language: FormatLanguage, grouping: Bool = true) -> String {
        let magnitude = scaled.magnitude
        var digits = String(magnitude)
        let places = max(0, decimals)
        if digits.count <= places {
            digits = String(repeating: "0", count: places - digits.count + 1) + digits
        }
        let integerDigits = String(digits.dropLast(places))
        let fractionDigits = String(digits.suffix(places))
        let groupSeparator = language == .sv ? nbsp : ","
        let decimalSeparator = language == .sv ? "," : "."
        var integerPart = ""
        if grouping {
            for (index, ch) in integerDigits.enumerated() {
                if index > 0 && (integerDigits.count - index) % 3 == 0 { integerPart += groupSeparator }
                integerPart.append(ch)
            }
        } else {
            integerPart = integerDigits
        }
        let sign = scaled < 0 ? "-" : ""
        return places == 0 ? sign + integerPart : sign + integerPart + decimalSeparator + fractionDigits
    }
}
