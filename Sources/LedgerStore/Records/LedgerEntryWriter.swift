import Ledger
import SQLite

/// A loan as ledger entries need it: its id, and the status of its project when that
/// project was rejected or withdrawn (no entry may be recorded then).
struct LoanFacts: Sendable {
    let loanID: Int64
    let closedProjectStatus: String?

    static let selectSQL = """
        SELECT l.loan_number, l.loan_id,
               CASE WHEN p.status IN ('rejected', 'withdrawn') THEN p.status END
        FROM loans l LEFT JOIN projects p ON p.project_number = l.project_number
        """

    /// Every loan by number (20 000 loans are a few MiB; entries are never held like this).
    static func directory(in db: Connection) throws -> [String: LoanFacts] {
        var result: [String: LoanFacts] = [:]
        try db.cached(selectSQL).forEach { s in
            result[s.text(0) ?? ""] = LoanFacts(loanID: s.int64(1), closedProjectStatus: s.text(2))
        }
        return result
    }

    /// One loan by number, or nil.
    static func find(_ number: String, in db: Connection) throws -> LoanFacts? {
        var found: LoanFacts?
        try db.cached(selectSQL + " WHERE l.loan_number = ?").forEach([number]) { s in
            found = LoanFacts(loanID: s.int64(1), closedProjectStatus: s.text(2))
        }
        return found
    }
}

/// Appends ledger entries through the hash chain, numbering them after the last one.
/// Use inside the write transaction (`BEGIN IMMEDIATE`).
struct LedgerEntryWriter {
    private var chain: ChainWriter
    private var nextID: Int64

    init(in db: Connection) throws {
        chain = try ChainWriter(.ledgerEntries, in: db)
        nextID = try ChainedTable.ledgerEntries.nextID(in: db)
    }

    /// The id the next inserted entry gets.
    var upcomingID: Int64 { nextID }

    /// Inserts one entry. A UNIQUE conflict on `external_id` is thrown as the `SQLiteError`
    /// (nothing inserted, the numbering and the chain unchanged).
    /// - Returns: the new entry's id.
    @discardableResult
    mutating func insert(externalID: String, loanID: Int64, valueDate: String, kind: EntryKind, amount: Ore,
                         balanceEffect: Ore, reverses: Int64? = nil, reason: String? = nil,
                         stamp: Stamp, batchID: Int64?) throws -> Int64 {
        let id = nextID
        try chain.insert([
            .integer(id), .text(externalID), .integer(loanID), .text(valueDate), .text(kind.rawValue),
            .integer(amount), .integer(balanceEffect), reverses.map(SQLValue.integer) ?? .null,
            reason.map(SQLValue.text) ?? .null, .text(stamp.at), .text(stamp.by), batchID.map(SQLValue.integer) ?? .null,
        ])
        nextID += 1
        return id
    }

    /// How an entry is compared with a stored one of the same external id.
    static let comparison = StoredComparison(
        lookupSQL: """
            SELECT l.loan_number, e.value_date, e.kind, e.amount_ore, e.batch_id
            FROM ledger_entries e JOIN loans l ON l.loan_id = e.loan_id WHERE e.external_id = ?
            """,
        columnNames: ["loan_number", "value_date", "kind", "amount_ore"])
}

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

    /// "the balance of loan N would be −1 234.50 SEK on D".
    static func describe(loanNumber: String, date: String, balance: Ore) -> String {
        "the balance of loan \(loanNumber) would be \(AmountParser.render(ore: balance)) SEK on \(date); "
            + "a loan's balance is never negative"
    }
}
