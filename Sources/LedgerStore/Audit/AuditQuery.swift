#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SQLite

/// One value of a row of `hallbar query`, by SQLite's storage class.
public enum QueryValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// Why `hallbar query` stopped.
public enum AuditQueryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// SQLite refused the statement or failed running it (SQLite's message): exit 65.
    case refused(String)
    /// The statement ran longer than the timeout (seconds of SQLite's own work): exit 69.
    case timedOut(seconds: Double)
    /// The statement needed more memory than the limit (bytes): exit 69.
    case memoryLimit(bytes: Int64)

    public var description: String {
        switch self {
        case .refused(let message):
            return "the query failed: \(message)"
        case .timedOut(let seconds):
            return "the query ran for more than \(AuditQuery.secondsText(seconds)) and was stopped "
                + "(--timeout SECONDS allows more); the rows printed so far are incomplete"
        case .memoryLimit(let bytes):
            return "the query needed more than \(bytes >> 20) MiB of memory and was stopped; the rows printed so far are incomplete"
        }
    }
}

/// `hallbar query`: one read-only statement of an auditor's SQL, its rows streamed to a
/// callback as SQLite produces them, so memory stays flat however many rows there are.
///
/// The SQL can change nothing: the file is opened read-only with `query_only`, and
/// `Connection.restrictToQueries` refuses ATTACH, pragmas with a value and `fts3_tokenizer`.
/// Besides that, the statement is limited:
/// - **time**: a progress handler stops it `timeout` seconds after it started, not counting
///   the time the caller says it waited for its output to be taken (`outputWait`: a pager
///   or a slow pipe does not cut a query off): `AuditQueryError.timedOut`;
/// - **memory**: SQLite's heap is capped at `memoryLimit` bytes for the process and temporary
///   tables are kept in memory, under that cap (an endless recursive query that accumulates
///   fails with `AuditQueryError.memoryLimit` instead of exhausting the machine; one that
///   only produces rows is stopped by the timeout). Sorts larger than the cache may still
///   spill to SQLite's temporary files on disk, for at most the timeout.
///
/// ```swift
/// try AuditQuery.run("SELECT * FROM loans", path: "hallbar.db",
///                    columns: { names in print(names) }, row: { values in print(values) })
/// ```
public enum AuditQuery {
    /// The default `--timeout`, in seconds.
    public static let defaultTimeout: Double = 60
    /// SQLite's heap limit while a query runs.
    public static let defaultMemoryLimit: Int64 = 512 << 20
    /// How often (virtual-machine instructions) the progress handler looks at the clock.
    static let progressInstructions: Int32 = 10_000

    /// Opens the ledger at `path` read-only and runs `sql` on it (see `run(_:in:…)`).
    /// - Throws: `StoreError` (missing, not a ledger), `AuditQueryError`, `SQLiteError` (busy, I/O).
    public static func run(_ sql: String, path: String, timeout: Double = defaultTimeout,
                           memoryLimit: Int64 = defaultMemoryLimit, outputWait: @escaping () -> Double = { 0 },
                           columns: ([String]) throws -> Void, row: ([QueryValue]) throws -> Void) throws {
        let db = try open(path: path)
        defer { try? db.close() }
        try run(sql, in: db, timeout: timeout, memoryLimit: memoryLimit, outputWait: outputWait, columns: columns, row: row)
    }

    /// A read-only connection to the ledger at `path`, restricted for an auditor's SQL.
    /// - Throws: `StoreError`, `SQLiteError`.
    public static func open(path: String) throws -> Connection {
        let db = try LedgerDatabase.open(path: path, access: .read)
        do {
            // Before the restriction (which refuses pragmas with a value): temporary tables
            // and indexes in memory, counted against the heap limit, not in files.
            try db.execute("PRAGMA temp_store = MEMORY")
            try db.restrictToQueries()
        } catch {
            try? db.close()
            throw error
        }
        return db
    }

    /// Runs one statement on `db` (opened by `open(path:)`): `columns` gets the column names
    /// once, before any row; `row` gets each row's values as SQLite steps to it. An error
    /// thrown by a callback stops the statement and is rethrown. `outputWait` gives the
    /// seconds spent so far waiting for output to be taken (blocked writes), which the
    /// timeout does not count.
    /// - Throws: `AuditQueryError`, or `SQLiteError` for a busy or failing database.
    public static func run(_ sql: String, in db: Connection, timeout: Double = defaultTimeout,
                           memoryLimit: Int64 = defaultMemoryLimit, outputWait: @escaping () -> Double = { 0 },
                           columns: ([String]) throws -> Void, row: ([QueryValue]) throws -> Void) throws {
        let previousLimit = Connection.setHardHeapLimit(memoryLimit)
        defer { Connection.setHardHeapLimit(previousLimit) }
        let clock = Clock(budget: timeout, outputWait: outputWait)
        db.setProgressHandler(every: progressInstructions) { clock.expired }
        defer { db.setProgressHandler(every: progressInstructions, nil) }
        do {
            let statement = try db.prepare(sql)
            let count = statement.columnCount
            try columns(statement.columnNames)
            var values: [QueryValue] = []
            values.reserveCapacity(count)
            while try statement.step() {
                values.removeAll(keepingCapacity: true)
                for column in 0..<count { values.append(value(statement, column)) }
                try row(values)
            }
        } catch let error as SQLiteError where error.isInterrupt && clock.expired {
            throw AuditQueryError.timedOut(seconds: timeout)
        } catch let error as SQLiteError where error.isNoMemory {
            throw AuditQueryError.memoryLimit(bytes: memoryLimit)
        } catch let error as SQLiteError where !error.isBusy && !error.isIOError {
            throw AuditQueryError.refused(error.message)
        }
    }

    private static func value(_ statement: Statement, _ column: Int) -> QueryValue {
        switch statement.value(column) {
        case .null: return .null
        case .integer(let v): return .integer(v)
        case .real(let v): return .real(v)
        case .text(let s): return .text(s)
        case .blob(let bytes): return .blob(bytes)
        }
    }

    /// "60 s", "0.5 s".
    static func secondsText(_ seconds: Double) -> String {
        seconds == seconds.rounded() && seconds < 1e15 ? "\(Int64(seconds)) s" : "\(seconds) s"
    }

    /// A budget of seconds from now, not counting the seconds `outputWait` reports.
    final class Clock: @unchecked Sendable {
        private let deadline: Double
        private let outputWait: () -> Double
        private let waitedBefore: Double

        init(budget: Double, outputWait: @escaping () -> Double) {
            deadline = Clock.now() + budget
            self.outputWait = outputWait
            waitedBefore = outputWait()
        }

        /// True once the budget is used up.
        var expired: Bool { Clock.now() > deadline + (outputWait() - waitedBefore) }

        /// Monotonic seconds.
        static func now() -> Double {
            var time = timespec()
            clock_gettime(CLOCK_MONOTONIC, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
        }
    }
}
