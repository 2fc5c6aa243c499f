import Foundation
import Ledger
import SQLite
import XCTest
@testable import LedgerStore

/// The entries import streams a file's rows through one statement (`EntryStream`) and falls
/// back to row-by-row inserts only to name the rows the database refused; these files are
/// longer than a chunk, and every path must give exactly what row by row would.
final class BulkEntriesImportTests: ImportTestCase {
    private let header = "external_id,loan_number,value_date,amount_sek,kind\n"
    /// A length that spans more than one chunk with a tail.
    private static let block = 64

    private func rows(_ range: Range<Int>) -> [String] {
        range.map { i in
            i % 5 == 4 ? "R\(i),S1,2023-01-\(String(format: "%02d", 1 + i % 28)),1.00,repayment"
                       : "D\(i),\(["S1", "G1", "O1"][i % 3]),2023-01-01,\(i).5\(i % 10),disbursement"
        }
    }

    /// Every stored link equals the link recomputed from the row before (the whole chain).
    private func assertChainHolds(file: StaticString = #filePath, line: UInt = #line) throws {
        let outcome = try ChainCheck.verify(in: db)
        XCTAssertNil(outcome.firstBreak, "\(outcome.firstBreak.map(\.description) ?? "")", file: file, line: line)
        XCTAssertEqual(outcome.rows, try ChainHead.read(in: db).rows, file: file, line: line)
    }

    func testLongFileImportsEveryRowChainedInFileOrder() throws {
        try loadPortfolio()
        let all = rows(0..<(3 * Self.block + 7))
        let summary = try importText(.entries, header + all.joined(separator: "\n") + "\n")
        XCTAssertEqual(summary.counts, "\(all.count) new, 0 already present")
        XCTAssertEqual(try count("ledger_entries"), Int64(all.count))
        XCTAssertEqual(try db.scalarText("SELECT group_concat(external_id, ',') FROM (SELECT external_id FROM ledger_entries ORDER BY entry_id)"),
                       all.map { String($0.prefix { $0 != "," }) }.joined(separator: ","))
        try assertChainHolds()
        // Again, reordered, and overlapping with new rows: exactly once each.
        let again = try importText(.entries, header + all.reversed().joined(separator: "\n") + "\n", name: "again.csv")
        XCTAssertEqual(again.counts, "0 new, \(all.count) already present")
        let more = rows(all.count..<(all.count + 2 * Self.block))
        let overlap = try importText(.entries, header + (all[100...] + more).joined(separator: "\n") + "\n", name: "overlap.csv")
        XCTAssertEqual(overlap.counts, "\(more.count) new, \(all.count - 100) already present")
        try assertChainHolds()
    }

    /// The import keeps statement journals in memory (PRAGMA temp_store = MEMORY) for its
    /// transaction only: the connection's setting is as before afterwards, also after a
    /// refused file, and a file refused at the end (a negative balance found after the
    /// last multi-row insert) still leaves nothing behind.
    func testTempStoreIsRestoredAndRefusalsLeaveNothing() throws {
        try loadPortfolio()
        try db.execute("PRAGMA temp_store = FILE")
        let before = try count("ledger_entries")
        let all = rows(0..<(2 * Self.block + 3))
        XCTAssertNoThrow(try importText(.entries, header + all.joined(separator: "\n") + "\n"))
        XCTAssertEqual(try db.scalarInt("PRAGMA temp_store"), 1)
        let overdrawn = rows(1000..<(1000 + 2 * Self.block))
            + ["X1,S1,2023-01-02,999999999.00,repayment"]
        XCTAssertThrowsError(try importText(.entries, header + overdrawn.joined(separator: "\n") + "\n", name: "bad.csv"))
        XCTAssertEqual(try db.scalarInt("PRAGMA temp_store"), 1)
        XCTAssertEqual(try count("ledger_entries"), before + Int64(all.count))
        try db.execute("PRAGMA temp_store = DEFAULT")
        XCTAssertNoThrow(try importText(.entries, header + overdrawn.dropLast().joined(separator: "\n") + "\n", name: "ok.csv"))
        XCTAssertEqual(try db.scalarInt("PRAGMA temp_store"), 0)
        try assertChainHolds()
    }

