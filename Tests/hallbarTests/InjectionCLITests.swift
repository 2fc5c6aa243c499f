import Foundation
import XCTest

/// Issue 17, finding 7: escape sequences stored in a ledger printed raw in table reports and
/// `query`; `report followup --format md` passed `<script>` through. Values written past
/// hallbar (sqlite3) stand for a hostile or legacy ledger: the import refuses them now.
final class InjectionCLITests: CLITestCase {
    static let hostile = "<script>alert(1)</script>|\u{1B}]0;pwned\u{7}\u{1B}[2J\u{9B}31m\u{202E}cba"

    func hostileLedger() throws -> String {
        let db = try seededWithHallbar()
        let text = Self.hostile.replacingOccurrences(of: "'", with: "''")
        let sql = """
            INSERT INTO indicators (seq, indicator_id, project_number, area, goal, name, unit, direction, target, target_text,
                tolerance, recorded_at, recorded_by, chain_hash)
            VALUES ((SELECT max(seq) FROM ledger_chain) + 1, 'EVIL-1', 1, 'Alby', '\(text)', '\(text)', '\(text)', 'higher', '>=90',
                    '\(text)', '0', '2024-01-01T00:00:00.000Z', 'x', zeroblob(32));
            """
        // sqlite3 reads the SQL as UTF-8 bytes: the controls go in as they are.
        let result = try sqlite3(db, sql)
        XCTAssertEqual(result.status, 0, result.stderr)
        return db
    }

    func assertNoRawControls(_ text: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let raw = text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E }
        XCTAssertEqual(raw.map { String($0.value, radix: 16) }, [], "\(what) prints raw control characters", file: file, line: line)
    }

    func testTableReportsShowControlCharactersEscaped() throws {
        let db = try hostileLedger()
        let table = try succeed(["report", "followup", "--db", db, "--year", "2023"]).stdout
        XCTAssertTrue(table.contains("\\e]0;pwned\\a\\e[2J\\u{9B}31m\\u{202E}cba"), table)
        assertNoRawControls(table, "report followup")
        let query = try succeed(["query", "SELECT name, char(27) || '[2J' AS \"x\(Self.hostile)\" FROM indicators WHERE indicator_id = 'EVIL-1'",
                                 "--format", "table", "--db", db]).stdout
        XCTAssertTrue(query.contains("\\e[2J"), query)
        assertNoRawControls(query, "query --format table")
    }

    func testMarkdownEscapesHTMLAndPipes() throws {
        let db = try hostileLedger()
        let md = try succeed(["report", "followup", "--db", db, "--year", "2023", "--format", "md"]).stdout
        XCTAssertNil(md.range(of: "<script>"), "raw <script> in the Markdown")
        XCTAssertTrue(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;\\|"), md)
        assertNoRawControls(md, "report followup --format md")
        // Every table row still has the header's number of cells (an unescaped | would add one).
        let rows = md.split(separator: "\n").filter { $0.hasPrefix("| ") }
        let cells = Set(rows.map { $0.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count })
        XCTAssertEqual(cells.count, 1, "\(cells)")
        let query = try succeed(["query", "SELECT name FROM indicators WHERE indicator_id = 'EVIL-1'", "--format", "md", "--db", db]).stdout
        XCTAssertNil(query.range(of: "<script>"), query)
        // The footer's database path is data too.
        let odd = path("a<b>_[x].db")
        try FileManager.default.copyItem(atPath: db, toPath: odd)
        for report in [["shares", "--as-of", "2024-12-31"], ["social", "--as-of", "2024-12-31"], ["market", "--year", "2012"]] {
            let out = try succeed(["report"] + report + ["--db", odd, "--format", "md"]).stdout
            XCTAssertNil(out.range(of: "<b>"), out)
            XCTAssertTrue(out.contains("a&lt;b&gt;\\_\\[x\\].db") || out.contains("a&lt;b&gt;_\\[x\\].db"), out)
        }
    }

    /// What held in the review: HTML and CSV escaping.
    func testHTMLAndCSVEscapingStillHold() throws {
        let db = try hostileLedger()
        let html = try succeed(["report", "followup", "--db", db, "--year", "2023", "--format", "html"]).stdout
        XCTAssertNil(html.range(of: "<script>alert"), "HTML escaping")
        let csv = try succeed(["query", "SELECT '=1+1' AS f, '@SUM(A1)' AS g", "--format", "csv", "--db", db]).stdout
        XCTAssertEqual(csv, "f,g\n'=1+1,'@SUM(A1)\n")
    }
}
