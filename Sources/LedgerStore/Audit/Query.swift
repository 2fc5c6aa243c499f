import Ledger
import SQLite

/// The result of an auditor's query: column names and rows of cells.
public struct QueryResult: Sendable {
    /// One value as SQLite stored it.
    public enum Cell: Sendable, Equatable {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)
        case blob([UInt8])
    }

    public let columns: [String]
    public let rows: [[Cell]]
}

/// Why a query was refused.
public struct QueryError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

extension LedgerStore {
    /// `hallbar query SQL`: runs one read-only statement on a connection that SQLite itself
    /// keeps read-only (read-only open and `query_only`), so nothing the SQL says can write.
    /// - Throws: `QueryError` with SQLite's message for SQL it refuses; `SQLiteError` (busy, I/O).
    public func query(_ sql: String) throws -> QueryResult {
        try db.restrictToQueries()
        let statement: Statement
        do { statement = try db.prepare(sql) } catch let error as SQLiteError where !error.isBusy && !error.isIOError {
            throw QueryError(message: error.message)
        }
        var rows: [[QueryResult.Cell]] = []
        let count = statement.columnCount
        do {
            try statement.forEach { row in
                rows.append((0..<count).map { column -> QueryResult.Cell in
                    switch row.value(column) {
                    case .null: return .null
                    case .integer(let v): return .integer(v)
                    case .real(let v): return .real(v)
                    case .text(let s): return .text(s)
                    case .blob(let bytes): return .blob(bytes)
                    }
                })
            }
        } catch let error as SQLiteError where !error.isBusy && !error.isIOError {
            throw QueryError(message: error.message)
        }
        return QueryResult(columns: statement.columnNames, rows: rows)
    }
}
