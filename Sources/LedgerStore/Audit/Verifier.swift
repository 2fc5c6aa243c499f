import Ledger
import SQLite

/// Everything `hallbar verify` checks, on a connection it only reads through.
///
/// In order: the file (`integrity_check`, or `quick_check` only), the connection settings
/// and the file's journal mode, the migration history, the schema against the migrations,
/// `foreign_key_check`, every hash chain (naming the first bad row of each table), the heads
/// recorded by follow-up approvals, the ledger invariants, and every balance assertion.
/// A check that cannot run on a damaged file becomes a finding too; only a busy database
/// stops it (the error is thrown). The integrity check, SQLite's slowest part, runs on a
/// second read-only connection in a thread of its own meanwhile (the foreign-key check runs
/// here, so that the two threads finish together), and the links of large tables are
/// checked in id ranges by every thread that is free (`ParallelChainCheck`).
///
/// ```swift
/// let db = try Verifier.open(path: "hallbar.db")
/// let findings = try Verifier(db: db).run()   // [] when everything holds
/// ```
public struct Verifier {
    /// The connection, opened read-only.
    let db: Connection
    private let migrations: [Migration]
    /// False to run `quick_check` instead of the full `integrity_check`.
    public let fullIntegrityCheck: Bool
    /// How a large chained table's links are checked on several threads (tests shrink it to
    /// reach small tables, or make it `.sequential`).
    var chainPlan = ParallelChainCheck.Plan.standard

    /// A verifier over `db` and the binary's migrations (or the ones given, for tests).
    /// - Throws: `MigrationError` when the embedded migrations are unusable.
    init(db: Connection, migrations: [Migration]? = nil, fullIntegrityCheck: Bool = true) throws {
        self.db = db
        self.migrations = try migrations ?? Migration.embedded()
        self.fullIntegrityCheck = fullIntegrityCheck
    }

