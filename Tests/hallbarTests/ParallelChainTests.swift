import Foundation
import Ledger
@testable import LedgerStore
import SQLite
import XCTest

/// The parallel chain pass (`ParallelChainCheck`) against the sequential walk
/// (`ChainCheck.verify`). On a sound chain it must vouch for every link and give exactly the
/// walk's head, the links approvals watch and the row that holds an `--against` head; on
/// every kind of tampering, wherever the break falls relative to the chunks, it must not
/// vouch, and `verify` must give exactly the findings of the sequential walk.
///
/// The fixture (AuditFixture with 40 entries), by seq:
///
/// ```text
///  1–4 members and borrowers   5–7 projects 1, 20, 30   8–11 loans L-1 … L-4
/// 12–51 ledger_entries E-1 … E-40   52 import_batches 1   53 E-X   54 E-X-R
/// 55 indicators I-1   56–57 readings   58 balance_assertions 1
/// 59 followup_approved_statuses 1/I-1   60 followup_approvals 1 (head of row 58)
/// ```
///
/// Chunks of 8 cut 1…60 into 1…8, 9…16, 17…24, 25…32, 33…39, 40…46, 47…53, 54…60.
final class ParallelChainTests: AuditTestCase {
    /// Chunks of 8 seqs on three threads, for a ledger of any size.
    static let small = ParallelChainCheck.Plan(extraWorkers: 2, chunkRows: 8, minimumRows: 1)
    static let entries = 40
    static let rows: Int64 = 60

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

    /// The chunks `small` cuts the fixture's chain into.
    var ranges: [ClosedRange<Int64>] { ParallelChainCheck.split(1...ParallelChainTests.rows, chunkRows: 8) }

    func shell(_ sql: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try sqlite3(db, sql)
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
    }

    /// Every check of `verify` with the plan.
    func report(_ plan: ParallelChainCheck.Plan, against: [UInt8]? = nil) throws -> Verifier.Report {
        let connection = try Verifier.open(path: db)
        defer { try? connection.close() }
        var verifier = try Verifier(db: connection)
        verifier.chainPlan = plan
        return try verifier.run(against: against)
    }

    /// The parallel pass alone: its outcome when it vouches for every link, else nil.
    func parallelOutcome(_ plan: ParallelChainCheck.Plan, against: [UInt8]? = nil) throws -> ParallelChainCheck.Outcome? {
        let connection = try Verifier.open(path: db)
        defer { try? connection.close() }
        let rows = try ChainHead.read(in: connection).rows
        let pool = ParallelChainCheck(rows: rows, plan: plan, watch: try ApprovalHeads(db: connection).watched, against: against)
        let path = db
        pool.startWorkers(plan.extraWorkers, open: { try Verifier.reader(path: path) })
        return pool.outcome(helpingOn: connection)
    }

    /// The sequential walk alone.
    func sequentialOutcome(against: [UInt8]? = nil) throws -> ChainCheck.Outcome {
        let connection = try Verifier.open(path: db)
        defer { try? connection.close() }
        return try ChainCheck.verify(in: connection, watch: try ApprovalHeads(db: connection).watched, against: against)
    }

    /// The link stored at `seq`.
    func link(at seq: Int64) throws -> [UInt8] {
        let connection = try Verifier.open(path: db)
        defer { try? connection.close() }
        return try XCTUnwrap(ChainHead.link(at: seq, in: connection))
    }

    /// Checks that the parallel plan gives the sequential findings, that those include
    /// `expected`, and that the parallel pass vouched for the chain exactly when no row
    /// breaks it (`chainBroken`), with the walk's head and held row when it did.
    func assertSameFindings(containing expected: String, chainBroken: Bool = true, against: [UInt8]? = nil,
                            file: StaticString = #filePath, line: UInt = #line) throws {
        let sequential = try report(.sequential, against: against)
        let lines = sequential.findings.map(\.description)
        XCTAssertTrue(lines.contains(expected), "\(lines)", file: file, line: line)
        XCTAssertEqual(lines.contains { $0.hasPrefix("chain: ") }, chainBroken, "\(lines)", file: file, line: line)
        // The whole of verify with small chunks (the other checks do not depend on the plan).
        let parallel = try report(ParallelChainTests.small, against: against)
        XCTAssertEqual(parallel.findings.map(\.description), lines, file: file, line: line)
        XCTAssertEqual(parallel.head, sequential.head, file: file, line: line)
        XCTAssertEqual(parallel.againstHeldAt, sequential.againstHeldAt, file: file, line: line)
        // The parallel pass alone, with chunks of several sizes.
        for plan in [ParallelChainTests.small, ParallelChainCheck.Plan(extraWorkers: 0, chunkRows: 1, minimumRows: 1),
                     ParallelChainCheck.Plan(extraWorkers: 1, chunkRows: 3, minimumRows: 1)] {
            let outcome = try parallelOutcome(plan, against: against)
            XCTAssertEqual(outcome == nil, chainBroken, "the parallel pass vouches only for a sound chain (chunks of \(plan.chunkRows))",
                           file: file, line: line)
            if let outcome {
                let walked = try sequentialOutcome(against: against)
                XCTAssertEqual(outcome.head, walked.head, file: file, line: line)
                XCTAssertEqual(outcome.watched, walked.watched, file: file, line: line)
                XCTAssertEqual(outcome.heldAt, walked.heldAt, file: file, line: line)
            }
        }
    }

