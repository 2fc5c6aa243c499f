import Ledger
import SQLite

/// One municipality's housing-market index for the report year.
public struct MarketMunicipality: Sendable, Hashable {
    /// SCB's four-digit code.
    public let code: String
    /// The name as imported.
    public let name: String
    /// The index (kr/m²) the report classifies.
    public let index: Int64
    /// Its class under the year's bounds.
    public let marketClass: MarketClass
    /// Where the index comes from: observed (an average price), forecast, or model
    /// (computed by hallbar from the regression's inputs).
    public let basis: String
    /// The model's exact result where the model's inputs were given for the municipality and
    /// year (on this row or on a `model` row beside an observed one).
    public let modelIndex: String?
    /// The source as imported.
    public let source: String?
    /// True when a member of the cooperative has this municipality code.
    public let isMember: Bool
    /// The public-housing vacancy rate of 2013 where the appendix's table 13 lists it (> 6 %).
    public let vacancy2013: String?
}

/// Sustainable lending (green and social) on one class of housing market.
public struct MarketExposure: Sendable, Hashable {
    /// The class, or nil for borrowers whose member has no index for the year (a region,
    /// or a municipality without a reading).
    public let marketClass: MarketClass?
    /// Approved volume of green and social projects (approved or completed, decided by the date), öre.
    public let approved: Ore
    /// Outstanding on green and social loans at the date, öre.
    public let outstanding: Ore
    /// Number of those projects.
    public let projects: Int
    /// Distinct members (through the borrowers' owners) with such a project or loan.
    public let members: Int
}

/// The housing-market report: classes by municipality and the exposure of sustainable lending.
public struct MarketReport: Sendable {
    /// The year of the readings and bounds.
    public let year: Int
    /// The bounds used.
    public let bounds: ClassBounds
    /// The lending date.
    public let asOf: Day
    /// Every municipality with an index for the year, lowest index first.
    public let municipalities: [MarketMunicipality]
    /// One row per class in order (very weak first), then the unclassified row.
    public let exposure: [MarketExposure]
    /// Members with a municipality code but no index for the year (code, name).
    public let membersWithoutReading: [(code: String, name: String)]

    /// Totals over every row of `exposure`: they equal the green and social portfolio.
    /// (`MarketQuery.report` checked that these sums fit.)
    public var totalApproved: Ore { exposure.reduce(0) { $0 &+ $1.approved } }
    /// Outstanding over every row: green + social outstanding at `asOf`.
    public var totalOutstanding: Ore { exposure.reduce(0) { $0 &+ $1.outstanding } }
    /// Projects over every row.
    public var totalProjects: Int { exposure.reduce(0) { $0 + $1.projects } }
}

/// Why the market report cannot be made.
public enum MarketReportError: Error, Sendable, CustomStringConvertible {
    /// No bounds for the year and scenario; lists the ones there are.
    case noBounds(year: Int, scenario: String, available: [String])

    public var description: String {
        switch self {
        case let .noBounds(year, scenario, available):
            let list = available.isEmpty ? "none are recorded" : "there are bounds for " + available.joined(separator: ", ")
            return "no housing-market class bounds for \(year) (scenario \(scenario)): \(list)"
        }
    }
}

/// Queries of the housing-market context (SOU 2015:58, appendix 2), inside SQLite.
public enum MarketQuery {
    /// For each municipality, the reading the report uses for a year (?1): observed before
    /// forecast before model; with the model's result beside it where any row of that
    /// municipality and year has the model's inputs (Åsele 2012: observed 2 597, model 2 619).
    static let readings = """
        SELECT municipality_code, municipality, index_value, basis,
               coalesce(model_index, (SELECT max(m.model_index) FROM market_readings AS m
                                      WHERE m.municipality_code = r.municipality_code AND m.year = r.year)) AS model_index,
               source
        FROM (
            SELECT *, row_number() OVER (
                PARTITION BY municipality_code
                ORDER BY CASE basis WHEN 'observed' THEN 0 WHEN 'forecast' THEN 1 ELSE 2 END) AS preference
            FROM market_readings WHERE year = ?1) AS r
        WHERE preference = 1
        """

    /// The class bounds for a year and scenario.
    /// - Throws: `MarketReportError.noBounds` naming the years and scenarios there are.
    static func bounds(year: Int, scenario: String, in db: Connection) throws -> ClassBounds {
        var found: ClassBounds?
        try db.cached("SELECT very_weak_max, weak_max, strong_max FROM market_class_bounds WHERE year = ? AND scenario = ?")
            .forEach([year, scenario]) { row in
                found = try? ClassBounds(year: year, scenario: scenario, veryWeakMax: row.int64(0), weakMax: row.int64(1),
                                         strongMax: row.int64(2))
            }
        if let found { return found }
        let available = try db.rows("SELECT year || ' (' || scenario || ')' FROM market_class_bounds ORDER BY year, scenario")
            .compactMap { $0[0].string }
        throw MarketReportError.noBounds(year: year, scenario: scenario, available: available)
    }

