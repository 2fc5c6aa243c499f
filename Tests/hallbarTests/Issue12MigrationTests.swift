import Foundation
import XCTest

/// Issue 12: "a ledger made by the previous release migrates and verifies clean".
///
/// `Tests/Fixtures/ledger-0003.sql` is `sqlite3 old.db .dump` of a ledger made by hallbar
/// 5330696 (schema 0003) with `Tests/Fixtures/make-ledger-0003.sh`: the demo seed, three
/// disbursements, a repayment, a reversal, two readings for 2024, the 2023 follow-up approved
/// on 2024-03-20, two balance assertions, and project 30 imported after projects 5001–5009
/// (which that release's own verify reported as tampered). The `ledger-0003-*.json` files are
/// what that release's reports printed on it. The test loads the dump, runs this binary's
/// `migrate` and `verify`, and compares the reports' figures with the old ones.
final class Issue12MigrationTests: CLITestCase {
    static let fixtures = CLITestCase.packageRoot.appendingPathComponent("Tests/Fixtures")

    /// A new file loaded from the dump (optionally edited first).
    func oldLedger(_ name: String = "old.db", edit: ((String) -> String)? = nil) throws -> String {
        var sql = try String(contentsOf: Self.fixtures.appendingPathComponent("ledger-0003.sql"), encoding: .utf8)
        if let edit {
            let edited = edit(sql)
            XCTAssertNotEqual(edited, sql, "the edit changed nothing")
            sql = edited
        }
        let script = try writeFile(name + ".sql", sql)
        let db = path(name)
        let load = try sqlite3(db, ".read '\(script)'")
        XCTAssertEqual(load.status, 0, load.stderr)
        XCTAssertEqual(load.stderr, "")
        XCTAssertEqual(try sqlite3(db, "SELECT group_concat(version) FROM schema_migrations").stdout, "1,2,3\n",
                       "the fixture is a ledger of schema 0003")
        return db
    }

    @discardableResult
    func run(_ arguments: [String], _ db: String, file: StaticString = #filePath, line: UInt = #line) throws -> Result {
        let result = try hallbar(arguments + ["--db", db])
        XCTAssertEqual(result.status, 0, "hallbar \(arguments.joined(separator: " ")): \(result.stdout)\(result.stderr)", file: file, line: line)
        return result
    }

    func object(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not JSON: \(text.prefix(200))")
    }

    func fixture(_ name: String) throws -> [String: Any] {
        try object(try String(contentsOf: Self.fixtures.appendingPathComponent(name), encoding: .utf8))
    }

    /// A report as JSON without its `meta` (who ran it, when, on which file, the head).
    func figures(_ object: [String: Any]) -> NSDictionary {
        var copy = object
        copy["meta"] = nil
        return copy as NSDictionary
    }