    // MARK: Splitting

    func testSplittingCoversTheSeqsInContiguousNearlyEqualRanges() throws {
        XCTAssertEqual(ranges, [1...8, 9...16, 17...24, 25...32, 33...39, 40...46, 47...53, 54...60])
        XCTAssertEqual(ParallelChainCheck.split(1...42, chunkRows: 8), [1...7, 8...14, 15...21, 22...28, 29...35, 36...42])
        XCTAssertEqual(ParallelChainCheck.split(1...16, chunkRows: 8), [1...8, 9...16])
        XCTAssertEqual(ParallelChainCheck.split(5...6, chunkRows: 100), [5...5, 6...6], "at least two ranges")
        XCTAssertEqual(ParallelChainCheck.split(-3...3, chunkRows: 3), [-3...(-1), 0...1, 2...3])
        XCTAssertEqual(ParallelChainCheck.split(7...7, chunkRows: 1), [7...7], "one row: one range")
        for total: Int64 in [2, 3, 7, 8, 9, 59, 60, 61, 1000] {
            for chunkRows: Int64 in [0, 1, 2, 3, 8, 59, 60, 61, 1_000_000] {
                let parts = ParallelChainCheck.split(1...total, chunkRows: chunkRows)
                XCTAssertEqual(parts.first?.lowerBound, 1)
                XCTAssertEqual(parts.last?.upperBound, total)
                for (range, next) in zip(parts, parts.dropFirst()) { XCTAssertEqual(range.upperBound + 1, next.lowerBound) }
                let sizes = parts.map(\.count)
                XCTAssertLessThanOrEqual(sizes.max()! - sizes.min()!, 1, "\(total) in chunks of \(chunkRows)")
                XCTAssertGreaterThanOrEqual(parts.count, 2)
                XCTAssertLessThanOrEqual(sizes.max()!, max(Int(chunkRows), Int(total + 1) / 2), "\(total) in chunks of \(chunkRows)")
            }
        }
    }

    func testSmallLedgersAreLeftToTheSequentialWalk() {
        let plan = ParallelChainCheck.Plan(extraWorkers: 0, chunkRows: 8, minimumRows: 100)
        XCTAssertTrue(ParallelChainCheck(rows: 99, plan: plan, watch: [], against: nil).isEmpty)
        XCTAssertFalse(ParallelChainCheck(rows: 100, plan: plan, watch: [], against: nil).isEmpty)
        XCTAssertTrue(ParallelChainCheck(rows: 10_000_000, plan: .sequential, watch: [], against: nil).isEmpty)
        XCTAssertTrue(ParallelChainCheck(rows: 0, plan: ParallelChainTests.small, watch: [], against: nil).isEmpty)
        let standard = ParallelChainCheck.Plan.standard
        XCTAssertEqual(standard.chunkRows, 32_768)
        XCTAssertEqual(standard.minimumRows, 65_536)
        XCTAssertTrue(ParallelChainCheck(rows: 65_535, plan: standard, watch: [], against: nil).isEmpty)
        XCTAssertFalse(ParallelChainCheck(rows: 65_536, plan: standard, watch: [], against: nil).isEmpty)
    }

    // MARK: Connections

    func testVerifyReadsThroughAMemoryMap() throws {
        for connection in [try Verifier.open(path: db), try Verifier.reader(path: db)] {
            XCTAssertGreaterThan(try connection.scalarInt("PRAGMA mmap_size") ?? 0, 100 << 20)
            XCTAssertEqual(try connection.scalarInt("PRAGMA query_only"), 1)
            try connection.close()
        }
    }

    // MARK: A sound ledger

