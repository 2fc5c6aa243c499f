import Ledger
import SQLite

/// The first place where the chain stops verifying, and what most likely happened there.
/// docs/chain.md explains how each kind is told apart.
public struct ChainBreak: Sendable, Equatable, CustomStringConvertible {
    /// What the rows around the break show.
    public enum Kind: String, Sendable, CaseIterable {
        /// The row's content was edited: its link does not follow from the row before,
        /// while the next row still chains onto its stored link.
        case changed
        /// The row's content is intact but its stored `chain_hash` was overwritten.
        case linkChanged = "link changed"
        /// Rows are absent before it (a gap in seq): they were deleted.
        case missing
        /// The row does not belong: the row after it chains directly onto the row before
        /// it, or it carries a seq another row already has.
        case inserted
        /// Two rows exchanged places: a later row's content, given this row's seq, chains
        /// onto this row's predecessor.
        case reordered
    }

    /// The table of the row named.
    public let table: ChainedTable
    /// The seq of the row named.
    public let seq: Int64
    /// "ledger_entries row E-17 (seq 42)".
    public let row: String
    /// The classification.
    public let kind: Kind
    /// What was seen, in words.
    public let detail: String
    /// How many rows fail the local link check in all (this one included).
    public let failingRows: Int

    /// `ledger_entries row E-17 (seq 42) changed: …`.
    public var description: String {
        // A deleted row is gone: the finding names the seqs and the rows on both sides
        // rather than reading as if the row after the gap were missing.
        var text = kind == .missing ? detail : "\(row) \(kind.rawValue): \(detail)"
        if failingRows > 1 { text += " (\(failingRows) rows fail the link check in all)" }
        return text
    }
}

/// Recomputes every link of the chain (docs/chain.md) in one pass over all chained tables
/// in seq order, streaming rows and hashing column bytes as SQLite lends them, and checks
/// each row against the stored link of the row before it. Checking each row locally,
/// rather than against a running recomputation, is what lets it tell what happened at the
/// first bad row.
public enum ChainCheck {
    /// What the pass found.
    public struct Outcome: Sendable {
        /// The rows seen (the last seq when the chain is whole).
        public let rows: Int64
        /// The last stored link (genesis for an empty ledger).
        public let head: ChainHead
        /// The first break, or nil when every link verifies.
        public let firstBreak: ChainBreak?
        /// The stored links of the rows asked for (`watch`), by seq.
        public let watched: [Int64: [UInt8]]
        /// The seq of the row whose stored link is the link asked for (`against`), when
        /// every row up to it verifies.
        public let heldAt: Int64?
        /// Rows whose `recorded_at` is earlier than the row before them: (row, its stamp,
        /// the stamp before). hallbar stamps a command once it holds the write lock, so
        /// stamps never go back along the chain.
        public let stampsBack: [(row: String, at: String, before: String)]
    }

    /// Rows the classification reads after the first failing row.
    static let window: Int64 = 64

    /// Walks the whole chain.
    /// - Parameters:
    ///   - watch: seqs whose stored links to return (the heads approvals recorded).
    ///   - against: a link (`verify --against`) to find.
    /// - Throws: `SQLiteError` when a table cannot be read.
    static func verify(in db: Connection, watch: Set<Int64> = [], against: [UInt8]? = nil) throws -> Outcome {
        let rows = try ChainRows(db: db)
        var previous = ChainLink.genesis
        var beforePrevious = ChainLink.genesis
        var expected: Int64 = 1
        var last: Int64 = 0
        var failing = 0
        var first: (seq: Int64, duplicate: Bool, gap: Bool, previousSeq: Int64, p1: [UInt8], p2: [UInt8])?
        var watched: [Int64: [UInt8]] = [:]
        var heldAt: Int64? = against == ChainLink.genesis ? 0 : nil
        var stamp: [UInt8] = []
        var stampsBack: [(row: String, at: String, before: String)] = []
        while let (table, row) = try rows.next() {
            let seq = row.int64(0)
            let computed = try previous.withUnsafeBytes { try ChainRows.link(of: row, table: table, after: $0) }
            let stored = ChainRows.storedLink(of: row, table: table)
            let duplicate = seq == last && last != 0
            let gap = seq > expected && !duplicate
            let early = seq < expected && !duplicate   // a seq below 1, or out of order
            let ok = stored == computed && !duplicate && !gap && !early
            if !ok {
                failing += 1
                if first == nil { first = (seq, duplicate, gap, last, previous, beforePrevious) }
            }
            if watch.contains(seq), let stored { watched[seq] = stored }
            if let against, first == nil, stored == against { heldAt = seq }
            if let at = table.columns.firstIndex(of: "recorded_at") {
                row.withBytes(at) { bytes in
                    if !stamp.isEmpty, bytes.lexicographicallyPrecedes(stamp), stampsBack.count < 20 {
                        stampsBack.append((ChainRows.describe(row, table: table), String(decoding: bytes, as: UTF8.self),
                                           String(decoding: stamp, as: UTF8.self)))
                    }
                    stamp = Array(bytes)
                }
            }
            if !duplicate && !early {
                beforePrevious = previous
                previous = stored ?? computed
                expected = seq + 1
                last = seq
            }
        }
        var found: ChainBreak?
        if let first {
            found = try classify(in: db, seq: first.seq, duplicate: first.duplicate, gap: first.gap, previousSeq: first.previousSeq,
                                 p1: first.p1, p2: first.p2, failing: failing)
        }
        return Outcome(rows: last, head: ChainHead(rows: last, link: last == 0 ? ChainLink.genesis : previous),
                       firstBreak: found, watched: watched, heldAt: heldAt, stampsBack: stampsBack)
    }

