import Ledger
import SQLite

/// Opens hallbar ledgers: the one place that decides whether a file may be used.
///
/// Every command but `init`, `seed` and `migrate` opens through `open(path:access:)`,
/// which refuses a missing file (nothing is created), a file that is not a database,
/// and a database whose migrations differ from the binary's.
enum LedgerDatabase {
    /// Whether the command reads or writes.
    public enum Access: Sendable { case read, write }

    /// Opens an existing, current ledger.
    /// - Throws: `StoreError` (missing, not a database, not hallbar's, behind, inconsistent)
    ///   or `SQLiteError` (busy, I/O).
    static func open(path: String, access: Access) throws -> Connection {
        let db = try openFile(path: path, mode: access == .read ? .readOnly : .readWrite)
        do {
            try requireCurrent(db, path: path)
        } catch {
            try? db.close()
            throw error
        }
        return db
    }

    /// Opens an existing file without checking its migrations (for `migrate`).
    static func openFile(path: String, mode: Connection.Mode) throws -> Connection {
        guard mode == .create || LocalFiles.exists(path) else {
            throw StoreError.databaseMissing(path: path)
        }
        try LedgerFileCheck.requireRegularFile(path)  // issue 17: no FIFO (it hung), folder or device
        do {
            return try Connection(path: path, mode: mode)
        } catch let error as SQLiteError where error.isCorrupt {
            throw StoreError.notADatabase(path: path, detail: error.message)
        }
    }

    /// Refuses a database whose migration history differs from the binary's.
    static func requireCurrent(_ db: Connection, path: String) throws {
        let migrator = try Migrator.embedded()
        let plan = try migrator.plan(for: db)
        guard plan.problems.isEmpty else { throw StoreError.schemaInconsistent(path: path, problems: plan.problems) }
        if plan.applied.isEmpty {
            let tables = try db.scalarInt("SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0
            if tables > 0 { throw StoreError.notAHallbarDatabase(path: path) }
            throw StoreError.emptyDatabase(path: path)
        }
        guard plan.pending.isEmpty else {
            throw StoreError.schemaBehind(path: path, pending: plan.pending.map { "\($0.label) \($0.description)" })
        }
        // A schema byte for byte as the migrations create it needs no replay (start-up time).
        if try ExpectedSchema.fingerprint(of: db) == SchemaFingerprint.fresh { return }
        let differences = try ExpectedSchema(migrations: migrator.migrations).differences(in: db)
        guard differences.isEmpty else { throw StoreError.schemaChanged(path: path, differences: differences) }
    }

    /// Creates a new ledger at `path` and applies every migration.
    /// - Throws: `StoreError.alreadyExists` when the file already holds a hallbar ledger.
    @discardableResult
    public static func create(path: String, stamp: Stamp) throws -> [Migration] {
        let existed = LocalFiles.exists(path)
        do {
            return try createOrRefuse(path: path, existed: existed, stamp: stamp)
        } catch {
            // A file this call created and could not finish is removed, not left half-made.
            if !existed { LocalFiles.removeDatabase(path) }
            throw error
        }
    }

    private static func createOrRefuse(path: String, existed: Bool, stamp: Stamp) throws -> [Migration] {
        let migrator = try Migrator.embedded()
        if existed {
            // Decide on a read-only connection: opening read-write switches the file to WAL,
            // a write that a refused file must not get.
            let reader = try openFile(path: path, mode: .readOnly)
            defer { try? reader.close() }
            let objects = try reader.scalarInt("SELECT count(*) FROM sqlite_master") ?? 0
            if objects > 0 {
                let plan = try migrator.plan(for: reader)
                if plan.applied.isEmpty { throw StoreError.notAHallbarDatabase(path: path) }
                throw StoreError.alreadyExists(path: path)
            }
        }
        let db = try openFile(path: path, mode: .create)
        defer { try? db.close() }
        return try migrator.migrate(db, stamp: stamp)
    }

    /// The path of the backup taken before migrating `path` to `version`.
    public static func backupPath(for path: String, before version: Int, at stamp: Stamp) -> String {
        let compact = stamp.at.filter { $0.isNumber }.prefix(14)
        return "\(path).before-\(Migration.label(version))-\(compact).backup"
    }
}
