import Ledger
import SQLite

/// `hallbar migrate status|up|verify`: the ledger's migration history against this
/// binary's migrations, and bringing a ledger up to date.
public enum LedgerMigrations {
    /// One version as `status` lists it.
    public struct Line: Sendable {
        public let version: Int
        /// applied, pending, CHANGED (another checksum), UNKNOWN (not in this binary).
        public let state: String
        public let checksum: String
        public let appliedAt: String?
        public let appliedBy: String?
        public let description: String
    }

    /// Every version the ledger or the binary knows, and the problems of the history.
    public static func status(path: String) throws -> (lines: [Line], problems: [MigrationProblem]) {
        let db = try LedgerDatabase.openFile(path: path, mode: .readOnly)
        defer { try? db.close() }
        let migrator = try Migrator.embedded()
        let plan = try migrator.plan(for: db)
        let appliedByVersion = Dictionary(uniqueKeysWithValues: plan.applied.map { ($0.version, $0) })
        let versions = Set(migrator.migrations.map(\.version)).union(appliedByVersion.keys).sorted()
        var lines: [Line] = []
        for version in versions {
            let binary = migrator.migrations.first { $0.version == version }
            let applied = appliedByVersion[version]
            let state: String
            switch (binary, applied) {
            case let (b?, a?): state = b.checksum == a.checksum ? "applied" : "CHANGED"
            case (_?, nil): state = "pending"
            case (nil, _?): state = "UNKNOWN"
            case (nil, nil): continue
            }
            lines.append(Line(version: version, state: state, checksum: applied?.checksum ?? binary?.checksum ?? "",
                              appliedAt: applied?.appliedAt, appliedBy: applied?.appliedBy,
                              description: binary?.description ?? applied?.description ?? ""))
        }
        return (lines, plan.problems)
    }

    /// What `up` did or would do.
    public enum Outcome: Sendable {
        /// Nothing pending; the ledger's schema version.
        case upToDate(version: String)
        /// A dry run: what would be applied.
        case wouldApply([Migration])
        /// Applied, with the backup of the previous version when the ledger held data.
        case applied([Migration], backup: String?)
    }

    /// Applies every pending migration (each in its own transaction, after a verified
    /// backup when the ledger holds data), or with `dryRun` says what it would apply.
    /// - Parameter progress: called after each migration commits, with its milliseconds.
    /// - Throws: `StoreError`, `MigrationError`, `SQLiteError`.
    public static func up(path: String, dryRun: Bool, by name: String?,
                          progress: (Migration, Int64) -> Void = { _, _ in }) throws -> Outcome {
        // Every check runs on a read-only connection first: opening read-write switches the
        // file to WAL, a write that a refused file must not get.
        let reader = try LedgerDatabase.openFile(path: path, mode: .readOnly)
        var db = reader
        defer { try? db.close() }
        let quick = try reader.integrityProblems(quick: true)
        guard quick.isEmpty else {
            throw StoreError.notADatabase(path: path, detail: "it fails quick_check (" + quick.prefix(3).joined(separator: "; ") + "); not migrating")
        }
        let migrator = try Migrator.embedded()
        var plan = try migrator.plan(for: reader)
        guard plan.problems.isEmpty else { throw MigrationError.inconsistent(plan.problems) }
        if plan.applied.isEmpty, try reader.scalarInt("SELECT count(*) FROM sqlite_master") ?? 0 > 0 {
            throw StoreError.notAHallbarDatabase(path: path)
        }
        if plan.pending.isEmpty {
            return .upToDate(version: plan.applied.last.map { Migration.label($0.version) } ?? "none")
        }
        if dryRun { return .wouldApply(plan.pending) }
        try reader.close()
        db = try LedgerDatabase.openFile(path: path, mode: .readWrite)
        plan = try migrator.plan(for: db)
        let stamp = Stamp.now(by: name)
        let backup = plan.pending.first.map { LedgerDatabase.backupPath(for: path, before: $0.version, at: stamp) }
        let done = try migrator.migrate(db, stamp: stamp, backupPath: backup, progress: progress)
        return .applied(done, backup: backup.flatMap { LocalFiles.exists($0) ? $0 : nil })
    }

    /// The problems of the ledger's history against this binary (changed checksums,
    /// unknown or pending versions), and, when it is current, every schema object that is
    /// not what the migrations create (the check every write makes); empty when all hold.
    /// - Throws: `StoreError.notAHallbarDatabase` when it has no history.
    public static func problems(path: String) throws -> [String] {
        let db = try LedgerDatabase.openFile(path: path, mode: .readOnly)
        defer { try? db.close() }
        let migrator = try Migrator.embedded()
        let plan = try migrator.plan(for: db)
        if plan.applied.isEmpty { throw StoreError.notAHallbarDatabase(path: path) }
        let history = plan.problems.map(\.description)
            + plan.pending.map { "migration \($0.label) (\($0.description)) is pending: run 'hallbar migrate'" }
        guard history.isEmpty else { return history }
        return try ExpectedSchema(migrations: migrator.migrations).differences(in: db).map { "schema: \($0)" }
    }
}
