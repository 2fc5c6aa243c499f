import CSQLite

/// The storage class of a column value in the current row.
public enum ColumnType: Sendable, Equatable {
    case null, integer, real, text, blob
}

extension Statement {
    /// The storage class of column `index` (0-based) of the current row.
    public func columnType(_ index: Int) -> ColumnType {
        switch sqlite3_column_type(handle, Int32(index)) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .integer
        case SQLITE_FLOAT: return .real
        case SQLITE_BLOB: return .blob
        default: return .text
        }
    }

    /// Column `index` as a double (REAL; other classes are converted by SQLite).
    public func double(_ index: Int) -> Double { sqlite3_column_double(handle, Int32(index)) }

    /// Lends the bytes of a TEXT (its UTF-8 as stored) or BLOB column to `body` without
    /// copying them; the buffer is valid only during the call. Asking for a TEXT column's
    /// bytes this way never converts its storage class.
    public func withBytes<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let column = Int32(index)
        let pointer: UnsafeRawPointer?
        if sqlite3_column_type(handle, column) == SQLITE_BLOB {
            pointer = sqlite3_column_blob(handle, column)
        } else {
            pointer = sqlite3_column_text(handle, column).map { UnsafeRawPointer($0) }
        }
        let count = Int(sqlite3_column_bytes(handle, column))
        return try body(UnsafeRawBufferPointer(start: count > 0 ? pointer : nil, count: pointer == nil ? 0 : count))
    }
}
