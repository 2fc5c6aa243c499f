import Foundation
import Ledger
import SQLite
import XCTest
@testable import LedgerStore

final class ImportTests: ImportTestCase {
    // MARK: Happy paths

    func testEveryKindImportsAndRecordsItsBatch() throws {
        try loadPortfolio()
        let entries = try importText(.entries, """
            external_id,loan_number,value_date,amount_sek,kind
            E1,S1,2023-01-10,1000000.50,disbursement
            E2,S1,2023-06-01,250000,repayment
            E3,G1,2024-01-01,42,disbursement

            """)
        XCTAssertEqual(entries.counts, "3 new, 0 already present")
        XCTAssertNotNil(entries.batchID)
        try importText(.indicators, """
            indicator_id,project_number,area,goal,name,unit,direction,baseline_value,baseline_year,target,target_text,target_year,tolerance
            I1,1,Alby,Ökad trivsel,Trivsel,index,higher,"86,5",2022,≥ 90,90 (2025),2025,"0,5"
            I2,1,,Mål,Intervall,%,higher,95,2022,90–100,,,

            """)
        try importText(.readings, "indicator_id,year,value\nI1,2023,86.0\nI2,2023,97-98 %\n")
        try importText(.references, "name,year,value\nriket,2023,\"75,4\"\n")
        XCTAssertEqual(try balance("S1"), 75_000_050)
        XCTAssertEqual(try db.scalarText("SELECT target || '|' || tolerance || '|' || baseline_value FROM indicators WHERE indicator_id = 'I1'"), ">=90|0.5|86.5")
        XCTAssertEqual(try db.scalarText("SELECT target FROM indicators WHERE indicator_id = 'I2'"), "90-100")
        XCTAssertEqual(try db.scalarText("SELECT value_kind || '|' || value_low || '|' || value_high || '|' || value_text FROM readings WHERE indicator_id = 'I2'"),
                       "range|97|98|97-98 %")
        XCTAssertEqual(try db.scalarText("SELECT value FROM reference_values"), "75.4")
        XCTAssertEqual(try count("import_batches"), 8)
        let batch = try XCTUnwrap(db.row("SELECT * FROM import_batches WHERE kind = 'entries'"))
        XCTAssertEqual(batch.int64("rows_new"), 3)
        XCTAssertEqual(batch.string("recorded_by"), "tester")
        XCTAssertEqual(batch.string("file_sha256"), SHA256.hex(SHA256.hash(Array(try Data(contentsOf: URL(fileURLWithPath: path("entries.csv")))))))
        XCTAssertEqual(try db.scalarInt("SELECT count(*) FROM ledger_entries WHERE batch_id = ?", [batch.int64("batch_id")]), 3)
        XCTAssertEqual(try db.scalarText("SELECT group_concat(req_long_term) FROM projects WHERE project_number IN (1, 23) ORDER BY project_number"), "1,0")
        XCTAssertEqual(try db.foreignKeyProblems(), [])
    }

    func testSwedishExcelExport() throws {
        try loadPortfolio()
        // BOM, semicolons, CRLF, decimal comma, NBSP and U+202F digit grouping.
        let text = "\u{FEFF}external_id;loan_number;value_date;amount_sek;kind\r\nX1;S1;2024-01-02;1\u{00A0}234\u{00A0}567,89;disbursement\r\n"
            + "X2;S1;2024-02-02;1\u{202F}000,5;repayment\r\n;;;;\r\n"
        let summary = try importText(.entries, text)
        XCTAssertEqual(summary.counts, "2 new, 0 already present")
        XCTAssertEqual(try balance("S1"), 123_456_789 - 100_050)
    }

    func testWindows1252IsRefusedAndConvertedWithTheOption() throws {
        var bytes = Array("org_no,name,municipality_code\n212000-2882,Botkyrka kommun,0127\n212000-1454,V".utf8)
        bytes += [0xE5] + Array("rg".utf8) + [0xE5] + Array("rda kommun,1442\n".utf8)
        let p = try file("members.csv", bytes: bytes)
        XCTAssertThrowsError(try store.importFile(.members, path: p, options: testOptions())) { error in
            XCTAssertTrue("\(error)".contains("windows-1252"), "\(error)")
        }
        XCTAssertEqual(try count("members"), 0)
        try store.importFile(.members, path: p, options: testOptions(encoding: .windows1252))
        XCTAssertEqual(try db.scalarText("SELECT name FROM members WHERE org_no = '212000-1454'"), "Vårgårda kommun")
    }

    // MARK: Idempotency (reliability 6)

