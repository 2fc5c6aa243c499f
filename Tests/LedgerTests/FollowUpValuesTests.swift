import XCTest
@testable import Ledger

/// Quantity, ReadingValue, IndicatorHistory, status labels and roll-ups.
final class FollowUpValuesTests: XCTestCase {
    /// Quantity's text, built from digits, says what the String-based rule said: the integer
    /// part grouped by three, the fraction without trailing zeros, a sign for negatives
    /// (generated values across the whole Int64 range, and the edges).
    func testQuantityTextMatchesTheDigitRule() {
        func reference(_ units: Int64, _ decimal: String, _ group: String?) -> String {
            let magnitude = units.magnitude, scale = UInt64(Quantity.scale)
            let integer = String(magnitude / scale)
            var fraction = String(magnitude % scale)
            fraction = String(repeating: "0", count: 7 - fraction.count) + fraction
            while fraction.last == "0" { fraction.removeLast() }
            var integerPart = ""
            if let group, integer.count > 3 {
                for (index, ch) in integer.enumerated() {
                    if index > 0 && (integer.count - index) % 3 == 0 { integerPart += group }
                    integerPart.append(ch)
                }
            } else { integerPart = integer }
            let sign = units < 0 ? "-" : ""
            return fraction.isEmpty ? sign + integerPart : sign + integerPart + decimal + fraction
        }
        var values: [Int64] = [0, 1, -1, 10_000_000, -10_000_000, 5_000_000, 12_345_678_901, Int64.max, Int64.min, Int64.min + 1, 999_9999_999]
        var generator = SplitMix64(seed: 0x51_7E)
        for _ in 0..<5_000 {
            let bits = generator.next()
            values.append(Int64(bitPattern: bits) >> (bits >> 58))  // shifted by 0…63: small and large values alike
        }
        for units in values {
            let quantity = Quantity(units: units)
            XCTAssertEqual(quantity.canonical, reference(units, ".", nil), "\(units)")
            XCTAssertEqual(quantity.formatted(language: .sv), reference(units, ",", DigitLayout.nbsp), "\(units)")
            XCTAssertEqual(quantity.formatted(language: .en), reference(units, ".", ","), "\(units)")
        }
    }

    func testQuantityParsesWhatReadersWrite() throws {
        XCTAssertEqual(try Quantity.parse("86,5").units, 865_000_000)
        XCTAssertEqual(try Quantity.parse("86.5"), try Quantity.parse("86,5"))
        XCTAssertEqual(try Quantity.parse("15 %"), 15)
        XCTAssertEqual(try Quantity.parse("15%"), 15)
        XCTAssertEqual(try Quantity.parse("0.5").units, 5_000_000)
        XCTAssertEqual(try Quantity.parse("-3"), -3)
        XCTAssertEqual(try Quantity.parse("\u{2212}3"), -3)
        XCTAssertEqual(try Quantity.parse("+195,8").units, 1_958_000_000)
        XCTAssertEqual(try Quantity.parse(" 1 106 "), 1106)
        XCTAssertEqual(try Quantity.parse("1\u{00A0}106,25").units, 11_062_500_000)
        XCTAssertEqual(try Quantity.parse("1\u{202F}234\u{202F}567"), 1_234_567)
        XCTAssertEqual(try Quantity.parse("0,000001").units, 10)
        XCTAssertEqual(try Quantity.parse("922337203685"), Quantity(922_337_203_685))
    }

    func testQuantityRefusals() {
        for bad in ["", "  ", "%", "abc", "12,3,4", "1.234,56", "1 23", "1234 567", "1 2345", ",5", "5,", "--3", "3-", "1e5", "١٢"] {
            XCTAssertThrowsError(try Quantity.parse(bad), "\"\(bad)\"")
        }
        XCTAssertEqual(try Quantity.parse("1,2345678").units, 12_345_678)
        XCTAssertThrowsError(try Quantity.parse("1,23456789")) { error in
            XCTAssertEqual(error as? QuantityParseError, .tooManyDecimals("1,23456789"))
        }
        XCTAssertThrowsError(try Quantity.parse("922337203686")) { error in
            XCTAssertEqual(error as? QuantityParseError, .outOfRange("922337203686"))
        }
        XCTAssertEqual(QuantityParseError.notANumber("12,3,4").description, "\"12,3,4\" is not a number")
    }

