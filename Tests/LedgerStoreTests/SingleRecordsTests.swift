import Foundation
import Ledger
import SQLite
import XCTest
@testable import LedgerStore

final class SingleRecordsTests: ImportTestCase {
    func refusal<T>(_ body: () throws -> T, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            _ = try body()
            XCTFail("should be refused", file: file, line: line)
        } catch {
            return "\(error)"
        }
        return ""
    }

    func testDisburseRepayAndIdempotentIDs() throws {
        try loadPortfolio()
        let first = try write { try $0.recordEntry(.disbursement, loan: "S1", date: "2024-01-01", amount: "1 250 000,50",
                                                  externalID: nil) }
        XCTAssertTrue(first.generatedID)
        XCTAssertTrue(first.externalID.hasPrefix("cli-20261123100000000-"), first.externalID)
        XCTAssertEqual(first.amount, 125_000_050)
        try write { try $0.recordEntry(.repayment, loan: "S1", date: "2024-02-01", amount: "250000.50", externalID: "R1") }
        let again = try write { try $0.recordEntry(.repayment, loan: "S1", date: "2024-02-01", amount: "250 000,50", externalID: "R1") }
        XCTAssertTrue(again.alreadyPresent)
        XCTAssertEqual(try balance("S1"), 100_000_000)
        XCTAssertEqual(try db.scalarInt("SELECT count(*) FROM ledger_entries WHERE batch_id IS NULL"), 2)
        XCTAssertTrue(refusal {
            try write { try $0.recordEntry(.repayment, loan: "S1", date: "2024-02-01", amount: "1", externalID: "R1") }
        }.contains("--id: entry R1 already exists with different content"))
    }

    func testEntryRefusals() throws {
        try loadPortfolio()
        XCTAssertTrue(refusal { try write { try $0.recordEntry(.disbursement, loan: "S1", date: "2024-02-30", amount: "1", externalID: nil) } }
            .hasPrefix("--date: \"2024-02-30\" is not a date"))
        XCTAssertTrue(refusal { try write { try $0.recordEntry(.disbursement, loan: "S1", date: "2024-02-01", amount: "1.234,56", externalID: nil) } }
            .hasPrefix("--amount: \"1.234,56\" is not an amount"))
        XCTAssertTrue(refusal { try write { try $0.recordEntry(.disbursement, loan: "S1", date: "2024-02-01", amount: "1,234", externalID: nil) } }
            .hasPrefix("--amount: \"1,234\" is not an amount"))
        XCTAssertTrue(refusal { try write { try $0.recordEntry(.disbursement, loan: "NOPE", date: "2024-02-01", amount: "1", externalID: nil) } }
            .hasPrefix("--loan: no loan NOPE"))
        XCTAssertTrue(refusal { try write { try $0.recordEntry(.repayment, loan: "S1", date: "2024-02-01", amount: "1", externalID: nil) } }
            .contains("the balance of loan S1 would be -1,00 kr on 2024-02-01"))
        XCTAssertEqual(try count("ledger_entries"), 0)
    }

    func testReverse() throws {
        try loadPortfolio()
        try write { try $0.recordEntry(.disbursement, loan: "S1", date: "2024-01-01", amount: "100", externalID: "D1") }
        try write { try $0.recordEntry(.disbursement, loan: "S1", date: "2024-01-05", amount: "100", externalID: "D2") }
        try write { try $0.recordEntry(.repayment, loan: "S1", date: "2024-03-01", amount: "150", externalID: "P1") }
        // Reversing D2 would leave −50 from 2024-03-01: refused.
        XCTAssertTrue(refusal { try write { try $0.reverse(entry: "D2", reason: "typo") } }
            .contains("the balance of loan S1 would be -50,00 kr on 2024-03-01"))
        let reversal = try write { try $0.reverse(entry: "P1", reason: "wrong loan") }
        XCTAssertEqual(reversal.externalID, "P1-R")
        XCTAssertEqual(try balance("S1"), 20_000)
        let row = try XCTUnwrap(db.row("SELECT value_date, amount_ore, balance_effect_ore, reason FROM ledger_entries WHERE external_id = 'P1-R'"))
        XCTAssertEqual(row.string("value_date"), "2024-03-01")
        XCTAssertEqual(row.int64("balance_effect_ore"), 15_000)
        XCTAssertTrue(refusal { try write { try $0.reverse(entry: "P1", reason: "again") } }.contains("already reversed by P1-R"))
        XCTAssertTrue(refusal { try write { try $0.reverse(entry: "P1-R", reason: "undo") } }.contains("is itself a reversal"))
        XCTAssertTrue(refusal { try write { try $0.reverse(entry: "NOPE", reason: "x") } }.contains("--entry: no entry NOPE"))
        XCTAssertTrue(refusal { try write { try $0.reverse(entry: "D1", reason: "  ") } }.contains("--reason: the reason is empty"))
    }

    func testReading() throws {
        try loadPortfolio()
        try importText(.indicators, """
            indicator_id,project_number,area,goal,name,unit,direction,baseline_value,baseline_year,target,target_text,target_year
            I1,1,,Mål,Namn,,higher,1,2022,>=5,,

            """)
        XCTAssertEqual(try write { try $0.recordReading(indicator: "I1", year: "2023", value: "97-98") }.valueKind, "range")
        XCTAssertTrue(try write { try $0.recordReading(indicator: "I1", year: "2023", value: "97-98") }.alreadyPresent)
        XCTAssertTrue(refusal { try write { try $0.recordReading(indicator: "I1", year: "2023", value: "99") } }
            .contains("already has a reading for 2023"))
        XCTAssertTrue(refusal { try write { try $0.recordReading(indicator: "I1", year: "1800", value: "9") } }.hasPrefix("--year:"))
        XCTAssertTrue(refusal { try write { try $0.recordReading(indicator: "I1", year: "2024", value: "12,3,4") } }.hasPrefix("--value:"))
        XCTAssertTrue(try write { try $0.approveFollowUp(year: "2024", on: "2025-03-01", note: nil) }.recorded)
        let before = try snapshot()
        XCTAssertEqual(refusal { try write { try $0.recordReading(indicator: "I1", year: "2024", value: "Ja") } },
                       "--year: the follow-up for 2024 is approved: record a late or corrected reading as an amendment "
                       + "('hallbar amend reading --indicator I1 --year 2024 --value … --reason …'), which the report "
                       + "shows as changed since the approval until the committee approves a new revision")
        XCTAssertEqual(try snapshot(), before)
    }
}
