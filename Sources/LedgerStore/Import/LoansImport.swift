import Ledger
import SQLite

/// `loans`: loan_number, borrower_org_no, programme, project_number, green_bond_eligible.
///
/// A green or social loan finances a project of the same programme that was not rejected
/// or withdrawn; its borrower is the project's borrower or another borrower owned by the
/// same member (a municipality borrowing for its housing company's project). Other
/// lending has no project. green_bond_eligible is true/false for green loans only.
struct LoansImport: ImportKindDefinition {
    static let kind = ImportKind.loans
    static let requiredColumns = ["loan_number", "borrower_org_no", "programme", "project_number", "green_bond_eligible"]
    let context: ImportContext
    let comparison = StoredComparison(
        lookupSQL: "SELECT borrower_org_no, programme, project_number, green_bond_eligible, batch_id FROM loans WHERE loan_number = ?",
        columnNames: ["borrower_org_no", "programme", "project_number", "green_bond_eligible"])

    init(context: ImportContext) throws { self.context = context }

    mutating func importRow(_ row: RowFields) throws -> RowOutcome {
        let number = row.key("loan_number")
        let borrower = row.required("borrower_org_no", FieldRules.orgNumber)
        let programme = row.required("programme") { text throws(FieldError) in try FieldRules.token(text, Programme.self) }
        let project = row.optional("project_number") { text throws(FieldError) in
            try FieldRules.integer(text, in: 1...Int64.max, what: "a project number")
        }
        guard let number, let borrower, let programme, let project else { return .refused }
        var eligible = SQLValue.null
        if programme == .green {
            guard let flag = row.required("green_bond_eligible", FieldRules.bool) else { return .refused }
            eligible = .integer(flag ? 1 : 0)
        } else if !row.text("green_bond_eligible").isEmpty {
            row.problem("green_bond_eligible", "must be empty for \(programme == .other ? "an" : "a") \(programme.rawValue) loan (green loans only)")
            return .refused
        }
        guard let owner = try context.db.scalarText("SELECT owner_org_no FROM borrowers WHERE org_no = ?", [borrower]) else {
            row.problem("borrower_org_no", "no borrower \(borrower): import the borrower first (borrowers.csv)")
            return .refused
        }
        guard try checkProject(row, project: project, programme: programme, borrower: borrower, owner: owner) else {
            return .refused
        }
        let values: [SQLValue] = [.text(borrower), .text(programme.rawValue), project.map(SQLValue.integer) ?? .null, eligible]
        return try context.insertOrCompare(row, key: "loan \(number)", comparison: comparison, key: [.text(number)], values: values) {
            try context.db.run(
                """
                INSERT INTO loans (loan_number, borrower_org_no, programme, project_number, green_bond_eligible,
                    recorded_at, recorded_by, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [SQLValue.text(number)] + values + context.stampValues)
        }
    }

    private func checkProject(_ row: RowFields, project: Int64?, programme: Programme, borrower: String, owner: String) throws -> Bool {
        guard programme != .other else {
            if project != nil { row.problem("project_number", "must be empty for other (standard) lending") }
            return project == nil
        }
        guard let project else {
            row.problem("project_number", "is empty; a \(programme.rawValue) loan finances a \(programme.rawValue) project")
            return false
        }
        let found = try context.db.row(
            """
            SELECT p.programme, p.status, p.borrower_org_no, b.owner_org_no
            FROM projects p JOIN borrowers b ON b.org_no = p.borrower_org_no WHERE p.project_number = ?
            """, [project])
        guard let found else {
            row.problem("project_number", "no project \(project): import the project first (projects.csv)")
            return false
        }
        var ok = true
        if found.string("programme") != programme.rawValue {
            row.problem("programme", "\(programme.rawValue) does not match project \(project)'s programme \(found.string("programme") ?? "")")
            ok = false
        }
        if let status = found.string("status"), status == "rejected" || status == "withdrawn" {
            row.problem("project_number", "project \(project) was \(status); no loan may finance it")
            ok = false
        }
        if found.string("borrower_org_no") != borrower && found.string("owner_org_no") != owner {
            row.problem("borrower_org_no", "\(borrower) is neither project \(project)'s borrower (\(found.string("borrower_org_no") ?? "")) "
                + "nor owned by the same member")
            ok = false
        }
        return ok
    }
}
