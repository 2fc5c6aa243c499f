#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Ledger
import SQLite

/// The fast path of the chain pass for large tables: it only vouches that every link
/// verifies, checking id ranges ("chunks") of the tables on several threads at once.
///
/// A row's local check, `SHA-256(stored link of the row before ‖ encoding(row)) == stored
/// link`, needs nothing but the row before it, so ranges can be checked independently: the
/// first row of a range takes the stored link of the row just before the range (genesis for
/// the first row of the table). When every row of every range of a table verifies, the
/// sequential walk (`ChainCheck.verify`) would have found no break either, and the row count,
/// the head and the head-check candidates are joined from the ranges in id order. When a row
/// fails, or a range cannot be read, the table has no outcome and the caller walks it
/// sequentially, which classifies the break and words the finding as it always has.
///
/// Chunks are handed out one at a time to whichever thread asks (`help(on:)`), each reading
/// through its own connection: the verifier's thread, the file-check thread once its checks
/// are done, and any extra threads started with `startWorkers`. So a thread slowed by other
/// work simply takes fewer chunks, and no core idles while chunks are left.
final class ParallelChainCheck: @unchecked Sendable {
    /// How the pass is split.
    struct Plan: Sendable {
        /// Threads started only to check chunks, besides the threads that help anyway.
        var extraWorkers: Int
        /// Ids per chunk (the last chunk of a table may be shorter).
        var chunkRows: Int64
        /// A table whose id span is shorter is left to the sequential walk.
        var minimumRows: Int64

        /// For `Verifier.run`, whose own thread and file-check thread both help: one more
        /// thread per further active core; chunks of 32 768 ids; tables from 65 536 ids.
        static var standard: Plan {
            Plan(extraWorkers: max(0, onlineProcessorCount() - 2), chunkRows: 32_768, minimumRows: 65_536)
        }

        /// Never parallel: every table takes the sequential walk.
        static let sequential = Plan(extraWorkers: 0, chunkRows: .max, minimumRows: .max)
    }

    /// What the pass found for a table whose every link verifies.
    struct Outcome {
        /// The row count.
        let rows: Int64
        /// The last stored link (genesis when empty).
        let head: [UInt8]
        /// The head-check candidates, as `TableCandidates.observe` would give them row by row.
        let candidates: TableCandidates
    }

    /// The approvals' stamps the candidates were picked for (`HeadCheck.approvalTimes`).
    let approvalTimes: [Int64?]
    /// The chunks of every table taken, in chain order per table.
    private let chunks: [(table: ChainedTable, ids: ClosedRange<Int64>, first: Bool)]
    private let condition = Condition()
    /// The extra threads, joined once every chunk is done.
    private var workers: [BackgroundThread<Void>] = []
    private var next = 0
    private var finished = 0
    private var results: [ChunkResult?]
    private var failed: Set<ChainedTable> = []

    /// Plans the chunks of every chained table whose id span reaches `plan.minimumRows`
    /// (reading `min` and `max` of its ids); a table that cannot be read is left out.
    /// - Parameter approvalTimes: the approvals' stamps; empty skips the candidates.
    init(db: Connection, plan: Plan, approvalTimes: [Int64?]) {
        self.approvalTimes = approvalTimes
        var chunks: [(table: ChainedTable, ids: ClosedRange<Int64>, first: Bool)] = []
        for table in ChainedTable.allCases {
            guard let ids = try? ParallelChainCheck.idSpan(of: table, in: db),
                  let ranges = ParallelChainCheck.split(ids, chunkRows: plan.chunkRows, minimumRows: plan.minimumRows) else { continue }
            chunks += ranges.enumerated().map { (table, $0.element, $0.offset == 0) }
        }
        self.chunks = chunks
        results = Array(repeating: nil, count: chunks.count)
    }

    /// The tables this pass checks.
    var tables: [ChainedTable] {
        chunks.reduce(into: []) { tables, chunk in if tables.last != chunk.table { tables.append(chunk.table) } }
    }

