import XCTest
@testable import Ledger

/// Money and per-cent formatting, exact rounding and Ratio.
final class MoneyFormatTests: XCTestCase {
    private let nb = "\u{00A0}"
    private let mdkr: Int64 = 100_000_000_000  // öre per billion kronor
    private let mnkr: Int64 = 100_000_000      // öre per million kronor

    func testBillions() {
        XCTAssertEqual(MoneyFormat.billions(916 * mdkr / 10), "91,6\(nb)mdkr")
        XCTAssertEqual(MoneyFormat.billions(10 * mdkr), "10,0\(nb)mdkr")
        XCTAssertEqual(MoneyFormat.billions(5_444 * mdkr / 10), "544,4\(nb)mdkr")
        XCTAssertEqual(MoneyFormat.billions(12_345 * mdkr / 10), "1\(nb)234,5\(nb)mdkr")
        // Half away from zero at 0,05 mdkr.
        XCTAssertEqual(MoneyFormat.billions(9_155_000_000_000), "91,6\(nb)mdkr")
        XCTAssertEqual(MoneyFormat.billions(9_154_999_999_999), "91,5\(nb)mdkr")
        XCTAssertEqual(MoneyFormat.billions(-9_155_000_000_000), "-91,6\(nb)mdkr")
        XCTAssertEqual(MoneyFormat.billions(0), "0,0\(nb)mdkr")
        XCTAssertEqual(MoneyFormat.billions(916 * mdkr / 10, language: .en), "SEK\(nb)91.6\(nb)bn")
        XCTAssertEqual(MoneyFormat.billions(Int64.max), "92\(nb)233\(nb)720,4\(nb)mdkr")
        XCTAssertEqual(MoneyFormat.billions(Int64.min), "-92\(nb)233\(nb)720,4\(nb)mdkr")
    }

    func testMillions() {
        XCTAssertEqual(MoneyFormat.millions(3_758 * mnkr), "3\(nb)758\(nb)mnkr")
        XCTAssertEqual(MoneyFormat.millions(1_245 * mnkr / 10), "124,5\(nb)mnkr")
        XCTAssertEqual(MoneyFormat.millions(35 * mnkr), "35\(nb)mnkr")
        XCTAssertEqual(MoneyFormat.millions(12_449_000_000), "124,5\(nb)mnkr")
        XCTAssertEqual(MoneyFormat.millions(12_444_999_999), "124,4\(nb)mnkr")
        XCTAssertEqual(MoneyFormat.millions(12_496_000_000), "125\(nb)mnkr")
        XCTAssertEqual(MoneyFormat.millions(-444 * mnkr / 10), "-44,4\(nb)mnkr")
        XCTAssertEqual(MoneyFormat.millions(3_758 * mnkr, language: .en), "SEK\(nb)3,758\(nb)m")
        XCTAssertEqual(MoneyFormat.millions(1_245 * mnkr / 10, language: .en), "SEK\(nb)124.5\(nb)m")
        XCTAssertEqual(MoneyFormat.format(2_190 * mnkr, unit: .mnkr), "2\(nb)190\(nb)mnkr")
    }

    func testKronor() {
        XCTAssertEqual(MoneyFormat.kronor(123_400), "1\(nb)234\(nb)kr")
        XCTAssertEqual(MoneyFormat.kronor(123_450), "1\(nb)234,50\(nb)kr")
        XCTAssertEqual(MoneyFormat.kronor(5), "0,05\(nb)kr")
        XCTAssertEqual(MoneyFormat.kronor(-5), "-0,05\(nb)kr")
        XCTAssertEqual(MoneyFormat.kronor(-123_456_789), "-1\(nb)234\(nb)567,89\(nb)kr")
        XCTAssertEqual(MoneyFormat.kronor(0), "0\(nb)kr")
        XCTAssertEqual(MoneyFormat.kronor(123_450, language: .en), "SEK\(nb)1,234.50")
        XCTAssertEqual(MoneyFormat.format(100_000_000, unit: .kr), "1\(nb)000\(nb)000\(nb)kr")
    }

    func testExactRounding() {
        XCTAssertEqual(ExactArithmetic.roundedDiv(15, 10), 2)
        XCTAssertEqual(ExactArithmetic.roundedDiv(-15, 10), -2)
        XCTAssertEqual(ExactArithmetic.roundedDiv(14, 10), 1)
        XCTAssertEqual(ExactArithmetic.roundedDiv(-14, 10), -1)
        XCTAssertEqual(ExactArithmetic.roundedDiv(15, -10), -2)
        XCTAssertEqual(ExactArithmetic.roundedDiv(1, 0), nil)
        XCTAssertEqual(ExactArithmetic.roundedMulDiv(Int64.max, 1000, 1000), Int64.max)
        XCTAssertEqual(ExactArithmetic.roundedMulDiv(Int64.max, 2, 1), nil)
    }

