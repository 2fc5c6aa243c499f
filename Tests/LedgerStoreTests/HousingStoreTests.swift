import Foundation
import Ledger
import SQLite
import XCTest
@testable import LedgerStore

/// The store side of the housing figures (migration 0006): the chained column lists agree
/// with the schema, the model's fields map onto the stored columns, and what an import
/// stores reads back as the same input.
final class HousingStoreTests: ImportTestCase {
    func testEveryChainedTablesColumnsAreTheSchemasInOrder() throws {
        for table in ChainedTable.allCases {
            let columns = try db.rows("SELECT name FROM pragma_table_info(?) ORDER BY cid", [table.name]).compactMap { $0[0].string }
            XCTAssertEqual(columns, table.columns + ["chain_hash"], table.name)
        }
    }

    func testTheModelsFieldsAreTheStoredFiguresAndTheRevisionsFields() {
        XCTAssertEqual(HousingCompanyYear.Field.figures.map(\.column), ChainedTable.housingFigures)
        XCTAssertEqual(RecordKind.housing.fields, ChainedTable.housingFigures)
        XCTAssertEqual(HousingCompanyYear.Field.bookValue.column, "book_value_ore")
        XCTAssertEqual(HousingCompanyYear.Field.omNormPerM2.column, "om_norm_ore_per_m2")
        XCTAssertEqual(HousingCompanyYear.Field.vacantApartments.option, "vacant-apartments")
        XCTAssertTrue(ImportKind.housing.amendable)
        XCTAssertEqual(ImportKind.housing.requiredColumns, HousingCompanyYear.importColumns)
        XCTAssertEqual(try db.scalarText("SELECT kind FROM import_kinds WHERE kind = 'housing'"), "housing")
    }

    func testAnImportedRowReadsBackAsTheSameInputAndTheSameNeed() throws {
        try file("members.csv", "org_no,name,municipality_code\n212000-2460,Åsele kommun,2463\n")
        try file("borrowers.csv", "org_no,name,owner_org_no\n556900-9995,Åsele Bostäder AB,212000-2460\n")
        // A ';' file with a decimal comma and grouped thousands.
        try file("housing.csv", """
            borrower_org_no;year;apartments;vacant_apartments;area_m2;book_value_sek;equity_sek;untaxed_reserves_sek;total_assets_sek;om_cost_per_m2;om_norm_per_m2;rent_income_sek;population;population_forecast;forecast_year;taxes_and_grants_sek
            556900-9995;2013;400;60;26 000;120 000 000;20 000 000;5 000 000,00;140 000 000;420;380;17 000 000;2 800;2 500;2025;60 000 000

            """)
        for (kind, name) in [(ImportKind.members, "members.csv"), (.borrowers, "borrowers.csv"), (.housing, "housing.csv")] {
            try store.importFile(kind, path: path(name), options: testOptions())
        }
        let expected = try HousingCompanyYear(
            year: 2013, apartments: 400, vacantApartments: 60, areaM2: 26_000, bookValue: 12_000_000_000,
            equity: 2_000_000_000, untaxedReserves: 500_000_000, totalAssets: 14_000_000_000, omCostPerM2: 42_000,
            omNormPerM2: 38_000, rentIncome: 1_700_000_000, population: 2_800, populationForecast: 2_500, forecastYear: 2025,
            taxesAndGrants: 6_000_000_000)
        let report = try store.read { try $0.support(year: 2013, parameters: .appendix3) }
        XCTAssertEqual(report.borrowers.count, 1)
        XCTAssertEqual(report.borrowers.first?.input, expected)
        XCTAssertEqual(report.borrowers.first?.need, try SupportNeed.compute(expected))
        XCTAssertEqual(report.totals, try SupportNeed.compute(expected))
        XCTAssertEqual(report.lendingAsOf.description, "2013-12-31")
        XCTAssertTrue(try store.read { try $0.support(year: 2014, parameters: .appendix3) }.borrowers.isEmpty)
        XCTAssertEqual(try LedgerStore.verify(path: path("ledger.db"), quick: false).findings.map(\.description), [])
    }
}
