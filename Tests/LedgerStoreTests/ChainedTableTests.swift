import Foundation
import Ledger
import SQLite
import XCTest
@testable import LedgerStore

/// The registry of chained tables (`ChainedTable`) against the schema the migrations create,
/// and its links against the format-2 worked example computed with Python's hashlib
/// (ChainEncodingTests.testVersionTwoWorkedExampleAndPythonCrossCheck).
final class ChainedTableTests: XCTestCase {
    var directory: URL!
    var db: Connection!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hallbar-chained-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("ledger.db").path
        try LedgerDatabase.create(path: path, stamp: Stamp(by: "test", at: "2025-01-01T00:00:00.000Z"))
        db = try LedgerDatabase.open(path: path, access: .read)
    }

    override func tearDownWithError() throws {
        try? db?.close()
        try? FileManager.default.removeItem(at: directory)
    }

    func columns(of table: String) throws -> [String] {
        try db.rows("SELECT name FROM pragma_table_info(?) ORDER BY cid", [table]).compactMap { $0[0].string }
    }

    /// Each chained table's columns are exactly the registry's, seq first and chain_hash last,
    /// and every table with a chain_hash is in the registry.
    func testTheRegistryIsTheSchema() throws {
        for table in ChainedTable.allCases {
            XCTAssertEqual(try columns(of: table.name), table.columns + ["chain_hash"], table.name)
            XCTAssertEqual(table.columns.first, table.seqColumn, table.name)
            for key in table.keyColumns { XCTAssertTrue(table.columns.contains(key), "\(table.name).\(key)") }
            XCTAssertEqual(ChainedTable.named(table.name), table)
        }
        let withLinks = try db.rows("SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND EXISTS "
            + "(SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'chain_hash') ORDER BY m.name").compactMap { $0[0].string }
        XCTAssertEqual(withLinks, ChainedTable.allCases.map(\.name).sorted())
        // The reference tables and the migration history carry no link.
        for table in SchemaCheck.referenceTables + ["schema_migrations"] { XCTAssertFalse(try columns(of: table).contains("chain_hash"), table) }
        XCTAssertEqual(try ChainHead.read(in: db), .genesis, "a new ledger has no chained row")
    }

    /// The format-2 worked example with the registry's column lists: a loans row at seq 1,
    /// then a ledger_entries row at seq 2 (digests from hashlib, see ChainEncodingTests).
    func testTheRegistryLinksTheVersionTwoWorkedExample() throws {
        let stamp: [SQLValue] = [.text("2025-01-15T10:00:00.000Z"), .text("Åsa Öberg")]
        let loan: [SQLValue] = [.integer(1), .integer(17), .text("L-17"), .text("212000-0142"), .text("green"), .integer(20), .integer(1)]
            + stamp + [.null]
        let entry: [SQLValue] = [.integer(2), .text("E-0001"), .integer(17), .text("2024-05-17"), .text("disbursement"),
                                 .integer(250_000_000), .integer(250_000_000), .null, .null] + stamp + [.null]
        XCTAssertEqual(loan.count, ChainedTable.loans.columns.count)
        XCTAssertEqual(entry.count, ChainedTable.ledgerEntries.columns.count)
        let h1 = try ChainedTable.link(previous: ChainLink.genesis, table: .loans, values: loan)
        XCTAssertEqual(SHA256.hex(h1), "e880bf80ae490d761b5046ee11309554ef850d6c9422b532e5f665bff71a55f1")
        let h2 = try ChainedTable.link(previous: h1, table: .ledgerEntries, values: entry)
        XCTAssertEqual(SHA256.hex(h2), "668d29597634ef95eba9bb55acb14a38712ed0bb4efef47abdd21ec4d78726b1")
        XCTAssertEqual(ChainHead(rows: 2, link: h2).text, "sha256:668d29597634ef95eba9bb55acb14a38712ed0bb4efef47abdd21ec4d78726b1")
        XCTAssertEqual(ChainHead.parseLink("sha256:668d29597634ef95eba9bb55acb14a38712ed0bb4efef47abdd21ec4d78726b1"), h2)
        XCTAssertEqual(ChainHead.parseLink("sha256:668D29597634EF95EBA9BB55ACB14A38712ED0BB4EFEF47ABDD21EC4D78726B1"), h2)
        for bad in ["668d29597634ef95eba9bb55acb14a38712ed0bb4efef47abdd21ec4d78726b1", "sha256:668d", "sha256:" + String(repeating: "x", count: 64)] {
            XCTAssertNil(ChainHead.parseLink(bad), bad)
        }
    }
}
