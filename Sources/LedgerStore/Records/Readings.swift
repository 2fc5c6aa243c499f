import Ledger
import SQLite

/// One row of `readings` (revision 1 of an indicator's value for a year).
struct ReadingRow: ChainRow {
    static let table = ChainedTable.readings

    let id: Int64
    let indicatorID: String
    let year: Int64
    let value: FieldRules.StoredReading
    /// Why it came late, for a year whose follow-up was already approved.
    var reason: String? = nil
    let stamp: Stamp
    let batchID: Int64?

    func write<S: ChainFieldSink>(seq: Int64, to sink: inout S) throws {
        sink.integer(seq)
        sink.integer(id)
        try sink.text(indicatorID)
        sink.integer(year)
        try sink.text(value.text)
        try sink.text(value.kind)
        try sink.text(value.low)
        try sink.text(value.high)
        try sink.text(reason)
        try stamp.write(to: &sink)
        sink.integer(batchID)
    }

    /// The columns a reading's value is stored in (also a revision's fields).
    static func columns(_ value: FieldRules.StoredReading) -> [(String, SQLValue)] {
        [("value_text", .text(value.text)), ("value_kind", .text(value.kind)),
         ("value_low", value.low.map(SQLValue.text) ?? .null), ("value_high", value.high.map(SQLValue.text) ?? .null)]
    }

    /// A reading's value as stored in a revision's fields.
    static func value(_ state: RecordState) -> FieldRules.StoredReading {
        FieldRules.StoredReading(text: state["value_text"].string ?? "", kind: state["value_kind"].string ?? "",
                                 low: state["value_low"].string, high: state["value_high"].string)
    }

    /// The next free reading id.
    static func nextID(in db: Connection) throws -> Int64 {
        (try db.scalarInt("SELECT max(reading_id) FROM readings") ?? 0) + 1
    }

    /// The reading of `indicator` for `year` as in force now (its latest revision), or nil.
    static func current(indicator: String, year: Int64, in db: Connection) throws -> (readingID: Int64, value: FieldRules.StoredReading, revision: Int, batchID: Int64?)? {
        guard let row = try db.row("""
            SELECT reading_id, value_text, value_kind, value_low, value_high, revision, batch_id FROM readings_current
            WHERE indicator_id = ? AND year = ?
            """, [indicator, year]), let id = row[0].int64 else { return nil }
        return (id, FieldRules.StoredReading(text: row[1].string ?? "", kind: row[2].string ?? "", low: row[3].string,
                                             high: row[4].string), Int(row[5].int64 ?? 1), row[6].int64)
    }

    /// True when the committee has approved the follow-up for `year` (any revision).
    static func followUpApproved(year: Int64, in db: Connection) throws -> Bool {
        (try db.scalarInt("SELECT count(*) FROM followup_approvals WHERE year = ?", [year]) ?? 0) > 0
    }

    static func approvedMessage(year: Int64, indicator: String) -> String {
        "the follow-up for \(year) is approved: record a late or corrected reading as an amendment "
            + "('hallbar amend reading --indicator \(indicator) --year \(year) --value … --reason …'), which the report "
            + "shows as changed since the approval until the committee approves a new revision"
    }

    /// True when the indicator exists.
    static func indicatorExists(_ id: String, in db: Connection) throws -> Bool {
        (try db.scalarInt("SELECT count(*) FROM indicators WHERE indicator_id = ?", [id]) ?? 0) > 0
    }
}

extension LedgerWrite {
    /// `hallbar amend reading --indicator ID --year Y --value V --reason TEXT`: corrects a
    /// reading, or records a late one for a year whose follow-up is approved.
    /// - Throws: `ImportFailure` for an unknown indicator, no reading and an open year (record
    ///   it with `hallbar reading`), a bad value, no change, an empty reason.
    public func amendReading(indicator: String, year: String, value: String, reason: String, date: String? = nil) throws -> AmendResult {
        let yearValue = try Options.parse("year", year, FieldRules.year)
        guard try ReadingRow.indicatorExists(indicator, in: db) else {
            throw Options.refusal("indicator", "no indicator \(indicator): nothing to amend")
        }
        if try ReadingRow.current(indicator: indicator, year: yearValue, in: db) == nil {
            let reading = try Options.parse("value", value, FieldRules.reading)
            guard try ReadingRow.followUpApproved(year: yearValue, in: db) else {
                throw Options.refusal("no reading of \(indicator) for \(yearValue) to amend: record it with 'hallbar reading'")
            }
            if date != nil {
                throw Options.refusal("date", "a late reading is the year's first reading of \(indicator), recorded now; it has no "
                    + "date of effect to give (leave out --date)")
            }
            // A late reading for an approved year: revision 1 with its reason (the report
            // marks the year as changed since the approval).
            let why = try Options.reason(reason)
            let id = try ReadingRow.nextID(in: db)
            try chain.append(ReadingRow(id: id, indicatorID: indicator, year: yearValue, value: reading, reason: why,
                                        stamp: stamp, batchID: nil))
            return AmendResult(kind: .reading, label: "\(indicator) \(yearValue)", revision: 1, effectiveDate: Day.today().description,
                               changes: ReadingRow.columns(reading).map { FieldChange(field: $0.0, from: .null, to: $0.1) })
        }
        return try amend(.reading, key: indicator, year: year, options: [("value", value)], reason: reason, date: date)
    }
}
