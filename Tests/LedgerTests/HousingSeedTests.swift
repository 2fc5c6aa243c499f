import Foundation
import XCTest
@testable import Ledger

/// Seeds/housing.csv, read with the importer's CSV reader: the columns of cli.md's
/// `import housing`, every row valid input for the support-need model, and the figures
/// Seeds/README.md prints for it.
final class HousingSeedTests: XCTestCase {
    static let seeds = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // LedgerTests
        .deletingLastPathComponent()   // Tests
        .deletingLastPathComponent()   // package root
        .appendingPathComponent("Seeds")

    /// Every row of housing.csv as (borrower, input), checked by `HousingCompanyYear`.
    func rows() throws -> [(borrower: String, line: Int, input: HousingCompanyYear)] {
        let reader = try CSVReader(path: Self.seeds.appendingPathComponent("housing.csv").path)
        XCTAssertEqual(reader.delimiter, .comma)
        XCTAssertFalse(reader.hadByteOrderMark)
        let columns = try CSVColumns(header: reader.header, headerLine: reader.headerLine,
                                     required: HousingCompanyYear.importColumns)
        XCTAssertEqual(columns.names, HousingCompanyYear.importColumns, "columns in cli.md's order")
        var record = CSVRecord()
        var result: [(String, Int, HousingCompanyYear)] = []
        while try reader.next(into: &record) {
            let borrower = record.string(at: columns.index(of: HousingCompanyYear.borrowerColumn)!)
            XCTAssertNoThrow(try OrgNumber.parse(borrower), "housing.csv:\(record.line)")
            do {
                let input = try HousingCompanyYear(
                    fields: { record.string(at: columns.index(of: $0.rawValue)!) },
                    decimalComma: reader.delimiter.usesDecimalComma)
                result.append((borrower, record.line, input))
            } catch {
                XCTFail("housing.csv:\(record.line): \(error)")
            }
        }
        return result
    }

    func testEveryRowIsValidInput() throws {
        let rows = try rows()
        XCTAssertEqual(rows.count, 4)
        // One row per borrower and year.
        XCTAssertEqual(Set(rows.map { "\($0.borrower) \($0.input.year)" }).count, rows.count)
        for row in rows {
            XCTAssertNoThrow(try SupportNeed.compute(row.input), "housing.csv:\(row.line)")
        }
    }

    func testBorrowersAreSeededOnVeryWeakMarkets() throws {
        // borrower → municipality code, through borrowers.csv and members.csv.
        func table(_ name: String) throws -> [[String]] {
            try CSVReader(path: Self.seeds.appendingPathComponent(name).path).readAll()
        }
        var owner: [String: String] = [:]
        for row in try table("borrowers.csv").dropFirst() { owner[row[0]] = row[2] }
        var code: [String: String] = [:]
        for row in try table("members.csv").dropFirst() { code[row[0]] = row[2] }
        let veryWeak2025 = Set(try CSVReader(path: Self.seeds.appendingPathComponent("market/market.csv").path)
            .readAll().dropFirst().filter { $0[2] == "2025" }.map { $0[0] })
        for row in try rows() {
            let member = try XCTUnwrap(owner[row.borrower], "\(row.borrower) is not in borrowers.csv")
            let municipality = try XCTUnwrap(code[member], "\(member) is not in members.csv")
            XCTAssertTrue(veryWeak2025.contains(municipality),
                          "housing.csv:\(row.line): \(row.borrower)'s municipality \(municipality) is not very weak in 2025")
        }
    }

    func testFiguresPrintedInTheSeedsReadme() throws {
        // (today: flats, company, municipality, state; future: flats, company, municipality,
        // state; market: value, need, company, municipality, state), öre, as in Seeds/README.md.
        let expected: [[Int64]] = [
            [50, 1_854_972_376, 0, 0, 44, 830_344_824, 802_030_867, 0, 23_870_387_500, 1_864_640_124, 821_817_624, 1_042_822_500, 0],
            [55, 2_013_729_282, 0, 0, 44, 544_888_618, 1_066_094_807, 0, 24_566_937_500, 604_333_218, 536_436_218, 67_897_000, 0],
            [161, 39_309_273, 5_955_132_587, 0, 94, 22_950_756, 19_867_413, 3_457_042_296,
             30_000_132_263, 17_132_425_877, 0, 19_867_413, 17_112_558_464],
            [0, 0, 0, 0, 87, 2_323_903_846, 0, 0, 48_602_500_000, 0, 0, 0, 0],
        ]
        let rows = try rows()
        XCTAssertEqual(rows.count, expected.count)
        for (row, figures) in zip(rows, expected) {
            let n = try SupportNeed.compute(row.input)
            XCTAssertEqual([n.today.flats, n.today.company, n.today.municipality, n.today.state,
                            n.future.flats, n.future.company, n.future.municipality, n.future.state,
                            n.market.marketValue, n.market.writedownNeed, n.market.company,
                            n.market.municipality, n.market.state], figures, "housing.csv:\(row.line)")
        }
    }
}
