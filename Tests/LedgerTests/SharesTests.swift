import XCTest
@testable import Ledger

/// The shares table (Bild 2) with the presentation's figures.
final class SharesTests: XCTestCase {
    private let nb = "\u{00A0}"
    /// Tenths of a billion kronor in öre: `tenths(794)` is 79,4 mdkr.
    private func tenths(_ n: Int64) -> Ore { n * 10_000_000_000 }

    private func table2023() throws -> ShareTable {
        try ShareTable(outstanding: [.green: tenths(794), .social: tenths(21), .other: tenths(4_304)],
                       greenBondEligible: tenths(700))
    }
    private func table2024() throws -> ShareTable {
        try ShareTable(outstanding: [.green: tenths(916), .social: tenths(46), .other: tenths(4_482)],
                       greenBondEligible: tenths(850))
    }

    func testTablesAt2023And2024() throws {
        let t23 = try table2023(), t24 = try table2024()
        XCTAssertEqual(t23.sustainable, tenths(815))
        XCTAssertEqual(t23.total, tenths(5_119))
        XCTAssertEqual(t24.sustainable, tenths(962))
        XCTAssertEqual(t24.total, tenths(5_444))
        XCTAssertEqual(MoneyFormat.billions(t23.total), "511,9\(nb)mdkr")
        XCTAssertEqual(MoneyFormat.billions(t24.total), "544,4\(nb)mdkr")
        XCTAssertEqual(MoneyFormat.billions(t24.sustainable), "96,2\(nb)mdkr")
        XCTAssertEqual(t23.greenShare, Ratio(794, 5_119))
        XCTAssertEqual(t23.greenShare?.percentString(), "15,5\(nb)%")
        XCTAssertEqual(t24.greenShare?.percentString(), "16,8\(nb)%")
        XCTAssertEqual(t23.sustainableShare?.percentString(), "15,9\(nb)%")
        XCTAssertEqual(t24.sustainableShare?.percentString(), "17,7\(nb)%")
        XCTAssertEqual(t24.greenShare?.decimalString(places: 6), "0.168259")
        XCTAssertEqual(t24.amount(.greenBondEligible), tenths(850))
        XCTAssertTrue(t24.isEligiblePoolConsistent)
    }

    func testChangesPerLine() throws {
        let comparison = ShareComparison(base: try table2023(), current: try table2024())
        XCTAssertEqual(comparison.change(.green)?.signedPercentString(), "+15\(nb)%")
        XCTAssertEqual(comparison.change(.social)?.signedPercentString(), "+119\(nb)%")
        XCTAssertEqual(comparison.change(.sustainable)?.signedPercentString(), "+18\(nb)%")
        XCTAssertEqual(comparison.change(.other)?.signedPercentString(), "+4\(nb)%")
        // The slide prints +3,7 %; the figures give +6,3 %. The ledger computes.
        XCTAssertEqual(comparison.change(.total), Ratio(325, 5_119))
        XCTAssertEqual(comparison.change(.total)?.signedPercentString(decimals: 1), "+6,3\(nb)%")
        XCTAssertNotEqual(comparison.change(.total)?.signedPercentString(decimals: 1), "+3,7\(nb)%")
        XCTAssertEqual(comparison.change(.green)?.decimalString(places: 4), "0.1537")
        XCTAssertEqual(comparison.changes.map(\.line), ShareLine.allCases)
    }

    func testZeroBaseAndEmptyTable() throws {
        let empty = try ShareTable(outstanding: [:], greenBondEligible: 0)
        XCTAssertEqual(empty.total, 0)
        XCTAssertNil(empty.greenShare)
        XCTAssertNil(empty.sustainableShare)
        let comparison = ShareComparison(base: empty, current: try table2024())
        XCTAssertNil(comparison.change(.green))
        XCTAssertNil(comparison.change(.total))
        let onlyGreen = try ShareTable(green: 100, social: 0, other: 0, greenBondEligible: 0)
        XCTAssertNil(ShareComparison(base: onlyGreen, current: onlyGreen).change(.social))
        XCTAssertEqual(ShareComparison(base: onlyGreen, current: onlyGreen).change(.green)?.signedPercentString(), "0\(nb)%")
    }

    func testOverflowAndConsistency() {
        XCTAssertThrowsError(try ShareTable(green: Int64.max, social: 1, other: 0, greenBondEligible: 0)) {
            XCTAssertEqual($0 as? SharesError, .overflow)
        }
        XCTAssertFalse(try ShareTable(green: 10, social: 0, other: 0, greenBondEligible: 11).isEligiblePoolConsistent)
    }

    func testLineKeysAndLabels() {
        XCTAssertEqual(ShareLine.allCases.map(\.jsonKey),
                       ["green_ore", "social_ore", "sustainable_ore", "other_ore", "total_ore", "green_bond_eligible_ore"])
        XCTAssertEqual(ShareLine.green.swedishLabel, "Gröna lån, utbetalt")
        XCTAssertEqual(ShareLine.total.label(language: .en), "Total lending")
    }
}
