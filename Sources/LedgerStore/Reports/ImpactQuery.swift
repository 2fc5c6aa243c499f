import Ledger
import SQLite

/// `report impact --year Y [--restate]` read from the ledger (domain.md, "Impact metric" to
/// "coverage"): the green projects at the year's end, their outstanding, the year's metrics
/// and the emission factors, handed to `Impact`.
public enum ImpactQuery {
    /// The green projects at ?1 (the year's last day): the revision in force then (total
    /// cost, category, status), or revision 1 of a project decided later.
    public static let projectsSQL = """
        SELECT project_number, category, total_cost_ore, status, decision_date
        FROM \(AsOf.projects(at: "?1")) WHERE programme = 'green'
        """

    /// Outstanding at ?1 per green project: each loan under the project and programme in
    /// force on ?1, with all its entries up to ?1 (the covering index alone), as
    /// `report allocation` counts it on the same date.
    public static let outstandingSQL = """
        SELECT l.project_number,
               sum((SELECT coalesce(sum(e.balance_effect_ore), 0) FROM ledger_entries AS e
                    WHERE e.loan_id = l.loan_id AND e.value_date <= ?1)) AS outstanding_ore
        FROM \(AsOf.versions("loan_versions", at: "?1")) AS l
        WHERE l.programme = 'green'
        GROUP BY l.project_number
        """

    /// The year ?1's metrics, each in its revision in force at the end of ?2 (the revisions
    /// date: an amendment that takes effect later is not there yet).
    public static let metricsSQL = """
        SELECT project_number, year, metric, basis, value FROM \(AsOf.versions("impact_metric_versions", at: "?2")) WHERE year = ?1
        """

    /// Every emission factor in its revision in force at the end of ?1 (the revisions date).
    public static let factorsSQL = """
        SELECT name, applies_from, g_per_kwh, source FROM \(AsOf.versions("emission_factor_versions", at: "?1"))
        """

    /// The year's report and, with `restatedOn`, the year restated (docs/reports.md, "report impact").
    ///
    /// - Parameters:
    ///   - revisionsAsOf: the metric and factor revisions of the report: those in force at the
    ///     end of this day (an amendment that takes effect later is left out). The factor is the
    ///     one that applies on 31 December of the year.
    ///   - restatedOn: the restatement's day: every revision in force at its end, and the
    ///     factor that applies on it.
    ///
    /// The projects reported are the green projects approved or completed at the year's end
    /// and decided by then, and any other green project with money outstanding at the
    /// year's end or a metric for the year (so nothing recorded is left out).
    /// - Throws: `ReportError.unreadableStoredValue`, `SQLiteError`.
    public static func report(year: Int, revisionsAsOf: Day, restatedOn: Day?,
                              in db: Connection) throws -> (published: ImpactReport, restated: ImpactReport?) {
        var outstanding: [Int64: Ore] = [:]
        try db.cached(outstandingSQL).forEach([Day.endOfYear(year).description]) { row in
            if !row.isNull(0) { outstanding[row.int64(0)] = row.int64(1) }
        }
        return try report(year: year, revisionsAsOf: revisionsAsOf, restatedOn: restatedOn, outstanding: outstanding, in: db)
    }

    /// The year's report given each green project's outstanding at the year's end (as
    /// `outstandingSQL` sums it, or from `AllocationQuery.loans` as of the year's end).
    static func report(year: Int, revisionsAsOf: Day, restatedOn: Day?, outstanding: [Int64: Ore],
                       in db: Connection) throws -> (published: ImpactReport, restated: ImpactReport?) {
        let yearEnd = Day.endOfYear(year)
        let metrics = try self.metrics(year: year, revisionsAsOf: revisionsAsOf, in: db)
        let restatedMetrics = try restatedOn.map { try self.metrics(year: year, revisionsAsOf: $0, in: db) }
        let withMetrics = Set(metrics.map(\.projectNumber) + (restatedMetrics ?? []).map(\.projectNumber))
        var projects: [ImpactProject] = []
        try db.cached(projectsSQL).forEach([yearEnd.description]) { row in
            let number = row.int64(0)
            let counted = (row.text(3) == "approved" || row.text(3) == "completed") && (row.text(4) ?? "") <= yearEnd.description
            guard counted || (outstanding[number] ?? 0) != 0 || withMetrics.contains(number) else { return }
            projects.append(ImpactProject(number: number, category: row.text(1) ?? "",
                                          totalCost: row.isNull(2) ? nil : row.int64(2), outstanding: outstanding[number] ?? 0))
        }
        // In the report's order already (category in framework order, then number), so that
        // `Impact`'s stable sort has nothing to move.
        let rank = Dictionary(uniqueKeysWithValues: GreenCategory.ordered(projects.map(\.category)).enumerated().map { ($1, $0) })
        projects = projects.map { (rank[$0.category] ?? 0, $0) }.sorted { ($0.0, $0.1.number) < ($1.0, $1.1.number) }.map(\.1)
        do {
            let published = try Impact.report(year: year, projects: projects, metrics: metrics,
                                              factors: try factorTable(revisionsAsOf: revisionsAsOf, in: db))
            guard let restatedOn, let restatedMetrics else { return (published, nil) }
            let restated = try Impact.report(year: year, projects: projects, metrics: restatedMetrics,
                                             factor: try factorTable(revisionsAsOf: restatedOn, in: db).inForce(on: restatedOn))
            return (published, restated)
        } catch let error as ImpactError {
            throw ReportError.unreadableStoredValue(what: "impact for \(year)", detail: error.description)
        }
    }

    /// The metrics of `year` in their revisions in force at the end of `revisionsAsOf`.
    static func metrics(year: Int, revisionsAsOf: Day, in db: Connection) throws -> [MetricRecord] {
        var metrics: [MetricRecord] = []
        try db.cached(metricsSQL).forEach([year, revisionsAsOf.description] as [any SQLBindable]) { row in
            let what = "metric \(row.text(2) ?? "?") of project \(row.int64(0)) for \(year)"
            guard let metric = row.text(2).flatMap(ImpactMetric.init(rawValue:)),
                  let basis = row.text(3).flatMap(MetricBasis.init(rawValue:)),
                  let value = try? Quantity.parse(row.text(4) ?? "") else {
                throw ReportError.unreadableStoredValue(what: what, detail: "metric, basis or value")
            }
            metrics.append(MetricRecord(projectNumber: row.int64(0), year: year, metric: metric, basis: basis, value: value))
        }
        return metrics
    }

    /// Every emission factor in its revision in force at the end of `revisionsAsOf`, as a
    /// table that says which factor applies on a day.
    static func factorTable(revisionsAsOf: Day, in db: Connection) throws -> EmissionFactorTable {
        var factors: [EmissionFactor] = []
        try db.cached(factorsSQL).forEach([revisionsAsOf.description]) { row in
            let what = "emission factor \(row.text(0) ?? "?") from \(row.text(1) ?? "?")"
            guard let name = row.text(0).flatMap(EmissionFactorName.init(rawValue:)),
                  let from = row.text(1).flatMap({ try? Day.parse($0) }),
                  let grams = row.text(2).flatMap({ try? Quantity.parse($0) }) else {
                throw ReportError.unreadableStoredValue(what: what, detail: "name, date or g per kWh")
            }
            factors.append(EmissionFactor(name: name, validFrom: from, gramsPerKWh: grams, source: row.text(3) ?? ""))
        }
        do { return try EmissionFactorTable(factors) } catch {
            throw ReportError.unreadableStoredValue(what: "emission factors", detail: error.description)
        }
    }
}
