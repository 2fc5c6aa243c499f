import SQLite

/// `members`: org_no, name, municipality_code (empty for a region).
struct MembersImport: ImportKindDefinition {
    static let kind = ImportKind.members
    static let requiredColumns = ["org_no", "name", "municipality_code"]
    let context: ImportContext
    let comparison = StoredComparison(
        lookupSQL: "SELECT name, municipality_code, batch_id FROM members WHERE org_no = ?",
        columnNames: ["name", "municipality_code"])

    init(context: ImportContext) throws { self.context = context }

    mutating func importRow(_ row: RowFields) throws -> RowOutcome {
        let orgNo = row.required("org_no", FieldRules.orgNumber)
        let name = row.nonBlank("name")
        let code = row.optional("municipality_code", FieldRules.municipalityCode)
        guard let orgNo, let name, let code else { return .refused }
        let values: [SQLValue] = [.text(name), code.map(SQLValue.text) ?? .null]
        return try context.insertOrCompare(row, key: "member \(orgNo)", comparison: comparison, key: [.text(orgNo)], values: values) {
            try context.db.run(
                "INSERT INTO members (org_no, name, municipality_code, recorded_at, recorded_by, batch_id) VALUES (?, ?, ?, ?, ?, ?)",
                [SQLValue.text(orgNo)] + values + context.stampValues)
        }
    }
}
