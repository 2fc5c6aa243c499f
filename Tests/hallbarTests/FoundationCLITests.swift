import Foundation
import LedgerStore
import XCTest

final class FoundationCLITests: CLITestCase {
    func testVersionAndHelpGoToStdoutWithExitZero() throws {
        let version = try succeed(["--version"])
        XCTAssertTrue(version.stdout.hasPrefix("0."), version.stdout)
        XCTAssertEqual(version.stderr, "")
        let help = try succeed(["--help"])
        XCTAssertTrue(help.stdout.contains("USAGE: hallbar <subcommand>"))
        for command in ["init", "migrate", "seed", "import", "disburse", "repay", "reverse", "reading", "followup",
                        "report", "assert", "verify", "query", "backup"] {
            XCTAssertTrue(help.stdout.contains("\n  \(command) "), "help does not list \(command)")
        }
        XCTAssertEqual(try succeed(["-h"]).stdout, help.stdout)
    }

    func testEveryCommandHasHelpInBothForms() throws {
        for path in [["init"], ["migrate"], ["migrate", "status"], ["import"], ["report"], ["report", "shares"],
                     ["report", "followup"], ["followup", "approve"], ["verify"], ["query"], ["backup"]] {
            let dashed = try succeed(path + ["--help"])
            XCTAssertTrue(dashed.stdout.hasPrefix("OVERVIEW: "), "\(path)")
            XCTAssertTrue(dashed.stdout.contains("USAGE: hallbar \(path.joined(separator: " "))"), "\(path): \(dashed.stdout)")
            let word = try succeed(["help"] + path)
            XCTAssertEqual(word.stdout, dashed.stdout, "\(path)")
        }
        // A group without a subcommand prints its help.
        XCTAssertTrue(try succeed(["report"]).stdout.contains("SUBCOMMANDS:"))
    }

    func testUsageErrorsGoToStderrWithExit64() throws {
        for arguments in [["frobnicate"], ["init", "--bogus"], ["report", "shares", "--as-of"], ["report", "nothing"],
                          ["migrate", "up", "extra"], ["query"]] {
            let result = try hallbar(arguments)
            XCTAssertEqual(result.status, 64, "\(arguments)")
            XCTAssertEqual(result.stdout, "", "\(arguments)")
            let lines = result.stderr.split(separator: "\n")
            XCTAssertTrue(lines.first?.hasPrefix("Error: ") ?? false, "\(arguments): \(result.stderr)")
            XCTAssertTrue(lines.dropFirst().first?.hasPrefix("Usage: hallbar") ?? false, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("See 'hallbar"), "\(arguments)")
        }
    }

    func testInitThenMigrateVerifyAndStatus() throws {
        let db = path("ledger.db")
        let created = try succeed(["init", "--db", db])
        XCTAssertTrue(created.stdout.contains("Created"))
        let attributes = try FileManager.default.attributesOfItem(atPath: db)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        let verify = try succeed(["migrate", "verify", "--db", db])
        XCTAssertEqual(verify.stdout, "")
        let status = try succeed(["migrate", "status", "--db", db])
        XCTAssertTrue(status.stdout.contains("0001     applied"), status.stdout)
        XCTAssertTrue(try succeed(["migrate", "--db", db]).stdout.contains("up to date"))
        XCTAssertTrue(try succeed(["migrate", "up", "--dry-run", "--db", db]).stdout.contains("up to date"))
        // init never overwrites.
        XCTAssertEqual(try hallbar(["init", "--db", db]).status, 73)
    }

