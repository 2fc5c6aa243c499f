import Foundation
import Ledger
import SQLite
import XCTest
@testable import LedgerStore

/// The reference data migration 0003 carries must equal its source files in Seeds/market/.
final class MarketMigrationTests: XCTestCase {
    func rows(_ file: String) throws -> [[String]] {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Seeds/market/\(file)").path
        return try CSVReader(path: path).readAll()
    }

    func testMigratedReferenceDataEqualsSeedsMarketFiles() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("market-\(UUID().uuidString).db").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) } }
        let db = try Connection(path: file, mode: .create)
        try Migrator.embedded().migrate(db, stamp: Stamp(by: "test", at: "2026-01-01T00:00:00.000Z"))
        let bounds = try db.rows("SELECT year, scenario, very_weak_max, weak_max, strong_max, source FROM market_class_bounds ORDER BY rowid")
            .map { $0.values.map(\.description) }
        XCTAssertEqual(bounds, try rows("class_bounds.csv"))
        let municipalities = try db.rows("SELECT municipality_code, name FROM municipalities ORDER BY rowid").map { $0.values.map(\.description) }
        XCTAssertEqual(municipalities, try rows("municipalities.csv"))
        let vacancy = try db.rows("SELECT v.municipality_code, m.name, vacancy_percent, dwellings, vacant_dwellings, source FROM vacancy_2013 AS v JOIN municipalities AS m USING (municipality_code) ORDER BY v.rowid")
            .map { $0.values.map(\.description) }
        XCTAssertEqual(vacancy, try rows("vacancy_2013.csv"))
    }
}
