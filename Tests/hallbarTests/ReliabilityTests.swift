import Foundation
import SQLite
import XCTest

/// The fast part of the reliability suite (`make reliability` runs the full one, see
/// docs/reliability.md): three kill points during an import, two writers at once,
/// hostile files and a file-size limit. Each test takes well under a few seconds.
final class ReliabilityTests: CLITestCase {
    static let stamp = "2024-01-01T00:00:00.000Z"

    /// A ledger with a member, a borrower and `loans` loans (R-1 …), imported with hallbar
    /// (every row has its place in the chain), its WAL checkpointed into the file.
    func ledger(_ name: String, loans: Int = 4) throws -> String {
        let db = path(name)
        try succeed(["init", "--db", db])
        let members = try writeFile("\(name)-members.csv", "org_no,name,municipality_code\n212000-2882,Provkommunen,0127\n")
        let borrowers = try writeFile("\(name)-borrowers.csv", "org_no,name,owner_org_no\n212000-2882,Provkommunen,212000-2882\n")
        let loanRows = (1...loans).map { "R-\($0),212000-2882,other,," }.joined(separator: "\n")
        let loanFile = try writeFile("\(name)-loans.csv", "loan_number,borrower_org_no,programme,project_number,green_bond_eligible\n\(loanRows)\n")
        for (kind, file) in [("members", members), ("borrowers", borrowers), ("loans", loanFile)] {
            try succeed(["import", kind, file, "--db", db, "--by", "test"])
        }
        let result = try sqlite3(db, "PRAGMA wal_checkpoint(TRUNCATE);")
        XCTAssertEqual(result.status, 0, result.stderr)
        return db
    }

    /// `hallbar verify` on `db` finds nothing.
    func assertVerifies(_ db: String, _ message: String = "", file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try hallbar(["verify", "--db", db])
        XCTAssertEqual(result.status, 0, "\(message) \(result.stdout)\(result.stderr)", file: file, line: line)
    }

