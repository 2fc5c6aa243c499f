import Foundation
import XCTest

/// `--format xlsx` and `--format csv-excel` through the built binary. The workbook is read by
/// openpyxl (a real reader, installed by `make setup`) and its figures compared with the
/// JSON output of the same report; the CSV by Python's csv module.
final class SpreadsheetCLITests: ReportCLITestCase {
    /// Every sheet of a workbook as openpyxl reads it: per sheet, rows of [type, value,
    /// number format]; dates as ISO text. Also the frozen pane and whether A1 is bold.
    func readWorkbook(_ file: String) throws -> [String: Any] {
        let script = """
            import sys, json, datetime, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            out = {'sheets': wb.sheetnames}
            for ws in wb.worksheets:
                rows = []
                for row in ws.iter_rows():
                    cells = []
                    for c in row:
                        v = c.value
                        if isinstance(v, datetime.datetime): v = v.date().isoformat()
                        cells.append([type(c.value).__name__, v, c.number_format])
                    rows.append(cells)
                out[ws.title] = {'rows': rows, 'freeze': ws.freeze_panes, 'bold': bool(ws['A1'].font.b)}
            print(json.dumps(out))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, file]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "openpyxl could not read \(file) (make setup installs it): "
            + String(decoding: errors, as: UTF8.self))
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func rows(_ book: [String: Any], _ sheet: String) throws -> [[[Any]]] {
        let s = try XCTUnwrap(book[sheet] as? [String: Any], "no sheet \(sheet) in \(book["sheets"] ?? "")")
        XCTAssertEqual(s["freeze"] as? String, "A2", "\(sheet): header row frozen")
        XCTAssertEqual(s["bold"] as? Bool, true, "\(sheet): bold header")
        return try XCTUnwrap(s["rows"] as? [[[Any]]])
    }

    /// A money cell in öre (kronor × 100, exact to the öre).
    func ore(_ cell: [Any], file: StaticString = #filePath, line: UInt = #line) -> Int64? {
        XCTAssertEqual(cell[2] as? String, "#,##0.00", "money format", file: file, line: line)
        guard let number = cell[1] as? NSNumber else { return nil }
        return Int64((number.doubleValue * 100).rounded())
    }

    func testSharesWorkbookHasTheFiguresOfTheJSON() throws {
        let db = try seededDatabase()
        let book = path("shares.xlsx")
        let args = ["report", "shares", "--db", db, "--as-of", "2024-12-31", "--compare", "2023-12-31"]
        let done = try succeed(args + ["--format", "XLSX", "--out", book])
        XCTAssertEqual(done.stdout, "")
        let json = try self.json(args + ["--format", "json"])
        let workbook = try readWorkbook(book)
        XCTAssertEqual(workbook["sheets"] as? [String], ["Andelar", "Om rapporten"])
        let table = try rows(workbook, "Andelar")
        XCTAssertEqual(table[0].map { $0[1] as? String }, ["Rad", "2023-12-31", "2024-12-31", "Förändring", "Nyckel"])
        let dates = try XCTUnwrap(json["dates"] as? [String: [String: Any]])
        let change = try XCTUnwrap(json["change"] as? [String: Any])
        var amountLines = 0
        for row in table.dropFirst() {
            let key = try XCTUnwrap(row[4][1] as? String)
            if key.hasSuffix("_ore") {
                amountLines += 1
                XCTAssertEqual(ore(row[1]), (dates["2023-12-31"]?[key] as? NSNumber)?.int64Value, key)
                XCTAssertEqual(ore(row[2]), (dates["2024-12-31"]?[key] as? NSNumber)?.int64Value, key)
                XCTAssertEqual(row[3][2] as? String, "0.00%")
                XCTAssertEqual((row[3][1] as? NSNumber)?.doubleValue ?? -1, (change[key] as? NSNumber)?.doubleValue ?? -2, accuracy: 1e-9, key)
            } else {
                XCTAssertEqual(row[2][2] as? String, "0.00%")
                XCTAssertEqual((row[2][1] as? NSNumber)?.doubleValue ?? -1,
                               (dates["2024-12-31"]?[key] as? NSNumber)?.doubleValue ?? -2, accuracy: 1e-9, key)
            }
        }
        XCTAssertEqual(amountLines, 6)
        // The seeded green lending: 91 587 654 321,09 kr, a number (float), not text.
        XCTAssertEqual(table[1][2][0] as? String, "float")
        let about = try rows(workbook, "Om rapporten")
        let meta = try XCTUnwrap(json["meta"] as? [String: Any])
        let aboutValues = Dictionary(about.dropFirst().map { ($0[0][1] as? String ?? "", $0[1]) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(aboutValues["ledger_head"]?[1] as? String, meta["ledger_head"] as? String)
        XCTAssertEqual(aboutValues["as_of"]?[0] as? String, "datetime")
        XCTAssertEqual(aboutValues["as_of"]?[1] as? String, "2024-12-31")
    }

    func testSocialFollowUpAndMarketWorkbooksMatchTheirJSON() throws {
        let db = try seededDatabase()
        // social
        let socialArgs = ["report", "social", "--db", db, "--as-of", "2025-03-18"]
        try succeed(socialArgs + ["--format", "xlsx", "--out", path("social.xlsx"), "--lang", "EN"])
        let social = try json(socialArgs + ["--format", "json"])
        let socialBook = try readWorkbook(path("social.xlsx"))
        XCTAssertEqual(socialBook["sheets"] as? [String], ["Portfolio", "Categories", "About"])
        let figures = try rows(socialBook, "Portfolio")
        for row in figures.dropFirst() {
            let key = try XCTUnwrap(row[2][1] as? String)
            let expected = (social[key] as? NSNumber)?.int64Value
            if key.hasSuffix("_ore") { XCTAssertEqual(ore(row[1]), expected, key) } else {
                XCTAssertEqual(row[1][0] as? String, "int")
                XCTAssertEqual((row[1][1] as? NSNumber)?.int64Value, expected, key)
            }
        }
        let byCategory = try XCTUnwrap(social["by_category"] as? [String: Any])
        let categories = try rows(socialBook, "Categories")
        XCTAssertEqual(categories.count - 1, byCategory.count)
        XCTAssertEqual(categories.dropFirst().compactMap { ore($0[1]) }.reduce(0, +),
                       byCategory.values.compactMap { ($0 as? NSNumber)?.int64Value }.reduce(0, +))

        // follow-up
        let followArgs = ["report", "followup", "--db", db, "--year", "2023"]
        try succeed(followArgs + ["--format", "xlsx", "--out", path("followup.xlsx")])
        let follow = try json(followArgs + ["--format", "json"])
        let followBook = try readWorkbook(path("followup.xlsx"))
        let projects = try XCTUnwrap(follow["projects"] as? [[String: Any]])
        let projectRows = try rows(followBook, "Projekt")
        XCTAssertEqual(projectRows.count - 1, projects.count)
        for (row, project) in zip(projectRows.dropFirst(), projects) {
            XCTAssertEqual((row[0][1] as? NSNumber)?.int64Value, (project["project_number"] as? NSNumber)?.int64Value)
            XCTAssertEqual(row[5][0] as? String, "datetime", "decision date is a date")
            XCTAssertEqual(row[5][2] as? String, "yyyy\\-mm\\-dd")
            XCTAssertEqual(ore(row[6]), (project["approved_ore"] as? NSNumber)?.int64Value)
            XCTAssertEqual(ore(row[7]), (project["disbursed_ore"] as? NSNumber)?.int64Value)
        }
        let indicatorRows = try rows(followBook, "Indikatorer 2023")
        let indicators = projects.flatMap { ($0["indicators"] as? [[String: Any]]) ?? [] }
        XCTAssertEqual(indicatorRows.count - 1, indicators.count)
        for (row, indicator) in zip(indicatorRows.dropFirst(), indicators) {
            XCTAssertEqual(row[1][1] as? String, indicator["indicator_id"] as? String)
            XCTAssertEqual(row[13][1] as? String, indicator["status"] as? String)
            // A numeric outcome is a number in the sheet; a text or range stays text.
            if let value = indicator["value"] as? String {
                if let number = Double(value) {
                    XCTAssertEqual((row[9][1] as? NSNumber)?.doubleValue ?? .nan, number, accuracy: 1e-9, "\(value)")
                } else {
                    XCTAssertEqual(row[9][1] as? String, value)
                }
            } else {
                XCTAssertTrue(row.count <= 9 || row[9][1] is NSNull, "no value: an empty cell")
            }
        }

        // market
        let marketArgs = ["report", "market", "--db", db, "--year", "2020", "--as-of", "2024-12-31"]
        try succeed(marketArgs + ["--format", "xlsx", "--out", path("market.xlsx")])
        let market = try json(marketArgs + ["--format", "json"])
        let marketBook = try readWorkbook(path("market.xlsx"))
        let municipalities = try XCTUnwrap(market["municipalities"] as? [[String: Any]])
        let municipalityRows = try rows(marketBook, "Kommuner 2020")
        XCTAssertEqual(municipalityRows.count - 1, municipalities.count)
        for (row, m) in zip(municipalityRows.dropFirst(), municipalities) {
            XCTAssertEqual(row[0][1] as? String, m["municipality_code"] as? String, "the code stays text (leading zero)")
            XCTAssertEqual((row[2][1] as? NSNumber)?.int64Value, (m["index_value"] as? NSNumber)?.int64Value)
        }
        let byClass = try XCTUnwrap(market["by_class"] as? [[String: Any]])
        let classRows = try rows(marketBook, "Utlåning per klass")
        for (row, c) in zip(classRows.dropFirst(), byClass) {
            XCTAssertEqual(row[5][1] as? String, c["class"] as? String)
            XCTAssertEqual(ore(row[1]), (c["approved_ore"] as? NSNumber)?.int64Value)
            XCTAssertEqual(ore(row[2]), (c["outstanding_ore"] as? NSNumber)?.int64Value)
        }
    }

    func testXLSXNeedsOutAndWritesNothingWithoutIt() throws {
        let db = try seededDatabase()
        let result = try hallbar(["report", "shares", "--db", db, "--as-of", "2024-12-31", "--format", "xlsx"])
        XCTAssertEqual(result.status, 64)
        XCTAssertEqual(result.stdout, "")
        XCTAssertTrue(result.stderr.contains("--format xlsx writes a workbook, not text: add --out FILE.xlsx"), result.stderr)
        let missingFolder = try hallbar(["report", "shares", "--db", db, "--as-of", "2024-12-31", "--format", "xlsx",
                                         "--out", path("no/such/folder/x.xlsx")])
        XCTAssertEqual(missingFolder.status, 73, missingFolder.stderr)
    }

    func testCSVForSwedishExcel() throws {
        let db = try seededDatabase()
        let file = path("shares.csv")
        try succeed(["report", "shares", "--db", db, "--as-of", "2024-12-31", "--compare", "2023-12-31",
                     "--format", "csv-excel", "--out", file])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF], "UTF-8 byte order mark")
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        XCTAssertEqual(lines[0], "Rad;2023-12-31;2024-12-31;Förändring;Nyckel")
        XCTAssertEqual(lines[1], "Gröna lån, utbetalt;79350000000,00;91587654321,09;15,4224%;green_ore")
        XCTAssertEqual(lines.last, "", "every line ends with CRLF")
        XCTAssertFalse(text.contains("\n") && text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "no bare LF")
        // English: comma and decimal point.
        let en = try succeed(["report", "shares", "--db", db, "--as-of", "2024-12-31", "--format", "csv-excel", "--lang", "en"]).stdout
        XCTAssertTrue(en.hasPrefix("\u{FEFF}Line,2024-12-31,Key\r\n\"Green loans, disbursed\",91587654321.09,green_ore\r\n"), en)
        // `csv` is unchanged for scripts: comma, öre, no BOM.
        let plain = try succeed(["report", "shares", "--db", db, "--as-of", "2024-12-31", "--format", "csv"]).stdout
        XCTAssertTrue(plain.hasPrefix("line,label,2024-12-31\n"), plain)
    }

    func testCSVForExcelKeepsFormulaEscaping() throws {
        let db = try seededDatabase()
        // A title written like a formula (recorded honestly, as an amendment) reaches the
        // follow-up sheet as text with a leading quote.
        try succeed(["amend", "project", "1", "--db", db, "--title", "=HYPERLINK(\"http://x\")", "--reason", "formula title", "--date", "2023-01-01"])
        let out = try succeed(["report", "followup", "--db", db, "--year", "2023", "--format", "csv-excel"]).stdout
        XCTAssertTrue(out.contains(";\"'=HYPERLINK(\"\"http://x\"\")\";"), out)
    }
}
