import Ledger
import SQLite

/// `readings`: indicator_id, year, value (a number, a range "97-98" or a text). A new
/// reading for a year whose follow-up the committee has approved is refused, unless the
/// file is imported with `--amend` (a late reading, with the batch's reason).
struct ReadingsImport: ImportKindDefinition {
    static let kind = ImportKind.readings
    static let requiredColumns = ["indicator_id", "year", "value"]
    /// The context columns of the reporting form (`RequestForm`): accepted and ignored.
    static let optionalColumns = RequestForm.readingContextColumns
    let context: ImportContext
    private var nextID: Int64

    init(context: ImportContext) throws {
        self.context = context
        nextID = try ReadingRow.nextID(in: context.db)
    }

    mutating func importRow(_ row: RowFields) throws -> RowOutcome {
        let indicator = row.key("indicator_id")
        let year = row.required("year", FieldRules.year)
        let value = row.required("value", FieldRules.reading)
        guard let indicator, let year, let value else { return .refused }
        guard try ReadingRow.indicatorExists(indicator, in: context.db) else {
            row.problem("indicator_id", "no indicator \(indicator): import the indicator first (indicators.csv)")
            return .refused
        }
        let isNew = try ReadingRow.current(indicator: indicator, year: year, in: context.db) == nil
        let approved = try ReadingRow.followUpApproved(year: year, in: context.db)
        if isNew, approved, context.amend == nil {
            row.problem("year", ReadingRow.approvedMessage(year: year, indicator: indicator)
                + "; or import the file with --amend --reason TEXT")
            return .refused
        }
        let reading = ReadingRow(id: nextID, indicatorID: indicator, year: year, value: value,
                                 reason: isNew && approved ? context.amend?.reason : nil, stamp: context.stamp, batchID: context.batchID)
        let outcome = try context.store(reading, kind: .reading, key: indicator, year: year,
                                        label: "the reading of \(indicator) for \(year)", line: row.line)
        if case .new = outcome { nextID += 1 }
        return outcome
    }
}
