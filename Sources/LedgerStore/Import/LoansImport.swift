import Ledger
import SQLite

/// One row of `loans` (revision 1 of a loan agreement).
struct LoanRow: ChainRow {
    static let table = ChainedTable.loans
    let id: Int64
    let number: String
    let borrowerOrgNo: String
    let programme: Programme
    let projectNumber: Int64?
    let greenBondEligible: Int64?
    let stamp: Stamp
    let batchID: Int64?

    func write<S: ChainFieldSink>(seq: Int64, to sink: inout S) throws {
        sink.integer(seq)
        sink.integer(id)
        try sink.text(number)
        try sink.text(borrowerOrgNo)
        try sink.text(programme.rawValue)
        sink.integer(projectNumber)
        sink.integer(greenBondEligible)
        try stamp.write(to: &sink)
        sink.integer(batchID)
    }
}

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
    private var nextID: Int64

    init(context: ImportContext) throws {
        self.context = context
        nextID = (try context.db.scalarInt("SELECT max(loan_id) FROM loans") ?? 0) + 1
    }

    mutating func importRow(_ row: RowFields) throws -> RowOutcome {
        let number = row.key("loan_number")
        let borrower = row.required("borrower_org_no", FieldRules.orgNumber)
        let programme = row.required("programme") { text throws(FieldError) in try FieldRules.token(text, Programme.self) }
        let project = row.optional("project_number") { text throws(FieldError) in
            try FieldRules.integer(text, in: 1...Int64.max, what: "a project number")
        }
        guard let number, let borrower, let programme, let project else { return .refused }
        var eligible: Int64?
        if programme == .green {
            guard let flag = row.required("green_bond_eligible", FieldRules.bool) else { return .refused }
            eligible = flag ? 1 : 0
        } else if !row.text("green_bond_eligible").isEmpty {
            row.problem("green_bond_eligible", "must be empty for \(programme == .other ? "an" : "a") \(programme.rawValue) loan (green loans only)")
            return .refused
        }
        guard let owner = try context.db.scalarText("SELECT owner_org_no FROM borrowers_current WHERE org_no = ?", [borrower]) else {
            row.problem("borrower_org_no", "no borrower \(borrower): import the borrower first (borrowers.csv)")
            return .refused
        }
        // The rules of a new loan; a loan already there is compared with its revision in
        // force instead (an unchanged row is already present even when its project has been
        // withdrawn since; with --amend the amendment's own rules apply).
        let exists = try context.db.scalarInt("SELECT 1 FROM loans WHERE loan_number = ?", [number]) != nil
        if !exists {
            guard try checkProject(row, project: project, programme: programme, borrower: borrower, owner: owner) else {
                return .refused
            }
        }
        let loan = LoanRow(id: nextID, number: number, borrowerOrgNo: borrower, programme: programme, projectNumber: project,
                           greenBondEligible: eligible, stamp: context.stamp, batchID: context.batchID)
        let outcome = try context.store(loan, kind: .loan, key: number, label: "loan \(number)", line: row.line)
        if case .new = outcome { nextID += 1 }
        return outcome
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
            FROM projects_current p JOIN borrowers_current b ON b.org_no = p.borrower_org_no WHERE p.project_number = ?
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
