import Foundation
import Ledger
@testable import LedgerStore
import SQLite
import XCTest

/// `hallbar verify` on a clean ledger, on a backup of it, and on every kind of tampering,
/// made the way an attacker would: in the sqlite3 shell, with the triggers dropped.
final class VerifyTests: AuditTestCase {
    /// Runs verify and returns its finding lines, failing unless it exits 65 with a summary.
    func findings(file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        let result = try hallbar(["verify", "--db", db])
        XCTAssertEqual(result.status, 65, result.stdout + result.stderr, file: file, line: line)
        XCTAssertTrue(result.stderr.hasPrefix("Error: "), result.stderr, file: file, line: line)
        return result.stdout.split(separator: "\n").map(String.init)
    }

    func shell(_ sql: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try sqlite3(db, sql)
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
    }

    func testACleanLedgerAndItsBackupVerifySilently() throws {
        let clean = try hallbar(["verify", "--db", db])
        XCTAssertEqual(clean.status, 0, clean.stdout + clean.stderr)
        XCTAssertEqual(clean.stdout, "")
        XCTAssertEqual(clean.stderr, "")
        XCTAssertEqual(try hallbar(["verify", "--quick", "--db", db]).status, 0)
        let backup = try succeed(["backup", path("copy.db"), "--db", db])
        let connection = try Connection(path: db, mode: .readOnly)
        XCTAssertTrue(backup.stdout.contains("head \(try LedgerHead.compute(in: connection))"), backup.stdout)
        try connection.close()
        let copy = try hallbar(["verify", "--db", path("copy.db")])
        XCTAssertEqual(copy.status, 0, copy.stdout + copy.stderr)
    }

    func testAnEditIsNamedChangedAndTheDroppedTriggerIsASchemaFinding() throws {
        try shell("DROP TRIGGER ledger_entries_no_update; UPDATE ledger_entries SET amount_ore = 99900, balance_effect_ore = 99900 WHERE entry_id = 5;")
        let lines = try findings()
        XCTAssertTrue(lines.contains { $0.hasPrefix("chain: ledger_entries row 5 changed: its content no longer matches") }, "\(lines)")
        XCTAssertTrue(lines.contains("schema: trigger ledger_entries_no_update is missing (the migrations create it)"), "\(lines)")
    }

    func testADroppedTriggerAloneIsFound() throws {
        try shell("DROP TRIGGER readings_no_delete; CREATE TRIGGER sneaky AFTER INSERT ON loans BEGIN SELECT 1; END;")
        XCTAssertEqual(try findings(), [
            "schema: trigger readings_no_delete is missing (the migrations create it)",
            "schema: trigger sneaky is not created by the migrations (added by hand?)",
        ])
    }

