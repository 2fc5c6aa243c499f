#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Ledger
import SQLite

/// The first place where a chained table's links stop verifying, and what most likely
/// happened there. docs/chain.md explains how each kind is told apart.
public struct ChainBreak: Sendable, Equatable, CustomStringConvertible {
    /// What the rows around the break show.
    public enum Kind: String, Sendable, CaseIterable {
        /// The row's content was edited: its link does not follow from the row before,
        /// while the next row still chains onto its stored link.
        case changed
        /// The row's content is intact but its stored `chain_hash` was overwritten: the next
        /// row chains onto the recomputed link.
        case linkChanged = "link changed"
        /// Rows before it were deleted: ids are absent before it, it no longer chains onto
        /// its predecessor, and the next row chains onto it.
        case missing
        /// The row does not belong: the row after it chains directly onto the row before it.
        case inserted
        /// Two rows exchanged places (ids): a later row's content, given this row's id,
        /// chains onto this row's predecessor.
        case reordered
    }

    /// The chained table.
    public let table: ChainedTable
    /// The id (primary key) of the first bad row.
    public let rowID: Int64
    /// The classification.
    public let kind: Kind
    /// What was seen, in words.
    public let detail: String
    /// How many rows of the table fail the local link check in all (this one included).
    public let failingRows: Int

    /// `ledger_entries row 42 changed: …`.
    public var description: String {
        var text = "\(table.name) row \(rowID) \(kind.rawValue): \(detail)"
        if failingRows > 1 { text += " (\(failingRows) rows of \(table.name) fail the link check in all)" }
        return text
    }
}

/// Recomputes every link of the chained tables (docs/chain.md), streaming rows in id
/// order through one prepared statement and hashing column bytes as SQLite lends them.
public enum ChainCheck {
    /// What one table's pass found.
    public struct TableResult: Sendable {
        /// The table.
        public let table: ChainedTable
        /// Its row count.
        public let rows: Int64
        /// Its last stored link (genesis when empty).
        public let head: [UInt8]
        /// The first break, or nil when every link verifies.
        public let firstBreak: ChainBreak?
    }

    /// Rows of the table the classification looks at after the first failing row.
    static let window = 64

    /// Verifies one table. `observe` sees every row's position (0-based), id, recorded_at
    /// bytes and stored link, for the head check that runs in the same pass.
    /// - Throws: `SQLiteError` when the table cannot be read.
    public static func verify(
        _ table: ChainedTable, in db: Connection,
        observe: (_ position: Int64, _ recordedAt: UnsafeRawBufferPointer, _ link: UnsafeRawBufferPointer) -> Void = { _, _, _ in }
    ) throws -> TableResult {
        let statement = try db.prepare(table.selectSQL)
        let fieldCount = table.columns.count
        let recordedAtIndex = table.columns.firstIndex(of: "recorded_at") ?? 0
        var previous = ChainLink.genesis      // S[i-1], or the recomputed link when S[i-1] is damaged
        var beforePrevious = ChainLink.genesis  // S[i-2]
        var previousID: Int64?
        var position: Int64 = 0
        var failing = 0
        var first: (position: Int64, id: Int64, previousID: Int64?, p1: [UInt8], p2: [UInt8])?
        try statement.forEach { row in
            let id = row.int64(0)
            var hasher = try ChainRowHasher(previous: previous, table: table.name, fieldCount: fieldCount)
            for column in 0..<fieldCount { try append(row, column, to: &hasher) }
            let computed = hasher.finalize()
            let storedValid = row.columnType(fieldCount) == .blob
            let matches = storedValid && row.withBytes(fieldCount) { stored in
                stored.count == SHA256.digestByteCount
                    && computed.withUnsafeBytes { memcmp($0.baseAddress!, stored.baseAddress!, SHA256.digestByteCount) == 0 }
            }
            if !matches {
                failing += 1
                if first == nil { first = (position, id, previousID, previous, beforePrevious) }
            }
            let nextPrevious: [UInt8] = row.withBytes(fieldCount) { stored in
                storedValid && stored.count == SHA256.digestByteCount ? Array(stored) : computed
            }
            row.withBytes(recordedAtIndex) { recordedAt in
                nextPrevious.withUnsafeBytes { observe(position, recordedAt, $0) }
            }
            swap(&beforePrevious, &previous)
            previous = nextPrevious
            previousID = id
            position += 1
        }
        var found: ChainBreak?
        if let first {
            found = try classify(
                table, in: db, position: first.position, id: first.id, previousID: first.previousID,
                p1: first.p1, p2: first.p2, failing: failing)
        }
        return TableResult(table: table, rows: position, head: position == 0 ? ChainLink.genesis : previous, firstBreak: found)
    }

