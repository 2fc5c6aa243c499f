import XCTest
@testable import Ledger

final class MarketModelTests: XCTestCase {
    /// SOU 2015:58, bilaga 2, p. 656: the Åsele 2012 inputs as printed.
    private func åsele2012() throws -> MarketInputs {
        try MarketInputs(trendIndex: "99,73167", levelIndex: "85,16515",
                         labourMarketPopulationK: "2,959923", jobAccessibilityK: "0,72784")
    }

    func testÅsele2012WorkedExampleGives2619() throws {
        XCTAssertEqual(try MarketModel.sou2015_58.index(try åsele2012()), 2619)
    }

    func testÅsele2012ExactValue() throws {
        let exact = try MarketModel.sou2015_58.exactIndex(try åsele2012())
        XCTAssertEqual(exact, MarketDecimal(units: 2_619_447_587_839, scale: 9))
        XCTAssertEqual(exact.description, "2619.447587839")
    }

    func testDecimalPointGivesTheSameResult() throws {
        let inputs = try MarketInputs(trendIndex: "99.73167", levelIndex: "85.16515",
                                      labourMarketPopulationK: "2.959923", jobAccessibilityK: "0.72784")
        XCTAssertEqual(inputs, try åsele2012())
        XCTAssertEqual(try MarketModel.sou2015_58.index(inputs), 2619)
    }

    func testÅseleInputsRoundedToThousandthsGive2620() throws {
        // Inputs must be taken at their printed precision: rounded to thousandths
        // (99,732 / 85,165 / 2,960 / 0,728) the model gives 2 619,560653 → 2 620.
        let inputs = try MarketInputs(trendIndex: "99,732", levelIndex: "85,165",
                                      labourMarketPopulationK: "2,960", jobAccessibilityK: "0,728")
        let exact = try MarketModel.sou2015_58.exactIndex(inputs)
        XCTAssertEqual(exact, MarketDecimal(units: 2_619_560_653, scale: 6))
        XCTAssertEqual(try MarketModel.sou2015_58.index(inputs), 2620)
    }

    func testCoefficientsAreThePrintedOnes() {
        let m = MarketModel.sou2015_58
        XCTAssertEqual(m.intercept, try MarketDecimal(parsing: "−52 749,833"))
        XCTAssertEqual(m.trendCoefficient, try MarketDecimal(parsing: "407,129"))
        XCTAssertEqual(m.levelCoefficient, try MarketDecimal(parsing: "173,101"))
        XCTAssertEqual(m.labourMarketPopulationCoefficient, try MarketDecimal(parsing: "0,833"))
        XCTAssertEqual(m.jobAccessibilityCoefficient, try MarketDecimal(parsing: "28,835"))
    }

    func testRoundingIsHalfAwayFromZero() throws {
        func model(_ intercept: String) throws -> MarketModel {
            MarketModel(intercept: try MarketDecimal(parsing: intercept),
                        trendCoefficient: MarketDecimal(0), levelCoefficient: MarketDecimal(0),
                        labourMarketPopulationCoefficient: MarketDecimal(0),
                        jobAccessibilityCoefficient: MarketDecimal(0))
        }
        let zero = MarketInputs(trendIndex: MarketDecimal(0), levelIndex: MarketDecimal(0),
                                labourMarketPopulationK: MarketDecimal(0), jobAccessibilityK: MarketDecimal(0))
        let cases: [(String, Int64)] = [
            ("0,5", 1), ("-0,5", -1), ("2,5", 3), ("-2,5", -3), ("2,4999", 2), ("-2,4999", -2),
            ("7700,5", 7701), ("7700,49", 7700), ("0", 0), ("-0,4", 0), ("1,000000001", 1),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(try model(text).index(zero), expected, text)
        }
    }

    func testLinearity() throws {
        // 407,129 × 1 + 173,101 × 1 + 0,833 × 1000 + 28,835 × 100 − 52 749,833 = −48 453,103
        let inputs = try MarketInputs(trendIndex: "1", levelIndex: "1",
                                      labourMarketPopulationK: "1 000", jobAccessibilityK: "100")
        XCTAssertEqual(try MarketModel.sou2015_58.exactIndex(inputs), try MarketDecimal(parsing: "-48453,103"))
        XCTAssertEqual(try MarketModel.sou2015_58.index(inputs), -48453)
    }

    func testOverflowIsReportedNotTrapped() throws {
        let one = MarketDecimal(1)
        // The product overflows.
        let huge = MarketDecimal(units: Int64.max / 1000, scale: 0)
        let inputs = MarketInputs(trendIndex: huge, levelIndex: one, labourMarketPopulationK: one, jobAccessibilityK: one)
        XCTAssertThrowsError(try MarketModel.sou2015_58.index(inputs)) { error in
            XCTAssertEqual(error as? MarketError, .overflow)
        }
        // Rescaling a term to the common scale overflows (0,833 × 1 at scale 3 → scale 12).
        let fine = try MarketDecimal(parsing: "0,000000001")
        let big = MarketDecimal(units: Int64.max / 100_000, scale: 0)
        let rescale = MarketInputs(trendIndex: fine, levelIndex: one, labourMarketPopulationK: big, jobAccessibilityK: one)
        XCTAssertThrowsError(try MarketModel.sou2015_58.index(rescale)) { error in
            XCTAssertEqual(error as? MarketError, .overflow)
        }
    }

