import Foundation
import XCTest

/// Refusals found by an outside review: keys with stray spaces or line breaks, indicators
/// on projects that are not followed up, market rows whose name contradicts their code.
final class ValidationCLITests: CLITestCase {
    func testKeysWithSurroundingSpacesOrLineBreaksAreRefused() throws {
        let db = try seededWithHallbar()
        let before = try dump(db)
        let file = try writeFile("keys.csv", """
            external_id,loan_number,value_date,amount_sek,kind
            "R6 ",220001,2025-05-01,100,disbursement
            "Q
            1",220001,2025-05-01,100,disbursement
            " R7",220001,2025-05-01,100,disbursement

            """)
        let result = try hallbar(["import", "entries", file, "--db", db])
        XCTAssertEqual(result.status, 65, result.stderr)
        XCTAssertTrue(result.stderr.contains("keys.csv:2: column \"external_id\": the external_id \"R6 \" has U+0020 SPACE at position 3"), result.stderr)
        XCTAssertTrue(result.stderr.contains("keys.csv:3: column \"external_id\""), result.stderr)
        XCTAssertTrue(result.stderr.contains("keys.csv:5: column \"external_id\""), result.stderr)
        XCTAssertEqual(try dump(db), before)
        let single = try hallbar(["disburse", "--loan", "220001", "--date", "2025-05-01", "--amount", "100", "--id", "X1 ", "--db", db])
        XCTAssertEqual(single.status, 65, single.stderr)
    }

    func testIndicatorsBelongToApprovedSocialProjects() throws {
        let db = try seededWithHallbar()
        let file = try writeFile("ind.csv", """
            indicator_id,project_number,area,goal,name,unit,direction,baseline_value,baseline_year,target,target_text,target_year
            REJ-1,23,,Mål,På ett avslaget projekt,%,higher,1,2022,>=2,2,2025

            """)
        let result = try hallbar(["import", "indicators", file, "--db", db])
        XCTAssertEqual(result.status, 65, result.stderr)
        XCTAssertTrue(result.stderr.contains("project 23 was rejected"), result.stderr)
    }

    func testAMarketRowMustNameTheMunicipalityOfItsCode() throws {
        let db = path("m.db")
        try succeed(["init", "--db", db])
        let wrong = try writeFile("wrong.csv", "municipality_code,municipality,year,index_value\n0180,Göteborg,2020,20000\n")
        let result = try hallbar(["import", "market", wrong, "--db", db])
        XCTAssertEqual(result.status, 65, result.stderr)
        XCTAssertTrue(result.stderr.contains("does not match municipality code 0180, which is Stockholm"), result.stderr)
        let right = try writeFile("right.csv", "municipality_code,municipality,year,index_value\n0180,Stockholms stad,2020,20000\n2260,Ånge kommun,2020,4000\n")
        try succeed(["import", "market", right, "--db", db])
    }
}