    func testADeleteIsNamedMissingAndBreaksTheRecordedHead() throws {
        try shell("DROP TRIGGER ledger_entries_no_delete; DELETE FROM ledger_entries WHERE entry_id = 5;")
        let lines = try findings()
        XCTAssertTrue(lines.contains { $0.hasPrefix("chain: ledger_entries row 6 missing: id 5 is absent") }, "\(lines)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("head: follow-up approval 1 (year 2023, revision 1)") }, "\(lines)")
    }

    func testARowPutInBetweenIsNamedInserted() throws {
        try shell("""
            INSERT INTO projects (project_number, programme, borrower_org_no, title, category, approved_ore, decision_date,
                status, framework_version, recorded_at, recorded_by, chain_hash)
            VALUES (5, 'green', '212000-0142', 'Inlagt', 'green_buildings', 100, '2023-01-01', 'approved', '2023',
                '2025-01-15T10:00:00.000Z', 'mallory', randomblob(32));
            """)
        let lines = try findings()
        XCTAssertTrue(lines.contains { $0.hasPrefix("chain: projects row 5 inserted: row 20 chains directly onto the row before it") }, "\(lines)")
    }

    func testARowAppendedWithAWrongLinkIsFound() throws {
        try shell("""
            INSERT INTO ledger_entries (entry_id, external_id, loan_id, value_date, kind, amount_ore, balance_effect_ore,
                recorded_at, recorded_by, chain_hash)
            VALUES (1000, 'E-forged', 3, '2024-02-01', 'disbursement', 100, 100, '2025-01-15T10:00:00.000Z', 'mallory', zeroblob(32));
            """)
        let lines = try findings()
        XCTAssertTrue(lines.contains { $0.hasPrefix("chain: ledger_entries row 1000 missing: ids 27–999 are absent") }, "\(lines)")
    }

    func testSwappedRowsAreNamedReordered() throws {
        try shell("""
            DROP TRIGGER ledger_entries_no_update;
            UPDATE ledger_entries SET entry_id = -1 WHERE entry_id = 5;
            UPDATE ledger_entries SET entry_id = 5 WHERE entry_id = 6;
            UPDATE ledger_entries SET entry_id = 6 WHERE entry_id = -1;
            """)
        let lines = try findings()
        XCTAssertTrue(lines.contains { $0.hasPrefix("chain: ledger_entries row 5 reordered: row 6 holds the content that belongs at 5") }, "\(lines)")
    }

    func testAnOverwrittenLinkIsNamedLinkChanged() throws {
        try shell("DROP TRIGGER readings_no_update; UPDATE readings SET chain_hash = randomblob(32) WHERE reading_id = 1;")
        let lines = try findings()
        XCTAssertTrue(lines.contains { $0.hasPrefix("chain: readings row 1 link changed: its content is intact") }, "\(lines)")
    }

    func testARecomputedChainIsCaughtByTheHeadAnApprovalRecorded() throws {
        try shell("DROP TRIGGER ledger_entries_no_update; UPDATE ledger_entries SET amount_ore = 99900, balance_effect_ore = 99900 WHERE entry_id = 3;")
        let connection = try Connection(path: db, mode: .readWrite)
        try AuditFixture.recomputeChain(.ledgerEntries, in: connection)
        try connection.close()
        let lines = try findings()
        XCTAssertFalse(lines.contains { $0.hasPrefix("chain:") }, "the rewritten chain verifies link by link: \(lines)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("head: follow-up approval 1 (year 2023, revision 1) recorded the ledger head sha256:") }, "\(lines)")
    }

    func testRowsAppendedAfterAnApprovalKeepItsHeadReproducible() throws {
        let connection = try LedgerDatabase.open(path: db, access: .write)
        try AuditFixture.appendEntries(5, in: connection, stamp: Stamp(by: "later", at: "2025-03-01T08:00:00.000Z"))
        try AuditFixture.recordApproval(in: connection, stamp: Stamp(by: "committee", at: "2025-03-02T08:00:00.000Z"))
        try AuditFixture.appendEntries(2, in: connection, stamp: Stamp(by: "later", at: "2025-03-03T08:00:00.000Z"))
        try connection.close()
        let result = try hallbar(["verify", "--db", db])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
    }

    func testAChangedMigrationChecksumIsAFindingLine() throws {
        try shell("UPDATE schema_migrations SET checksum = '\(String(repeating: "f", count: 64))' WHERE version = 1;")
        let lines = try findings()
        XCTAssertEqual(lines.count, 1, "\(lines)")
        XCTAssertTrue(lines[0].hasPrefix("migrations: migration 0001 was applied with checksum ffff"), "\(lines)")
    }

    func testABrokenForeignKeyIsFound() throws {
        try shell("PRAGMA foreign_keys = OFF; INSERT INTO borrowers VALUES ('999999-9999', 'Ingen', '111111-1111', '2025-01-15T10:00:00.000Z', 'mallory', NULL);")
        XCTAssertEqual(try findings(), ["foreign-key: borrowers row 3 refers to a missing row in members"])
    }

    func testAForgedNegativeBalanceIsFound() throws {
        let connection = try LedgerDatabase.open(path: db, access: .write)
        try connection.inTransaction {
            var ledger = try ChainWriter(.ledgerEntries, in: connection)
            try ledger.insert([.integer(100), .text("E-over"), .integer(1), .text("2024-01-02"), .text("repayment"),
                               .integer(500_000_00), .integer(-500_000_00), .null, .null,
                               .text("2025-03-01T08:00:00.000Z"), .text("mallory"), .null])
        }
        try connection.close()
        let lines = try findings()
        XCTAssertEqual(lines.count, 1, "\(lines)")
        // An empty list is a failure of this test, not a crash of the whole run.
        guard let first = lines.first else { return XCTFail("no finding for a forged negative balance") }
        XCTAssertTrue(first.hasPrefix("invariant: loan L-1: the balance is below zero at the end of 2024-01-02 (and on "), "\(lines)")
    }

    func testAMismatchedReversalAndABadBatchCountAreFound() throws {
        try shell("DROP TRIGGER ledger_entries_reversal_matches_original;")
        let connection = try Connection(path: db, mode: .readWrite)
        try connection.inTransaction {
            var ledger = try ChainWriter(.ledgerEntries, in: connection)
            try ledger.insert([.integer(100), .text("E-R-bad"), .integer(2), .text("2024-01-04"), .text("reversal"),
                               .integer(1_00), .integer(-1_00), .integer(4), .text("typo"),
                               .text("2025-03-01T08:00:00.000Z"), .text("mallory"), .integer(1)])
        }
        try connection.close()
        let lines = try findings()
        XCTAssertTrue(lines.contains("invariant: reversal E-R-bad does not match the entry it cancels, E-4: that entry is of another amount"), "\(lines)")
        XCTAssertTrue(lines.contains("invariant: import batch 1 (entries, entries.csv) records 24 new rows but 25 rows carry its batch_id"), "\(lines)")
        XCTAssertTrue(lines.contains("schema: trigger ledger_entries_reversal_matches_original is missing (the migrations create it)"), "\(lines)")
    }

    func testAnAssertionThatDoesNotHoldShowsExpectedActualAndDifference() throws {
        let recorded = try succeed(["assert", "--programme", "sustainable", "--as-of", "2024-12-31", "--amount", "15 000,00",
                                    "--tolerance", "100", "--note", "årsredovisningen", "--by", "revisor", "--db", db])
        XCTAssertTrue(recorded.stdout.contains("Recorded assertion 2: sustainable outstanding on 2024-12-31 is 15\u{a0}000\u{a0}kr ± 100\u{a0}kr."), recorded.stdout)
        XCTAssertTrue(recorded.stdout.contains("It does not hold now"), recorded.stdout)
        let outstanding = AuditFixture.greenOutstanding(entries: 24) + (1...24).filter { $0 % 2 == 1 }.reduce(0) { $0 + AuditFixture.effect($1) }
        let lines = try findings()
        XCTAssertEqual(lines.count, 1, "\(lines)")
        let kronor = { (ore: Int64) in MoneyFormat.kronor(ore) }
        XCTAssertEqual(lines.first, "assertion: assertion 2 (sustainable outstanding on 2024-12-31): expected 15\u{a0}000\u{a0}kr, "
            + "actual \(kronor(outstanding)), difference +\(kronor(outstanding - 1_500_000)), tolerance 100\u{a0}kr — årsredovisningen")
        let holding = try succeed(["assert", "--programme", "green", "--as-of", "2024-12-31",
                                   "--amount", String(AuditFixture.greenOutstanding(entries: 24) / 100), "--db", db])
        XCTAssertTrue(holding.stdout.contains("It holds now"), holding.stdout)
        XCTAssertEqual(try hallbar(["assert", "--programme", "blue", "--as-of", "2024-12-31", "--amount", "1", "--db", db]).status, 64)
        XCTAssertEqual(try hallbar(["assert", "--programme", "green", "--as-of", "2024-02-30", "--amount", "1", "--db", db]).status, 64)
        XCTAssertEqual(try hallbar(["assert", "--programme", "green", "--as-of", "2024-12-31", "--amount", "1,234", "--db", db]).status, 64)
    }
}

