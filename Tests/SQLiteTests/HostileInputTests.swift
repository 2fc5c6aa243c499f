import CSQLite
import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif
@testable import SQLite

/// Issue 17's findings at the wrapper's level: text is never cut at a NUL, a file
/// created through a dangling symbolic link is still private.
final class HostileInputTests: TemporaryDirectoryTestCase {
    /// A text with a NUL inside is stored whole, whichever way it is bound (it used to be
    /// bound as a C string and stored as "Foo").
    func testTextWithANULIsNeverCutShort() throws {
        let db = try Connection(path: path("nul.db"), mode: .create)
        defer { try? db.close() }
        try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)")
        let text = "Foo\u{0}Bar kommun"
        try db.run("INSERT INTO t (id, name) VALUES (1, ?)", [text])
        try db.run("INSERT INTO t (id, name) VALUES (2, ?)", [SQLValue.text(text)])
        let statement = try db.prepare("INSERT INTO t (id, name) VALUES (3, ?)")
        try statement.bind(.text(text), at: 1)
        try statement.execute()
        for id in 1...3 {
            XCTAssertEqual(try db.scalarInt("SELECT length(CAST(name AS BLOB)) FROM t WHERE id = ?", [id]), 14, "row \(id)")
            XCTAssertEqual(try db.scalarText("SELECT name FROM t WHERE id = ?", [id]), text, "row \(id)")
        }
    }

    /// `init --db link.db` where link.db points at a file that does not exist yet: the
    /// file is created 0600 (it was 0644: O_EXCL refused the link and SQLite then created
    /// the target with its default mode).
    func testCreatingThroughADanglingLinkMakesAPrivateFile() throws {
        let target = path("real.db")
        let link = path("link.db")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.db")
        let db = try Connection(path: link, mode: .create)
        try db.execute("CREATE TABLE t (x)")
        try db.close()
        let attributes = try FileManager.default.attributesOfItem(atPath: target)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), "real.db", "the link stays a link")
        // A chain of links, the last one dangling, with a relative target in another folder.
        try FileManager.default.createDirectory(atPath: path("sub"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: path("sub/inner.db"), withDestinationPath: "../deep.db")
        try FileManager.default.createSymbolicLink(atPath: path("outer.db"), withDestinationPath: "sub/inner.db")
        try Connection(path: path("outer.db"), mode: .create).close()
        let deep = try FileManager.default.attributesOfItem(atPath: path("deep.db"))
        XCTAssertEqual((deep[.posixPermissions] as? NSNumber)?.intValue, 0o600)
    }

    /// A loop of links is an error, not a hang.
    func testALoopOfLinksIsRefused() throws {
        try FileManager.default.createSymbolicLink(atPath: path("a.db"), withDestinationPath: "b.db")
        try FileManager.default.createSymbolicLink(atPath: path("b.db"), withDestinationPath: "a.db")
        XCTAssertThrowsError(try Connection(path: path("a.db"), mode: .create))
    }
}

/// `hallbar query`'s limits at the wrapper's level: a progress handler stops an endless
/// statement, the heap limit stops one that grows, fts3_tokenizer is refused.
final class QueryLimitTests: TemporaryDirectoryTestCase {
    func reader(memoryTemp: Bool = false) throws -> Connection {
        let file = path("q.db")
        let writer = try Connection(path: file, mode: .create)
        try writer.execute("CREATE TABLE t (x)")
        try writer.close()
        let db = try Connection(path: file, mode: .readOnly)
        if memoryTemp { try db.execute("PRAGMA temp_store = MEMORY") }
        try db.restrictToQueries()
        return db
    }

    func testAProgressHandlerStopsAnEndlessStatement() throws {
        let db = try reader()
        defer { try? db.close() }
        var calls = 0
        db.setProgressHandler(every: 1_000) { calls += 1; return calls > 50 }
        let statement = try db.prepare("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT max(x) FROM c")
        XCTAssertThrowsError(try statement.step()) { error in
            XCTAssertTrue((error as? SQLiteError)?.isInterrupt ?? false, "\(error)")
        }
        XCTAssertEqual(calls, 51)
        db.setProgressHandler(every: 1_000, nil)
        XCTAssertEqual(try db.scalarInt("SELECT count(*) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000) SELECT x FROM c)"), 100_000)
    }

