import Foundation
import Ledger
import SQLite
import XCTest
@testable import LedgerStore

/// The schema read from the migrations' text (`ExpectedSchema`, checked at every open) is
/// exactly the one running them creates; and `ChainedTable` lists exactly each chained
/// table's columns.
final class SchemaReplayTests: ImportTestCase {
    func testTheReplayedSchemaEqualsTheMigratedOne() throws {
        let expected = ExpectedSchema(migrations: try Migration.embedded())
        XCTAssertEqual(try expected.differences(in: db), [])
    }

    func testEveryChangeOfTheSchemaIsADifference() throws {
        let migrations = try Migration.embedded()
        try db.execute("DROP TRIGGER ledger_entries_no_update")
        try db.execute("CREATE TRIGGER ledger_entries_no_update AFTER INSERT ON ledger_entries BEGIN SELECT 1; END")
        try db.execute("CREATE TRIGGER sqliteXevil AFTER INSERT ON members BEGIN SELECT 1; END")
        try db.execute("DROP VIEW outstanding_per_programme")
        try db.execute("CREATE VIEW outstanding_per_programme AS SELECT 1 AS programme")
        try db.execute("DROP INDEX loans_by_project")
        XCTAssertEqual(try ExpectedSchema(migrations: migrations).differences(in: db), [
            "trigger ledger_entries_no_update differs from what the migrations create",
            "index loans_by_project is missing",
            "view outstanding_per_programme differs from what the migrations create",
            "trigger sqliteXevil is not created by the migrations",
        ])
    }

    func testATriggerRecreatedWordForWordIsNoDifference() throws {
        let sql = try XCTUnwrap(db.scalarText("SELECT sql FROM sqlite_master WHERE name = 'members_no_update'"))
        try db.execute("DROP TRIGGER members_no_update")
        try db.execute(sql)
        XCTAssertEqual(try ExpectedSchema(migrations: try Migration.embedded()).differences(in: db), [])
    }

    func testStatementsSplitWhereSQLiteWould() {
        XCTAssertEqual(SQLText.statements("CREATE TABLE a(x); -- c;\nCREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT ';'; SELECT 2; END;"),
                       ["CREATE TABLE a(x)", " -- c;\nCREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT ';'; SELECT 2; END"])
        XCTAssertEqual(SQLText.statements("SELECT 1; /* end */"), ["SELECT 1", " /* end */"])
    }

    func testChainedTableListsEveryColumnOfEachChainedTable() throws {
        let tables = try db.rows("SELECT name FROM sqlite_master WHERE type = 'table'").compactMap { $0[0].string }
        var chained: [String] = []
        for table in tables {
            let columns = try db.rows("SELECT name FROM pragma_table_info(?)", [table]).compactMap { $0[0].string }
            guard columns.last == "chain_hash" else { continue }
            chained.append(table)
            let registered = try XCTUnwrap(ChainedTable(rawValue: table), "\(table) is chained but not in ChainedTable")
            XCTAssertEqual(registered.columns + ["chain_hash"], columns, table)
            XCTAssertEqual(registered.seqColumn, columns.first, table)
        }
        XCTAssertEqual(Set(chained), Set(ChainedTable.allCases.map(\.name)))
    }
}