    func testACleanLedgerIsVouchedForInParallelWithTheSameFindings() throws {
        XCTAssertEqual(try report(ParallelChainTests.small).findings, [])
        XCTAssertEqual(try report(.sequential).findings, [])
        let outcome = try XCTUnwrap(try parallelOutcome(ParallelChainTests.small))
        let walked = try sequentialOutcome()
        XCTAssertNil(walked.firstBreak)
        XCTAssertEqual(outcome.rows, ParallelChainTests.rows)
        XCTAssertEqual(outcome.head, walked.head)
        XCTAssertEqual(outcome.head.link, try link(at: ParallelChainTests.rows))
        // The one approval watches the row before its frozen status.
        XCTAssertEqual(Array(outcome.watched.keys), [58])
        XCTAssertEqual(outcome.watched, walked.watched)
        XCTAssertEqual(outcome.watched[58], try link(at: 58))
        XCTAssertNil(try parallelOutcome(.sequential), "the sequential plan has no chunks")
    }

    /// Later rows and approvals: every head, watched link and held row the parallel pass
    /// gives equals the walk's, for chunks of every size (so the watched rows and the
    /// `--against` row fall on chunk boundaries and inside chunks) and any number of threads.
    func testLaterRowsAndApprovalsGiveTheWalksHeadsInParallel() throws {
        let connection = try LedgerDatabase.open(path: db, access: .write)
        for day in 1...3 {
            try AuditFixture.appendEntries(3, in: connection, stamp: Stamp(by: "later", at: "2025-03-0\(day)T08:00:00.000Z"))
            try AuditFixture.recordApproval(in: connection, stamp: Stamp(by: "committee", at: "2025-03-0\(day)T09:00:00.000Z"))
        }
        try connection.close()
        let rows = try sequentialOutcome().rows
        XCTAssertEqual(rows, ParallelChainTests.rows + 3 * 5)
        let walked = try sequentialOutcome()
        XCTAssertEqual(walked.watched.keys.sorted(), [58, 63, 68, 73])
        var againsts: [(link: [UInt8], heldAt: Int64?)] = [(ChainLink.genesis, 0), ([UInt8](repeating: 7, count: 32), nil)]
        for seq: Int64 in [1, 8, 9, 30, 58, rows - 1, rows] { againsts.append((try link(at: seq), seq)) }
        for against in againsts { XCTAssertEqual(try sequentialOutcome(against: against.link).heldAt, against.heldAt) }
        for (chunkRows, workers) in [(Int64(1), [0, 2]), (2, [1]), (3, [0]), (5, [2]), (8, [0, 2]), (40, [1]), (rows - 1, [0]),
                                     (rows, [2]), (rows + 1, [1])] {
            for extraWorkers in workers {
                let plan = ParallelChainCheck.Plan(extraWorkers: extraWorkers, chunkRows: chunkRows, minimumRows: 1)
                for against in againsts {
                    let outcome = try XCTUnwrap(try parallelOutcome(plan, against: against.link), "chunks of \(chunkRows)")
                    XCTAssertEqual(outcome.head, walked.head, "chunks of \(chunkRows)")
                    XCTAssertEqual(outcome.watched, walked.watched, "chunks of \(chunkRows)")
                    XCTAssertEqual(outcome.heldAt, against.heldAt, "chunks of \(chunkRows), against row \(String(describing: against.heldAt))")
                }
                if extraWorkers > 0 { XCTAssertEqual(try report(plan).findings, [], "chunks of \(chunkRows)") }
            }
        }
    }

    // MARK: Tampering, wherever it falls

    func testAnEditAtEachEdgeOfAChunkAndOfTheChain() throws {
        let ranges = self.ranges
        let edits: [(seq: Int64, table: String, column: String, label: String)] = [
            (1, "members", "org_no", "members row 212000-0142 (seq 1)"),
            (ranges[1].upperBound, "ledger_entries", "entry_id", "ledger_entries row E-5 (seq 16)"),
            (ranges[2].lowerBound, "ledger_entries", "entry_id", "ledger_entries row E-6 (seq 17)"),
            (ranges[5].lowerBound, "ledger_entries", "entry_id", "ledger_entries row E-29 (seq 40)"),
            (ranges[6].upperBound, "ledger_entries", "entry_id", "ledger_entries row E-X (seq 53)"),
            (ParallelChainTests.rows, "followup_approvals", "seq", "followup_approvals row 1 (seq 60)"),
        ]
        for edit in edits {
            try rebuild()
            let key = edit.table == "members" ? "seq = \(edit.seq)" : "\(edit.column) = \(edit.seq)"
            try shell("DROP TRIGGER \(edit.table)_no_update; UPDATE \(edit.table) SET recorded_by = 'mallory' WHERE \(key);")
            let last = edit.seq == ParallelChainTests.rows ? " (it is the last row: it may also have been appended with a wrong link)" : ""
            try assertSameFindings(containing: "chain: \(edit.label) changed: its content no longer matches its stored link\(last)")
        }
    }

