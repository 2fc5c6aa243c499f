/// How reports print a change between two dates (docs/reports.md, "Precision").
///
/// As the presentation prints Bild 2: each line's change in whole per cent ("+15 %",
/// "+119 %", "-4 %", "0 %") and the change of total lending with one decimal ("+6,3 %").
/// Rounding is half away from zero, with a sign. The exact fraction goes into JSON and CSV
/// (`change`), so nothing is lost for a script. The seeded total lending change is
/// 6,34 %, printed "+6,3 %": computed, never the slide's "+3,7 %", which does not follow
/// from its own figures (domain.md).
public enum ChangePrecision {
    /// Decimals of a printed line change: 0.
    public static let decimals = 0
    /// Decimals of the printed change of total lending: 1.
    public static let totalDecimals = 1
    /// Decimals of a printed share of lending ("16,8 %"): 1.
    public static let shareDecimals = 1
    /// Decimals of a fraction in JSON ("0.168236"): 6.
    public static let jsonPlaces = 6

    /// `change` printed by the rule, or "–" when there is no base to compare with.
    public static func format(_ change: Ratio?, line: ShareLine? = nil, language: FormatLanguage = .sv) -> String {
        guard let change else { return "–" }
        return change.signedPercentString(decimals: line == .total ? totalDecimals : decimals, language: language)
    }
}
