import Foundation
import Ledger
import SQLite
import XCTest
@testable import LedgerStore

final class MigratorTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hallbar-migrator-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func migration(_ name: String, _ sql: String) throws -> Migration {
        try Migration(fileName: name, bytes: Array(sql.utf8))
    }

    let stamp = Stamp(by: "tester", at: "2026-11-23T10:00:00.000Z")

    func testEmbeddedMigrationsEqualTheFilesInMigrationsFolder() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Migrations")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }.sorted()
        let onDisk = try names.map { name in
            try Migration(fileName: name, bytes: Array(Data(contentsOf: folder.appendingPathComponent(name))))
        }
        let embedded = try Migration.embedded()
        XCTAssertFalse(embedded.isEmpty)
        XCTAssertEqual(embedded.map(\.fileName), onDisk.map(\.fileName))
        XCTAssertEqual(embedded.map(\.checksum), onDisk.map(\.checksum))
        XCTAssertEqual(embedded.map(\.version), Array(1...embedded.count), "versions must be 1, 2, 3 … without gaps")
        // The checksums the build computed are those of the embedded text.
        for migration in embedded {
            XCTAssertEqual(migration.checksum, SHA256.hex(SHA256.hash(Array(migration.sql.utf8))), migration.fileName)
        }
        XCTAssertTrue(embeddedMigrationFiles.allSatisfy { $0.sha256 != nil }, "sha256sum or shasum missing at build time?")
        // A build checksum is not taken for bytes with a CR: those are hashed normalised.
        let crlf = try Migration(fileName: "0009_x.sql", bytes: Array("a\r\nb".utf8), sha256OfBytes: String(repeating: "0", count: 64))
        XCTAssertEqual(crlf.checksum, SHA256.hex(SHA256.hash(Array("a\nb".utf8))))
    }

    /// The binary decodes its embedded migrations without Foundation; the decoder agrees with
    /// `Data(base64Encoded:)` on every length and refuses what it refuses.
    func testBase64DecoderEqualsFoundation() {
        var generator = SystemRandomNumberGenerator()
        for length in 0...200 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let text = Data(bytes).base64EncodedString()
            XCTAssertEqual(Migration.base64Decoded(text), bytes, "length \(length)")
        }
        for bad in ["A", "AB", "ABC", "A===", "AB\nCD", "AB-_", "ÅBCD", "=ABC"] {
            XCTAssertNil(Migration.base64Decoded(bad), bad)
            XCTAssertNil(Data(base64Encoded: bad), bad)
        }
    }

    func testFileNamesAndLineEndings() throws {
        XCTAssertThrowsError(try migration("1_x.sql", "SELECT 1"))
        XCTAssertThrowsError(try migration("0001.sql", "SELECT 1"))
        XCTAssertThrowsError(try migration("0001_x.txt", "SELECT 1"))
        let lf = try migration("0007_add_things.sql", "CREATE TABLE a (x);\nCREATE TABLE b (y);\n")
        let crlf = try migration("0007_add_things.sql", "CREATE TABLE a (x);\r\nCREATE TABLE b (y);\r\n")
        XCTAssertEqual(lf.version, 7)
        XCTAssertEqual(lf.description, "add things")
        XCTAssertEqual(lf.checksum, crlf.checksum)
        XCTAssertEqual(lf.checksum, SHA256.hex(SHA256.hash(Array("CREATE TABLE a (x);\nCREATE TABLE b (y);\n".utf8))))
        XCTAssertThrowsError(try Migration.ordered([lf, crlf]))
    }

    func testFreshDatabaseGetsEveryMigrationWithItsHistory() throws {
        let db = try Connection(path: path("fresh.db"), mode: .create)
        let migrator = try Migrator.embedded()
        let applied = try migrator.migrate(db, stamp: stamp)
        XCTAssertEqual(applied.map(\.version), migrator.migrations.map(\.version))
        let history = try migrator.applied(in: db)
        XCTAssertEqual(history.map(\.checksum), migrator.migrations.map(\.checksum))
        XCTAssertEqual(history.first?.appliedBy, "tester")
        XCTAssertTrue(try migrator.plan(for: db).isCurrent)
        XCTAssertEqual(try db.foreignKeyProblems(), [])
        XCTAssertEqual(try db.integrityProblems(), [])
    }

    func testRerunIsIdempotent() throws {
        let db = try Connection(path: path("again.db"), mode: .create)
        let migrator = try Migrator.embedded()
        try migrator.migrate(db, stamp: stamp)
        let before = try db.rows("SELECT * FROM schema_migrations").map(\.description)
        XCTAssertEqual(try migrator.migrate(db, stamp: stamp), [])
        XCTAssertEqual(try db.rows("SELECT * FROM schema_migrations").map(\.description), before)
    }

    func testChangedChecksumIsAnErrorAndNothingIsApplied() throws {
        let db = try Connection(path: path("tamper.db"), mode: .create)
        let one = try migration("0001_one.sql", "CREATE TABLE one (x);")
        try Migrator(migrations: [one]).migrate(db, stamp: stamp)
        let edited = try migration("0001_one.sql", "CREATE TABLE one (x, y);")
        let two = try migration("0002_two.sql", "CREATE TABLE two (x);")
        let migrator = Migrator(migrations: [edited, two])
        XCTAssertEqual(try migrator.plan(for: db).problems,
                       [.checksumMismatch(version: 1, applied: one.checksum, binary: edited.checksum)])
        XCTAssertThrowsError(try migrator.migrate(db, stamp: stamp)) { error in
            guard case MigrationError.inconsistent = error else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(try db.scalarInt("SELECT count(*) FROM sqlite_master WHERE name = 'two'"), 0)
    }

    func testDatabaseNewerThanTheBinaryIsRefused() throws {
        let db = try Connection(path: path("newer.db"), mode: .create)
        let one = try migration("0001_one.sql", "CREATE TABLE one (x);")
        let two = try migration("0002_two.sql", "CREATE TABLE two (x);")
        try Migrator(migrations: [one, two]).migrate(db, stamp: stamp)
        XCTAssertEqual(try Migrator(migrations: [one]).plan(for: db).problems, [.unknownApplied(version: 2, description: "two")])
    }

    func testPendingVersionLowerThanAnAppliedOneIsRefused() throws {
        let db = try Connection(path: path("order.db"), mode: .create)
        let one = try migration("0001_one.sql", "CREATE TABLE one (x);")
        let three = try migration("0003_three.sql", "CREATE TABLE three (x);")
        try Migrator(migrations: [one, three]).migrate(db, stamp: stamp)
        let two = try migration("0002_two.sql", "CREATE TABLE two (x);")
        let migrator = Migrator(migrations: [one, two, three])
        XCTAssertEqual(try migrator.plan(for: db).problems, [.outOfOrder(pending: 2, highestApplied: 3)])
        XCTAssertThrowsError(try migrator.migrate(db, stamp: stamp))
    }

    func testAFailingMigrationLeavesTheEarlierOnesCommittedAndTheHistoryConsistent() throws {
        let db = try Connection(path: path("fail.db"), mode: .create)
        let one = try migration("0001_one.sql", "CREATE TABLE one (x);")
        let bad = try migration("0002_bad.sql", "CREATE TABLE half (x);\nINSERT INTO no_such_table VALUES (1);\n")
        XCTAssertThrowsError(try Migrator(migrations: [one, bad]).migrate(db, stamp: stamp)) { error in
            XCTAssertEqual((error as? SQLiteError)?.sql, "INSERT INTO no_such_table VALUES (1);")
        }
        XCTAssertEqual(try db.rows("SELECT version FROM schema_migrations").map { $0[0] }, [.integer(1)])
        XCTAssertEqual(try db.scalarInt("SELECT count(*) FROM sqlite_master WHERE name = 'half'"), 0)
        XCTAssertEqual(try db.scalarInt("SELECT count(*) FROM sqlite_master WHERE name = 'one'"), 1)
        XCTAssertFalse(db.isInTransaction)
    }

    func testAMigrationThatBreaksForeignKeysIsRolledBack() throws {
        let db = try Connection(path: path("fk.db"), mode: .create)
        let one = try migration("0001_one.sql", "CREATE TABLE parent (id INTEGER PRIMARY KEY);")
        // Defer the check to commit time so the statement itself succeeds.
        let two = try migration("0002_two.sql", """
            CREATE TABLE child (p INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);
            INSERT INTO child VALUES (42);
            """)
        XCTAssertThrowsError(try Migrator(migrations: [one, two]).migrate(db, stamp: stamp)) { error in
            guard case MigrationError.foreignKeyViolations(version: 2, _) = error else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(try db.scalarInt("SELECT max(version) FROM schema_migrations"), 1)
        XCTAssertEqual(try db.scalarInt("SELECT count(*) FROM sqlite_master WHERE name = 'child'"), 0)
    }

    func testADatabaseWithDataIsBackedUpAndVerifiedBeforeMigrating() throws {
        let db = try Connection(path: path("data.db"), mode: .create)
        let one = try migration("0001_one.sql", "CREATE TABLE one (x);")
        try Migrator(migrations: [one]).migrate(db, stamp: stamp, backupPath: path("none.backup"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("none.backup")), "an empty database needs no backup")
        try db.run("INSERT INTO one VALUES (7)")
        let two = try migration("0002_two.sql", "DROP TABLE one;")
        try Migrator(migrations: [one, two]).migrate(db, stamp: stamp, backupPath: path("before-0002.backup"))
        let copy = try Connection(path: path("before-0002.backup"), mode: .readOnly)
        XCTAssertEqual(try copy.scalarInt("SELECT x FROM one"), 7)
        XCTAssertEqual(try copy.scalarInt("SELECT max(version) FROM schema_migrations"), 1)
    }
}
