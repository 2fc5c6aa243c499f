import Ledger
import SQLite

/// The social portfolio (Bild 6) at a date.
public struct SocialPortfolio: Sendable, Hashable {
    /// The date.
    public let asOf: Day
    /// Social projects with status approved or completed and a decision on or before `asOf`.
    public let approvedProjects: Int
    /// Distinct members behind them, counted through the borrowers' owners.
    public let members: Int
    /// Their approved volume, öre.
    public let approved: Ore
    /// Gross disbursed on their loans up to `asOf`: disbursements minus reversed
    /// disbursements (repayments do not reduce it), öre.
    public let disbursed: Ore
    /// Outstanding on their loans at `asOf` (disbursed minus repaid), öre.
    public let outstanding: Ore
    /// Approved volume by category, with shares.
    public let byCategory: CategoryDistribution
}

/// Approved, disbursed and outstanding amounts of one project at a date.
public struct ProjectVolumes: Sendable, Hashable {
    /// The approved amount, öre.
    public let approved: Ore
    /// Gross disbursed up to the date (reversed disbursements excluded), öre.
    public let disbursed: Ore
    /// Outstanding at the date, öre.
    public let outstanding: Ore

    /// Volumes.
    public init(approved: Ore, disbursed: Ore, outstanding: Ore) {
        self.approved = approved
        self.disbursed = disbursed
        self.outstanding = outstanding
    }
}

/// Queries of the social portfolio, computed inside SQLite.
public enum SocialPortfolioQuery {
    /// Projects counted as approved at ?1: social, approved or completed (the revision in
    /// force then), decided by then.
    static let approvedProjects = """
        SELECT project_number, borrower_org_no, category, approved_ore FROM \(AsOf.projects(at: "?1"))
        WHERE programme = 'social' AND status IN ('approved', 'completed') AND decision_date <= ?1
        """

    /// Per project: gross disbursed and outstanding at ?1 on its loans, each loan counted on
    /// the project it finances by its revision in force on ?1 (as the shares report
    /// classifies a loan's balance), using the covering index. A reversal with a negative
    /// effect cancels a disbursement; one with a positive effect cancels a repayment and
    /// does not change what was disbursed.
    static let projectAmounts = """
        SELECT l.project_number,
               coalesce(sum(CASE WHEN e.kind = 'disbursement' THEN e.amount_ore
                                 WHEN e.kind = 'reversal' AND e.balance_effect_ore < 0 THEN e.balance_effect_ore
                                 ELSE 0 END), 0) AS disbursed_ore,
               coalesce(sum(e.balance_effect_ore), 0) AS outstanding_ore
        FROM \(AsOf.versions("loan_versions", at: "?1")) AS l JOIN ledger_entries AS e ON e.loan_id = l.loan_id AND e.value_date <= ?1
        WHERE l.programme = 'social'
        GROUP BY l.project_number
        """

    /// The portfolio at the end of `asOf`.
    /// - Throws: `SQLiteError`.
    static func portfolio(asOf: Day, in db: Connection) throws -> SocialPortfolio {
        let date = asOf.description
        let sql = """
            WITH approved AS (\(approvedProjects)),
                 amounts AS (\(projectAmounts))
            SELECT (SELECT count(*) FROM approved),
                   (SELECT count(DISTINCT b.owner_org_no) FROM approved AS a
                    JOIN \(AsOf.versions("borrower_versions", at: "?1")) AS b ON b.org_no = a.borrower_org_no),
                   (SELECT coalesce(sum(approved_ore), 0) FROM approved),
                   (SELECT coalesce(sum(m.disbursed_ore), 0) FROM amounts AS m JOIN approved AS a USING (project_number)),
                   (SELECT coalesce(sum(m.outstanding_ore), 0) FROM amounts AS m JOIN approved AS a USING (project_number))
            """
        var figures: [Int64] = []
        try db.cached(sql).forEach([date]) { row in figures = (0..<5).map { row.int64($0) } }
        var byCategory: [String: Ore] = [:]
        try db.cached("SELECT category, sum(approved_ore) FROM (\(approvedProjects)) GROUP BY category").forEach([date]) { row in
            byCategory[row.text(0) ?? ""] = row.int64(1)
        }
        guard figures.count == 5 else { throw ReportError.unreadableStoredValue(what: "social portfolio", detail: "no result") }
        return SocialPortfolio(
            asOf: asOf, approvedProjects: Int(figures[0]), members: Int(figures[1]), approved: figures[2],
            disbursed: figures[3], outstanding: figures[4], byCategory: CategoryDistribution(byCategory))
    }

    /// Approved, disbursed and outstanding at the end of `asOf` for each of `projects`
    /// (every project is in the result; a project without entries has 0 disbursed).
    /// - Throws: `SQLiteError`.
    static func volumes(of projects: [Int64], asOf: Day, in db: Connection) throws -> [Int64: ProjectVolumes] {
        guard !projects.isEmpty else { return [:] }
        var amounts: [Int64: (Ore, Ore)] = [:]
        try db.cached(projectAmounts).forEach([asOf.description]) { row in
            amounts[row.int64(0)] = (row.int64(1), row.int64(2))
        }
        var result: [Int64: ProjectVolumes] = [:]
        let wanted = Set(projects)
        try db.cached("SELECT project_number, approved_ore FROM \(AsOf.projects(at: "?1"))").forEach([asOf.description]) { row in
            let number = row.int64(0)
            guard wanted.contains(number) else { return }
            let (disbursed, outstanding) = amounts[number] ?? (0, 0)
            result[number] = ProjectVolumes(approved: row.int64(1), disbursed: disbursed, outstanding: outstanding)
        }
        return result
    }
}