    /// An entries file of `count` disbursements on loan `loan`, ids prefixed with `prefix`.
    func entriesFile(_ name: String, count: Int, loan: String = "R-1", prefix: String = "E") throws -> (path: String, ore: Int) {
        var text = "external_id,loan_number,value_date,amount_sek,kind\n"
        var total = 0
        for i in 1 ... count {
            let ore = 100 + i
            total += ore
            text += "\(prefix)-\(i),\(loan),2024-01-\(String(format: "%02d", 1 + i % 28)),\(ore / 100).\(String(format: "%02d", ore % 100)),disbursement\n"
        }
        let file = path(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return (file, total)
    }

    func totals(_ db: String) throws -> String {
        try sqlite3(db, "SELECT count(*) || ' ' || coalesce(sum(amount_ore), 0) FROM ledger_entries;").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func integrity(_ db: String) throws -> String {
        try sqlite3(db, "PRAGMA integrity_check; PRAGMA foreign_key_check;").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func launch(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = CLITestCase.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// kill -9 at three points of an import: all or none of the file, integrity intact,
    /// and importing again lands it exactly once. Each kill must land mid-import: the import
    /// holds the write lock (seen by a probe that cannot take it) and is still running when
    /// it is killed, so the file must then hold none of it.
    func testKillDuringImportLeavesAllOrNone() throws {
        let base = try ledger("base.db")
        let (file, ore) = try entriesFile("entries.csv", count: 60_000)
        let whole = "60000 \(ore)"
        for (index, delay) in [0.0, 0.05, 0.15].enumerated() {
            let db = path("kill-\(index).db")
            try FileManager.default.copyItem(atPath: base, toPath: db)
            let probe = try Connection(path: db, mode: .readWrite, busyTimeoutMilliseconds: 0)
            let process = try launch(["import", "entries", file, "--db", db])
            // Wait until the import's transaction holds the write lock.
            let deadline = Date().addingTimeInterval(30)
            var locked = false
            while !locked && process.isRunning && Date() < deadline {
                do {
                    try probe.execute("BEGIN IMMEDIATE")
                    try probe.execute("ROLLBACK")
                    Thread.sleep(forTimeInterval: 0.002)
                } catch let error as SQLiteError where error.isBusy {
                    locked = true
                }
            }
            try probe.close()
            Thread.sleep(forTimeInterval: delay)
            let running = process.isRunning
            if running { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            XCTAssertTrue(locked, "kill \(index): the import never took the write lock")
            XCTAssertTrue(running, "kill \(index) came after the import had finished: it did not land mid-import")
            XCTAssertEqual(process.terminationReason, .uncaughtSignal, "kill \(index)")
            XCTAssertEqual(try integrity(db), "ok", "kill \(index)")
            XCTAssertEqual(try totals(db), "0 0", "a kill mid-import leaves none of the file")
            try succeed(["import", "entries", file, "--db", db])
            XCTAssertEqual(try totals(db), whole, "re-import after kill \(index)")
            try assertVerifies(db, "after kill \(index)")
        }
    }

    /// Two imports of disjoint files and a disbursement at once: all succeed, totals exact.
    func testConcurrentWritersAllSucceed() throws {
        let db = try ledger("concurrent.db")
        let a = try entriesFile("a.csv", count: 3000, loan: "R-1", prefix: "A")
        let b = try entriesFile("b.csv", count: 3000, loan: "R-2", prefix: "B")
        let pipes = (0 ..< 3).map { _ in Pipe() }
        let commands = [
            ["import", "entries", a.path, "--db", db],
            ["import", "entries", b.path, "--db", db],
            ["disburse", "--loan", "R-3", "--date", "2024-06-30", "--amount", "1 000,50", "--id", "D-1", "--db", db],
        ]
        var processes: [Process] = []
        for (command, pipe) in zip(commands, pipes) {
            let process = Process()
            process.executableURL = CLITestCase.binary
            process.arguments = command
            process.standardOutput = FileHandle.nullDevice
            process.standardError = pipe
            try process.run()
            processes.append(process)
        }
        for (process, pipe) in zip(processes, pipes) {
            let err = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, err)
            XCTAssertFalse(err.contains("locked"), err)
        }
        XCTAssertEqual(try totals(db), "6001 \(a.ore + b.ore + 100_050)")
        XCTAssertEqual(try integrity(db), "ok")
        // One chain through the three writers' rows, each command's rows together.
        try assertVerifies(db)
        for prefix in ["A", "B"] {
            let span = try sqlite3(db, "SELECT max(entry_id) - min(entry_id) + 1 FROM ledger_entries WHERE external_id LIKE '\(prefix)-%';")
            XCTAssertEqual(span.stdout, "3000\n", "the rows of \(prefix) follow each other in the chain")
        }
    }

    /// Not a database, truncated, byte-flipped: a clear error, no crash, the file unchanged.
    func testHostileFilesAreRefusedAndLeftAlone() throws {
        let real = try ledger("real.db")
        let good = try Data(contentsOf: URL(fileURLWithPath: real))
        var flipped = good
        for offset in stride(from: 4096 + 17, to: flipped.count, by: 997) { flipped[offset] ^= 0x5A }
        let files: [(String, Data)] = [
            ("text.db", Data("org_no,name\n212000-0001,x\n".utf8)),
            ("truncated.db", good.prefix(good.count / 2)),
            ("flipped.db", flipped),
        ]
        for (name, bytes) in files {
            let file = path(name)
            try bytes.write(to: URL(fileURLWithPath: file))
            for command in [["migrate", "status"], ["report", "shares", "--as-of", "2024-12-31"], ["migrate"], ["init"]] {
                let result = try hallbar(command + ["--db", file])
                XCTAssertFalse(result.killedBySignal, "\(name) \(command): killed by signal \(result.status)")
                XCTAssertNotEqual(result.status, 70, "\(name) \(command): \(result.stderr)")
                if result.status != 0 {
                    XCTAssertTrue(result.stderr.hasPrefix("Error:"), "\(name) \(command): \(result.stderr)")
                }
                XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: file)), bytes, "\(name) \(command) wrote to the file")
            }
        }
        // A trigger injected with the sqlite3 shell that writes elsewhere: refused, not run.
        let injected = try ledger("trigger.db")
        XCTAssertEqual(try sqlite3(injected, "CREATE TRIGGER injected AFTER INSERT ON ledger_entries BEGIN "
            + "INSERT OR IGNORE INTO members VALUES (100000, '999999-9999', 'x', NULL, '\(Self.stamp)', 'x', NULL, zeroblob(32)); END;").status, 0)
        let (entries, _) = try entriesFile("few.csv", count: 3)
        let refused = try hallbar(["import", "entries", entries, "--db", injected])
        XCTAssertEqual(refused.status, 65, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("trigger injected"), refused.stderr)
        XCTAssertEqual(try sqlite3(injected, "SELECT count(*) FROM members;").stdout.trimmingCharacters(in: .whitespacesAndNewlines), "1")
        // A SQLite database that is not hallbar's is neither migrated nor touched.
        let foreign = path("foreign.db")
        XCTAssertEqual(try sqlite3(foreign, "CREATE TABLE t (x); INSERT INTO t VALUES (1);").status, 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: foreign))
        for command in [["migrate"], ["init"]] {
            let result = try hallbar(command + ["--db", foreign])
            XCTAssertEqual(result.status, 65, "\(command): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("not a hallbar ledger"), result.stderr)
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: foreign)), before, "\(command) wrote to a foreign database")
        }
    }

    /// A file-size limit (`ulimit -f`) during an import: exit 74, nothing partial.
    func testFileSizeLimitDuringImportIsAnIOError() throws {
        let db = try ledger("full.db")
        let (file, _) = try entriesFile("big.csv", count: 20_000)
        let size = (try FileManager.default.attributesOfItem(atPath: db)[.size] as? Int) ?? 0
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // ulimit -f counts 1024-byte blocks in dash and bash.
        process.arguments = ["-c", "ulimit -f \(size / 1024 + 64) && exec \"$0\" import entries \"$1\" --db \"$2\"",
                             CLITestCase.binary.path, file, db]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .exit, "killed by a signal: \(process.terminationStatus)")
        XCTAssertEqual(process.terminationStatus, 74, message)
        XCTAssertTrue(message.hasPrefix("Error:"), message)
        XCTAssertEqual(try totals(db), "0 0")
        XCTAssertEqual(try integrity(db), "ok")
    }
}