    func testRatio() {
        XCTAssertEqual(Ratio(2, 4), Ratio(1, 2))
        XCTAssertEqual(Ratio(1, -2)?.numerator, -1)
        XCTAssertEqual(Ratio(1, -2)?.denominator, 2)
        XCTAssertNil(Ratio(1, 0))
        XCTAssertEqual(Ratio(0, 5), Ratio(0, 1))
        XCTAssertLessThan(Ratio(1, 3)!, Ratio(1, 2)!)
        XCTAssertLessThan(Ratio(-1, 2)!, Ratio(1, 3)!)
        XCTAssertEqual(Ratio(1, 8)?.scaledPercent(decimals: 1), 125)
        XCTAssertEqual(Ratio(1, 3)?.decimalString(places: 6), "0.333333")
        XCTAssertEqual(Ratio(2, 3)?.decimalString(places: 6), "0.666667")
        XCTAssertEqual(Ratio(-2, 3)?.decimalString(places: 4), "-0.6667")
        XCTAssertEqual(Ratio(5, 1)?.decimalString(places: 0), "5")
        XCTAssertNil(Ratio(5, 1)?.decimalString(places: 16))
        XCTAssertEqual(Ratio.change(from: 100, to: 115), Ratio(15, 100))
        XCTAssertEqual(Ratio.change(from: -100, to: -50), Ratio(1, 2))
        XCTAssertNil(Ratio.change(from: 0, to: 5))
        XCTAssertNil(Ratio.change(from: Int64.min, to: Int64.max))
        XCTAssertEqual(Ratio(325, 5119)?.description, "325/5119")
    }

    func testPercent() {
        XCTAssertEqual(Ratio(916, 5444)?.percentString(), "16,8\(nb)%")
        XCTAssertEqual(Ratio(916, 5444)?.percentString(language: .en), "16.8%")
        XCTAssertEqual(Ratio(1, 8)?.percentString(decimals: 2), "12,50\(nb)%")
        XCTAssertEqual(Ratio(1, 2)?.percentString(decimals: 0), "50\(nb)%")
        // Half away from zero: 0,05 % → 0,1 %; -0,05 % → -0,1 %.
        XCTAssertEqual(Ratio(1, 2000)?.percentString(), "0,1\(nb)%")
        XCTAssertEqual(Ratio(-1, 2000)?.percentString(), "-0,1\(nb)%")
        XCTAssertEqual(Ratio(1, 2001)?.percentString(), "0,0\(nb)%")
        XCTAssertEqual(Ratio(Int64.max, 1)?.percentString(), "–")
        XCTAssertEqual(Ratio(1, 2)?.percentString(decimals: 13), "–")
    }

    func testSignedChange() {
        XCTAssertEqual(Ratio.change(from: 794, to: 916)?.signedPercentString(), "+15\(nb)%")
        XCTAssertEqual(Ratio.change(from: 21, to: 46)?.signedPercentString(), "+119\(nb)%")
        XCTAssertEqual(Ratio.change(from: 5119, to: 5444)?.signedPercentString(decimals: 1), "+6,3\(nb)%")
        XCTAssertEqual(Ratio.change(from: 5119, to: 5444)?.signedPercentString(decimals: 1, language: .en), "+6.3%")
        XCTAssertEqual(Ratio.change(from: 100, to: 96)?.signedPercentString(), "-4\(nb)%")
        XCTAssertEqual(Ratio.change(from: 10_000, to: 10_000)?.signedPercentString(), "0\(nb)%")
        XCTAssertEqual(Ratio.change(from: 10_000, to: 9_999)?.signedPercentString(), "0\(nb)%")
    }

    func testMessagesShowBothOreDecimalsLikeReports() {
        let nbsp = "\u{00A0}"
        XCTAssertEqual(MoneyFormat.message(3_000_000_000), "30\(nbsp)000\(nbsp)000,00\(nbsp)kr")
        XCTAssertEqual(MoneyFormat.message(-123_450), "-1\(nbsp)234,50\(nbsp)kr")
        XCTAssertEqual(MoneyFormat.message(5), "0,05\(nbsp)kr")
        XCTAssertEqual(MoneyFormat.message(3_000_000_000, language: .en), "SEK\(nbsp)30,000,000.00")
    }

    func testPlainKronorForSpreadsheets() {
        XCTAssertEqual(MoneyFormat.plainKronor(123_450), "1234.50")
        XCTAssertEqual(MoneyFormat.plainKronor(-5), "-0.05")
        XCTAssertEqual(MoneyFormat.plainKronor(0), "0.00")
        XCTAssertEqual(MoneyFormat.plainKronor(9_158_765_432_109), "91587654321.09")
    }
}
