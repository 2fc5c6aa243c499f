import Foundation
import XCTest

/// Every ```sql block of docs/schema.md runs in the sqlite3 shell, as written, against a
/// ledger with data; and the document names every table, column and view of the schema.
final class SchemaDocTests: CLITestCase {
    static var document: String {
        get throws { try String(contentsOf: packageRoot.appendingPathComponent("docs/schema.md"), encoding: .utf8) }
    }

    static func sqlBlocks(_ markdown: String) -> [String] {
        var blocks: [String] = []
        var current: [Substring]?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line.trimmingCharacters(in: .whitespaces) == "```sql" {
                current = []
            } else if current != nil, line.trimmingCharacters(in: .whitespaces) == "```" {
                blocks.append(current!.joined(separator: "\n"))
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    func testEverySQLBlockRunsInTheSqlite3Shell() throws {
        let db = path("ledger.db")
        try AuditFixture.build(at: db).close()
        let blocks = SchemaDocTests.sqlBlocks(try SchemaDocTests.document)
        XCTAssertGreaterThanOrEqual(blocks.count, 10)
        for sql in blocks {
            let result = try sqlite3(db, sql)
            XCTAssertEqual(result.status, 0, "\(sql)\n\(result.stderr)")
            XCTAssertEqual(result.stderr, "", sql)
        }
        // The answers are the fixture's: a reversal, and the guards in place.
        XCTAssertTrue(try sqlite3(db, SchemaDocTests.sqlBlocks(try SchemaDocTests.document)[2]).stdout.contains("E-X-R|E-X|L-3"))
        XCTAssertEqual(try sqlite3(db, SchemaDocTests.sqlBlocks(try SchemaDocTests.document)[8]).stdout.split(separator: "\n").count, 4)
    }

    func testTheDocumentNamesEveryTableColumnAndView() throws {
        let db = path("ledger.db")
        try succeed(["init", "--db", db])
        let document = try SchemaDocTests.document
        let objects = try sqlite3(db, "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%';")
        for name in objects.stdout.split(separator: "\n") {
            XCTAssertTrue(document.contains("`\(name)`"), "docs/schema.md does not name \(name)")
            let columns = try sqlite3(db, "SELECT name FROM pragma_table_info('\(name)');")
            for column in columns.stdout.split(separator: "\n") {
                XCTAssertTrue(document.contains("`\(column)`"), "docs/schema.md does not name \(name).\(column)")
            }
        }
    }
}
