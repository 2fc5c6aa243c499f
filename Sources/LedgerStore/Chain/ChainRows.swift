#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Ledger
import SQLite

/// The chained rows of every table in chain order: one statement per table, each in seq
/// order, merged by seq. A row is lent as the statement positioned on it (columns in
/// `ChainedTable.columns` order, then `chain_hash`), valid until the next call of `next`;
/// nothing is kept, so memory does not grow with the ledger.
///
/// Used by `verify` (which recomputes each link from the row before) and by the migration
/// step that links an old ledger's rows (`Rechain`).
final class ChainRows {
    private var statements: [(table: ChainedTable, statement: Statement)] = []
    /// Each table's current row's seq, nil when the table has no more rows.
    private var current: [Int64?] = []
    /// The table whose row was lent last (stepped on the next call).
    private var lent: Int?

    /// Rows with seq in `range` (every row when nil) of `tables` (every chained table by default).
    init(db: Connection, range: ClosedRange<Int64>? = nil, tables: [ChainedTable] = ChainedTable.allCases) throws {
        for table in tables {
            let statement = try db.prepare(table.selectSQL(range: range != nil))
            if let range {
                try statement.bind(int64: range.lowerBound, at: 1)
                try statement.bind(int64: range.upperBound, at: 2)
            }
            statements.append((table, statement))
            current.append(try statement.step() ? statement.int64(0) : nil)
        }
    }

    /// The next row in seq order, or nil at the end. Two rows with the same seq (a row
    /// put in with a copied seq) come one after the other.
    func next() throws -> (table: ChainedTable, row: Statement)? {
        if let lent {
            let statement = statements[lent].statement
            current[lent] = try statement.step() ? statement.int64(0) : nil
            let previous = lent
            self.lent = nil
            // The usual case: the same table holds the next seq.
            if let seq = current[previous], !hasLower(than: seq, besides: previous) {
                self.lent = previous
                return (statements[previous].table, statement)
            }
        }
        var best: Int?
        for index in current.indices {
            guard let seq = current[index] else { continue }
            if best == nil || seq < current[best!]! { best = index }
        }
        guard let best else { return nil }
        lent = best
        return (statements[best].table, statements[best].statement)
    }

    private func hasLower(than seq: Int64, besides index: Int) -> Bool {
        for other in current.indices where other != index {
            if let s = current[other], s <= seq { return true }
        }
        return false
    }

    /// The link of the current row of `table` computed after `previous` (32 bytes).
    static func link(of row: Statement, table: ChainedTable, after previous: UnsafeRawBufferPointer) throws -> [UInt8] {
        let fieldCount = table.columns.count
        var hasher = try ChainRowHasher(previous: previous, table: table.name, fieldCount: fieldCount)
        for column in 0..<fieldCount { try append(row, column, to: &hasher) }
        return hasher.finalize()
    }

    /// True when the current row's stored `chain_hash` is exactly `link`.
    static func storedLink(of row: Statement, table: ChainedTable, equals link: [UInt8]) -> Bool {
        let index = table.columns.count
        guard row.columnType(index) == .blob else { return false }
        return row.withBytes(index) { stored in
            stored.count == SHA256.digestByteCount
                && link.withUnsafeBytes { memcmp($0.baseAddress!, stored.baseAddress!, SHA256.digestByteCount) == 0 }
        }
    }

    /// The current row's stored link when it is a 32-byte blob, else nil.
    static func storedLink(of row: Statement, table: ChainedTable) -> [UInt8]? {
        let index = table.columns.count
        guard row.columnType(index) == .blob else { return nil }
        return row.withBytes(index) { $0.count == SHA256.digestByteCount ? Array($0) : nil }
    }

    /// Appends column `column` of the current row with the field type of its storage
    /// class (REAL as its text, as `ChainedTable.field` does).
    static func append(_ row: Statement, _ column: Int, to hasher: inout ChainRowHasher) throws {
        switch row.columnType(column) {
        case .null: hasher.appendNull()
        case .integer: hasher.appendInteger(row.int64(column))
        case .real:
            var text = String(row.double(column))
            try text.withUTF8 { try hasher.appendText(utf8: UnsafeRawBufferPointer($0)) }
        case .text: try row.withBytes(column) { try hasher.appendText(utf8: $0) }
        case .blob: try row.withBytes(column) { try hasher.appendBlob($0) }
        }
    }

    /// How a person names the current row: `ledger_entries row E-17 (seq 42)`.
    static func describe(_ row: Statement, table: ChainedTable) -> String {
        let key = table.keyColumns.compactMap { name -> String? in
            guard let index = table.columns.firstIndex(of: name) else { return nil }
            switch row.value(index) {
            case .null: return "NULL"
            case .integer(let v): return String(v)
            case .text(let t): return t
            case .real(let v): return String(v)
            case .blob(let b): return "x'" + SHA256.hex(b) + "'"
            }
        }.joined(separator: "/")
        return "\(table.name) row \(key) (seq \(row.int64(0)))"
    }
}

/// A chained row read into memory (for the few rows a finding looks at).
struct ChainRowValues {
    let table: ChainedTable
    /// Every chained column's value, seq first.
    var values: [SQLValue]
    /// The stored link when it is 32 bytes.
    let stored: [UInt8]?
    /// "members row 212000-0142 (seq 12)".
    let label: String

    var seq: Int64 { values[0].int64 ?? 0 }

    /// True when this row's stored link follows from `previous` and its content.
    func chains(onto previous: [UInt8]) -> Bool {
        guard let stored else { return false }
        return (try? ChainedTable.link(previous: previous, table: table, values: values)) == stored
    }

    /// The link this row's content gives after `previous`.
    func link(after previous: [UInt8]) -> [UInt8]? {
        try? ChainedTable.link(previous: previous, table: table, values: values)
    }

    /// Reads the rows with seq in `range`, in chain order.
    static func read(_ range: ClosedRange<Int64>, in db: Connection) throws -> [ChainRowValues] {
        let rows = try ChainRows(db: db, range: range)
        var result: [ChainRowValues] = []
        while let (table, row) = try rows.next() {
            result.append(ChainRowValues(
                table: table, values: (0..<table.columns.count).map { row.value($0) },
                stored: ChainRows.storedLink(of: row, table: table), label: ChainRows.describe(row, table: table)))
        }
        return result
    }
}
