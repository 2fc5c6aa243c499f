import Ledger
import SQLite

/// One indicator a borrower is asked to report for a year.
public struct ReadingRequest: Sendable, Hashable {
    public let indicatorID: String
    public let projectNumber: Int64
    public let projectTitle: String
    public let goal: String
    /// The indicator's text.
    public let name: String
    public let area: String?
    public let unit: String?
    /// The target as written for display.
    public let targetText: String
    /// The reading of the year before, as written, if any.
    public let previousValue: String?
    /// The year's reading already recorded (as written, its revision in force now), if any.
    public let value: String?
    /// The day (UTC) the year's reading was first recorded, if it was.
    public let recordedOn: String?
}

/// One impact metric of a green project a borrower is asked to report (its actual value)
/// for a year: the metrics the project has had a value of in that year or before.
public struct MetricRequest: Sendable {
    public let projectNumber: Int64
    public let projectTitle: String
    public let metric: ImpactMetric
    /// The expected value recorded for the year, if any.
    public let expected: Quantity?
    /// The year before's value: actual where there is one, else expected.
    public let previous: (value: Quantity, basis: MetricBasis)?
    /// The actual value already recorded for the year, if any.
    public let value: Quantity?
    /// The day (UTC) the actual value was first recorded, if it was.
    public let recordedOn: String?
}

/// The annual reporting form of one borrower (domain.md, "The annual reporting cycle"):
/// its indicators under follow-up and its green projects' metrics for the year, with last
/// year's values and the columns to fill.
///
/// The form's tables have exactly the columns of `import readings` and `import metrics`
/// (`indicator_id, year, value` and `project_number, year, metric, basis, value`) plus the
/// context columns below, which those imports accept as optional and ignore: a filled-in
/// form imports back without edits.
public struct RequestForm: Sendable {
    /// The context columns of the readings table, accepted and ignored by `import readings`.
    public static let readingContextColumns = [
        "borrower_org_no", "borrower_name", "project_number", "project_title", "goal", "indicator_name", "area", "unit",
        "target_text", "previous_year", "previous_value",
    ]
    /// The context columns of the metrics table, accepted and ignored by `import metrics`.
    public static let metricContextColumns = [
        "borrower_org_no", "borrower_name", "project_title", "unit", "expected_value", "previous_year", "previous_value",
        "previous_basis",
    ]

    public let year: Int
    public let borrowerOrgNo: String
    public let borrowerName: String
    public let readings: [ReadingRequest]
    public let metrics: [MetricRequest]
}

/// What one borrower has not reported for a year by a date (`report overdue`).
public struct OverdueBorrower: Sendable {
    public let borrowerOrgNo: String
    public let name: String
    /// Indicators without a reading for the year recorded by the date.
    public let indicators: [ReadingRequest]
    /// Metrics without an actual value for the year recorded by the date.
    public let metrics: [MetricRequest]
}

/// Reads the reporting forms and what is overdue.
///
/// A borrower is asked, for year Y, for
/// - a reading of every indicator of its social projects under follow-up for Y (approved
///   or completed at the year's end, as the follow-up selects them), and
/// - the actual value of every metric its green projects (approved or completed and
///   decided by the year's end) have had a value of in Y or an earlier year.
/// Something counts as reported by D when it was first recorded on or before D (the UTC
/// date of its revision 1).
public enum RequestForms {
    static let readingsSQL = """
        SELECT p.borrower_org_no, i.indicator_id, i.project_number, p.title, i.goal, i.name, i.area, i.unit,
               coalesce(i.target_text, i.target),
               (SELECT r.value_text FROM readings_current AS r WHERE r.indicator_id = i.indicator_id AND r.year = ?1 - 1),
               (SELECT r.value_text FROM readings_current AS r WHERE r.indicator_id = i.indicator_id AND r.year = ?1),
               (SELECT substr(r.recorded_at, 1, 10) FROM readings AS r WHERE r.indicator_id = i.indicator_id AND r.year = ?1)
        FROM indicators_current AS i JOIN \(AsOf.projects(at: "?2")) AS p ON p.project_number = i.project_number
        WHERE p.programme = 'social' AND p.status IN ('approved', 'completed') AND (\(FollowUpQuery.inScope.replacingEvery("?2", with: "?1")))
        ORDER BY p.borrower_org_no, i.project_number, i.seq
        """

