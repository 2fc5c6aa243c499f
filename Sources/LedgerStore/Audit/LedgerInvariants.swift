import Ledger
import SQLite

/// The rules of the ledger that the schema's CHECKs and triggers enforce on the way in,
/// checked again on what is stored (a row written with the triggers dropped breaks them).
public enum LedgerInvariants {
    /// Which import kinds put rows into which tables (`import_batches.kind`).
    static let batchTables: [String: [String]] = [
        "members": ["members"], "borrowers": ["borrowers"], "projects": ["projects"], "loans": ["loans"],
        "entries": ["ledger_entries"], "indicators": ["indicators"], "readings": ["readings"],
        "references": ["reference_values"],
    ]

    /// Every finding of every rule, in a fixed order.
    /// - Throws: `SQLiteError`.
    public static func findings(in db: Connection) throws -> [Finding] {
        try negativeBalances(in: db) + amountsAboveTheLimit(in: db) + reversals(in: db) + rejectedProjects(in: db) + batchCounts(in: db)
    }

    /// An entry, a project's approved volume or cost, or an assertion beyond `AmountParser.maxOre`
    /// (10¹² SEK): no import or command records one, so it was written past hallbar.
    public static func amountsAboveTheLimit(in db: Connection) throws -> [Finding] {
        let limit = AmountParser.maxOre
        let entries = try db.prepare("SELECT external_id, amount_ore FROM ledger_entries WHERE amount_ore > ?1 OR amount_ore < -?1 ORDER BY entry_id")
            .rows([limit]).map { row in
                Finding(.invariant, "entry \(row[0].string ?? "?"): amount \(AmountParser.render(ore: row[1].int64 ?? 0)) SEK is above the limit of 1 000 000 000 000 SEK")
            }
        let projects = try db.prepare("""
            SELECT project_number, approved_ore, total_cost_ore FROM projects
            WHERE approved_ore > ?1 OR coalesce(total_cost_ore, 0) > ?1 ORDER BY project_number
            """).rows([limit]).map { row in
                Finding(.invariant, "project #\(row[0]): its approved volume or total cost is above the limit of 1 000 000 000 000 SEK")
            }
        return entries + projects
    }

    /// A loan whose balance goes below zero at the end of some value date (within a day,
    /// disbursements count before repayments, so the end of the day is the lowest point;
    /// reversals carry their original's date). Names each loan's first such date.
    public static func negativeBalances(in db: Connection) throws -> [Finding] {
        // One pass over the covering index (loan, value date, effect): no sort, no window.
        var negative: [(loan: Int64, first: String, days: Int)] = []
        var overflowed: [(loan: Int64, date: String)] = []
        let statement = try db.prepare("SELECT loan_id, value_date, balance_effect_ore FROM ledger_entries ORDER BY loan_id, value_date")
        // A balance that leaves 64 bits is said so, never read as a wrapped (negative) figure.
        try BalanceRule.forEachEndOfDay(statement, overflowed: { overflowed.append(($0, String(decoding: $1, as: UTF8.self))) }) { loan, date, balance in
            guard balance < 0 else { return }
            if let last = negative.last, last.loan == loan {
                negative[negative.count - 1].days += 1
            } else {
                negative.append((loan, String(decoding: date, as: UTF8.self), 1))
            }
        }
        let numbers = try db.cached("SELECT loan_number FROM loans WHERE loan_id = ?")
        let below = try negative.map { entry in
            let number = try numbers.rows([entry.loan]).first?[0].string ?? "id \(entry.loan)"
            return Finding(.invariant, "loan \(number): the balance is below zero at the end of \(entry.first) (and on \(entry.days) value date(s) in all)")
        }
        let tooLarge = try overflowed.map { entry in
            let number = try numbers.rows([entry.loan]).first?[0].string ?? "id \(entry.loan)"
            return Finding(.invariant, "loan \(number): its balance is more than hallbar can add up from \(entry.date) on "
                + "(±92 233 720 368 547 758,07 SEK); its balances after that date are not checked")
        }
        return below + tooLarge
    }

