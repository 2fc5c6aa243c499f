/// A green project as the impact report for a year sees it.
public struct ImpactProject: Sendable, Hashable {
    /// The project number.
    public let number: Int64
    /// The stored category.
    public let category: String
    /// The project's total cost (in force at the year's end), öre; `nil` when unknown.
    public let totalCost: Ore?
    /// Outstanding on all the project's loans at the end of the year (31 December), öre.
    public let outstanding: Ore

    /// A project's impact facts.
    public init(number: Int64, category: String, totalCost: Ore?, outstanding: Ore) {
        self.number = number
        self.category = category
        self.totalCost = totalCost
        self.outstanding = outstanding
    }
}

/// One metric of a project in a year's report (`metrics`: `metric`, `basis`, `value`,
/// `attributed`, `derived`).
public struct ImpactLine: Sendable, Hashable {
    /// What is measured; `ghg_avoided_tco2e` for a derived line.
    public let metric: ImpactMetric
    /// Actual where one is recorded, else expected; a derived line has its source's basis.
    public let basis: MetricBasis
    /// The project's whole annual value, exact (a derived value rounded at 10⁻⁷ t).
    public let value: Quantity
    /// value × share financed, rounded half away from zero at 10⁻⁷; `nil` without a share.
    public let attributed: Quantity?
    /// For a derived line: the energy metric it was derived from.
    public let derivedFrom: ImpactMetric?

    /// Whether the ledger derived this line from an energy metric (`derived`).
    public var isDerived: Bool { derivedFrom != nil }
}

/// One project in a year's report (`projects`).
public struct ProjectImpact: Sendable, Hashable {
    /// The project number (`project_number`).
    public let projectNumber: Int64
    /// The stored category (`category`).
    public let category: String
    /// The total cost, öre, when known.
    public let totalCost: Ore?
    /// Outstanding at the year's end, öre.
    public let outstanding: Ore
    /// min(outstanding ÷ total cost, 1) (`share_financed`); `nil` without a total cost.
    public let shareFinanced: Ratio?
    /// The metrics for the year: reported ones in vocabulary order, then derived ones.
    public let lines: [ImpactLine]

    /// Whether the project has an attributed metric this year (what coverage counts).
    public var hasAttributedMetric: Bool { shareFinanced != nil && !lines.isEmpty }
}

/// A metric and an amount of it.
public struct MetricAmount: Sendable, Hashable {
    /// The metric.
    public let metric: ImpactMetric
    /// The amount in `metric.unit`.
    public let value: Quantity
}

/// Attributed sums over a set of projects (a category or all of them).
public struct ImpactSums: Sendable, Hashable {
    /// The number of projects.
    public let projects: Int
    /// Outstanding at the year's end on all of them, öre.
    public let outstanding: Ore
    /// Outstanding on those with an attributed metric, öre.
    public let coveredOutstanding: Ore
    /// Attributed value per metric, derived tCO2e counted in `ghg_avoided_tco2e`; only the
    /// metrics that occur, in vocabulary order (`attributed`).
    public let attributed: [MetricAmount]
    /// Attributed `ghg_avoided_tco2e` ÷ outstanding in mnkr, rounded at 10⁻⁷ (`ghg_per_mnkr`);
    /// `nil` when nothing is outstanding or no avoided tCO2e is attributed.
    public let ghgPerMnkr: Quantity?
    /// coveredOutstanding ÷ outstanding (`coverage`); `nil` when nothing is outstanding.
    public let coverage: Ratio?

    /// The attributed sum of `metric`, `nil` when no project has it.
    public func attributed(_ metric: ImpactMetric) -> Quantity? {
        attributed.first { $0.metric == metric }?.value
    }
}

/// One category in a year's report (`categories`).
public struct CategoryImpact: Sendable, Hashable {
    /// The stored category (`category`).
    public let category: String
    /// The category's sums.
    public let sums: ImpactSums
}

/// The impact report for a year under one emission factor.
public struct ImpactReport: Sendable, Hashable {
    /// The year (`year`).
    public let year: Int
    /// The electricity factor used (`factor_g_per_kwh` is its `gramsPerKWh`); `nil` when none
    /// was in force, and then no tCO2e is derived.
    public let factor: EmissionFactor?
    /// Every project given, by category (framework order) and number (`projects`).
    public let projects: [ProjectImpact]
    /// Every category with a project (`categories`).
    public let categories: [CategoryImpact]
    /// All projects together.
    public let total: ImpactSums
    /// True when an energy metric could not be converted for want of a factor.
    public let isMissingFactor: Bool
}

/// A year's report as published (the factor in force at the year's end) beside the same
/// year under another factor (`--restate`: the one in force today).
public struct ImpactRestatement: Sendable, Hashable {
    /// Under the factor in force on 31 December of the year.
    public let published: ImpactReport
    /// Under the factor in force on the restatement date (`restated`).
    public let restated: ImpactReport