    /// Appends column `column` of the current row with the field type of its storage class
    /// (REAL as its text, as `ChainedTable.field` does).
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

    /// Looks at the rows around the first failing row and decides what happened there.
    static func classify(
        _ table: ChainedTable, in db: Connection, position: Int64, id: Int64, previousID: Int64?,
        p1: [UInt8], p2: [UInt8], failing: Int
    ) throws -> ChainBreak {
        let columns = table.columns.count
        let rows = try db.prepare(
            "SELECT \((table.columns + ["chain_hash"]).joined(separator: ", ")) FROM \(table.name) WHERE \(table.idColumn) >= ? ORDER BY \(table.idColumn) LIMIT \(window)"
        ).rows([id]).map { $0.values }
        func stored(_ values: [SQLValue]) -> [UInt8]? {
            guard case .blob(let bytes) = values[columns], bytes.count == SHA256.digestByteCount else { return nil }
            return bytes
        }
        func chains(_ previous: [UInt8], _ values: [SQLValue]) -> Bool {
            guard let link = stored(values) else { return false }
            return (try? ChainedTable.link(previous: previous, table: table, values: Array(values.prefix(columns)))) == link
        }
        func make(_ kind: ChainBreak.Kind, _ row: Int64, _ detail: String) -> ChainBreak {
            ChainBreak(table: table, rowID: row, kind: kind, detail: detail, failingRows: failing)
        }
        guard let current = rows.first else {
            return make(.changed, id, "the row changed while it was being verified")
        }
        let next = rows.dropFirst().first
        let nextID = next.flatMap { $0[0].int64 }
        guard stored(current) != nil else {
            return make(.linkChanged, id, "its chain_hash is not a 32-byte hash")
        }
        if position >= 2, let previousID, chains(p2, current) {
            return make(.inserted, previousID, "row \(id) chains directly onto the row before \(previousID), so \(previousID) was put in between")
        }
        if let next, let nextID, chains(p1, next) {
            return make(.inserted, id, "row \(nextID) chains directly onto the row before it, so \(id) was put in between")
        }
        for candidate in rows.dropFirst() {
            var moved = candidate
            moved[0] = .integer(id)
            if chains(p1, moved), let otherID = candidate[0].int64 {
                return make(.reordered, id, "row \(otherID) holds the content that belongs at \(id): the two rows exchanged places")
            }
        }
        if let next, let recomputed = try? ChainedTable.link(previous: p1, table: table, values: Array(current.prefix(columns))),
           chains(recomputed, next) {
            return make(.linkChanged, id, "its content is intact but its stored link was overwritten")
        }
        let nextChains = next.map { chains(stored(current) ?? [], $0) } ?? true
        let firstExpected: Int64? = previousID.map { $0 + 1 } ?? (table.idsAreSequential ? 1 : nil)
        if let firstExpected, id > firstExpected, nextChains {
            let absent = firstExpected == id - 1 ? "id \(firstExpected) is" : "ids \(firstExpected)–\(id - 1) are"
            let hedge = table.idsAreSequential ? "" : " (or the row itself was changed)"
            return make(.missing, id, "\(absent) absent and it no longer chains onto the row before it: rows were deleted\(hedge)")
        }
        if nextChains {
            let last = next == nil ? " (it is the last row: it may also have been appended with a wrong link)" : ""
            return make(.changed, id, "its content no longer matches its stored link\(last)")
        }
        return make(.changed, id, "its content does not match its stored link and the next row does not chain onto it either (several rows changed, or links rewritten)")
    }
}

extension ChainedTable {
    /// True when ids are handed out 1, 2, 3 … so a gap means a deleted row; project
    /// numbers are the committee's and have gaps (#1, #20).
    var idsAreSequential: Bool { self != .projects }
}