    /// The after-file balance check over many loans at once equals the per-loan one,
    /// including loans negative on several dates, loans never negative and unknown ids.
    func testFirstNegativesEqualsFirstNegativeLoanByLoan() throws {
        try loadPortfolio()
        let loans = try db.prepare("""
            SELECT l.loan_id FROM loans l LEFT JOIN projects p ON p.project_number = l.project_number
            WHERE p.status IS NULL OR p.status NOT IN ('rejected', 'withdrawn') ORDER BY l.loan_id
            """).rows().compactMap { $0[0].int64 }
        XCTAssertGreaterThan(loans.count, 1)
        // Seeded: a failure comes back the same way on the next run.
        var generator = SplitMix64(seed: 0x17_2026)
        // Written through the chain, without the import's balance check (balances go below zero).
        try db.inTransaction {
            let chain = try ChainAppender(db: db)
            var n = 0
            for loan in loans {
                for _ in 0..<40 {
                    let day = String(format: "2023-%02d-%02d", Int.random(in: 1...12, using: &generator), Int.random(in: 1...28, using: &generator))
                    let amount = Int64.random(in: 1...1000, using: &generator)
                    let repayment = Bool.random(using: &generator)
                    try chain.append(.ledgerEntries, [.text("N\(n)"), .integer(loan), .text(day), .text(repayment ? "repayment" : "disbursement"),
                                                      .integer(amount), .integer(repayment ? -amount : amount), .null, .null,
                                                      .text("2025-01-01T00:00:00.000Z"), .text("t"), .null])
                    n += 1
                }
            }
        }
        let asked = loans + [999_999]
        let slow = try asked.compactMap { loan in try BalanceRule.firstNegative(loanID: loan, in: db).map { (loan, $0.date, $0.balance) } }
        let fast = try BalanceRule.firstNegatives(loanIDs: asked, in: db)
        XCTAssertFalse(slow.isEmpty)
        XCTAssertEqual(fast.map(\.loanID), slow.map(\.0))
        XCTAssertEqual(fast.map(\.date), slow.map(\.1))
        XCTAssertEqual(fast.map(\.balance), slow.map(\.2))
        XCTAssertTrue(try BalanceRule.firstNegatives(loanIDs: [], in: db).isEmpty)
    }

    func testProblemsAreListedInFileOrderAcrossHeldRows() throws {
        try loadPortfolio()
        try importText(.entries, header + "D5,S1,2023-01-01,9.99,disbursement\n", name: "first.csv")
        var lines = rows(0..<150)
        lines[3] = "D1,O1,2023-01-01,1,disbursement"           // line 5: D1 again (line 3 has D1)
        lines[70] = "X70,S1,2023-01-01,1.234,disbursement"    // line 72: bad amount
        lines[90] = "X90,NOPE,2023-01-01,1,disbursement"      // line 92: no loan
        let found = problems(.entries, header + lines.joined(separator: "\n") + "\n")
        XCTAssertEqual(found.map { $0.line ?? 0 }, [5, 7, 72, 92], found.map(\.description).joined(separator: "\n"))
        XCTAssertTrue(found[0].description.contains("entry D1 appears more than once in this file"))
        XCTAssertTrue(found[1].description.contains("entry D5 already exists with different content"))
        XCTAssertEqual(try count("ledger_entries"), 1)
    }

    func testARowRefusedBySQLiteInAFullStatementIsFound() throws {
        try loadPortfolio()
        var lines = rows(0..<(2 * Self.block))
        lines[Self.block + 3] = "D7,S1,2023-01-01,1,disbursement"  // D7 is also line 9
        let found = problems(.entries, header + lines.joined(separator: "\n") + "\n")
        XCTAssertEqual(found.map(\.description), ["entries.csv:\(Self.block + 5): entry D7 appears more than once in this file"])
    }

    // MARK: The streaming statement (EntryStream): files longer than several chunks

    private var streamLength: Int { 3 * EntryStream.chunkRows + 11 }

