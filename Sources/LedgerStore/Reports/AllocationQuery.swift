import Ledger
import SQLite

/// `report allocation --as-of D` read from the ledger (domain.md, "Allocation on D"): the
/// projects, loans and bonds as they stood on D, handed to `Allocation.report`.
///
/// Every record is taken in its revision in force on D (Reports/AsOf.swift): a loan counts
/// under the programme, project and green-bond eligibility in force on D, with everything
/// its entries did up to D; a bond with its dates and amount in force on D. Only green and
/// social loans are read (other lending has no part in the allocation), so the cost grows
/// with the sustainable lending, not the whole ledger.
public enum AllocationQuery {
    /// The green and social projects on ?1 (the revision in force, or revision 1 of a
    /// project decided later, which `Allocation` does not count but a loan may name).
    public static let projectsSQL = """
        SELECT project_number, programme, category, approved_ore, status, decision_date
        FROM \(AsOf.projects(at: "?1")) WHERE programme IN ('green', 'social')
        """

    /// Each green or social loan (its revision in force on ?1) with its outstanding on ?1
    /// and what was disbursed from ?2 (the first day of the 12 months up to ?1) and before:
    /// disbursements less the reversed ones.
    ///
    /// The kind of an entry is not in the covering index `ledger_entries_by_loan_date (loan_id,
    /// value_date, balance_effect_ore)`, and looking it up for every entry would cost a table
    /// read each; so the sums use the index alone: an entry with a positive effect is a
    /// disbursement or the reversal of a repayment, and the reversals, found through the
    /// partial index `ledger_entries_reversal_of`, are then taken out: a reversal of a
    /// repayment (positive effect) was counted and must not be, a reversal of a disbursement
    /// (negative effect, the original's value date) cancels it; both are −|effect|.
    public static let loansSQL = """
        WITH reversed AS (
            SELECT loan_id,
                   sum(CASE WHEN value_date >= ?2 THEN -abs(balance_effect_ore) ELSE 0 END) AS new_ore,
                   sum(CASE WHEN value_date < ?2 THEN -abs(balance_effect_ore) ELSE 0 END) AS old_ore
            FROM ledger_entries INDEXED BY ledger_entries_reversal_of WHERE reverses_entry_id IS NOT NULL AND value_date <= ?1
            GROUP BY loan_id),
        positions AS (
            SELECT l.loan_id, l.loan_number, l.programme, l.project_number, l.green_bond_eligible,
                   coalesce(sum(e.balance_effect_ore), 0) AS outstanding_ore,
                   coalesce(sum(CASE WHEN e.value_date >= ?2 AND e.balance_effect_ore > 0 THEN e.balance_effect_ore ELSE 0 END), 0) AS new_ore,
                   coalesce(sum(CASE WHEN e.value_date < ?2 AND e.balance_effect_ore > 0 THEN e.balance_effect_ore ELSE 0 END), 0) AS old_ore
            FROM \(AsOf.versions("loan_versions", at: "?1")) AS l
            LEFT JOIN ledger_entries AS e ON e.loan_id = l.loan_id AND e.value_date <= ?1
            WHERE l.programme IN ('green', 'social')
            GROUP BY l.loan_id)
        SELECT p.loan_number, p.programme, p.project_number, p.green_bond_eligible, p.outstanding_ore,
               p.new_ore + coalesce(r.new_ore, 0) AS new_financing_ore, p.old_ore + coalesce(r.old_ore, 0) AS refinancing_ore
        FROM positions AS p LEFT JOIN reversed AS r ON r.loan_id = p.loan_id
        """

    /// Every bond in its revision in force on ?1 (`Allocation` counts those outstanding).
    public static let bondsSQL = """
        SELECT isin, programme, issue_date, maturity_date, amount_ore, currency, amount_original_minor
        FROM \(AsOf.versions("bond_versions", at: "?1"))
        """

    /// The allocation at the end of `asOf`.
    /// - Throws: `ReportError.unreadableStoredValue` for a stored value the domain refuses
    ///   or figures that contradict each other; `SQLiteError`.
    public static func report(asOf: Day, in db: Connection) throws -> AllocationReport {
        try report(asOf: asOf, loans: try loans(asOf: asOf, in: db), in: db)
    }

    /// Every green and social loan with its position at the end of `asOf` (`loansSQL`).
    static func loans(asOf: Day, in db: Connection) throws -> [AllocationLoan] {
        var loans: [AllocationLoan] = []
        try db.cached(loansSQL).forEach([asOf.description, NewFinancingWindow(asOf: asOf).firstDay.description]) { row in
            guard let programme = row.text(1).flatMap(Programme.init(rawValue:)) else {
                throw ReportError.unreadableStoredValue(what: "loan \(row.text(0) ?? "?")", detail: "programme \(row.text(1) ?? "NULL")")
            }
            loans.append(AllocationLoan(
                loanNumber: row.text(0) ?? "", programme: programme, projectNumber: row.isNull(2) ? nil : row.int64(2),
                greenBondEligible: row.int64(3) == 1,
                position: LoanPosition(outstanding: row.int64(4), newFinancing: row.int64(5), refinancing: row.int64(6))))
        }
        return loans
    }

    /// The allocation at the end of `asOf` of `loans` (`loans(asOf:in:)` of the same date).
    static func report(asOf: Day, loans: [AllocationLoan], in db: Connection) throws -> AllocationReport {
        let date = asOf.description
        var projects: [AllocationProject] = []
        try db.cached(projectsSQL).forEach([date]) { row in
            let number = row.int64(0)
            guard let programme = row.text(1).flatMap(Programme.init(rawValue:)),
                  let status = row.text(4).flatMap(ProjectStatus.init(rawValue:)),
                  let decided = row.text(5).flatMap({ try? Day.parse($0) }) else {
                throw ReportError.unreadableStoredValue(what: "project \(number)", detail: "programme, status or decision date")
            }
            projects.append(AllocationProject(number: number, programme: programme, category: row.text(2) ?? "",
                                              approved: row.int64(3), status: status, decisionDate: decided))
        }
        let bonds = try readBonds(sql: bondsSQL, arguments: [date], in: db)
        do {
            return try Allocation.report(asOf: asOf, projects: projects, loans: loans, bonds: bonds)
        } catch {
            throw ReportError.unreadableStoredValue(what: "allocation as of \(asOf)", detail: error.description)
        }
    }

    /// Bonds from rows of (isin, programme, issue_date, maturity_date, amount_ore, currency,
    /// amount_original_minor).
    static func readBonds(sql: String, arguments: [any SQLBindable], in db: Connection) throws -> [Bond] {
        var bonds: [Bond] = []
        try db.cached(sql).forEach(arguments) { row in
            let isin = row.text(0) ?? ""
            do {
                let parsed = try ISIN.parse(isin)
                guard let programme = row.text(1).flatMap(Programme.init(rawValue:)) else {
                    throw ReportError.unreadableStoredValue(what: "bond \(isin)", detail: "programme \(row.text(1) ?? "NULL")")
                }
                bonds.append(try Bond(isin: parsed, programme: programme, issueDate: try Day.parse(row.text(2) ?? ""),
                                      maturityDate: try Day.parse(row.text(3) ?? ""), amount: row.int64(4), currency: row.text(5),
                                      amountOriginal: row.isNull(6) ? nil : row.int64(6)))
            } catch let error as ReportError {
                throw error
            } catch {
                throw ReportError.unreadableStoredValue(what: "bond \(isin)", detail: "\(error)")
            }
        }
        return bonds
    }
}
