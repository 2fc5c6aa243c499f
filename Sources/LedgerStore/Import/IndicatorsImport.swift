import Ledger
import SQLite

/// `indicators`: the measured outcomes of a social project, with their target parsed
/// from domain.md's grammar (stored canonical, `target_text` kept for display).
/// Optional column: tolerance (a non-negative decimal, default 0).
struct IndicatorsImport: ImportKindDefinition {
    static let kind = ImportKind.indicators
    static let requiredColumns = ["indicator_id", "project_number", "area", "goal", "name", "unit", "direction",
                                  "baseline_value", "baseline_year", "target", "target_text", "target_year"]
    static let optionalColumns = ["tolerance"]
    static let contentColumns = ["project_number", "area", "goal", "name", "unit", "direction", "baseline_value",
                                 "baseline_year", "target", "target_text", "target_year", "tolerance"]
    let context: ImportContext
    let comparison = StoredComparison(
        lookupSQL: "SELECT \(IndicatorsImport.contentColumns.joined(separator: ", ")), batch_id FROM indicators WHERE indicator_id = ?",
        columnNames: IndicatorsImport.contentColumns)

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
        guard let stored = try context.db.row("SELECT programme, status FROM projects WHERE project_number = ?", [project]),
              let programme = stored[0].string, let status = stored[1].string else {
            row.problem("project_number", "no project \(project): import the project first (projects.csv)")
            return .refused
        }
        guard programme == Programme.social.rawValue else {
            row.problem("project_number", "project \(project) is \(programme); indicators belong to social projects")
            return .refused
        }
        guard status == ProjectStatus.approved.rawValue || status == ProjectStatus.completed.rawValue else {
            row.problem("project_number", "project \(project) was \(status); only approved projects are followed up")
            return .refused
        }
        let values: [SQLValue] = [
            .integer(project), area.map(SQLValue.text) ?? .null, .text(goal), .text(name), unit.map(SQLValue.text) ?? .null,
            .text(direction.rawValue), baseline.map(SQLValue.text) ?? .null, baselineYear.map(SQLValue.integer) ?? .null,
            .text(target.render()), targetText.map(SQLValue.text) ?? .null, targetYear.map(SQLValue.integer) ?? .null,
            .text(tolerance ?? "0"),
        ]
        return try context.insertOrCompare(row, key: "indicator \(id)", comparison: comparison, key: [.text(id)], values: values) {
            try context.db.run(
                """
                INSERT INTO indicators (indicator_id, \(IndicatorsImport.contentColumns.joined(separator: ", ")),
                    recorded_at, recorded_by, batch_id) VALUES (\(Array(repeating: "?", count: 16).joined(separator: ", ")))
                """,
                [SQLValue.text(id)] + values + context.stampValues)
        }
    }
}
