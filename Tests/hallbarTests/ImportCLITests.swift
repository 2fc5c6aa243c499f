import Foundation
import XCTest

/// `hallbar import`, the single-record commands and `seed`, run as a user would.
final class ImportCLITests: CLITestCase {
    static var seeds: String { packageRoot.appendingPathComponent("Seeds").path }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path(name)))
    }

    func seeded() throws {
        try succeed(["seed", "--dir", Self.seeds, "--by", "tester"])
    }

    func testSeedThenTotalsAndIdempotence() throws {
        let first = try succeed(["seed", "--dir", Self.seeds])
        XCTAssertTrue(first.stdout.contains("entries.csv: 81 new, 0 already present (batch 5)."), first.stdout)
        let sql = """
            SELECT programme || ' ' || sum(CASE WHEN value_date <= '2023-12-31' THEN balance_effect_ore ELSE 0 END)
                || ' ' || sum(CASE WHEN value_date <= '2024-12-31' THEN balance_effect_ore ELSE 0 END)
            FROM ledger_entries JOIN loans USING (loan_id) GROUP BY programme ORDER BY programme
            """
        XCTAssertEqual(try sqlite3(path("hallbar.db"), sql).stdout,
                       "green 7935000000000 9158765432109\nother 43044900000000 44818000000000\nsocial 210000000000 459876543210\n")
        let dump = try dump(path("hallbar.db"))
        let second = try succeed(["seed", "--dir", Self.seeds])
        XCTAssertTrue(second.stdout.contains("entries.csv: 0 new, 81 already present; nothing changed."), second.stdout)
        XCTAssertEqual(try self.dump(path("hallbar.db")), dump)
        XCTAssertEqual(try hallbar(["seed", "--dir", path("nope")]).status, 66)
    }

    func testImportExitCodesAndErrorLines() throws {
        try seeded()
        try write("ok.csv", "external_id,loan_number,value_date,amount_sek,kind\nN1,220001,2025-05-01,100,disbursement\n")
        let ok = try succeed(["import", "entries", "ok.csv"])
        XCTAssertEqual(ok.stdout, "ok.csv: 1 new, 0 already present (batch 14).\n")
        XCTAssertEqual(try hallbar(["import", "entries", "missing.csv"]).status, 66)
        XCTAssertEqual(try hallbar(["import", "entries", "ok.csv", "--db", path("none.db")]).status, 66)
        XCTAssertEqual(try hallbar(["import", "widgets", "ok.csv"]).status, 64)
        XCTAssertEqual(try hallbar(["import", "market", "ok.csv"]).status, 65, "an entries file is not a market file")

        var bad = "external_id,loan_number,value_date,amount_sek,kind\nB0,220001,2025-05-01,\"12,3,4\",disbursement\n"
        for i in 1...24 { bad += "B\(i),220001,2025-02-30,1,disbursement\n" }
        try write("bad.csv", bad)
        let before = try dump(path("hallbar.db"))
        let failed = try hallbar(["import", "entries", "bad.csv"])
        XCTAssertEqual(failed.status, 65)
        let lines = failed.stderr.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.first?.hasPrefix("Error: bad.csv:2: column \"amount_sek\": \"12,3,4\" is not an amount: ") ?? false, failed.stderr)
        XCTAssertEqual(lines.filter { $0.contains("bad.csv:") }.count, 20)
        XCTAssertTrue(failed.stderr.contains("… and 5 more"), failed.stderr)
        XCTAssertEqual(try dump(path("hallbar.db")), before, "a failed import changes nothing")

        let dry = try succeed(["import", "entries", "ok.csv", "--dry-run"])
        XCTAssertTrue(dry.stdout.contains("0 new, 1 already present"), dry.stdout)
        try write("ok2.csv", "external_id,loan_number,value_date,amount_sek,kind\nN2,220001,2025-05-02,100,disbursement\n")
        XCTAssertTrue(try succeed(["import", "entries", "ok2.csv", "--dry-run"]).stdout.contains("dry run: 1 new"))
        XCTAssertEqual(try dump(path("hallbar.db")), before, "a dry run changes nothing")
    }

    func testSingleRecords() throws {
        try seeded()
        let disbursed = try succeed(["disburse", "--loan", "220001", "--date", "2025-05-01", "--amount", "1 250 000,50", "--by", "anna"])
        XCTAssertTrue(disbursed.stdout.hasPrefix("Recorded disbursement cli-"), disbursed.stdout)
        try succeed(["repay", "--loan", "220001", "--date", "2025-06-01", "--amount", "1250000.50", "--id", "MY-1"])
        XCTAssertTrue(try succeed(["repay", "--loan", "220001", "--date", "2025-06-01", "--amount", "1250000.50", "--id", "MY-1"])
            .stdout.contains("already recorded"))
        let reversed = try succeed(["reverse", "--entry", "MY-1", "--reason", "wrong loan"])
        XCTAssertTrue(reversed.stdout.contains("MY-1-R"), reversed.stdout)
        let twice = try hallbar(["reverse", "--entry", "MY-1", "--reason", "again"])
        XCTAssertEqual(twice.status, 65)
        XCTAssertTrue(twice.stderr.hasPrefix("Error: --entry: MY-1 is already reversed by MY-1-R"), twice.stderr)
        let before = try dump(path("hallbar.db"))
        let negative = try hallbar(["repay", "--loan", "220001", "--date", "2021-01-01", "--amount", "1"])
        XCTAssertEqual(negative.status, 65)
        XCTAssertTrue(negative.stderr.contains("never negative"), negative.stderr)
        XCTAssertEqual(try hallbar(["disburse", "--loan", "220001", "--date", "2025-02-30", "--amount", "1"]).status, 65)
        XCTAssertEqual(try hallbar(["disburse", "--loan", "220001", "--date", "2025-02-01"]).status, 64)
        XCTAssertEqual(try dump(path("hallbar.db")), before)
        try succeed(["reading", "--indicator", "ALBY-TRIVSEL-LGH", "--year", "2024", "--value", "88,5"])
        XCTAssertEqual(try sqlite3(path("hallbar.db"), "SELECT value_text || '|' || value_low || '|' || recorded_by FROM readings WHERE year = 2024").stdout,
                       "88,5|88.5|\(ProcessInfo.processInfo.environment["USER"] ?? NSUserName())\n")
        XCTAssertEqual(try hallbar(["reading", "--indicator", "NOPE", "--year", "2024", "--value", "1"]).status, 65)
        XCTAssertEqual(try hallbar(["disburse", "--loan", "1", "--date", "2025-01-01", "--amount", "1", "--db", path("none.db")]).status, 66)
    }
}
