import CSQLite
import XCTest
@testable import SQLite

/// Rows produced in Swift, loaded by one `INSERT … SELECT` through a `RowStream`.
final class RowStreamTests: TemporaryDirectoryTestCase {
    /// Counts up to `count` rows; aborts at `abortAt` when given.
    private final class Counter: RowStreamSource {
        let count: Int
        let abortAt: Int?
        var current = 0
        init(count: Int, abortAt: Int? = nil) {
            self.count = count
            self.abortAt = abortAt
        }

        func advance() -> RowStreamStep {
            current += 1
            if current == abortAt { return .abort }
            return current <= count ? .row : .end
        }

        func column(_ index: Int32, _ result: ColumnResult) {
            switch index {
            case 0: result.int64(Int64(current))
            case 1: current % 7 == 0 ? result.null() : result.text("row \(current) – å")
            default: withUnsafeBytes(of: UInt32(current).bigEndian) { result.blob($0) }
            }
        }
    }

    private func database() throws -> Connection {
        let db = try Connection(path: path("s.db"), mode: .create)
        try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, tag BLOB NOT NULL) STRICT")
        return db
    }

    func testOneStatementLoadsEveryRowWithItsValues() throws {
        let db = try database()
        let stream = try RowStream(on: db, name: "incoming", columns: ["id INTEGER", "name TEXT", "tag BLOB"])
        stream.source = Counter(count: 1000)
        try db.inTransaction {
            try db.execute("INSERT INTO t (id, name, tag) SELECT id, name, tag FROM incoming")
        }
        XCTAssertEqual(try db.scalarInt("SELECT count(*) FROM t"), 1000)
        XCTAssertEqual(try db.scalarText("SELECT name FROM t WHERE id = 999"), "row 999 – å")
        XCTAssertEqual(try db.scalarInt("SELECT count(*) FROM t WHERE name IS NULL"), 142)
        XCTAssertEqual(try db.row("SELECT tag FROM t WHERE id = 258")?.values, [.blob([0, 0, 1, 2])])
    }

    func testAnAbortRollsTheStatementBackAndTheTransactionGoesOn() throws {
        let db = try database()
        let stream = try RowStream(on: db, name: "incoming", columns: ["id INTEGER", "name TEXT", "tag BLOB"])
        try db.inTransaction {
            try db.execute("INSERT INTO t (id, name, tag) VALUES (0, 'kept', x'00')")
            stream.source = Counter(count: 1000, abortAt: 600)
            XCTAssertThrowsError(try db.execute("INSERT INTO t (id, name, tag) SELECT id, name, tag FROM incoming")) { error in
                XCTAssertEqual((error as? SQLiteError)?.primaryCode, SQLITE_ABORT)
            }
        }
        XCTAssertEqual(try db.scalarInt("SELECT count(*) FROM t"), 1)
    }

    func testAConstraintRefusalRollsTheWholeStatementBack() throws {
        let db = try database()
        try db.execute("INSERT INTO t (id, name, tag) VALUES (500, 'there', x'00')")
        let stream = try RowStream(on: db, name: "incoming", columns: ["id INTEGER", "name TEXT", "tag BLOB"])
        stream.source = Counter(count: 1000)
        try db.inTransaction {
            XCTAssertThrowsError(try db.execute("INSERT INTO t (id, name, tag) SELECT id, name, tag FROM incoming")) { error in
                XCTAssertTrue((error as? SQLiteError)?.isConstraint ?? false, "\(error)")
            }
        }
        XCTAssertEqual(try db.scalarInt("SELECT count(*) FROM t"), 1)
    }

    func testWithoutASourceOrOnceTheStreamIsGoneTheTableIsEmpty() throws {
        let db = try database()
        var stream: RowStream? = try RowStream(on: db, name: "incoming", columns: ["id INTEGER", "name TEXT", "tag BLOB"])
        XCTAssertEqual(try db.scalarInt("SELECT count(*) FROM incoming"), 0)
        stream?.source = Counter(count: 3)
        XCTAssertEqual(try db.scalarInt("SELECT count(*) FROM incoming"), 3)
        stream = nil
        XCTAssertEqual(try db.scalarInt("SELECT count(*) FROM incoming"), 0)
        // Registering the name again replaces the module; closing releases it.
        let again = try RowStream(on: db, name: "incoming", columns: ["n INTEGER"])
        again.source = Counter(count: 5)
        XCTAssertEqual(try db.scalarInt("SELECT sum(n) FROM incoming"), 15)
        try db.close()
    }
}
