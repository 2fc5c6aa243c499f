import Ledger
import SQLite

/// The fast path of the chain pass for a large ledger: it only vouches that every link
/// verifies, checking ranges of seqs ("chunks") on several threads at once.
///
/// A row's local check, `SHA-256(stored link of the row before ‖ encoding(row)) == stored
/// link`, needs nothing but the row before it, so ranges can be checked independently: the
/// first row of a range takes the stored link of the row just before the range (genesis for
/// seq 1). When every row of every range verifies, seqs run without gap or repeat and stamps
/// never go back, that is exactly the sequential result (no break), and the watched links
/// and the row where the `--against` link is held are joined from the ranges. When anything
/// fails, or a range cannot be read, the pass has no outcome and the caller walks the chain
/// sequentially (`ChainCheck.verify`), which classifies the break and words the finding.
///
/// Chunks are handed out one at a time to whichever thread asks (`help(on:)`), each reading
/// through its own connection: the verifier's thread, the file-check thread once its checks
/// are done, and any extra threads started with `startWorkers`.
final class ParallelChainCheck: @unchecked Sendable {
    /// How the pass is split.
    struct Plan: Sendable {
        /// Threads started only to check chunks, besides the threads that help anyway.
        var extraWorkers: Int
        /// Seqs per chunk (the last chunk may be shorter).
        var chunkRows: Int64
        /// A ledger with fewer rows is left to the sequential walk.
        var minimumRows: Int64

        /// One more thread per further active core; chunks of 32 768 seqs; from 65 536 rows.
        static var standard: Plan {
            Plan(extraWorkers: max(0, onlineProcessorCount() - 2), chunkRows: 32_768, minimumRows: 65_536)
        }

        /// Never parallel.
        static let sequential = Plan(extraWorkers: 0, chunkRows: .max, minimumRows: .max)
    }

    /// What the pass vouches for when every chunk verified.
    struct Outcome {
        let rows: Int64
        let head: ChainHead
        let watched: [Int64: [UInt8]]
        let heldAt: Int64?
    }

    private let chunks: [ClosedRange<Int64>]
    private let watch: Set<Int64>
    private let against: [UInt8]?
    private let condition = Condition()
    private var workers: [BackgroundThread<Void>] = []
    private var next = 0
    private var finished = 0
    private var results: [ChunkResult?]
    private var failed = false

    /// Plans the chunks over seqs 1…`rows` (the ledger's head).
    init(rows: Int64, plan: Plan, watch: Set<Int64>, against: [UInt8]?) {
        self.watch = watch
        self.against = against
        chunks = rows >= plan.minimumRows ? ParallelChainCheck.split(1...rows, chunkRows: plan.chunkRows) : []
        results = Array(repeating: nil, count: chunks.count)
    }

