import XCTest
@testable import Ledger

/// The assumptions of the support-need model: the appendix's defaults, the flag values
/// `report support` accepts and refuses, and how they are printed back.
final class SupportParametersTests: XCTestCase {
    func testAppendixDefaults() {
        let p = SupportParameters.appendix3
        XCTAssertEqual(p.turnoverVacancy, Hundredths(units: 200))      // 2,0 %
        XCTAssertEqual(p.vacanciesPer100, Hundredths(units: 700))      // 7
        XCTAssertEqual(p.costPerFlat, 7_000_000)                       // 70 000 kr
        XCTAssertEqual(p.municipalityShare, Hundredths(units: 500))    // 5,0 %
        XCTAssertEqual(p.savingsShare, Hundredths(units: 5_000))       // 50 %
        XCTAssertEqual(p.minSolidity, Hundredths(units: 500))          // 5,0 %
        XCTAssertEqual(p.untaxedEquityShare, Hundredths(units: 7_800)) // 78 %
        XCTAssertEqual(p.yield, Hundredths(units: 800))                // 8 %
        XCTAssertEqual(p.overridden, [])
    }

    func testFlagsAreThoseOfCliMd() {
        XCTAssertEqual(SupportParameter.allCases.map(\.flag), [
            "--turnover-vacancy", "--vacancies-per-100", "--cost-per-flat", "--municipality-share",
            "--savings-share", "--min-solidity", "--untaxed-equity-share", "--yield",
        ])
        XCTAssertEqual(SupportParameter.allCases.map(\.key), [
            "turnover_vacancy_percent", "vacancies_per_100", "cost_per_flat_ore", "municipality_share_percent",
            "savings_share_percent", "min_solidity_percent", "untaxed_equity_share_percent", "yield_percent",
        ])
    }

    func value(_ parameter: SupportParameter, _ text: String, file: StaticString = #filePath, line: UInt = #line) -> Int64? {
        do {
            return try SupportParameters.appendix3.setting(parameter, to: text).units(parameter)
        } catch {
            XCTFail("\(text): \(error)", file: file, line: line)
            return nil
        }
    }

    func refusal(_ parameter: SupportParameter, _ text: String, file: StaticString = #filePath, line: UInt = #line) -> String? {
        var p = SupportParameters.appendix3
        do {
            try p.set(parameter, to: text)
            XCTFail("\"\(text)\" was accepted as \(p.units(parameter))", file: file, line: line)
            return nil
        } catch {
            XCTAssertEqual(error.parameter, parameter, file: file, line: line)
            XCTAssertEqual(error.text, text, file: file, line: line)
            XCTAssertEqual(p, .appendix3, "a refused value changed the parameters", file: file, line: line)
            return error.description
        }
    }

    func testAcceptedSpellings() {
        XCTAssertEqual(value(.turnoverVacancy, "2"), 200)
        XCTAssertEqual(value(.turnoverVacancy, "2,0"), 200)
        XCTAssertEqual(value(.turnoverVacancy, "2.5"), 250)
        XCTAssertEqual(value(.turnoverVacancy, "2,25 %"), 225)
        XCTAssertEqual(value(.turnoverVacancy, "2%"), 200)
        XCTAssertEqual(value(.turnoverVacancy, " 0 "), 0)
        XCTAssertEqual(value(.municipalityShare, "100"), 10_000)
        XCTAssertEqual(value(.vacanciesPer100, "7"), 700)
        XCTAssertEqual(value(.vacanciesPer100, "6,5"), 650)
        XCTAssertEqual(value(.costPerFlat, "70 000"), 7_000_000)
        XCTAssertEqual(value(.costPerFlat, "70000"), 7_000_000)
        XCTAssertEqual(value(.costPerFlat, "70\u{00A0}000,50"), 7_000_050)
        XCTAssertEqual(value(.costPerFlat, "0"), 0)
        XCTAssertEqual(value(.yield, "6.5"), 650)
    }

    func testRefusedValuesNameTheFlagAndTheText() {
        XCTAssertEqual(refusal(.turnoverVacancy, "abc"),
                       "--turnover-vacancy: \"abc\" is not a per cent value: unexpected character \"a\"")
        XCTAssertEqual(refusal(.turnoverVacancy, ""), "--turnover-vacancy: \"\" is not a per cent value: it is empty")
        XCTAssertEqual(refusal(.turnoverVacancy, "-2"),
                       "--turnover-vacancy: \"-2\" is not a per cent value: it must not be negative")
        XCTAssertEqual(refusal(.turnoverVacancy, "2,125"),
                       "--turnover-vacancy: \"2,125\" is not a per cent value: more than 2 decimals (never rounded)")
        XCTAssertEqual(refusal(.municipalityShare, "100,01"),
                       "--municipality-share: \"100,01\" is refused: it must be between 0 and 100 %")
        XCTAssertEqual(refusal(.yield, "0"), "--yield: \"0\" is refused: it must be greater than 0 %")
        XCTAssertEqual(refusal(.yield, "101"), "--yield: \"101\" is refused: it must be at most 100 %")
        XCTAssertEqual(refusal(.vacanciesPer100, "7 %"),
                       "--vacancies-per-100: \"7 %\" is not a number of flats per 100 inhabitants: unexpected \"%\" after the number")
        XCTAssertEqual(refusal(.vacanciesPer100, "101"),
                       "--vacancies-per-100: \"101\" is refused: it must be between 0 and 100")
        // "70,000" would be 70 kr with a decimal comma: refused rather than guessed.
        XCTAssertEqual(refusal(.costPerFlat, "70,000"),
                       "--cost-per-flat: \"70,000\" is not an amount in SEK: more than 2 decimals (never rounded)")
        XCTAssertEqual(refusal(.costPerFlat, "1.234,50"),
                       "--cost-per-flat: \"1.234,50\" is not an amount in SEK: both \".\" and \",\"; "
                       + "write it without thousands separators or with spaces")
        XCTAssertEqual(refusal(.costPerFlat, "70 000 EUR"),
                       "--cost-per-flat: \"70 000 EUR\" is not an amount in SEK: unexpected \"EUR\" after the number")
        // A trailing kr or SEK, as every amount in SEK takes.
        var withCurrency = SupportParameters.appendix3
        XCTAssertNoThrow(try withCurrency.set(.costPerFlat, to: "80 000 kr"))
        XCTAssertEqual(withCurrency.costPerFlat, 8_000_000)
        XCTAssertEqual(refusal(.costPerFlat, "99999999999999999999"),
                       "--cost-per-flat: \"99999999999999999999\" is not an amount in SEK: it is too large")
        // Above 100 000 000 kr a flat the release cost of 1 000 000 flats could pass 64 bits.
        XCTAssertEqual(value(.costPerFlat, "100 000 000"), SupportParameters.mostCostPerFlat)
        XCTAssertEqual(refusal(.costPerFlat, "100000000,01"),
                       "--cost-per-flat: \"100000000,01\" is refused: it must be at most 100000000 SEK "
                       + "(every figure of the model must fit in 64 bits)")
    }

