import Ledger
import SQLite

/// The shares table (Bild 2) computed inside SQLite.
///
/// Each loan's outstanding amount at D is one range scan of the covering index
/// `ledger_entries_by_loan_date (loan_id, value_date, balance_effect_ore)`: the sum of
/// `balance_effect_ore` with `value_date <= D`. A reversal carries its original's value
/// date and the opposite effect, so reversed entries drop out of the sum by themselves.
/// The per-loan sums are then added up per programme (and green bond eligibility), each
/// loan under the revision in force on D (a loan amended to another programme in 2025 counts
/// under its old programme as of 2024-12-31).
/// The ledger is never loaded into memory.
public enum ShareQuery {
    /// The SQL, one bound parameter: the as-of date. One row per (programme, eligibility),
    /// each loan counted under its programme and eligibility in force on the date.
    public static let sql = """
        SELECT programme, coalesce(green_bond_eligible, 0) AS eligible, sum(outstanding) AS outstanding_ore
        FROM (SELECT l.programme, l.green_bond_eligible,
                     (SELECT coalesce(sum(e.balance_effect_ore), 0) FROM ledger_entries AS e
                      WHERE e.loan_id = l.loan_id AND e.value_date <= ?1) AS outstanding
              FROM \(AsOf.versions("loan_versions", at: "?1")) AS l)
        GROUP BY programme, eligible
        """

    /// The table at the end of `asOf`.
    /// - Throws: `SQLiteError` (an integer overflow in a sum included), `SharesError.overflow`.
    static func table(asOf: Day, in db: Connection) throws -> ShareTable {
        var outstanding: [Programme: Ore] = [:]
        var eligible: Ore = 0
        try db.cached(sql).forEach([asOf.description]) { row in
            guard let programme = row.text(0).flatMap(Programme.init(rawValue:)) else { return }
            let amount = row.int64(2)
            let (sum, overflow) = (outstanding[programme] ?? 0).addingReportingOverflow(amount)
            if overflow { throw SharesError.overflow }
            outstanding[programme] = sum
            if programme == .green && row.int64(1) == 1 { eligible = amount }  // one row per (programme, eligibility)
        }
        return try ShareTable(outstanding: outstanding, greenBondEligible: eligible)
    }
}
