import Ledger
import SQLite

/// A hallbar ledger file: the one door through which the command line reads and writes.
///
/// Shaped like GRDB's `DatabaseQueue`: `read { }` runs a closure in one read transaction
/// (a consistent snapshot) and `write { }` in one `BEGIN IMMEDIATE` transaction that it
/// commits when the closure returns and rolls back when it throws. The closure gets a
/// `LedgerRead` or `LedgerWrite`, which offer the ledger's operations (imports, single
/// records, amendments, reports' queries) and no raw SQL: the connection stays inside
/// LedgerStore, and so does every table's column list and chain link.
///
/// ```swift
/// let store = try LedgerStore.open(path: "hallbar.db", access: .write)
/// defer { store.close() }
/// let result = try store.write(by: "anna") { try $0.recordEntry(.disbursement, loan: "220001", date: "2025-01-15",
///                                                             amount: "250 000", externalID: nil) }
/// ```
public final class LedgerStore {
    /// Whether the ledger is opened to read or to write.
    public enum Access: Sendable { case read, write }

    /// The file as named.
    public let path: String
    /// How it was opened.
    public let access: Access
    let db: Connection
    /// Kept alive as long as the connection (it is the connection's busy handler).
    private let busyWait: BusyWait

    /// How long a writer waits for another by default, in seconds (cli.md: `--wait`).
    public static let defaultWaitSeconds = 60.0

    private init(path: String, access: Access, db: Connection, busyWait: BusyWait) {
        self.path = path
        self.access = access
        self.db = db
        self.busyWait = busyWait
    }

    deinit { try? db.close() }

    /// Opens an existing, current ledger.
    ///
    /// - Parameters:
    ///   - wait: seconds to wait for another writer's lock before giving up (exit 69).
    ///   - notice: called once when the wait has lasted two seconds (to tell a person).
    /// - Throws: `StoreError` (missing, not a database, not hallbar's, behind, changed
    ///   schema), `SQLiteError` (busy, I/O).
    public static func open(path: String, access: Access, wait: Double = defaultWaitSeconds,
                            notice: (() -> Void)? = nil) throws -> LedgerStore {
        let db = try LedgerDatabase.open(path: path, access: access == .read ? .read : .write)
        let busy = BusyWait(seconds: wait, notice: notice)
        db.waitWhenBusy(busy)
        return LedgerStore(path: path, access: access, db: db, busyWait: busy)
    }

    /// Creates a new ledger at `path` (permissions 0600) and applies every migration.
    /// - Returns: the migrations applied.
    /// - Throws: `StoreError.alreadyExists` when the file already holds a ledger.
    @discardableResult
    public static func create(path: String, by name: String?) throws -> [Migration] {
        try LedgerDatabase.create(path: path, stamp: Stamp.now(by: name))
    }

    /// Closes the file; later calls do nothing.
    public func close() { try? db.close() }

    /// Runs `body` in one read transaction: everything it reads is one snapshot.
    public func read<T>(_ body: (LedgerRead) throws -> T) throws -> T {
        try db.inTransaction(.deferred) { try body(LedgerRead(db: db)) }
    }

    /// Runs `body` in one write transaction (`BEGIN IMMEDIATE`, waiting for another writer
    /// as `open` said), stamped with `name` (else the login name) and the time the lock was
    /// taken. Commits when `body` returns; rolls back and rethrows when it throws, so a
    /// failing command writes nothing.
    /// - Throws: what `body` throws; `SQLiteError` (busy beyond the wait, I/O, full).
    public func write<T>(by name: String?, _ body: (LedgerWrite) throws -> T) throws -> T {
        try write(stamp: nil, by: name, body)
    }

    /// `write` with a given stamp (tests), or the stamp taken when the lock is (nil).
    func write<T>(stamp: Stamp?, by name: String? = nil, _ body: (LedgerWrite) throws -> T) throws -> T {
        guard access == .write else { preconditionFailure("write on a ledger opened to read") }
        return try db.inTransaction(.immediate) {
            try db.execute("PRAGMA defer_foreign_keys = ON")
            let writer = try LedgerWrite(db: db, by: name, stamp: stamp)
            return try body(writer)
        }
    }

    /// `write` for a dry run: runs `body` with every check and rolls everything back.
    public func rehearse<T>(by name: String?, stamp: Stamp? = nil, _ body: (LedgerWrite) throws -> T) throws -> T {
        var result: T?
        do {
            _ = try write(stamp: stamp, by: name) { writer -> Never in
                result = try body(writer)
                throw Rehearsed()
            }
        } catch is Rehearsed {}
        return result!
    }
}

/// Thrown to roll a rehearsed write back.
private struct Rehearsed: Error {}

/// What a read transaction offers: the ledger's queries. Extensions in the files that own
/// each concern add them (reports, lists, history, the head).
public struct LedgerRead {
    let db: Connection

    /// The ledger's head: the last link of the chain and the number of chained rows.
    public func head() throws -> ChainHead { try ChainHead.read(in: db) }
}

/// What a write transaction offers: the ledger's writes, each through the chain.
public final class LedgerWrite {
    let db: Connection
    /// Who writes, and when the write lock was taken (never earlier than the chain's last
    /// stamp, so stamps do not go back along the chain).
    public let stamp: Stamp
    /// Appends rows to the chain.
    let chain: ChainAppender

    init(db: Connection, by name: String?, stamp given: Stamp? = nil) throws {
        self.db = db
        chain = try ChainAppender(db: db)
        if let given {
            stamp = given
            return
        }
        var stamp = Stamp.now(by: name)
        if let last = try LedgerWrite.lastStamp(in: db), last > stamp.at { stamp.at = last }
        self.stamp = stamp
    }

    /// The same reads a read transaction offers, inside this write.
    public var reader: LedgerRead { LedgerRead(db: db) }

    /// The recorded_at of the chain's last row that has one.
    private static func lastStamp(in db: Connection) throws -> String? {
        let head = try ChainHead.read(in: db)
        guard head.rows > 0 else { return nil }
        for table in ChainedTable.allCases where table.columns.contains("recorded_at") {
            if let at = try db.scalarText("SELECT recorded_at FROM \(table.name) WHERE \(table.seqColumn) = ?", [head.rows]) {
                return at
            }
        }
        return nil
    }
}
