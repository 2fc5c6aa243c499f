import XCTest
@testable import Ledger

final class ParsingDayTests: XCTestCase {
    func testParsesRealDates() throws {
        let d = try Day.parse("2024-02-29")
        XCTAssertEqual(d.year, 2024)
        XCTAssertEqual(d.month, 2)
        XCTAssertEqual(d.day, 29)
        XCTAssertEqual(d.description, "2024-02-29")
        XCTAssertEqual(try Day.parse("2000-02-29").description, "2000-02-29")
        XCTAssertEqual(try Day.parse("0001-01-01").description, "0001-01-01")
        XCTAssertEqual(try Day.parse("2025-12-31").description, "2025-12-31")
    }

    func testRefusals() {
        let bad = ["2024-2-1", "2024-02-30", "2023-02-29", "1900-02-29", "20240201", " 2024-02-01",
                   "2024-02-01 ", "2024/02/01", "2024-13-01", "2024-00-10", "2024-04-31", "2024-01-00",
                   "0000-01-01", "2024-02-1a", "", "24-02-01", "2024-02-01T00:00", "２０２４-02-01"]
        for text in bad {
            XCTAssertThrowsError(try Day.parse(text), text) {
                XCTAssertEqual(($0 as? DayError)?.input, text)
            }
        }
    }

    func testMessages() {
        XCTAssertThrowsError(try Day.parse("2024-02-30")) {
            XCTAssertEqual("\($0)", "\"2024-02-30\" is not a date: February 2024 has 29 days")
        }
        XCTAssertThrowsError(try Day.parse("2024-2-1")) {
            XCTAssertEqual("\($0)", "\"2024-2-1\" is not a date: expected YYYY-MM-DD")
        }
    }

    func testOrderingAndValidation() throws {
        XCTAssertLessThan(try Day.parse("2023-12-31"), try Day.parse("2024-01-01"))
        XCTAssertLessThan(try Day.parse("2024-01-31"), try Day.parse("2024-02-01"))
        XCTAssertNil(Day(year: 2023, month: 2, day: 29))
        XCTAssertNil(Day(year: 10000, month: 1, day: 1))
        XCTAssertTrue(Day.isLeapYear(2000))
        XCTAssertFalse(Day.isLeapYear(2100))
        XCTAssertEqual(Set([try Day.parse("2024-01-01"), try Day.parse("2024-01-01")]).count, 1)
    }

    func testToday() {
        let today = Day.today()
        XCTAssertGreaterThanOrEqual(today.year, 2024)
        XCTAssertEqual(try Day.parse(today.description), today)
    }

    func testCodableUsesISOText() throws {
        let data = try JSONEncoder().encode([try Day.parse("2024-12-31")])
        XCTAssertEqual(String(decoding: data, as: UTF8.self), "[\"2024-12-31\"]")
        XCTAssertEqual(try JSONDecoder().decode([Day].self, from: data), [try Day.parse("2024-12-31")])
        XCTAssertThrowsError(try JSONDecoder().decode([Day].self, from: Data("[\"2024-02-30\"]".utf8)))
    }
}