    func testAStreamedFileStoresEveryRowWithItsValuesStampAndChain() throws {
        try loadPortfolio()
        try importText(.entries, header + "E0,S1,2022-06-01,100,disbursement\n", name: "first.csv")  // row by row: short
        let all = rows(0..<streamLength)
        let summary = try importText(.entries, header + all.joined(separator: "\n") + "\n")
        XCTAssertEqual(summary.counts, "\(all.count) new, 0 already present")
        XCTAssertEqual(try count("ledger_entries"), Int64(all.count + 1))
        // Entry ids are seqs of the one chain: the streamed rows come after E0 and its batch row.
        let e0 = try XCTUnwrap(db.scalarInt("SELECT entry_id FROM ledger_entries WHERE external_id = 'E0'"))
        XCTAssertEqual(try db.scalarInt("SELECT seq FROM import_batches WHERE file_name = 'first.csv'"), e0 + 1)
        XCTAssertEqual(try db.scalarText("SELECT group_concat(external_id, ',') FROM (SELECT external_id FROM ledger_entries WHERE entry_id > ? ORDER BY entry_id)", [e0]),
                       all.map { String($0.prefix { $0 != "," }) }.joined(separator: ","))
        // The batch row comes after its rows in the chain, with the final counts, once.
        let firstSeq = try XCTUnwrap(db.scalarInt("SELECT min(entry_id) FROM ledger_entries WHERE batch_id = ?", [summary.batchID!]))
        let lastSeq = try XCTUnwrap(db.scalarInt("SELECT max(entry_id) FROM ledger_entries WHERE batch_id = ?", [summary.batchID!]))
        XCTAssertEqual(firstSeq, e0 + 2)
        XCTAssertEqual(lastSeq - firstSeq + 1, Int64(all.count))
        XCTAssertEqual(try db.scalarInt("SELECT seq FROM import_batches WHERE batch_id = ?", [summary.batchID!]), lastSeq + 1)
        let batch = try XCTUnwrap(db.row("SELECT kind, rows_in_file, rows_new, rows_already_present, file_sha256, recorded_by FROM import_batches WHERE batch_id = ?", [summary.batchID!]))
        XCTAssertEqual(batch.values, [.text("entries"), .integer(Int64(all.count)), .integer(Int64(all.count)), .integer(0), .text(summary.sha256), .text(try XCTUnwrap(db.scalarText("SELECT recorded_by FROM ledger_entries WHERE entry_id = ?", [firstSeq])))])
        XCTAssertEqual(try db.scalarInt("SELECT count(*) FROM import_batches WHERE kind = 'entries'"), 2)
        XCTAssertEqual(try db.scalarInt("SELECT count(*) FROM pragma_foreign_key_check"), 0)
        XCTAssertEqual(try db.scalarInt("SELECT count(DISTINCT recorded_at || recorded_by || batch_id) FROM ledger_entries WHERE entry_id > ?", [e0]), 1)
        // A row well inside the third chunk, value by value.
        let row = try XCTUnwrap(db.row("SELECT l.loan_number, e.value_date, e.kind, e.amount_ore, e.balance_effect_ore, e.reverses_entry_id, e.reason FROM ledger_entries e JOIN loans l USING (loan_id) WHERE external_id = 'R604'"))
        XCTAssertEqual(row.values, [.text("S1"), .text("2023-01-17"), .text("repayment"), .integer(100), .integer(-100), .null, .null])
        let disbursement = try XCTUnwrap(db.row("SELECT l.loan_number, e.amount_ore, e.balance_effect_ore FROM ledger_entries e JOIN loans l USING (loan_id) WHERE external_id = 'D601'"))
        XCTAssertEqual(disbursement.values, [.text("G1"), .integer(60_151), .integer(60_151)])
        try assertChainHolds()
        // A single record after the stream chains on its last row.
        try importText(.entries, header + "E1,S1,2024-01-01,1,disbursement\n", name: "after.csv")
        try assertChainHolds()
    }

    func testAStreamRefusedByTheDatabaseIsImportedAgainRowByRowAndNamesTheRow() throws {
        try loadPortfolio()
        let before = try snapshot()
        var lines = rows(0..<streamLength)
        lines[2 * EntryStream.chunkRows + 5] = "D7,O1,2023-01-01,1,disbursement"  // D7 is also line 9
        let found = problems(.entries, header + lines.joined(separator: "\n") + "\n")
        XCTAssertEqual(found.map(\.description), ["entries.csv:\(2 * EntryStream.chunkRows + 7): entry D7 appears more than once in this file"])
        XCTAssertEqual(try snapshot(), before)
    }

    func testAStreamedFileAgainOrOverlappingLandsEveryRowOnce() throws {
        try loadPortfolio()
        let all = rows(0..<streamLength)
        try importText(.entries, header + all.joined(separator: "\n") + "\n")
        let again = try importText(.entries, header + all.reversed().joined(separator: "\n") + "\n", name: "again.csv")
        XCTAssertEqual(again.counts, "0 new, \(all.count) already present")
        XCTAssertNil(again.batchID)
        let more = rows(all.count..<(all.count + EntryStream.chunkRows + 1))
        let overlap = try importText(.entries, header + (all[500...] + more).joined(separator: "\n") + "\n", name: "overlap.csv")
        XCTAssertEqual(overlap.counts, "\(more.count) new, \(all.count - 500) already present")
        XCTAssertEqual(try count("ledger_entries"), Int64(all.count + more.count))
        // One batch row per import with new rows, also when the stream was refused first.
        XCTAssertEqual(try db.rows("SELECT rows_in_file, rows_new, rows_already_present FROM import_batches WHERE kind = 'entries' ORDER BY batch_id").map(\.values),
                       [[.integer(Int64(all.count)), .integer(Int64(all.count)), .integer(0)],
                        [.integer(Int64(all.count - 500 + more.count)), .integer(Int64(more.count)), .integer(Int64(all.count - 500))]])
        try assertChainHolds()
    }