    /// Whether the two factors differ (else the two reports are the same).
    public var factorChanged: Bool { published.factor != restated.factor }
}

/// Why the impact report could not be computed.
public enum ImpactError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A sum does not fit in 64 bits.
    case overflow
    /// The same project number twice.
    case duplicateProject(Int64)
    /// A metric of the year for a project that was not given.
    case unknownProject(Int64)
    /// The same project, year, metric and basis twice.
    case duplicateMetric(project: Int64, metric: ImpactMetric, basis: MetricBasis)

    /// One line saying what is wrong.
    public var description: String {
        switch self {
        case .overflow: return "figures too large to add up"
        case let .duplicateProject(number): return "project \(number) is given twice"
        case let .unknownProject(number): return "a metric names project \(number), which is not a green project in the report"
        case let .duplicateMetric(project, metric, basis):
            return "project \(project) has two \(basis.rawValue) values of \(metric.rawValue) for the year"
        }
    }
}

/// Impact reporting (domain.md, "Impact metric" to "coverage"): per project the year's
/// metrics and the share financed, attributed values, tCO2e derived from energy metrics,
/// and sums per category and in total.
///
/// Arithmetic is exact integer arithmetic on `Quantity` (10⁻⁷ of a unit) and öre, with two
/// documented roundings, both half away from zero at 10⁻⁷ of the unit, far below what any
/// report prints: a derived tCO2e (MWh × g/kWh ÷ 1 000) and an attributed value (value ×
/// outstanding ÷ total cost). Sums add those exactly. Printing rounds again, for display
/// only (`Quantity.rounded(decimals:)`, `ImpactMetric.displayDecimals`).
///
/// Decisions where domain.md leaves room (also in the helper's report):
/// - Only metrics recorded *for the year* count; an expected value is not carried forward
///   from an earlier year (a missing re-report shows as missing, and in `report overdue`).
/// - A derived `ghg_avoided_tco2e` is added to any reported `ghg_avoided_tco2e` of the same
///   project, as domain.md says ("counted with the reported ones"); a borrower must not
///   report the avoided emissions of its electricity a second time.
/// - `ghg_per_mnkr` divides by the outstanding of *all* the group's projects (the literal
///   reading of domain.md), so it is diluted by projects without a total cost; `coverage`,
///   printed beside it, says by how much. `ghg_reduced_tco2e` is not in it (domain.md names
///   only `ghg_avoided_tco2e`).
/// - A project whose outstanding is 0 at the year's end has share 0 when its total cost is
///   known: it is attributed (zero) but adds nothing to coverage.
public enum Impact {
    /// The report for `year` with the factor in force at the end of the year.
    ///
    /// - Throws: `ImpactError` as `report(year:projects:metrics:factor:)` does.
    public static func report(year: Int, projects: [ImpactProject], metrics: [MetricRecord],
                              factors: EmissionFactorTable) throws(ImpactError) -> ImpactReport {
        try report(year: year, projects: projects, metrics: metrics, factor: factors.inForce(atEndOf: year))
    }

    /// The year as published and restated under the factor in force on `restatedOn`.
    ///
    /// - Throws: `ImpactError` as `report(year:projects:metrics:factor:)` does.
    public static func restatement(year: Int, projects: [ImpactProject], metrics: [MetricRecord],
                                   factors: EmissionFactorTable, restatedOn: Day) throws(ImpactError) -> ImpactRestatement {
        let published = try report(year: year, projects: projects, metrics: metrics, factors: factors)
        let restated = try report(year: year, projects: projects, metrics: metrics, factor: factors.inForce(on: restatedOn))
        return ImpactRestatement(published: published, restated: restated)
    }

