import Foundation
import Ledger
import SQLite
import XCTest
@testable import LedgerStore

/// Migration 0005 (bonds, impact metrics, emission factors) against the chained-table
/// registry, and a ledger of schema 0003 upgraded through 0004's `rechain` step and 0005.
final class AllocationSchemaTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hallbar-0005-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    let stamp = Stamp(by: "tester", at: "2026-11-23T10:00:00.000Z")

    /// Every chained table's columns in the schema are exactly the registry's, then `chain_hash`;
    /// the record kinds' fields are the revision tables' changeable columns.
    func testTheRegistryIsTheSchemaOfEveryChainedTable() throws {
        let db = try Connection(path: path("fresh.db"), mode: .create)
        try Migrator(migrations: try Migration.embedded()).migrate(db, stamp: stamp)
        for table in ChainedTable.allCases {
            let columns = try db.rows("SELECT name FROM pragma_table_info('\(table.name)')").compactMap { $0[0].string }
            XCTAssertEqual(columns, table.columns + ["chain_hash"], table.name)
        }
        XCTAssertEqual(RecordKind.bond.fields, ["issue_date", "maturity_date", "amount_ore", "currency", "amount_original_minor"])
        XCTAssertEqual(RecordKind.metric.fields, ["value"])
        XCTAssertEqual(RecordKind.factor.fields, ["g_per_kwh", "source"])
        let kinds = try db.rows("SELECT kind FROM import_kinds").compactMap { $0[0].string }
        XCTAssertEqual(Set(kinds), Set(ImportKind.allCases.map(\.rawValue)))
        XCTAssertEqual(Set(LedgerInvariants.batchTables.keys), Set(ImportKind.allCases.map(\.rawValue)))
    }

    /// A ledger made before 0004 still migrates: 0004's `rechain` step reads every chained
    /// table the schema has at that point (0005's are not there yet), then 0005 runs.
    func testALedgerOfSchema0003MigratesThroughRechainAnd0005() throws {
        let all = try Migration.embedded()
        let db = try Connection(path: path("old.db"), mode: .create)
        try Migrator(migrations: Array(all.prefix(3))).migrate(db, stamp: stamp)
        try db.run("INSERT INTO members (org_no, name, municipality_code, recorded_at, recorded_by) "
            + "VALUES ('212000-2882', 'Botkyrka kommun', '0127', '2025-01-01T10:00:00.000Z', 'tester')")
        try Migrator(migrations: all).migrate(db, stamp: stamp)
        XCTAssertEqual(try db.scalarInt("SELECT seq FROM members WHERE org_no = '212000-2882'"), 1)
        XCTAssertEqual(try db.scalarInt("SELECT count(*) FROM bonds"), 0)
        let head = try ChainHead.read(in: db)
        XCTAssertEqual(head.rows, 1)
        XCTAssertEqual(try ChainedTable.link(previous: ChainLink.genesis, table: .members, values: [
            .integer(1), .text("212000-2882"), .text("Botkyrka kommun"), .text("0127"), .text("2025-01-01T10:00:00.000Z"),
            .text("tester"), .null,
        ]), head.link)
    }
}
