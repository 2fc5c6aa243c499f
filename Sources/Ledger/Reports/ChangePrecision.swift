/// How reports print a change between two dates (docs/reports.md, "Precision").
///
/// One rule for every line: whole per cent, rounded half away from zero, with a sign
/// ("+15 %", "+119 %", "+6 %", "0 %", "-4 %"), as the presentation prints most of its
/// changes. The exact fraction goes into JSON (`change`), so nothing is lost for a script.
/// The seeded total lending change is 6,36 %, printed "+6 %" (the slide's "+3,7 %" does not
/// follow from its own figures; see domain.md).
public enum ChangePrecision {
    /// Decimals of a printed change: 0.
    public static let decimals = 0
    /// Decimals of a printed share of lending ("16,8 %"): 1.
    public static let shareDecimals = 1
    /// Decimals of a fraction in JSON ("0.168236"): 6.
    public static let jsonPlaces = 6

    /// `change` printed by the rule, or "–" when there is no base to compare with.
    public static func format(_ change: Ratio?, language: FormatLanguage = .sv) -> String {
        guard let change else { return "–" }
        return change.signedPercentString(decimals: decimals, language: language)
    }
}