    /// Per indicator of a follow-up report: what the committee reads.
    func statuses(_ report: [String: Any]) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for project in report["projects"] as? [[String: Any]] ?? [] {
            for indicator in project["indicators"] as? [[String: Any]] ?? [] {
                let id = indicator["indicator_id"] as? String ?? "?"
                result[id] = ["status", "value", "previous", "baseline", "target_text", "changed_since_approval"].map {
                    "\($0)=\(indicator[$0].map { "\($0)" } ?? "nil")"
                }
            }
        }
        return result
    }

    func testALedgerOfThePreviousReleaseMigratesVerifiesAndReportsTheSameFigures() throws {
        let db = try oldLedger()
        XCTAssertEqual(try sqlite3(db, "SELECT count(*) FROM projects WHERE project_number = 30").stdout, "1\n")
        XCTAssertEqual(try sqlite3(db, "SELECT DISTINCT rule_version FROM followup_approvals").stdout, "domain.md 2025 rules v1\n")
        // This binary refuses to write to it before it is migrated.
        XCTAssertNotEqual(try hallbar(["disburse", "--loan", "220026", "--date", "2025-03-01", "--amount", "1", "--db", db]).status, 0)

        let migrate = try run(["migrate"], db)
        XCTAssertTrue(migrate.stdout.contains("applied 0004"), migrate.stdout)
        // Every migration of this build applied, 0004 (the one chain) among them.
        let files = try FileManager.default.contentsOfDirectory(atPath: CLITestCase.packageRoot.appendingPathComponent("Migrations").path)
            .filter { $0.hasSuffix(".sql") }
        XCTAssertEqual(try sqlite3(db, "SELECT group_concat(version) FROM schema_migrations").stdout,
                       (1...files.count).map(String.init).joined(separator: ",") + "\n")
        let verify = try hallbar(["verify", "--db", db])
        XCTAssertEqual(verify.status, 0, "the migrated ledger has findings: \(verify.stdout)")
        XCTAssertEqual(verify.stdout, "")
        XCTAssertTrue(try run(["migrate"], db).stdout.contains("up to date"))

        for (date, name) in [("2024-12-31", "ledger-0003-shares-2024-12-31.json"), ("2025-06-30", "ledger-0003-shares-2025-06-30.json")] {
            let now = try object(try run(["report", "shares", "--as-of", date, "--format", "json"], db).stdout)
            XCTAssertEqual(figures(now), figures(try fixture(name)), "report shares --as-of \(date) differs after migrating")
        }
        let social = try object(try run(["report", "social", "--as-of", "2025-06-30", "--format", "json"], db).stdout)
        XCTAssertEqual(figures(social), figures(try fixture("ledger-0003-social-2025-06-30.json")))
        for year in ["2023", "2024"] {
            let old = try fixture("ledger-0003-followup-\(year).json")
            let now = try object(try run(["report", "followup", "--year", year, "--format", "json"], db).stdout)
            XCTAssertEqual(statuses(now), statuses(old), "the \(year) follow-up differs after migrating")
            XCTAssertFalse(statuses(now).isEmpty)
            let keys = ["revision", "approved_on", "approved_by", "recorded_at", "rule_version", "ledger_head_hash", "note",
                        "changed_indicators"]
            let oldApproval = old["approval"] as? [String: Any], newApproval = now["approval"] as? [String: Any]
            XCTAssertEqual(oldApproval == nil, newApproval == nil, "\(year): approved before, not after (or the other way)")
            for key in keys where oldApproval != nil {
                XCTAssertEqual("\(newApproval?[key] ?? "nil")", "\(oldApproval?[key] ?? "nil")", "\(year) approval: \(key)")
            }
        }
        XCTAssertNotNil((try fixture("ledger-0003-followup-2023.json"))["approval"] as? [String: Any], "2023 was approved")
    }

    func testTheMigratedLedgerTakesNewWritesAndStaysClean() throws {
        let db = try oldLedger()
        try run(["migrate"], db)
        try run(["disburse", "--loan", "220024", "--date", "2025-05-02", "--amount", "1 000 000", "--id", "NEW-1"], db)
        try run(["reverse", "--entry", "OLD-D3", "--reason", "Fel belopp"], db)
        try run(["amend", "project", "30", "--title", "Trygga mötesplatser Hallunda och Norsborg", "--reason", "Rättelse",
                 "--date", "2025-06-01"], db)
        try run(["amend", "reading", "--indicator", "ALBY-TRIVSEL-LGH", "--year", "2023", "--value", "76", "--reason", "Felinmatat",
                 "--date", "2024-05-02"], db)
        let approve = try run(["followup", "approve", "--year", "2023", "--date", "2024-06-01"], db)
        XCTAssertTrue(approve.stdout.contains("revision 2"), approve.stdout)
        try run(["decide", "--indicator", "ALBY-HYRESNIVA", "--year", "2023", "--met", "--reason", "Beslut", "--date", "2024-02-01"], db)
        try run(["close", "--through", "2024-12-31", "--reason", "Bokslut"], db)
        let history = try object(try run(["history", "project", "30", "--format", "json"], db).stdout)
        XCTAssertEqual((history["revisions"] as? [Any])?.count, 2)
        let verify = try hallbar(["verify", "--db", db])
        XCTAssertEqual(verify.status, 0, verify.stdout)
        // The head a report prints now is held.
        let shares = try object(try run(["report", "shares", "--as-of", "2025-06-30", "--format", "json"], db).stdout)
        let head = try XCTUnwrap((shares["meta"] as? [String: Any])?["ledger_head"] as? String)
        XCTAssertTrue(try run(["verify", "--against", head], db).stdout.contains("nothing written since"))
    }

    /// The old chain is checked before it is re-linked: a row changed outside hallbar before
    /// migrating is refused (exit 65) and the file is left as it was.
    func testALedgerTamperedBeforeMigratingIsRefusedAndLeftUnchanged() throws {
        let edits: [(what: String, old: String, new: String)] = [
            ("a ledger entry's amount", "VALUES(82,'OLD-D1',25,'2024-11-15','disbursement',1000000000,1000000000,",
             "VALUES(82,'OLD-D1',25,'2024-11-15','disbursement',9000000000,9000000000,"),
            ("a ledger entry's value date", "VALUES(1,'E-000001',37,'2021-12-15',", "VALUES(1,'E-000001',37,'2021-12-16',"),
            ("a project's approved amount", "VALUES(5001,'green','556900-1117','Kraftvärme, solpark och fjärrvärme (aggregat)','renewable_energy',NULL,1800000000000,",
             "VALUES(5001,'green','556900-1117','Kraftvärme, solpark och fjärrvärme (aggregat)','renewable_energy',NULL,9800000000000,"),
            ("a reading's value", "'ALBY-TRIVSEL-LGH',2023,'86.0','number','86','86'", "'ALBY-TRIVSEL-LGH',2023,'96.0','number','96','96'"),
        ]
        for (index, edit) in edits.enumerated() {
            let db = try oldLedger("tampered-\(index).db") { sql in
                XCTAssertEqual(sql.components(separatedBy: edit.old).count, 2, "\(edit.what): the dump has no single \(edit.old)")
                return sql.replacingOccurrences(of: edit.old, with: edit.new)
            }
            let before = try dump(db)
            let migrate = try hallbar(["migrate", "--db", db])
            XCTAssertEqual(migrate.status, 65, "\(edit.what): \(migrate.stdout)\(migrate.stderr)")
            XCTAssertTrue(migrate.stderr.contains("old hash chain"), "\(edit.what): \(migrate.stderr)")
            XCTAssertTrue(try dump(db) == before, "\(edit.what): the refused migration changed the file")
            XCTAssertEqual(try sqlite3(db, "SELECT max(version) FROM schema_migrations").stdout, "3\n")
            XCTAssertNotEqual(try hallbar(["verify", "--db", db]).status, 0, "\(edit.what): verify passes an unmigrated ledger")
        }
    }
}