    func testValuesInCodeAreCheckedToo() {
        XCTAssertThrowsError(try SupportParameters(
            turnoverVacancy: Hundredths(units: 200), vacanciesPer100: Hundredths(units: 700), costPerFlat: 7_000_000,
            municipalityShare: Hundredths(units: 500), savingsShare: Hundredths(units: 5_000),
            minSolidity: Hundredths(units: 500), untaxedEquityShare: Hundredths(units: 7_800),
            yield: Hundredths(units: 0))) { error in
            XCTAssertEqual("\(error)", "--yield: \"0\" is refused: it must be greater than 0 %")
        }
        XCTAssertEqual(try SupportParameters(
            turnoverVacancy: Hundredths(units: 200), vacanciesPer100: Hundredths(units: 700), costPerFlat: 7_000_000,
            municipalityShare: Hundredths(units: 500), savingsShare: Hundredths(units: 5_000),
            minSolidity: Hundredths(units: 500), untaxedEquityShare: Hundredths(units: 7_800),
            yield: Hundredths(units: 800)), .appendix3)
    }

    func testTextReadsBackToTheSameValue() throws {
        var p = SupportParameters.appendix3
        try p.set(.turnoverVacancy, to: "2,25")
        try p.set(.costPerFlat, to: "65 000,50")
        try p.set(.yield, to: "6,5")
        XCTAssertEqual(SupportParameter.allCases.map { p.text($0) },
                       ["2.25", "7", "65000.5", "5", "50", "5", "78", "6.5"])
        for parameter in SupportParameter.allCases {
            let again = try SupportParameters.appendix3.setting(parameter, to: p.text(parameter))
            XCTAssertEqual(again.units(parameter), p.units(parameter), parameter.flag)
        }
        XCTAssertEqual(p.overridden, [.turnoverVacancy, .costPerFlat, .yield])
    }

    func testSummarySaysWhichAssumptionsWereUsed() throws {
        let nbsp = "\u{00A0}"
        XCTAssertEqual(SupportParameters.appendix3.summary(language: .sv), [
            "omsättningsvakans 2,0\(nbsp)%",
            "7 vakanta lägenheter per 100 förlorade invånare",
            "70\(nbsp)000\(nbsp)kr per lägenhet att friställa och riva eller bygga om",
            "kommunen bär högst 5,0\(nbsp)% av skatter och bidrag",
            "besparing 50,0\(nbsp)% av skillnaden mellan faktisk kostnad och norm",
            "lägsta soliditet 5,0\(nbsp)%",
            "78,0\(nbsp)% av obeskattade reserver räknas som eget kapital",
            "avkastningskrav 8,0\(nbsp)%",
        ].joined(separator: "; "))
        let p = try SupportParameters.appendix3.setting(.yield, to: "6,25").setting(.costPerFlat, to: "65000")
        XCTAssertEqual(p.line(.yield, language: .en), "yield requirement 6.25%")
        XCTAssertEqual(p.line(.costPerFlat, language: .en), "SEK\(nbsp)65,000 per flat to vacate and demolish or convert")
        XCTAssertEqual(p.formatted(.vacanciesPer100, language: .en), "7")
        XCTAssertTrue(p.summary(language: .en).hasPrefix("turnover vacancy 2.0%; 7 vacant flats per 100 inhabitants lost; "))
    }

    func testHundredths() throws {
        XCTAssertEqual(try Hundredths.parse("1 000,5").units, 100_050)
        XCTAssertEqual(Hundredths(units: 100_050).formatted(minDecimals: 0, language: .sv), "1\u{00A0}000,5")
        XCTAssertEqual(Hundredths(units: 100_050).formatted(minDecimals: 0, language: .en), "1,000.5")
        XCTAssertEqual(Hundredths(units: 700).formatted(minDecimals: 0), "7")
        XCTAssertEqual(Hundredths(units: 700).formatted(minDecimals: 2), "7,00")
        XCTAssertEqual(Hundredths(units: 5).text, "0.05")
        XCTAssertThrowsError(try Hundredths.parse("5 %", allowPercent: false))
        XCTAssertLessThan(Hundredths(units: 5), Hundredths(units: 50))
    }
}