    func testProblemsOfAStreamedFileAreInFileOrderWithOrWithoutARefusedRow() throws {
        try loadPortfolio()
        var lines = rows(0..<streamLength)
        lines[300] = "X300,S1,2023-01-01,1.234,disbursement"   // line 302: bad amount
        lines[700] = "X700,NOPE,2023-01-01,1,disbursement"     // line 702: no loan
        let validationOnly = problems(.entries, header + lines.joined(separator: "\n") + "\n")
        XCTAssertEqual(validationOnly.map { $0.line ?? 0 }, [302, 702], validationOnly.map(\.description).joined(separator: "\n"))
        lines[500] = "D3,S1,2023-01-01,1,disbursement"         // line 502: D3 again (line 5)
        let withRefusal = problems(.entries, header + lines.joined(separator: "\n") + "\n")
        XCTAssertEqual(withRefusal.map { $0.line ?? 0 }, [302, 502, 702], withRefusal.map(\.description).joined(separator: "\n"))
        XCTAssertEqual(try count("ledger_entries"), 0)
    }

    func testAStreamedRepaymentBelowZeroIsFoundAfterTheFileAndNothingStays() throws {
        try loadPortfolio()
        var lines = rows(0..<streamLength)
        lines[650] = "X650,O1,2023-01-02,999999999,repayment"  // line 652: more than O1 ever received
        let found = problems(.entries, header + lines.joined(separator: "\n") + "\n")
        XCTAssertEqual(found.map { $0.line ?? 0 }, [652], found.map(\.description).joined(separator: "\n"))
        XCTAssertTrue(found[0].description.contains("a loan's balance is never negative"))
        XCTAssertEqual(try count("ledger_entries"), 0)
    }

    func testADryRunOfAStreamedFileCountsAndLeavesNothing() throws {
        try loadPortfolio()
        let before = try snapshot()
        let all = rows(0..<streamLength)
        let summary = try importText(.entries, header + all.joined(separator: "\n") + "\n", dryRun: true)
        XCTAssertEqual(summary.counts, "\(all.count) new, 0 already present")
        XCTAssertEqual(try snapshot(), before)
        XCTAssertNoThrow(try importText(.entries, header + all.joined(separator: "\n") + "\n"))
        try assertChainHolds()
    }

    /// The stream itself: chunks in, one statement, stored / refused / abandoned as a whole.
    func testEntryStreamStoresRefusesOrAbandonsAsAWhole() throws {
        try loadPortfolio()
        let loan = try XCTUnwrap(db.scalarInt("SELECT loan_id FROM loans WHERE loan_number = 'S1'"))
        let stamp = Stamp(by: "test", at: "2025-01-01T00:00:00.000Z")
        func chunk(_ ids: Range<Int>) -> [NewEntry] {
            ids.map { i in
                NewEntry(externalID: "T\(i)", loanID: loan, valueDate: "2023-01-01", kind: .disbursement,
                         amount: Int64(i + 1), line: i + 2, loanNumber: "S1")
            }
        }
        try db.inTransaction {
            let batch = try XCTUnwrap(db.scalarInt("SELECT max(batch_id) FROM import_batches"))
            let start = try ChainHead.read(in: db)
            let stored = try EntryStream(db: db, stamp: stamp, batchID: batch, firstSeq: start.rows + 1, previous: start.link)
            for c in 0..<5 { XCTAssertTrue(stored.push(chunk((c * 100)..<(c * 100 + 100)))) }
            guard case .stored(let storedCount, let lastLink) = try stored.finish() else { return XCTFail("not stored") }
            XCTAssertEqual(storedCount, 500)
            XCTAssertEqual(try db.row("SELECT chain_hash FROM ledger_entries WHERE entry_id = ?", [start.rows + 500])?.values, [.blob(lastLink)])
            XCTAssertEqual(try count("ledger_entries"), 500)
            XCTAssertEqual(try db.scalarInt("SELECT sum(amount_ore) FROM ledger_entries"), 500 * 501 / 2)

            let refused = try EntryStream(db: db, stamp: stamp, batchID: batch, firstSeq: start.rows + 501, previous: lastLink)
            XCTAssertTrue(refused.push(chunk(1000..<1100)))
            var pushed = true
            for _ in 0..<50 where pushed { pushed = refused.push(chunk(0..<100)) }  // T0… exist
            guard case .refused = try refused.finish() else { return XCTFail("not refused") }
            XCTAssertEqual(try count("ledger_entries"), 500)

            let abandoned = try EntryStream(db: db, stamp: stamp, batchID: batch, firstSeq: start.rows + 501, previous: lastLink)
            XCTAssertTrue(abandoned.push(chunk(2000..<2100)))
            abandoned.abandon()
            XCTAssertEqual(try count("ledger_entries"), 500)
            let unused = try EntryStream(db: db, stamp: stamp, batchID: batch, firstSeq: 1, previous: [UInt8](repeating: 9, count: 32))
            guard case .stored(0, let head) = try unused.finish(), head == [UInt8](repeating: 9, count: 32) else {
                return XCTFail("an unused stream stores nothing and keeps the head")
            }
        }
    }
}
