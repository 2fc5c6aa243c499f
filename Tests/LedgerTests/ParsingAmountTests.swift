import XCTest
@testable import Ledger

final class ParsingAmountTests: XCTestCase {
    func ore(_ text: String, comma: Bool, negative: Bool = false,
             file: StaticString = #filePath, line: UInt = #line) -> Ore? {
        do {
            return try AmountParser.parse(text, decimalComma: comma, allowNegative: negative)
        } catch {
            XCTFail("\(text): \(error)", file: file, line: line)
            return nil
        }
    }

    func refusal(_ text: String, comma: Bool, negative: Bool = false) -> NumberRefusal? {
        do {
            let value = try AmountParser.parse(text, decimalComma: comma, allowNegative: negative)
            XCTFail("\"\(text)\" was accepted as \(value)")
            return nil
        } catch {
            XCTAssertEqual(error.input, text)
            return error.reason
        }
    }

    func testPointFile() {
        XCTAssertEqual(ore("1234.50", comma: false), 123_450)
        XCTAssertEqual(ore("1", comma: false), 100)
        XCTAssertEqual(ore("1.5", comma: false), 150)
        XCTAssertEqual(ore("0.01", comma: false), 1)
        XCTAssertEqual(ore("  42  ", comma: false), 4200)
        XCTAssertEqual(ore("1 234 567.89", comma: false), 123_456_789)
        XCTAssertEqual(ore("007", comma: false), 700)
    }

    /// A spreadsheet's Swedish currency format saves "42 000 000,00 kr": a trailing kr or SEK
    /// (any case, a space or not) is the currency of every amount, not part of the number.
    func testATrailingKronaIsTaken() {
        XCTAssertEqual(ore("42\u{00A0}000\u{00A0}000,00 kr", comma: true), 4_200_000_000)
        XCTAssertEqual(ore("12kr", comma: true), 1_200)
        XCTAssertEqual(ore("12,50 SEK", comma: true), 1_250)
        XCTAssertEqual(ore("12.50 Kr ", comma: false), 1_250)
        XCTAssertEqual(ore("-5 kr", comma: true, negative: true), -500)
        XCTAssertEqual(refusal("kr", comma: true), .unexpectedCharacter("k"))
        XCTAssertEqual(refusal("12 kr kr", comma: true), .trailingText("kr"))
    }

    func testCommaFile() {
        XCTAssertEqual(ore("1,5", comma: true), 150)
        XCTAssertEqual(ore("1,50", comma: true), 150)
        XCTAssertEqual(ore("1", comma: true), 100)
        XCTAssertEqual(ore("1 234 567,50", comma: true), 123_456_750)
        XCTAssertEqual(ore("3 758 000 000", comma: true), 375_800_000_000)
    }

    func testNonBreakingSpaceGrouping() {
        XCTAssertEqual(ore("1\u{00A0}234\u{00A0}567,50", comma: true), 123_456_750)
        XCTAssertEqual(ore("1\u{202F}234,05", comma: true), 123_405)
        XCTAssertEqual(ore("\u{00A0}12\u{202F}", comma: true), 1200)
    }

    func testMinus() {
        XCTAssertEqual(ore("-12,50", comma: true, negative: true), -1250)
        XCTAssertEqual(ore("\u{2212}1 000,00", comma: true, negative: true), -100_000)
        XCTAssertEqual(refusal("-12,50", comma: true), .negativeNotAllowed)
        XCTAssertEqual(refusal("\u{2212}5", comma: true), .negativeNotAllowed)
        XCTAssertEqual(refusal("-0", comma: false), .negativeNotAllowed)
    }

    func testRefusals() {
        XCTAssertEqual(refusal("12.5", comma: true), .decimalPointInCommaFile)
        XCTAssertEqual(refusal("12,5", comma: false), .decimalCommaInPointFile)
        XCTAssertEqual(refusal("1.234,56", comma: true), .mixedSeparators)
        XCTAssertEqual(refusal("1.234,56", comma: false), .mixedSeparators)
        XCTAssertEqual(refusal("1,234.56", comma: true), .mixedSeparators)
        XCTAssertEqual(refusal("1,234.56", comma: false), .mixedSeparators)
        XCTAssertEqual(refusal("1,567", comma: true), .tooManyDecimals(max: 2))
        XCTAssertEqual(refusal("1 234,567", comma: true), .tooManyDecimals(max: 2))
        XCTAssertEqual(refusal("0.001", comma: false), .tooManyDecimals(max: 2))
        XCTAssertEqual(refusal("12 34", comma: true), .badGrouping)
        XCTAssertEqual(refusal("1234 567", comma: true), .badGrouping)
        XCTAssertEqual(refusal("1 2345", comma: true), .badGrouping)
        XCTAssertEqual(refusal("1  234", comma: true), .badGrouping)
        XCTAssertEqual(refusal("1,5 0", comma: true), .badGrouping)
        XCTAssertEqual(refusal("", comma: true), .empty)
        XCTAssertEqual(refusal("   ", comma: true), .empty)
        XCTAssertEqual(refusal("+", comma: true), .plusSign)
        XCTAssertEqual(refusal("+5", comma: false), .plusSign)
        XCTAssertEqual(refusal("abc", comma: true), .unexpectedCharacter("a"))
        XCTAssertEqual(refusal("1e5", comma: false), .unexpectedCharacter("e"))
        XCTAssertEqual(refusal("12 EUR", comma: true), .trailingText("EUR"))
        XCTAssertEqual(refusal("12 kronor", comma: true), .trailingText("kronor"))
        XCTAssertEqual(refusal("kr 12", comma: true), .unexpectedCharacter("k"))
        XCTAssertEqual(refusal("12 krona", comma: true), .trailingText("krona"))
        XCTAssertEqual(refusal("€5", comma: true), .unexpectedCharacter("€"))
        XCTAssertEqual(refusal("12,3,4", comma: true), .multipleDecimalSeparators)
        XCTAssertEqual(refusal("1.000.000", comma: false), .multipleDecimalSeparators)
        XCTAssertEqual(refusal(",5", comma: true), .missingDigits)
        XCTAssertEqual(refusal("5,", comma: true), .missingDigits)
        XCTAssertEqual(refusal("-", comma: true, negative: true), .missingDigits)
        XCTAssertEqual(refusal("5\t000", comma: true), .unexpectedCharacter("\t"))
    }

