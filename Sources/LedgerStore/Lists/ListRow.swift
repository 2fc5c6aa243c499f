import SQLite

/// One row of a list as SQLite hands it over, read in place: a long list can be laid out
/// while it is read, without a `ListValue` or a `String` for every cell. Valid only inside
/// the closure it is given to.
public struct ListRow {
    let statement: Statement
    /// The list's columns.
    public let columns: [ListColumn]

    /// The type of value `column` holds in this row.
    public enum Stored: Sendable { case null, integer, text }

    /// What column `column` holds.
    public func stored(_ column: Int) -> Stored {
        switch statement.columnType(column) {
        case .null: return .null
        case .integer: return .integer
        default: return .text
        }
    }

    /// Column `column` as an integer.
    public func integer(_ column: Int) -> Int64 { statement.int64(column) }

    /// Lends the UTF-8 bytes of column `column` to `body`, valid during the call only.
    public func withUTF8<R>(_ column: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try statement.withBytes(column, body)
    }

    /// Column `column` as a value (a copy).
    public func value(_ column: Int) -> ListValue { ListValue(statement.value(column)) }
}

extension LedgerRead {
    /// The rows of `kind` under `filter`, one at a time, each given to `row` in place (no
    /// copy); for long lists printed as they are read (`hallbar list … --format table`).
    /// - Returns: the list's columns.
    /// - Throws: as `list(_:_:)`, and what `row` throws.
    @discardableResult
    public func list(_ kind: ListKind, _ filter: ListFilter, row: (ListRow) throws -> Void) throws -> [ListColumn] {
        try requireNamedRecords(filter)
        let query = ListQuery.make(kind, filter)
        try db.cached(query.sql).forEach(query.arguments) { statement in
            try row(ListRow(statement: statement, columns: query.columns))
        }
        return query.columns
    }
}