    /// Opens `path` read-only for verification, without refusing a migration mismatch
    /// (that becomes a finding).
    /// - Throws: `StoreError` for a missing file or one that is not a database.
    static func open(path: String) throws -> Connection {
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

    /// What `run` found, with what the chain pass saw.
    public struct Report: Sendable {
        /// Every finding, empty when the ledger is sound.
        public let findings: [Finding]
        /// The chain's head as stored.
        public let head: ChainHead
        /// For `--against`: the seq of the row whose link it is, when the ledger holds that state.
        public let againstHeldAt: Int64?
    }

    /// Runs every check and returns the findings, empty when the ledger is sound.
    /// - Throws: `StoreError.notAHallbarDatabase` for a SQLite file that is not a ledger;
    ///   `SQLiteError` when the database stays busy beyond the timeout.
    public func run() throws -> [Finding] { try run(against: nil).findings }

    /// Runs every check; `against` is a head a kept report printed (`sha256:HEX`): the
    /// ledger must still hold that state (its chain up to that row verifies and the row
    /// is there), else that is a finding too.
    public func run(against: [UInt8]?) throws -> Report {
        let approvals = Result { try ApprovalHeads(db: db) }
        let rows = (try? ChainHead.read(in: db).rows) ?? 0
        let watch = (try? approvals.get())?.watched ?? []
        let pool = ParallelChainCheck(rows: rows, plan: chainPlan, watch: watch, against: against)
        let background = FileChecksThread(path: db.path, full: fullIntegrityCheck, helping: pool)
        defer { pool.cancel() }   // for a check that throws before the chain pass
        let path = db.path
        pool.startWorkers(chainPlan.extraWorkers, open: { try Verifier.reader(path: path) })
        // HALLBAR_VERIFY_TIMES=1: how long each part took on this thread (docs/performance.md).
        var times = PhaseTimes("verify times", variable: "HALLBAR_VERIFY_TIMES")
        defer { times.finish() }
        var early = try guarded(.settings) { try settings() }
        early += try guarded(.migrations) { try migrationHistory() }
        early += try guarded(.schema) { try SchemaCheck.findings(in: db, migrations: migrations) }
        // The foreign-key check here, not after the integrity check on the other thread: that
        // one alone takes most of verify's time on a large file (docs/performance.md).
        times.mark("settings, migrations, schema")
        let foreignKeyFindings = try guarded(.foreignKey) { try db.foreignKeyProblems().map { Finding(.foreignKey, $0) } }
        times.mark("foreign keys")
        let invariantFindings = try guarded(.invariant) { try LedgerInvariants.findings(in: db) }
        times.mark("invariants")
        let assertionFindings = try guarded(.assertion) { try assertions() }
        times.mark("assertions")
        var head = ChainHead.genesis
        var heldAt: Int64?
        let chainFindings = try guarded(.chain) {
            do {
                let pass = try chainPass(approvals: approvals.get(), pool: pool, against: against)
                head = pass.head
                heldAt = pass.heldAt
                return pass.findings
            } catch {
                pool.cancel()
                throw error
            }
        }
        times.mark("chain pass")
        let integrityFindings = try background.wait()
        times.mark("waiting for the integrity check")
        var findings = integrityFindings + early + foreignKeyFindings + chainFindings + invariantFindings + assertionFindings
        if let against, heldAt == nil {
            findings.append(Finding(.head, "the ledger no longer holds the state sha256:\(SHA256.hex(against)) "
                + "(no row of the chain has that link with every row before it intact): it was cut back or rewritten since"))
        }
        return Report(findings: findings, head: head, againstHeldAt: heldAt)
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
    static func integrity(of db: Connection, full: Bool = true) throws -> [Finding] {
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

    /// The chain's findings alone (every link, the approvals' heads, stamps), sequentially.
    public func chains() throws -> [Finding] {
        try chainPass(approvals: ApprovalHeads(db: db), pool: nil, against: nil).findings
    }

    /// The chain findings: when the parallel pass vouched for every link, they come from
    /// it; otherwise the chain is walked row by row, which names and classifies the first
    /// break. Then the heads approvals recorded, and stamps that go back.
    private func chainPass(approvals: ApprovalHeads, pool: ParallelChainCheck?, against: [UInt8]?)
        throws -> (findings: [Finding], head: ChainHead, heldAt: Int64?) {
        var result: [Finding] = []
        let head: ChainHead
        let watched: [Int64: [UInt8]]
        let heldAt: Int64?
        if let pool, let outcome = pool.outcome(helpingOn: db) {
            head = outcome.head
            watched = outcome.watched
            heldAt = outcome.heldAt
        } else {
            let outcome = try ChainCheck.verify(in: db, watch: approvals.watched, against: against)
            if let found = outcome.firstBreak { result.append(Finding(.chain, found.description)) }
            for back in outcome.stampsBack {
                result.append(Finding(.chain, "\(back.row) is stamped \(back.at), earlier than the row before it (\(back.before)): "
                    + "hallbar stamps a write once it holds the lock, so stamps never go back along the chain"))
            }
            head = outcome.head
            watched = outcome.watched
            heldAt = outcome.heldAt
        }
        result += approvals.findings(watched: watched)
        return (result, head, heldAt)
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

/// Runs the integrity check on its own read-only connection in a thread, so that it overlaps
/// the other checks on a second core; then it helps the chain pass.
private final class FileChecksThread: Sendable {
    private let thread: BackgroundThread<Result<[Finding], any Error>>

    /// Starts the check; once it is done, the thread checks chain chunks of `pool`.
    init(path: String, full: Bool, helping pool: ParallelChainCheck? = nil) {
        thread = BackgroundThread {
            do {
                let connection = try Verifier.reader(path: path)
                defer { try? connection.close() }
                let integrity = Result { try Verifier.integrity(of: connection, full: full) }
                pool?.help(on: connection)
                return integrity
            } catch {
                return .failure(error)
            }
        }
    }

    /// The findings, once the thread has finished; an SQLite error other than busy becomes
    /// a finding of the check.
    func wait() throws -> [Finding] {
        switch thread.join() {
        case .success(let findings): return findings
        case .failure(let error as SQLiteError) where !error.isBusy:
            return [Finding(.integrity, "cannot be checked: \(error.message)")]
        case .failure(let error): throw error
        }
    }
}

extension LedgerStore {
    /// `hallbar verify`: opens `path` read-only (a migration mismatch becomes a finding,
    /// not a refusal) and runs every check.
    /// - Parameters:
    ///   - quick: SQLite's quick_check instead of the full integrity_check.
    ///   - against: a head a kept report printed (`sha256:HEX`).
    /// - Throws: `StoreError` (missing file, not a database, not a ledger), `SQLiteError` (busy).
    public static func verify(path: String, quick: Bool, against: [UInt8]? = nil) throws -> Verifier.Report {
        let db = try Verifier.open(path: path)
        defer { try? db.close() }
        return try Verifier(db: db, fullIntegrityCheck: !quick).run(against: against)
    }
}
