import Ledger
import SQLite

/// Reads the annual follow-up from the ledger and applies the follow-up rule
/// (`FollowUpRule.assess`) to each indicator.
///
/// Projects under follow-up are social projects with status approved or completed that
/// have at least one indicator. Only readings up to the report year are read, so a report's
/// cost does not grow with later years.
public enum FollowUpQuery {
    /// The follow-up of `year`, for every project or only `project`.
    ///
    /// - Parameter volumesAsOf: the date of each project's approved / disbursed figures
    ///   (default: the last day of `year`).
    /// - Throws: `ReportError.projectNotUnderFollowUp` when `project` is given and is not
    ///   under follow-up; `ReportError.unreadableStoredValue` for a stored target or value
    ///   the domain cannot read; `SQLiteError`.
    static func report(year: Int, project: Int64? = nil, volumesAsOf: Day? = nil, in db: Connection) throws -> FollowUpReport {
        let asOf = volumesAsOf ?? Day.endOfYear(year)
        let projectRows = try db.rows("""
            SELECT p.project_number, p.title, p.category, b.name AS borrower, m.name AS member, m.org_no AS member_org_no,
                   p.decision_date, p.status,
                   p.physical_investment, p.social_intervention, p.social_goals
            FROM \(AsOf.projects(at: "?3")) AS p
            JOIN \(AsOf.versions("borrower_versions", at: "?3")) AS b ON b.org_no = p.borrower_org_no
            JOIN \(AsOf.versions("member_versions", at: "?3")) AS m ON m.org_no = b.owner_org_no
            WHERE p.programme = 'social' AND p.status IN ('approved', 'completed')
              AND EXISTS (SELECT 1 FROM indicators AS i WHERE i.project_number = p.project_number)
              AND (\(FollowUpQuery.inScope))
              AND (?1 IS NULL OR p.project_number = ?1)
            ORDER BY p.project_number
            """, [project, year, asOf.description])
        if let project, projectRows.isEmpty { throw ReportError.projectNotUnderFollowUp(project: Int(project)) }
        let numbers = projectRows.compactMap { $0.int64("project_number") }
        let volumes = try SocialPortfolioQuery.volumes(of: numbers, asOf: asOf, in: db)
        let indicators = try readIndicators(year: year, project: project, asOf: asOf, in: db)
        let decisions = try Decisions.inForce(year: year, in: db)
        let approval = try FollowUpApprovals.latest(year: year, in: db)
        let frozen = try approval.map { try FollowUpApprovals.frozenStatuses(approvalID: $0.id, in: db) } ?? [:]
        let markets = try housingMarkets(upTo: year, in: db)

        var projects: [FollowUpProject] = []
        for row in projectRows {
            guard let number = row.int64("project_number") else { continue }
            let lines = (indicators[number] ?? []).map { stored in
                stored.followUp(year: year, frozen: frozen[stored.id], yearIsApproved: approval != nil, decision: decisions[stored.id])
            }
            projects.append(FollowUpProject(
                number: number, title: row.string("title") ?? "", category: row.string("category") ?? "",
                borrower: row.string("borrower") ?? "", member: row.string("member") ?? "",
                decisionDate: row.string("decision_date") ?? "", status: row.string("status") ?? "",
                physicalInvestment: nonEmpty(row.string("physical_investment")),
                socialIntervention: nonEmpty(row.string("social_intervention")),
                socialGoals: (row.string("social_goals") ?? "").split(separator: ";").map { $0.trimmingSpaces() }.filter { !$0.isEmpty },
                volumes: volumes[number] ?? ProjectVolumes(approved: 0, disbursed: 0, outstanding: 0),
                indicators: lines, housingMarket: markets[row.string("member_org_no") ?? ""]))
        }
        let order = SocialCategory.ordered(projects.map(\.category))
        projects.sort { a, b in
            let ia = order.firstIndex(of: a.category) ?? 0, ib = order.firstIndex(of: b.category) ?? 0
            return ia != ib ? ia < ib : a.number < b.number
        }
        return FollowUpReport(year: year, volumesAsOf: asOf, projects: projects, approval: approval)
    }

    /// Each member's housing-market class in the latest year up to `year` that has base
    /// bounds and a reading for the member's municipality.
    static func housingMarkets(upTo year: Int, in db: Connection) throws -> [String: HousingMarketMark] {
        let years = try db.rows(
            "SELECT year FROM market_class_bounds WHERE scenario = ? AND year <= ? ORDER BY year DESC",
            [ClassBounds.baseScenario, year]).compactMap { $0[0].int64 }
        var marks: [String: HousingMarketMark] = [:]
        for marketYear in years.map(Int.init) {
            let bounds = try MarketQuery.bounds(year: marketYear, scenario: ClassBounds.baseScenario, in: db)
            for (member, marketClass) in try MarketQuery.memberClasses(year: marketYear, bounds: bounds, in: db)
            where marks[member] == nil {
                marks[member] = HousingMarketMark(year: marketYear, marketClass: marketClass)
            }
        }
        return marks
    }

    /// A project `p` is under follow-up for year ?2 when it was decided by the end of the year
    /// or one of its indicators has a baseline or a reading in or before the year; so a
    /// year before anything was measured or decided (1999) has nothing to follow up.
    static let inScope = """
        p.decision_date <= ?2 || '-12-31'
        OR EXISTS (SELECT 1 FROM indicators_current AS x WHERE x.project_number = p.project_number AND x.baseline_year <= ?2)
        OR EXISTS (SELECT 1 FROM indicators AS x JOIN readings_current AS r ON r.indicator_id = x.indicator_id
                   WHERE x.project_number = p.project_number AND r.year <= ?2)
        """