    func testIdempotentTwiceReorderedAndOverlapping() throws {
        try loadPortfolio()
        let rows = ["A1,S1,2023-01-01,100,disbursement", "A2,S1,2023-02-01,40,repayment", "A3,G1,2023-03-01,7.5,disbursement",
                    "A4,O1,2023-04-01,9,disbursement"]
        let header = "external_id,loan_number,value_date,amount_sek,kind\n"
        try importText(.entries, header + rows.joined(separator: "\n"), name: "all.csv")
        let totals = try snapshotTotals()
        let again = try importText(.entries, header + rows.joined(separator: "\n"), name: "all.csv")
        XCTAssertEqual(again.counts, "0 new, 4 already present")
        XCTAssertNil(again.batchID, "nothing new: no batch is recorded")
        try importText(.entries, header + rows.reversed().joined(separator: "\n"), name: "reversed.csv")
        let overlap = try importText(.entries, header + rows[2...].joined(separator: "\n") + "\nA5,O1,2023-05-01,1,disbursement", name: "overlap.csv")
        XCTAssertEqual(overlap.counts, "1 new, 2 already present")
        XCTAssertEqual(try balance("O1"), 1000)
        XCTAssertEqual(try snapshotTotals().filter { $0.key != "O1" }, totals.filter { $0.key != "O1" })
        XCTAssertEqual(try count("import_batches"), 6, "4 for the portfolio, all.csv, overlap.csv")
    }

    private func snapshotTotals() throws -> [String: Int64] {
        var result: [String: Int64] = [:]
        for loan in ["S1", "G1", "O1"] { result[loan] = try balance(loan) }
        return result
    }

    func testSameKeyWithOtherContentIsRefusedAndNamed() throws {
        try loadPortfolio()
        try importText(.entries, "external_id,loan_number,value_date,amount_sek,kind\nK1,S1,2023-01-01,100,disbursement\n")
        assertRefused(.entries, "external_id,loan_number,value_date,amount_sek,kind\nK1,S1,2023-01-01,100.01,disbursement\n",
                      "entry K1 already exists with different content (amount_ore: stored 10000, file 10001)")
        assertRefused(.members, "org_no,name,municipality_code\n212000-2882,Botkyrka,0127\n",
                      "member 212000-2882 already exists with different content (name: stored \"Botkyrka kommun\", file \"Botkyrka\")")
    }

    func testDuplicateKeyInFileIsRefused() throws {
        try loadPortfolio()
        let found = problems(.entries, """
            external_id,loan_number,value_date,amount_sek,kind
            D1,S1,2023-01-01,100,disbursement
            D1,S1,2023-01-01,100,disbursement

            """)
        XCTAssertEqual(found.map(\.description), ["entries.csv:3: entry D1 appears more than once in this file"])
        XCTAssertEqual(try count("ledger_entries"), 0)
    }

    // MARK: Refusals

    func testOrganisationNumberCheckDigit() {
        assertRefused(.members, "org_no,name,municipality_code\n212000-2883,Botkyrka kommun,0127\n",
                      "members.csv:2: column \"org_no\": \"212000-2883\" is not an organisation number")
    }

    func testUnknownReferences() throws {
        assertRefused(.borrowers, "org_no,name,owner_org_no\n556900-1018,Botkyrkabyggen,212000-2882\n", "no member 212000-2882")
        try loadPortfolio()
        assertRefused(.loans, "loan_number,borrower_org_no,programme,project_number,green_bond_eligible\nL9,556900-1018,social,99,\n", "no project 99")
        assertRefused(.entries, "external_id,loan_number,value_date,amount_sek,kind\nE1,NOPE,2023-01-01,1,disbursement\n", "no loan NOPE")
        assertRefused(.indicators, """
            indicator_id,project_number,area,goal,name,unit,direction,baseline_value,baseline_year,target,target_text,target_year
            I1,77,,Mål,Namn,,higher,,,>=1,,

            """, "no project 77")
        assertRefused(.readings, "indicator_id,year,value\nNOPE,2023,1\n", "no indicator NOPE")
    }

    func testReferencesEarlierInTheSameFileCount() throws {
        try importText(.members, Self.members)
        // The member's own borrower row, then a company it owns, in one file.
        try importText(.borrowers, "org_no,name,owner_org_no\n212000-2882,Botkyrka kommun,212000-2882\n556900-1018,Botkyrkabyggen,212000-2882\n")
        XCTAssertEqual(try count("borrowers"), 2)
    }

