import Dispatch
import Ledger
import SQLite
import Synchronization

/// Loads an entries file's valid rows into `ledger_entries` with one statement,
/// `INSERT INTO ledger_entries … SELECT … FROM hallbar_import_entries`, stepped on a second
/// thread while the importing thread reads, validates, numbers and chains the rows.
///
/// `hallbar_import_entries` is a `RowStream` (a virtual table) whose rows this class hands
/// to SQLite chunk by chunk, through a bounded queue of `depth` chunks: memory stays flat
/// whatever the file's length. One statement for the whole file is what `sqlite3`'s own
/// `INSERT … SELECT` does: one VDBE program, one statement journal that holds each page
/// once, instead of one of each per batch of rows.
///
/// The links are computed assuming every row goes in. When the database refuses a row (an
/// external id already stored or repeated in the file, a CHECK, a trigger), SQLite rolls the
/// statement back whole and `finish()` (or `push`, early) reports `.refused`: the caller
/// then imports the file again row by row (`EntriesImport`'s batched path), which names
/// every such row. Files without such rows, the normal case, are loaded once.
///
/// Threads: between `push` of the first chunk and the return of `finish()` or `abandon()`,
/// only the stream's thread uses the connection (it is opened `SQLITE_OPEN_NOMUTEX`); the
/// importing thread touches neither the connection nor the consumer's state. The queue's
/// slots are handed over with semaphores, which order the two threads' memory accesses.
final class EntryStream: RowStreamSource, @unchecked Sendable {
    /// Rows per chunk handed to the stream's thread.
    static let chunkRows = 256
    /// Chunks queued at most (about 64 KiB of entries).
    static let depth = 8
    /// The virtual table's name.
    static let tableName = "hallbar_import_entries"

    /// Numbered and chained rows, in file order.
    struct Chunk: Sendable {
        let entries: [LedgerEntryWriter.NewEntry]
        /// 32 bytes per entry.
        let links: [UInt8]
        let firstID: Int64
    }

    private enum Slot: Sendable {
        case chunk(Chunk)
        case end
        case abort
    }

    /// The database refused a streamed row: the file must be imported again row by row.
    struct Refused: Error {}

    /// How the statement ended.
    enum Outcome {
        /// Every pushed row is stored.
        case stored(count: Int)
        /// A constraint or trigger refused a row; nothing of the stream is stored.
        case refused
    }

    private let db: Connection
    private let table: RowStream
    private var statement: Statement?
    private let queue = DispatchQueue(label: "hallbar.import.entries")
    private let slots: UnsafeMutablePointer<Slot?>
    private let filled = DispatchSemaphore(value: 0)
    private let free = DispatchSemaphore(value: EntryStream.depth)
    private let done = DispatchSemaphore(value: 0)
    private let consumerEnded = Atomic<Bool>(false)

    // Importing thread only.
    private var tail = 0
    private var started = false
    private var finished = false
    private(set) var pushedRows = 0

    // Stream thread only (until `done` is signalled; read by the importing thread after).
    private var head = 0
    private var current: Chunk?
    private var index = 0
    /// The current row, copied once per row (the columns are read eight times a row).
    private var entry: LedgerEntryWriter.NewEntry?
    private var entryID: Int64 = 0
    private var link: Link = (0, 0, 0, 0)
    private typealias Link = (UInt64, UInt64, UInt64, UInt64)
    private var result: Result<Void, any Error> = .success(())

    /// Prepares the statement and registers the virtual table (nothing runs yet).
    init(db: Connection, stamp: Stamp, batchID: Int64) throws {
        self.db = db
        table = try RowStream(on: db, name: Self.tableName, columns: [
            "entry_id INTEGER", "external_id TEXT", "loan_id INTEGER", "value_date TEXT", "kind TEXT",
            "amount_ore INTEGER", "balance_effect_ore INTEGER", "chain_hash BLOB",
        ])
        let columns = ChainedTable.ledgerEntries.columns + ["chain_hash"]
        let statement = try db.prepare(
            """
            INSERT INTO ledger_entries (\(columns.joined(separator: ", ")))
            SELECT entry_id, external_id, loan_id, value_date, kind, amount_ore, balance_effect_ore, NULL, NULL,
                   ?1, ?2, ?3, chain_hash
            FROM \(Self.tableName)
            """)
        try statement.bind(text: stamp.at, at: 1)
        try statement.bind(text: stamp.by, at: 2)
        try statement.bind(int64: batchID, at: 3)
        self.statement = statement
        slots = UnsafeMutablePointer<Slot?>.allocate(capacity: Self.depth)
        slots.initialize(repeating: nil, count: Self.depth)
        table.source = self
    }

    deinit {
        precondition(!started || finished, "an EntryStream must be finished or abandoned")
        statement = nil  // finalized before its virtual table goes
        slots.deinitialize(count: Self.depth)
        slots.deallocate()
    }

    /// Queues a chunk (starting the statement with the first one); blocks while the queue is
    /// full. - Returns: false when the statement has already ended (a row was refused):
    /// stop reading and call `finish()` for the outcome.
    func push(_ chunk: Chunk) -> Bool {
        precondition(!finished && !chunk.entries.isEmpty)
        if !started { start() }
        guard put(.chunk(chunk)) else { return false }
        pushedRows += chunk.entries.count
        return true
    }

    /// Ends the input and waits for the statement.
    /// - Throws: `SQLiteError` for anything but a refused row (I/O, disk full, busy).
    func finish() throws -> Outcome {
        guard !finished else { preconditionFailure("finish() called twice") }
        finished = true
        defer { table.source = nil }  // breaks the cycle table → source → table
        guard started else { return .stored(count: 0) }
        _ = put(.end)
        done.wait()
        switch result {
        case .success: return .stored(count: pushedRows)
        case .failure(let error as SQLiteError) where error.isConstraint: return .refused
        case .failure(let error): throw error
        }
    }

    /// Stops the statement (SQLite rolls it back) and waits for it; for an import that
    /// fails for another reason. Does nothing once finished.
    func abandon() {
        guard !finished else { return }
        finished = true
        defer { table.source = nil }
        guard started else { return }
        _ = put(.abort)
        done.wait()
    }

    private func start() {
        started = true
        queue.async { [self] in
            result = Result { try statement!.execute() }
            consumerEnded.store(true, ordering: .sequentiallyConsistent)
            free.signal()  // a producer waiting for a slot wakes and sees the end
            done.signal()
        }
    }

    /// Puts a slot in the queue; false when the statement has ended.
    private func put(_ slot: Slot) -> Bool {
        if consumerEnded.load(ordering: .sequentiallyConsistent) { return false }
        free.wait()
        if consumerEnded.load(ordering: .sequentiallyConsistent) {
            free.signal()
            return false
        }
        slots[tail] = slot
        tail = (tail + 1) % Self.depth
        filled.signal()
        return true
    }

    // MARK: RowStreamSource (the stream's thread)

    func advance() -> RowStreamStep {
        index += 1
        if current == nil || index >= current!.entries.count {
            filled.wait()
            let slot = slots[head].take()
            head = (head + 1) % Self.depth
            free.signal()
            switch slot {
            case .chunk(let chunk):
                current = chunk
                index = 0
            case .end, nil:
                current = nil
                entry = nil
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
        chunk.links.withUnsafeBytes { links in
            withUnsafeMutableBytes(of: &link) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: links[(index * 32)..<(index * 32 + 32)])) }
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
