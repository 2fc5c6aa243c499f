import Ledger
import SQLite

/// Loads an entries file's valid rows into `ledger_entries` with one statement,
/// `INSERT INTO ledger_entries … SELECT … FROM hallbar_import_entries`, while the importing
/// thread goes on reading and validating the file.
///
/// Three stages, each on its own thread, hand chunks of rows to the next through bounded
/// queues (`HandoffQueue`, `depth` chunks of at most `chunkRows` rows: memory stays flat
/// whatever the file's length):
/// 1. the importing thread reads, validates and numbers rows (`push`);
/// 2. the chain thread computes each row's link (docs/chain.md), in order;
/// 3. the statement thread steps the INSERT, whose rows come from a `RowStream` (a virtual
///    table) fed by the chain thread's chunks.
///
/// ledger_entries has no INSERT trigger (migration 0007), so SQLite inserts each row as the
/// virtual table gives it (no temporary copy first): stages 1–3 overlap with the insert
/// itself, one statement with one journal, as `sqlite3`'s own `INSERT … SELECT`. The batch
/// row the entries point at is written after them (its seq follows theirs), which the
/// write's foreign keys, deferred to the commit (`LedgerStore.write`), allow.
///
/// The links are computed assuming every row goes in. When the database refuses a row (an
/// external id already stored or repeated in the file, a CHECK, a trigger), SQLite rolls the
/// statement back whole and `finish()` (or `push`, early) reports `.refused`: the caller
/// then imports the file again row by row (`EntriesImport`'s batched path), which names
/// every such row. Files without such rows, the normal case, are loaded once.
///
/// Threads: between the first `push` and the return of `finish()` or `abandon()`, only the
/// statement thread uses the connection (opened `SQLITE_OPEN_NOMUTEX`); the importing
/// thread touches neither it nor the other stages' state. The queues' lock orders the
/// threads' memory accesses; joining a thread makes everything it wrote visible.
final class EntryStream: @unchecked Sendable {
    /// Rows per chunk.
    static let chunkRows = 256
    /// Chunks a queue holds at most.
    static let depth = 8
    /// The virtual table's name.
    static let tableName = "hallbar_import_entries"

    /// Numbered rows, in file order, as the importing thread hands them over.
    struct Rows: Sendable {
        let entries: [NewEntry]
        let firstID: Int64
    }

    /// Numbered and chained rows.
    struct Chunk: Sendable {
        let entries: [NewEntry]
        /// 32 bytes per entry.
        let links: [UInt8]
        let firstID: Int64
    }

    /// The database refused a streamed row: the file must be imported again row by row.
    struct Refused: Error {}

    /// How the statement ended.
    enum Outcome {
        /// Every pushed row is stored; `lastLink` is the chain's new head.
        case stored(count: Int, lastLink: [UInt8])
        /// A constraint or trigger refused a row; nothing of the stream is stored.
        case refused
    }

    private let source: StreamSource
    private let table: RowStream
    private var statement: Statement?
    private let stamp: Stamp
    private let batchID: Int64
    private let startLink: [UInt8]
    private let firstSeq: Int64
    private let rows = HandoffQueue<Rows>(depth: EntryStream.depth)
    private let chunks: HandoffQueue<Chunk>

    // Importing thread only.
    private var chainThread: BackgroundThread<Result<[UInt8], any Error>>?
    private var statementThread: BackgroundThread<Result<Void, any Error>>?
    private var finished = false
    private(set) var pushedRows = 0

    /// Prepares the statement and registers the virtual table (nothing runs yet). The first
    /// row gets seq `firstSeq` and chains onto `previous`, the chain's last link.
    init(db: Connection, stamp: Stamp, batchID: Int64, firstSeq: Int64, previous: [UInt8]) throws {
        self.stamp = stamp
        self.batchID = batchID
        self.firstSeq = firstSeq
        startLink = previous
        chunks = HandoffQueue<Chunk>(depth: Self.depth)
        source = StreamSource(chunks: chunks)
        table = try RowStream(on: db, name: Self.tableName, columns: [
            "entry_id INTEGER", "external_id TEXT", "loan_id INTEGER", "value_date TEXT", "kind TEXT",
            "amount_ore INTEGER", "balance_effect_ore INTEGER", "chain_hash BLOB",
        ])
        // The entries' batch_id refers to the batch row written after them, at the end of the
        // same statement (`finish(afterLastRow:)`): this relies on `LedgerStore.write`
        // deferring foreign keys to the commit (it does for every write).
        let statement = try db.prepare(Self.insertSQL)
        try statement.bind(text: stamp.at, at: 1)
        try statement.bind(text: stamp.by, at: 2)
        try statement.bind(int64: batchID, at: 3)
        self.statement = statement
        table.source = source
    }

    deinit {
        precondition(chainThread == nil || finished, "an EntryStream must be finished or abandoned")
        table.source = nil
        statement = nil  // finalized before its virtual table goes
    }

