import Foundation
import XCTest

/// Runs the built `hallbar` binary as a user would, with `Foundation.Process`, and
/// gives stdout, stderr and the exit status (swift-argument-parser's example tests).
class CLITestCase: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hallbar-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    /// A path inside this test's folder.
    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// The package root (for Seeds/ and Migrations/).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The binary under test: `$HALLBAR_BIN` (set by `make test`), else the debug build.
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["HALLBAR_BIN"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return packageRoot.appendingPathComponent(".build/debug/hallbar")
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// True when the process died by a signal (then `status` is the signal's number,
        /// which a check like `status >= 0` would let pass).
        var killedBySignal = false
    }

    /// Runs hallbar with `arguments` in this test's folder; `HALLBAR_DB` unset unless given.
    @discardableResult
    func hallbar(_ arguments: [String], environment: [String: String] = [:], stdin: Data? = nil) throws -> Result {
        let process = Process()
        process.executableURL = CLITestCase.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["HALLBAR_DB"] = nil
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        if let stdin {
            let input = Pipe()
            process.standardInput = input
            try process.run()
            input.fileHandleForWriting.write(stdin)
            try input.fileHandleForWriting.close()
        } else {
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }
        return CLITestCase.finish(process, out: out, err: err)
    }

    /// Reads both pipes of a started `process` before waiting, so that a large output
    /// cannot block the child, then waits for it.
    static func finish(_ process: Process, out: Pipe, err: Pipe) -> Result {
        final class Box: @unchecked Sendable { var data = Data() }
        let errBox = Box()
        let group = DispatchGroup()
        group.enter()
        let errHandle = err.fileHandleForReading
        DispatchQueue.global().async {
            errBox.data = errHandle.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let errData = errBox.data
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self),
            killedBySignal: process.terminationReason == .uncaughtSignal)
    }

    /// Runs hallbar and fails the test unless it exits 0.
    @discardableResult
    func succeed(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> Result {
        let result = try hallbar(arguments)
        XCTAssertEqual(result.status, 0, "hallbar \(arguments.joined(separator: " ")): \(result.stderr)", file: file, line: line)
        return result
    }

    /// Runs `sqlite3` on a database (auditors' tool) and returns stdout, stderr and status.
    @discardableResult
    func sqlite3(_ database: String, _ sql: String) throws -> Result {
        try tool(["sqlite3", "-batch", database, sql])
    }

    /// Runs another program found on the PATH (`sqlite3`, `python3`, `sha256sum`) and
    /// returns its status, stdout and stderr.
    @discardableResult
    func tool(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return CLITestCase.finish(process, out: out, err: err)
    }

    /// Runs a shell command line in this test's folder (`chromium … | pdftotext …`): its status
    /// and stdout (stderr dropped).
    func runShell(_ command: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = directory
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Writes `text` (UTF-8) to a file in this test's folder and returns its path.
    @discardableResult
    func writeFile(_ name: String, _ text: String) throws -> String {
        let file = path(name)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// A ledger loaded with `hallbar seed` from the package's Seeds/ (market data included).
    func seededWithHallbar(_ name: String = "seeded.db") throws -> String {
        let db = path(name)
        try succeed(["seed", "--db", db, "--dir", CLITestCase.packageRoot.appendingPathComponent("Seeds").path])
        return db
    }

    /// `sqlite3 FILE .dump`, to prove a failed command changed nothing.
    func dump(_ database: String) throws -> String { try sqlite3(database, ".dump").stdout }
}