    func testQuantityTextAndOrder() throws {
        XCTAssertEqual(try Quantity.parse("86,50").canonical, "86.5")
        XCTAssertEqual(Quantity(-3).canonical, "-3")
        XCTAssertEqual(try Quantity.parse("-0,5").canonical, "-0.5")
        XCTAssertEqual(try Quantity.parse("1106,5").formatted(language: .sv), "1\u{00A0}106,5")
        XCTAssertEqual(try Quantity.parse("1106,5").formatted(language: .en), "1,106.5")
        XCTAssertEqual(try Quantity.parse("106,5").formatted(), "106,5")
        XCTAssertLessThan(try Quantity.parse("86"), try Quantity.parse("86,000001"))
        XCTAssertEqual(Quantity.midpoint(97, 98).canonical, "97.5")
        XCTAssertEqual(Quantity.midpoint(try Quantity.parse("0,000001"), 0).units, 5)
        XCTAssertEqual(Quantity.midpoint(-5, -2).canonical, "-3.5")
        // Seven decimals: rounded half away from zero at 10⁻⁷.
        XCTAssertEqual(Quantity.midpoint(Quantity(units: 1), .zero).units, 1)
        XCTAssertEqual(Quantity.midpoint(Quantity(units: -1), .zero).units, -1)
        for text in ["0", "86,5", "-0,0000001", "922337203685", "-922337203685,4775807", "922337203685,4775807"] {
            let value = try Quantity.parse(text)
            XCTAssertEqual(try Quantity.parse(value.canonical), value)
        }
        for units in [Int64.min, Int64.min + 1, -1, 0, 1, Int64.max] {
            XCTAssertEqual(try Quantity.parse(Quantity(units: units).canonical).units, units)
        }
        XCTAssertThrowsError(try Quantity.parse("922337203685,4775808"))
        XCTAssertEqual(try Quantity.parse("-922337203685,4775808").units, Int64.min)
    }

    func testReadingValueParse() throws {
        XCTAssertEqual(try ReadingValue.parse("86,5"), .number(try Quantity.parse("86.5")))
        XCTAssertEqual(try ReadingValue.parse("97-98 %"), .range(low: 97, high: 98, written: "97-98 %"))
        XCTAssertEqual(try ReadingValue.parse("97–98%"), .range(low: 97, high: 98, written: "97–98%"))
        XCTAssertEqual(try ReadingValue.parse(" 97 - 98 "), .range(low: 97, high: 98, written: "97 - 98"))
        XCTAssertEqual(try ReadingValue.parse("Ja"), .text("Ja"))
        XCTAssertEqual(try ReadingValue.parse("-2"), .number(-2))
        XCTAssertEqual(try ReadingValue.parse("\u{2212}2"), .number(-2))
        XCTAssertEqual(try ReadingValue.parse("-5--3"), .range(low: -5, high: -3, written: "-5--3"))
        XCTAssertEqual(try ReadingValue.parse("1..2,5"), .range(low: 1, high: try Quantity.parse("2,5"), written: "1..2,5"))
        XCTAssertEqual(try ReadingValue.parse("Samtliga ungdomar"), .text("Samtliga ungdomar"))
        XCTAssertEqual(try ReadingValue.parse("8 stycken"), .text("8 stycken"))
    }

    func testReadingValueRefusals() {
        XCTAssertThrowsError(try ReadingValue.parse("")) { XCTAssertEqual($0 as? ReadingParseError, .empty) }
        XCTAssertThrowsError(try ReadingValue.parse("  ")) { XCTAssertEqual($0 as? ReadingParseError, .empty) }
        XCTAssertThrowsError(try ReadingValue.parse("12,3,4")) { XCTAssertEqual($0 as? ReadingParseError, .notANumber("12,3,4")) }
        XCTAssertThrowsError(try ReadingValue.parse("98-97")) { XCTAssertEqual($0 as? ReadingParseError, .reversedRange("98-97")) }
        XCTAssertThrowsError(try ReadingValue.parse("1-")) { XCTAssertEqual($0 as? ReadingParseError, .notANumber("1-")) }
        XCTAssertThrowsError(try ReadingValue.parse("1,23456789"))
        XCTAssertEqual(ReadingParseError.notANumber("12,3,4").description, "reading \"12,3,4\" is neither a number nor a range X-Y")
    }

    func testReadingValueDisplayAndJudgedValue() throws {
        XCTAssertEqual(try ReadingValue.parse("86,5").display(), "86,5")
        XCTAssertEqual(try ReadingValue.parse("86,5").display(language: .en), "86.5")
        XCTAssertEqual(try ReadingValue.parse("97–98%").display(), "97–98%")
        XCTAssertEqual(ReadingValue.text("Ja").display(), "Ja")
        XCTAssertEqual(try ReadingValue.parse("97-98 %").judgedValue, try Quantity.parse("97,5"))
        XCTAssertNil(ReadingValue.text("Ja").judgedValue)
        for text in ["86,5", "97-98 %", "Ja", "-2", "-5--3"] {
            let value = try ReadingValue.parse(text)
            XCTAssertEqual(try ReadingValue.parse(value.description), value)
        }
    }

