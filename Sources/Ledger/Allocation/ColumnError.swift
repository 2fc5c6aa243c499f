/// One field of an import row refused by a domain parser: the column of `cli.md` and why.
///
/// The import adds the file and line: `bonds.csv:3: column "isin": "XS1968465573" is not
/// an ISIN: the check digit should be 2`.
public struct ColumnError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The column name as in `cli.md` (`isin`, `amount_sek`, `g_per_kwh`, …).
    public let column: String
    /// What is wrong, quoting the text where there is one.
    public let message: String

    /// A refusal of `column` for `message`.
    public init(column: String, message: String) {
        self.column = column
        self.message = message
    }

    /// `column "isin": "XS1968465573" is not an ISIN: the check digit should be 2`.
    public var description: String { "column \"\(column)\": \(message)" }
}

/// The small field rules the allocation and impact rows share.
enum ColumnRules {
    /// A date `YYYY-MM-DD` that exists.
    static func day(_ text: String, column: String) throws(ColumnError) -> Day {
        do { return try Day.parse(text) } catch { throw ColumnError(column: column, message: error.description + TextRules.strayNote(text)) }
    }

    /// A positive amount with at most two decimals, in hundredths (öre for SEK).
    static func positiveAmount(_ text: String, column: String, decimalComma: Bool) throws(ColumnError) -> Int64 {
        do { return try AmountParser.parsePositive(text, decimalComma: decimalComma) } catch {
            throw ColumnError(column: column, message: error.description)
        }
    }

    /// A whole number in `range`, digits only.
    static func integer(_ text: String, in range: ClosedRange<Int64>, column: String, what: String) throws(ColumnError) -> Int64 {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 18, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int64(text) else {
            throw ColumnError(column: column, message: "\(TextRules.quoted(text)) is not \(what): expected a whole number" + TextRules.strayNote(text))
        }
        guard range.contains(value) else {
            throw ColumnError(column: column, message: "\(TextRules.quoted(text)) is not \(what): expected \(range.lowerBound)…\(range.upperBound)")
        }
        return value
    }

    /// An exact decimal that is not negative and carries no per-cent sign.
    static func nonNegativeQuantity(_ text: String, column: String) throws(ColumnError) -> Quantity {
        if text.unicodeScalars.contains("%") {
            throw ColumnError(column: column, message: "\(TextRules.quoted(text)) is not a number: no per-cent sign here")
        }
        let value: Quantity
        do { value = try Quantity.parse(text) } catch { throw ColumnError(column: column, message: error.description) }
        guard value.units >= 0 else { throw ColumnError(column: column, message: "\(TextRules.quoted(text)) must not be negative") }
        return value
    }

    /// One token of a closed vocabulary, exactly (case-sensitive, no trimming).
    static func token<T: RawRepresentable & CaseIterable>(_ text: String, _ type: T.Type, column: String) throws(ColumnError) -> T
    where T.RawValue == String {
        guard let value = T(rawValue: text) else {
            throw ColumnError(column: column, message: "\(TextRules.quoted(text)) is not one of " + T.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return value
    }
}