    /// True when there is anything to check in parallel.
    var isEmpty: Bool { chunks.isEmpty }

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
        while let index = take() {
            let result = try? check(chunks[index], in: db)
            condition.lock()
            results[index] = result
            if result == nil { failed = true }
            finished += 1
            if finished == chunks.count { condition.broadcast() }
            condition.unlock()
        }
    }

    /// Helps on `db` while chunks are left, waits for the others, and gives the outcome
    /// when every chunk verified and no row lies outside the chunks (a seq below 1: the
    /// chunks cover 1 to the head); nil otherwise, or when there were no chunks.
    func outcome(helpingOn db: Connection) -> Outcome? {
        guard !chunks.isEmpty else { return nil }
        let outside = (try? ChainedTable.allCases.contains { table in
            (try db.scalarInt("SELECT count(*) FROM \(table.name) WHERE \(table.seqColumn) < 1") ?? 0) > 0
        }) ?? true
        if outside { cancel() }
        help(on: db)
        condition.lock()
        while finished < chunks.count { condition.wait() }
        condition.unlock()
        for worker in workers { worker.join() }
        workers = []
        condition.lock()
        defer { condition.unlock() }
        guard !failed else { return nil }
        var watched: [Int64: [UInt8]] = [:]
        var heldAt: Int64? = against == ChainLink.genesis ? 0 : nil
        var lastStamp: [UInt8] = []
        var head = ChainHead.genesis
        for result in results {
            guard let result else { return nil }
            if !lastStamp.isEmpty, let first = result.firstStamp, first.lexicographicallyPrecedes(lastStamp) { return nil }
            if let stamp = result.lastStamp { lastStamp = stamp }
            watched.merge(result.watched) { a, _ in a }
            if let held = result.heldAt { heldAt = held }
            head = result.head
        }
        return Outcome(rows: head.rows, head: head, watched: watched, heldAt: heldAt)
    }

    /// Stops the pass: no chunk is taken any more.
    func cancel() {
        condition.lock()
        failed = true
        condition.unlock()
    }

    private func take() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while next < chunks.count {
            let index = next
            next += 1
            if !failed { return index }
            finished += 1
            if finished == chunks.count { condition.broadcast() }
        }
        return nil
    }

    private func hasFailed() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        return failed
    }

    private struct ChunkResult {
        let head: ChainHead
        let watched: [Int64: [UInt8]]
        let heldAt: Int64?
        let firstStamp: [UInt8]?
        let lastStamp: [UInt8]?
    }

    private struct Stop: Error {}

    /// Checks one chunk; throws when a row does not verify or the chunk is not whole.
    private func check(_ range: ClosedRange<Int64>, in db: Connection) throws -> ChunkResult {
        guard var previous = try ChainHead.link(at: range.lowerBound - 1, in: db), previous.count == SHA256.digestByteCount else {
            throw Stop()
        }
        let rows = try ChainRows(db: db, range: range)
        var expected = range.lowerBound
        var watched: [Int64: [UInt8]] = [:]
        var heldAt: Int64?
        var firstStamp: [UInt8]?
        var stamp: [UInt8] = []
        while let (table, row) = try rows.next() {
            let seq = row.int64(0)
            guard seq == expected else { throw Stop() }
            if seq & 0xfff == 0, hasFailed() { throw Stop() }
            let computed = try previous.withUnsafeBytes { try ChainRows.link(of: row, table: table, after: $0) }
            guard ChainRows.storedLink(of: row, table: table, equals: computed) else { throw Stop() }
            if watch.contains(seq) { watched[seq] = computed }
            if let against, computed == against { heldAt = seq }
            if let at = table.columns.firstIndex(of: "recorded_at") {
                try row.withBytes(at) { bytes in
                    if !stamp.isEmpty, bytes.lexicographicallyPrecedes(stamp) { throw Stop() }
                    stamp = Array(bytes)
                    if firstStamp == nil { firstStamp = stamp }
                }
            }
            previous = computed
            expected = seq + 1
        }
        guard expected == range.upperBound + 1 else { throw Stop() }
        return ChunkResult(head: ChainHead(rows: range.upperBound, link: previous), watched: watched, heldAt: heldAt,
                           firstStamp: firstStamp, lastStamp: stamp.isEmpty ? nil : stamp)
    }

    /// `seqs` cut into contiguous, non-empty ranges of about `chunkRows` seqs (at least two).
    static func split(_ seqs: ClosedRange<Int64>, chunkRows: Int64) -> [ClosedRange<Int64>] {
        let total = seqs.upperBound - seqs.lowerBound + 1
        guard total > 1 else { return [seqs] }
        let per = max(1, chunkRows)
        let parts = max(2, (total + per - 1) / per)
        let (size, extra) = total.quotientAndRemainder(dividingBy: parts)
        func start(_ part: Int64) -> Int64 { seqs.lowerBound + part * size + min(part, extra) }
        return (0..<parts).map { part in start(part)...(part + 1 == parts ? seqs.upperBound : start(part + 1) - 1) }
    }
}