    /// Starts `count` threads, each on its own connection from `open`, to check chunks.
    func startWorkers(_ count: Int, open: @escaping @Sendable () throws -> Connection) {
        guard count > 0, !chunks.isEmpty else { return }
        for _ in 0..<count {
            workers.append(BackgroundThread { [self] in
                guard let connection = try? open() else { return }
                help(on: connection)
                try? connection.close()
            })
        }
    }

    /// Checks chunks on `db` until none is left; safe to call from any number of threads,
    /// each with its own connection.
    func help(on db: Connection) {
        var statements: [ChainedTable: (rows: Statement, before: Statement)] = [:]
        while let index = take() {
            let chunk = chunks[index]
            var result: ChunkResult?
            do {
                if statements[chunk.table] == nil { statements[chunk.table] = try ParallelChainCheck.statements(for: chunk.table, in: db) }
                if let prepared = statements[chunk.table] {
                    result = try check(chunk.table, chunk.ids, first: chunk.first, rows: prepared.rows, before: prepared.before)
                }
            } catch {
                result = nil
            }
            condition.lock()
            results[index] = result
            if result == nil { failed.insert(chunk.table) }
            finished += 1
            if finished == chunks.count { condition.broadcast() }
            condition.unlock()
        }
    }

    /// Checks chunks on `db` while any is left, waits for the other threads' chunks, then
    /// gives the outcome of each table whose every link verifies; a table with a failing
    /// chunk is absent, and so is a table too small to be split.
    func outcomes(helpingOn db: Connection) -> [ChainedTable: Outcome] {
        help(on: db)
        condition.lock()
        while finished < chunks.count { condition.wait() }
        condition.unlock()
        for worker in workers { worker.join() }
        workers = []
        condition.lock()
        defer { condition.unlock() }
        var outcomes: [ChainedTable: Outcome] = [:]
        var index = 0
        while index < chunks.count {
            let table = chunks[index].table
            var end = index
            while end < chunks.count, chunks[end].table == table { end += 1 }
            if !failed.contains(table), let joined = ParallelChainCheck.join(results[index..<end]) { outcomes[table] = joined }
            index = end
        }
        return outcomes
    }

    /// Stops the pass: no chunk is taken any more and running ones stop soon (when the
    /// verifier gives up before it needs the outcomes).
    func cancel() {
        condition.lock()
        failed.formUnion(chunks.map(\.table))
        condition.unlock()
    }

