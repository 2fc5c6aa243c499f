/// A green or social bond: what `import bonds` records and `report allocation` sets against
/// the eligible pool.
///
/// `amount` is the nominal in SEK öre. A bond issued in another currency keeps the SEK
/// amount at issue (the amount the allocation counts, never revalued) together with its
/// currency and its original nominal.
///
/// ```swift
/// let bond = try Bond.parse(isin: "XS2351401109", programme: "green", issueDate: "2021-06-10",
///                           maturityDate: "2026-06-10", amountSEK: "14000000000")
/// bond.isOutstanding(on: try Day.parse("2026-06-10"))   // false: it matures that day
/// ```
public struct Bond: Sendable, Hashable {
    /// The columns `import bonds` requires, in `cli.md`'s order.
    public static let requiredColumns = ["isin", "programme", "issue_date", "maturity_date", "amount_sek"]
    /// The optional columns: both or neither.
    public static let optionalColumns = ["currency", "amount_original"]

    /// The bond's ISIN, its key.
    public let isin: ISIN
    /// Green or social (never `other`: only sustainability bonds are allocated).
    public let programme: Programme
    /// The first day the bond is outstanding.
    public let issueDate: Day
    /// The day it is repaid: from this day on it is no longer outstanding.
    public let maturityDate: Day
    /// The nominal amount in SEK öre (for a foreign-currency bond, the SEK amount at issue).
    public let amount: Ore
    /// The issue currency (an ISO 4217 code of `CurrencyCode`) of a bond not issued in SEK.
    public let currency: String?
    /// The nominal in `currency`, in hundredths of that currency's unit (cents for USD).
    public let amountOriginal: Int64?

    /// A bond from checked values.
    ///
    /// - Throws: `ColumnError` when the programme is `other`, the maturity is not after the
    ///   issue, the amount is not positive, or the currency and original amount do not come
    ///   together (see `parse` for the rules).
    public init(isin: ISIN, programme: Programme, issueDate: Day, maturityDate: Day, amount: Ore,
                currency: String? = nil, amountOriginal: Int64? = nil) throws(ColumnError) {
        guard programme != .other else {
            throw ColumnError(column: "programme", message: "\"other\" is not a bond programme: expected green or social")
        }
        guard maturityDate > issueDate else {
            throw ColumnError(column: "maturity_date",
                              message: "\(maturityDate) is not after the issue date \(issueDate)")
        }
        guard amount > 0 else {
            throw ColumnError(column: "amount_sek", message: "\"\(AmountParser.render(ore: amount))\" must be greater than zero")
        }
        switch (currency, amountOriginal) {
        case (nil, nil):
            break
        case (let code?, let original?):
            guard CurrencyCode.isKnown(code) else {
                throw ColumnError(column: "currency", message: "\"\(code)\" is not an ISO 4217 currency code: expected one as USD, EUR, "
                    + "NOK or JPY (CurrencyCode lists those accepted)")
            }
            guard original > 0 else {
                throw ColumnError(column: "amount_original", message: "\"\(AmountParser.render(ore: original))\" must be greater than zero")
            }
            if code == "SEK" && original != amount {
                throw ColumnError(column: "amount_original",
                                  message: "\"\(AmountParser.render(ore: original))\" differs from amount_sek for a bond issued in SEK")
            }
        case (nil, _?):
            throw ColumnError(column: "currency", message: "is empty although amount_original is given")
        case (_?, nil):
            throw ColumnError(column: "amount_original", message: "is empty although currency is given")
        }
        self.isin = isin
        self.programme = programme
        self.issueDate = issueDate
        self.maturityDate = maturityDate
        self.amount = amount
        self.currency = currency
        self.amountOriginal = amountOriginal
    }

    /// Reads one row of `import bonds` (the fields as in the file).
    ///
    /// - `programme`: `green` or `social`.
    /// - `issue_date`, `maturity_date`: `YYYY-MM-DD`, maturity after issue.
    /// - `amount_sek`: positive, at most two decimals (`decimalComma` for a `;` file).
    /// - `currency`, `amount_original`: both empty or both given; `currency` an ISO 4217 code
    ///   (`CurrencyCode`);
    ///   `amount_original` positive with at most two decimals; a bond in `SEK` with an
    ///   original amount must state the same amount as `amount_sek`.
    ///
    /// - Throws: `ColumnError` naming the first column that is wrong.
    public static func parse(isin: String, programme: String, issueDate: String, maturityDate: String,
                             amountSEK: String, currency: String = "", amountOriginal: String = "",
                             decimalComma: Bool = false) throws(ColumnError) -> Bond {
        let parsedISIN: ISIN
        do { parsedISIN = try ISIN.parse(isin) } catch {
            throw ColumnError(column: "isin", message: error.description + TextRules.strayNote(isin))
        }
        let parsedProgramme = try ColumnRules.token(programme, Programme.self, column: "programme")
        let issue = try ColumnRules.day(issueDate, column: "issue_date")
        let maturity = try ColumnRules.day(maturityDate, column: "maturity_date")
        let amount = try ColumnRules.positiveAmount(amountSEK, column: "amount_sek", decimalComma: decimalComma)
        let original = amountOriginal.isEmpty
            ? nil : try ColumnRules.positiveAmount(amountOriginal, column: "amount_original", decimalComma: decimalComma)
        return try Bond(isin: parsedISIN, programme: parsedProgramme, issueDate: issue, maturityDate: maturity,
                        amount: amount, currency: currency.isEmpty ? nil : currency, amountOriginal: original)
    }

    /// Outstanding on `day`: issued on or before it and maturing after it (a bond that
    /// matures on `day` has been repaid that day).
    public func isOutstanding(on day: Day) -> Bool {
        issueDate <= day && maturityDate > day
    }

}
