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
/// parts, run on a second read-only connection in a thread of their own meanwhile, and the
/// links of large tables are checked in id ranges by every thread that is free
/// (`ParallelChainCheck`).
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
    /// How a large chained table's links are checked on several threads (tests shrink it to
    /// reach small tables, or make it `.sequential`).
    var chainPlan = ParallelChainCheck.Plan.standard

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
        let db = try LedgerDatabase.openFile(path: path, mode: .readOnly)
        try? mapped(db)
        return db
    }

    /// A further read-only connection to `path` for the checks on other threads.
    /// - Throws: `SQLiteError`.
    static func reader(path: String) throws -> Connection {
        let db = try Connection(path: path, mode: .readOnly)
        try? mapped(db)
        return db
    }

    /// Reads `db` through memory-mapped I/O: verify reads the whole file, and reading it
    /// page by page through the page cache costs one `pread` per page (the kernel time of
    /// `integrity_check` on a large file). SQLite caps the size at its compile-time limit.
    private static func mapped(_ db: Connection) throws {
        _ = try db.scalarInt("PRAGMA mmap_size = \(mmapBytes)")
    }

    /// How much of the file verify maps (SQLite's default limit, 2 GB, is lower still).
    static let mmapBytes: Int64 = 1 << 40

    /// Runs every check and returns the findings, empty when the ledger is sound.
    /// - Throws: `StoreError.notAHallbarDatabase` for a SQLite file that is not a ledger;
    ///   `SQLiteError` when the database stays busy beyond the timeout.
    public func run() throws -> [Finding] {
        // The chain chunks are planned first, so that the file-check thread can take some
        // once its checks are done; this thread takes them after invariants and assertions.
        let heads = Result { try HeadCheck(db: db) }
        let pool = ParallelChainCheck(db: db, plan: chainPlan, approvalTimes: (try? heads.get())?.approvalTimes ?? [])
        let background = FileChecksThread(path: db.path, full: fullIntegrityCheck, helping: pool)
        defer { pool.cancel() }   // for a check that throws before the chain pass
        let path = db.path
        pool.startWorkers(chainPlan.extraWorkers, open: { try Verifier.reader(path: path) })
        var early = try guarded(.settings) { try settings() }
        early += try guarded(.migrations) { try migrationHistory() }
        early += try guarded(.schema) { try SchemaCheck.findings(in: db, migrations: migrations) }
        let invariantFindings = try guarded(.invariant) { try LedgerInvariants.findings(in: db) }
        let assertionFindings = try guarded(.assertion) { try assertions() }
        let chainFindings = try guarded(.chain) {
            do {
                return try chainPass(heads: heads.get(), pool: pool).findings
            } catch {
                pool.cancel()   // the approvals could not be read: no chunk is needed
                throw error
            }
        }
        let file = try background.wait()
        return file.integrity + early + file.foreignKeys + chainFindings + invariantFindings + assertionFindings
    }

    /// Runs one check; an SQLite error other than busy becomes a finding of its category.
    private func guarded(_ category: Finding.Category, _ check: () throws -> [Finding]) throws -> [Finding] {
        do {
            return try check()
        } catch let error as SQLiteError where !error.isBusy {
            return [Finding(category, "cannot be checked: \(SumOverflow.from(error)?.description ?? error.message)")]
        } catch let error as SumOverflow {
            return [Finding(category, "cannot be checked: \(error.description)")]
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
        try chainPass().findings
    }

    /// `chains()` on this thread and, for large tables, one more thread per further core.
    /// Also gives the tables the parallel pass vouched for.
    func chainPass() throws -> (findings: [Finding], parallel: [ChainedTable]) {
        let heads = try HeadCheck(db: db)
        let pool = ParallelChainCheck(db: db, plan: chainPlan, approvalTimes: heads.approvalTimes)
        let path = db.path
        pool.startWorkers(chainPlan.extraWorkers + 1, open: { try Verifier.reader(path: path) })
        return try chainPass(heads: heads, pool: pool)
    }

    /// The chain findings and head findings: a table the parallel pass vouched for is done;
    /// every other table is walked row by row, which names and classifies its first break.
    private func chainPass(heads: HeadCheck, pool: ParallelChainCheck) throws -> (findings: [Finding], parallel: [ChainedTable]) {
        var heads = heads
        var outcomes = pool.outcomes(helpingOn: db)
        if pool.approvalTimes != heads.approvalTimes { outcomes = [:] }
        var result: [Finding] = []
        var parallel: [ChainedTable] = []
        for table in ChainedTable.allCases {
            heads.begin(table)
            if let outcome = outcomes[table] {
                heads.end(rows: outcome.rows, observed: outcome.candidates)
                parallel.append(table)
                continue
            }
            let outcome = try ChainCheck.verify(table, in: db) { position, recordedAt, link in
                heads.observe(position: position, recordedAt: recordedAt, link: link)
            }
            heads.end(rows: outcome.rows)
            if let found = outcome.firstBreak { result.append(Finding(.chain, found.description)) }
        }
        return (result + heads.findings(), parallel)
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
/// thread, so they overlap the other checks on a second core; then it helps the chain pass.
private final class FileChecksThread: Sendable {
    private let thread: BackgroundThread<(integrity: Result<[Finding], any Error>, foreignKeys: Result<[Finding], any Error>)>

    /// Starts the checks; once they are done, the thread checks chain chunks of `pool`.
    init(path: String, full: Bool, helping pool: ParallelChainCheck? = nil) {
        thread = BackgroundThread {
            do {
                let connection = try Verifier.reader(path: path)
                defer { try? connection.close() }
                let integrity = Result { try Verifier.integrity(of: connection, full: full) }
                let foreignKeys = Result { try connection.foreignKeyProblems().map { Finding(.foreignKey, $0) } }
                pool?.help(on: connection)
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
