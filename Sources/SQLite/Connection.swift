import CSQLite
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A connection to one SQLite database file. It owns its handle.
///
/// Every open applies the settings of quality.md and checks them: foreign keys,
/// extended result codes, `SQLITE_DBCONFIG_DEFENSIVE`, `trusted_schema=OFF`, a busy
/// timeout, and for writable connections WAL with `synchronous=FULL`. It then reads
/// `sqlite_master`, so a file that is not a database fails here rather than later.
///
/// ```swift
/// let db = try Connection(path: "hallbar.db", mode: .readWrite)
/// try db.inTransaction { try db.run("INSERT INTO t(x) VALUES (?)", [42]) }
/// try db.close()
/// ```
public final class Connection {
    /// How to open the file.
    public enum Mode: Sendable {
        /// Read only: the file must exist; no write can succeed, whatever the SQL.
        case readOnly
        /// Read and write: the file must exist.
        case readWrite
        /// Read and write, creating the file (permissions 0600) when it is missing.
        case create
    }

    private var handleStorage: OpaquePointer?
    /// The path as given.
    public let path: String
    /// The mode it was opened with.
    public let mode: Mode
    private var statementCache: [String: Statement] = [:]
    private var savepointDepth = 0
    /// The progress handler's closure (`setProgressHandler`), alive while it is installed.
    var progressBox: ProgressBox?
    /// True when a read-only connection reads the file as immutable (`?immutable=1`): a
    /// WAL ledger in a folder where SQLite cannot create its `-shm` (see `init`).
    public private(set) var isImmutable = false

    /// The busy timeout every connection gets unless told otherwise, in milliseconds.
    public static let defaultBusyTimeoutMilliseconds: Int32 = 10_000