    /// The class of each member's municipality for a year (members without a code or an
    /// index are absent). Used by the follow-up report to mark very weak markets.
    static func memberClasses(year: Int, bounds: ClassBounds, in db: Connection) throws -> [String: MarketClass] {
        var classes: [String: MarketClass] = [:]
        try db.cached("SELECT m.org_no, r.index_value FROM members_current AS m JOIN (\(readings)) AS r USING (municipality_code)")
            .forEach([year]) { row in classes[row.text(0) ?? ""] = bounds.classify(row.int64(1)) }
        return classes
    }

    /// The report for `year` under `scenario`'s bounds, with lending at the end of `asOf`.
    /// - Throws: `MarketReportError`, `SQLiteError`.
    public static func report(year: Int, scenario: String = ClassBounds.baseScenario, asOf: Day,
                              in db: Connection) throws -> MarketReport {
        let bounds = try self.bounds(year: year, scenario: scenario, in: db)
        let memberCodes = Set(try db.rows("SELECT DISTINCT municipality_code FROM members_current WHERE municipality_code IS NOT NULL")
            .compactMap { $0[0].string })
        var municipalities: [MarketMunicipality] = []
        let withVacancy = """
            SELECT r.*, v.vacancy_percent FROM (\(readings)) AS r LEFT JOIN vacancy_2013 AS v USING (municipality_code)
            ORDER BY r.index_value, r.municipality_code
            """
        try db.cached(withVacancy).forEach([year]) { row in
            let code = row.text(0) ?? ""
            municipalities.append(MarketMunicipality(
                code: code, name: row.text(1) ?? "", index: row.int64(2), marketClass: bounds.classify(row.int64(2)),
                basis: row.text(3) ?? "", modelIndex: row.text(4), source: row.text(5), isMember: memberCodes.contains(code),
                vacancy2013: row.text(6)))
        }
        let classOfMember = try memberClasses(year: year, bounds: bounds, in: db)

        struct Bucket { var approved: Ore = 0, outstanding: Ore = 0, projects = 0, members = Set<String>() }
        var buckets: [MarketClass?: Bucket] = [:]
        let date = asOf.description
        try db.cached("""
            SELECT b.owner_org_no, count(*), sum(p.approved_ore)
            FROM \(AsOf.projects(at: "?1")) AS p JOIN \(AsOf.versions("borrower_versions", at: "?1")) AS b ON b.org_no = p.borrower_org_no
            WHERE p.status IN ('approved', 'completed') AND p.decision_date <= ?1
            GROUP BY b.owner_org_no
            """).forEach([date]) { row in
            let owner = row.text(0) ?? ""
            var bucket = buckets[classOfMember[owner]] ?? Bucket()
            bucket.projects += Int(row.int64(1))
            try SumOverflow.add(&bucket.approved, row.int64(2), what: "the approved volumes")
            bucket.members.insert(owner)
            buckets[classOfMember[owner]] = bucket
        }
        try db.cached("""
            SELECT b.owner_org_no, sum(e.balance_effect_ore)
            FROM \(AsOf.versions("loan_versions", at: "?1")) AS l
                 JOIN \(AsOf.versions("borrower_versions", at: "?1")) AS b ON b.org_no = l.borrower_org_no
                 JOIN ledger_entries AS e ON e.loan_id = l.loan_id AND e.value_date <= ?1
            WHERE l.programme IN ('green', 'social')
            GROUP BY b.owner_org_no
            """).forEach([date]) { row in
            let owner = row.text(0) ?? ""
            let amount = row.int64(1)
            var bucket = buckets[classOfMember[owner]] ?? Bucket()
            try SumOverflow.add(&bucket.outstanding, amount, what: "the outstanding balances")
            if amount != 0 { bucket.members.insert(owner) }
            buckets[classOfMember[owner]] = bucket
        }
        let order: [MarketClass?] = MarketClass.allCases.sorted().map { Optional($0) } + [nil]
        let exposure = order.map { marketClass -> MarketExposure in
            let bucket = buckets[marketClass] ?? Bucket()
            return MarketExposure(marketClass: marketClass, approved: bucket.approved, outstanding: bucket.outstanding,
                                  projects: bucket.projects, members: bucket.members.count)
        }
        _ = try SumOverflow.total(exposure.map(\.approved), what: "the approved volumes")
        _ = try SumOverflow.total(exposure.map(\.outstanding), what: "the outstanding balances")
        let readingCodes = Set(municipalities.map(\.code))
        let without = try db.rows("""
            SELECT m.municipality_code, coalesce(x.name, m.name) FROM members_current AS m
            LEFT JOIN municipalities AS x USING (municipality_code)
            WHERE m.municipality_code IS NOT NULL ORDER BY m.municipality_code
            """).compactMap { row -> (code: String, name: String)? in
            guard let code = row[0].string, !readingCodes.contains(code) else { return nil }
            return (code, row[1].string ?? "")
        }
        return MarketReport(year: year, bounds: bounds, asOf: asOf, municipalities: municipalities, exposure: exposure,
                            membersWithoutReading: without)
    }
}
