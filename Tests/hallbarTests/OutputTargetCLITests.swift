import Foundation
import SQLite
import XCTest

/// Issue 17, finding 2: `--out` replaced the ledger, its WAL (losing a committed write) and
/// device nodes. One writer refuses every unsafe target (exit 73) and writes by rename.
final class OutputTargetCLITests: CLITestCase {
    var db: String!

    override func setUpWithError() throws {
        try super.setUpWithError()
        db = try seededWithHallbar("l.db")
    }

    func report(_ out: String) throws -> CLITestCase.Result {
        try hallbar(["report", "shares", "--db", db, "--as-of", "2024-12-31", "--out", out])
    }

    func bytes(_ file: String) -> Data? { FileManager.default.contents(atPath: file) }

    /// Exit 73 with `reason` in the message; the target and the ledger keep their bytes.
    func assertRefused(_ out: String, _ reason: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let ledgerBefore = bytes(db)
        var status = stat()
        let existed = lstat(out, &status) == 0
        let targetBefore = existed && (status.st_mode & S_IFMT) == S_IFREG ? bytes(out) : nil
        let result = try report(out)
        XCTAssertEqual(result.status, 73, "\(out): \(result.stderr)", file: file, line: line)
        XCTAssertTrue(result.stderr.hasPrefix("Error: cannot write the report to "), result.stderr, file: file, line: line)
        XCTAssertTrue(result.stderr.contains(reason), "\(out): expected \(reason) in \(result.stderr)", file: file, line: line)
        XCTAssertEqual(bytes(db), ledgerBefore, "the ledger changed", file: file, line: line)
        var after = stat()
        XCTAssertEqual(lstat(out, &after) == 0, existed, "\(out) appeared or vanished", file: file, line: line)
        if existed { XCTAssertEqual(after.st_mode & S_IFMT, status.st_mode & S_IFMT, "\(out) changed type", file: file, line: line) }
        if let targetBefore { XCTAssertEqual(bytes(out), targetBefore, "\(out) changed", file: file, line: line) }
        XCTAssertEqual(try leftovers(), [], file: file, line: line)
        try succeed(["verify", "--db", db], file: file, line: line)
    }

    /// Temporary files left in the test folder.
    func leftovers() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".") }
    }

    func testTheLedgerAndItsAliasesAreRefused() throws {
        try assertRefused(db, "it is the ledger this command reads")
        try FileManager.default.createDirectory(atPath: path("sub"), withIntermediateDirectories: true)
        try assertRefused(path("./sub/../l.db"), "it is the ledger this command reads")
        try assertRefused(path("sub/../l.db-wal"), "it is the ledger's l.db-wal")
        try FileManager.default.createSymbolicLink(atPath: path("alias.db"), withDestinationPath: "l.db")
        try assertRefused(path("alias.db"), "it is the ledger this command reads")
        // A second hard link: the ledger itself is refused (SQLite's WAL follows the name used,
        // so a write through one name could be lost through the other), before any --out.
        try FileManager.default.linkItem(atPath: db, toPath: path("hard.db"))
        let before = bytes(db)
        for target in [db!, path("hard.db")] {
            let linked = try hallbar(["report", "shares", "--db", target, "--as-of", "2024-12-31", "--out", path("x.txt")])
            XCTAssertEqual(linked.status, 66, linked.stderr)
            XCTAssertTrue(linked.stderr.contains("has 2 hard links"), linked.stderr)
        }
        XCTAssertEqual(bytes(db), before)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("x.txt")))
        try FileManager.default.removeItem(atPath: path("hard.db"))
        // The ledger's journal files, whether or not they exist now.
        try assertRefused(db + "-wal", "it is the ledger's l.db-wal")
        try assertRefused(db + "-shm", "it is the ledger's l.db-shm")
        try assertRefused(db + "-journal", "it is the ledger's l.db-journal")
        try FileManager.default.createSymbolicLink(atPath: path("wal-link"), withDestinationPath: "l.db-wal")
        try assertRefused(path("wal-link"), "it is the ledger's l.db-wal")
    }

    /// The review lost a committed disbursement that sat in the WAL and verify stayed silent.
    func testAWALWithACommittedWriteIsKept() throws {
        // A connection kept open keeps the WAL (only the last one to close checkpoints it).
        let holder = try Connection(path: db, mode: .readOnly)
        defer { try? holder.close() }
        _ = try holder.scalarInt("SELECT count(*) FROM ledger_entries")
        try succeed(["disburse", "--db", db, "--loan", "220001", "--date", "2025-05-02", "--amount", "123", "--id", "IN-WAL"])
        XCTAssertGreaterThan(bytes(db + "-wal")?.count ?? 0, 0, "the write should sit in the WAL")
        try assertRefused(db + "-wal", "it is the ledger's l.db-wal")
        try holder.close()
        XCTAssertEqual(try sqlite3(db, "SELECT count(*) FROM ledger_entries WHERE external_id = 'IN-WAL'").stdout, "1\n")
    }

    func testSQLiteFilesDevicesFIFOsSocketsAndFoldersAreRefused() throws {
        let copy = path("copy.db")
        try succeed(["backup", "--db", db, copy])
        try assertRefused(copy, "it is a SQLite database")
        try assertRefused(path("."), "it is a folder")
        XCTAssertEqual(mkfifo(path("fifo"), 0o600), 0)
        try assertRefused(path("fifo"), "it is a FIFO")
        try makeSocket(path("sock"))
        try assertRefused(path("sock"), "it is a socket")
        if getuid() == 0 {
            // A device node of our own (1,3 is /dev/null): never replaced by a regular file.
            XCTAssertEqual(mknod(path("null"), S_IFCHR | 0o600, dev_t((1 << 8) | 3)), 0)
            try assertRefused(path("null"), "it is a character device")
        }
        // The WAL of some other SQLite database, even before it exists.
        try assertRefused(copy + "-wal", "copy.db-wal belongs to the SQLite database")
    }

    /// A Unix-domain socket file at `file` (bound, then closed: the file stays).
    func makeSocket(_ file: String) throws {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        XCTAssertGreaterThanOrEqual(fd, 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(file.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in bytes.prefix(raw.count - 1).enumerated() { raw[i] = byte }
        }
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        XCTAssertEqual(rc, 0, "bind \(file)")
    }

    /// A regular file is replaced whole by rename, through a link its target, and nothing
    /// temporary stays behind.
    func testRegularFilesAreReplacedByRename() throws {
        let out = path("shares.txt")
        try Data("old".utf8).write(to: URL(fileURLWithPath: out))
        XCTAssertEqual(chmod(out, 0o640), 0)
        var before = stat()
        lstat(out, &before)
        XCTAssertEqual(try report(out).status, 0)
        var after = stat()
        lstat(out, &after)
        XCTAssertNotEqual(after.st_ino, before.st_ino, "written to a new file and renamed")
        XCTAssertEqual(after.st_mode & 0o777, 0o640, "the old file's permissions are kept")
        XCTAssertTrue(String(decoding: bytes(out) ?? Data(), as: UTF8.self).contains("Huvudbokens hash"))
        try FileManager.default.createSymbolicLink(atPath: path("link.txt"), withDestinationPath: "shares.txt")
        try Data("old".utf8).write(to: URL(fileURLWithPath: out))
        XCTAssertEqual(try report(path("link.txt")).status, 0)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: path("link.txt")), "shares.txt")
        XCTAssertTrue(String(decoding: bytes(out) ?? Data(), as: UTF8.self).contains("Huvudbokens hash"))
        XCTAssertEqual(try leftovers(), [])
    }
}