    func testTheHeapLimitStopsAStatementThatGrows() throws {
        let db = try reader(memoryTemp: true)
        defer { try? db.close() }
        let before = Connection.setHardHeapLimit(32 << 20)
        defer { Connection.setHardHeapLimit(before) }
        XCTAssertEqual(Connection.setHardHeapLimit(-1), 32 << 20)
        // A string that grows to 100 MB: SQLite stops at the limit and says so at the end.
        // (A recursion without end would go on after the failed allocation: the timeout,
        // a progress handler, stops that one.)
        let sql = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 500000) "
            + "SELECT length(group_concat(hex(randomblob(100)))) FROM c"
        _ = Connection.memoryHighwater(reset: true)
        XCTAssertThrowsError(try db.prepare(sql).step(), sql) { error in
            XCTAssertTrue((error as? SQLiteError)?.isNoMemory ?? false, "\(error)")
        }
        XCTAssertLessThanOrEqual(Connection.memoryHighwater(), 32 << 20)
    }

    func testFTS3TokenizerIsRefused() throws {
        let db = try reader()
        defer { try? db.close() }
        for sql in ["SELECT fts3_tokenizer('simple')", "SELECT hex(fts3_tokenizer('simple'))",
                    "SELECT fts3_tokenizer('evil', x'0000000000000000')", "SELECT FTS3_TOKENIZER('porter')"] {
            XCTAssertThrowsError(try db.prepare(sql).step(), sql) { error in
                XCTAssertTrue("\(error)".contains("not authorized"), "\(sql): \(error)")
            }
        }
        // On a connection of any kind the two-argument form is off.
        let writer = try Connection(path: path("w.db"), mode: .create)
        defer { try? writer.close() }
        XCTAssertThrowsError(try writer.scalarText("SELECT fts3_tokenizer('evil', x'0000000000000000')"))
    }
}

/// A WAL database in a folder SQLite cannot write (a read-only mount as root, else a
/// chmod'ed folder) is readable when its -wal holds nothing; with changes in a -wal it
/// cannot open, the error says what to do.
final class ReadOnlyFolderTests: TemporaryDirectoryTestCase {
    /// Makes `folder` read-only for this process: a read-only tmpfs (root) or mode 0555.
    /// - Returns: a function that makes it writable again, or nil when that is not possible here.
    static func makeReadOnly(_ folder: String, filling: (String) throws -> Void) throws -> (() -> Void)? {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if getuid() == 0 {
            guard run(["mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", folder]) else { return nil }
            try filling(folder)
            guard run(["mount", "-o", "remount,ro", folder]) else { _ = run(["umount", folder]); return nil }
            return { _ = run(["umount", folder]) }
        }
        try filling(folder)
        chmod(folder, 0o555)
        return { chmod(folder, 0o755) }
    }

    static func run(_ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    func walDatabase(_ file: String, rows: Int) throws -> Connection {
        let db = try Connection(path: file, mode: .create)
        try db.execute("CREATE TABLE t (x); WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < \(rows)) INSERT INTO t SELECT x FROM c")
        return db
    }

    func testAWALDatabaseInAReadOnlyFolderIsReadable() throws {
        let source = path("l.db")
        try walDatabase(source, rows: 1000).close()
        let folder = path("ro")
        guard let undo = try Self.makeReadOnly(folder, filling: { try FileManager.default.copyItem(atPath: source, toPath: $0 + "/l.db") }) else {
            throw XCTSkip("cannot make a read-only folder here")
        }
        defer { undo() }
        let db = try Connection(path: folder + "/l.db", mode: .readOnly)
        defer { try? db.close() }
        XCTAssertTrue(db.isImmutable)
        XCTAssertEqual(try db.scalarInt("SELECT count(*) FROM t"), 1000)
        XCTAssertEqual(try db.settings().journalMode, "wal", "the file's own journal mode, from its header")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/l.db-shm"))
    }

    func testChangesInAWALThatCannotBeOpenedAreNotIgnored() throws {
        let source = path("l.db")
        let writer = try walDatabase(source, rows: 10)
        try writer.execute("INSERT INTO t VALUES (11)")
        let folder = path("ro")
        // The -wal copied while the writer holds it: 11 rows, one of them only in the WAL.
        guard let undo = try Self.makeReadOnly(folder, filling: { folder in
            try FileManager.default.copyItem(atPath: source, toPath: folder + "/l.db")
            try FileManager.default.copyItem(atPath: source + "-wal", toPath: folder + "/l.db-wal")
        }) else { throw XCTSkip("cannot make a read-only folder here") }
        defer { undo() }
        try writer.close()
        XCTAssertThrowsError(try Connection(path: folder + "/l.db", mode: .readOnly).close()) { error in
            XCTAssertTrue("\(error)".contains("l.db-wal holds changes that are not yet in"), "\(error)")
        }
    }
}

final class ImmutableURITests: XCTestCase {
    func testPathsBecomeURIsSQLiteReadBack() {
        XCTAssertEqual(Connection.immutableURI("/tmp/a b/l.db"), "file:///tmp/a b/l.db?immutable=1")
        XCTAssertEqual(Connection.immutableURI("//tmp/x.db"), "file:////tmp/x.db?immutable=1")
        XCTAssertEqual(Connection.immutableURI("rel/50%?#.db"), "file:rel/50%25%3F%23.db?immutable=1")
        XCTAssertEqual(Connection.immutableURI("/tmp/Ånge.db"), "file:///tmp/Ånge.db?immutable=1")
    }
}
