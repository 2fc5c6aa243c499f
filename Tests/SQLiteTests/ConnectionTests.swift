import CSQLite
import Foundation
import XCTest
@testable import SQLite

/// Each test gets its own temporary folder (GRDB's habit).
class TemporaryDirectoryTestCase: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hallbar-sqlite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
}

final class ConnectionTests: TemporaryDirectoryTestCase {
    func testOpenAppliesAndVerifiesTheSettings() throws {
        let db = try Connection(path: path("a.db"), mode: .create)
        let settings = try db.settings()
        XCTAssertTrue(settings.foreignKeys)
        XCTAssertTrue(settings.defensive)
        XCTAssertFalse(settings.trustedSchema)
        XCTAssertEqual(settings.journalMode, "wal")
        XCTAssertEqual(settings.synchronous, 2)
        XCTAssertEqual(settings.busyTimeoutMilliseconds, Int64(Connection.defaultBusyTimeoutMilliseconds))
        try db.close()
    }

    func testCreateMakesAPrivateFile() throws {
        let file = path("private.db")
        let db = try Connection(path: file, mode: .create)
        try db.close()
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
    }

    func testMissingFileIsNotCreatedByReadOrWriteModes() {
        for mode in [Connection.Mode.readOnly, .readWrite] {
            XCTAssertThrowsError(try Connection(path: path("missing.db"), mode: mode)) { error in
                XCTAssertEqual((error as? SQLiteError)?.primaryCode, SQLITE_CANTOPEN)
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: path("missing.db")))
        }
    }

    func testANonDatabaseFileFailsAtOpen() throws {
        let file = path("text.db")
        try Data(String(repeating: "this is not a database\n", count: 200).utf8).write(to: URL(fileURLWithPath: file))
        XCTAssertThrowsError(try Connection(path: file, mode: .readOnly)) { error in
            let sqlite = error as? SQLiteError
            XCTAssertEqual(sqlite?.primaryCode, SQLITE_NOTADB)
            XCTAssertTrue(sqlite?.isCorrupt ?? false)
        }
        XCTAssertThrowsError(try Connection(path: file, mode: .readWrite))
    }

    func testErrorsCarryTheExtendedCodeMessageAndSQLButNoBoundValues() throws {
        let db = try Connection(path: path("e.db"), mode: .create)
        try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)")
        try db.run("INSERT INTO t (name) VALUES (?)", ["secret-name-4711"])
        XCTAssertThrowsError(try db.run("INSERT INTO t (name) VALUES (?)", ["secret-name-4711"])) { error in
            guard let e = error as? SQLiteError else { return XCTFail("\(error)") }
            XCTAssertEqual(e.extendedCode, 2067) // SQLITE_CONSTRAINT_UNIQUE
            XCTAssertTrue(e.isConstraint)
            XCTAssertTrue(e.message.lowercased().contains("unique constraint failed"), e.message)
            XCTAssertEqual(e.sql, "INSERT INTO t (name) VALUES (?)")
            XCTAssertFalse(e.description.contains("secret-name-4711"))
        }
    }

    func testWrongArgumentCountIsAThrownErrorNotACrash() throws {
        let db = try Connection(path: path("args.db"), mode: .create)
        try db.execute("CREATE TABLE t (a, b)")
        XCTAssertThrowsError(try db.run("INSERT INTO t VALUES (?, ?)", [1])) { error in
            XCTAssertEqual((error as? SQLiteError)?.primaryCode, SQLITE_RANGE)
        }
        let statement = try db.prepare("INSERT INTO t VALUES (:a, :b)")
        XCTAssertThrowsError(try statement.bind(named: [":a": 1, ":zz": 2]))
        try statement.bind(named: [":a": 1, ":b": "x"])
        XCTAssertFalse(try statement.step())
        XCTAssertEqual(try db.scalarText("SELECT b FROM t WHERE a = 1"), "x")
    }

    func testTypedColumnsRoundTrip() throws {
        let db = try Connection(path: path("types.db"), mode: .create)
        try db.execute("CREATE TABLE t (i INTEGER, s TEXT, b BLOB, n)")
        try db.run("INSERT INTO t VALUES (?, ?, ?, ?)", [Int64.max, "åäö ≤", [UInt8]([0, 1, 255]), SQLValue.null])
        let row = try XCTUnwrap(db.row("SELECT i, s, b, n FROM t"))
        XCTAssertEqual(row["i"], .integer(Int64.max))
        XCTAssertEqual(row["s"], .text("åäö ≤"))
        XCTAssertEqual(row["b"], .blob([0, 1, 255]))
        XCTAssertEqual(row["n"], .null)
    }

    func testPrepareRefusesTrailingStatements() throws {
        let db = try Connection(path: path("p.db"), mode: .create)
        XCTAssertThrowsError(try db.prepare("SELECT 1; DROP TABLE x"))
        XCTAssertNoThrow(try db.prepare("SELECT 1;  \n"))
    }

    func testExecuteNamesTheFailingStatementOfAScript() throws {
        let db = try Connection(path: path("s.db"), mode: .create)
        XCTAssertThrowsError(try db.execute("CREATE TABLE a (x);\nCREATE TABLE b (y);\nINSERT INTO nowhere VALUES (1);")) { error in
            XCTAssertEqual((error as? SQLiteError)?.sql, "INSERT INTO nowhere VALUES (1);")
        }
        XCTAssertEqual(try db.scalarInt("SELECT count(*) FROM sqlite_master WHERE name IN ('a', 'b')"), 2)
    }

    func testTransactionCommitsAndRollsBack() throws {
        let db = try Connection(path: path("t.db"), mode: .create)
        try db.execute("CREATE TABLE t (x INTEGER NOT NULL)")
        try db.inTransaction { try db.run("INSERT INTO t VALUES (1)") }
        struct Boom: Error {}
        XCTAssertThrowsError(try db.inTransaction {
            try db.run("INSERT INTO t VALUES (2)")
            throw Boom()
        }) { XCTAssertTrue($0 is Boom) }
        XCTAssertEqual(try db.scalarInt("SELECT group_concat(x) FROM t"), 1)
        XCTAssertFalse(db.isInTransaction)
    }

    func testNestedTransactionsAreSavepoints() throws {
        let db = try Connection(path: path("sp.db"), mode: .create)
        try db.execute("CREATE TABLE t (x INTEGER NOT NULL)")
        struct Inner: Error {}
        try db.inTransaction {
            try db.run("INSERT INTO t VALUES (1)")
            XCTAssertThrowsError(try db.inTransaction {
                try db.run("INSERT INTO t VALUES (2)")
                throw Inner()
            })
            try db.run("INSERT INTO t VALUES (3)")
        }
        XCTAssertEqual(try db.rows("SELECT x FROM t ORDER BY x").map { $0[0] }, [.integer(1), .integer(3)])
    }

    func testFirstErrorIsRethrownWhenTheRollbackFailsToo() throws {
        let db = try Connection(path: path("fe.db"), mode: .create)
        try db.execute("CREATE TABLE t (x)")
        struct First: Error {}
        XCTAssertThrowsError(try db.inTransaction {
            try db.run("INSERT INTO t VALUES (1)")
            // End the transaction behind the wrapper's back: its ROLLBACK will now fail.
            try db.execute("COMMIT")
            throw First()
        }) { error in
            XCTAssertTrue(error is First, "expected the body's error, got \(error)")
        }
        XCTAssertThrowsError(try db.inSavepoint {
            try db.execute("RELEASE hallbar_sp1")
            throw First()
        }) { XCTAssertTrue($0 is First) }
    }

    func testWritesStartImmediatelyAndWaitForTheBusyTimeout() throws {
        let file = path("busy.db")
        let a = try Connection(path: file, mode: .create)
        try a.execute("CREATE TABLE t (x)")
        let b = try Connection(path: file, mode: .readWrite, busyTimeoutMilliseconds: 200)
        try a.execute("BEGIN IMMEDIATE")
        let started = Date()
        XCTAssertThrowsError(try b.inTransaction { try b.run("INSERT INTO t VALUES (1)") }) { error in
            XCTAssertTrue((error as? SQLiteError)?.isBusy ?? false, "\(error)")
        }
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.15, "the busy timeout was not waited for")
        try a.execute("COMMIT")
        try b.inTransaction { try b.run("INSERT INTO t VALUES (1)") }
        XCTAssertEqual(try a.scalarInt("SELECT count(*) FROM t"), 1)
    }

    func testReadOnlyConnectionCannotWriteWhateverTheSQL() throws {
        let file = path("ro.db")
        let w = try Connection(path: file, mode: .create)
        try w.execute("CREATE TABLE t (x)")
        try w.close()
        let r = try Connection(path: file, mode: .readOnly)
        XCTAssertTrue(try r.settings().queryOnly)
        for sql in ["INSERT INTO t VALUES (1)", "DROP TABLE t", "PRAGMA user_version = 7", "CREATE TABLE u (y)"] {
            XCTAssertThrowsError(try r.execute(sql), sql)
        }
        XCTAssertEqual(try r.scalarInt("SELECT count(*) FROM sqlite_master"), 1)
    }

    func testBackupGivesASoundCopy() throws {
        let db = try Connection(path: path("src.db"), mode: .create)
        try db.execute("CREATE TABLE t (x); INSERT INTO t VALUES (1), (2), (3);")
        try db.backup(to: path("copy.db"))
        let copy = try Connection(path: path("copy.db"), mode: .readOnly)
        XCTAssertEqual(try copy.integrityProblems(), [])
        XCTAssertEqual(try copy.scalarInt("SELECT sum(x) FROM t"), 6)
    }

    func testDefensiveModeRefusesWritableSchemaTricks() throws {
        let db = try Connection(path: path("def.db"), mode: .create)
        try db.execute("CREATE TABLE t (x)")
        XCTAssertThrowsError(try db.execute("PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = 'x' WHERE name = 't';"))
    }
}
