import XCTest
@testable import Ledger

final class ParsingOrgNumberTests: XCTestCase {
    func testRealOrganisationNumbers() throws {
        // Botkyrka, Tanum and Ronneby kommun, Kommuninvest.
        for text in ["212000-0142", "212000-1355", "212000-0811", "556281-4409"] {
            XCTAssertEqual(try OrgNumber.parse(text).description, text)
        }
    }

    func testWithoutHyphenNormalised() throws {
        XCTAssertEqual(try OrgNumber.parse("2120000142").description, "212000-0142")
        XCTAssertEqual(try OrgNumber.parse("5562814409"), try OrgNumber.parse("556281-4409"))
    }

    func testWrongCheckDigit() {
        XCTAssertThrowsError(try OrgNumber.parse("212000-0143")) {
            XCTAssertEqual("\($0)", "\"212000-0143\" is not an organisation number: the check digit should be 2")
        }
        // Two adjacent digits swapped (Luhn misses only 09 <-> 90).
        XCTAssertThrowsError(try OrgNumber.parse("556281-4049"))
        XCTAssertThrowsError(try OrgNumber.parse("552681-4409"))
    }

    func testShapeRefused() {
        for text in ["212000 0142", "21200-00142", "212000-014", "212000-01422", " 212000-0142", "21200O-0142",
                     "212000–0142", "", "17212000-0142", "1621200000142"] {
            XCTAssertThrowsError(try OrgNumber.parse(text), text)
        }
    }

    func testLuhn() {
        XCTAssertEqual(OrgNumber.luhnCheckDigit([2, 1, 2, 0, 0, 0, 0, 1, 4]), 2)
        XCTAssertEqual(OrgNumber.luhnCheckDigit([5, 5, 6, 2, 8, 1, 4, 4, 0]), 9)
        XCTAssertEqual(OrgNumber.luhnCheckDigit([0, 0, 0, 0, 0, 0, 0, 0, 0]), 0)
    }

    func testMunicipalityCodes() throws {
        XCTAssertEqual(try MunicipalityCode.parse("0127").county, 1)       // Botkyrka
        XCTAssertEqual(try MunicipalityCode.parse("1435").county, 14)      // Tanum
        XCTAssertEqual(try MunicipalityCode.parse("1081").description, "1081")  // Ronneby
        XCTAssertEqual(try MunicipalityCode.parse("2584").county, 25)      // Kiruna
        for text in ["01270", "0a27", " 127", "0027", "2601", "1101", "1501", "1601", "0201"] {
            XCTAssertThrowsError(try MunicipalityCode.parse(text), text)
        }
    }
}