    func testOverflowIsCheckedNotWrapped() {
        // Beyond Int64 öre (92 233 720 368 547 758.07 kr) is refused like any amount above the limit.
        XCTAssertEqual(refusal("92233720368547758.07", comma: false), .aboveLimit)
        XCTAssertEqual(refusal("92233720368547758.08", comma: false), .aboveLimit)
        XCTAssertEqual(refusal("99999999999999999999999", comma: false), .aboveLimit)
        XCTAssertEqual(refusal("-92233720368547758.09", comma: false, negative: true), .aboveLimit)
    }

    /// quality.md: an amount is at most 10¹² SEK (issue 17, finding 5: two disbursements of
    /// 5·10¹⁶ SEK imported and their sum overflowed every report).
    func testAnAmountIsAtMostATrillionKronor() {
        XCTAssertEqual(AmountParser.maxOre, 100_000_000_000_000)
        XCTAssertEqual(ore("1000000000000.00", comma: false), 100_000_000_000_000)
        XCTAssertEqual(ore("1 000 000 000 000,00", comma: true), 100_000_000_000_000)
        XCTAssertEqual(ore("-1000000000000", comma: false, negative: true), -100_000_000_000_000)
        XCTAssertEqual(refusal("1000000000000.01", comma: false), .aboveLimit)
        XCTAssertEqual(refusal("-1000000000000.01", comma: false, negative: true), .aboveLimit)
        XCTAssertEqual(refusal("50 000 000 000 000 000,00", comma: true), .aboveLimit)
        XCTAssertEqual(AmountError(input: "50000000000000000", reason: .aboveLimit).description,
                       "\"50000000000000000\" is not an amount: it is above 1 000 000 000 000 SEK, the largest amount hallbar records")
        var copy = "1000000000000.01"
        XCTAssertThrowsError(try copy.withUTF8 { try AmountParser.parse(utf8: $0, decimalComma: false) })
    }

    func testMessages() {
        XCTAssertEqual(AmountError(input: "12,3,4", reason: .multipleDecimalSeparators).description,
                       "\"12,3,4\" is not an amount: more than one decimal separator")
        do {
            _ = try AmountParser.parse("1,567", decimalComma: true)
            XCTFail("accepted")
        } catch {
            XCTAssertEqual(error.description, "\"1,567\" is not an amount: more than 2 decimals (never rounded)")
        }
    }

    func testPositivity() throws {
        XCTAssertEqual(try AmountParser.parsePositive("0,01", decimalComma: true), 1)
        XCTAssertThrowsError(try AmountParser.parsePositive("0,00", decimalComma: true)) {
            XCTAssertEqual(($0 as? AmountError)?.reason, .zeroNotAllowed)
        }
        XCTAssertThrowsError(try AmountParser.parsePositive("-1", decimalComma: true)) {
            XCTAssertEqual(($0 as? AmountError)?.reason, .negativeNotAllowed)
        }
        XCTAssertNoThrow(try AmountParser.requirePositive(1))
        XCTAssertThrowsError(try AmountParser.requirePositive(0))
        XCTAssertThrowsError(try AmountParser.requirePositive(-5)) {
            XCTAssertEqual(($0 as? AmountError)?.input, "-0.05")
        }
    }

    func testBytesEntryPoint() throws {
        var text = "1 234,50"
        let value = try text.withUTF8 { try AmountParser.parse(utf8: $0, decimalComma: true) }
        XCTAssertEqual(value, 123_450)
        var bad = "12.5"
        XCTAssertThrowsError(try bad.withUTF8 { try AmountParser.parse(utf8: $0, decimalComma: true) }) {
            XCTAssertEqual(($0 as? AmountError)?.input, "12.5")
        }
    }

    func testRender() {
        XCTAssertEqual(AmountParser.render(ore: 123_450), "1234.50")
        XCTAssertEqual(AmountParser.render(ore: 5), "0.05")
        XCTAssertEqual(AmountParser.render(ore: 0), "0.00")
        XCTAssertEqual(AmountParser.render(ore: -100), "-1.00")
        XCTAssertEqual(AmountParser.render(ore: Int64.min), "-92233720368547758.08")
    }

    func testRoundTrip() throws {
        let limit = AmountParser.maxOre
        var values: [Ore] = [0, 1, -1, 99, 100, 101, 123_456_789, limit, -limit, limit - 1, -limit + 1]
        var state: UInt64 = 12345
        for _ in 0 ..< 2000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            values.append(Int64(bitPattern: state) >> Int64(state % 60))
        }
        for x in values where x.magnitude > limit.magnitude {
            XCTAssertEqual(refusal(AmountParser.render(ore: x), comma: false, negative: true), .aboveLimit)
        }
        for x in values where x.magnitude <= limit.magnitude {
            let text = AmountParser.render(ore: x)
            XCTAssertEqual(try AmountParser.parse(text, decimalComma: false, allowNegative: true), x, text)
            let swedish = text.replacingOccurrences(of: ".", with: ",")
            XCTAssertEqual(try AmountParser.parse(swedish, decimalComma: true, allowNegative: true), x, swedish)
        }
    }
}
