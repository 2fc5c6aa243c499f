import Ledger
import SQLite

/// One row of `members` (revision 1 of a member).
struct MemberRow: ChainRow {
    static let table = ChainedTable.members
    let orgNo: String
    let name: String
    let municipalityCode: String?
    let stamp: Stamp
    let batchID: Int64?

    func write<S: ChainFieldSink>(seq: Int64, to sink: inout S) throws {
        sink.integer(seq)
        try sink.text(orgNo)
        try sink.text(name)
        try sink.text(municipalityCode)
        try stamp.write(to: &sink)
        sink.integer(batchID)
    }
}

/// `members`: org_no, name, municipality_code (empty for a region).
struct MembersImport: ImportKindDefinition {
    static let kind = ImportKind.members
    static let requiredColumns = ["org_no", "name", "municipality_code"]
    let context: ImportContext

    init(context: ImportContext) throws { self.context = context }

    mutating func importRow(_ row: RowFields) throws -> RowOutcome {
        let orgNo = row.required("org_no", FieldRules.orgNumber)
        let name = row.nonBlank("name")
        let code = row.optional("municipality_code", FieldRules.municipalityCode)
        guard let orgNo, let name, let code else { return .refused }
        return try context.store(MemberRow(orgNo: orgNo, name: name, municipalityCode: code, stamp: context.stamp,
                                           batchID: context.batchID),
                                 kind: .member, key: orgNo, label: "member \(orgNo)", line: row.line)
    }
}
