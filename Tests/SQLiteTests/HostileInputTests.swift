import CSQLite
import Foundation
import XCTest
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
