import SQLite

/// `borrowers`: org_no, name, owner_org_no (a member; the member's own number when the
/// borrower is the member itself).
struct BorrowersImport: ImportKindDefinition {
    static let kind = ImportKind.borrowers
    static let requiredColumns = ["org_no", "name", "owner_org_no"]
    let context: ImportContext
    let comparison = StoredComparison(
        lookupSQL: "SELECT name, owner_org_no, batch_id FROM borrowers WHERE org_no = ?",
        columnNames: ["name", "owner_org_no"])

    init(context: ImportContext) throws { self.context = context }

    mutating func importRow(_ row: RowFields) throws -> RowOutcome {
        let orgNo = row.required("org_no", FieldRules.orgNumber)
        let name = row.nonBlank("name")
        let owner = row.required("owner_org_no", FieldRules.orgNumber)
        guard let orgNo, let name, let owner else { return .refused }
        guard try context.db.scalarInt("SELECT count(*) FROM members WHERE org_no = ?", [owner]) == 1 else {
            row.problem("owner_org_no", "no member \(owner): import the member first (members.csv)")
            return .refused
        }
        let values: [SQLValue] = [.text(name), .text(owner)]
        return try context.insertOrCompare(row, key: "borrower \(orgNo)", comparison: comparison, key: [.text(orgNo)], values: values) {
            try context.db.run(
                "INSERT INTO borrowers (org_no, name, owner_org_no, recorded_at, recorded_by, batch_id) VALUES (?, ?, ?, ?, ?, ?)",
                [SQLValue.text(orgNo)] + values + context.stampValues)
        }
    }
}