    func testADeleteAtTheStartOfAChunkAndOfTheChain() throws {
        XCTAssertEqual(ranges[7].lowerBound, 54)
        try shell("DROP TRIGGER ledger_entries_no_delete; DELETE FROM ledger_entries WHERE entry_id = 54;")
        try assertSameFindings(containing: "chain: seq 54 missing: deleted from between ledger_entries row E-X (seq 53) and "
            + "indicators row I-1 (seq 55), which no longer chains onto the row before it")
        try rebuild()
        try shell("DROP TRIGGER ledger_entries_no_delete; DELETE FROM ledger_entries WHERE entry_id = \(ranges[2].lowerBound);")
        try assertSameFindings(containing: "chain: seq 17 missing: deleted from between ledger_entries row E-5 (seq 16) and "
            + "ledger_entries row E-7 (seq 18), which no longer chains onto the row before it")
        try rebuild()
        try shell("DROP TRIGGER members_no_delete; DELETE FROM members WHERE seq = 1;")
        try assertSameFindings(containing: "chain: seq 1 missing: deleted from before borrowers row 212000-0142 (seq 2), which no longer "
            + "chains onto the row before it")
    }

    /// The last command's rows removed: every remaining link verifies, so the parallel pass
    /// vouches; only a head kept from before shows it.
    func testACutBackChainVerifiesInParallelAndIsCaughtByTheKeptHead() throws {
        let kept = try sequentialOutcome().head
        try shell("""
            DROP TRIGGER followup_approvals_no_delete; DROP TRIGGER followup_approved_statuses_no_delete;
            DELETE FROM followup_approved_statuses; DELETE FROM followup_approvals;
            """)
        try assertSameFindings(containing: "head: the ledger no longer holds the state \(kept.text) (no row of the chain has that link with "
            + "every row before it intact): it was cut back or rewritten since", chainBroken: false, against: kept.link)
        try assertSameFindings(containing: "schema: trigger followup_approvals_no_delete is missing (the migrations create it)",
                               chainBroken: false, against: try link(at: 30))
        XCTAssertEqual(try report(ParallelChainTests.small, against: try link(at: 30)).againstHeldAt, 30)
    }

    func testARowPutInWithACopiedSeqAtAChunkStart() throws {
        let start = ranges[2].lowerBound
        try shell("""
            INSERT INTO projects (seq, project_number, programme, borrower_org_no, title, category, approved_ore, decision_date,
                status, framework_version, recorded_at, recorded_by, chain_hash)
            VALUES (\(start), 9, 'green', '212000-0142', 'Inlagt', 'green_buildings', 100, '2023-01-01', 'approved', '2023',
                '2025-01-15T10:00:00.000Z', 'mallory', randomblob(32));
            """)
        try assertSameFindings(containing: "chain: projects row 9 (seq 17) inserted: its seq 17 is also held by ledger_entries row E-6 "
            + "(seq 17), which chains onto the row before; this row was put in with a copied seq (3 rows fail the link check in all)")
    }

    /// A row put in before the first (seq 0 or below, which only gets in with the CHECKs
    /// ignored) lies outside every chunk (1…head).
    ///
    /// KNOWN PRODUCT BUG (left failing, reported): the parallel pass never reads it, vouches
    /// for the chain, and `verify` with the parallel plan — the standard plan on any ledger of
    /// 65 536 rows or more — reports nothing, while the sequential walk reports a chain line.
    func testARowPutBeforeTheFirstIsNotVouchedFor() throws {
        for seq: Int64 in [0, -5] {
            try rebuild()
            try forgeEntry(seq: seq, stamp: "2025-01-15T10:00:00.000Z", link: "randomblob(32)", ignoringChecks: true)
            let sequential = try report(.sequential).findings.map(\.description)
            XCTAssertEqual(sequential.filter { $0.hasPrefix("chain: ") }.count, 1, "\(sequential)")
            XCTAssertEqual(try report(ParallelChainTests.small).findings.map(\.description), sequential, "seq \(seq)")
            XCTAssertNil(try parallelOutcome(ParallelChainTests.small), "seq \(seq): the parallel pass vouched for the chain")
        }
    }

