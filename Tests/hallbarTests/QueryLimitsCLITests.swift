import Foundation
import XCTest

/// Issue 17, finding 6: `query` buffered every row, had no timeout, handed out
/// fts3_tokenizer's raw pointer and took SQL that starts with a comment for an option.
final class QueryLimitsCLITests: AuditTestCase {
    static let endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c"

    func testAnEndlessQueryStopsAtTheTimeoutWithExit69() throws {
        let started = Date()
        let result = try hallbar(["query", Self.endless, "--timeout", "1", "--format", "csv", "--db", db])
        let took = Date().timeIntervalSince(started)
        XCTAssertEqual(result.status, 69, String(result.stderr.prefix(500)))
        XCTAssertTrue(result.stderr.hasPrefix("Error: the query ran for more than 1 s and was stopped"), result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("x\n1\n2\n3\n"), "rows stream out before the stop")
        XCTAssertLessThan(took, 30, "the timeout is honoured (load on a shared machine aside)")
        for bad in ["0", "-1", "soon", "1e99"] {
            XCTAssertEqual(try hallbar(["query", "SELECT 1", "--timeout", bad, "--db", db]).status, 64, bad)
        }
    }

    /// Peak memory does not grow with the number of rows (it grew to 105 MB for 10⁵ rows).
    func testMemoryStaysFlatWithTheNumberOfRows() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else { throw XCTSkip("no /usr/bin/time") }
        func peakKiB(_ rows: Int, _ format: String) throws -> Int {
            let sql = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < \(rows)) SELECT x, 'row ' || x AS t, x / 7.0 AS r FROM c"
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
            process.arguments = ["-f", "%M", CLITestCase.binary.path, "query", sql, "--format", format, "--db", db]
            process.standardOutput = FileHandle.nullDevice
            let err = Pipe()
            process.standardError = err
            try process.run()
            let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, text)
            return Int(text.split(separator: "\n").last.map(String.init) ?? "") ?? -1
        }
        for format in ["csv", "table"] {
            let small = try peakKiB(10_000, format)
            let large = try peakKiB(100_000, format)
            XCTAssertGreaterThan(small, 0)
            XCTAssertLessThan(large - small, 8 * 1024, "\(format): \(small) KiB for 10⁴ rows, \(large) KiB for 10⁵")
        }
    }

    func testSQLThatStartsWithACommentIsSQL() throws {
        XCTAssertEqual(try succeed(["query", "-- how many\nSELECT count(*) AS n FROM loans", "--format", "csv", "--db", db]).stdout, "n\n4\n")
        XCTAssertEqual(try succeed(["query", "/* how many */ SELECT count(*) AS n FROM loans", "--format", "csv", "--db", db]).stdout, "n\n4\n")
        XCTAssertEqual(try succeed(["query", "--db", db, "--format", "csv", "--", "--comment\nSELECT 2 AS two"]).stdout, "two\n2\n")
        XCTAssertEqual(try succeed(["query", "--format=csv", "-- a = b\nSELECT 3 AS three", "--db", db]).stdout, "three\n3\n")
        // A real unknown option is still one.
        let unknown = try hallbar(["query", "SELECT 1", "--formt", "csv", "--db", db])
        XCTAssertEqual(unknown.status, 64, unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("Unknown option '--formt'"), unknown.stderr)
    }

    func testFTS3TokenizerIsRefused() throws {
        for sql in ["SELECT fts3_tokenizer('simple')", "SELECT fts3_tokenizer('simple', x'00000000')"] {
            let result = try hallbar(["query", sql, "--db", db])
            XCTAssertEqual(result.status, 65, "\(sql): \(result.stdout)")
            XCTAssertTrue(result.stderr.contains("not authorized to use function: fts3_tokenizer"), result.stderr)
        }
    }

    /// Streaming prints what buffering printed: every storage class in every format.
    func testFormatsPrintTheSameAsBefore() throws {
        let sql = "SELECT 1 AS i, 2.5 AS r, 'a,\"b\"' AS t, NULL AS n, x'00ff' AS b, '=SUM(A1)' AS f UNION ALL SELECT -3, 0.1, 'x|y<z>', NULL, x'', 'ok'"
        XCTAssertEqual(try succeed(["query", sql, "--format", "csv", "--db", db]).stdout,
                       "i,r,t,n,b,f\n1,2.5,\"a,\"\"b\"\"\",,x'00ff','=SUM(A1)\n-3,0.1,x|y<z>,,x'',ok\n")
        XCTAssertEqual(try succeed(["query", sql, "--format", "json", "--db", db]).stdout, """
            [
              {
                "i": 1,
                "r": 2.5,
                "t": "a,\\"b\\"",
                "n": null,
                "b": "x'00ff'",
                "f": "=SUM(A1)"
              },
              {
                "i": -3,
                "r": 0.1,
                "t": "x|y<z>",
                "n": null,
                "b": "x''",
                "f": "ok"
              }
            ]

            """)
        XCTAssertEqual(try succeed(["query", sql, "--format", "md", "--db", db]).stdout,
                       "| i | r | t | n | b | f |\n|---:|---:|---|---|---|---|\n| 1 | 2.5 | a,\"b\" |  | x'00ff' | =SUM(A1) |\n"
                           + "| -3 | 0.1 | x\\|y&lt;z&gt; |  | x'' | ok |\n")
        XCTAssertEqual(try succeed(["query", sql, "--format", "table", "--db", db]).stdout,
                       "i   r    t       n  b        f\n──  ───  ──────  ─  ───────  ────────\n 1  2.5  a,\"b\"      x'00ff'  =SUM(A1)\n-3  0.1  x|y<z>     x''      ok\n")
        XCTAssertEqual(try succeed(["query", "SELECT 1 AS one WHERE 0", "--format", "json", "--db", db]).stdout, "[]\n")
        XCTAssertEqual(try succeed(["query", "SELECT 1 AS one WHERE 0", "--format", "md", "--db", db]).stdout, "| one |\n|---|\n")
        XCTAssertEqual(try succeed(["query", "SELECT 1 AS one WHERE 0", "--format", "table", "--db", db]).stdout, "one\n───\n")
    }

    /// Past the preview, rows keep the preview's column widths.
    func testATableTakesItsWidthsFromTheFirstThousandRows() throws {
        let sql = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1500) SELECT x, CASE WHEN x = 1200 THEN 'much wider than the rest' ELSE 'w' END AS t FROM c"
        let lines = try succeed(["query", sql, "--format", "table", "--db", db]).stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 1502)
        XCTAssertEqual(lines[2], "   1  w")
        XCTAssertEqual(lines[1201], "1200  much wider than the rest")
        XCTAssertEqual(lines[1501], "1500  w")
    }
}
