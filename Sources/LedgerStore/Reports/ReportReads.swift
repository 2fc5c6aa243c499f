import Ledger
import SQLite

/// The reports' queries, as a read transaction offers them (each reads one snapshot).
extension LedgerRead {
    /// The shares table (Bild 2) at the end of `asOf`.
    public func shares(asOf: Day) throws -> ShareTable { try ShareQuery.table(asOf: asOf, in: db) }

    /// The social portfolio (Bild 6) at the end of `asOf`.
    public func socialPortfolio(asOf: Day) throws -> SocialPortfolio { try SocialPortfolioQuery.portfolio(asOf: asOf, in: db) }

    /// The follow-up of `year` (one project or all), volumes at `volumesAsOf` (default the year's end).
    public func followUp(year: Int, project: Int64? = nil, volumesAsOf: Day? = nil) throws -> FollowUpReport {
        try FollowUpQuery.report(year: year, project: project, volumesAsOf: volumesAsOf, in: db)
    }

    /// The housing-market report of `year` under `scenario`, lending at the end of `asOf`.
    public func market(year: Int, scenario: String, asOf: Day) throws -> MarketReport {
        try MarketQuery.report(year: year, scenario: scenario, asOf: asOf, in: db)
    }

    /// Boverket's support need (SOU 2015:58, appendix 3) of every borrower with housing
    /// figures for `year`, under `parameters`, with lending at the year's end.
    public func support(year: Int, parameters: SupportParameters) throws -> SupportReport {
        try SupportQuery.report(year: year, parameters: parameters, in: db)
    }

    /// The latest approval of `year`'s follow-up, if any.
    public func latestApproval(year: Int) throws -> FollowUpApproval? { try FollowUpApprovals.latest(year: year, in: db) }
}
