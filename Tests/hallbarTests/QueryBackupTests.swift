import Foundation
@testable import LedgerStore
import SQLite
import XCTest

/// `hallbar query` cannot write, whatever the SQL; `backup` copies a live ledger safely;
/// the append-only tables refuse UPDATE and DELETE in the sqlite3 shell.
final class QueryBackupTests: AuditTestCase {
    func testQueryPrintsRowsInEachFormat() throws {
        let sql = "SELECT external_id, amount_ore, reason FROM ledger_entries WHERE external_id IN ('E-X-R', 'E-1') ORDER BY entry_id"
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

    /// A writer of its own, independent of hallbar: Python's sqlite3 and hashlib appending
    /// members through the chain as docs/chain.md describes it (format 2: seq first, the link
    /// of the row before, version byte 0x02), each row its own transaction.
    static let chainedWriter = """
        import hashlib, sqlite3, struct, sys
        def encode(table, fields):
            t = table.encode("utf-8")
            out = bytearray(b"\\x02") + struct.pack(">I", len(t)) + t + struct.pack(">I", len(fields))
            for f in fields:
                if f is None:
                    out += b"N"
                elif isinstance(f, int):
                    out += b"I" + struct.pack(">q", f)
                else:
                    b = f.encode("utf-8")
                    out += b"T" + struct.pack(">I", len(b)) + b
            return bytes(out)
        db = sqlite3.connect(sys.argv[1], timeout=10, isolation_level=None)
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%chain_hash%'")]
        for n in range(1, int(sys.argv[2]) + 1):
            db.execute("BEGIN IMMEDIATE")
            seq, link = 0, bytes(32)
            for t in tables:
                column = "entry_id" if t == "ledger_entries" else "seq"
                row = db.execute(f"SELECT {column}, chain_hash FROM {t} ORDER BY {column} DESC LIMIT 1").fetchone()
                if row and row[0] > seq:
                    seq, link = row
            fields = [seq + 1, "%06d-0000" % n, "M%d" % n, None, "2025-04-01T00:00:00.000Z", "writer", None]
            link = hashlib.sha256(link + encode("members", fields)).digest()
            db.execute("INSERT INTO members (seq, org_no, name, municipality_code, recorded_at, recorded_by, batch_id, chain_hash) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", fields + [link])
            db.execute("COMMIT")
        """

    func testBackupWhileAnotherProcessWritesGivesACopyThatVerifies() throws {
        // The writer is a separate process appending rows in a loop, each insert its own
        // transaction, while hallbar copies the file.
        let before = try XCTUnwrap(Int(try sqlite3(db, "SELECT count(*) FROM members").stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        let rows = 1000
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        writer.arguments = ["python3", "-c", QueryBackupTests.chainedWriter, db, String(rows)]
        let writerErrors = Pipe()
        writer.standardOutput = FileHandle.nullDevice
        writer.standardError = writerErrors
        try writer.run()
        // Start copying once the writer has written its first row.
        func members(_ file: String) throws -> Int {
            Int(try sqlite3(file, "SELECT count(*) FROM members").stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        }
        let deadline = Date().addingTimeInterval(30)
        while try members(db) == before, writer.isRunning, Date() < deadline { usleep(10_000) }
        var copies: [String] = []
        for n in 1...4 {
            let copy = path("during-\(n).db")
            let result = try hallbar(["backup", copy, "--db", db])
            XCTAssertEqual(result.status, 0, result.stderr)
            copies.append(copy)
        }
        let errors = String(decoding: writerErrors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        writer.waitUntilExit()
        XCTAssertEqual(writer.terminationStatus, 0, errors)
        // The writer's rows chain on: the ledger it leaves verifies, with every row in.
        let final = try hallbar(["verify", "--db", db])
        XCTAssertEqual(final.status, 0, final.stdout + final.stderr)
        XCTAssertEqual(try sqlite3(db, "SELECT count(*) FROM members").stdout, "\(before + rows)\n")
        var counts: [Int] = []
        for copy in copies {
            let verify = try hallbar(["verify", "--db", copy])
            XCTAssertEqual(verify.status, 0, "\(copy): \(verify.stdout)\(verify.stderr)")
            counts.append(try members(copy))
        }
        XCTAssertTrue(counts.contains { $0 > before && $0 < before + rows },
                      "a copy was taken while rows were being written: \(counts) of \(before)…\(before + rows)")
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