    /// The report for `year` under `factor`.
    ///
    /// - Parameters:
    ///   - projects: the green projects to report, each with its outstanding at the year's end.
    ///   - metrics: metric records of any years; only `year`'s are used.
    ///   - factor: the electricity factor for derived tCO2e, or `nil` for none.
    /// - Throws: `ImpactError` for a project given twice, a metric of the year for a project
    ///   not given, the same metric and basis twice, or a sum that overflows.
    public static func report(year: Int, projects: [ImpactProject], metrics: [MetricRecord],
                              factor: EmissionFactor?) throws(ImpactError) -> ImpactReport {
        var chosen: [Int64: [ImpactMetric: MetricRecord]] = [:]
        var seen = Set<MetricKey>()
        var numbers = Set<Int64>()
        for project in projects where !numbers.insert(project.number).inserted { throw .duplicateProject(project.number) }
        for record in metrics where record.year == year {
            guard numbers.contains(record.projectNumber) else { throw .unknownProject(record.projectNumber) }
            guard seen.insert(MetricKey(project: record.projectNumber, metric: record.metric, basis: record.basis)).inserted else {
                throw .duplicateMetric(project: record.projectNumber, metric: record.metric, basis: record.basis)
            }
            var byMetric = chosen[record.projectNumber] ?? [:]
            if byMetric[record.metric]?.basis != .actual { byMetric[record.metric] = record }
            chosen[record.projectNumber] = byMetric
        }

        var missingFactor = false
        var reported: [ProjectImpact] = []
        for project in projects {
            let share = shareFinanced(outstanding: project.outstanding, totalCost: project.totalCost)
            let byMetric = chosen[project.number] ?? [:]
            var lines: [ImpactLine] = []
            var derived: [ImpactLine] = []
            for metric in ImpactMetric.allCases {
                guard let record = byMetric[metric] else { continue }
                lines.append(ImpactLine(metric: metric, basis: record.basis, value: record.value,
                                        attributed: try attribute(record.value, project: project, share: share),
                                        derivedFrom: nil))
                guard metric.isEnergy else { continue }
                guard let factor else { missingFactor = true; continue }
                guard let tonnes = factor.tonnesCO2e(forMWh: record.value) else { throw .overflow }
                derived.append(ImpactLine(metric: .ghgAvoided, basis: record.basis, value: tonnes,
                                          attributed: try attribute(tonnes, project: project, share: share),
                                          derivedFrom: metric))
            }
            reported.append(ProjectImpact(projectNumber: project.number, category: project.category,
                                          totalCost: project.totalCost, outstanding: project.outstanding,
                                          shareFinanced: share, lines: lines + derived))
        }
        let order = GreenCategory.ordered(reported.map(\.category))
        let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        reported.sort { (rank[$0.category]!, $0.projectNumber) < (rank[$1.category]!, $1.projectNumber) }

        var categories: [CategoryImpact] = []
        for category in order {
            categories.append(CategoryImpact(category: category,
                                             sums: try sums(reported.filter { $0.category == category })))
        }
        return ImpactReport(year: year, factor: factor, projects: reported, categories: categories,
                            total: try sums(reported), isMissingFactor: missingFactor)
    }

    /// min(outstanding ÷ total cost, 1); `nil` without a positive total cost. A negative
    /// outstanding (impossible in a ledger whose balances never go negative) counts as 0.
    public static func shareFinanced(outstanding: Ore, totalCost: Ore?) -> Ratio? {
        guard let totalCost, totalCost > 0 else { return nil }
        return Ratio(min(max(outstanding, 0), totalCost), totalCost)
    }

    /// value × share, rounded half away from zero at 10⁻⁷; `nil` without a share.
    private static func attribute(_ value: Quantity, project: ImpactProject, share: Ratio?) throws(ImpactError) -> Quantity? {
        guard let share else { return nil }
        guard let units = ExactArithmetic.roundedMulDiv(value.units, share.numerator, share.denominator) else {
            throw .overflow
        }
        return Quantity(units: units)
    }

    private static func sums(_ projects: [ProjectImpact]) throws(ImpactError) -> ImpactSums {
        var outstanding: Ore = 0, covered: Ore = 0
        var totals: [ImpactMetric: Int64] = [:]
        for project in projects {
            outstanding = try add(outstanding, project.outstanding)
            if project.hasAttributedMetric { covered = try add(covered, project.outstanding) }
            for line in project.lines {
                guard let attributed = line.attributed else { continue }
                totals[line.metric] = try add(totals[line.metric] ?? 0, attributed.units)
            }
        }
        let attributed = ImpactMetric.allCases.compactMap { metric in
            totals[metric].map { MetricAmount(metric: metric, value: Quantity(units: $0)) }
        }
        var perMnkr: Quantity?
        if outstanding > 0, let ghg = totals[.ghgAvoided] {
            // tCO2e × 10⁷ units × 10⁸ öre per mnkr ÷ outstanding öre = (t per mnkr) × 10⁷.
            guard let units = ExactArithmetic.roundedMulDiv(ghg, 100_000_000, outstanding) else { throw .overflow }
            perMnkr = Quantity(units: units)
        }
        return ImpactSums(projects: projects.count, outstanding: outstanding, coveredOutstanding: covered,
                          attributed: attributed, ghgPerMnkr: perMnkr, coverage: Ratio(covered, outstanding))
    }

    private static func add(_ a: Int64, _ b: Int64) throws(ImpactError) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        guard !overflow else { throw .overflow }
        return sum
    }

    private struct MetricKey: Hashable {
        let project: Int64
        let metric: ImpactMetric
        let basis: MetricBasis
    }
}

extension Quantity {
    /// The value rounded half away from zero to `decimals` decimals (0…7), for display only:
    /// `Quantity.parse("78,75").rounded(decimals: 0)` is 79, `-2,5` gives -3.
    public func rounded(decimals: Int) -> Quantity {
        let kept = Swift.min(Swift.max(decimals, 0), Quantity.maxFractionDigits)
        guard let step = ExactArithmetic.powerOfTen(Quantity.maxFractionDigits - kept),
              let steps = ExactArithmetic.roundedDiv(units, step) else { return self }
        let (scaled, overflow) = steps.multipliedReportingOverflow(by: step)
        return overflow ? self : Quantity(units: scaled)
    }
}
