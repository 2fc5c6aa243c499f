import CSQLite

/// A prepared statement. It belongs to one `Connection` and is finalized when released.
///
/// Bind arguments by index (1-based, as SQLite counts) or by name (`:name`, `@name`,
/// `$name`), step through rows and read typed columns. A wrong number of arguments or
/// an unknown name is a thrown `SQLiteError`, never a crash.
public final class Statement {
    let handle: OpaquePointer
    unowned let connection: Connection
    /// The SQL text this statement was prepared from.
    public let sql: String

    init(handle: OpaquePointer, connection: Connection, sql: String) {
        self.handle = handle
        self.connection = connection
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    /// The number of parameters the SQL declares.
    public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }
    /// The number of result columns.
    public var columnCount: Int { Int(sqlite3_column_count(handle)) }
    /// The result column names, in order.
    public var columnNames: [String] {
        (0..<Int32(columnCount)).map { String(cString: sqlite3_column_name(handle, $0)) }
    }
    /// True when the statement does not write (`sqlite3_stmt_readonly`).
    public var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }

    /// Resets the statement and clears its bindings, ready to bind anew.
    public func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Resets, then binds `arguments` by position.
    /// - Throws: `SQLiteError` (`SQLITE_RANGE`) when the count differs from the SQL's.
    public func bind(_ arguments: [any SQLBindable]) throws {
        reset()
        guard arguments.count == parameterCount else {
            throw SQLiteError(
                code: SQLITE_RANGE,
                message: "statement takes \(parameterCount) argument(s), \(arguments.count) given",
                sql: sql)
        }
        for (offset, argument) in arguments.enumerated() {
            try bind(argument.sqlValue, at: Int32(offset + 1))
        }
    }

    /// Resets, then binds `arguments` by parameter name (with its prefix: `":loan"`).
    /// - Throws: `SQLiteError` for a name the SQL does not declare or a parameter left unbound.
    public func bind(named arguments: [String: any SQLBindable]) throws {
        reset()
        for (name, argument) in arguments {
            let index = sqlite3_bind_parameter_index(handle, name)
            guard index > 0 else {
                throw SQLiteError(code: SQLITE_RANGE, message: "statement has no parameter \(name)", sql: sql)
            }
            try bind(argument.sqlValue, at: index)
        }
        guard arguments.count == parameterCount else {
            throw SQLiteError(
                code: SQLITE_RANGE,
                message: "statement takes \(parameterCount) named argument(s), \(arguments.count) given",
                sql: sql)
        }
    }

    /// Binds one value at a 1-based index without resetting.
    public func bind(_ value: SQLValue, at index: Int32) throws {
        let rc: Int32
        switch value {
        case .null: rc = sqlite3_bind_null(handle, index)
        case .integer(let v): rc = sqlite3_bind_int64(handle, index, v)
        case .real(let v): rc = sqlite3_bind_double(handle, index, v)
        case .text(let v):
            // With its byte length, never as a C string: a NUL inside is stored, not a cut.
            try bind(text: v, at: index)
            return
        case .blob(let v):
            rc = v.withUnsafeBytes { raw in
                sqlite3_bind_blob(handle, index, raw.baseAddress, Int32(raw.count), hallbar_transient())
            }
        }
        guard rc == SQLITE_OK else { throw connection.error(rc, sql: sql) }
    }

    /// Binds UTF-8 bytes as text at a 1-based index, without building a `String`.
    public func bindText(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int32) throws {
        let rc = bytes.withMemoryRebound(to: CChar.self) { chars -> Int32 in
            guard let base = chars.baseAddress else {
                return sqlite3_bind_text(handle, index, "", 0, hallbar_transient())
            }
            return sqlite3_bind_text(handle, index, base, Int32(chars.count), hallbar_transient())
        }
        guard rc == SQLITE_OK else { throw connection.error(rc, sql: sql) }
    }

    /// Binds an integer at a 1-based index without resetting (the fast path of bulk loads).
    public func bind(int64 value: Int64, at index: Int32) throws {
        let rc = sqlite3_bind_int64(handle, index, value)
        guard rc == SQLITE_OK else { throw connection.error(rc, sql: sql) }
    }

    /// Binds a `String` as text at a 1-based index without resetting (no C string made).
    public func bind(text value: String, at index: Int32) throws {
        var value = value
        try value.withUTF8 { try bindText($0, at: index) }
    }

    /// Binds bytes as a blob at a 1-based index without resetting (SQLite copies them).
    public func bind(blob bytes: UnsafeRawBufferPointer, at index: Int32) throws {
        let rc = sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), hallbar_transient())
        guard rc == SQLITE_OK else { throw connection.error(rc, sql: sql) }
    }

    /// Runs the statement with the values bound so far, ignoring any rows, then resets it
    /// keeping the bindings (the fast path of bulk loads: bind, `execute()`, bind …).
    /// - Throws: `SQLiteError` as `step()` does; the statement is reset then too.
    public func execute() throws {
        defer { sqlite3_reset(handle) }
        while try step() {}
    }

    /// Advances to the next row.
    /// - Returns: `true` when a row is available, `false` when the statement is done.
    /// - Throws: `SQLiteError` with the extended result code and this statement's SQL.
    @discardableResult
    public func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = connection.error(rc, sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Binds `arguments` and runs the statement to completion, ignoring any rows.
    public func run(_ arguments: [any SQLBindable] = []) throws {
        try bind(arguments)
        while try step() {}
        sqlite3_reset(handle)
    }

    /// Binds `arguments` and collects every row.
    public func rows(_ arguments: [any SQLBindable] = []) throws -> [Row] {
        try bind(arguments)
        var result: [Row] = []
        let names = columnNames
        while try step() { result.append(Row(statement: self, names: names)) }
        sqlite3_reset(handle)
        return result
    }

    /// Binds `arguments`, calls `body` for each row without materialising them all.
    public func forEach(_ arguments: [any SQLBindable] = [], _ body: (Statement) throws -> Void) throws {
        try bind(arguments)
        defer { sqlite3_reset(handle) }
        while try step() { try body(self) }
    }

    // MARK: Columns of the current row (0-based, as SQLite counts)

    /// True when column `index` of the current row is NULL.
    public func isNull(_ index: Int) -> Bool { sqlite3_column_type(handle, Int32(index)) == SQLITE_NULL }
    /// Column `index` as an integer (NULL reads as 0; use `isNull` or `value(at:)` to tell).
    public func int64(_ index: Int) -> Int64 { sqlite3_column_int64(handle, Int32(index)) }
    /// Column `index` as text, or `nil` for NULL.
    public func text(_ index: Int) -> String? {
        guard let c = sqlite3_column_text(handle, Int32(index)) else { return nil }
        let n = Int(sqlite3_column_bytes(handle, Int32(index)))
        return String(decoding: UnsafeBufferPointer(start: c, count: n), as: UTF8.self)
    }
    /// Column `index` as bytes, or `nil` for NULL.
    public func blob(_ index: Int) -> [UInt8]? {
        guard sqlite3_column_type(handle, Int32(index)) != SQLITE_NULL else { return nil }
        let n = Int(sqlite3_column_bytes(handle, Int32(index)))
        guard n > 0, let p = sqlite3_column_blob(handle, Int32(index)) else { return [] }
        return Array(UnsafeRawBufferPointer(start: p, count: n))
    }
    /// Column `index` as an `SQLValue` of its storage class.
    public func value(_ index: Int) -> SQLValue {
        switch sqlite3_column_type(handle, Int32(index)) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .integer(int64(index))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, Int32(index)))
        case SQLITE_BLOB: return .blob(blob(index) ?? [])
        default: return .text(text(index) ?? "")
        }
    }
}

/// One result row, copied out of the statement: values by position and by column name.
public struct Row: Sendable, CustomStringConvertible {
    /// The column names, in order.
    public let names: [String]
    /// The values, in column order.
    public let values: [SQLValue]

    init(statement: Statement, names: [String]) {
        self.names = names
        self.values = (0..<names.count).map { statement.value($0) }
    }

    /// The value of a column by position.
    public subscript(_ index: Int) -> SQLValue { values[index] }
    /// The value of a column by name (`.null` when there is no such column).
    public subscript(_ name: String) -> SQLValue {
        guard let i = names.firstIndex(of: name) else { return .null }
        return values[i]
    }
    /// Integer column by name (nil for NULL or a non-integer).
    public func int64(_ name: String) -> Int64? { self[name].int64 }
    /// Text column by name (nil for NULL or non-text).
    public func string(_ name: String) -> String? { self[name].string }

    public var description: String {
        zip(names, values).map { "\($0)=\($1)" }.joined(separator: ", ")
    }
}
