import Foundation
@testable import LedgerStore
import SQLite
import XCTest

/// `hallbar query` cannot write, whatever the SQL; `backup` copies a live ledger safely;
/// the append-only tables refuse UPDATE and DELETE in the sqlite3 shell.
final class QueryBackupTests: AuditTestCase {
    func testQueryPrintsRowsInEachFormat() throws {
        let sql = "SELECT external_id, amount_ore, reason FROM ledger_entries WHERE entry_id IN (1, 26) ORDER BY entry_id"
        XCTAssertEqual(try succeed(["query", sql, "--db", db]).stdout,
                       "external_id,amount_ore,reason\nE-1,10000000,\nE-X-R,700,wrong loan\n")
        XCTAssertTrue(try succeed(["query", sql, "--format", "json", "--db", db]).stdout.contains("\"amount_ore\": 10000000"))
        XCTAssertTrue(try succeed(["query", sql, "--format", "md", "--db", db]).stdout.hasPrefix("| external_id | amount_ore | reason |"))
        XCTAssertTrue(try succeed(["query", sql, "--format", "table", "--db", db]).stdout.contains("E-X-R"))
        XCTAssertEqual(try hallbar(["query", sql, "--format", "xml", "--db", db]).status, 64)
    }

    func testQueryCannotWriteAndLeavesTheFileByteIdentical() throws {
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let dumpBefore = try dump(db)
        for sql in [
            "INSERT INTO balance_assertions (programme, as_of, expected_ore, recorded_at, recorded_by) VALUES ('all', '2024-01-01', 1, '2025-01-01T00:00:00.000Z', 'x')",
            "UPDATE loans SET loan_number = 'X' WHERE loan_id = 3", "DELETE FROM members", "DROP TABLE loans",
            "DROP TRIGGER ledger_entries_no_update", "CREATE TABLE extra (x)", "CREATE TEMP TABLE scratch (x)",
            "ATTACH '\(path("attached.db"))' AS other", "VACUUM INTO '\(path("vacuumed.db"))'", "VACUUM",
            "PRAGMA query_only = OFF", "PRAGMA journal_mode = DELETE", "PRAGMA user_version = 7", "PRAGMA writable_schema = ON",
            "ANALYZE", "REINDEX", "SELECT 1; DELETE FROM members",
        ] {
            let result = try hallbar(["query", sql, "--db", db])
            XCTAssertEqual(result.status, 65, "\(sql): \(result.stdout) \(result.stderr)")
            XCTAssertTrue(result.stderr.hasPrefix("Error: the query failed: "), "\(sql): \(result.stderr)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("attached.db")), "ATTACH created a file")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("vacuumed.db")), "VACUUM INTO created a file")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: db)), before)
        XCTAssertEqual(try dump(db), dumpBefore)
        // Reading pragmas still work.
        XCTAssertTrue(try succeed(["query", "PRAGMA table_info(loans)", "--db", db]).stdout.contains("loan_number"))
    }

    func testBadSQLExits65WithSQLitesMessage() throws {
        let result = try hallbar(["query", "SELECT * FROM no_such_table", "--db", db])
        XCTAssertEqual(result.status, 65)
        XCTAssertTrue(result.stderr.contains("no such table: no_such_table"), result.stderr)
        XCTAssertEqual(try hallbar(["query", "SELECT 1", "--db", path("missing.db")]).status, 66)
    }

    func testBackupRefusesToOverwriteAndItsCopyVerifies() throws {
        let copy = path("copy.db")
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: copy))
        let refused = try hallbar(["backup", copy, "--db", db])
        XCTAssertEqual(refused.status, 73)
        XCTAssertTrue(refused.stderr.contains("already exists"), refused.stderr)
        XCTAssertEqual(try String(contentsOfFile: copy, encoding: .utf8), "keep me")
        XCTAssertEqual(try hallbar(["backup", path("no/such/dir/copy.db"), "--db", db]).status, 73)
        let fresh = try succeed(["backup", path("fresh.db"), "--db", db])
        XCTAssertTrue(fresh.stdout.contains("integrity_check ok"), fresh.stdout)
        let attributes = try FileManager.default.attributesOfItem(atPath: path("fresh.db"))
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
    }

    func testBackupWhileAnotherProcessWritesGivesACopyThatVerifies() throws {
        // The writer is a separate process (the sqlite3 shell) appending rows in a loop,
        // each insert its own transaction, while hallbar copies the file.
        var script = "PRAGMA busy_timeout = 10000;\n"
        for n in 1...3000 {
            script += "INSERT INTO members VALUES ('\(String(format: "%06d", n))-0000', 'M\(n)', NULL, '2025-04-01T00:00:00.000Z', 'writer', NULL);\n"
        }
        let scriptPath = path("writer.sql")
        try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        writer.arguments = ["sqlite3", db, ".read \(scriptPath)"]
        writer.standardOutput = FileHandle.nullDevice
        try writer.run()
        var copies: [String] = []
        for n in 1...4 {
            let copy = path("during-\(n).db")
            let result = try hallbar(["backup", copy, "--db", db])
            XCTAssertEqual(result.status, 0, result.stderr)
            copies.append(copy)
        }
        writer.waitUntilExit()
        XCTAssertEqual(writer.terminationStatus, 0)
        for copy in copies {
            let verify = try hallbar(["verify", "--db", copy])
            XCTAssertEqual(verify.status, 0, "\(copy): \(verify.stdout)\(verify.stderr)")
        }
    }

    func testAppendOnlyTablesRefuseUpdateAndDeleteInTheSqlite3Shell() throws {
        for (table, column) in [("ledger_entries", "amount_ore"), ("readings", "value_text"), ("projects", "title"),
                                ("followup_approvals", "note"), ("balance_assertions", "note"), ("import_batches", "file_name")] {
            for sql in ["UPDATE \(table) SET \(column) = \(column);", "DELETE FROM \(table);"] {
                let result = try sqlite3(db, sql)
                XCTAssertNotEqual(result.status, 0, sql)
                XCTAssertTrue(result.stderr.contains("append-only"), "\(sql): \(result.stderr)")
            }
        }
        XCTAssertEqual(try hallbar(["verify", "--db", db]).status, 0)
    }
}
