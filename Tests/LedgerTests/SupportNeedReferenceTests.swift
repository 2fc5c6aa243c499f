import Foundation
import XCTest
@testable import Ledger

/// Checks `SupportNeed.compute` against 400 random cases whose figures an independent
/// implementation in exact fractions computed (Tests/Corpus/support/reference.py, which
/// writes reference_cases.csv). Inputs and parameters go through the same text parsers an
/// `import housing` row and the `report support` flags go through.
final class SupportNeedReferenceTests: XCTestCase {
    static let file = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // LedgerTests
        .deletingLastPathComponent()   // Tests
        .appendingPathComponent("Corpus/support/reference_cases.csv").path

    func testAgreesWithTheReferenceToTheÖre() throws {
        let reader = try CSVReader(path: Self.file)
        let header = reader.header
        var record = CSVRecord()
        var cases = 0
        while try reader.next(into: &record) {
            let row = Dictionary(uniqueKeysWithValues: zip(header, record.strings))
            let at = "reference_cases.csv:\(record.line)"
            let input = try HousingCompanyYear(fields: { row[$0.rawValue]! }, decimalComma: false)
            var parameters = SupportParameters.appendix3
            for parameter in SupportParameter.allCases {
                try parameters.set(parameter, to: row[parameter.rawValue]!)
            }
            let need = try SupportNeed.compute(input, parameters: parameters)
            let t = need.today, f = need.future, m = need.market
            let actual: [String: Int64] = [
                "today.flats": t.flats, "today.release": t.release, "today.writedown": t.writedown,
                "today.cost": t.cost, "today.untaxed": t.capacity.untaxedReserves,
                "today.floor": t.capacity.solidityFloor, "today.equity": t.capacity.equityAboveFloor,
                "today.savings": t.capacity.savings, "today.capacity": t.capacity.total,
                "today.cap": t.municipalityCap, "today.company": t.company,
                "today.municipality": t.municipality, "today.state": t.state,
                "future.flats": f.flats, "future.release": f.release, "future.writedown": f.writedown,
                "future.cost": f.cost, "future.savings": f.savings, "future.company": f.company,
                "future.municipality": f.municipality, "future.state": f.state,
                "market.flats": m.flats, "market.operating_cost": m.operatingCost,
                "market.net_income": m.netIncome, "market.market_value": m.marketValue,
                "market.book_value": m.bookValue, "market.writedown_need": m.writedownNeed,
                "market.company": m.company, "market.municipality": m.municipality, "market.state": m.state,
                "company_left": need.companyCapacityLeft, "municipality_left": need.municipalityShareLeft,
            ]
            let expectedKeys = header.filter { $0.contains(".") || $0.hasSuffix("_left") }
            XCTAssertEqual(Set(expectedKeys), Set(actual.keys), "the reference's figures and the test's differ")
            for key in expectedKeys {
                XCTAssertEqual(actual[key], Int64(row[key]!), "\(at): \(key)")
            }
            cases += 1
        }
        XCTAssertEqual(cases, 400)
    }
}
