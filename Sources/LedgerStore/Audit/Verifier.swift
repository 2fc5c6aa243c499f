import Ledger
import SQLite

/// Everything `hallbar verify` checks, on a connection it only reads through.
///
/// In order: the file (`integrity_check`, or `quick_check` only), the connection settings
/// and the file's journal mode, the migration history, the schema against the migrations,
/// `foreign_key_check`, every hash chain (naming the first bad row of each table), the heads
/// recorded by follow-up approvals, the ledger invariants, and every balance assertion.
/// A check that cannot run on a damaged file becomes a finding too; only a busy database
/// stops it (the error is thrown). The integrity and foreign-key checks, SQLite's slowest
/// parts, run on a second read-only connection in a thread of their own meanwhile.
///
/// ```swift
/// let db = try Verifier.open(path: "hallbar.db")
/// let findings = try Verifier(db: db).run()   // [] when everything holds
/// ```
public struct Verifier {
    /// The connection, opened read-only.
    public let db: Connection
    private let migrations: [Migration]
    /// False to run `quick_check` instead of the full `integrity_check`.
    public let fullIntegrityCheck: Bool

    /// A verifier over `db` and the binary's migrations (or the ones given, for tests).
    /// - Throws: `MigrationError` when the embedded migrations are unusable.
    public init(db: Connection, migrations: [Migration]? = nil, fullIntegrityCheck: Bool = true) throws {
        self.db = db
        self.migrations = try migrations ?? Migration.embedded()
        self.fullIntegrityCheck = fullIntegrityCheck
    }

    /// Opens `path` read-only for verification, without refusing a migration mismatch
    /// (that becomes a finding).
    /// - Throws: `StoreError` for a missing file or one that is not a database.
    public static func open(path: String) throws -> Connection {
        try LedgerDatabase.openFile(path: path, mode: .readOnly)
    }

    /// Runs every check and returns the findings, empty when the ledger is sound.
    /// - Throws: `StoreError.notAHallbarDatabase` for a SQLite file that is not a ledger;
    ///   `SQLiteError` when the database stays busy beyond the timeout.
    public func run() throws -> [Finding] {
        let background = FileChecksThread(path: db.path, full: fullIntegrityCheck)
        var early = try guarded(.settings) { try settings() }
        early += try guarded(.migrations) { try migrationHistory() }
        early += try guarded(.schema) { try SchemaCheck.findings(in: db, migrations: migrations) }
        var late = try guarded(.chain) { try chains() }
        late += try guarded(.invariant) { try LedgerInvariants.findings(in: db) }
        late += try guarded(.assertion) { try assertions() }
        let file = try background.wait()
        return file.integrity + early + file.foreignKeys + late
    }

    /// Runs one check; an SQLite error other than busy becomes a finding of its category.
    private func guarded(_ category: Finding.Category, _ check: () throws -> [Finding]) throws -> [Finding] {
        do {
            return try check()
        } catch let error as SQLiteError where !error.isBusy {
            return [Finding(category, "cannot be checked: \(error.message)")]
        }
    }

    /// The full `integrity_check` (which includes everything `quick_check` does), or only
    /// `quick_check` when `full` is false (about 2.5 × faster on a large file: it skips
    /// checking that indexes match their tables).
    /// - Throws: `SQLiteError`.
    public static func integrity(of db: Connection, full: Bool = true) throws -> [Finding] {
        let name = full ? "integrity_check" : "quick_check"
        return try db.integrityProblems(quick: !full).map { Finding(.integrity, "\(name): \($0)") }
    }

    /// The settings of quality.md that can be seen from a read-only connection: foreign
    /// keys, defensive mode, trusted_schema off, a busy timeout, query_only, and the file's
    /// journal mode (WAL). `synchronous` belongs to each writing connection, not to the file,
    /// and is checked where writers open (`Connection`).
    public func settings() throws -> [Finding] {
        let s = try db.settings()
        var result: [Finding] = []
        if !s.foreignKeys { result.append(Finding(.settings, "foreign keys are off on this connection")) }
        if !s.defensive { result.append(Finding(.settings, "SQLITE_DBCONFIG_DEFENSIVE is off on this connection")) }
        if s.trustedSchema { result.append(Finding(.settings, "trusted_schema is on on this connection")) }
        if s.busyTimeoutMilliseconds <= 0 { result.append(Finding(.settings, "no busy timeout on this connection")) }
        if db.mode == .readOnly && !s.queryOnly { result.append(Finding(.settings, "query_only is off on a read-only connection")) }
        if s.journalMode.lowercased() != "wal" {
            result.append(Finding(.settings, "the file's journal mode is \(s.journalMode), not WAL"))
        }
        return result
    }