    /// Looks at the rows around the first failing row (seq `seq`) and decides what happened.
    static func classify(in db: Connection, seq: Int64, duplicate: Bool, gap: Bool, previousSeq: Int64,
                         p1: [UInt8], p2: [UInt8], failing: Int) throws -> ChainBreak {
        let window = try ChainRowValues.read(min(seq - 1, previousSeq)...(max(seq, previousSeq) + ChainCheck.window), in: db)
        func make(_ kind: ChainBreak.Kind, _ row: ChainRowValues, _ detail: String) -> ChainBreak {
            ChainBreak(table: row.table, seq: row.seq, row: row.label, kind: kind, detail: detail, failingRows: failing)
        }
        let atSeq = window.filter { $0.seq == seq }
        // A duplicate is met after the row that holds its seq too, which moved the walk's
        // link on: the rows at this seq are judged against the link before them (p2). When
        // both chain onto it (a forged row with a computed link), the genuine one is the row
        // the next seq chains onto.
        let anchor = duplicate ? p2 : p1
        let following = window.first { $0.seq > seq }
        let intruder = atSeq.first(where: { !$0.chains(onto: anchor) })
            ?? atSeq.first(where: { row in following.map { next in row.stored.map { !next.chains(onto: $0) } ?? true } ?? false })
        guard let current = intruder ?? atSeq.first else {
            return ChainBreak(table: .ledgerEntries, seq: seq, row: "seq \(seq)", kind: .changed,
                              detail: "the row changed while it was being verified", failingRows: failing)
        }
        if seq <= previousSeq && atSeq.count == 1 {
            let expected = previousSeq + 1
            return make(.inserted, current, "its seq \(seq) comes before the chain's place for it (\(expected)): seqs run 1, 2, 3 … "
                + "in the order rows were written, so this row was put in afterwards")
        }
        let before = window.last { $0.seq < seq }
        let after = window.filter { $0.seq > seq }
        let next = after.first
        if duplicate || atSeq.count > 1 {
            let others = atSeq.filter { $0.label != current.label }.map(\.label)
            return make(.inserted, current, "its seq \(seq) is also held by \(others.joined(separator: ", ")), "
                + "which chains onto the row before; this row was put in with a copied seq")
        }
        if gap {
            let firstMissing = previousSeq + 1
            let absent = firstMissing == seq - 1 ? "seq \(firstMissing)" : "seqs \(firstMissing)–\(seq - 1)"
            let between = before.map { $0.seq == previousSeq ? "between \($0.label) and \(current.label)" : "before \(current.label)" }
                ?? "before \(current.label)"
            return make(.missing, current, "\(absent) missing: deleted from \(between), which no longer chains onto the row before it")
        }
        guard current.stored != nil else {
            return make(.linkChanged, current, "its chain_hash is not a 32-byte hash")
        }
        if let before, seq >= 2, p2.count == 32, current.chains(onto: p2) {
            return make(.inserted, before, "\(current.label) chains directly onto the row before \(before.label), so \(before.label) was put in between")
        }
        if let next, next.chains(onto: p1) {
            return make(.inserted, current, "\(next.label) chains directly onto the row before it, so this row was put in between")
        }
        for candidate in after where candidate.table == current.table {
            var moved = candidate
            moved.values[0] = .integer(seq)
            // The candidate's content, at this seq, gives this row's link (contents exchanged,
            // links left in place) or chains with its own link (rows exchanged whole).
            if let link = moved.link(after: p1), link == current.stored || link == candidate.stored {
                return make(.reordered, current, "\(candidate.label) holds the content that belongs at seq \(seq): the two rows exchanged places")
            }
        }
        if let next, let recomputed = current.link(after: p1), next.chains(onto: recomputed) {
            return make(.linkChanged, current, "its content is intact but its stored link was overwritten")
        }
        let nextChains = next.map { $0.chains(onto: current.stored ?? []) } ?? true
        if nextChains {
            let lastNote = next == nil ? " (it is the last row: it may also have been appended with a wrong link)" : ""
            return make(.changed, current, "its content no longer matches its stored link\(lastNote)")
        }
        return make(.changed, current, "its content does not match its stored link and the next row does not chain onto it either "
            + "(several rows changed, or links rewritten)")
    }
}
