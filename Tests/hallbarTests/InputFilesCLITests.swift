import Foundation
import XCTest

/// Issue 17, finding 8: the checksum of an import from a FIFO was that of other bytes than
/// the ones imported; `--db` on a FIFO hung and on a folder blamed the disk; `init` through
/// a dangling link made a world-readable file; a WAL ledger in a read-only folder could not
/// be read at all.
final class InputFilesCLITests: CLITestCase {
    /// Runs hallbar with a watchdog: a run that does not end in `seconds` is killed (and
    /// reported as status -1) instead of hanging the suite.
    func hallbarWithin(_ seconds: Double, _ arguments: [String], stdin: Data? = nil) throws -> CLITestCase.Result {
        let process = Process()
        process.executableURL = CLITestCase.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        if let stdin {
            input.fileHandleForWriting.write(stdin)
            try input.fileHandleForWriting.close()
        }
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let hung = process.isRunning
        if hung { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return Result(status: hung ? -1 : process.terminationStatus,
                      stdout: String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
                      stderr: String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    static let members = "org_no,name,municipality_code\n212000-0001,Provkommunen,0180\n212000-0019,Andra kommunen,0181\n212000-0027,Tredje kommunen,0182\n"

    func sha256(_ text: String) throws -> String {
        let file = path("for-sha.csv")
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", file]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        process.waitUntilExit()
        return String(String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(64))
    }

    func testAnImportFromAFIFORecordsTheChecksumOfTheBytesImported() throws {
        let db = path("l.db")
        try succeed(["init", "--db", db])
        let fifo = path("members.csv")
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        // One writer writes the file once, as `cat members.csv > fifo` would.
        let writer = Thread {
            guard let handle = FileHandle(forWritingAtPath: fifo) else { return }
            handle.write(Data(Self.members.utf8))
            try? handle.close()
        }
        writer.start()
        let result = try hallbarWithin(30, ["import", "members", fifo, "--db", db])
        if result.status == -1 {
            // Free a writer still waiting for a reader (never block here ourselves).
            let fd = open(fifo, O_RDONLY | O_NONBLOCK)
            Thread.sleep(forTimeInterval: 0.2)
            if fd >= 0 { close(fd) }
        }
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try sqlite3(db, "SELECT rows_new || ' ' || file_sha256 FROM import_batches").stdout,
                       "3 \(try sha256(Self.members))\n")
        // Standard input, as /dev/stdin.
        let other = path("o.db")
        try succeed(["init", "--db", other])
        let piped = try hallbarWithin(30, ["import", "members", "/dev/stdin", "--db", other], stdin: Data(Self.members.utf8))
        XCTAssertEqual(piped.status, 0, piped.stderr)
        XCTAssertEqual(try sqlite3(other, "SELECT rows_new || ' ' || file_sha256 FROM import_batches").stdout,
                       "3 \(try sha256(Self.members))\n")
    }

    func testAFolderToImportIsNamedAsOne() throws {
        let db = path("l.db")
        try succeed(["init", "--db", db])
        try FileManager.default.createDirectory(atPath: path("dir.csv"), withIntermediateDirectories: true)
        let result = try hallbar(["import", "members", path("dir.csv"), "--db", db])
        XCTAssertEqual(result.status, 66, result.stderr)
        XCTAssertTrue(result.stderr.contains("is a folder"), result.stderr)
    }

    func testDbOnAFIFOOrAFolderIsRefusedAtOnce() throws {
        let fifo = path("fifo.db")
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        try FileManager.default.createDirectory(atPath: path("folder.db"), withIntermediateDirectories: true)
        for (target, what) in [(fifo, "a FIFO (named pipe)"), (path("folder.db"), "a folder")] {
            for command in [["report", "shares", "--as-of", "2024-12-31"], ["verify"], ["query", "SELECT 1"], ["init"],
                            ["disburse", "--loan", "L", "--date", "2024-01-01", "--amount", "1"], ["migrate", "status"]] {
                let result = try hallbarWithin(20, command + ["--db", target])
                XCTAssertNotEqual(result.status, -1, "\(command) on \(what) hung")
                XCTAssertEqual(result.status, 66, "\(command) on \(what): \(result.stderr)")
                XCTAssertTrue(result.stderr.contains("is \(what), not a ledger file"), "\(command): \(result.stderr)")
            }
        }
    }

    func testInitThroughADanglingLinkMakesAPrivateFile() throws {
        try FileManager.default.createSymbolicLink(atPath: path("link.db"), withDestinationPath: "target.db")
        try succeed(["init", "--db", path("link.db")])
        let attributes = try FileManager.default.attributesOfItem(atPath: path("target.db"))
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        try succeed(["verify", "--db", path("link.db")])
    }

    /// Reports, verify and query on a ledger in a folder SQLite cannot write.
    func testAWALLedgerInAReadOnlyFolderIsReadable() throws {
        let source = try seededWithHallbar("l.db")
        let folder = path("ro")
        guard let undo = try ReadOnlyFolder.make(folder, filling: { try FileManager.default.copyItem(atPath: source, toPath: $0 + "/l.db") }) else {
            throw XCTSkip("cannot make a read-only folder here")
        }
        defer { undo() }
        let ledger = folder + "/l.db"
        XCTAssertEqual(try sqlite3(source, "PRAGMA journal_mode").stdout, "wal\n", "a WAL ledger")
        let expected = try succeed(["report", "shares", "--db", source, "--as-of", "2024-12-31", "--format", "json"]).stdout
        let shares = try succeed(["report", "shares", "--db", ledger, "--as-of", "2024-12-31", "--format", "json"]).stdout
        XCTAssertEqual(shares.replacingOccurrences(of: #""generated_at": "[^"]*""#, with: "", options: .regularExpression)
                           .replacingOccurrences(of: ledger, with: source),
                       expected.replacingOccurrences(of: #""generated_at": "[^"]*""#, with: "", options: .regularExpression))
        try succeed(["report", "social", "--db", ledger, "--as-of", "2024-12-31"])
        try succeed(["report", "followup", "--db", ledger, "--year", "2023"])
        try succeed(["verify", "--db", ledger])
        XCTAssertEqual(try succeed(["query", "SELECT count(*) AS n FROM ledger_entries", "--format", "csv", "--db", ledger]).stdout,
                       try succeed(["query", "SELECT count(*) AS n FROM ledger_entries", "--format", "csv", "--db", source]).stdout)
        // A write there still fails, clearly.
        let write = try hallbar(["disburse", "--loan", "220001", "--date", "2025-01-01", "--amount", "1", "--db", ledger])
        XCTAssertNotEqual(write.status, 0)
        XCTAssertTrue(write.stderr.hasPrefix("Error: "), write.stderr)
    }
}

/// A folder this process cannot write: a read-only tmpfs as root, else mode 0555.
enum ReadOnlyFolder {
    static func make(_ folder: String, filling: (String) throws -> Void) throws -> (() -> Void)? {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if getuid() == 0 {
            guard run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", folder]) else { return nil }
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
}