    /// What the virtual table gives for each column of `ledger_entries` (the statement
    /// binds the stamp and batch as ?1, ?2, ?3; a streamed entry is never a reversal).
    private static let selectExpressions: [String: String] = [
        "entry_id": "entry_id", "external_id": "external_id", "loan_id": "loan_id", "value_date": "value_date",
        "kind": "kind", "amount_ore": "amount_ore", "balance_effect_ore": "balance_effect_ore",
        "reverses_entry_id": "NULL", "reason": "NULL", "recorded_at": "?1", "recorded_by": "?2", "batch_id": "?3",
        "chain_hash": "chain_hash",
    ]

    /// `INSERT INTO ledger_entries (every column) SELECT … FROM hallbar_import_entries`, its
    /// column list taken from `ChainedTable.ledgerEntries`.
    static let insertSQL: String = {
        let columns = ChainedTable.ledgerEntries.columns + ["chain_hash"]
        let select = columns.map { selectExpressions[$0] ?? "NULL" }
        precondition(columns.allSatisfy { selectExpressions[$0] != nil }, "EntryStream does not map every column of ledger_entries")
        return "INSERT INTO ledger_entries (\(columns.joined(separator: ", "))) SELECT \(select.joined(separator: ", ")) FROM \(tableName)"
    }()

    /// Queues rows, numbering them after those pushed before (starting the other stages
    /// with the first ones); blocks while the queue is full. - Returns: false when the
    /// statement has already ended (a row was refused): stop reading and call `finish()`.
    func push(_ entries: [NewEntry]) -> Bool {
        precondition(!finished && !entries.isEmpty)
        if chainThread == nil { start() }
        guard rows.put(.element(Rows(entries: entries, firstID: firstSeq + Int64(pushedRows)))) else { return false }
        pushedRows += entries.count
        return true
    }

    /// Ends the input and waits for the statement.
    /// - Throws: `SQLiteError` for anything but a refused row (I/O, disk full, busy), or the
    ///   chain's error (a field too long to encode).
    /// - Parameter afterLastRow: run on the statement thread, on the connection, once every
    ///   row has been handed to SQLite (and inserted) and before the statement ends, with the
    ///   number of rows and the last one's link (the batch row they point at, whose seq follows
    ///   theirs); its writes are part of the statement (undone with it). Its error stops the
    ///   statement and is thrown here.
    func finish(afterLastRow: ((_ count: Int, _ lastLink: [UInt8]) throws -> Void)? = nil) throws -> Outcome {
        guard !finished else { preconditionFailure("finish() called twice") }
        finished = true
        guard let chainThread, let statementThread else { return .stored(count: 0, lastLink: startLink) }
        source.afterLastRow = afterLastRow  // read by the statement thread after `.end` (queue lock)
        _ = rows.put(.end)
        let chained = chainThread.join()
        let executed = statementThread.join()
        if case .failure(let error) = chained { throw error }  // it stopped the statement
        if let error = source.afterLastRowError { throw error }
        switch executed {
        case .failure(let error as SQLiteError) where error.isConstraint: return .refused
        case .failure(let error): throw error
        case .success: return .stored(count: pushedRows, lastLink: try chained.get())
        }
    }

    /// Stops the statement (SQLite rolls it back) and waits for the stages; for an import
    /// that fails for another reason. Does nothing once finished.
    func abandon() {
        guard !finished else { return }
        finished = true
        guard let chainThread, let statementThread else { return }
        _ = rows.put(.abort)
        _ = chainThread.join()
        _ = statementThread.join()
    }

    private func start() {
        let (rows, chunks, stamp, batchID, startLink) = (rows, chunks, stamp, batchID, startLink)
        chainThread = BackgroundThread { Self.chain(from: rows, to: chunks, after: startLink, stamp: stamp, batchID: batchID) }
        statementThread = BackgroundThread { [self] in
            let result = Result { try statement!.execute() }
            chunks.stopTaking()  // a chain thread waiting for room wakes and stops
            return result
        }
    }

    /// The chain thread: links every row after the previous one, in order, and passes the
    /// chunks on. - Returns: the last link, or the error that stopped it.
    private static func chain(from rows: HandoffQueue<Rows>, to chunks: HandoffQueue<Chunk>, after start: [UInt8],
                              stamp: Stamp, batchID: Int64) -> Result<[UInt8], any Error> {
        var previous = start
        defer { rows.stopTaking() }  // the importing thread, if waiting for room, wakes and stops
        while true {
            switch rows.take() {
            case .element(let batch):
                var links: [UInt8] = []
                links.reserveCapacity(batch.entries.count * SHA256.digestByteCount)
                do {
                    for (offset, entry) in batch.entries.enumerated() {
                        previous = try link(after: previous, seq: batch.firstID + Int64(offset), entry, stamp: stamp, batchID: batchID)
                        links += previous
                    }
                } catch {
                    _ = chunks.put(.abort)
                    return .failure(error)
                }
                guard chunks.put(.element(Chunk(entries: batch.entries, links: links, firstID: batch.firstID))) else {
                    return .success(previous)  // the statement ended: its outcome says why
                }
            case .end:
                _ = chunks.put(.end)
                return .success(previous)
            case .abort:
                _ = chunks.put(.abort)
                return .success(previous)
            }
        }
    }
}