    /// An indicator as stored, with its readings up to the year.
    struct StoredIndicator {
        let id: String
        let area: String?
        let goal: String
        let name: String
        let unit: String?
        let direction: Direction
        let tolerance: Quantity
        let target: Target
        let targetText: String
        let targetYear: Int?
        var history: IndicatorHistory
        var referenceValue: Quantity?

        func followUp(year: Int, frozen: FrozenIndicatorStatus?, yearIsApproved: Bool, decision: IndicatorDecision?) -> FollowUpIndicator {
            let current = FollowUpRule.assess(
                history: history, year: year, direction: direction, tolerance: tolerance, target: target,
                targetYear: targetYear, referenceValue: referenceValue, decision: decision?.decision)
            return FollowUpIndicator(
                id: id, area: area, goal: goal, name: name, unit: unit, direction: direction, target: target,
                targetText: targetText, targetYear: targetYear, history: history, referenceValue: referenceValue,
                current: current, decision: decision, frozen: frozen, yearIsApproved: yearIsApproved)
        }
    }

    /// Indicators of the projects under follow-up by project number (their revisions in
    /// force now: a corrected indicator counts at once), each with its readings up to
    /// `year` (their latest revisions) and its reference value for `year`.
    static func readIndicators(year: Int, project: Int64?, asOf: Day, in db: Connection) throws -> [Int64: [StoredIndicator]] {
        let scope = """
            SELECT i.indicator_id FROM indicators AS i JOIN \(AsOf.projects(at: "?3")) AS p ON p.project_number = i.project_number
            WHERE p.programme = 'social' AND p.status IN ('approved', 'completed') AND (?2 IS NULL OR p.project_number = ?2)
              AND (\(FollowUpQuery.inScope.replacingEvery("?2", with: "?1")))
            """
        var references: [String: String] = [:]
        try db.cached("SELECT name, value FROM reference_values_current WHERE year = ?1").forEach([year]) { row in
            references[row.text(0) ?? ""] = row.text(1)
        }
        var byID: [String: StoredIndicator] = [:]
        var order: [(Int64, String)] = []
        let indicatorSQL = """
            SELECT i.indicator_id, i.project_number, i.area, i.goal, i.name, i.unit, i.direction, i.baseline_value,
                   i.baseline_year, i.target, i.target_text, i.target_year, i.tolerance
            FROM indicators_current AS i WHERE ?1 IS NOT NULL AND i.indicator_id IN (\(scope))
            ORDER BY i.project_number, i.seq
            """
        try db.cached(indicatorSQL).forEach([year, project, asOf.description]) { row in
            let id = row.text(0) ?? ""
            let what = "indicator \(id)"
            let target: Target
            do { target = try Target.parse(row.text(9) ?? "") } catch {
                throw ReportError.unreadableStoredValue(what: what, detail: "target: \(error)")
            }
            guard let direction = row.text(6).flatMap(Direction.init(rawValue:)) else {
                throw ReportError.unreadableStoredValue(what: what, detail: "direction \(row.text(6) ?? "NULL")")
            }
            var baseline: ReadingValue?
            if let text = nonEmpty(row.text(7)) {
                do { baseline = try ReadingValue.parse(text) } catch {
                    throw ReportError.unreadableStoredValue(what: what, detail: "baseline: \(error)")
                }
            }
            let tolerance = (try? Quantity.parse(row.text(12) ?? "0")) ?? .zero
            var reference: Quantity?
            if let name = target.referenceName, let text = references[name] {
                do { reference = try Quantity.parse(text) } catch {
                    throw ReportError.unreadableStoredValue(what: "reference value for \(id)", detail: "\(error)")
                }
            }
            let targetText = nonEmpty(row.text(10)) ?? target.render()
            byID[id] = StoredIndicator(
                id: id, area: nonEmpty(row.text(2)), goal: row.text(3) ?? "", name: row.text(4) ?? "", unit: nonEmpty(row.text(5)),
                direction: direction, tolerance: tolerance, target: target, targetText: targetText,
                targetYear: row.isNull(11) ? nil : Int(row.int64(11)),
                history: IndicatorHistory(baseline: baseline, baselineYear: row.isNull(8) ? nil : Int(row.int64(8))),
                referenceValue: reference)
            order.append((row.int64(1), id))
        }
        let readingSQL = """
            SELECT indicator_id, year, value_text, value_kind, value_low, value_high
            FROM readings_current WHERE year <= ?1 AND indicator_id IN (\(scope))
            """
        try db.cached(readingSQL).forEach([year, project, asOf.description]) { row in
            let id = row.text(0) ?? ""
            let readingYear = Int(row.int64(1))
            let value = try readingValue(text: row.text(2) ?? "", kind: row.text(3) ?? "", low: row.text(4), high: row.text(5),
                                         what: "reading of \(id) for \(readingYear)")
            byID[id]?.history.readings[readingYear] = value
        }
        var result: [Int64: [StoredIndicator]] = [:]
        for (project, id) in order { if let stored = byID[id] { result[project, default: []].append(stored) } }
        return result
    }

    /// A stored reading as a domain value: the canonical number, the range as written, or the text.
    static func readingValue(text: String, kind: String, low: String?, high: String?, what: String) throws -> ReadingValue {
        do {
            switch kind {
            case "number":
                return .number(try Quantity.parse(low ?? text))
            case "range":
                let lowValue = try Quantity.parse(low ?? "")
                let highValue = try Quantity.parse(high ?? "")
                return .range(low: lowValue, high: highValue, written: text)
            default:
                return .text(text)
            }
        } catch {
            throw ReportError.unreadableStoredValue(what: what, detail: "\(error)")
        }
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.trimmingSpaces().isEmpty else { return nil }
        return text
    }
}

extension StringProtocol {
    /// The text without leading and trailing white space.
    func trimmingSpaces() -> String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first.properties.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
