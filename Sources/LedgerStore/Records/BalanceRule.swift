import Ledger
import SQLite

/// The rule that a loan's balance is never negative at any date.
///
/// The balance at the end of a date is the sum of `balance_effect_ore` of the loan's
/// entries with value date ≤ that date (reversals cancel what they reverse). Within one
/// date, increases count before decreases (disbursements before repayments), so checking
/// the end of each date is checking every moment.
enum BalanceRule {
    /// The first date on which the loan's balance is negative, with that balance; nil when none.
    static func firstNegative(loanID: Int64, in db: Connection) throws -> (date: String, balance: Ore)? {
        let statement = try db.cached(
            """
            SELECT value_date, balance FROM (
                SELECT value_date, sum(sum(balance_effect_ore)) OVER (ORDER BY value_date) AS balance
                FROM ledger_entries WHERE loan_id = ? GROUP BY value_date)
            WHERE balance < 0 ORDER BY value_date LIMIT 1
            """)
        var result: (String, Ore)?
        try statement.forEach([loanID]) { s in result = (s.text(0) ?? "", s.int64(1)) }
        return result
    }

    /// `firstNegative` for many loans with one statement: the loans (of `loanIDs`) whose
    /// balance is negative on some date, each with its first such date and balance, by
    /// loan id. One pass over the covering index (loan_id, value_date, balance_effect_ore)
    /// restricted to those loans, in index order, the running balance kept here (a
    /// window function in SQL cost four times as much); a test checks it equals
    /// `firstNegative` loan by loan.
    static func firstNegatives(loanIDs: [Int64], in db: Connection) throws -> [(loanID: Int64, date: String, balance: Ore)] {
        guard !loanIDs.isEmpty else { return [] }
        let statement = try db.cached(
            """
            SELECT loan_id, value_date, balance_effect_ore FROM ledger_entries
            WHERE loan_id IN (SELECT value FROM json_each(?)) ORDER BY loan_id, value_date
            """)
        let list = "[" + loanIDs.map(String.init).joined(separator: ",") + "]"
        var result: [(loanID: Int64, date: String, balance: Ore)] = []
        let overflow = try forEachEndOfDay(statement, [list]) { loan, date, balance in
            guard balance < 0, result.last?.loanID != loan else { return }
            result.append((loan, String(decoding: date, as: UTF8.self), balance))
        }
        // SQLite's sum() refuses an overflow with an error; so does this, the same way.
        if overflow { return try firstNegativesBySQL(loanIDs: loanIDs, list: list, in: db) }
        return result
    }

    /// Steps `statement` (rows of loan_id, value_date, balance_effect_ore in loan and date
    /// order, e.g. from the covering index) and calls `endOfDay` with each loan's balance at
    /// the end of each of its dates: the running sum of the loan's effects so far.
    /// A loan whose running sum overflows is given no more balances (they would have wrapped
    /// around, a false negative): `overflowed` is called once for it, with the date.
    /// - Returns: true when a sum overflowed.
    @discardableResult
    static func forEachEndOfDay(_ statement: Statement, _ arguments: [any SQLBindable] = [],
                                overflowed: ((_ loan: Int64, _ date: [UInt8]) -> Void)? = nil,
                                _ endOfDay: (_ loan: Int64, _ date: [UInt8], _ balance: Ore) -> Void) throws -> Bool {
        var loan: Int64 = 0, started = false, date: [UInt8] = [], balance: Ore = 0, overflow = false, loanOverflowed = false
        try statement.forEach(arguments) { row in
            let rowLoan = row.int64(0)
            let sameDate = started && rowLoan == loan && row.withBytes(1) { $0.elementsEqual(date) }
            if !sameDate {
                if started && !loanOverflowed { endOfDay(loan, date, balance) }
                if !started || rowLoan != loan { balance = 0; loanOverflowed = false }
                loan = rowLoan
                started = true
                date.removeAll(keepingCapacity: true)
                row.withBytes(1) { date.append(contentsOf: $0) }
            }
            let (sum, over) = balance.addingReportingOverflow(row.int64(2))
            balance = sum
            if over && !loanOverflowed {
                loanOverflowed = true
                overflow = true
                overflowed?(loan, date)
            }
        }
        if started && !loanOverflowed { endOfDay(loan, date, balance) }
        return overflow
    }

    /// The same in SQL (a window over each loan's dates); used when a sum overflows, so
    /// that SQLite reports it as it would.
    private static func firstNegativesBySQL(loanIDs: [Int64], list: String, in db: Connection) throws -> [(loanID: Int64, date: String, balance: Ore)] {
        // SQLite takes the bare columns of a min() aggregate from the row holding the minimum.
        let statement = try db.cached(
            """
            SELECT loan_id, min(value_date), balance FROM (
                SELECT loan_id, value_date,
                       sum(sum(balance_effect_ore)) OVER (PARTITION BY loan_id ORDER BY value_date) AS balance
                FROM ledger_entries WHERE loan_id IN (SELECT value FROM json_each(?))
                GROUP BY loan_id, value_date)
            WHERE balance < 0 GROUP BY loan_id ORDER BY loan_id
            """)
        var result: [(loanID: Int64, date: String, balance: Ore)] = []
        try statement.forEach([list]) { s in result.append((s.int64(0), s.text(1) ?? "", s.int64(2))) }
        return result
    }

    /// "the balance of loan N would be −1 234.50 SEK on D".
    static func describe(loanNumber: String, date: String, balance: Ore) -> String {
        "the balance of loan \(loanNumber) would be \(MoneyFormat.message(balance)) on \(date); "
            + "a loan's balance is never negative"
    }
}
