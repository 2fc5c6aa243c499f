import XCTest
@testable import Ledger

final class ParsingDecimalValueTests: XCTestCase {
    func value(_ text: String) throws -> String {
        try DecimalValue.parse(text).description
    }

    func reason(_ text: String) -> DecimalValueError.Reason? {
        do {
            let v = try DecimalValue.parse(text)
            XCTFail("\"\(text)\" accepted as \(v)")
            return nil
        } catch {
            return error.reason
        }
    }

    func testParses() throws {
        XCTAssertEqual(try value("86,5"), "86.5")
        XCTAssertEqual(try value("86.5"), "86.5")
        XCTAssertEqual(try value("15 %"), "15")
        XCTAssertEqual(try value("15%"), "15")
        XCTAssertEqual(try value(" 0,123456 "), "0.123456")
        XCTAssertEqual(try value("-2,25"), "-2.25")
        XCTAssertEqual(try value("\u{2212}2.25 %"), "-2.25")
        XCTAssertEqual(try value("1 234,5"), "1234.5")
        XCTAssertEqual(try value("1\u{00A0}234"), "1234")
        XCTAssertEqual(try value("0"), "0")
        XCTAssertEqual(try DecimalValue.parse("86,5").units, 865_000_000)
        XCTAssertEqual(try DecimalValue.parse("97,25").swedish, "97,25")
    }

    func testRefusals() {
        XCTAssertEqual(reason("0,1234567"), .number(.tooManyDecimals(max: 6)))
        XCTAssertEqual(reason("1.234,5"), .number(.mixedSeparators))
        XCTAssertEqual(reason("1,2,3"), .number(.multipleDecimalSeparators))
        XCTAssertEqual(reason("ca 90"), .number(.unexpectedCharacter("c")))
        XCTAssertEqual(reason("1e3"), .number(.unexpectedCharacter("e")))
        XCTAssertEqual(reason("%"), .number(.empty))
        XCTAssertEqual(reason("12 34"), .number(.badGrouping))
        XCTAssertEqual(reason("1000000000000"), .number(.overflow))
        XCTAssertEqual(reason("97-98"), .number(.unexpectedCharacter("-")))
    }

    func testOrderingAndEquality() throws {
        XCTAssertEqual(try DecimalValue.parse("86,50"), try DecimalValue.parse("86.5"))
        XCTAssertLessThan(try DecimalValue.parse("86"), try DecimalValue.parse("86,5"))
        XCTAssertLessThan(try DecimalValue.parse("-1"), DecimalValue.zero)
        XCTAssertEqual(DecimalValue(20), try DecimalValue.parse("20 %"))
    }

    func testRanges() throws {
        for text in ["97-98", "97–98 %", "97 - 98", "97 % - 98 %", "97..98", "97—98"] {
            let r = try DecimalValue.parseRange(text)
            XCTAssertEqual(r.low.description, "97", text)
            XCTAssertEqual(r.high.description, "98", text)
            XCTAssertEqual(r.midpoint.description, "97.5", text)
        }
        let negative = try DecimalValue.parseRange("-5--3")
        XCTAssertEqual(negative.description, "-5--3")
        XCTAssertEqual(negative.midpoint.description, "-4")
        let decimals = try DecimalValue.parseRange("0,5-1,25")
        XCTAssertEqual(decimals.midpoint.description, "0.875")
        XCTAssertTrue(try DecimalValue.parseRange("90-100").contains(DecimalValue.parse("97,5")))
        XCTAssertFalse(try DecimalValue.parseRange("90-100").contains(DecimalValue.parse("100,01")))
    }

    func testRangeRefusals() {
        func reason(_ text: String) -> DecimalValueError.Reason? {
            do { _ = try DecimalValue.parseRange(text); XCTFail(text); return nil } catch { return error.reason }
        }
        XCTAssertEqual(reason("-5"), .notARange)
        XCTAssertEqual(reason("\u{2212}5"), .notARange)
        XCTAssertEqual(reason("97"), .notARange)
        XCTAssertEqual(reason("98-97"), .reversedRange)
        XCTAssertEqual(reason("97-"), .number(.empty))
        XCTAssertEqual(reason("97-x"), .number(.unexpectedCharacter("x")))
        XCTAssertEqual(DecimalValueError(input: "98-97", reason: .reversedRange).description,
                       "\"98-97\" is not a range: the low end is above the high end")
    }

    func testMidpointIsExactForParsedValues() throws {
        let a = try DecimalValue.parse("0,000001")
        let b = try DecimalValue.parse("0,000002")
        XCTAssertEqual(DecimalValue.midpoint(a, b).description, "0.0000015")
        XCTAssertEqual(DecimalValue.midpoint(a, b).units, 15)
        let big = DecimalValue(units: Int64.max - 10)
        XCTAssertEqual(DecimalValue.midpoint(big, big), big)
    }

    func testRoundTrip() throws {
        var state: UInt64 = 99
        for _ in 0 ..< 2000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            // Parsed values have at most six decimals: multiples of 10 units.
            let units = (Int64(bitPattern: state) >> Int64(state % 63)) / 10 * 10
            let v = DecimalValue(units: units)
            XCTAssertEqual(try DecimalValue.parse(v.description), v, v.description)
            XCTAssertEqual(try DecimalValue.parse(v.swedish), v, v.swedish)
        }
    }
}