    /// Opens `path` with `mode` and applies the connection settings.
    /// - Throws: `SQLiteError`: `SQLITE_CANTOPEN` for a missing file in `.readOnly`/`.readWrite`,
    ///   `SQLITE_NOTADB` for a file that is not a database, `SQLITE_BUSY` beyond the timeout.
    ///
    /// A read-only open of a WAL database in a folder where SQLite cannot create the `-shm`
    /// file (a read-only folder or mount) fails in SQLite; when there is no `-wal` with
    /// content beside the file, the whole ledger is in the file and it is opened again as
    /// immutable (`file:…?immutable=1`, https://sqlite.org/wal.html#readonly), so reports,
    /// `verify` and `query` still work there. With a `-wal` that holds changes and no way to
    /// open it, the error says so.
    public init(path: String, mode: Mode, busyTimeoutMilliseconds: Int32 = Connection.defaultBusyTimeoutMilliseconds) throws {
        self.path = path
        self.mode = mode
        var flags: Int32 = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        switch mode {
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        case .readWrite: flags |= SQLITE_OPEN_READWRITE
        case .create:
            flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
            try Connection.createPrivateFile(path)
        }
        do {
            try openHandle(path, flags: flags, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        } catch let error as SQLiteError where mode == .readOnly && (error.isCannotOpen || error.isReadOnly) {
            guard Connection.walIsEmpty(path) else {
                throw SQLiteError(code: error.extendedCode, message: "\(error.message): \(path)-wal holds changes that are not yet in "
                    + "\(path), and SQLite cannot open them here (is the folder read-only?): open the ledger once where its folder "
                    + "is writable, or copy it with its -wal and -shm files")
            }
            try openHandle(Connection.immutableURI(path), flags: flags | SQLITE_OPEN_URI, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
            isImmutable = true
        }
    }

    private func openHandle(_ name: String, flags: Int32, busyTimeoutMilliseconds: Int32) throws {
        var handle: OpaquePointer?
        let rc = sqlite3_open_v2(name, &handle, flags, nil)
        guard rc == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            let code = handle.map { sqlite3_extended_errcode($0) } ?? rc
            sqlite3_close_v2(handle)
            throw SQLiteError(code: code, message: "\(message): \(path)")
        }
        handleStorage = handle
        do {
            try configure(busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        } catch {
            statementCache.removeAll()
            sqlite3_close_v2(handle)
            handleStorage = nil
            throw error
        }
    }

    /// True when there is no `-wal` beside `path`, or it holds no frame (its 32-byte header at most).
    static func walIsEmpty(_ path: String) -> Bool {
        var status = stat()
        return stat(path + "-wal", &status) != 0 || status.st_size <= 32
    }

    /// `file:` URI of `path` with `immutable=1` (https://sqlite.org/uri.html): `%`, `?` and
    /// `#` escaped, a relative path kept relative, an absolute one after an empty authority.
    static func immutableURI(_ path: String) -> String {
        var escaped = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "%"), UInt8(ascii: "?"), UInt8(ascii: "#"):
                escaped += "%" + String(byte, radix: 16, uppercase: true)
            default: escaped.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        // Bytes ≥ 0x80 were appended as Latin-1 scalars above; rebuild them as UTF-8.
        let bytes = escaped.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        // An absolute path after an empty authority ("file:///…"), so "//x" is no host.
        return (path.hasPrefix("/") ? "file://" : "file:") + String(decoding: bytes, as: UTF8.self) + "?immutable=1"
    }

    /// The file's journal mode as its header says (bytes 18–19: 2 for WAL), for a
    /// connection that reads it as immutable (whose `PRAGMA journal_mode` is "delete").
    private func headerJournalMode() -> String {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return "unknown" }
        defer { _ = Glibc.close(fd) }
        var header = [UInt8](repeating: 0, count: 20)
        let count = header.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 20, 0) }
        guard count == 20 else { return "unknown" }
        return header[18] == 2 && header[19] == 2 ? "wal" : "delete"
    }

    deinit {
        // Close must be explicit to see its errors; this only releases what was left.
        statementCache.removeAll()
        if let handle = handleStorage { sqlite3_close_v2(handle) }
    }

    /// The raw handle, for the few calls the wrapper does not cover.
    public var handle: OpaquePointer {
        // Every public method runs after a successful init and before close.
        handleStorage!
    }

    /// Closes the connection, finalizing cached statements first.
    /// - Throws: `SQLiteError` when SQLite refuses (a statement still running).
    public func close() throws {
        guard let handle = handleStorage else { return }
        statementCache.removeAll()
        let rc = sqlite3_close(handle)
        guard rc == SQLITE_OK else { throw error(rc, sql: nil) }
        handleStorage = nil
    }

    /// Creates `path` with permissions 0600 when it does not exist, so the database and
    /// its WAL and shared-memory files (which inherit the mode) are private to the owner.
    ///
    /// A symbolic link whose target does not exist (`init --db link.db`) is followed, link by
    /// link, and the target is created 0600 (`O_EXCL` refuses to create through a link, and
    /// SQLite would then create the target with its default mode 0644); the link stays.
    static func createPrivateFile(_ path: String) throws {
        var current = path
        for _ in 0..<40 {
            let fd = open(current, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 { _ = Glibc.close(fd); return }
            guard errno == EEXIST else { break }
            var status = stat()
            // Something that exists (a file, or a link to one): SQLite opens it as it is.
            if stat(current, &status) == 0 { return }
            guard lstat(current, &status) == 0, (status.st_mode & S_IFMT) == S_IFLNK, let target = linkTarget(current) else {
                break
            }
            current = target
        }
        let reason = errno == 0 || errno == EEXIST ? "too many symbolic links" : String(cString: strerror(errno))
        throw SQLiteError(code: SQLITE_CANTOPEN, message: "cannot create \(path): \(reason)")
    }

    /// Where the symbolic link at `path` points, as a path usable from the current folder
    /// (a relative target is taken relative to the link's folder).
    private static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        let target = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if target.hasPrefix("/") { return target }
        guard let slash = path.lastIndex(of: "/") else { return target }
        return String(path[...slash]) + target
    }

    private func configure(busyTimeoutMilliseconds: Int32) throws {
        var applied: Int32 = 0
        try check(hallbar_db_config_int(handle, SQLITE_DBCONFIG_ENABLE_FKEY, 1, &applied), "enable foreign keys")
        try check(hallbar_db_config_int(handle, SQLITE_DBCONFIG_DEFENSIVE, 1, &applied), "enable defensive mode")
        try check(hallbar_db_config_int(handle, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &applied), "distrust the schema")
        // fts3_tokenizer(name, pointer) installs a tokenizer from a raw address: off.
        try check(hallbar_db_config_int(handle, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0, &applied), "turn fts3_tokenizer off")
        try check(sqlite3_extended_result_codes(handle, 1), "enable extended result codes")
        try check(sqlite3_busy_timeout(handle, busyTimeoutMilliseconds), "set the busy timeout")
        // Reading the schema makes a file that is not a database fail now, not later.
        _ = try scalarInt("SELECT count(*) FROM sqlite_master")
        try execute("PRAGMA foreign_keys = ON")
        try execute("PRAGMA trusted_schema = OFF")
        if mode == .readOnly {
            try execute("PRAGMA query_only = ON")
        } else {
            let journal = try scalarText("PRAGMA journal_mode = WAL")
            guard journal?.lowercased() == "wal" else {
                throw SQLiteError(code: SQLITE_ERROR, message: "cannot switch \(path) to WAL (journal mode is \(journal ?? "unknown"))")
            }
            try execute("PRAGMA synchronous = FULL")
            try execute("PRAGMA cache_size = -\(Self.pageCacheKibibytes)")
        }
        let settings = try self.settings()
        guard settings.foreignKeys, settings.defensive, !settings.trustedSchema else {
            throw SQLiteError(code: SQLITE_ERROR, message: "connection settings did not apply: \(settings)")
        }
    }

    /// The page cache of a connection that writes, at most 32 MiB (SQLite's default is 2 MiB).
    /// A large write (an import of 10⁶ entries) updates index pages in no particular order
    /// (ledger_entries_by_loan_date): with a small cache every such page is written to the WAL
    /// again and again as it is evicted and read back, which cost 5–10 s of I/O at 10⁶ entries
    /// (docs/performance.md). Read-only connections keep the default: a report that reads
    /// 40 MB of index once gains nothing from a larger cache and pays for its fresh memory.
    static let pageCacheKibibytes = 32 * 1024

    private func check(_ rc: Int32, _ what: String) throws {
        guard rc == SQLITE_OK else {
            throw SQLiteError(code: rc, message: "cannot \(what): \(String(cString: sqlite3_errstr(rc)))")
        }
    }

    /// The connection's safety settings, read back from SQLite.
    public struct Settings: Sendable, Equatable, CustomStringConvertible {
        public var foreignKeys: Bool
        public var defensive: Bool
        public var trustedSchema: Bool
        public var journalMode: String
        /// 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA.
        public var synchronous: Int64
        public var busyTimeoutMilliseconds: Int64
        public var queryOnly: Bool
        public var description: String {
            "foreign_keys=\(foreignKeys ? "ON" : "OFF") defensive=\(defensive ? "ON" : "OFF") "
                + "trusted_schema=\(trustedSchema ? "ON" : "OFF") journal_mode=\(journalMode) "
                + "synchronous=\(synchronous) busy_timeout=\(busyTimeoutMilliseconds)ms query_only=\(queryOnly ? "ON" : "OFF")"
        }
    }

    /// Reads the settings back (`PRAGMA` and `sqlite3_db_config` queries).
    public func settings() throws -> Settings {
        var defensive: Int32 = 0
        try check(hallbar_db_config_int(handle, SQLITE_DBCONFIG_DEFENSIVE, -1, &defensive), "read defensive mode")
        return Settings(
            foreignKeys: try scalarInt("PRAGMA foreign_keys") == 1,
            defensive: defensive == 1,
            trustedSchema: try scalarInt("PRAGMA trusted_schema") == 1,
            journalMode: isImmutable ? headerJournalMode() : try scalarText("PRAGMA journal_mode") ?? "",
            synchronous: try scalarInt("PRAGMA synchronous") ?? -1,
            busyTimeoutMilliseconds: try scalarInt("PRAGMA busy_timeout") ?? -1,
            queryOnly: try scalarInt("PRAGMA query_only") == 1)
    }

    // MARK: Errors

    func error(_ rc: Int32, sql: String?) -> SQLiteError {
        guard let handle = handleStorage else { return SQLiteError(code: rc, message: "connection is closed", sql: sql) }
        let extended = sqlite3_extended_errcode(handle)
        // errmsg describes the most recent failure; fall back to the code's text otherwise.
        let code = (extended & 0xFF) == (rc & 0xFF) ? extended : rc
        return SQLiteError(code: code, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }

    // MARK: Statements

    /// Prepares one statement. Trailing SQL after the first statement is an error.
    public func prepare(_ sql: String) throws -> Statement {
        var statement: OpaquePointer?
        var tailOffset = 0
        let rc = sql.withCString { start -> Int32 in
            var tail: UnsafePointer<CChar>?
            let rc = sqlite3_prepare_v3(handle, start, -1, 0, &statement, &tail)
            if let tail { tailOffset = start.distance(to: tail) }
            return rc
        }
        guard rc == SQLITE_OK else { throw error(rc, sql: sql) }
        guard let statement else {
            throw SQLiteError(code: SQLITE_MISUSE, message: "no SQL statement to prepare", sql: sql)
        }
        let rest = sql.utf8.dropFirst(tailOffset)
        if rest.contains(where: { !($0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 || $0 == 59) }) {
            sqlite3_finalize(statement)
            throw SQLiteError(code: SQLITE_MISUSE, message: "more than one statement given where one is expected", sql: sql)
        }
        return Statement(handle: statement, connection: self, sql: sql)
    }

    /// A prepared statement from the connection's cache (prepared on first use).
    public func cached(_ sql: String) throws -> Statement {
        if let statement = statementCache[sql] { return statement }
        let statement = try prepare(sql)
        statementCache[sql] = statement
        return statement
    }

    /// Runs SQL that may hold several statements, preparing them one at a time so an
    /// error names the statement that failed (a migration file, a script).
    public func execute(_ sql: String) throws {
        var utf8 = Array(sql.utf8CString)
        try utf8.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var cursor = UnsafePointer<CChar>(base)
            while cursor.pointee != 0 {
                var statement: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let rc = sqlite3_prepare_v2(handle, cursor, -1, &statement, &tail)
                let consumed = tail.map { cursor.distance(to: $0) } ?? 0
                let text = String(decoding: UnsafeRawBufferPointer(start: cursor, count: max(consumed, 0)).bindMemory(to: UInt8.self), as: UTF8.self)
                    .trimmingCharacters(in: " \n\t\r")
                guard rc == SQLITE_OK else { throw error(rc, sql: text) }
                if let statement {
                    defer { sqlite3_finalize(statement) }
                    var step = sqlite3_step(statement)
                    while step == SQLITE_ROW { step = sqlite3_step(statement) }
                    guard step == SQLITE_DONE else { throw error(step, sql: text) }
                }
                guard let tail, consumed > 0 else { break }
                cursor = tail
            }
        }
    }

    /// Runs one statement with positional arguments (through the statement cache).
    public func run(_ sql: String, _ arguments: [any SQLBindable] = []) throws {
        try cached(sql).run(arguments)
    }

    /// Every row of one query (through the statement cache).
    public func rows(_ sql: String, _ arguments: [any SQLBindable] = []) throws -> [Row] {
        try cached(sql).rows(arguments)
    }

    /// The first row of a query, or `nil`.
    public func row(_ sql: String, _ arguments: [any SQLBindable] = []) throws -> Row? {
        try rows(sql, arguments).first
    }

    /// The first column of the first row as an integer (nil when no row or NULL).
    public func scalarInt(_ sql: String, _ arguments: [any SQLBindable] = []) throws -> Int64? {
        let statement = try cached(sql)
        try statement.bind(arguments)
        defer { statement.reset() }
        guard try statement.step(), !statement.isNull(0) else { return nil }
        return statement.int64(0)
    }

    /// The first column of the first row as text (nil when no row or NULL).
    public func scalarText(_ sql: String, _ arguments: [any SQLBindable] = []) throws -> String? {
        let statement = try cached(sql)
        try statement.bind(arguments)
        defer { statement.reset() }
        guard try statement.step() else { return nil }
        return statement.text(0)
    }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes(handle)) }
    /// The rowid of the most recent successful INSERT.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    /// True while a transaction is open.
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    // MARK: Transactions

    /// How a top-level transaction starts.
    public enum TransactionKind: String, Sendable {
        /// `BEGIN DEFERRED`: for reads that want one consistent snapshot.
        case deferred = "DEFERRED"
        /// `BEGIN IMMEDIATE`: every write starts here, taking the write lock up front so a
        /// busy database waits (busy timeout) instead of failing half-way.
        case immediate = "IMMEDIATE"
    }

    /// Runs `body` in a transaction and commits, or rolls back when it throws.
    ///
    /// Nested calls become savepoints. When the body fails and the rollback fails too,
    /// the body's (first) error is rethrown. A failed COMMIT rolls back and throws.
    public func inTransaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        if isInTransaction { return try inSavepoint(body) }
        try execute("BEGIN \(kind.rawValue)")
        let result: T
        do {
            result = try body()
        } catch {
            rollbackQuietly()
            throw error
        }
        do {
            try execute("COMMIT")
        } catch {
            rollbackQuietly()
            throw error
        }
        return result
    }

    /// Runs `body` inside a savepoint; releases it on success, rolls back to it on error.
    public func inSavepoint<T>(_ body: () throws -> T) throws -> T {
        savepointDepth += 1
        let name = "hallbar_sp\(savepointDepth)"
        defer { savepointDepth -= 1 }
        try execute("SAVEPOINT \(name)")
        do {
            let result = try body()
            try execute("RELEASE \(name)")
            return result
        } catch {
            // Keep the first error; a failing rollback must not replace it.
            try? execute("ROLLBACK TO \(name)")
            try? execute("RELEASE \(name)")
            throw error
        }
    }

    private func rollbackQuietly() {
        if isInTransaction { try? execute("ROLLBACK") }
    }

    // MARK: Checks and backup

    /// `PRAGMA integrity_check` (or `quick_check`): the problems found, empty when the file is sound.
    public func integrityProblems(quick: Bool = false) throws -> [String] {
        let rows = try prepare(quick ? "PRAGMA quick_check" : "PRAGMA integrity_check").rows()
        let messages = rows.compactMap { $0[0].string }
        return messages == ["ok"] ? [] : messages
    }

    /// `PRAGMA foreign_key_check`: one line per row whose reference is broken.
    public func foreignKeyProblems() throws -> [String] {
        try prepare("PRAGMA foreign_key_check").rows().map { row in
            "\(row[0]) row \(row[1]) refers to a missing row in \(row[2])"
        }
    }

    /// Copies the whole database to `destination` with SQLite's online backup API.
    /// The copy is a consistent snapshot even while other connections write.
    /// - Throws: `SQLiteError` when the destination cannot be created or the copy fails.
    public func backup(to destination: String) throws {
        let target = try Connection(path: destination, mode: .create)
        guard let backup = sqlite3_backup_init(target.handle, "main", handle, "main") else {
            let failure = target.error(sqlite3_errcode(target.handle), sql: nil)
            try? target.close()
            throw failure
        }
        var rc: Int32
        repeat {
            rc = sqlite3_backup_step(backup, -1)
            if rc == SQLITE_BUSY || rc == SQLITE_LOCKED { sqlite3_sleep(25) }
        } while rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED
        let finish = sqlite3_backup_finish(backup)
        let failure: SQLiteError? =
            rc != SQLITE_DONE ? target.error(rc, sql: nil) : (finish != SQLITE_OK ? target.error(finish, sql: nil) : nil)
        try target.close()
        if let failure { throw failure }
    }

    /// The SQLite library version the process runs on ("3.40.1").
    public static var libraryVersion: String { String(cString: sqlite3_libversion()) }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        var s = Substring(self)
        while let f = s.first, chars.contains(f) { s = s.dropFirst() }
        while let l = s.last, chars.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
