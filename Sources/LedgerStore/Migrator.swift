import Ledger
import SQLite

/// Applies the binary's migrations to a database and compares the two.
///
/// The history lives in `schema_migrations`, which the migrator creates in the same
/// transaction as the first migration. Each migration and its history row commit in
/// one `BEGIN IMMEDIATE` transaction after `PRAGMA foreign_key_check` came back empty,
/// so a database is always at one version or the next, never between.
public struct Migrator {
    /// The migrations this binary knows, ordered by version.
    public let migrations: [Migration]

    /// A migrator over the given migrations (by default the embedded ones).
    public init(migrations: [Migration]) { self.migrations = migrations }

    /// A migrator over the migrations compiled into this binary.
    public static func embedded() throws -> Migrator { Migrator(migrations: try Migration.embedded()) }

    static let historyTable = "schema_migrations"
    static let createHistory = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version      INTEGER PRIMARY KEY CHECK (version > 0),
            description  TEXT NOT NULL,
            checksum     TEXT NOT NULL CHECK (length(checksum) = 64),
            applied_at   TEXT NOT NULL,
            applied_by   TEXT NOT NULL,
            duration_ms  INTEGER NOT NULL CHECK (duration_ms >= 0)
        ) STRICT
        """

    /// The database's history, or an empty list when it has none yet.
    func applied(in db: Connection) throws -> [AppliedMigration] {
        let exists = try db.scalarInt(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", [Migrator.historyTable]) ?? 0
        guard exists > 0 else { return [] }
        return try db.rows(
            "SELECT version, description, checksum, applied_at, applied_by, duration_ms FROM schema_migrations ORDER BY version"
        ).map { row in
            AppliedMigration(
                version: Int(row[0].int64 ?? 0), description: row[1].string ?? "", checksum: row[2].string ?? "",
                appliedAt: row[3].string ?? "", appliedBy: row[4].string ?? "", durationMilliseconds: row[5].int64 ?? 0)
        }
    }

    /// The comparison of a database's history with this binary.
    public struct Plan: Sendable {
        /// What the database records, by version.
        public let applied: [AppliedMigration]
        /// The binary's migrations not yet applied, in order.
        public let pending: [Migration]
        /// Disagreements; when not empty nothing may be applied and commands are refused.
        public let problems: [MigrationProblem]
        /// True when the database is exactly at the binary's version.
        public var isCurrent: Bool { pending.isEmpty && problems.isEmpty }
    }

    /// Compares the database's history with the binary's migrations.
    func plan(for db: Connection) throws -> Plan {
        let applied = try self.applied(in: db)
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        var problems: [MigrationProblem] = []
        for record in applied {
            if let migration = known[record.version] {
                if migration.checksum != record.checksum {
                    problems.append(.checksumMismatch(version: record.version, applied: record.checksum, binary: migration.checksum))
                }
            } else {
                problems.append(.unknownApplied(version: record.version, description: record.description))
            }
        }
        let appliedVersions = Set(applied.map(\.version))
        let pending = migrations.filter { !appliedVersions.contains($0.version) }
        if let highest = applied.map(\.version).max() {
            for migration in pending where migration.version < highest {
                problems.append(.outOfOrder(pending: migration.version, highestApplied: highest))
            }
        }
        return Plan(applied: applied, pending: pending, problems: problems)
    }

    /// Applies every pending migration, each in its own transaction.
    ///
    /// - Parameters:
    ///   - stamp: who runs it, recorded in the history.
    ///   - backupPath: when the database already holds data, a verified backup is written
    ///     here before the first migration (nil: no backup).
    ///   - progress: called after each migration commits.
    /// - Returns: the migrations applied, in order.
    /// - Throws: `MigrationError.inconsistent` (nothing applied) when the history disagrees
    ///   with the binary; `SQLiteError` or `MigrationError.foreignKeyViolations` from a
    ///   failing migration, which is rolled back while the earlier ones stay committed.
    @discardableResult
    public func migrate(
        _ db: Connection, stamp: Stamp, backupPath: String? = nil,
        progress: (Migration, Int64) -> Void = { _, _ in }
    ) throws -> [Migration] {
        let plan = try self.plan(for: db)
        guard plan.problems.isEmpty else { throw MigrationError.inconsistent(plan.problems) }
        guard !plan.pending.isEmpty else { return [] }
        if let backupPath, try Migrator.holdsData(db) {
            try Migrator.verifiedBackup(of: db, to: backupPath)
        }
        var done: [Migration] = []
        for migration in plan.pending {
            let started = ContinuousClock.now
            try db.inTransaction(.immediate) {
                try db.execute(Migrator.createHistory)
                // Another process may have migrated while this one waited for the lock.
                let already = try db.scalarInt("SELECT count(*) FROM schema_migrations WHERE version = ?", [migration.version]) ?? 0
                guard already == 0 else { return }
                for part in migration.parts {
                    switch part {
                    case .sql(let sql): try db.execute(sql)
                    case .step(let name): try MigrationSteps.run(name, version: migration.version, in: db)
                    }
                }
                let broken = try db.foreignKeyProblems()
                guard broken.isEmpty else {
                    throw MigrationError.foreignKeyViolations(version: migration.version, Array(broken.prefix(10)))
                }
                let elapsed = Migrator.milliseconds(since: started)
                try db.run(
                    "INSERT INTO schema_migrations (version, description, checksum, applied_at, applied_by, duration_ms) VALUES (?, ?, ?, ?, ?, ?)",
                    [migration.version, migration.description, migration.checksum, stamp.at, stamp.by, elapsed])
            }
            done.append(migration)
            progress(migration, Migrator.milliseconds(since: started))
        }
        return done
    }

    /// Whole milliseconds from `start` to now.
    static func milliseconds(since start: ContinuousClock.Instant) -> Int64 {
        let elapsed = start.duration(to: .now).components
        return elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000
    }

    /// True when any table other than the migration history has a row.
    static func holdsData(_ db: Connection) throws -> Bool {
        let tables = try db.rows(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'"
        ).compactMap { $0[0].string }
        for table in tables {
            let quoted = "\"" + table.replacingEvery("\"", with: "\"\"") + "\""
            if try db.prepare("SELECT 1 FROM \(quoted) LIMIT 1").rows().isEmpty == false { return true }
        }
        return false
    }

    /// Copies the database with the online backup API, then checks the copy.
    /// - Throws: `MigrationError.backupFailed` when the copy cannot be made or is not sound.
    static func verifiedBackup(of db: Connection, to path: String) throws {
        do {
            try db.backup(to: path)
            let copy = try Connection(path: path, mode: .readOnly)
            defer { try? copy.close() }
            let problems = try copy.integrityProblems()
            guard problems.isEmpty else {
                throw MigrationError.backupFailed(path: path, reason: problems.prefix(3).joined(separator: "; "))
            }
        } catch let error as MigrationError {
            throw error
        } catch {
            throw MigrationError.backupFailed(path: path, reason: "\(error)")
        }
    }
}
