import Foundation
import Ledger
import SQLite
import XCTest
@testable import LedgerStore

/// The schema's enumerated CHECKs (written as OR-chains of equalities rather than IN lists,
/// see Migrations/0001_initial_schema.sql) accept exactly their listed values: each listed
/// value is stored, and anything else, including a different case, a trailing space and the
/// empty text, is refused by the CHECK. Rows go in through the chain (`ChainAppender`), as
/// hallbar writes them, so that the database alone decides.
final class SchemaCheckTests: XCTestCase {
    var directory: URL!
    var fixture: LedgerFixture!
    var db: Connection { fixture.db }
    private var stampValues: [SQLValue] { [.text(fixture.stamp.at), .text(fixture.stamp.by)] }

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hallbar-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        fixture = try LedgerFixture(path: directory.appendingPathComponent("ledger.db").path)
        try fixture.loadSeeds()
        try fixture.append(.importBatches, [.integer(1), .text("entries"), .text("e.csv"), .text(String(repeating: "0", count: 64)),
                                            .integer(0), .integer(0), .integer(0), .integer(0), .integer(0), .null, .null] + stampValues)
        let head = try ChainHead.read(in: db)
        try fixture.append(.followupApprovals, [.integer(1), .integer(2024), .integer(1), .text("2025-01-10"), .text("1"),
                                                .text(head.text), .integer(head.rows), .null] + stampValues)
    }

    override func tearDownWithError() throws {
        // Every refused insert left the chain as it was; every stored one chained on.
        if let fixture {
            let outcome = try ChainCheck.verify(in: fixture.db)
            XCTAssertNil(outcome.firstBreak, outcome.firstBreak?.description ?? "")
            try? fixture.close()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// The values (every column but the seq, in chain order) of the first row of `table`
    /// that `condition` selects.
    func template(_ table: ChainedTable, where condition: String = "1") throws -> [String: SQLValue] {
        let columns = Array(table.columns.dropFirst())
        let row = try XCTUnwrap(db.row("SELECT \(columns.joined(separator: ", ")) FROM \(table.name) WHERE \(condition) ORDER BY \(table.seqColumn) LIMIT 1"),
                                "no \(table.name) row where \(condition)")
        return Dictionary(uniqueKeysWithValues: zip(columns, row.values))
    }

    /// Appends a row of `table` through the chain (`ChainAppender`, as hallbar writes), given
    /// by column; the database's CHECKs and triggers decide whether it is stored.
    func append(_ table: ChainedTable, _ values: [String: SQLValue]) throws {
        let ordered = table.columns.dropFirst().map { values[$0] ?? .null }
        try db.inTransaction {
            try db.execute("PRAGMA defer_foreign_keys = ON")
            try ChainAppender(db: db).append(table, ordered)
        }
    }

    func next(_ sql: String) throws -> Int64 { (try db.scalarInt(sql) ?? 0) + 1 }

    /// A new row of `table` (a copy of an existing one where one fits, keys made fresh) with
    /// `column` set to `value`; nil when stored, the error when refused.
    func insert(_ table: String, _ column: String, _ value: SQLValue) -> SQLiteError? {
        do {
            let chained = try XCTUnwrap(ChainedTable(rawValue: table), table)
            var row: [String: SQLValue]
            let stamp = ["recorded_at": stampValues[0], "recorded_by": stampValues[1]]
            switch chained {
            case .importBatches:
                row = ["batch_id": .integer(try next("SELECT max(batch_id) FROM import_batches")), "kind": value, "file_name": .text("f.csv"),
                       "file_sha256": .text(String(repeating: "0", count: 64)), "rows_in_file": .integer(0), "rows_new": .integer(0),
                       "rows_amended": .integer(0), "rows_already_present": .integer(0), "amend": .integer(0)].merging(stamp) { a, _ in a }
            case .projects:
                row = try template(.projects, where: "programme = 'green' AND status = 'approved'")
                row["project_number"] = .integer(try next("SELECT max(project_number) FROM projects"))
                row[column] = value
            case .loans:
                row = try template(.loans)
                let id = try next("SELECT max(loan_id) FROM loans")
                row["loan_id"] = .integer(id)
                row["loan_number"] = .text("L-new-\(id)")
                row["programme"] = value
                row["project_number"] = .null
                row["green_bond_eligible"] = .null
            case .ledgerEntries:
                let loan = try XCTUnwrap(db.scalarInt("""
                    SELECT l.loan_id FROM loans l JOIN projects p ON p.project_number = l.project_number
                    WHERE p.status = 'approved' ORDER BY l.loan_id LIMIT 1
                    """))
                let n = try next("SELECT count(*) FROM ledger_entries")
                let effect: Int64 = value == .text("repayment") ? -100 : 100
                row = ["external_id": .text("E-new-\(n)"), "loan_id": .integer(loan), "value_date": .text("2024-01-01"), "kind": value,
                       "amount_ore": .integer(100), "balance_effect_ore": .integer(effect)].merging(stamp) { a, _ in a }
            case .indicators:
                row = try template(.indicators)
                row["indicator_id"] = .text("I-new-\(try next("SELECT count(*) FROM indicators"))")
                row[column] = value
            case .readings:
                row = try template(.readings)
                row["reading_id"] = .integer(try next("SELECT max(reading_id) FROM readings"))
                row["year"] = .integer(1899 + (try next("SELECT count(*) FROM readings")))
                row["value_text"] = .text("x")
                row["value_kind"] = value
                let bound: SQLValue = value == .text("text") ? .null : .text("1")
                row["value_low"] = bound
                row["value_high"] = bound
                row["reason"] = .null
            case .followupApprovedStatuses:
                let indicator = try XCTUnwrap(db.row("""
                    SELECT indicator_id, project_number FROM indicators
                    WHERE indicator_id NOT IN (SELECT indicator_id FROM followup_approved_statuses) ORDER BY indicator_id LIMIT 1
                    """))
                row = ["approval_id": .integer(1), "indicator_id": indicator[0], "project_number": indicator[1], "status": value,
                       "target_year_passed_unmet": .integer(0), "met_by_decision": .integer(0)]
            case .balanceAssertions:
                row = ["assertion_id": .integer(try next("SELECT max(assertion_id) FROM balance_assertions")), "programme": value,
                       "as_of": .text("2024-12-31"), "expected_ore": .integer(0), "tolerance_ore": .integer(0)].merging(stamp) { a, _ in a }
            default:
                XCTFail("no insert for \(table)")
                return nil
            }
            let before = try db.scalarInt("SELECT count(*) FROM \(table)") ?? 0
            try append(chained, row)
            XCTAssertEqual((try db.scalarInt("SELECT count(*) FROM \(table)") ?? 0) - before, 1, "\(table).\(column) = \(value)")
            return nil
        } catch let error as SQLiteError {
            return error
        } catch {
            XCTFail("\(error)")
            return nil
        }
    }

    /// Every listed value is stored; near misses are refused by a CHECK (or by the constraint
    /// named by `refusedBy`).
    func check(_ table: String, _ column: String, accepts values: [String], refusedBy constraint: String = "CHECK constraint failed",
               file: StaticString = #filePath, line: UInt = #line) {
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
            XCTAssertTrue("\(error)".contains(constraint), "\(table).\(column) = '\(value)': \(error)", file: file, line: line)
        }
        XCTAssertNotNil(insert(table, column, .integer(1)), "\(table).\(column) = 1 was stored", file: file, line: line)
    }

    /// Since 0004 the kinds are reference data (import_kinds) that import_batches.kind refers to.
    func testImportBatchKinds() throws {
        let kinds = ["members", "borrowers", "projects", "loans", "entries", "indicators", "readings", "references", "market",
                     "bonds", "metrics", "factors", "housing"]
        XCTAssertEqual(Set(try db.rows("SELECT kind FROM import_kinds").compactMap { $0[0].string }), Set(kinds))
        check("import_batches", "kind", accepts: kinds, refusedBy: "FOREIGN KEY constraint failed")
    }

    func testProjectStatusesAndGreenCategories() {
        check("projects", "status", accepts: ["approved", "rejected", "withdrawn", "completed"])
        check("projects", "category", accepts: ["renewable_energy", "energy_efficiency", "green_buildings", "clean_transport",
                                                "waste_management", "water_management", "climate_adaptation",
                                                "environmental_management"])
    }

    func testSocialCategories() throws {
        let categories = ["Boende och boendemiljöer", "Trygghet, säkerhet och tillgänglighet", "Hälsa, utbildning, idrott och kultur"]
        func copy(_ category: String) throws {
            var row = try template(.projects, where: "programme = 'social'")
            row["project_number"] = .integer(try next("SELECT max(project_number) FROM projects"))
            row["category"] = .text(category)
            try append(.projects, row)
        }
        for category in categories { XCTAssertNoThrow(try copy(category), category) }
        for miss in ["", "Boende", "Trygghet", "säkerhet och tillgänglighet", "renewable_energy", "boende och boendemiljöer"] {
            XCTAssertThrowsError(try copy(miss), miss) { error in
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
        // A reversal needs the entry it reverses and a reason: the kind's own CHECKs refuse
        // this row, which has neither (0007 dropped the trigger that also matched the
        // original's loan, date and amount; verify's invariant "reversals" checks that).
        XCTAssertNil(insert("ledger_entries", "kind", .text("disbursement")))
        XCTAssertNil(insert("ledger_entries", "kind", .text("repayment")))
        let reversal = insert("ledger_entries", "kind", .text("reversal"))
        XCTAssertTrue("\(reversal.map { "\($0)" } ?? "")".contains("CHECK constraint failed: (kind = 'reversal') = (reverses_entry_id IS NOT NULL)"),
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

    /// A ledger the migrations create has the fingerprint written in SchemaFingerprint.swift
    /// (opening it skips the replay); any change of the schema changes the fingerprint, so the
    /// full comparison runs (and names it).
    func testAFreshLedgerHasTheRecordedSchemaFingerprint() throws {
        let path = LocalFiles.temporaryPath("hallbar-fingerprint-\(UInt64.random(in: 0...UInt64.max)).db")
        defer { LocalFiles.removeDatabase(path) }
        try LedgerDatabase.create(path: path, stamp: Stamp(by: "test", at: "2026-01-01T00:00:00.000Z"))
        let db = try Connection(path: path, mode: .readWrite)
        defer { try? db.close() }
        let fingerprint = try ExpectedSchema.fingerprint(of: db)
        if ProcessInfo.processInfo.environment["HALLBAR_WRITE_SCHEMA_FINGERPRINT"] == "1" {
            let file = LedgerFixture.packageRoot.appendingPathComponent("Sources/LedgerStore/Migration/SchemaFingerprint.swift")
            let text = try String(contentsOf: file, encoding: .utf8)
            let updated = text.replacingOccurrences(of: SchemaFingerprint.fresh, with: fingerprint)
            try updated.write(to: file, atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(fingerprint, SchemaFingerprint.fresh,
                       "run HALLBAR_WRITE_SCHEMA_FINGERPRINT=1 swift test --filter testAFreshLedgerHasTheRecordedSchemaFingerprint")
        XCTAssertEqual(try ExpectedSchema(migrations: try Migration.embedded()).differences(in: db), [])
        try db.execute("CREATE INDEX extra ON members (name)")
        XCTAssertNotEqual(try ExpectedSchema.fingerprint(of: db), SchemaFingerprint.fresh)
        try db.execute("DROP INDEX extra")
        XCTAssertEqual(try ExpectedSchema.fingerprint(of: db), SchemaFingerprint.fresh)
        try db.execute("CREATE TEMP TABLE t (x)")
        XCTAssertNotEqual(try ExpectedSchema.fingerprint(of: db), SchemaFingerprint.fresh)
    }

    /// The fast paths of opening a ledger give what the plain ones gave: a migration without a
    /// step marker is one part, its text line by line; `normalise` collapses white space as
    /// `Character.isWhitespace` says (Swedish letters, NBSP, CRLF, tabs, form feeds) outside quotes.
    func testSchemaNormalisingFastPathsEqualThePlainOnes() throws {
        func plainParts(_ sql: String) -> [MigrationPart] {
            var current = ""
            for line in sql.split(separator: "\n", omittingEmptySubsequences: false) { current += line + "\n" }
            return current.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? [] : [.sql(current)]
        }
        for migration in try Migration.embedded() where !migration.sql.contains("@hallbar-step:") {
            XCTAssertEqual(migration.parts, plainParts(migration.sql), migration.fileName)
        }
        // With markers: every line but the marker's, in order, each ending with a newline.
        let marked = try Migration(fileName: "0099_marked.sql", bytes: Array("""
            CREATE TABLE a (x);\n  \n-- @hallbar-step: rechain\n\u{00A0}\n-- @hallbar-step:  second \nCREATE TABLE b (y); -- a @ here\n
            """.utf8))
        XCTAssertEqual(marked.parts, [.sql("CREATE TABLE a (x);\n  \n"), .step("rechain"), .step("second"),
                                      .sql("CREATE TABLE b (y); -- a @ here\n\n")])
        func plainNormalise(_ sql: String) -> String {
            var out = "", pending = false
            for character in sql {
                if character.isWhitespace { pending = !out.isEmpty } else {
                    if pending { out.append(" ") }
                    pending = false
                    out.append(character)
                }
            }
            return out
        }
        let samples = ["  CREATE  TABLE\tx (a\r\nb)  ", "kategori = 'Boende och boendemiljöer'\u{00A0}\u{2028}x",
                       "\u{000B}\u{000C}å\u{3000}ä\u{0085}ö\u{200B}", "", "   ", "a\u{001F}b", "e\u{0301} \u{1F600}  end"]
        for sample in samples { XCTAssertEqual(SchemaCheck.normalise(sample), plainNormalise(sample), sample.debugDescription) }
        // Quoted text keeps its spaces (a literal's spaces are its meaning); quotes inside
        // comments open nothing.
        XCTAssertEqual(SchemaCheck.normalise("x  =  'Boende  och\tboende'  AND  \"a  b\"  [c  d]  `e  f`"),
                       "x = 'Boende  och\tboende' AND \"a  b\" [c  d] `e  f`")
        XCTAssertEqual(SchemaCheck.normalise("a  -- the loan's  note\n  b  'c  d'"), "a -- the loan's note b 'c  d'")
        XCTAssertEqual(SchemaCheck.normalise("a /* it's  */  'c  d'"), "a /* it's */ 'c  d'")
        XCTAssertEqual(SchemaCheck.normalise("a - -  'c  d'"), "a - - 'c  d'")
        XCTAssertNotEqual(SchemaCheck.normalise("CHECK (category = 'Boende och boendemiljöer')"),
                          SchemaCheck.normalise("CHECK (category = 'Boende  och boendemiljöer')"))
    }

    /// A disbursement on a rejected or withdrawn project: since the status is versioned, the
    /// schema no longer refuses it (0004 dropped the trigger); hallbar refuses it in Swift on
    /// every write, and verify's invariant names one that got in past hallbar.
    func testNoDisbursementOnRejectedOrWithdrawnProject() throws {
        XCTAssertEqual(try db.scalarInt("SELECT count(*) FROM sqlite_master WHERE name = 'ledger_entries_no_entry_on_rejected_project'"), 0)
        var forged: [String] = []
        for status in ["rejected", "withdrawn", "approved", "completed"] {
            var project = try template(.projects, where: "programme = 'green'")
            let number = try next("SELECT max(project_number) FROM projects")
            project["project_number"] = .integer(number)
            project["status"] = .text(status)
            try append(.projects, project)
            let loanID = try next("SELECT max(loan_id) FROM loans")
            try append(.loans, ["loan_id": .integer(loanID), "loan_number": .text("L-\(loanID)"), "borrower_org_no": project["borrower_org_no"]!,
                                "programme": .text("green"), "project_number": .integer(number), "green_bond_eligible": .integer(1),
                                "recorded_at": stampValues[0], "recorded_by": stampValues[1]])
            let refused = status == "rejected" || status == "withdrawn"
            let head = try ChainHead.read(in: db)
            do {
                try fixture.write { _ = try $0.recordEntry(.disbursement, loan: "L-\(loanID)", date: "2024-01-01", amount: "1", externalID: "S-\(loanID)") }
                XCTAssertFalse(refused, "\(status): stored")
            } catch {
                XCTAssertTrue(refused, "\(status): \(error)")
                XCTAssertTrue("\(error)".contains("loan L-\(loanID) finances project \(number), which is \(status) on 2024-01-01; "
                                                  + "no disbursement may be recorded"), "\(error)")
                XCTAssertEqual(try ChainHead.read(in: db), head, "\(status): nothing written")
            }
            // Past hallbar's rule, straight through the chain: the schema stores it.
            XCTAssertNoThrow(try append(.ledgerEntries, ["external_id": .text("T-\(loanID)"), "loan_id": .integer(loanID),
                                                         "value_date": .text("2024-01-01"), "kind": .text("disbursement"),
                                                         "amount_ore": .integer(100), "balance_effect_ore": .integer(100),
                                                         "recorded_at": stampValues[0], "recorded_by": stampValues[1]]), status)
            if refused {
                forged.append("invariant: loan L-\(loanID): disbursement T-\(loanID) on 2024-01-01 although its project #\(number) is \(status) on that date")
            }
        }
        XCTAssertEqual(try LedgerInvariants.closedProjects(in: db).map(\.description), forged)
    }
}
