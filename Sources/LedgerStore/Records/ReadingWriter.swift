import Ledger
import SQLite

/// Appends indicator readings through the hash chain. Use inside the write transaction.
struct ReadingWriter {
    private var chain: ChainWriter
    private var nextID: Int64

    init(in db: Connection) throws {
        chain = try ChainWriter(.readings, in: db)
        nextID = try ChainedTable.readings.nextID(in: db)
    }

    /// Inserts one reading; a UNIQUE conflict on (indicator, year) is thrown as the `SQLiteError`.
    mutating func insert(indicatorID: String, year: Int64, value: FieldRules.StoredReading, stamp: Stamp, batchID: Int64?) throws {
        try chain.insert([
            .integer(nextID), .text(indicatorID), .integer(year), .text(value.text), .text(value.kind),
            value.low.map(SQLValue.text) ?? .null, value.high.map(SQLValue.text) ?? .null, .integer(0), .null,
            .text(stamp.at), .text(stamp.by), batchID.map(SQLValue.integer) ?? .null,
        ])
        nextID += 1
    }

    /// The compared columns of a stored reading, by (indicator_id, year).
    static let comparison = StoredComparison(
        lookupSQL: "SELECT value_text, value_kind, value_low, value_high, batch_id FROM readings WHERE indicator_id = ? AND year = ?",
        columnNames: ["value_text", "value_kind", "value_low", "value_high"])

    static func values(_ value: FieldRules.StoredReading) -> [SQLValue] {
        [.text(value.text), .text(value.kind), value.low.map(SQLValue.text) ?? .null, value.high.map(SQLValue.text) ?? .null]
    }

    /// True when the committee has approved the follow-up for `year` (any revision).
    static func followUpApproved(year: Int64, in db: Connection) throws -> Bool {
        (try db.scalarInt("SELECT count(*) FROM followup_approvals WHERE year = ?", [year]) ?? 0) > 0
    }

    static func approvedMessage(year: Int64) -> String {
        "the follow-up for \(year) is approved; a correction needs a new approval revision"
    }

    /// True when the indicator exists.
    static func indicatorExists(_ id: String, in db: Connection) throws -> Bool {
        (try db.scalarInt("SELECT count(*) FROM indicators WHERE indicator_id = ?", [id]) ?? 0) > 0
    }
}