    /// A reversal that does not cancel its original exactly (same loan, value date, amount,
    /// opposite effect, the original not itself a reversal), or an entry reversed twice.
    public static func reversals(in db: Connection) throws -> [Finding] {
        let mismatched = try db.prepare("""
            SELECT r.external_id, o.external_id, r.reverses_entry_id,
                   o.entry_id IS NULL, o.kind = 'reversal', o.loan_id <> r.loan_id, o.value_date <> r.value_date,
                   o.amount_ore <> r.amount_ore, o.amount_ore = r.amount_ore AND o.balance_effect_ore <> -r.balance_effect_ore
            FROM ledger_entries r LEFT JOIN ledger_entries o ON o.entry_id = r.reverses_entry_id
            WHERE r.reverses_entry_id IS NOT NULL AND (o.entry_id IS NULL OR o.kind = 'reversal' OR o.loan_id <> r.loan_id
                OR o.value_date <> r.value_date OR o.amount_ore <> r.amount_ore OR o.balance_effect_ore <> -r.balance_effect_ore)
            ORDER BY r.entry_id
            """).rows().map { row -> Finding in
            let reversal = row[0].string ?? "?"
            if row[3].int64 == 1 { return Finding(.invariant, "reversal \(reversal) points at entry id \(row[2]), which does not exist") }
            let what = [(4, "a reversal"), (5, "on another loan"), (6, "on another value date"), (7, "of another amount"),
                        (8, "not of the opposite effect")].filter { row[$0.0].int64 == 1 }.map(\.1)
            return Finding(.invariant, "reversal \(reversal) does not match the entry it cancels, \(row[1].string ?? "?"): that entry is \(what.joined(separator: ", "))")
        }
        let twice = try db.prepare("""
            SELECT o.external_id, count(*) FROM ledger_entries r JOIN ledger_entries o ON o.entry_id = r.reverses_entry_id
            WHERE r.reverses_entry_id IS NOT NULL GROUP BY r.reverses_entry_id HAVING count(*) > 1 ORDER BY r.reverses_entry_id
            """).rows().map { row in
            Finding(.invariant, "entry \(row[0].string ?? "?") is reversed \(row[1]) times")
        }
        return mismatched + twice
    }

    /// A disbursement on a loan whose project was rejected or withdrawn, or a loan whose
    /// programme differs from its project's.
    public static func rejectedProjects(in db: Connection) throws -> [Finding] {
        let disbursed = try db.prepare("""
            SELECT l.loan_number, p.project_number, p.status, count(*) FROM projects p
            CROSS JOIN loans l ON l.project_number = p.project_number
            CROSS JOIN ledger_entries e ON e.loan_id = l.loan_id
            WHERE e.kind = 'disbursement' AND p.status IN ('rejected', 'withdrawn')
            GROUP BY l.loan_id ORDER BY l.loan_id
            """).rows().map { row in
            Finding(.invariant, "loan \(row[0]) has \(row[3]) disbursement(s) although its project #\(row[1]) is \(row[2])")
        }
        let programmes = try db.prepare("""
            SELECT l.loan_number, l.programme, p.project_number, p.programme FROM loans l
            JOIN projects p ON p.project_number = l.project_number WHERE l.programme <> p.programme ORDER BY l.loan_id
            """).rows().map { row in
            Finding(.invariant, "loan \(row[0]) is \(row[1]) but its project #\(row[2]) is \(row[3])")
        }
        return disbursed + programmes
    }

    /// An import batch whose `rows_new` differs from the rows that carry its batch_id.
    public static func batchCounts(in db: Connection) throws -> [Finding] {
        var carried: [String: [Int64: Int64]] = [:]
        for table in Set(batchTables.values.joined()) {
            for row in try db.prepare("SELECT batch_id, count(*) FROM \(table) WHERE batch_id IS NOT NULL GROUP BY batch_id").rows() {
                if let batch = row[0].int64 { carried[table, default: [:]][batch] = row[1].int64 ?? 0 }
            }
        }
        var result: [Finding] = []
        for row in try db.prepare("SELECT batch_id, kind, file_name, rows_new FROM import_batches ORDER BY batch_id").rows() {
            guard let kind = row[1].string, let tables = batchTables[kind], let batch = row[0].int64 else { continue }
            let count = tables.reduce(Int64(0)) { $0 + (carried[$1]?[batch] ?? 0) }
            if count != row[3].int64 {
                result.append(Finding(.invariant, "import batch \(batch) (\(kind), \(row[2])) records \(row[3]) new rows but \(count) rows carry its batch_id"))
            }
        }
        return result
    }
}
