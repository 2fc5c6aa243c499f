import Ledger
import SQLite

/// A row of one chained table as its owner writes it: the table, and its fields in chain
/// order (seq first), written once (`write(seq:to:)`) for both the link and the INSERT.
protocol ChainRow {
    /// The table the row belongs to.
    static var table: ChainedTable { get }
    /// Writes every chained column's value, seq first, in `table.columns` order.
    func write<S: ChainFieldSink>(seq: Int64, to sink: inout S) throws
}

/// Collects a row's fields as SQL values (for an INSERT's bindings).
struct SQLValueSink: ChainFieldSink {
    var values: [SQLValue] = []
    mutating func integer(_ value: Int64) { values.append(.integer(value)) }
    mutating func text(_ value: String) throws { values.append(.text(value)) }
    mutating func null() { values.append(.null) }
}

extension ChainAppender {
    /// Inserts a typed row (see `append(_:_:)`).
    /// - Returns: the row's seq.
    @discardableResult
    func append<R: ChainRow>(_ row: R) throws -> Int64 {
        var sink = SQLValueSink()
        try row.write(seq: nextSeq, to: &sink)
        return try append(R.table, Array(sink.values.dropFirst()))
    }
}

extension Stamp {
    /// The stamp's two columns, as every chained row that has them stores them.
    func write<S: ChainFieldSink>(to sink: inout S) throws {
        try sink.text(at)
        try sink.text(by)
    }
}
