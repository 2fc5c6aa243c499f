import Ledger
import SQLite

/// One row of `ledger_entries` as hallbar writes it: the one place that says which value
/// goes in which column, for the link and the INSERT alike (the streaming import hashes
/// its rows through the same `write(seq:to:)`).
struct LedgerEntryRow: ChainRow {
    static let table = ChainedTable.ledgerEntries

    let externalID: String
    let loanID: Int64
    let valueDate: String
    let kind: EntryKind
    let amount: Ore
    let balanceEffect: Ore
    var reverses: Int64? = nil
    var reason: String? = nil
    let stamp: Stamp
    let batchID: Int64?

    func write<S: ChainFieldSink>(seq: Int64, to sink: inout S) throws {
        sink.integer(seq)
        try sink.text(externalID)
        sink.integer(loanID)
        try sink.text(valueDate)
        try sink.text(kind.rawValue)
        sink.integer(amount)
        sink.integer(balanceEffect)
        sink.integer(reverses)
        try sink.text(reason)
        try stamp.write(to: &sink)
        sink.integer(batchID)
    }

    /// How a stored entry is compared with one of the same external id.
    static let comparison = StoredComparison(
        lookupSQL: """
            SELECT l.loan_number, e.value_date, e.kind, e.amount_ore, e.batch_id
            FROM ledger_entries e JOIN loans l ON l.loan_id = e.loan_id WHERE e.external_id = ?
            """,
        columnNames: ["loan_number", "value_date", "kind", "amount_ore"])
}

/// An imported entry waiting to be stored (a disbursement or repayment; never a reversal).
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

    /// The row it is stored as.
    func row(stamp: Stamp, batchID: Int64) -> LedgerEntryRow {
        LedgerEntryRow(externalID: externalID, loanID: loanID, valueDate: valueDate, kind: kind, amount: amount,
                       balanceEffect: balanceEffect, stamp: stamp, batchID: batchID)
    }
}

/// Loans and their projects as the rules for entries need them: each loan's project over
/// time (a loan's project can be amended), each project's status and approved amount over
/// time, and the closed period. Loaded once per import (20 000 loans are a few MiB;
/// entries are never held like this).
struct LoanBook {
    /// A loan and the project it finances from each date on.
    struct Loan {
        let id: Int64
        let number: String
        /// (valid from, project number), in revision order.
        var versions: [(from: String, project: Int64?)]
    }

    /// A project's status and approved amount from each date on.
    struct Project {
        var versions: [(from: String, status: String, approved: Ore)]
    }

    private(set) var loans: [String: Loan] = [:]
    private(set) var projects: [Int64: Project] = [:]
    /// The closed period, if any.
    let closed: PeriodCloses.State?

    /// Every loan, or the one numbered `number`.
    static func load(in db: Connection, number: String? = nil) throws -> LoanBook {
        var book = LoanBook(closed: try PeriodCloses.state(in: db))
        let where_ = number == nil ? "" : " WHERE loan_number = ?1"
        try db.cached("""
            SELECT loan_id, loan_number, valid_from, project_number FROM loan_versions\(where_) ORDER BY loan_id, revision
            """).forEach(number.map { [$0] } ?? []) { row in
            let numberText = row.text(1) ?? ""
            book.loans[numberText, default: Loan(id: row.int64(0), number: numberText, versions: [])]
                .versions.append((row.text(2) ?? "", row.isNull(3) ? nil : row.int64(3)))
        }
        let wanted = Set(book.loans.values.flatMap { $0.versions.compactMap(\.project) })
        guard !wanted.isEmpty else { return book }
        let projectFilter = number == nil ? "" : " WHERE project_number IN (SELECT value FROM json_each(?1))"
        let list = "[" + wanted.map(String.init).joined(separator: ",") + "]"
        try db.cached("""
            SELECT project_number, valid_from, status, approved_ore FROM project_versions\(projectFilter)
            ORDER BY project_number, revision
            """).forEach(number == nil ? [] : [list]) { row in
            book.projects[row.int64(0), default: Project(versions: [])].versions
                .append((row.text(1) ?? "", row.text(2) ?? "", row.int64(3)))
        }
        return book
    }

    /// The version in force on `date`: the last one taking effect on or before it, else the first.
    static func inForce<T>(_ versions: [T], on date: String, from: (T) -> String) -> T? {
        var result = versions.first
        for version in versions where from(version) <= date { result = version }
        return result
    }

    /// The project `loan` finances on `date`, if any.
    func project(of loan: Loan, on date: String) -> Int64? {
        LoanBook.inForce(loan.versions, on: date, from: \.from)?.project
    }

    /// Why no disbursement on `loan` may take effect on `date` (its project was rejected or
    /// withdrawn by then), or nil.
    func disbursementRefusal(_ loan: Loan, on date: String) -> String? {
        guard let number = project(of: loan, on: date), let project = projects[number],
              let version = LoanBook.inForce(project.versions, on: date, from: \.from) else { return nil }
        guard version.status == ProjectStatus.rejected.rawValue || version.status == ProjectStatus.withdrawn.rawValue else { return nil }
        return "loan \(loan.number) finances project \(number), which is \(version.status) on \(date); no disbursement may be recorded"
    }

    /// Why nothing may take effect on `date` (the period is closed through it), or nil.
    func closedRefusal(on date: String, what: String) -> String? {
        closed.flatMap { $0.refusal(on: date, what: what) }
    }
}