    func testProgrammeRules() throws {
        try loadPortfolio()
        let header = "loan_number,borrower_org_no,programme,project_number,green_bond_eligible\n"
        assertRefused(.loans, header + "L1,556900-1018,green,1,true\n", "green does not match project 1's programme social")
        assertRefused(.loans, header + "L2,212000-2882,other,1,\n", "must be empty for other (standard) lending")
        assertRefused(.loans, header + "L3,556900-1018,social,,\n", "a social loan finances a social project")
        assertRefused(.loans, header + "L4,556900-1034,green,5001,\n", "column \"green_bond_eligible\": is empty")
        assertRefused(.loans, header + "L5,556900-1018,social,1,false\n", "must be empty for a social loan")
        assertRefused(.loans, header + "L6,556900-1034,social,1,\n", "neither project 1's borrower")
        assertRefused(.loans, header + "L7,556900-1034,social,23,\n", "project 23 was rejected")
        // The member itself may borrow for its company's project (same owner).
        try importText(.loans, header + "L8,212000-2882,social,1,\n")
        assertRefused(.projects, """
            project_number,programme,borrower_org_no,title,category,investment_type,approved_sek,decision_date,status
            9,social,556900-1018,T,renewable_energy,3,100,2024-01-01,approved
            10,green,556900-1018,T,green_buildings,1,100,2024-01-01,approved
            11,other,556900-1018,T,green_buildings,,100,2024-01-01,approved

            """, "is not a social category")
    }

    /// Appends one row through the chain in its own transaction, past every rule hallbar keeps
    /// in Swift (as an older database, or a writer that skipped them, might hold it).
    @discardableResult
    private func appendThroughChain(_ table: ChainedTable, _ values: [SQLValue]) throws -> Int64 {
        try db.inTransaction {
            try db.execute("PRAGMA defer_foreign_keys = ON")
            return try ChainAppender(db: db).append(table, values)
        }
    }

    func testEntryOnRejectedProjectIsRefused() throws {
        try loadPortfolio()
        // The importer never creates such a loan; an older database might hold one.
        let loanID = (try db.scalarInt("SELECT max(loan_id) FROM loans") ?? 0) + 1
        try appendThroughChain(.loans, [.integer(loanID), .text("R1"), .text("556900-1034"), .text("social"), .integer(23), .null,
                                        .text(stamp.at), .text(stamp.by), .null])
        let before = try snapshot()
        let header = "external_id,loan_number,value_date,amount_sek,kind\n"
        assertRefused(.entries, header + "E1,R1,2024-07-01,5,disbursement\n",
                      "loan R1 finances project 23, which is rejected on 2024-07-01; no disbursement may be recorded")
        // Before the decision the first revision is in force too: still rejected.
        assertRefused(.entries, header + "E1,R1,2024-01-01,5,disbursement\n", "which is rejected on 2024-01-01")
        XCTAssertTrue(refused { try self.write { try $0.recordEntry(.disbursement, loan: "R1", date: "2024-07-01", amount: "5", externalID: nil) } }
            .contains("loan R1 finances project 23, which is rejected on 2024-07-01"))
        XCTAssertEqual(try snapshot(), before)
        XCTAssertEqual(try LedgerInvariants.closedProjects(in: db), [])
        // Written past the rule, verify's invariant names it.
        try appendThroughChain(.ledgerEntries, [.text("E-forged"), .integer(loanID), .text("2024-07-01"), .text("disbursement"),
                                                .integer(500), .integer(500), .null, .null, .text(stamp.at), .text(stamp.by), .null])
        XCTAssertEqual(try LedgerInvariants.closedProjects(in: db).map(\.description),
                       ["invariant: loan R1: disbursement E-forged on 2024-07-01 although its project #23 is rejected on that date"])
    }

    /// The rule is versioned: a project withdrawn from a date refuses disbursements from
    /// that date on, not before, and repayments always go through.
    func testEntryOnAProjectWithdrawnLaterIsRefusedFromThatDateOn() throws {
        try loadPortfolio()
        try importText(.entries, "external_id,loan_number,value_date,amount_sek,kind\nD0,S1,2024-01-10,1000,disbursement\n", name: "early.csv")
        try write { _ = try $0.amend(.project, key: "1", options: [("status", "withdrawn")], reason: "the borrower withdrew", date: "2024-06-01") }
        let header = "external_id,loan_number,value_date,amount_sek,kind\n"
        let before = try snapshot()
        assertRefused(.entries, header + "D1,S1,2024-06-01,5,disbursement\n",
                      "loan S1 finances project 1, which is withdrawn on 2024-06-01; no disbursement may be recorded")
        XCTAssertTrue(refused { try self.write { try $0.recordEntry(.disbursement, loan: "S1", date: "2024-08-01", amount: "5", externalID: nil) } }
            .contains("loan S1 finances project 1, which is withdrawn on 2024-08-01"))
        XCTAssertEqual(try snapshot(), before)
        XCTAssertEqual(try importText(.entries, header + "D2,S1,2024-05-31,5,disbursement\nP1,S1,2024-07-01,100,repayment\n").counts,
                       "2 new, 0 already present")
        XCTAssertEqual(try LedgerInvariants.closedProjects(in: db), [])
    }

