import Ledger
import SQLite

/// The rules of the ledger that hallbar keeps on every write, checked again on what is
/// stored (a row written with the triggers dropped, or by a writer that skipped them,
/// breaks them).
public enum LedgerInvariants {
    /// Which tables an import kind puts rows into (`import_batches.kind`): its base table
    /// and, for `--amend`, its revisions.
    static let batchTables: [String: [String]] = [
        "members": ["members", "member_revisions"], "borrowers": ["borrowers", "borrower_revisions"],
        "projects": ["projects", "project_revisions"], "loans": ["loans", "loan_revisions"],
        "entries": ["ledger_entries"], "indicators": ["indicators", "indicator_revisions"],
        "readings": ["readings", "reading_revisions"], "references": ["reference_values", "reference_value_revisions"],
        "market": ["market_readings"],
        "bonds": ["bonds", "bond_revisions"], "metrics": ["impact_metrics", "impact_metric_revisions"],
        "factors": ["emission_factors", "emission_factor_revisions"],
        "housing": ["housing_company_years", "housing_company_year_revisions"],
    ]

    /// Every finding of every rule, in a fixed order. A rule whose sums leave 64 bits (amounts
    /// written past hallbar) says it cannot be checked; the other rules still run.
    /// - Throws: `SQLiteError`.
    static func findings(in db: Connection) throws -> [Finding] {
        let rules: [(String, (Connection) throws -> [Finding])] = [
            ("balances", negativeBalances), ("amount limit", amountsAboveTheLimit), ("reversals", reversals),
            ("closed projects", closedProjects), ("programmes", programmes), ("approved amounts", approvedAmounts),
            ("batch counts", batchCounts), ("revision order", revisionOrder), ("closed periods", closedPeriods),
            ("dense ids", denseIDs),
        ]
        var findings: [Finding] = []
        var times = PhaseTimes("  invariants", variable: "HALLBAR_VERIFY_TIMES")
        defer { times.finish() }
        for (name, rule) in rules {
            defer { times.mark(name) }
            do {
                findings += try rule(db)
            } catch let error as SQLiteError where error.isIntegerOverflow {
                findings.append(overflowFinding(name))
            } catch is SumOverflow {
                findings.append(overflowFinding(name))
            }
        }
        return findings
    }

    private static func overflowFinding(_ rule: String) -> Finding {
        Finding(.invariant, "the \(rule) rule cannot be checked: its sums come to more than hallbar can add up "
            + "(±92 233 720 368 547 758,07 SEK), so the ledger holds amounts written past hallbar")
    }

    /// The tables whose ids hallbar gives as the largest so far plus one: their ids run
    /// 1, 2, 3 … without a gap on an honest ledger.
    static let denseIDColumns: [(table: ChainedTable, column: String)] = [
        (.importBatches, "batch_id"), (.loans, "loan_id"), (.readings, "reading_id"), (.indicatorDecisions, "decision_id"),
        (.followupApprovals, "approval_id"), (.balanceAssertions, "assertion_id"), (.periodCloses, "close_id"),
    ]