/// The rule that a project's loans never disburse more in total (disbursements less
/// reversed ones) than the project's approved amount in force on the value date.
///
/// The disbursed total up to a date only grows with the date (a reversal carries its
/// original's date), so it suffices to check, for each approved amount in force from A to
/// B, the total disbursed before B against it (and the last one against everything). An
/// entry counts on the project its loan financed on the entry's value date.
enum ProjectCap {
    /// A project over its approved amount.
    struct Excess: Sendable, Equatable {
        let project: Int64
        /// The last day of the period whose approved amount is exceeded ("" = no end).
        let through: String?
        let disbursed: Ore
        let approved: Ore

        var message: String {
            let when = through.map { "up to \($0)" } ?? "in total"
            return "project \(project)'s loans would have disbursed \(MoneyFormat.message(disbursed)) \(when), more than its "
                + "approved \(MoneyFormat.message(approved)); raise the approved amount first ('hallbar amend project "
                + "\(project) --approved-sek … --reason …')"
        }
    }

    /// The projects of `projects` (every project when nil) whose cap does not hold.
    ///
    /// Two grouped queries give every project's total disbursed; only a project whose
    /// approved amount changed over time needs the totals before each change.
    static func excesses(projects: Set<Int64>?, in db: Connection) throws -> [Excess] {
        var versions: [Int64: [(from: String, approved: Ore)]] = [:]
        try db.cached("SELECT project_number, valid_from, approved_ore FROM project_versions ORDER BY project_number, revision")
            .forEach { row in
                let number = row.int64(0)
                guard projects?.contains(number) ?? true else { return }
                versions[number, default: []].append((row.text(1) ?? "", row.int64(2)))
            }
        guard !versions.isEmpty else { return [] }
        let totals = try disbursedTotals(projects: projects, in: db)
        var result: [Excess] = []
        for number in versions.keys.sorted() {
            let list = versions[number]!
            for (index, version) in list.enumerated() {
                let until = index + 1 < list.count ? list[index + 1].from : nil
                if let until, until <= version.from { continue }   // superseded the same day
                let disbursed = until == nil ? (totals[number] ?? 0) : try disbursedBefore(project: number, date: until, in: db)
                if disbursed > version.approved {
                    result.append(Excess(project: number, through: until.flatMap(dayBefore), disbursed: disbursed, approved: version.approved))
                    break
                }
            }
        }
        return result
    }

    /// Every project's disbursed total (all dates), for `projects` or every project: one
    /// pass over the covering index of the loans that finance them.
    static func disbursedTotals(projects: Set<Int64>?, in db: Connection) throws -> [Int64: Ore] {
        let filter = projects == nil ? "lv.project_number IS NOT NULL" : "lv.project_number IN (SELECT value FROM json_each(?1))"
        let list = "[" + (projects ?? []).map(String.init).joined(separator: ",") + "]"
        let arguments: [any SQLBindable] = projects == nil ? [] : [list]
        var totals: [Int64: Ore] = [:]
        try db.cached("""
            SELECT lv.project_number, sum(max(e.balance_effect_ore, 0))
            FROM loan_versions lv JOIN ledger_entries e ON e.loan_id = lv.loan_id
                 AND e.value_date >= lv.valid_from AND (lv.valid_until IS NULL OR e.value_date < lv.valid_until)
            WHERE \(filter) GROUP BY lv.project_number
            """).forEach(arguments) { row in totals[row.int64(0)] = row.int64(1) }
        try db.cached("""
            SELECT lv.project_number, sum(abs(e.balance_effect_ore))
            FROM ledger_entries e JOIN loan_versions lv ON lv.loan_id = e.loan_id
                 AND e.value_date >= lv.valid_from AND (lv.valid_until IS NULL OR e.value_date < lv.valid_until)
            WHERE e.reverses_entry_id IS NOT NULL AND \(filter) GROUP BY lv.project_number
            """).forEach(arguments) { row in totals[row.int64(0), default: 0] -= row.int64(1) }
        return totals
    }

    /// What the project's loans disbursed (less reversed disbursements) with value date
    /// before `date` (all when nil).
    static func disbursedBefore(project: Int64, date: String?, in db: Connection) throws -> Ore {
        let end = date ?? "9999-12-31~"
        // Positive effects from the covering index: disbursements, and reversals of repayments.
        let gross = try db.cached("""
            SELECT coalesce(sum(max(e.balance_effect_ore, 0)), 0)
            FROM loan_versions lv JOIN ledger_entries e ON e.loan_id = lv.loan_id
                 AND e.value_date >= lv.valid_from AND (lv.valid_until IS NULL OR e.value_date < lv.valid_until)
            WHERE lv.project_number = ?1 AND e.value_date < ?2
            """).rows([project, end]).first?[0].int64 ?? 0
        // Every reversal takes back |effect|: a reversed disbursement is not disbursed, and a
        // reversed repayment's positive effect is not a disbursement.
        let reversed = try db.cached("""
            SELECT coalesce(sum(abs(e.balance_effect_ore)), 0)
            FROM ledger_entries e JOIN loan_versions lv ON lv.loan_id = e.loan_id
                 AND e.value_date >= lv.valid_from AND (lv.valid_until IS NULL OR e.value_date < lv.valid_until)
            WHERE e.reverses_entry_id IS NOT NULL AND lv.project_number = ?1 AND e.value_date < ?2
            """).rows([project, end]).first?[0].int64 ?? 0
        return gross - reversed
    }

    /// "2025-03-01" → "2025-02-28".
    static func dayBefore(_ date: String) -> String? {
        (try? Day.parse(date)).map { $0.adding(days: -1).description }
    }
}