    // MARK: MarketDecimal parsing

    func testParsingAcceptedSpellings() throws {
        let cases: [(String, Int64, Int)] = [
            ("99,73167", 9_973_167, 5), ("99.73167", 9_973_167, 5), ("0,72784", 72_784, 5),
            ("-52 749,833", -52_749_833, 3), ("−52 749,833", -52_749_833, 3),
            ("52\u{00A0}749.833", 52_749_833, 3), ("52\u{202F}749", 52_749, 0),
            ("+7", 7, 0), (" 2 597 ", 2597, 0), ("1 234 567", 1_234_567, 0), ("0", 0, 0),
            ("0,123456789", 123_456_789, 9),
        ]
        for (text, units, scale) in cases {
            let d = try MarketDecimal(parsing: text)
            XCTAssertEqual(d.units, units, text)
            XCTAssertEqual(d.scale, scale, text)
        }
    }

    func testParsingRejections() {
        for text in ["", " ", "-", "abc", ",5", ".5", "5,", "5.", "1,2,3", "1.234,5", "1,234.5",
                     "12 34", "1234 567", "1  000", "1e3", "0x10", "--1", "1-", "- 1", "1'000", "١٢"] {
            XCTAssertThrowsError(try MarketDecimal(parsing: text), "\"\(text)\"") { error in
                XCTAssertEqual(error as? MarketError, .notANumber(text), "\"\(text)\"")
            }
        }
        XCTAssertThrowsError(try MarketDecimal(parsing: "0,1234567891")) { error in
            XCTAssertEqual(error as? MarketError, .tooManyDecimals("0,1234567891", max: 9))
        }
        XCTAssertThrowsError(try MarketDecimal(parsing: "99999999999999999999")) { error in
            XCTAssertEqual(error as? MarketError, .overflow)
        }
    }

    func testDecimalEqualityAndOrderingAreByValue() throws {
        XCTAssertEqual(try MarketDecimal(parsing: "1,50"), try MarketDecimal(parsing: "1.5"))
        XCTAssertEqual(Set([try MarketDecimal(parsing: "1,50"), try MarketDecimal(parsing: "1.5")]).count, 1)
        XCTAssertLessThan(try MarketDecimal(parsing: "-1,5"), try MarketDecimal(parsing: "-1,2"))
        XCTAssertLessThan(try MarketDecimal(parsing: "7700"), try MarketDecimal(parsing: "7700,001"))
        XCTAssertEqual(MarketDecimal(units: -5, scale: 3).description, "-0.005")
        XCTAssertEqual(MarketDecimal(units: 2597, scale: 0).description, "2597")
    }

    // MARK: Readings

    func testReadingWithIndexValue() throws {
        let code = try XCTUnwrap(try? MunicipalityCode.parse("2463"))
        let r = MarketReading(municipalityCode: code, municipality: "Åsele", year: 2012,
                              indexValue: try MarketDecimal(parsing: "2 597"), inputs: nil)
        XCTAssertEqual(try r.resolvedIndex(), 2597)
        XCTAssertFalse(r.isComputed)
    }

    func testReadingComputedFromInputs() throws {
        let code = try XCTUnwrap(try? MunicipalityCode.parse("2463"))
        let inputs = try MarketReading.inputs(trendIndex: "99.73167", levelIndex: "85.16515",
                                              labourMarketPopulationK: "2.959923", jobAccessibilityK: "0.72784")
        let r = MarketReading(municipalityCode: code, municipality: "Åsele", year: 2012,
                              indexValue: nil, inputs: inputs)
        XCTAssertTrue(r.isComputed)
        XCTAssertEqual(try r.resolvedIndex(), 2619)
    }

    func testReadingInputsAllOrNothing() throws {
        XCTAssertNil(try MarketReading.inputs(trendIndex: nil, levelIndex: "", labourMarketPopulationK: " ",
                                              jobAccessibilityK: nil))
        XCTAssertThrowsError(try MarketReading.inputs(trendIndex: "1", levelIndex: "", labourMarketPopulationK: "1",
                                                      jobAccessibilityK: "1")) { error in
            XCTAssertEqual(error as? MarketError, .incompleteInputs)
        }
        let code = try XCTUnwrap(try? MunicipalityCode.parse("2463"))
        let empty = MarketReading(municipalityCode: code, municipality: "Åsele", year: 2012,
                                  indexValue: nil, inputs: nil)
        XCTAssertThrowsError(try empty.resolvedIndex()) { error in
            XCTAssertEqual(error as? MarketError, .missingIndex)
        }
    }

    func testMunicipalityCodes() {
        for valid in ["0127", "2463", "2305", "1435", "1081", "0180", "2584", "0980"] {
            XCTAssertNotNil(try? MunicipalityCode.parse(valid), valid)
        }
        // Three digits are a code whose leading zero a spreadsheet dropped (ExcelVariantsTests).
        XCTAssertEqual((try? MunicipalityCode.parse("127"))?.description, "0127")
        for invalid in ["02463", "0227", "1127", "1527", "1627", "2600", "0000", "11a4", "", "２４６３", " 127"] {
            XCTAssertNil(try? MunicipalityCode.parse(invalid), invalid)
        }
        XCTAssertEqual((try? MunicipalityCode.parse("2463"))?.county, 24)
    }
}