    /// A gap in ids given as max + 1: a row deleted from the middle of its table. The chain
    /// finds the missing seq too, but when the rows on both sides of it belong to other
    /// tables only this rule can say which table lost the row. (The newest row of a table,
    /// deleted, leaves no gap here; the chain then names the seq and its neighbours.)
    static func denseIDs(in db: Connection) throws -> [Finding] {
        var findings: [Finding] = []
        for (table, column) in denseIDColumns {
            let sql = """
                SELECT g.\(column) - 1,
                       (SELECT max(p.\(column)) FROM \(table.name) p WHERE p.\(column) < g.\(column)),
                       (SELECT p.seq FROM \(table.name) p WHERE p.\(column) < g.\(column) ORDER BY p.\(column) DESC LIMIT 1),
                       g.seq
                FROM \(table.name) g
                WHERE g.\(column) > 1 AND NOT EXISTS (SELECT 1 FROM \(table.name) q WHERE q.\(column) = g.\(column) - 1)
                ORDER BY g.\(column) LIMIT 20
                """
            for row in try db.prepare(sql).rows() {
                let last = row[0].int64 ?? 0
                let before = row[1].int64.map { ($0 + 1, "after \(column) \($0) (seq \(row[2]))") } ?? (1, "at the start")
                let ids = before.0 == last ? "\(column) \(last) is" : "\(column) \(before.0)–\(last) are"
                findings.append(Finding(.invariant, "\(table.name): \(ids) missing \(before.1), before seq \(row[3]): "
                    + "hallbar gives these ids without gaps, so a row was deleted"))
            }
        }
        return findings
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
            SELECT project_number, approved_ore, total_cost_ore FROM project_versions
            WHERE approved_ore > ?1 OR coalesce(total_cost_ore, 0) > ?1 GROUP BY project_number ORDER BY project_number
            """).rows([limit]).map { row in
                Finding(.invariant, "project #\(row[0]): its approved volume or total cost is above the limit of 1 000 000 000 000 SEK")
            }
        return entries + projects
    }

    /// A loan whose balance goes below zero at the end of some value date (within a day,
    /// disbursements count before repayments, so the end of the day is the lowest point;
    /// reversals carry their original's date). Names each loan's first such date.
    static func negativeBalances(in db: Connection) throws -> [Finding] {
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
    static func reversals(in db: Connection) throws -> [Finding] {
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

    /// A disbursement with a value date on which its loan's project was rejected or
    /// withdrawn (each by the revisions in force on that date).
    static func closedProjects(in db: Connection) throws -> [Finding] {
        try disbursementsOnClosedProjects(in: db).map { found in
            Finding(.invariant, "loan \(found.loan): disbursement \(found.entry) on \(found.valueDate) although its project "
                + "#\(found.project) is \(found.status) on that date")
        }
    }

    /// A disbursement made on a day its project was rejected or withdrawn.
    struct DisbursementOnClosedProject: Equatable {
        let loan: String
        let entry: String
        let valueDate: String
        let project: Int64
        let status: String
    }

    /// The disbursements made on a day their loan's project was rejected or withdrawn, in
    /// entry order (at most `limit`); only those of `projects` when given. Amendments use it
    /// to refuse a withdrawal or a loan move that would put an existing disbursement there.
    static func disbursementsOnClosedProjects(in db: Connection, projects: Set<Int64>? = nil,
                                              limit: Int = 100) throws -> [DisbursementOnClosedProject] {
        let only = projects.map { set in " AND project_number IN (\(set.sorted().map(String.init).joined(separator: ", ")))" } ?? ""
        // The spans in which a loan's project is closed (a project's revision 1 holds from the
        // start of time), then only the entries dated in them, through the covering index:
        // CROSS JOIN keeps SQLite from scanning every entry first (0.5 s on 10⁶ entries).
        return try db.prepare("""
            WITH closed AS (SELECT project_number, status,
                                   CASE WHEN revision = 1 THEN '0000-01-01' ELSE valid_from END AS closed_from,
                                   valid_until AS closed_until
                            FROM project_versions WHERE status IN ('rejected', 'withdrawn')\(only)),
                 spans AS (SELECT lv.loan_id, lv.loan_number, c.project_number, c.status,
                                  max(lv.valid_from, c.closed_from) AS span_from,
                                  CASE WHEN lv.valid_until IS NULL THEN c.closed_until WHEN c.closed_until IS NULL THEN lv.valid_until
                                       ELSE min(lv.valid_until, c.closed_until) END AS span_until
                           FROM loan_versions lv JOIN closed c ON c.project_number = lv.project_number)
            SELECT s.loan_number, e.external_id, e.value_date, s.project_number, s.status
            FROM spans s CROSS JOIN ledger_entries e ON e.loan_id = s.loan_id AND e.value_date >= s.span_from
                 AND (s.span_until IS NULL OR e.value_date < s.span_until)
            WHERE e.kind = 'disbursement'
            ORDER BY e.entry_id LIMIT \(limit)
            """).rows().map { row in
            DisbursementOnClosedProject(loan: row[0].string ?? "?", entry: row[1].string ?? "?", valueDate: row[2].string ?? "?",
                                        project: row[3].int64 ?? 0, status: row[4].string ?? "?")
        }
    }

    /// A loan revision whose programme differs from its project's.
    static func programmes(in db: Connection) throws -> [Finding] {
        try db.prepare("""
            SELECT l.loan_number, l.revision, l.programme, p.project_number, p.programme FROM loan_versions l
            JOIN projects p ON p.project_number = l.project_number WHERE l.programme <> p.programme ORDER BY l.loan_id, l.revision
            """).rows().map { row in
            Finding(.invariant, "loan \(row[0]) (revision \(row[1])) is \(row[2]) but its project #\(row[3]) is \(row[4])")
        }
    }

    /// A project whose loans disbursed more than its approved amount in force.
    static func approvedAmounts(in db: Connection) throws -> [Finding] {
        try ProjectCap.excesses(projects: nil, in: db).map { excess in
            let when = excess.through.map { "up to \($0)" } ?? "in total"
            return Finding(.invariant, "project \(excess.project): its loans disbursed \(MoneyFormat.message(excess.disbursed)) \(when), "
                + "more than the approved \(MoneyFormat.message(excess.approved)) in force")
        }
    }

    /// An import batch whose counts differ from the rows that carry its batch_id.
    static func batchCounts(in db: Connection) throws -> [Finding] {
        var carried: [String: [Int64: Int64]] = [:]
        for table in Set(batchTables.values.joined()) {
            for row in try db.prepare("SELECT batch_id, count(*) FROM \(table) WHERE batch_id IS NOT NULL GROUP BY batch_id").rows() {
                if let batch = row[0].int64 { carried[table, default: [:]][batch] = row[1].int64 ?? 0 }
            }
        }
        var result: [Finding] = []
        var claimed = Set<String>()
        for row in try db.prepare("SELECT batch_id, kind, file_name, rows_new + rows_amended FROM import_batches ORDER BY batch_id").rows() {
            guard let kind = row[1].string, let tables = batchTables[kind], let batch = row[0].int64 else { continue }
            for table in tables { claimed.insert("\(table)/\(batch)") }
            let count = tables.reduce(Int64(0)) { $0 + (carried[$1]?[batch] ?? 0) }
            if count != row[3].int64 {
                result.append(Finding(.invariant, "import batch \(batch) (\(kind), \(row[2])) records \(row[3]) new or amended rows "
                    + "but \(count) rows carry its batch_id"))
            }
        }
        for (table, batches) in carried.sorted(by: { $0.key < $1.key }) {
            for batch in batches.keys.sorted() where !claimed.contains("\(table)/\(batch)") {
                result.append(Finding(.invariant, "\(batches[batch]!) rows of \(table) carry batch_id \(batch), which is no \(table) import"))
            }
        }
        return result
    }

    /// Revisions numbered with a gap, or taking effect before the revision they follow.
    static func revisionOrder(in db: Connection) throws -> [Finding] {
        var result: [Finding] = []
        for kind in RecordKind.allCases {
            let key = kind.keyColumns.joined(separator: ", ")
            // Only records that have revisions 2, 3 … can be out of order (revision 1 alone is
            // in order): the others are left out before the window (loans: 43 → 6 ms at 20 000).
            let sql = """
                SELECT \(key), revision, valid_from,
                       lag(revision, 1, 0) OVER (PARTITION BY \(key) ORDER BY revision),
                       lag(valid_from, 1, '0000-01-01') OVER (PARTITION BY \(key) ORDER BY revision)
                FROM \(kind.versionsView) WHERE (\(key)) IN (SELECT \(key) FROM \(kind.revisionTable.name))
                """
            let keyCount = kind.keyColumns.count
            for row in try db.prepare(sql).rows() {
                let revision = row[keyCount].int64 ?? 0
                let previous = row[keyCount + 2].int64 ?? 0
                let from = row[keyCount + 1].string ?? ""
                let previousFrom = row[keyCount + 3].string ?? ""
                let name = (0..<keyCount).map { row[$0].description }.joined(separator: "/")
                if revision != previous + 1 {
                    result.append(Finding(.invariant, "\(kind.rawValue) \(name): revision \(revision) follows revision \(previous)"))
                } else if revision > 1 && from < previousFrom {
                    result.append(Finding(.invariant, "\(kind.rawValue) \(name): revision \(revision) takes effect on \(from), "
                        + "before revision \(previous) (\(previousFrom))"))
                }
            }
        }
        return result
    }

    /// The closes' recorded state against a replay, and rows written while a period was
    /// closed that take effect in it (an entry or reversal by value date, a revision by
    /// effective date).
    static func closedPeriods(in db: Connection) throws -> [Finding] {
        let rows = try db.rows("SELECT close_id, seq, action, through, closed_through FROM period_closes ORDER BY seq")
        var result: [Finding] = []
        var actions: [(action: String, through: String)] = []
        var periods: [(from: Int64, closedThrough: String?, close: Int64)] = []
        for row in rows {
            actions.append((row[2].string ?? "", row[3].string ?? ""))
            let replayed = PeriodCloses.replay(actions)
            if replayed != row[4].string {
                result.append(Finding(.invariant, "period close \(row[0]) records closed through \(row[4].string ?? "nothing") "
                    + "but its actions give \(replayed ?? "nothing")"))
            }
            periods.append((row[1].int64 ?? 0, replayed, row[0].int64 ?? 0))
        }
        for (index, period) in periods.enumerated() {
            guard let through = period.closedThrough else { continue }
            let end = index + 1 < periods.count ? periods[index + 1].from : Int64.max
            for row in try db.prepare("""
                SELECT external_id, value_date FROM ledger_entries WHERE entry_id > ?1 AND entry_id < ?2 AND value_date <= ?3
                ORDER BY entry_id LIMIT 20
                """).rows([period.from, end, through]) {
                result.append(Finding(.invariant, "entry \(row[0].string ?? "?") (value date \(row[1].string ?? "?")) was recorded "
                    + "while the period through \(through) was closed (close \(period.close))"))
            }
            let dated = RecordKind.allCases.map { ($0.revisionTable.name, "effective_date") }
                + [(ChainedTable.indicatorDecisions.name, "decided_on"), (ChainedTable.followupApprovals.name, "approved_on")]
            for (table, column) in dated {
                for row in try db.prepare("""
                    SELECT seq, \(column) FROM \(table) WHERE seq > ?1 AND seq < ?2 AND \(column) <= ?3
                    ORDER BY seq LIMIT 20
                    """).rows([period.from, end, through]) {
                    result.append(Finding(.invariant, "\(table) row seq \(row[0]) takes effect on "
                        + "\(row[1].string ?? "?") although it was recorded while the period through \(through) was closed "
                        + "(close \(period.close))"))
                }
            }
        }
        return result
    }
}
