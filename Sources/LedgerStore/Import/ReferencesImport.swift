import SQLite

/// `references`: name, year, value: the named yearly series that `ref>=NAME` targets
/// compare with ("riket": the national average).
struct ReferencesImport: ImportKindDefinition {
    static let kind = ImportKind.references
    static let requiredColumns = ["name", "year", "value"]
    let context: ImportContext
    let comparison = StoredComparison(
        lookupSQL: "SELECT value, batch_id FROM reference_values WHERE name = ? AND year = ?", columnNames: ["value"])

    init(context: ImportContext) throws { self.context = context }

    mutating func importRow(_ row: RowFields) throws -> RowOutcome {
        let name = row.required("name", FieldRules.referenceName)
        let year = row.required("year", FieldRules.year)
        let value = row.required("value", FieldRules.quantity)
        guard let name, let year, let value else { return .refused }
        return try context.insertOrCompare(row, key: "the \(name) value for \(year)", comparison: comparison,
                                           key: [.text(name), .integer(year)], values: [.text(value)]) {
            try context.db.run(
                "INSERT INTO reference_values (name, year, value, recorded_at, recorded_by, batch_id) VALUES (?, ?, ?, ?, ?, ?)",
                [SQLValue.text(name), .integer(year), .text(value)] + context.stampValues)
        }
    }
}
