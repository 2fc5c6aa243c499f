import Foundation
import Ledger
import SQLite
import XCTest
@testable import LedgerStore

/// The schema's enumerated CHECKs (written as OR-chains of equalities rather than IN lists,
/// see Migrations/0001_initial_schema.sql) accept exactly their listed values: each listed
/// value is stored, and anything else, including a different case, a trailing space and the
/// empty text, is refused by the CHECK, from plain SQL as from the sqlite3 shell.
final class SchemaCheckTests: XCTestCase {
    var directory: URL!
    var db: Connection!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hallbar-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let fixture = try LedgerFixture(path: directory.appendingPathComponent("ledger.db").path)
        try fixture.loadSeeds()
        db = fixture.db
        try db.execute("""
            INSERT INTO import_batches (batch_id, kind, file_name, file_sha256, rows_in_file, rows_new, rows_already_present,
                                        recorded_at, recorded_by)
            VALUES (1, 'entries', 'e.csv', printf('%064d', 0), 0, 0, 0, '2025-01-01T00:00:00.000Z', 't')
            """)
        try db.execute("""
            INSERT INTO followup_approvals (approval_id, year, revision, approved_on, rule_version, ledger_head_hash,
                                            recorded_at, recorded_by, chain_hash)
            VALUES (1, 2024, 1, '2025-01-10', '1', 'sha256:x', '2025-01-01T00:00:00.000Z', 't', zeroblob(32))
            """)
    }

    override func tearDownWithError() throws {
        try? db?.close()
        try? FileManager.default.removeItem(at: directory)
    }

    /// A copy of the table's first row (or of the given literal row) with `column` set to
    /// `value` and the keys made fresh; nil when stored, the error when refused.
    func insert(_ table: String, _ column: String, _ value: SQLValue) -> SQLiteError? {
        let sql: String
        switch table {
        case "import_batches":
            sql = """
                INSERT INTO import_batches (batch_id, kind, file_name, file_sha256, rows_in_file, rows_new,
                    rows_already_present, recorded_at, recorded_by)
                SELECT max(batch_id) + 1, ?1, 'f.csv', printf('%064d', 0), 0, 0, 0, '2025-01-01T00:00:00.000Z', 't'
                FROM import_batches
                """
        case "projects":
            sql = """
                INSERT INTO projects SELECT (SELECT max(project_number) + 1 FROM projects), programme, borrower_org_no, title,
                    \(column == "category" ? "?1" : "category"), investment_type, approved_ore, decision_date,
                    \(column == "status" ? "?1" : "status"), framework_version, total_cost_ore,
                    req_practice_innovation_quality, req_systematic_work, req_defined_target_group, req_long_term,
                    req_goals_and_evaluation, physical_investment, social_intervention, social_goals, recorded_at,
                    recorded_by, batch_id, chain_hash
                FROM projects WHERE programme = 'green' AND status = 'approved' ORDER BY project_number LIMIT 1
                """
        case "loans":
            sql = """
                INSERT INTO loans (loan_id, loan_number, borrower_org_no, programme, project_number, green_bond_eligible,
                                   recorded_at, recorded_by)
                SELECT (SELECT max(loan_id) + 1 FROM loans), 'L-new-' || ((SELECT max(loan_id) FROM loans) + 1),
                       borrower_org_no, ?1, NULL, NULL, recorded_at, recorded_by
                FROM loans ORDER BY loan_id LIMIT 1
                """
        case "ledger_entries":
            sql = """
                INSERT INTO ledger_entries (entry_id, external_id, loan_id, value_date, kind, amount_ore, balance_effect_ore,
                    recorded_at, recorded_by, chain_hash)
                SELECT (SELECT max(entry_id) + 1 FROM ledger_entries), 'E-new-' || ((SELECT max(entry_id) FROM ledger_entries) + 1),
                       l.loan_id, '2024-01-01', ?1, 100, CASE ?1 WHEN 'repayment' THEN -100 ELSE 100 END,
                       '2025-01-01T00:00:00.000Z', 't', zeroblob(32)
                FROM loans l JOIN projects p ON p.project_number = l.project_number
                WHERE p.status = 'approved' ORDER BY l.loan_id LIMIT 1
                """
        case "indicators":
            sql = """
                INSERT INTO indicators (indicator_id, project_number, goal, name, direction, target, recorded_at, recorded_by)
                SELECT 'I-new-' || (SELECT count(*) FROM indicators), project_number, goal, name, ?1, target, recorded_at, recorded_by
                FROM indicators LIMIT 1
                """
        case "readings":
            sql = """
                INSERT INTO readings (reading_id, indicator_id, year, value_text, value_kind, value_low, value_high,
                                      recorded_at, recorded_by, chain_hash)
                SELECT (SELECT max(reading_id) + 1 FROM readings), indicator_id,
                       1900 + (SELECT count(*) FROM readings), 'x', ?1,
                       CASE ?1 WHEN 'text' THEN NULL ELSE '1' END, CASE ?1 WHEN 'text' THEN NULL ELSE '1' END,
                       recorded_at, recorded_by, zeroblob(32)
                FROM readings LIMIT 1
                """
        case "followup_approved_statuses":
            sql = """
                INSERT INTO followup_approved_statuses (approval_id, indicator_id, project_number, status, target_year_passed_unmet)
                SELECT 1, indicator_id, project_number, ?1, 0 FROM indicators
                WHERE indicator_id NOT IN (SELECT indicator_id FROM followup_approved_statuses) ORDER BY indicator_id LIMIT 1
                """
        case "balance_assertions":
            sql = """
                INSERT INTO balance_assertions (programme, as_of, expected_ore, recorded_at, recorded_by)
                VALUES (?1, '2024-12-31', 0, '2025-01-01T00:00:00.000Z', 't')
                """
        default:
            XCTFail("no insert for \(table)")
            return nil
        }
        do {
            let before = try db.scalarInt("SELECT total_changes()") ?? 0
            try db.prepare(sql).run([value])
            let after = try db.scalarInt("SELECT total_changes()") ?? 0
            XCTAssertEqual(after - before, 1, "\(table).\(column) = \(value): no row to copy")
            return nil
        } catch let error as SQLiteError {
            return error
        } catch {
            XCTFail("\(error)")
            return nil
        }
    }

    /// Every listed value is stored; near misses are refused by a CHECK.
    func check(_ table: String, _ column: String, accepts values: [String], file: StaticString = #filePath, line: UInt = #line) {
        for value in values {
            let error = insert(table, column, .text(value))
            XCTAssertNil(error, "\(table).\(column) = '\(value)' was refused: \(error.map { "\($0)" } ?? "")", file: file, line: line)
        }
        let misses = ["", "bogus", values[0].uppercased(), values[0] + " ", " " + values[0], String(values[0].dropLast())]
        for value in misses {
            guard let error = insert(table, column, .text(value)) else {
                XCTFail("\(table).\(column) = '\(value)' was stored", file: file, line: line)
                continue
            }
            XCTAssertTrue("\(error)".contains("CHECK constraint failed"), "\(table).\(column) = '\(value)': \(error)", file: file, line: line)
        }
        XCTAssertNotNil(insert(table, column, .integer(1)), "\(table).\(column) = 1 was stored", file: file, line: line)
    }

    func testImportBatchKinds() {
        check("import_batches", "kind", accepts: ["members", "borrowers", "projects", "loans", "entries", "indicators",
                                                  "readings", "references", "market"])
    }

    func testProjectStatusesAndGreenCategories() {
        check("projects", "status", accepts: ["approved", "rejected", "withdrawn", "completed"])
        check("projects", "category", accepts: ["renewable_energy", "energy_efficiency", "green_buildings", "clean_transport",
                                                "waste_management", "water_management", "climate_adaptation",
                                                "environmental_management"])
    }

    func testSocialCategories() throws {
        let categories = ["Boende och boendemiljöer", "Trygghet, säkerhet och tillgänglighet", "Hälsa, utbildning, idrott och kultur"]
        let sql = """
            INSERT INTO projects SELECT (SELECT max(project_number) + 1 FROM projects), programme, borrower_org_no, title, ?1,
                investment_type, approved_ore, decision_date, status, framework_version, total_cost_ore,
                req_practice_innovation_quality, req_systematic_work, req_defined_target_group, req_long_term,
                req_goals_and_evaluation, physical_investment, social_intervention, social_goals, recorded_at,
                recorded_by, batch_id, chain_hash
            FROM projects WHERE programme = 'social' ORDER BY project_number LIMIT 1
            """
        for category in categories { XCTAssertNoThrow(try db.prepare(sql).run([category]), category) }
        for miss in ["", "Boende", "Trygghet", "säkerhet och tillgänglighet", "renewable_energy", "boende och boendemiljöer"] {
            XCTAssertThrowsError(try db.prepare(sql).run([miss]), miss) { error in
                XCTAssertTrue("\(error)".contains("CHECK constraint failed"), "\(error)")
            }
        }
    }

    func testLoanProgrammes() {
        // Only 'other' fits a loan without a project; the others must pass the column CHECK
        // and then fail the table CHECK tying programme to project_number.
        XCTAssertNil(insert("loans", "programme", .text("other")))
        for programme in ["green", "social"] {
            let error = insert("loans", "programme", .text(programme))
            XCTAssertTrue("\(error.map { "\($0)" } ?? "")".contains("(programme = 'other') = (project_number IS NULL)"),
                          "\(programme): \(error.map { "\($0)" } ?? "stored")")
        }
        for miss in ["", "Other", "other ", "sustainable", "all"] {
            let error = insert("loans", "programme", .text(miss))
            XCTAssertTrue("\(error.map { "\($0)" } ?? "")".contains("CHECK constraint failed: programme = 'green'"),
                          "\(miss): \(error.map { "\($0)" } ?? "stored")")
        }
    }

    func testLedgerEntryKinds() {
        // A reversal needs the entry it reverses: the column CHECK passes it, the reversal
        // trigger refuses this one.
        XCTAssertNil(insert("ledger_entries", "kind", .text("disbursement")))
        XCTAssertNil(insert("ledger_entries", "kind", .text("repayment")))
        let reversal = insert("ledger_entries", "kind", .text("reversal"))
        XCTAssertTrue("\(reversal.map { "\($0)" } ?? "")".contains("a reversal must cancel an existing disbursement or repayment"),
                      "\(reversal.map { "\($0)" } ?? "stored")")
        for miss in ["", "bogus", "Disbursement", "repayment ", "reversa", "DISBURSEMENT"] {
            let error = insert("ledger_entries", "kind", .text(miss))
            XCTAssertTrue("\(error.map { "\($0)" } ?? "")".contains("CHECK constraint failed: kind = 'disbursement'"),
                          "\(miss): \(error.map { "\($0)" } ?? "stored")")
        }
        XCTAssertNotNil(insert("ledger_entries", "kind", .integer(1)))
    }

    func testIndicatorDirections() {
        check("indicators", "direction", accepts: ["higher", "lower", "none"])
    }

    func testReadingValueKinds() {
        check("readings", "value_kind", accepts: ["number", "range", "text"])
    }

    func testApprovedStatuses() {
        check("followup_approved_statuses", "status", accepts: ["worse_than_baseline", "negative_trend", "target_met",
                                                              "positive_trend", "no_change", "not_reported", "not_assessed"])
    }

    func testBalanceAssertionProgrammes() {
        check("balance_assertions", "programme", accepts: ["green", "social", "other", "sustainable", "all"])
    }

    /// Migrations whose text has no CR are their own LF-normalised text (the start-up fast path).
    func testStartUpFastPathsEqualTheSlowPaths() throws {
        for migration in try Migration.embedded() {
            let crlf = try Migration(fileName: migration.fileName, bytes: Array(migration.sql.replacingOccurrences(of: "\n", with: "\r\n").utf8))
            XCTAssertEqual(crlf, migration)
            XCTAssertEqual(migration.sql, Migration.normaliseLineEndings(migration.sql))
        }
    }

    /// The trigger that refuses a disbursement on a rejected or withdrawn project still does.
    func testNoDisbursementOnRejectedOrWithdrawnProject() throws {
        for status in ["rejected", "withdrawn", "approved", "completed"] {
            let number = (try db.scalarInt("SELECT max(project_number) FROM projects") ?? 0) + 1
            try db.prepare("""
                INSERT INTO projects SELECT ?1, programme, borrower_org_no, title, category, investment_type, approved_ore,
                    decision_date, ?2, framework_version, total_cost_ore, req_practice_innovation_quality, req_systematic_work,
                    req_defined_target_group, req_long_term, req_goals_and_evaluation, physical_investment,
                    social_intervention, social_goals, recorded_at, recorded_by, batch_id, chain_hash
                FROM projects WHERE programme = 'green' LIMIT 1
                """).run([number, status])
            let loanID = (try db.scalarInt("SELECT max(loan_id) FROM loans") ?? 0) + 1
            try db.prepare("""
                INSERT INTO loans (loan_id, loan_number, borrower_org_no, programme, project_number, green_bond_eligible,
                                   recorded_at, recorded_by)
                SELECT ?1, 'L-' || ?1, borrower_org_no, 'green', ?2, 1, recorded_at, recorded_by FROM projects WHERE project_number = ?2
                """).run([loanID, number])
            let entryID = (try db.scalarInt("SELECT max(entry_id) FROM ledger_entries") ?? 0) + 1
            let insert = {
                try self.db.prepare("""
                    INSERT INTO ledger_entries (entry_id, external_id, loan_id, value_date, kind, amount_ore, balance_effect_ore,
                        recorded_at, recorded_by, chain_hash)
                    VALUES (?1, 'T-' || ?1, ?2, '2024-01-01', 'disbursement', 100, 100, '2025-01-01T00:00:00.000Z', 't', zeroblob(32))
                    """).run([entryID, loanID])
            }
            if status == "rejected" || status == "withdrawn" {
                XCTAssertThrowsError(try insert(), status) { error in
                    XCTAssertTrue("\(error)".contains("no disbursement on a loan whose project was rejected or withdrawn"), "\(error)")
                }
            } else {
                XCTAssertNoThrow(try insert(), status)
            }
        }
    }
}