    /// The migration history against the binary: changed checksums, unknown or pending versions.
    /// - Throws: `StoreError.notAHallbarDatabase` when there is no history at all.
    public func migrationHistory() throws -> [Finding] {
        let plan = try Migrator(migrations: migrations).plan(for: db)
        if plan.applied.isEmpty { throw StoreError.notAHallbarDatabase(path: db.path) }
        return plan.problems.map { Finding(.migrations, $0.description) }
            + plan.pending.map { Finding(.migrations, "migration \($0.label) (\($0.description)) is pending: run 'hallbar migrate'") }
    }

    /// Every chained table's links, and the heads recorded by approvals, in one pass.
    public func chains() throws -> [Finding] {
        var heads = try HeadCheck(db: db)
        var result: [Finding] = []
        for table in ChainedTable.allCases {
            heads.begin(table)
            let outcome = try ChainCheck.verify(table, in: db) { position, recordedAt, link in
                heads.observe(position: position, recordedAt: recordedAt, link: link)
            }
            heads.end(rows: outcome.rows)
            if let found = outcome.firstBreak { result.append(Finding(.chain, found.description)) }
        }
        return result + heads.findings()
    }

    /// One finding per assertion that does not hold, with expected, actual and difference.
    public func assertions() throws -> [Finding] {
        let checked = try BalanceAssertions.checkAll(in: db)
        return checked.unreadable.map { Finding(.assertion, $0) }
            + checked.outcomes.filter { !$0.holds }.map { Finding(.assertion, Verifier.describe($0)) }
    }

    /// `assertion 3 (green outstanding on 2024-12-31): expected 91,6 mdkr …, actual …, difference …`.
    public static func describe(_ outcome: AssertionOutcome) -> String {
        let a = outcome.assertion
        let sign = outcome.difference > 0 ? "+" : ""
        var text = "assertion \(a.id) (\(a.lending.rawValue) outstanding on \(a.asOf)): expected \(MoneyFormat.kronor(a.expected)), "
            + "actual \(MoneyFormat.kronor(outcome.actual)), difference \(sign)\(MoneyFormat.kronor(outcome.difference))"
        if a.tolerance != 0 { text += ", tolerance \(MoneyFormat.kronor(a.tolerance))" }
        if let note = a.note { text += " — \(note)" }
        return text
    }
}

/// Runs the integrity and foreign-key checks on their own read-only connection in a
/// thread, so they overlap the chain pass on a second core.
private final class FileChecksThread: Sendable {
    private let thread: BackgroundThread<(integrity: Result<[Finding], any Error>, foreignKeys: Result<[Finding], any Error>)>

    init(path: String, full: Bool) {
        thread = BackgroundThread {
            do {
                let connection = try Connection(path: path, mode: .readOnly)
                defer { try? connection.close() }
                let integrity = Result { try Verifier.integrity(of: connection, full: full) }
                let foreignKeys = Result { try connection.foreignKeyProblems().map { Finding(.foreignKey, $0) } }
                return (integrity, foreignKeys)
            } catch {
                return (.failure(error), .success([]))
            }
        }
    }

    /// The findings, once the thread has finished; an SQLite error other than busy becomes
    /// a finding of its check.
    func wait() throws -> (integrity: [Finding], foreignKeys: [Finding]) {
        let (integrity, foreignKeys) = thread.join()
        func unwrap(_ result: Result<[Finding], any Error>, _ category: Finding.Category) throws -> [Finding] {
            switch result {
            case .success(let findings): return findings
            case .failure(let error as SQLiteError) where !error.isBusy:
                return [Finding(category, "cannot be checked: \(error.message)")]
            case .failure(let error): throw error
            }
        }
        return (try unwrap(integrity, .integrity), try unwrap(foreignKeys, .foreignKey))
    }
}
