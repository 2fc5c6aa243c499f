import XCTest
@testable import Ledger

final class CSVColumnsTests: XCTestCase {
    func testMapsTrimmedNamesToIndices() throws {
        let columns = try CSVColumns(header: [" readings_extra", "year ", "indicator_id", "value"].dropFirst().map { $0 },
                                     required: ["indicator_id", "year", "value"])
        XCTAssertEqual(columns.index(of: "year"), 0)
        XCTAssertEqual(columns.index(of: "indicator_id"), 1)
        XCTAssertEqual(columns.index(of: "value"), 2)
        XCTAssertNil(columns.index(of: "note"))
    }

    func testOptionalColumns() throws {
        let columns = try CSVColumns(header: ["municipality_code", "municipality", "year", "index_value", "trend_index"],
                                     required: ["municipality_code", "municipality", "year", "index_value"],
                                     optional: ["trend_index", "level_index"])
        XCTAssertEqual(columns.index(of: "trend_index"), 4)
        XCTAssertFalse(columns.contains("level_index"))
    }

    func testUnknownAndMissingNamedWithExpected() {
        XCTAssertThrowsError(try CSVColumns(header: ["indicator_id", "Yeer", "value"], headerLine: 1,
                                            required: ["indicator_id", "year", "value"])) { error in
            let e = error as? CSVError
            XCTAssertEqual(e?.line, 1)
            XCTAssertEqual(e?.message(file: "r.csv"),
                           "r.csv:1: unknown column \"Yeer\", missing column \"year\"; expected columns: indicator_id, year, value")
        }
    }

    func testDuplicateAndEmptyNames() {
        XCTAssertThrowsError(try CSVColumns(header: ["a", "b", "a", ""], required: ["a", "b"],
                                            optional: ["c"])) { error in
            XCTAssertEqual((error as? CSVError)?.reason,
                           "duplicate column \"a\", an empty column name; expected columns: a, b (optional: c)")
        }
    }
}
