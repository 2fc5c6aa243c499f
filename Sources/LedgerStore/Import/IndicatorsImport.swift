import Ledger
import SQLite

/// One row of `indicators` (revision 1 of an indicator).
struct IndicatorRow: ChainRow {
    static let table = ChainedTable.indicators
    let id: String
    let projectNumber: Int64
    let area: String?
    let goal: String
    let name: String
    let unit: String?
    let direction: Direction
    let baselineValue: String?
    let baselineYear: Int64?
    let target: String
    let targetText: String?
    let targetYear: Int64?
    let tolerance: String
    let stamp: Stamp
    let batchID: Int64?

    func write<S: ChainFieldSink>(seq: Int64, to sink: inout S) throws {
        sink.integer(seq)
        try sink.text(id)
        sink.integer(projectNumber)
        try sink.text(area)
        try sink.text(goal)
        try sink.text(name)
        try sink.text(unit)
        try sink.text(direction.rawValue)
        try sink.text(baselineValue)
        sink.integer(baselineYear)
        try sink.text(target)
        try sink.text(targetText)
        sink.integer(targetYear)
        try sink.text(tolerance)
        try stamp.write(to: &sink)
        sink.integer(batchID)
    }
}

/// `indicators`: the measured outcomes of a social project, with their target parsed
/// from domain.md's grammar (stored canonical, `target_text` kept for display).
/// Optional column: tolerance (a non-negative decimal, default 0).
struct IndicatorsImport: ImportKindDefinition {
    static let kind = ImportKind.indicators
    static let requiredColumns = ["indicator_id", "project_number", "area", "goal", "name", "unit", "direction",
                                  "baseline_value", "baseline_year", "target", "target_text", "target_year"]
    static let optionalColumns = ["tolerance"]
    let context: ImportContext

    init(context: ImportContext) throws { self.context = context }

    mutating func importRow(_ row: RowFields) throws -> RowOutcome {
        let id = row.key("indicator_id")
        let project = row.required("project_number") { text throws(FieldError) in
            try FieldRules.integer(text, in: 1...Int64.max, what: "a project number")
        }
        let goal = row.required("goal") { text throws(FieldError) in try FieldRules.freeText(text, what: "the goal") }
        let name = row.nonBlank("name")
        let oneLine = { (text: String) throws(FieldError) -> String in try FieldRules.nonBlank(text, what: "the text") }
        let area = row.optional("area", oneLine)
        let unit = row.optional("unit", oneLine)
        let targetText = row.optional("target_text", oneLine)
        let direction = row.required("direction") { text throws(FieldError) in try FieldRules.token(text, Direction.self) }
        let baseline = row.optional("baseline_value", FieldRules.quantity)
        let baselineYear = row.optional("baseline_year", FieldRules.year)
        let target = row.required("target", FieldRules.target)
        let targetYear = row.optional("target_year", FieldRules.year)
        let tolerance = row.optional("tolerance") { text throws(FieldError) in
            let value = try FieldRules.quantity(text)
            if value.hasPrefix("-") { throw FieldError("\(TextRules.quoted(text)) is not a tolerance: it must not be negative") }
            return value
        }
        guard let id, let project, let goal, let name, let direction, let baseline, let baselineYear, let target,
              let targetYear, let tolerance, let area, let unit, let targetText else { return .refused }
        if baseline != nil && baselineYear == nil {
            row.problem("baseline_year", "is empty; a baseline value needs its year")
            return .refused
        }
        if let implied = target.impliedDirection, direction != .none, direction != implied {
            row.problem("target", "\(target.render()) contradicts direction \(direction.rawValue)")
            return .refused
        }
        guard let stored = try context.db.row("SELECT programme, status FROM projects_current WHERE project_number = ?", [project]),
              let programme = stored[0].string, let status = stored[1].string else {
            row.problem("project_number", "no project \(project): import the project first (projects.csv)")
            return .refused
        }
        guard programme == Programme.social.rawValue else {
            row.problem("project_number", "project \(project) is \(programme); indicators belong to social projects")
            return .refused
        }
        // A new indicator needs a project that is followed up; one already there is compared
        // with its revision in force (its project is fixed, and may have been withdrawn since).
        let exists = try context.db.scalarInt("SELECT 1 FROM indicators WHERE indicator_id = ?", [id]) != nil
        guard exists || status == ProjectStatus.approved.rawValue || status == ProjectStatus.completed.rawValue else {
            row.problem("project_number", "project \(project) was \(status); only approved projects are followed up")
            return .refused
        }
        let indicator = IndicatorRow(
            id: id, projectNumber: project, area: area, goal: goal, name: name, unit: unit,
            direction: direction, baselineValue: baseline, baselineYear: baselineYear, target: target.render(),
            targetText: targetText, targetYear: targetYear, tolerance: tolerance ?? "0",
            stamp: context.stamp, batchID: context.batchID)
        return try context.store(indicator, kind: .indicator, key: id, label: "indicator \(id)", line: row.line)
    }
}