    /// The next chunk of a table that has not failed, or nil when none is left (skipped
    /// chunks count as finished).
    private func take() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while next < chunks.count {
            let index = next
            next += 1
            if !failed.contains(chunks[index].table) { return index }
            finished += 1
            if finished == chunks.count { condition.broadcast() }
        }
        return nil
    }

    private func hasFailed(_ table: ChainedTable) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        return failed.contains(table)
    }

    /// One chunk's result.
    private struct ChunkResult {
        let rows: Int64
        let last: [UInt8]?
        let candidates: TableCandidates
    }

    /// Thrown inside a chunk's scan to stop it.
    private struct Stop: Error {}

    private static func statements(for table: ChainedTable, in db: Connection) throws -> (rows: Statement, before: Statement) {
        let fields = (table.columns + ["chain_hash"]).joined(separator: ", ")
        return (
            try db.prepare("SELECT \(fields) FROM \(table.name) WHERE \(table.idColumn) BETWEEN ? AND ? ORDER BY \(table.idColumn)"),
            try db.prepare("SELECT recorded_at, chain_hash FROM \(table.name) WHERE \(table.idColumn) < ? ORDER BY \(table.idColumn) DESC LIMIT 1"))
    }

    /// Checks one chunk; throws when a row does not verify or the chunk cannot be read.
    private func check(
        _ table: ChainedTable, _ ids: ClosedRange<Int64>, first: Bool, rows: Statement, before: Statement
    ) throws -> ChunkResult {
        var previous = ChainLink.genesis
        var candidates = TableCandidates(approvalTimes: approvalTimes)
        var found = false
        try before.forEach([ids.lowerBound]) { row in
            found = true
            guard row.columnType(1) == .blob else { throw Stop() }
            previous = row.blob(1) ?? []
            guard previous.count == SHA256.digestByteCount else { throw Stop() }
            row.withBytes(0) { stamp in
                previous.withUnsafeBytes { link in
                    candidates = TableCandidates(approvalTimes: approvalTimes, afterRowStamped: stamp, link: link)
                }
            }
        }
        // Only the first chunk starts the table; no row before any other means the table
        // changed under the pass.
        guard found == !first else { throw Stop() }
        let fieldCount = table.columns.count
        let recordedAtIndex = table.columns.firstIndex(of: "recorded_at") ?? 0
        let observing = !approvalTimes.isEmpty
        var position: Int64 = 0
        try rows.forEach([ids.lowerBound, ids.upperBound]) { row in
            if position & 0xfff == 0xfff, hasFailed(table) { throw Stop() }
            var hasher = try ChainRowHasher(previous: previous, table: table.name, fieldCount: fieldCount)
            for column in 0..<fieldCount { try ChainCheck.append(row, column, to: &hasher) }
            let computed = hasher.finalize()
            let matches = row.columnType(fieldCount) == .blob && row.withBytes(fieldCount) { stored in
                stored.count == SHA256.digestByteCount
                    && computed.withUnsafeBytes { memcmp($0.baseAddress!, stored.baseAddress!, SHA256.digestByteCount) == 0 }
            }
            guard matches else { throw Stop() }
            if observing {
                row.withBytes(recordedAtIndex) { stamp in
                    computed.withUnsafeBytes { candidates.observe(position: position, recordedAt: stamp, link: $0) }
                }
            }
            previous = computed   // equal to the stored link
            position += 1
        }
        return ChunkResult(rows: position, last: position > 0 ? previous : nil, candidates: candidates)
    }

    /// A table's chunks joined in order; nil when one is missing.
    private static func join(_ results: ArraySlice<ChunkResult?>) -> Outcome? {
        guard let first = results.first ?? nil else { return nil }
        var rows = first.rows
        var head = first.last ?? ChainLink.genesis
        var candidates = first.candidates
        for result in results.dropFirst() {
            guard let result else { return nil }
            candidates.append(result.candidates, after: rows)
            rows += result.rows
            if let last = result.last { head = last }
        }
        return Outcome(rows: rows, head: head, candidates: candidates)
    }

    /// `min(id)…max(id)` of the table, nil when it is empty.
    static func idSpan(of table: ChainedTable, in db: Connection) throws -> ClosedRange<Int64>? {
        guard let row = try db.row("SELECT min(\(table.idColumn)), max(\(table.idColumn)) FROM \(table.name)"),
              let low = row.values[0].int64, let high = row.values[1].int64, low <= high else { return nil }
        return low...high
    }

    /// `ids` cut into contiguous, non-empty ranges of `chunkRows` ids (nearly equal, at least
    /// two); nil when it holds fewer than `minimumRows` ids, or fewer than two.
    static func split(_ ids: ClosedRange<Int64>, chunkRows: Int64, minimumRows: Int64) -> [ClosedRange<Int64>]? {
        let width = UInt64(bitPattern: ids.upperBound &- ids.lowerBound)   // ids.count − 1, without overflow
        guard width > 0, width < UInt64.max else { return nil }
        let total = width + 1
        guard minimumRows <= 0 || total >= UInt64(minimumRows) else { return nil }
        let per = UInt64(max(1, chunkRows))
        let parts = max(2, (total / per) + (total % per == 0 ? 0 : 1))
        let (size, extra) = total.quotientAndRemainder(dividingBy: parts)
        func start(_ part: UInt64) -> Int64 {
            ids.lowerBound &+ Int64(bitPattern: part * size + Swift.min(part, extra))
        }
        return (0..<parts).map { part in
            start(part)...(part + 1 == parts ? ids.upperBound : start(part + 1) &- 1)
        }
    }
}