    func testDatabaseComesFromFlagThenEnvironmentThenDefault() throws {
        try succeed(["init"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: path("hallbar.db")))
        let env = try hallbar(["init"], environment: ["HALLBAR_DB": path("env.db")])
        XCTAssertEqual(env.status, 0, env.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path("env.db")))
        let flag = try hallbar(["init", "--db", path("flag.db")], environment: ["HALLBAR_DB": path("unused.db")])
        XCTAssertEqual(flag.status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("unused.db")))
    }

    func testAReportOnAMissingFileExits66WithoutCreatingIt() throws {
        let db = path("missing.db")
        for arguments in [["report", "shares", "--as-of", "2024-12-31"], ["migrate", "status"], ["migrate", "verify"],
                          ["verify"], ["report", "social", "--as-of", "2025-03-18"]] {
            let result = try hallbar(arguments + ["--db", db])
            XCTAssertEqual(result.status, 66, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("hallbar init"), result.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: db), "\(arguments) created the file")
        }
    }

    func testAChangedChecksumIsRefusedByMigrateVerifyAndEveryReport() throws {
        let db = path("tampered.db")
        try succeed(["init", "--db", db])
        // The migration history is append-only: the shell is refused until the trigger is dropped.
        let refused = try sqlite3(db, "UPDATE schema_migrations SET checksum = replace(checksum, substr(checksum, 1, 1), 'f') WHERE version = 1;")
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("the migration history is append-only"), refused.stderr)
        let update = try sqlite3(db, """
            DROP TRIGGER schema_migrations_no_update;
            UPDATE schema_migrations SET checksum = replace(checksum, substr(checksum, 1, 1), 'f') WHERE version = 1;
            """)
        XCTAssertEqual(update.status, 0, update.stderr)
        let verify = try hallbar(["migrate", "verify", "--db", db])
        XCTAssertEqual(verify.status, 65)
        XCTAssertTrue(verify.stderr.contains("checksum"), verify.stderr)
        for arguments in [["report", "shares", "--as-of", "2024-12-31"], ["report", "social", "--as-of", "2025-03-18"],
                          ["report", "followup", "--year", "2023"]] {
            let result = try hallbar(arguments + ["--db", db])
            XCTAssertEqual(result.status, 65, "\(arguments)")
            XCTAssertTrue(result.stderr.contains("does not match this hallbar's migrations"), result.stderr)
            XCTAssertTrue(result.stderr.contains("checksum"), result.stderr)
        }
        // verify reports it as a finding line instead (VerifyTests), and the dropped trigger too.
        let lines = try hallbar(["verify", "--db", db]).stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 2, "\(lines)")
        XCTAssertTrue(lines.first?.hasPrefix("migrations: migration 0001 was applied with checksum") ?? false, "\(lines)")
        XCTAssertEqual(lines.last, "schema: trigger schema_migrations_no_update is missing (the migrations create it)")
    }

    func testANewerDatabaseIsRefused() throws {
        let db = path("newer.db")
        try succeed(["init", "--db", db])
        try sqlite3(db, "INSERT INTO schema_migrations VALUES (9999, 'from the future', '\(String(repeating: "0", count: 64))', '2030-01-01T00:00:00.000Z', 'someone', 1);")
        let result = try hallbar(["report", "shares", "--as-of", "2024-12-31", "--db", db])
        XCTAssertEqual(result.status, 65)
        XCTAssertTrue(result.stderr.contains("newer"), result.stderr)
        XCTAssertEqual(try hallbar(["migrate", "up", "--db", db]).status, 65)
    }

    func testANonDatabaseFileIsRefusedAndLeftAlone() throws {
        let file = path("notes.db")
        let text = Data(String(repeating: "hello auditors\n", count: 300).utf8)
        try text.write(to: URL(fileURLWithPath: file))
        for arguments in [["migrate", "status"], ["report", "shares", "--as-of", "2024-12-31"], ["migrate", "up"], ["init"]] {
            let result = try hallbar(arguments + ["--db", file])
            XCTAssertNotEqual(result.status, 0, "\(arguments)")
            XCTAssertTrue(result.stderr.contains("not"), result.stderr)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: file)), text)
    }

    func testAppendOnlyTablesRefuseUpdateAndDeleteInTheSqlite3Shell() throws {
        let db = path("append.db")
        try succeed(["init", "--db", db])
        // Every chained table, the reference data and the migration history.
        let tables = ChainedTable.allCases.map(\.name) + SchemaCheck.referenceTables + ["schema_migrations"]
        for table in tables {
            let triggers = try sqlite3(db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = '\(table)' AND (sql LIKE '%BEFORE UPDATE%' OR sql LIKE '%BEFORE DELETE%');")
            XCTAssertEqual(triggers.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "2", table)
        }
        // Rows that exist after init: the shell is refused, and nothing changes.
        let before = try dump(db)
        for sql in ["UPDATE schema_migrations SET applied_by = 'mallory'", "DELETE FROM schema_migrations",
                    "UPDATE import_kinds SET description = 'x'", "DELETE FROM municipalities",
                    "UPDATE market_class_bounds SET source = source", "DELETE FROM vacancy_2013"] {
            let result = try sqlite3(db, sql + ";")
            XCTAssertNotEqual(result.status, 0, sql)
            XCTAssertTrue(result.stderr.contains("append-only") || result.stderr.contains("reference data comes from the migrations"),
                          "\(sql): \(result.stderr)")
        }
        XCTAssertEqual(try dump(db), before)
    }
}