    static let metricProjectsSQL = """
        SELECT p.borrower_org_no, p.project_number, p.title
        FROM \(AsOf.projects(at: "?2")) AS p
        WHERE p.programme = 'green' AND p.status IN ('approved', 'completed') AND p.decision_date <= ?2
          AND EXISTS (SELECT 1 FROM impact_metrics AS m WHERE m.project_number = p.project_number AND m.year <= ?1)
        ORDER BY p.borrower_org_no, p.project_number
        """

    static let metricsSQL = """
        SELECT m.project_number, m.year, m.metric, m.basis, m.value,
               (SELECT substr(b.recorded_at, 1, 10) FROM impact_metrics AS b WHERE b.project_number = m.project_number
                  AND b.year = m.year AND b.metric = m.metric AND b.basis = m.basis)
        FROM impact_metrics_current AS m WHERE m.year <= ?1
        """

    /// The forms of `year`, one per borrower with something to report, by organisation
    /// number; only `borrower`'s when given.
    /// - Throws: `ReportError.unreadableStoredValue`, `SQLiteError`.
    public static func forms(year: Int, borrower: String? = nil, in db: Connection) throws -> [RequestForm] {
        let yearEnd = Day.endOfYear(year).description
        var readings: [String: [ReadingRequest]] = [:]
        try db.cached(readingsSQL).forEach([year, yearEnd]) { row in
            let org = row.text(0) ?? ""
            readings[org, default: []].append(ReadingRequest(
                indicatorID: row.text(1) ?? "", projectNumber: row.int64(2), projectTitle: row.text(3) ?? "",
                goal: row.text(4) ?? "", name: row.text(5) ?? "", area: FollowUpQuery.nonEmpty(row.text(6)),
                unit: FollowUpQuery.nonEmpty(row.text(7)), targetText: row.text(8) ?? "", previousValue: row.text(9),
                value: row.text(10), recordedOn: row.text(11)))
        }
        // Every metric value up to the year: (project, metric) → year → basis → (value, first recorded).
        var values: [Int64: [ImpactMetric: [Int: [MetricBasis: (Quantity, String?)]]]] = [:]
        try db.cached(metricsSQL).forEach([year]) { row in
            let project = row.int64(0)
            guard let metric = row.text(2).flatMap(ImpactMetric.init(rawValue:)),
                  let basis = row.text(3).flatMap(MetricBasis.init(rawValue:)),
                  let value = try? Quantity.parse(row.text(4) ?? "") else {
                throw ReportError.unreadableStoredValue(what: "metric of project \(project) for \(row.int64(1))", detail: "metric, basis or value")
            }
            values[project, default: [:]][metric, default: [:]][Int(row.int64(1)), default: [:]][basis] = (value, row.text(5))
        }
        var metrics: [String: [MetricRequest]] = [:]
        try db.cached(metricProjectsSQL).forEach([year, yearEnd]) { row in
            let org = row.text(0) ?? ""
            let project = row.int64(1)
            for metric in ImpactMetric.allCases {
                guard let byYear = values[project]?[metric] else { continue }
                let before = byYear[year - 1]
                let previous = (before?[.actual] ?? before?[.expected]).map { ($0.0, before?[.actual] != nil ? MetricBasis.actual : .expected) }
                let current = byYear[year]
                metrics[org, default: []].append(MetricRequest(
                    projectNumber: project, projectTitle: row.text(2) ?? "", metric: metric, expected: current?[.expected]?.0,
                    previous: previous, value: current?[.actual]?.0, recordedOn: current?[.actual]?.1 ?? nil))
            }
        }
        var names: [String: String] = [:]
        try db.cached("SELECT org_no, name FROM borrowers_current").forEach { row in names[row.text(0) ?? ""] = row.text(1) }
        let borrowers = Set(readings.keys).union(metrics.keys).filter { borrower == nil || $0 == borrower }.sorted()
        return borrowers.map { org in
            RequestForm(year: year, borrowerOrgNo: org, borrowerName: names[org] ?? "", readings: readings[org] ?? [],
                        metrics: metrics[org] ?? [])
        }
    }