    func testHistoryFindsValueAndPrevious() {
        let history = IndicatorHistory(
            baseline: .number(50), baselineYear: 2022,
            readings: [2019: .number(1), 2023: .number(55), 2025: .number(60)])
        XCTAssertEqual(history.values(forYear: 2023),
                       FollowUpValues(value: .number(55), previous: .number(50), previousYear: 2022, previousIsBaseline: true))
        XCTAssertEqual(history.values(forYear: 2024),
                       FollowUpValues(value: nil, previous: .number(55), previousYear: 2023, previousIsBaseline: false))
        XCTAssertEqual(history.values(forYear: 2025),
                       FollowUpValues(value: .number(60), previous: .number(55), previousYear: 2023, previousIsBaseline: false))
        // The 2019 reading predates the baseline and never stands in for p.
        XCTAssertEqual(history.values(forYear: 2022).previous, .number(50))
        // Without a baseline year, every earlier reading counts.
        let undated = IndicatorHistory(baseline: .number(50), baselineYear: nil, readings: [2019: .number(1), 2023: .number(2)])
        XCTAssertEqual(undated.values(forYear: 2023).previous, .number(1))
        let empty = IndicatorHistory(baseline: nil, baselineYear: nil)
        XCTAssertEqual(empty.values(forYear: 2023),
                       FollowUpValues(value: nil, previous: nil, previousYear: nil, previousIsBaseline: false))
    }

    func testAssessAcrossYears() {
        let history = IndicatorHistory(
            baseline: .number(try! Quantity.parse("86,5")), baselineYear: 2022,
            readings: [2023: .number(86), 2024: .number(88), 2025: .number(87)])
        let target = Target.atLeast(90)
        func assess(_ year: Int) -> IndicatorFollowUp {
            FollowUpRule.assess(history: history, year: year, direction: .higher, target: target, targetYear: 2025)
        }
        XCTAssertEqual(assess(2023).status, .worseThanBaseline)
        XCTAssertEqual(assess(2024).status, .positiveTrend)
        XCTAssertFalse(assess(2024).targetYearPassedUnmet)
        XCTAssertEqual(assess(2025).status, .negativeTrend)
        XCTAssertTrue(assess(2025).targetYearPassedUnmet)
        XCTAssertEqual(assess(2026).status, .notReported)
        XCTAssertTrue(assess(2026).targetYearPassedUnmet)
        XCTAssertEqual(assess(2026).values.previousYear, 2025)
    }

    func testStatusTokensAndLabels() {
        XCTAssertEqual(FollowUpStatus.allCases.map(\.rawValue),
                       ["worse_than_baseline", "negative_trend", "target_met", "positive_trend", "no_change", "not_reported", "not_assessed"])
        XCTAssertEqual(FollowUpStatus.allCases.map(\.swedishLabel),
                       ["SÄMRE ÄN UTGÅNGSVÄRDE", "NEGATIV TREND, EJ SÄMRE ÄN UTGÅNGSVÄRDE", "MÅLVÄRDE UPPNÅTT",
                        "POSITIV TREND", "INGEN FÖRÄNDRING", "EJ RAPPORTERAT", "EJ BEDÖMT"])
        XCTAssertEqual(FollowUpStatus.allCases.map(\.englishLabel),
                       ["WORSE THAN BASELINE", "NEGATIVE TREND, NOT WORSE THAN BASELINE", "TARGET MET",
                        "POSITIVE TREND", "NO CHANGE", "NOT REPORTED", "NOT ASSESSED"])
        XCTAssertEqual(FollowUpStatus(rawValue: "target_met"), .targetMet)
        XCTAssertEqual(FollowUpStatus.noChange.label(language: .en), "NO CHANGE")
    }

    func testRollUps() {
        let counts = FollowUpStatusCounts([.targetMet, .noChange, .targetMet, .notReported])
        XCTAssertEqual(counts[.targetMet], 2)
        XCTAssertEqual(counts[.worseThanBaseline], 0)
        XCTAssertEqual(counts.total, 4)
        XCTAssertEqual(counts.ordered.map(\.status), FollowUpStatus.allCases)
        XCTAssertEqual(counts.ordered.map(\.count), [0, 0, 2, 0, 1, 1, 0])

        let byProject = FollowUpStatusCounts.grouped([
            (15, FollowUpStatus.targetMet), (19, .targetMet), (15, .worseThanBaseline), (1, .noChange), (15, .targetMet),
        ])
        XCTAssertEqual(byProject.map(\.key), [15, 19, 1])
        XCTAssertEqual(byProject[0].counts.ordered.map(\.count), [1, 0, 2, 0, 0, 0, 0])
        XCTAssertEqual(byProject[1].counts[.targetMet], 1)
        XCTAssertEqual(byProject[2].counts.total, 1)

        let byCategory = FollowUpStatusCounts.grouped([("Boende och boendemiljöer", FollowUpStatus.positiveTrend)])
        XCTAssertEqual(byCategory.first?.counts[.positiveTrend], 1)
        XCTAssertTrue(FollowUpStatusCounts.grouped([(String, FollowUpStatus)]()).isEmpty)
    }
}
