import Ledger
import SQLite

/// Where the chain ends: the seq and link of its last row (0 and the genesis link for an
/// empty ledger).
public struct ChainHead: Sendable, Equatable, CustomStringConvertible {
    /// The number of chained rows (the last seq).
    public let rows: Int64
    /// The last row's link.
    public let link: [UInt8]

    /// The head of an empty ledger.
    public static let genesis = ChainHead(rows: 0, link: ChainLink.genesis)

    /// `sha256:` and the last link in hex: what reports print and approvals record.
    public var text: String { "sha256:" + SHA256.hex(link) }
    public var description: String { text }

    /// Parses `sha256:HEX` (64 hex digits) into the link it names.
    public static func parseLink(_ text: String) -> [UInt8]? {
        guard text.hasPrefix("sha256:") else { return nil }
        let hex = Array(text.utf8.dropFirst(7))
        guard hex.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for i in stride(from: 0, to: 64, by: 2) {
            guard let high = hexValue(hex[i]), let low = hexValue(hex[i + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x61...0x66: return c - 0x61 + 10
        case 0x41...0x46: return c - 0x41 + 10
        default: return nil
        }
    }

    /// Reads the head of the ledger: the highest seq of any chained table, and its link.
    /// - Throws: `SQLiteError`.
    static func read(in db: Connection) throws -> ChainHead {
        var best: (seq: Int64, table: ChainedTable)?
        try db.cached(maxSeqSQL).forEach { row in
            guard !row.isNull(1), let table = ChainedTable(rawValue: row.text(0) ?? "") else { return }
            let seq = row.int64(1)
            if best == nil || seq > best!.seq { best = (seq, table) }
        }
        guard let best else { return .genesis }
        var link = ChainLink.genesis
        try db.cached("SELECT chain_hash FROM \(best.table.name) WHERE \(best.table.seqColumn) = ?").forEach([best.seq]) { row in
            link = row.blob(0) ?? ChainLink.genesis
        }
        return ChainHead(rows: best.seq, link: link)
    }

    /// One statement: each chained table's name and highest seq (each a lookup of the end
    /// of its seq index).
    static let maxSeqSQL = ChainedTable.allCases
        .map { "SELECT '\($0.name)', max(\($0.seqColumn)) FROM \($0.name)" }
        .joined(separator: " UNION ALL ")

    /// The link of the row with `seq` (genesis for 0), or nil when no table has that row.
    static func link(at seq: Int64, in db: Connection) throws -> [UInt8]? {
        if seq == 0 { return ChainLink.genesis }
        for table in ChainedTable.allCases {
            var found: [UInt8]?
            try db.cached("SELECT chain_hash FROM \(table.name) WHERE \(table.seqColumn) = ?").forEach([seq]) { row in
                found = row.blob(0)
            }
            if let found { return found }
        }
        return nil
    }
}

/// Appends rows to the chain inside one write transaction: gives each row the next seq,
/// computes its link from the row before and inserts it. The one place where a written
/// row gets its link; the streaming entries import asks it for a range of seqs
/// (`reserve`) and reports back where the range ended (`appended`).
///
/// Use only inside the write transaction that holds the lock (`BEGIN IMMEDIATE`), so that
/// no other writer can put a row in between.
final class ChainAppender {
    private let db: Connection
    /// The seq the next row gets.
    private(set) var nextSeq: Int64
    /// The link of the last row written (or of the ledger's head at the start).
    private(set) var previous: [UInt8]

    /// Starts after the ledger's current head.
    init(db: Connection) throws {
        self.db = db
        let head = try ChainHead.read(in: db)
        nextSeq = head.rows + 1
        previous = head.link
    }

    /// The head after everything appended so far.
    var head: ChainHead { ChainHead(rows: nextSeq - 1, link: previous) }

    /// Inserts one row of `table` given every column but the seq (`table.valueColumns`
    /// order). When the insert fails (a UNIQUE or CHECK conflict, a trigger), the error is
    /// thrown and the chain is unchanged.
    /// - Returns: the row's seq.
    @discardableResult
    func append(_ table: ChainedTable, _ values: [SQLValue]) throws -> Int64 {
        precondition(values.count == table.columns.count - 1, "\(table.name): \(values.count) values for \(table.columns.count - 1) columns")
        let seq = nextSeq
        let row = [SQLValue.integer(seq)] + values
        #if HALLBAR_BENCH_NO_CHAIN
        let link = ChainLink.genesis  // only in the binary `make bench` builds to price the chain
        #else
        let link = try ChainedTable.link(previous: previous, table: table, values: row)
        #endif
        try db.cached(table.insertSQL).run(row.map { $0 as any SQLBindable } + [SQLValue.blob(link)])
        previous = link
        nextSeq = seq + 1
        return seq
    }

    /// The seq and previous link a bulk writer starts from; nothing is reserved until
    /// `appended` says how many rows went in.
    var start: (firstSeq: Int64, previous: [UInt8]) { (nextSeq, previous) }

    /// Where the chain stands, to go back to when a statement that appended rows is
    /// rolled back (`restore`).
    var mark: (nextSeq: Int64, previous: [UInt8]) { (nextSeq, previous) }

    /// Goes back to `mark`: the rows appended since were rolled back.
    func restore(_ mark: (nextSeq: Int64, previous: [UInt8])) {
        nextSeq = mark.nextSeq
        previous = mark.previous
    }

    /// Records that `count` rows numbered from `start.firstSeq` on, the last with link
    /// `lastLink`, were stored by a bulk writer (`EntryStream`).
    func appended(count: Int, lastLink: [UInt8]) {
        guard count > 0 else { return }
        nextSeq += Int64(count)
        previous = lastLink
    }
}
