import Ledger
import SQLite

/// One row of `reference_values` (revision 1 of a series' value for a year).
struct ReferenceRow: ChainRow {
    static let table = ChainedTable.referenceValues
    let name: String
    let year: Int64
    let value: String
    let stamp: Stamp
    let batchID: Int64?

    func write<S: ChainFieldSink>(seq: Int64, to sink: inout S) throws {
        sink.integer(seq)
        try sink.text(name)
        sink.integer(year)
        try sink.text(value)
        try stamp.write(to: &sink)
        sink.integer(batchID)
    }
}

/// `references`: name, year, value: the named yearly series that `ref>=NAME` targets
/// compare with ("riket": the national average).
struct ReferencesImport: ImportKindDefinition {
    static let kind = ImportKind.references
    static let requiredColumns = ["name", "year", "value"]
    let context: ImportContext

    init(context: ImportContext) throws { self.context = context }

    mutating func importRow(_ row: RowFields) throws -> RowOutcome {
        let name = row.required("name", FieldRules.referenceName)
        let year = row.required("year", FieldRules.year)
        let value = row.required("value", FieldRules.quantity)
        guard let name, let year, let value else { return .refused }
        return try context.store(ReferenceRow(name: name, year: year, value: value, stamp: context.stamp, batchID: context.batchID),
                                 kind: .reference, key: name, year: year, label: "the \(name) value for \(year)", line: row.line)
    }
}
