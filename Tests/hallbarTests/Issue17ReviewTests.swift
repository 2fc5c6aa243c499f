import Foundation
import XCTest

/// What an outside review of issue 17 found after the first round of hardening: an object
/// named `sqlite_…` slipped past the schema check of writes, `migrate verify` did not look at
/// the schema, and `backup` wrote to the ledger's own journal name.
final class Issue17ReviewTests: CLITestCase {
    func testAnInjectedTriggerNamedLikeSQLitesOwnIsRefusedByEveryCheck() throws {
        let db = try seededWithHallbar()
        let injected = try sqlite3(db, """
            PRAGMA writable_schema=ON;
            INSERT INTO sqlite_master(type, name, tbl_name, rootpage, sql) VALUES ('trigger', 'sqlite_evil', 'ledger_entries', 0,
              'CREATE TRIGGER sqlite_evil AFTER INSERT ON ledger_entries BEGIN UPDATE members SET name = ''PWNED''; END');
            """)
        XCTAssertEqual(injected.status, 0, injected.stderr)
        let before = try dump(db)
        let write = try hallbar(["disburse", "--db", db, "--loan", "230001", "--date", "2025-01-10", "--amount", "1000", "--id", "X-1"])
        XCTAssertEqual(write.status, 65, write.stderr)
        XCTAssertTrue(write.stderr.contains("trigger sqlite_evil is not created by the migrations"), write.stderr)
        XCTAssertEqual(try dump(db), before)
        let migrate = try hallbar(["migrate", "verify", "--db", db])
        XCTAssertEqual(migrate.status, 65, migrate.stderr)
        XCTAssertTrue(migrate.stderr.contains("schema: trigger sqlite_evil"), migrate.stderr)
        let verify = try hallbar(["verify", "--db", db])
        XCTAssertEqual(verify.status, 65)
        XCTAssertTrue(verify.stdout.contains("sqlite_evil"), verify.stdout)
    }

    func testTablesLeftByAnalyzeAreNamedWithHowToRemoveThem() throws {
        let db = try seededWithHallbar()
        XCTAssertEqual(try sqlite3(db, "ANALYZE").status, 0)
        let report = try hallbar(["report", "shares", "--db", db, "--as-of", "2024-12-31"])
        XCTAssertEqual(report.status, 65, report.stderr)
        XCTAssertTrue(report.stderr.contains("sqlite_stat1") && report.stderr.contains("DROP TABLE sqlite_stat1"), report.stderr)
        XCTAssertEqual(try sqlite3(db, "DROP TABLE sqlite_stat1").status, 0)
        try succeed(["report", "shares", "--db", db, "--as-of", "2024-12-31"])
    }

    func testABackupIsNeverWrittenOverTheLedgersJournalFiles() throws {
        let db = try seededWithHallbar()
        for suffix in ["-journal", "-wal", "-shm"] {
            let result = try hallbar(["backup", db + suffix, "--db", db])
            XCTAssertEqual(result.status, 73, "\(suffix): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("cannot write the backup to"), result.stderr)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: db + "-journal"))
        try succeed(["backup", path("copy.db"), "--db", db])
    }
}
