/// The unit an amount is printed in.
public enum MoneyUnit: String, CaseIterable, Sendable {
    /// Kronor, with öre shown when there are any: "1 234 kr", "1 234,50 kr".
    case kr
    /// Millions of kronor, one decimal only when it is not zero: "3 758 mnkr", "124,5 mnkr".
    case mnkr
    /// Billions (miljarder) of kronor, always one decimal: "91,6 mdkr".
    case mdkr
}

/// Prints amounts of money held as integer öre, the way the reports print them.
///
/// Swedish (default): decimal comma, U+00A0 NO-BREAK SPACE as digit grouping and before
/// the unit, "-" for negative amounts: "91,6 mdkr", "3 758 mnkr", "1 234,50 kr".
/// English: "SEK 91.6 bn", "SEK 3,758 m", "SEK 1,234.50" (comma grouping, U+00A0 around "SEK" and the unit).
/// Rounding is exact integer arithmetic, half away from zero; no floating point.
public enum MoneyFormat {
    /// `ore` in `unit`; see `MoneyUnit` for each unit's precision rule.
    public static func format(_ ore: Ore, unit: MoneyUnit, language: FormatLanguage = .sv) -> String {
        switch unit {
        case .kr: return kronor(ore, language: language)
        case .mnkr: return millions(ore, language: language)
        case .mdkr: return billions(ore, language: language)
        }
    }

    /// The unit a table of amounts is printed in: mdkr when its largest amount is at least
    /// 1 mdkr (the presentation's unit), mnkr from 1 mnkr, else kr; so a small ledger does
    /// not print "0,0 mdkr" everywhere.
    public static func unit(forLargest amounts: [Ore]) -> MoneyUnit {
        let largest = amounts.map { $0.magnitude }.max() ?? 0
        if largest >= 100_000_000_000 { return .mdkr }
        if largest >= 100_000_000 { return .mnkr }
        return .kr
    }

    /// Billions of kronor with one decimal: 9_160_000_000_000 öre → "91,6 mdkr" / "SEK 91.6 bn".
    public static func billions(_ ore: Ore, language: FormatLanguage = .sv) -> String {
        // 1 mdkr = 10^11 öre; one decimal = units of 10^10 öre.
        let tenths = ExactArithmetic.roundedDiv(ore, 10_000_000_000) ?? 0
        return withUnit(DigitLayout.layout(tenths, decimals: 1, language: language), sv: "mdkr", en: "bn", language: language)
    }

    /// Millions of kronor, rounded to one decimal, the decimal shown only when it is not
    /// zero: 375_800_000_000 öre → "3 758 mnkr"; 12_450_000_000 öre → "124,5 mnkr";
    /// 12_449_000_000 öre → "124,5 mnkr" (rounded); 12_496_000_000 → "125 mnkr".
    public static func millions(_ ore: Ore, language: FormatLanguage = .sv) -> String {
        // 1 mnkr = 10^8 öre; one decimal = units of 10^7 öre.
        let tenths = ExactArithmetic.roundedDiv(ore, 10_000_000) ?? 0
        let number = tenths % 10 == 0
            ? DigitLayout.layout(tenths / 10, decimals: 0, language: language)
            : DigitLayout.layout(tenths, decimals: 1, language: language)
        return withUnit(number, sv: "mnkr", en: "m", language: language)
    }

    /// Kronor, exact, with two öre decimals only when the öre are not zero:
    /// 123_400 → "1 234 kr"; 123_450 → "1 234,50 kr"; English "SEK 1,234.50".
    public static func kronor(_ ore: Ore, language: FormatLanguage = .sv) -> String {
        let number = ore % 100 == 0
            ? DigitLayout.layout(ore / 100, decimals: 0, language: language)
            : DigitLayout.layout(ore, decimals: 2, language: language)
        if language == .sv { return number + DigitLayout.nbsp + "kr" }
        return "SEK" + DigitLayout.nbsp + number
    }

    /// Kronor with both öre decimals always shown, for messages about one amount, so they
    /// read like the reports: 3_000_000_000 öre → "30 000 000,00 kr" (U+00A0 grouping);
    /// English "SEK 30,000,000.00".
    public static func message(_ ore: Ore, language: FormatLanguage = .sv) -> String {
        let number = DigitLayout.layout(ore, decimals: 2, language: language)
        if language == .sv { return number + DigitLayout.nbsp + "kr" }
        return "SEK" + DigitLayout.nbsp + number
    }

    /// An amount in hundredths of any currency (a bond's nominal in USD cents) as people read
    /// it, without a unit, as `kronor` lays it out: 180_000_000 → "1 800 000" (U+00A0
    /// grouping), 1_250 → "12,50"; English "1,800,000", "12.50".
    public static func hundredths(_ amount: Int64, language: FormatLanguage = .sv) -> String {
        amount % 100 == 0
            ? DigitLayout.layout(amount / 100, decimals: 0, language: language)
            : DigitLayout.layout(amount, decimals: 2, language: language)
    }

    /// Kronor as plain decimal text for machines and spreadsheets: no grouping, a point
    /// and two decimals: 123_450 öre → "1234.50"; -5 → "-0.05".
    public static func plainKronor(_ ore: Ore) -> String {
        DigitLayout.layout(ore, decimals: 2, language: .en, grouping: false)
    }

    private static func withUnit(_ number: String, sv: String, en: String, language: FormatLanguage) -> String {
        switch language {
        case .sv: return number + DigitLayout.nbsp + sv
        case .en: return "SEK" + DigitLayout.nbsp + number + DigitLayout.nbsp + en
        }
    }
}
