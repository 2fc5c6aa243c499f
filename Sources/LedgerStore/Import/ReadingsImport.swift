import SQLite

/// `readings`: indicator_id, year, value (a number, a range "97-98" or a text). A reading
/// for a year whose follow-up the committee has approved is refused.
struct ReadingsImport: ImportKindDefinition {
    static let kind = ImportKind.readings
    static let requiredColumns = ["indicator_id", "year", "value"]
    let context: ImportContext
    var writer: ReadingWriter

    init(context: ImportContext) throws {
        self.context = context
        writer = try ReadingWriter(in: context.db)
    }

    mutating func importRow(_ row: RowFields) throws -> RowOutcome {
        let indicator = row.key("indicator_id")
        let year = row.required("year", FieldRules.year)
        let value = row.required("value", FieldRules.reading)
        guard let indicator, let year, let value else { return .refused }
        guard try ReadingWriter.indicatorExists(indicator, in: context.db) else {
            row.problem("indicator_id", "no indicator \(indicator): import the indicator first (indicators.csv)")
            return .refused
        }
        let outcome = try context.insertOrCompare(
            row, key: "the reading of \(indicator) for \(year)", comparison: ReadingWriter.comparison,
            key: [.text(indicator), .integer(year)], values: ReadingWriter.values(value)) {
            try writer.insert(indicatorID: indicator, year: year, value: value, stamp: context.stamp, batchID: context.batchID)
        }
        if case .new = outcome, try ReadingWriter.followUpApproved(year: year, in: context.db) {
            row.problem("year", ReadingWriter.approvedMessage(year: year))
            return .refused
        }
        return outcome
    }
}