    func testARowAppendedFarAfterTheEndWithAWrongLink() throws {
        try forgeEntry(seq: 1000, stamp: "2025-03-01T10:00:00.000Z")
        try assertSameFindings(containing: "chain: seqs 61–999 missing: deleted from between "
            + "followup_approvals row 1 (seq 60) and ledger_entries row E-forged (seq 1000), which no longer chains onto the row before it")
    }

    func testRowsSwappedAcrossAChunkBoundary() throws {
        let a = ranges[1].upperBound, b = ranges[2].lowerBound
        try shell("""
            DROP TRIGGER ledger_entries_no_update;
            UPDATE ledger_entries SET entry_id = 1000000 WHERE entry_id = \(a);
            UPDATE ledger_entries SET entry_id = \(a) WHERE entry_id = \(b);
            UPDATE ledger_entries SET entry_id = \(b) WHERE entry_id = 1000000;
            """)
        try assertSameFindings(containing: "chain: ledger_entries row E-6 (seq 16) reordered: ledger_entries row E-5 (seq 17) holds the "
            + "content that belongs at seq 16: the two rows exchanged places (3 rows fail the link check in all)")
    }

    func testALinkOverwrittenAtTheEndOfAChunkOrNotAHash() throws {
        let end = ranges[1].upperBound
        try shell("DROP TRIGGER ledger_entries_no_update; UPDATE ledger_entries SET chain_hash = randomblob(32) WHERE entry_id = \(end);")
        try assertSameFindings(containing: "chain: ledger_entries row E-5 (seq 16) link changed: its content is intact but its stored link "
            + "was overwritten (2 rows fail the link check in all)")
        for bad in ["x'00'", "zeroblob(33)"] {   // the table is STRICT: no text
            try rebuild()
            try shell("""
                PRAGMA ignore_check_constraints = ON; DROP TRIGGER ledger_entries_no_update;
                UPDATE ledger_entries SET chain_hash = \(bad) WHERE entry_id = \(end);
                """)
            try assertSameFindings(containing: "chain: ledger_entries row E-5 (seq 16) link changed: its chain_hash is not a 32-byte hash")
        }
    }

    func testARecomputedChainVerifiesInParallelAndIsCaughtByTheHead() throws {
        let recorded = try XCTUnwrap(try sqlite3(db, "SELECT ledger_head_hash FROM followup_approvals").stdout.split(separator: "\n").first)
        try shell("""
            DROP TRIGGER ledger_entries_no_update; DROP TRIGGER import_batches_no_update; DROP TRIGGER indicators_no_update;
            DROP TRIGGER readings_no_update; DROP TRIGGER balance_assertions_no_update;
            DROP TRIGGER followup_approved_statuses_no_update; DROP TRIGGER followup_approvals_no_update;
            UPDATE ledger_entries SET amount_ore = 99900, balance_effect_ore = 99900 WHERE external_id = 'E-3';
            """)
        let connection = try Connection(path: db, mode: .readWrite)
        try AuditFixture.recomputeChain(from: 14, in: connection)
        try connection.close()
        try assertSameFindings(containing: "head: follow-up approval 1 (year 2023, revision 1) recorded the ledger head \(recorded) (row 58), "
            + "which the ledger no longer reproduces: a row recorded before the approval was changed or removed, or the chain was "
            + "linked anew", chainBroken: false)
    }

    /// A stamp that goes back, on the first row of a chunk or inside one: the parallel pass
    /// does not vouch, and the walk names the row.
    func testAStampThatGoesBackIsLeftToTheWalk() throws {
        let connection = try LedgerDatabase.open(path: db, access: .write)
        try AuditFixture.appendEntries(2, in: connection, stamp: Stamp(by: "later", at: "2025-03-01T08:00:00.000Z"))
        try AuditFixture.appendEntries(1, in: connection, stamp: Stamp(by: "earlier", at: "2025-02-15T08:00:00.000Z"))
        try AuditFixture.appendEntries(2, in: connection, stamp: Stamp(by: "later", at: "2025-03-02T08:00:00.000Z"))
        try connection.close()
        // Row 63 (E-late-2) of 1…65 is the first row of its chunk in chunks of 1, the last in
        // chunks of 3 (61…63) and inside one in chunks of 8 (59…65).
        try assertSameFindings(containing: "chain: ledger_entries row E-late-2 (seq 63) is stamped 2025-02-15T08:00:00.000Z, earlier than "
            + "the row before it (2025-03-01T08:00:00.000Z): hallbar stamps a write once it holds the lock, so stamps never go back "
            + "along the chain", chainBroken: true)
    }
}