    /// The message of a refused write (fails the test when it succeeds).
    private func refused<T>(_ body: () throws -> T, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            _ = try body()
            XCTFail("should be refused", file: file, line: line)
            return ""
        } catch {
            return "\(error)"
        }
    }

    func testBalanceNeverNegativeAtAnIntermediateDate() throws {
        try loadPortfolio()
        try importText(.entries, "external_id,loan_number,value_date,amount_sek,kind\nB1,S1,2024-01-01,100,disbursement\n", name: "first.csv")
        // Ends at +50, but is −50 between 2024-02-01 and 2024-03-01.
        let found = problems(.entries, """
            external_id,loan_number,value_date,amount_sek,kind
            B3,S1,2024-03-01,100,disbursement
            B2,S1,2024-02-01,150,repayment

            """)
        XCTAssertEqual(found.first?.description,
                       "entries.csv:3: column \"amount_sek\": repayment B2: the balance of loan S1 would be -50,00 kr on 2024-02-01; a loan's balance is never negative")
        // Same-day: a disbursement and a repayment on one date net out.
        try importText(.entries, "external_id,loan_number,value_date,amount_sek,kind\nB5,S1,2024-04-01,300,repayment\nB4,S1,2024-04-01,200,disbursement\n")
        XCTAssertEqual(try balance("S1"), 0)
    }

    func testFieldRefusals() throws {
        try loadPortfolio()
        let header = "external_id,loan_number,value_date,amount_sek,kind\n"
        assertRefused(.entries, header + "F1,S1,2024-02-30,1,disbursement\n", "column \"value_date\": \"2024-02-30\" is not a date")
        assertRefused(.entries, header + "F1,S1,2024-02-01,\"12,3,4\",disbursement\n", "column \"amount_sek\": \"12,3,4\" is not an amount")
        assertRefused(.entries, header + "F1,S1,2024-02-01,1.234,disbursement\n", "\"1.234\" is not an amount")
        assertRefused(.entries, header + "F1,S1,2024-02-01,0,disbursement\n", "\"0\" is not an amount")
        assertRefused(.entries, header + "F1,S1,2024-02-01,5,reversal\n", "reversals cannot be imported")
        assertRefused(.entries, header + "F1,S1,2024-02-01,5,Disbursment\n", "is not one of disbursement (utbetalning), repayment (amortering)")
        let semicolon = "external_id;loan_number;value_date;amount_sek;kind\n"
        assertRefused(.entries, semicolon + "F1;S1;2024-02-01;12.5;disbursement\n", "\"12.5\" is not an amount")
        assertRefused(.entries, semicolon + "F1;S1;2024-02-01;1.234,56;disbursement\n", "\"1.234,56\" is not an amount")
        assertRefused(.entries, semicolon + "F1;S1;2024-02-01;1,234;disbursement\n", "\"1,234\" is not an amount")
        assertRefused(.indicators, """
            indicator_id,project_number,area,goal,name,unit,direction,baseline_value,baseline_year,target,target_text,target_year
            I1,1,,Mål,Namn,,higher,,,100,,

            """, "column \"target\":")
        assertRefused(.indicators, """
            indicator_id,project_number,area,goal,name,unit,direction,baseline_value,baseline_year,target,target_text,target_year
            I1,1,,Mål,Namn,,lower,,,increasing,,

            """, "contradicts direction lower")
        assertRefused(.projects, """
            project_number,programme,borrower_org_no,title,category,investment_type,approved_sek,decision_date,status,basic_requirements
            30,social,556900-1018,T,Boende och boendemiljöer,1,100,2024-01-01,rejected,3/5

            """, "\"3/5\" is ambiguous")
        XCTAssertEqual(try count("ledger_entries"), 0)
        XCTAssertEqual(try count("indicators"), 0)
    }

    func testColumnsAreCheckedAndNamed() throws {
        assertRefused(.members, "org_no,name\n212000-2882,Botkyrka\n",
                      "missing column \"municipality_code\"; expected columns: org_no, name, municipality_code")
        assertRefused(.members, "org_no,name,municipality_code,colour\n212000-2882,Botkyrka,0127,red\n", "unknown column \"colour\"")
    }

    func testUpToTwentyProblemsAreListedAndAllCounted() throws {
        var text = "org_no,name,municipality_code\n"
        for _ in 0..<25 { text += "212000-0000,X,12345\n" }
        do {
            try importText(.members, text)
            XCTFail("should be refused")
        } catch let failure as ImportFailure {
            XCTAssertEqual(failure.problems.count, 20)
            XCTAssertEqual(failure.totalProblems, 50)
            XCTAssertEqual(failure.detailLines.last, "… and 30 more")
        }
    }

    func testReadingForAnApprovedYearIsRefused() throws {
        try loadPortfolio()
        try importText(.indicators, """
            indicator_id,project_number,area,goal,name,unit,direction,baseline_value,baseline_year,target,target_text,target_year
            I1,1,,Mål,Namn,,higher,1,2022,>=5,,

            """)
        try importText(.readings, "indicator_id,year,value\nI1,2023,3\n")
        XCTAssertTrue(try write { try $0.approveFollowUp(year: "2023", on: "2024-03-01", note: nil) }.recorded)
        // The same reading again is still "already present"; a new one is refused.
        XCTAssertEqual(try importText(.readings, "indicator_id,year,value\nI1,2023,3\n").counts, "0 new, 1 already present")
        assertRefused(.readings, "indicator_id,year,value\nI1,2023,4\n",
                      "I1 for 2023 already exists with different content")
        // 2024 approved while I1 has no reading for it yet: a first reading is refused too.
        XCTAssertTrue(try write { try $0.approveFollowUp(year: "2024", on: "2025-03-01", note: nil) }.recorded)
        assertRefused(.readings, "indicator_id,year,value\nI1,2024,4\n", "readings.csv:2: column \"year\": the follow-up for 2024 is approved: "
                      + "record a late or corrected reading as an amendment ('hallbar amend reading --indicator I1 --year 2024 --value … --reason …')")
    }

    // MARK: Whole file or nothing

    func testDryRunWritesNothing() throws {
        try loadPortfolio()
        let before = try snapshot()
        let summary = try importText(.entries, "external_id,loan_number,value_date,amount_sek,kind\nE1,S1,2023-01-01,1,disbursement\n", dryRun: true)
        XCTAssertTrue(summary.dryRun)
        XCTAssertEqual(summary.counts, "1 new, 0 already present")
        XCTAssertEqual(try snapshot(), before)
    }

    func testFailedImportLeavesTheDatabaseUnchanged() throws {
        try loadPortfolio()
        let before = try snapshot()
        assertRefused(.entries, """
            external_id,loan_number,value_date,amount_sek,kind
            E1,S1,2023-01-01,1,disbursement
            E2,S1,2023-01-01,x,disbursement

            """, "entries.csv:3:")
        XCTAssertEqual(try snapshot(), before)
    }

    func testMissingFile() throws {
        XCTAssertThrowsError(try store.importFile(.members, path: path("nope.csv"), options: testOptions())) { error in
            XCTAssertEqual((error as? ImportFailure)?.reason, .unreadable)
        }
    }

    // MARK: Seeds

    func testSeedsReproduceTheBild2Figures() throws {
        let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Seeds")
        for (kind, name) in SeedFiles.all {
            try store.importFile(kind, path: seeds.appendingPathComponent(name).path, options: testOptions())
        }
        func outstanding(_ programme: String, _ date: String) throws -> Int64? {
            try db.scalarInt("SELECT sum(balance_effect_ore) FROM ledger_entries JOIN loans USING (loan_id) WHERE programme = ? AND value_date <= ?",
                             [programme, date])
        }
        XCTAssertEqual(try outstanding("green", "2023-12-31"), 7_935_000_000_000)
        XCTAssertEqual(try outstanding("green", "2024-12-31"), 9_158_765_432_109)
        XCTAssertEqual(try outstanding("social", "2023-12-31"), 210_000_000_000)
        XCTAssertEqual(try outstanding("social", "2024-12-31"), 459_876_543_210)
        XCTAssertEqual(try outstanding("other", "2023-12-31"), 43_044_900_000_000)
        XCTAssertEqual(try outstanding("other", "2024-12-31"), 44_818_000_000_000)
        for (kind, name) in SeedFiles.all {
            let again = try store.importFile(kind, path: seeds.appendingPathComponent(name).path, options: testOptions())
            XCTAssertEqual(again.rowsNew, 0, name)
        }
    }
}
