import Foundation
import XCTest

/// Issue 17, finding 5: amounts at most 10¹² SEK each, and no sum can overflow into an exit
/// 70 or a false `verify` finding.
final class AmountLimitCLITests: CLITestCase {
    static let big = "5000000000000000000"  // 5·10¹⁶ SEK in öre: two of them leave 64 bits

    /// The review's file: two disbursements of 50 000 000 000 000 000,00 SEK imported (exit 0).
    func testAnAmountAboveTheLimitIsRefused() throws {
        let db = try seededWithHallbar()
        let before = try dump(db)
        let file = try writeFile("big.csv", """
            external_id;loan_number;value_date;amount_sek;kind
            BIG-1;220001;2025-01-01;50 000 000 000 000 000,00;disbursement
            BIG-2;220001;2025-01-02;1 000 000 000 000,01;disbursement

            """)
        let result = try hallbar(["import", "entries", file, "--db", db])
        XCTAssertEqual(result.status, 65, result.stderr)
        XCTAssertTrue(result.stderr.contains("big.csv:2: column \"amount_sek\": \"50 000 000 000 000 000,00\" is not an amount: it is above 1 000 000 000 000 SEK"),
                      result.stderr)
        XCTAssertTrue(result.stderr.contains("big.csv:3:"), result.stderr)
        XCTAssertEqual(try dump(db), before)
        let single = try hallbar(["disburse", "--loan", "220001", "--date", "2025-01-01", "--amount", "1000000000000.01", "--db", db])
        XCTAssertEqual(single.status, 65, single.stderr)
        let assertion = try hallbar(["assert", "--programme", "all", "--as-of", "2025-01-01", "--amount", "2000000000000", "--db", db])
        XCTAssertEqual(assertion.status, 64, assertion.stderr)
        XCTAssertEqual(try dump(db), before)
        // At the limit it is recorded (on other lending: a project's loans stay within its approved amount).
        try succeed(["disburse", "--loan", "230001", "--date", "2025-01-01", "--amount", "1000000000000", "--id", "MAX-1", "--db", db])
    }

    /// A ledger whose amounts were written past hallbar (sqlite3) so that their sums overflow:
    /// every report, `repay` and `verify` give a clear error or finding (exit 65), never exit 70
    /// or "balance below zero".
    func testSumsThatOverflowGiveAClearErrorNotExit70() throws {
        let db = try seededWithHallbar()
        let inserted = try sqlite3(db, """
            INSERT INTO ledger_entries (entry_id, external_id, loan_id, value_date, kind, amount_ore, balance_effect_ore, recorded_at,
                recorded_by, chain_hash)
            SELECT (SELECT max(seq) FROM ledger_chain) + n, 'BIG-' || n, (SELECT loan_id FROM loans WHERE loan_number = '220001'),
                   '2025-01-0' || n, 'disbursement',
                   \(Self.big), \(Self.big), '2025-01-01T00:00:00.000Z', 'sqlite3', zeroblob(32)
            FROM (SELECT 1 AS n UNION ALL SELECT 2);
            """)
        XCTAssertEqual(inserted.status, 0, inserted.stderr)
        let reports: [[String]] = [
            ["report", "shares", "--as-of", "2025-12-31"], ["report", "social", "--as-of", "2025-12-31"],
            ["report", "market", "--year", "2012", "--as-of", "2025-12-31"],
            ["repay", "--loan", "220001", "--date", "2025-02-01", "--amount", "1"],
        ]
        for arguments in reports {
            let result = try hallbar(arguments + ["--db", db])
            XCTAssertEqual(result.status, 65, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("more than hallbar can add up"), "\(arguments): \(result.stderr)")
            XCTAssertFalse(result.stderr.contains("internal error") || result.stderr.contains("database error"), result.stderr)
        }
        // assert computes the ledger's figure before it records anything.
        let before = try dump(db)
        let assertion = try hallbar(["assert", "--programme", "social", "--as-of", "2025-12-31", "--amount", "1", "--db", db])
        XCTAssertEqual(assertion.status, 65, assertion.stderr)
        XCTAssertTrue(assertion.stderr.contains("more than hallbar can add up"), assertion.stderr)
        XCTAssertEqual(try dump(db), before, "a refused assert wrote nothing")
        let verify = try hallbar(["verify", "--db", db])
        XCTAssertEqual(verify.status, 65, verify.stderr)
        XCTAssertFalse(verify.stdout.contains("below zero"), verify.stdout)
        XCTAssertTrue(verify.stdout.contains("invariant: loan 220001: its balance is more than hallbar can add up from 2025-01-02"), verify.stdout)
        XCTAssertTrue(verify.stdout.contains("invariant: entry BIG-1: amount 50000000000000000.00 SEK is above the limit"), verify.stdout)
    }

    /// Two social projects approved at 5·10¹⁶ SEK each broke `report social` (exit 70).
    func testApprovedVolumesThatOverflowGiveAClearError() throws {
        let db = try seededWithHallbar()
        let inserted = try sqlite3(db, """
            INSERT INTO projects (seq, project_number, programme, borrower_org_no, title, category, investment_type, approved_ore,
                decision_date, status, recorded_at, recorded_by, chain_hash)
            SELECT (SELECT max(seq) FROM ledger_chain) + n, 9000 + n, 'social', '556900-1018', 'Stor ' || n, 'Boende och boendemiljöer', 1, \(Self.big), '2024-01-01', 'approved',
                   '2024-01-01T00:00:00.000Z', 'sqlite3', zeroblob(32)
            FROM (SELECT 1 AS n UNION ALL SELECT 2);
            """)
        XCTAssertEqual(inserted.status, 0, inserted.stderr)
        for arguments in [["report", "social", "--as-of", "2025-12-31"], ["report", "market", "--year", "2012", "--as-of", "2025-12-31"]] {
            let result = try hallbar(arguments + ["--db", db])
            XCTAssertEqual(result.status, 65, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("more than hallbar can add up"), "\(arguments): \(result.stderr)")
        }
    }
}