/// The rows of `hallbar_import_entries`: the chain thread's chunks, row by row, on the
/// statement thread.
private final class StreamSource: RowStreamSource, @unchecked Sendable {
    private let chunks: HandoffQueue<EntryStream.Chunk>
    private var current: EntryStream.Chunk?
    private var index = 0
    /// Rows served so far, and the last one's link.
    private var served = 0
    /// The current row, copied once per row (the columns are read eight times a row).
    private var entry: NewEntry?
    private var entryID: Int64 = 0
    private var link: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    /// Run when the last row has been read (`EntryStream.finish`), and what it threw.
    var afterLastRow: ((_ count: Int, _ lastLink: [UInt8]) throws -> Void)?
    private(set) var afterLastRowError: (any Error)?

    init(chunks: HandoffQueue<EntryStream.Chunk>) {
        self.chunks = chunks
    }

    func advance() -> RowStreamStep {
        index += 1
        if current == nil || index >= current!.entries.count {
            switch chunks.take() {
            case .element(let chunk):
                current = chunk
                index = 0
            case .end:
                current = nil
                entry = nil
                if let afterLastRow {
                    self.afterLastRow = nil
                    let last = withUnsafeBytes(of: link) { Array($0) }
                    do { try afterLastRow(served, last) } catch {
                        afterLastRowError = error
                        return .abort
                    }
                }
                return .end
            case .abort:
                current = nil
                entry = nil
                return .abort
            }
        }
        let chunk = current!
        entry = chunk.entries[index]
        entryID = chunk.firstID + Int64(index)
        served += 1
        let size = SHA256.digestByteCount
        chunk.links.withUnsafeBytes { links in
            withUnsafeMutableBytes(of: &link) {
                $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: links[(index * size)..<((index + 1) * size)]))
            }
        }
        return .row
    }

    func column(_ column: Int32, _ result: ColumnResult) {
        guard let entry else { return result.null() }
        switch column {
        case 0: result.int64(entryID)
        case 1: result.text(entry.externalID)
        case 2: result.int64(entry.loanID)
        case 3: result.text(entry.valueDate)
        case 4: result.text(entry.kind.rawValue)
        case 5: result.int64(entry.amount)
        case 6: result.int64(entry.balanceEffect)
        case 7: withUnsafeBytes(of: link) { result.blob($0) }
        default: result.null()
        }
    }
}

/// The link of a streamed entry: hashed through `LedgerEntryRow.write(seq:to:)`, the same
/// function that gives the values of a row inserted alone, so both paths agree.
private func link(after previous: [UInt8], seq: Int64, _ entry: NewEntry, stamp: Stamp, batchID: Int64) throws -> [UInt8] {
    #if HALLBAR_BENCH_NO_CHAIN
    return ChainLink.genesis  // only in the binary `make bench` builds to price the chain
    #else
    var hasher = try ChainRowHasher(previous: previous, table: ChainedTable.ledgerEntries.name,
                                    fieldCount: ChainedTable.ledgerEntries.columns.count)
    try entry.row(stamp: stamp, batchID: batchID).write(seq: seq, to: &hasher)
    return hasher.finalize()
    #endif
}

/// A bounded queue from one producing thread to one consuming thread.
///
/// `put` blocks while `depth` items wait; `take` blocks while none does. The consumer calls
/// `stopTaking()` when it will take no more (it ended early or is done): waiting and later
/// `put`s then return false at once, and what was queued is dropped.
final class HandoffQueue<Element: Sendable>: @unchecked Sendable {
    enum Item: Sendable {
        case element(Element)
        /// No more elements: finish normally.
        case end
        /// Stop: the work is abandoned.
        case abort
    }

    private let depth: Int
    private let condition = Condition()
    private var items: [Item] = []
    private var stopped = false

    init(depth: Int) {
        precondition(depth > 0)
        self.depth = depth
        items.reserveCapacity(depth)
    }

    /// Queues `item`, waiting for room. - Returns: false when the consumer has stopped.
    func put(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= depth && !stopped { condition.wait() }
        guard !stopped else { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// The next item, waiting for one.
    func take() -> Item {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty { condition.wait() }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }

    /// The consumer takes no more: wakes a waiting producer, whose `put` returns false.
    func stopTaking() {
        condition.lock()
        defer { condition.unlock() }
        stopped = true
        items.removeAll()
        condition.broadcast()
    }
}
