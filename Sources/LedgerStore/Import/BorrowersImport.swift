import Ledger
import SQLite

/// One row of `borrowers` (revision 1 of a borrower).
struct BorrowerRow: ChainRow {
    static let table = ChainedTable.borrowers
    let orgNo: String
    let name: String
    let ownerOrgNo: String
    let stamp: Stamp
    let batchID: Int64?

    func write<S: ChainFieldSink>(seq: Int64, to sink: inout S) throws {
        sink.integer(seq)
        try sink.text(orgNo)
        try sink.text(name)
        try sink.text(ownerOrgNo)
        try stamp.write(to: &sink)
        sink.integer(batchID)
    }
}

/// `borrowers`: org_no, name, owner_org_no (a member; the member's own number when the
/// borrower is the member itself).
struct BorrowersImport: ImportKindDefinition {
    static let kind = ImportKind.borrowers
    static let requiredColumns = ["org_no", "name", "owner_org_no"]
    let context: ImportContext

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
        return try context.store(BorrowerRow(orgNo: orgNo, name: name, ownerOrgNo: owner, stamp: context.stamp,
                                             batchID: context.batchID),
                                 kind: .borrower, key: orgNo, label: "borrower \(orgNo)", line: row.line)
    }
}
