import Foundation
import Ledger
@testable import LedgerStore
import SQLite
import XCTest

/// The parallel chain pass (`ParallelChainCheck`) against the sequential walk: on a clean
/// ledger it must vouch for the tables and give the same head-check candidates; on every
/// kind of tampering, wherever the break falls relative to the chunks, it must not vouch for
/// the table, and `verify` must give exactly the findings of the sequential walk.
final class ParallelChainTests: AuditTestCase {
    /// Chunks of 8 ids on three threads, for tables of any size.
    static let small = ParallelChainCheck.Plan(extraWorkers: 2, chunkRows: 8, minimumRows: 1)
    /// The fixture's ledger entries: 40, then the disbursement and its reversal (41, 42).
    static let entries = 40
    static let lastEntry = Int64(entries + 2)

    override func setUpWithError() throws {
        try super.setUpWithError()
        try rebuild()
    }

    /// Builds the fixture afresh with `entries` entries (a test that tampers twice starts over).
    func rebuild() throws {
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: db + suffix) {
            try FileManager.default.removeItem(atPath: db + suffix)
        }
        try AuditFixture.build(at: db, entries: ParallelChainTests.entries).close()
    }

    /// The chunks `small` cuts ledger_entries 1…42 into.
    var ranges: [ClosedRange<Int64>] {
        ParallelChainCheck.split(1...ParallelChainTests.lastEntry, chunkRows: 8, minimumRows: 1) ?? []
    }

    func shell(_ sql: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try sqlite3(db, sql)
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
    }

    func verifier(_ plan: ParallelChainCheck.Plan) throws -> (Verifier, Connection) {
        let connection = try Verifier.open(path: db)
        var verifier = try Verifier(db: connection)
        verifier.chainPlan = plan
        return (verifier, connection)
    }

    /// All findings of `verify` with the plan.
    func findings(_ plan: ParallelChainCheck.Plan) throws -> [String] {
        let (verifier, connection) = try verifier(plan)
        defer { try? connection.close() }
        return try verifier.run().map(\.description)
    }

    /// The chain pass alone with the plan: its findings and the tables it vouched for in parallel.
    func chainPass(_ plan: ParallelChainCheck.Plan) throws -> (findings: [String], parallel: [ChainedTable]) {
        let (verifier, connection) = try verifier(plan)
        defer { try? connection.close() }
        let pass = try verifier.chainPass()
        return (pass.findings.map(\.description), pass.parallel)
    }

    /// Checks that the parallel plan gives the sequential findings, which include a line
    /// starting with `expected`, and that it left the tampered table to the sequential walk
    /// (or vouched for it when the chain itself still verifies: `expected` not a chain line).
    func assertSameFindings(containing expected: String, table: ChainedTable = .ledgerEntries,
                            file: StaticString = #filePath, line: UInt = #line) throws {
        let sequential = try findings(.sequential)
        XCTAssertTrue(sequential.contains { $0.hasPrefix(expected) }, "\(sequential)", file: file, line: line)
        XCTAssertEqual(try findings(ParallelChainTests.small), sequential, file: file, line: line)
        let pass = try chainPass(ParallelChainTests.small)
        XCTAssertEqual(pass.findings, try chainPass(.sequential).findings, file: file, line: line)
        let chainBroken = expected.hasPrefix("chain:")
        XCTAssertEqual(pass.parallel.contains(table), !chainBroken, "\(pass.parallel)", file: file, line: line)
        XCTAssertTrue(pass.parallel.contains(.readings), "the untouched readings went the parallel way: \(pass.parallel)", file: file, line: line)
    }

    // MARK: Splitting

    func testSplittingCoversTheIdsInContiguousNearlyEqualRanges() throws {
        let ranges = try XCTUnwrap(ParallelChainCheck.split(1...42, chunkRows: 8, minimumRows: 1))
        XCTAssertEqual(ranges, [1...7, 8...14, 15...21, 22...28, 29...35, 36...42])
        XCTAssertEqual(ParallelChainCheck.split(1...16, chunkRows: 8, minimumRows: 1), [1...8, 9...16])
        XCTAssertEqual(ParallelChainCheck.split(5...6, chunkRows: 100, minimumRows: 1), [5...5, 6...6], "at least two ranges")
        XCTAssertEqual(ParallelChainCheck.split(-3...3, chunkRows: 3, minimumRows: 1), [-3...(-1), 0...1, 2...3])
        XCTAssertNil(ParallelChainCheck.split(7...7, chunkRows: 1, minimumRows: 1), "one row: nothing to split")
        XCTAssertNil(ParallelChainCheck.split(1...99, chunkRows: 8, minimumRows: 100), "below the minimum")
        XCTAssertNotNil(ParallelChainCheck.split(1...100, chunkRows: 8, minimumRows: 100))
        XCTAssertNil(ParallelChainCheck.split(Int64.min...Int64.max, chunkRows: .max, minimumRows: 1), "the span does not fit 64 bits")
        let wide = try XCTUnwrap(ParallelChainCheck.split((Int64.min + 1)...Int64.max, chunkRows: Int64.max / 2, minimumRows: 1))
        XCTAssertEqual(wide.first?.lowerBound, Int64.min + 1)
        XCTAssertEqual(wide.last?.upperBound, Int64.max)
        for (range, next) in zip(wide, wide.dropFirst()) { XCTAssertEqual(range.upperBound &+ 1, next.lowerBound) }
    }

    // MARK: Connections

    func testVerifyReadsThroughAMemoryMap() throws {
        for connection in [try Verifier.open(path: db), try Verifier.reader(path: db)] {
            XCTAssertGreaterThan(try connection.scalarInt("PRAGMA mmap_size") ?? 0, 100 << 20)
            XCTAssertEqual(try connection.scalarInt("PRAGMA query_only"), 1)
            try connection.close()
        }
    }

    // MARK: A clean ledger

    func testACleanLedgerIsVouchedForInParallelWithTheSameFindings() throws {
        XCTAssertEqual(try findings(ParallelChainTests.small), [])
        XCTAssertEqual(try findings(.sequential), [])
        let pass = try chainPass(ParallelChainTests.small)
        XCTAssertEqual(pass.findings, [])
        // projects 1…30 (ids 1, 20, 30: most chunks empty), entries 1…42, readings 1…2; the
        // single approval cannot be split.
        XCTAssertEqual(pass.parallel, [.projects, .ledgerEntries, .readings])
        XCTAssertEqual(try chainPass(.sequential).parallel, [])
    }

    func testLaterRowsAndApprovalsKeepEveryHeadReproducibleInParallel() throws {
        let connection = try LedgerDatabase.open(path: db, access: .write)
        for day in 1...3 {
            try AuditFixture.appendEntries(3, in: connection, stamp: Stamp(by: "later", at: "2025-03-0\(day)T08:00:00.000Z"))
            try AuditFixture.recordApproval(in: connection, stamp: Stamp(by: "committee", at: "2025-03-0\(day)T09:00:00.000Z"))
        }
        try connection.close()
        for chunkRows: Int64 in [1, 2, 3, 5, 8, 40, 41, 42] {
            let plan = ParallelChainCheck.Plan(extraWorkers: 1, chunkRows: chunkRows, minimumRows: 1)
            let pass = try chainPass(plan)
            XCTAssertEqual(pass.findings, [], "chunks of \(chunkRows)")
            XCTAssertEqual(pass.parallel, ChainedTable.allCases, "chunks of \(chunkRows)")
        }
    }

    /// The candidates the head check takes from the parallel pass equal those of the walk,
    /// for chunks of every size (so stamp changes fall on chunk boundaries and inside chunks),
    /// with more stamp changes than are kept per approval.
    func testTheHeadCandidatesEqualThoseOfTheSequentialWalk() throws {
        let connection = try LedgerDatabase.open(path: db, access: .write)
        for minute in 0..<40 {
            try AuditFixture.appendEntries(1 + minute % 3, in: connection,
                                           stamp: Stamp(by: "later", at: String(format: "2025-03-01T08:%02d:00.000Z", minute)))
        }
        try connection.close()
        let reader = try Verifier.open(path: db)
        defer { try? reader.close() }
        let minute: Int64 = 60_000
        let eight = try XCTUnwrap(Array("2025-03-01T08:00:00.000Z".utf8).withUnsafeBytes { HeadCheck.milliseconds($0) })
        // Unreadable (every change fits: more than kept), mid-way, at the first data stamp, long after.
        let times: [Int64?] = [nil, eight + 20 * minute, eight - 45 * 24 * 60 * minute, eight + 400 * minute]
        func described(_ candidates: TableCandidates) -> [[String]] {
            candidates.found.map { $0.map { "\($0.count) \(SHA256.hex($0.last))" } }
        }
        var walked = TableCandidates(approvalTimes: times)
        let outcome = try ChainCheck.verify(.ledgerEntries, in: reader) { position, recordedAt, link in
            walked.observe(position: position, recordedAt: recordedAt, link: link)
        }
        XCTAssertNil(outcome.firstBreak)
        walked.end(rows: outcome.rows)
        let expected = described(walked)
        XCTAssertEqual(expected[0].count, HeadCheck.maxCandidates, "more stamp changes than are kept")
        XCTAssertGreaterThan(expected[1].count, 5)
        XCTAssertLessThan(expected[1].count, HeadCheck.maxCandidates)
        for chunkRows: Int64 in [1, 2, 3, 7, 8, 9, 50, 1000] {
            for extraWorkers in [0, 2] {
                let plan = ParallelChainCheck.Plan(extraWorkers: extraWorkers, chunkRows: chunkRows, minimumRows: 1)
                let pool = ParallelChainCheck(db: reader, plan: plan, approvalTimes: times)
                pool.startWorkers(extraWorkers, open: { [db] in try Verifier.reader(path: db) })
                let parallel = try XCTUnwrap(pool.outcomes(helpingOn: reader)[.ledgerEntries], "chunks of \(chunkRows)")
                XCTAssertEqual(parallel.rows, outcome.rows)
                XCTAssertEqual(parallel.head, outcome.head)
                var joined = parallel.candidates
                joined.end(rows: parallel.rows)
                XCTAssertEqual(described(joined), expected, "chunks of \(chunkRows), \(extraWorkers) extra threads")
            }
        }
    }

    // MARK: Tampering, wherever it falls

    func testAnEditAtEachEdgeOfAChunkAndOfTheTable() throws {
        let ranges = self.ranges
        XCTAssertEqual(ranges.count, 6)
        for id in [1, ranges[1].upperBound, ranges[2].lowerBound, ParallelChainTests.lastEntry] {
            try rebuild()
            try shell("DROP TRIGGER ledger_entries_no_update; UPDATE ledger_entries SET recorded_by = 'mallory' WHERE entry_id = \(id);")
            let last = id == ParallelChainTests.lastEntry ? " (it is the last row" : ""
            try assertSameFindings(containing: "chain: ledger_entries row \(id) changed: its content no longer matches its stored link\(last)")
        }
    }

    func testADeleteAtTheStartOfAChunkAndOfTheTable() throws {
        let start = ranges[2].lowerBound
        try shell("DROP TRIGGER ledger_entries_no_delete; DELETE FROM ledger_entries WHERE entry_id = \(start);")
        try assertSameFindings(containing: "chain: ledger_entries row \(start + 1) missing: id \(start) is absent")
        try rebuild()
        try shell("DROP TRIGGER ledger_entries_no_delete; DELETE FROM ledger_entries WHERE entry_id = 1;")
        try assertSameFindings(containing: "chain: ledger_entries row 2 missing: id 1 is absent")
    }

    func testADeletedLastRowLeavesTheChainWholeAndIsCaughtByTheHead() throws {
        try shell("DROP TRIGGER ledger_entries_no_delete; DELETE FROM ledger_entries WHERE entry_id = \(ParallelChainTests.lastEntry);")
        try assertSameFindings(containing: "head: follow-up approval 1 (year 2023, revision 1) recorded the ledger head")
    }

    func testARowPutBeforeTheFirstOrInBetweenIsInserted() throws {
        let insert = """
            INSERT INTO ledger_entries (entry_id, external_id, loan_id, value_date, kind, amount_ore, balance_effect_ore,
                recorded_at, recorded_by, chain_hash)
            VALUES (0, 'E-forged', 3, '2024-02-01', 'disbursement', 100, 100, '2025-01-15T10:00:00.000Z', 'mallory', randomblob(32));
            """
        try shell(insert)
        try assertSameFindings(containing: "chain: ledger_entries row 0 inserted: row 1 chains directly onto the row before it")
        try rebuild()
        try shell("""
            INSERT INTO projects (project_number, programme, borrower_org_no, title, category, approved_ore, decision_date,
                status, framework_version, recorded_at, recorded_by, chain_hash)
            VALUES (9, 'green', '212000-0142', 'Inlagt', 'green_buildings', 100, '2023-01-01', 'approved', '2023',
                '2025-01-15T10:00:00.000Z', 'mallory', randomblob(32));
            """)
        // projects 1…30 in chunks of 8: 9 starts the second chunk, right after 1.
        try assertSameFindings(containing: "chain: projects row 9 inserted: row 20 chains directly onto the row before it", table: .projects)
    }

    func testARowAppendedFarAfterTheEndWithAWrongLink() throws {
        try shell("""
            INSERT INTO ledger_entries (entry_id, external_id, loan_id, value_date, kind, amount_ore, balance_effect_ore,
                recorded_at, recorded_by, chain_hash)
            VALUES (1000, 'E-forged', 3, '2024-02-01', 'disbursement', 100, 100, '2025-01-15T10:00:00.000Z', 'mallory', zeroblob(32));
            """)
        try assertSameFindings(containing: "chain: ledger_entries row 1000 missing: ids 43–999 are absent")
    }

    func testRowsSwappedAcrossAChunkBoundary() throws {
        let a = ranges[1].upperBound, b = ranges[2].lowerBound
        try shell("""
            DROP TRIGGER ledger_entries_no_update;
            UPDATE ledger_entries SET entry_id = -1 WHERE entry_id = \(a);
            UPDATE ledger_entries SET entry_id = \(a) WHERE entry_id = \(b);
            UPDATE ledger_entries SET entry_id = \(b) WHERE entry_id = -1;
            """)
        try assertSameFindings(containing: "chain: ledger_entries row \(a) reordered: row \(b) holds the content that belongs at \(a)")
    }

    func testALinkOverwrittenAtTheEndOfAChunkOrNotAHash() throws {
        let end = ranges[1].upperBound
        try shell("DROP TRIGGER ledger_entries_no_update; UPDATE ledger_entries SET chain_hash = randomblob(32) WHERE entry_id = \(end);")
        try assertSameFindings(containing: "chain: ledger_entries row \(end) link changed: its content is intact")
        for bad in ["x'00'", "zeroblob(33)"] {   // the table is STRICT: no text
            try rebuild()
            try shell("""
                PRAGMA ignore_check_constraints = ON; DROP TRIGGER ledger_entries_no_update;
                UPDATE ledger_entries SET chain_hash = \(bad) WHERE entry_id = \(end);
                """)
            try assertSameFindings(containing: "chain: ledger_entries row \(end) link changed: its chain_hash is not a 32-byte hash")
        }
    }

    func testARecomputedChainVerifiesInParallelAndIsCaughtByTheHead() throws {
        try shell("DROP TRIGGER ledger_entries_no_update; UPDATE ledger_entries SET amount_ore = 99900, balance_effect_ore = 99900 WHERE entry_id = 3;")
        let connection = try Connection(path: db, mode: .readWrite)
        try AuditFixture.recomputeChain(.ledgerEntries, in: connection)
        try connection.close()
        try assertSameFindings(containing: "head: follow-up approval 1 (year 2023, revision 1) recorded the ledger head sha256:")
    }
}
