import Ledger
import SQLite

/// One borrower in `report support`: who it is, its housing market, what it and its
/// member owe Kommuninvest at the year's end, its figures and the model's result.
public struct SupportBorrower: Sendable {
    /// The borrower's organisation number.
    public let orgNo: String
    /// Its name as of the year's end.
    public let name: String
    /// The member that owns it as of the year's end (the borrower itself for a municipality
    /// that borrows directly).
    public let memberOrgNo: String
    /// The member's name as of the year's end.
    public let memberName: String
    /// The housing-market class of the member's municipality (SOU 2015:58, appendix 2) in
    /// the latest year up to the report's year that has base bounds and a reading; nil
    /// when unknown (a region, or no reading).
    public let market: HousingMarketMark?
    /// Outstanding at the year's end on the borrower's own loans, öre.
    public let borrowerOutstanding: Ore
    /// Outstanding at the year's end on the member's own loans (0 when the member is the
    /// borrower: it is counted once, as the borrower's), öre.
    public let memberOutstanding: Ore
    /// The revision of the housing figures used (the one in force now).
    public let revision: Int
    /// The figures.
    public let input: HousingCompanyYear
    /// The three steps of the model under the report's parameters.
    public let need: SupportNeed

    /// What the borrower and its member owe Kommuninvest at the year's end.
    public var outstanding: Ore { borrowerOutstanding + memberOutstanding }
}

/// `report support --year Y`: Boverket's support-need model (SOU 2015:58, appendix 3) for
/// every borrower with housing figures for the year, beside what it owes.
public struct SupportReport: Sendable {
    /// The year of the figures.
    public let year: Int
    /// The assumptions the figures were computed under.
    public let parameters: SupportParameters
    /// The date of the lending figures: the year's last day.
    public let lendingAsOf: Day
    /// The borrowers, by organisation number.
    public let borrowers: [SupportBorrower]
    /// Every figure of the borrowers' needs added up.
    public let totals: SupportNeed
    /// What the borrowers and their members owe, each borrower and member counted once.
    public let totalOutstanding: Ore
}

/// Why `report support` cannot be made.
public enum SupportReportError: Error, Sendable, CustomStringConvertible {
    /// A figure of a borrower (or of the totals, `borrower` nil) does not fit in 64 bits.
    case overflow(borrower: String?, year: Int, detail: String)
    /// Two or more borrowers of one municipality (`municipality`, "Åsele kommun
    /// (212000-2460)") have figures for the year: the model takes one company per
    /// municipality (`HousingMunicipality`); hallbar refuses such rows, so these were
    /// written past it.
    case sharedMunicipality(year: Int, municipality: String, borrowers: [String])

    /// One line: which borrower, which figure.
    public var description: String {
        switch self {
        case let .overflow(borrower?, year, detail):
            return "the support need of \(borrower) for \(year) cannot be computed: \(detail)"
        case let .overflow(nil, year, detail):
            return "the totals of the support need for \(year) cannot be computed: \(detail)"
        case let .sharedMunicipality(year, municipality, borrowers):
            return "the support need for \(year) cannot be computed: \(municipality) has housing figures for \(year) on "
                + "\(borrowers.count) borrowers (\(borrowers.joined(separator: ", "))), written past hallbar, which refuses "
                + "them; " + HousingMunicipality.rule
        }
    }
}

/// The query behind `report support`, inside SQLite; the model itself is `SupportNeed`.
enum SupportQuery {
    /// Each borrower's figures for year ?2 (the revision in force now), its name and owner
    /// as of ?1 and its owner's name as of ?1.
    static var housingSQL: String {
        let figures = HousingCompanyYear.Field.figures.map { "h.\($0.column)" }.joined(separator: ", ")
        return """
            SELECT h.borrower_org_no, h.revision, b.name, b.owner_org_no, coalesce(m.name, b.owner_org_no), \(figures)
            FROM housing_company_years_current AS h
                 JOIN \(AsOf.versions("borrower_versions", at: "?1")) AS b ON b.org_no = h.borrower_org_no
                 LEFT JOIN \(AsOf.versions("member_versions", at: "?1")) AS m ON m.org_no = b.owner_org_no
            WHERE h.year = ?2
            ORDER BY h.borrower_org_no
            """
    }

