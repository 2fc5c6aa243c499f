import XCTest
@testable import Ledger

/// The input of the support-need model: one `import housing` row, read and checked.
final class HousingInputTests: XCTestCase {
    /// domain.md's worked example as the text of an `import housing` row.
    static let workedExampleRow: [String: String] = [
        "year": "2013", "apartments": "400", "vacant_apartments": "60", "area_m2": "26000",
        "book_value_sek": "120000000", "equity_sek": "20000000", "untaxed_reserves_sek": "5000000",
        "total_assets_sek": "140000000", "om_cost_per_m2": "420", "om_norm_per_m2": "380",
        "rent_income_sek": "17000000", "population": "2800", "population_forecast": "2500",
        "forecast_year": "2025", "taxes_and_grants_sek": "60000000",
    ]

    func read(_ changes: [String: String] = [:], decimalComma: Bool = false) throws(HousingInputError) -> HousingCompanyYear {
        let row = Self.workedExampleRow.merging(changes) { $1 }
        return try HousingCompanyYear(fields: { row[$0.rawValue]! }, decimalComma: decimalComma)
    }

    /// The problems of a refused row, as `column: message`.
    func problems(_ changes: [String: String], decimalComma: Bool = false,
                  file: StaticString = #filePath, line: UInt = #line) -> [String] {
        do {
            let input = try read(changes, decimalComma: decimalComma)
            XCTFail("accepted: \(input)", file: file, line: line)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    func testColumnsAreThoseOfCliMd() {
        XCTAssertEqual(HousingCompanyYear.importColumns, [
            "borrower_org_no", "year", "apartments", "vacant_apartments", "area_m2", "book_value_sek", "equity_sek",
            "untaxed_reserves_sek", "total_assets_sek", "om_cost_per_m2", "om_norm_per_m2", "rent_income_sek",
            "population", "population_forecast", "forecast_year", "taxes_and_grants_sek",
        ])
    }

    func testRowMapsOntoTheInput() throws {
        XCTAssertEqual(try read(), try SupportNeedTests.åsele())
        let input = try read()
        XCTAssertEqual(input.bookValue, 12_000_000_000)
        XCTAssertEqual(input.omCostPerM2, 42_000)
        XCTAssertEqual(HousingCompanyYear.Field.allCases.map { input.text($0) }, [
            "2013", "400", "60", "26000", "120000000.00", "20000000.00", "5000000.00", "140000000.00",
            "420.00", "380.00", "17000000.00", "2800", "2500", "2025", "60000000.00",
        ])
        // The canonical text reads back to the same input.
        let again = try HousingCompanyYear(fields: { input.text($0) }, decimalComma: false)
        XCTAssertEqual(again, input)
    }

    func testSpacesGroupThousandsAndSemicolonFilesUseDecimalComma() throws {
        let input = try read(["area_m2": "26 000", "population": "2\u{00A0}800", "book_value_sek": "120 000 000,50",
                              "om_cost_per_m2": "420,25"], decimalComma: true)
        XCTAssertEqual(input.areaM2, 26_000)
        XCTAssertEqual(input.population, 2_800)
        XCTAssertEqual(input.bookValue, 12_000_000_050)
        XCTAssertEqual(input.omCostPerM2, 42_025)
    }

    func testNegativeEquityIsAccepted() throws {
        XCTAssertEqual(try read(["equity_sek": "-2000000"]).equity, -200_000_000)
    }

    func testVacantAboveApartments() {
        XCTAssertEqual(problems(["vacant_apartments": "401"]),
                       ["vacant_apartments: 401 vacant apartments are more than the 400 apartments"])
    }

    func testZeroApartmentsAndArea() {
        XCTAssertEqual(problems(["apartments": "0", "vacant_apartments": "0"]),
                       ["apartments: is 0; the model needs a company with at least one apartment"])
        XCTAssertEqual(problems(["area_m2": "0"]), ["area_m2: is 0; the floor area must be greater than 0 m²"])
    }

    func testNegativeCountsAndAmounts() {
        XCTAssertEqual(problems(["area_m2": "-26000"]), ["area_m2: \"-26000\" is negative; it must be greater than 0"])
        XCTAssertEqual(problems(["population": "-1"]), ["population: \"-1\" is negative; it must be 0 or more"])
        XCTAssertEqual(problems(["book_value_sek": "-5"]),
                       ["book_value_sek: \"-5\" is not an amount: it must not be negative"])
        XCTAssertEqual(problems(["rent_income_sek": "-0,01"], decimalComma: true),
                       ["rent_income_sek: \"-0,01\" is not an amount: it must not be negative"])
    }

    func testForecastYearBeforeTheYear() {
        XCTAssertEqual(problems(["forecast_year": "2012"]),
                       ["forecast_year: 2012 is before the year 2013; the forecast must be for 2013 or later"])
        XCTAssertEqual(try read(["forecast_year": "2013"]).forecastYear, 2013)
    }

    func testBadText() {
        XCTAssertEqual(problems(["year": "13"]), ["year: 13 is not a year between 1900 and 2200"])
        XCTAssertEqual(problems(["year": "2013.0"]), ["year: \"2013.0\" is not a year: expected four digits, such as 2013"])
        XCTAssertEqual(problems(["apartments": "400,5"]), ["apartments: \"400,5\" is not a whole number"])
        XCTAssertEqual(problems(["apartments": "four"]),
                       ["apartments: \"four\" is not a whole number: unexpected character \"f\""])
        XCTAssertEqual(problems(["population": ""]), ["population: \"\" is not a whole number: it is empty"])
        XCTAssertEqual(problems(["om_cost_per_m2": "420,5"]),
                       ["om_cost_per_m2: \"420,5\" is not an amount: a decimal comma in a file that uses decimal point "
                        + "(\",\"-separated files use 1234.50)"])
        XCTAssertEqual(problems(["taxes_and_grants_sek": "60 mnkr"]),
                       ["taxes_and_grants_sek: \"60 mnkr\" is not an amount: unexpected \"mnkr\" after the number; amounts are in SEK, "
                        + "written without a currency (a trailing \"kr\" or \"SEK\" is accepted)"])
    }

    func testEveryProblemIsListedInColumnOrder() {
        // Text that cannot be read is reported first; the rules are checked once all can be.
        XCTAssertEqual(problems(["forecast_year": "x", "apartments": "y", "equity_sek": "1,5,0"]).map { $0.prefix(while: { $0 != ":" }) },
                       ["apartments", "equity_sek", "forecast_year"])
        XCTAssertEqual(problems(["vacant_apartments": "500", "area_m2": "0", "forecast_year": "2000"]).count, 3)
        do {
            _ = try read(["vacant_apartments": "500", "forecast_year": "2000"])
            XCTFail("accepted")
        } catch {
            XCTAssertEqual(error.fields, [.vacantApartments, .forecastYear])
            XCTAssertEqual(error.description, "vacant_apartments: 500 vacant apartments are more than the 400 apartments; "
                           + "forecast_year: 2000 is before the year 2013; the forecast must be for 2013 or later")
        }
    }

    func testValuesBeyondTheBoundsAreRefused() throws {
        // At the bounds: accepted.
        let most = try read(["apartments": "1 000 000", "vacant_apartments": "1000000", "area_m2": "100000000",
                             "book_value_sek": "1000000000000", "equity_sek": "-1000000000000", "om_cost_per_m2": "100000",
                             "om_norm_per_m2": "100000.00", "population": "100000000", "population_forecast": "100000000",
                             "taxes_and_grants_sek": "1000000000000.00"])
        XCTAssertEqual(most.apartments, HousingCompanyYear.mostApartments)
        XCTAssertEqual(most.equity, -HousingCompanyYear.mostAmount)
        // One beyond: refused, each field named.
        let suffix = ", the most a row may hold (every figure of the model must fit in 64 bits)"
        XCTAssertEqual(problems(["apartments": "1000001"]), ["apartments: 1000001 is more than 1000000" + suffix])
        XCTAssertEqual(problems(["area_m2": "100 000 001"]), ["area_m2: 100000001 is more than 100000000" + suffix])
        XCTAssertEqual(problems(["population_forecast": "100000001"]),
                       ["population_forecast: 100000001 is more than 100000000" + suffix])
        XCTAssertEqual(problems(["om_norm_per_m2": "100000.01"]), ["om_norm_per_m2: 100000.01 is more than 100000.00" + suffix])
        // Amounts have the limit of every amount hallbar records (AmountParser) in a file, and
        // the same bound when made in code.
        XCTAssertEqual(problems(["rent_income_sek": "1000000000000.01"]),
                       ["rent_income_sek: \"1000000000000.01\" is not an amount: it is above 1 000 000 000 000 SEK, "
                        + "the largest amount hallbar records"])
        XCTAssertThrowsError(try SupportNeedTests.åsele(equity: -HousingCompanyYear.mostAmount - 1,
                                                        rentIncome: HousingCompanyYear.mostAmount + 1)) { error in
            XCTAssertEqual((error as? HousingInputError)?.problems.map(\.description), [
                "equity_sek: -1000000000000.01 is less than -1000000000000.00, the least a row may hold "
                    + "(every figure of the model must fit in 64 bits)",
                "rent_income_sek: 1000000000000.01 is more than 1000000000000.00" + suffix,
            ])
        }
        // The reviewer's row: an area of 999 999 999 999 m² and a cost of 10^12 kr per m².
        XCTAssertEqual(problems(["area_m2": "999999999999", "om_cost_per_m2": "1000000000000"]), [
            "area_m2: 999999999999 is more than 100000000" + suffix,
            "om_cost_per_m2: 1000000000000.00 is more than 100000.00" + suffix,
        ])
    }

    func testValuesInCodeAreChecked() {
        XCTAssertThrowsError(try SupportNeedTests.åsele(vacant: -1, bookValue: -100)) { error in
            XCTAssertEqual((error as? HousingInputError)?.problems.map(\.description), [
                "vacant_apartments: -1 is negative; it must be 0 or more",
                "book_value_sek: -1.00 is negative; it must be 0 or more",
            ])
        }
    }
}
