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
    private var bulkStatement: Statement?

    init(in db: Connection) throws {
        chain = try ChainWriter(.ledgerEntries, in: db)
        nextID = try ChainedTable.ledgerEntries.nextID(in: db)
    }

    /// The id the next inserted entry gets.
    var upcomingID: Int64 { nextID }

    /// The link of the last entry stored (genesis when none).
    var lastLink: [UInt8] { chain.previous }

    /// Records that `count` entries numbered from `upcomingID` on, the last with link
    /// `lastLink`, were stored by another path (`EntryStream`).
    mutating func appended(count: Int, lastLink: [UInt8]) {
        chain.appended(lastLink: lastLink)
        nextID += Int64(count)
    }

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

    /// One imported entry waiting for a multi-row insert (no reversal, no reason).
    struct NewEntry: Sendable {
        let externalID: String
        let loanID: Int64
        let valueDate: String
        let kind: EntryKind
        let amount: Ore
        /// The file line, for problems found when the rows are inserted one by one.
        let line: Int
        /// The loan number as written, for messages and the comparison with a stored entry.
        let loanNumber: String
        var balanceEffect: Ore { kind == .repayment ? -amount : amount }
    }

    /// Entries per multi-row INSERT. One statement execution per row costs SQLite a
    /// statement journal, a VDBE run and, for the CHECK on `kind` (an IN list of three),
    /// an ephemeral b-tree built and dropped; one execution per `rowsPerStatement` rows
    /// shares those costs out. 8 parameters a row plus 3 stay far below SQLite's limit.
    static let rowsPerStatement = 64

    private static let bulkSQL: String = {
        let columns = ChainedTable.ledgerEntries.columns + ["chain_hash"]
        let rows = (0..<rowsPerStatement).map { r -> String in
            let p = 4 + 8 * r
            return "(?\(p), ?\(p + 1), ?\(p + 2), ?\(p + 3), ?\(p + 4), ?\(p + 5), ?\(p + 6), NULL, NULL, ?1, ?2, ?3, ?\(p + 7))"
        }
        return "INSERT INTO ledger_entries (\(columns.joined(separator: ", "))) VALUES " + rows.joined(separator: ", ")
    }()

    /// The link of an imported entry (no reversal, no reason), hashed from its values
    /// directly: the same bytes as `ChainedTable.link` for the row `insert` would write.
    static func link(previous: [UInt8], id: Int64, _ entry: NewEntry, stamp: Stamp, batchID: Int64) throws -> [UInt8] {
        #if HALLBAR_BENCH_NO_CHAIN
        return ChainLink.genesis  // only in the binary `make bench` builds to price the chain
        #else
        var row = try ChainRowHasher(previous: previous, table: ChainedTable.ledgerEntries.name, fieldCount: 12)
        func text(_ value: String) throws {
            var value = value
            try value.withUTF8 { try row.appendText(utf8: UnsafeRawBufferPointer($0)) }
        }
        row.appendInteger(id)
        try text(entry.externalID)
        row.appendInteger(entry.loanID)
        try text(entry.valueDate)
        try text(entry.kind.rawValue)
        row.appendInteger(entry.amount)
        row.appendInteger(entry.balanceEffect)
        row.appendNull()
        row.appendNull()
        try text(stamp.at)
        try text(stamp.by)
        row.appendInteger(batchID)
        return row.finalize()
        #endif
    }

    /// Inserts exactly `rowsPerStatement` entries with one statement, numbered and chained
    /// after the last one, as `insert` would one by one.
    /// - Returns: false when the database refused one of them (a UNIQUE or CHECK conflict,
    ///   a trigger): the statement then rolled back, nothing was inserted, and the
    ///   numbering and the chain are unchanged; insert the rows one by one to find out.
    /// - Throws: `SQLiteError` for anything but a constraint (I/O, busy, full).
    mutating func insertAll(_ entries: [NewEntry], stamp: Stamp, batchID: Int64, in db: Connection) throws -> Bool {
        precondition(entries.count == Self.rowsPerStatement)
        let statement: Statement
        if let prepared = bulkStatement { statement = prepared } else {
            statement = try db.prepare(Self.bulkSQL)
            bulkStatement = statement
        }
        try statement.bind(text: stamp.at, at: 1)
        try statement.bind(text: stamp.by, at: 2)
        try statement.bind(int64: batchID, at: 3)
        var previous = chain.previous
        var id = nextID
        for (r, entry) in entries.enumerated() {
            let p = Int32(4 + 8 * r)
            let link = try Self.link(previous: previous, id: id, entry, stamp: stamp, batchID: batchID)
            try statement.bind(int64: id, at: p)
            try statement.bind(text: entry.externalID, at: p + 1)
            try statement.bind(int64: entry.loanID, at: p + 2)
            try statement.bind(text: entry.valueDate, at: p + 3)
            try statement.bind(text: entry.kind.rawValue, at: p + 4)
            try statement.bind(int64: entry.amount, at: p + 5)
            try statement.bind(int64: entry.balanceEffect, at: p + 6)
            try link.withUnsafeBytes { try statement.bind(blob: $0, at: p + 7) }
            previous = link
            id += 1
        }
        do {
            try statement.execute()
        } catch let error as SQLiteError where error.isConstraint {
            return false
        }
        chain.appended(lastLink: previous)
        nextID = id
        return true
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
        "the balance of loan \(loanNumber) would be \(AmountParser.render(ore: balance)) SEK on \(date); "
            + "a loan's balance is never negative"
    }
}