    /// Outstanding per borrower at the end of ?1, every programme, each loan counted on
    /// the borrower of its revision in force on that date.
    static let outstandingSQL = """
        SELECT l.borrower_org_no, sum(e.balance_effect_ore)
        FROM \(AsOf.versions("loan_versions", at: "?1")) AS l
             JOIN ledger_entries AS e ON e.loan_id = l.loan_id AND e.value_date <= ?1
        GROUP BY l.borrower_org_no
        """

    /// The report for `year` under `parameters`.
    /// - Throws: `ReportError.unreadableStoredValue` for stored figures the model refuses
    ///   (changed outside hallbar), `SupportReportError.sharedMunicipality` for two borrowers
    ///   of one municipality, `SupportReportError.overflow`, `SQLiteError`.
    static func report(year: Int, parameters: SupportParameters, in db: Connection) throws -> SupportReport {
        guard let yearEnd = Day(year: year, month: 12, day: 31) else {
            throw ReportError.unreadableStoredValue(what: "year \(year)", detail: "not a year")
        }
        let date = yearEnd.description
        var owed: [String: Ore] = [:]
        try db.cached(outstandingSQL).forEach([date]) { row in owed[row.text(0) ?? ""] = row.int64(1) }
        let markets = try FollowUpQuery.housingMarkets(upTo: year, in: db)

        var borrowers: [SupportBorrower] = []
        let figures = HousingCompanyYear.Field.figures
        try db.cached(housingSQL).forEach([date, year]) { row in
            let orgNo = row.text(0) ?? ""
            let member = row.text(3) ?? ""
            let input: HousingCompanyYear
            do {
                input = try HousingFigures.input(year: Int64(year)) { field in
                    figures.firstIndex(of: field).map { row.int64(5 + $0) } ?? 0
                }
            } catch {
                throw ReportError.unreadableStoredValue(what: "the housing record of \(orgNo) for \(year)", detail: "\(error)")
            }
            let need: SupportNeed
            do { need = try SupportNeed.compute(input, parameters: parameters) } catch {
                throw SupportReportError.overflow(borrower: orgNo, year: year, detail: "\(error)")
            }
            borrowers.append(SupportBorrower(
                orgNo: orgNo, name: row.text(2) ?? "", memberOrgNo: member, memberName: row.text(4) ?? member,
                market: markets[member], borrowerOutstanding: owed[orgNo] ?? 0,
                memberOutstanding: member == orgNo ? 0 : owed[member] ?? 0,
                revision: Int(row.int64(1)), input: input, need: need))
        }
        // One company per municipality (HousingMunicipality): else its share and its population
        // loss would count once per company.
        let byMunicipality = Dictionary(grouping: borrowers, by: \.memberOrgNo)
        if let (member, shared) = byMunicipality.filter({ $0.value.count > 1 }).min(by: { $0.key < $1.key }) {
            throw SupportReportError.sharedMunicipality(year: year, municipality: "\(shared[0].memberName) (\(member))",
                                                        borrowers: shared.map(\.orgNo))
        }
        let totals: SupportNeed
        do { totals = try SupportNeed.totals(borrowers.map(\.need)) } catch {
            throw SupportReportError.overflow(borrower: nil, year: year, detail: error.description)
        }
        let parties = Set(borrowers.flatMap { [$0.orgNo, $0.memberOrgNo] })
        return SupportReport(year: year, parameters: parameters, lendingAsOf: yearEnd, borrowers: borrowers, totals: totals,
                             totalOutstanding: parties.reduce(0) { $0 + (owed[$1] ?? 0) })
    }
}