    /// Per borrower, what has not been reported for `year` by the end of `asOf`: borrowers
    /// with nothing missing are left out.
    /// - Throws: as `forms`.
    public static func overdue(year: Int, asOf: Day, in db: Connection) throws -> [OverdueBorrower] {
        let date = asOf.description
        func missing(_ recordedOn: String?) -> Bool { recordedOn.map { $0 > date } ?? true }
        return try forms(year: year, in: db).compactMap { form in
            let indicators = form.readings.filter { missing($0.recordedOn) }
            let metrics = form.metrics.filter { missing($0.recordedOn) }
            guard !indicators.isEmpty || !metrics.isEmpty else { return nil }
            return OverdueBorrower(borrowerOrgNo: form.borrowerOrgNo, name: form.borrowerName, indicators: indicators, metrics: metrics)
        }
    }
}

extension LedgerRead {
    /// The allocation at the end of `asOf` (`report allocation`).
    public func allocation(asOf: Day) throws -> AllocationReport { try AllocationQuery.report(asOf: asOf, in: db) }

    /// The impact report of `year` with the metric and factor revisions in force at the end of
    /// `revisionsAsOf` and, with `restatedOn`, the year restated: every revision in force on
    /// that date and the factor that applies on it (`report impact [--restate]`).
    public func impact(year: Int, revisionsAsOf: Day, restatedOn: Day? = nil) throws -> (published: ImpactReport, restated: ImpactReport?) {
        try ImpactQuery.report(year: year, revisionsAsOf: revisionsAsOf, restatedOn: restatedOn, in: db)
    }

    /// The allocation at the end of `asOf` and the impact of `year` (the revisions in force
    /// today), for the follow-up's first page: when `asOf` is the year's last day the loans are read once, and
    /// each green project's outstanding comes from its loans' positions (the sum
    /// `ImpactQuery.outstandingSQL` would give).
    public func allocationAndImpact(asOf: Day, year: Int) throws -> (allocation: AllocationReport, impact: ImpactReport) {
        let loans = try AllocationQuery.loans(asOf: asOf, in: db)
        let allocation = try AllocationQuery.report(asOf: asOf, loans: loans, in: db)
        guard asOf == Day.endOfYear(year) else { return (allocation, try ImpactQuery.report(year: year, revisionsAsOf: Day.today(), restatedOn: nil, in: db).published) }
        var outstanding: [Int64: Ore] = [:]
        for loan in loans where loan.programme == .green {
            if let project = loan.projectNumber { outstanding[project, default: 0] &+= loan.position.outstanding }
        }
        return (allocation, try ImpactQuery.report(year: year, revisionsAsOf: Day.today(), restatedOn: nil, outstanding: outstanding,
                                             in: db).published)
    }

    /// The reporting forms of `year`, one per borrower (`report requests`).
    public func requestForms(year: Int, borrower: String? = nil) throws -> [RequestForm] {
        try RequestForms.forms(year: year, borrower: borrower, in: db)
    }

    /// What has not been reported for `year` by the end of `asOf`, per borrower (`report overdue`).
    public func overdue(year: Int, asOf: Day) throws -> [OverdueBorrower] {
        try RequestForms.overdue(year: year, asOf: asOf, in: db)
    }
}
