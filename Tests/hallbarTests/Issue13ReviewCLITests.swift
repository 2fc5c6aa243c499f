import Foundation
import XCTest

/// The outside review of issue 13 (the daily work without SQL), finding by finding, through
/// the built binary: indicator values as numbers, keys that refer to records under the key
/// rule, list and show pages printed at A4, amounts with a currency, workbooks refused as
/// CSV, amounts named as the options name them, moments as date-time cells, filters naming
/// records that do not exist, "did you mean", the follow-up's margins and footnotes, codes
/// as words for people, `--out -`.
final class Issue13ReviewCLITests: ReportCLITestCase {
    // MARK: helpers

    /// Every sheet of a workbook as openpyxl reads it: per sheet, rows of [python type name,
    /// value (datetimes as ISO text to the microsecond), number format].
    func workbook(_ file: String) throws -> [String: [[[Any]]]] {
        let script = """
            import sys, json, datetime, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            out = {}
            for ws in wb.worksheets:
                out[ws.title] = [[[type(c.value).__name__, c.value.isoformat() if isinstance(c.value, datetime.datetime) else c.value,
                                   c.number_format] for c in row] for row in ws.iter_rows()]
            print(json.dumps(out))
            """
        let read = try tool(["python3", "-c", script, file])
        XCTAssertEqual(read.status, 0, "openpyxl could not read \(file) (make setup installs it): \(read.stderr)")
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(read.stdout.utf8)) as? [String: [[[Any]]]])
    }

    /// The row of `sheet` whose column `column` (by header) holds `value`, as header → cell.
    /// The last such row when `last`.
    func row(_ sheet: [[[Any]]], where column: String, is value: String, last: Bool = false) throws -> [String: [Any]] {
        let header = sheet[0].map { $0[1] as? String ?? "" }
        let index = try XCTUnwrap(header.firstIndex(of: column), "no column \(column) in \(header)")
        let matching = sheet.dropFirst().filter { $0[index][1] as? String == value }
        let found = try XCTUnwrap(last ? matching.last : matching.first, "no row with \(column) \(value)")
        return Dictionary(uniqueKeysWithValues: zip(header, found))
    }

    /// Rows of a list's JSON.
    func rows(_ arguments: [String], _ key: String) throws -> [[String: Any]] {
        try XCTUnwrap(try json(arguments + ["--format", "json"])[key] as? [[String: Any]], "no \(key)")
    }

    /// A refused command: exit `status`, stderr starting with `Error: ` + `message`, nothing
    /// on stdout, and the ledger byte for byte as before.
    func refused(_ arguments: [String], _ db: String, status: Int32 = 65, _ message: String,
                 file: StaticString = #filePath, line: UInt = #line) throws {
        let before = try dump(db)
        let result = try hallbar(arguments + ["--db", db])
        XCTAssertEqual(result.status, status, "\(arguments): \(result.stderr)", file: file, line: line)
        XCTAssertTrue(result.stderr.hasPrefix("Error: " + message), "\(arguments): \(result.stderr)", file: file, line: line)
        XCTAssertEqual(result.stdout, "", file: file, line: line)
        XCTAssertEqual(try dump(db), before, "the ledger changed", file: file, line: line)
    }

    // MARK: 1. indicator values are numbers

    func testIndicatorValuesAreNumbersInEveryFormatButJSON() throws {
        let db = try seededWithHallbar()
        // A range and a text stay as written.
        try succeed(["reading", "--db", db, "--indicator", "ALBY-TRIVSEL-LGH", "--year", "2024", "--value", "97-98"])
        try succeed(["reading", "--db", db, "--indicator", "ALBY-TRYGGHET-TRAPPHUS", "--year", "2024", "--value", "Ej mätt"])
        let list = ["list", "readings", "--db", db, "--project", "1"]

        // xlsx: numbers as numbers (openpyxl gives int or float), a range and a text as text.
        let book = path("utfall.xlsx")
        try succeed(list + ["--format", "xlsx", "--out", book])
        let sheet = try XCTUnwrap(try workbook(book)["Utfall"])
        let header = sheet[0].map { $0[1] as? String ?? "" }
        let value = try XCTUnwrap(header.firstIndex(of: "Värde")), year = try XCTUnwrap(header.firstIndex(of: "År"))
        func cell(_ id: String, _ y: Int) throws -> [Any] {
            try XCTUnwrap(sheet.first { $0[0][1] as? String == id && ($0[year][1] as? NSNumber)?.intValue == y }, "\(id) \(y)")[value]
        }
        XCTAssertEqual(try cell("ALBY-FASTIGHETSVARDE", 2023)[0] as? String, "float")
        XCTAssertEqual((try cell("ALBY-FASTIGHETSVARDE", 2023)[1] as? NSNumber)?.doubleValue, -44.4)
        XCTAssertEqual((try cell("ALBY-TRIVSEL-LGH", 2023)[1] as? NSNumber)?.doubleValue, 86)
        XCTAssertEqual(try cell("ALBY-TRIVSEL-LGH", 2024)[1] as? String, "97-98")
        XCTAssertEqual(try cell("ALBY-TRYGGHET-TRAPPHUS", 2024)[1] as? String, "Ej mätt")

        // show project: the baseline is a number too.
        let projectBook = path("projekt.xlsx")
        try succeed(["show", "project", "1", "--db", db, "--format", "xlsx", "--out", projectBook])
        let indicators = try XCTUnwrap(try workbook(projectBook)["Indikatorer"])
        let kvall = try row(indicators, where: "Indikator", is: "ALBY-TRYGGHET-KVALL")
        XCTAssertEqual(kvall["Utgångsvärde"]?[0] as? String, "float")
        XCTAssertEqual((kvall["Utgångsvärde"]?[1] as? NSNumber)?.doubleValue, 66.7)

        // csv-excel: a decimal comma in the Swedish file, never a formula guard on a number.
        let swedish = try succeed(list + ["--format", "csv-excel"]).stdout
        XCTAssertTrue(swedish.contains("ALBY-FASTIGHETSVARDE;1;2023;-44,4;"), swedish)
        XCTAssertTrue(swedish.contains("ALBY-TRIVSEL-LGH;1;2023;86;"), swedish)
        XCTAssertTrue(swedish.contains("ALBY-TRIVSEL-LGH;1;2024;97-98;"), swedish)
        XCTAssertFalse(swedish.contains("'-44"), swedish)
        let english = try succeed(list + ["--format", "csv-excel", "--lang", "en"]).stdout
        XCTAssertTrue(english.contains("ALBY-FASTIGHETSVARDE,1,2023,-44.4,"), english)
        // csv for programs: a point, no guard, the stored text's number.
        let csv = try succeed(list + ["--format", "csv"]).stdout
        XCTAssertTrue(csv.contains("ALBY-FASTIGHETSVARDE,1,2023,-44.4,"), csv)
        XCTAssertFalse(csv.contains("'-44"), csv)
        let indicatorsCSV = try succeed(["list", "indicators", "--db", db, "--project", "1", "--format", "csv-excel"]).stdout
        XCTAssertTrue(indicatorsCSV.contains(";66,7;2022;"), indicatorsCSV)

        // The table shows baseline and reading in the report's form: "66,7" beside "64,2".
        let table = plain(try succeed(["show", "project", "1", "--db", db]).stdout)
        XCTAssertTrue(table.contains("66,7"), table)
        XCTAssertTrue(table.contains("64,2"), table)
        XCTAssertTrue(table.contains("-44,4"), table)
        XCTAssertFalse(table.contains("66.7") || table.contains("-44.4"), table)
        XCTAssertTrue(plain(try succeed(list + ["--lang", "en"]).stdout).contains("-44.4"))

        // JSON keeps the stored text.
        let readings = try rows(list, "readings")
        XCTAssertEqual(readings.first { $0["indicator_id"] as? String == "ALBY-FASTIGHETSVARDE" }?["value"] as? String, "-44.4")
    }

    /// Numbers stored as text elsewhere: a reading's value in `history`, a bond's amount in
    /// its currency, last year's value in a reporting form. A text that a spreadsheet would
    /// run as a formula keeps its guard.
    func testNumbersStoredAsTextAreNumbersInHistoryBondsAndForms() throws {
        let db = try seededWithHallbar()
        let history = ["history", "reading", "ALBY-FASTIGHETSVARDE", "--year", "2023", "--db", db]
        let csv = try succeed(history + ["--format", "csv"]).stdout
        XCTAssertTrue(csv.contains(",value_text,,-44.4\n"), csv)
        XCTAssertFalse(csv.contains("'-44"), csv)
        let excel = try succeed(history + ["--format", "csv-excel"]).stdout
        XCTAssertTrue(excel.contains(";value_text;;-44,4\r\n"), excel)
        XCTAssertFalse(excel.contains("'-44"), excel)
        XCTAssertTrue(plain(try succeed(history).stdout).contains("-44,4"))
        let book = path("historik.xlsx")
        try succeed(history + ["--format", "xlsx", "--out", book])
        let value = try row(try XCTUnwrap(try workbook(book)["Historik"]), where: "Fält", is: "value_text")["Till"]
        XCTAssertEqual(value?[0] as? String, "float")
        XCTAssertEqual((value?[1] as? NSNumber)?.doubleValue, -44.4)

        // A bond's amount in its own currency: a number with two decimals, JSON as imported.
        let bonds = path("obligationer.xlsx")
        try succeed(["list", "bonds", "--db", db, "--format", "xlsx", "--out", bonds])
        let usd = try row(try XCTUnwrap(try workbook(bonds)["Obligationer"]), where: "ISIN", is: "XS9900000019")["Belopp i valutan"]
        XCTAssertEqual((usd?[1] as? NSNumber)?.doubleValue, 1_000_000_000)
        XCTAssertEqual(usd?[2] as? String, "#,##0.00")
        XCTAssertTrue(try succeed(["list", "bonds", "--db", db, "--format", "csv-excel"]).stdout.contains(";USD;1000000000,00;"))
        XCTAssertTrue(plain(try succeed(["list", "bonds", "--db", db]).stdout).contains("USD        1 000 000 000  ja"))
        XCTAssertEqual((try rows(["list", "bonds", "--db", db], "bonds").first { $0["isin"] as? String == "XS9900000019" }?["amount_original"]
            as? NSNumber)?.doubleValue, 1_000_000_000)

        // The reporting form: last year's value a number, to be read back by import readings.
        let forms = path("forms")
        try FileManager.default.createDirectory(atPath: forms, withIntermediateDirectories: true)
        try succeed(["report", "requests", "--year", "2024", "--borrower", "556900-1018", "--db", db, "--format", "xlsx",
                     "--out", forms + "/form.xlsx"])
        let form = try XCTUnwrap(try workbook(forms + "/form.xlsx")["Indikatorer"])
        let previous = try row(form, where: "indicator_id", is: "ALBY-FASTIGHETSVARDE")["previous_value"]
        XCTAssertEqual((previous?[1] as? NSNumber)?.doubleValue, -44.4)

        // Text that a spreadsheet would run stays guarded in CSV; in a workbook it is a text cell.
        try succeed(["reading", "--db", db, "--indicator", "ALBY-TRIVSEL-LGH", "--year", "2024", "--value", "=1+1"])
        let readings = ["list", "readings", "--db", db, "--project", "1"]
        XCTAssertTrue(try succeed(readings + ["--format", "csv"]).stdout.contains(",2024,'=1+1,"))
        XCTAssertTrue(try succeed(readings + ["--format", "csv-excel"]).stdout.contains(";2024;'=1+1;"))
        let text = path("utfall.xlsx")
        try succeed(readings + ["--format", "xlsx", "--out", text])
        let formula = try XCTUnwrap(try workbook(text)["Utfall"]).first { $0[0][1] as? String == "ALBY-TRIVSEL-LGH" && ($0[2][1] as? NSNumber)?.intValue == 2024 }
        XCTAssertEqual(formula?[3][0] as? String, "str")
        XCTAssertEqual(formula?[3][1] as? String, "=1+1")
    }

    // MARK: 2. a key that refers to a record follows the key rule

    func testAnInvisibleCharacterInALoanNumberIsNamed() throws {
        let db = try seededWithHallbar()
        let file = try writeFile("entries.csv", "external_id,loan_number,value_date,amount_sek,kind\n"
            + "NB-1,210001\u{00A0},2024-05-01,100,disbursement\n")
        try refused(["import", "entries", file], db,
                    "\(file):2: column \"loan_number\": the loan_number \"210001\\u{A0}\" has U+00A0 NO-BREAK SPACE at position 7")
        let result = try hallbar(["import", "entries", file, "--db", db])
        XCTAssertFalse(result.stderr.contains("no loan"), "not reported as a missing loan: \(result.stderr)")
        XCTAssertFalse(result.stderr.contains("\u{00A0}"), "the character is never printed raw: \(result.stderr)")
        try refused(["show", "loan", "210001\u{00A0}"], db, "the loan number \"210001\\u{A0}\" has U+00A0 NO-BREAK SPACE at position 7")
        try refused(["show", "entry", "E-000001\u{200B}"], db, "the external id \"E-000001\\u{200B}\" has U+200B ZERO WIDTH SPACE")
    }

    /// Every column that names a record or holds a value written exactly (keys, references,
    /// organisation numbers, project numbers, ISINs, dates, years, municipality codes) treats
    /// a U+00A0 pasted from a spreadsheet the same way in every import: refused, naming the
    /// file, line, column, the character and its position; never trimmed away in one kind and
    /// refused in another. The ledger is unchanged.
    func testANoBreakSpaceInAnyKeyColumnIsNamedAlikeInEveryImport() throws {
        let db = try seededWithHallbar()
        let nbsp = "\u{00A0}"
        let cases: [(kind: String, csv: String, column: String, shown: String, position: Int)] = [
            ("members", "org_no,name,municipality_code\n212000-2882\(nbsp),Botkyrka kommun,0127\n", "org_no", "212000-2882\\u{A0}", 12),
            ("members", "org_no,name,municipality_code\n212000-2882,Botkyrka kommun,0127\(nbsp)\n", "municipality_code", "0127\\u{A0}", 5),
            ("borrowers", "org_no,name,owner_org_no\n556900-1018,Botkyrkabyggen AB,212000-2882\(nbsp)\n", "owner_org_no",
             "212000-2882\\u{A0}", 12),
            ("loans", "loan_number,borrower_org_no,programme,project_number,green_bond_eligible\n299001,556900-1018,social,1\(nbsp),\n",
             "project_number", "1\\u{A0}", 2),
            ("loans", "loan_number,borrower_org_no,programme,project_number,green_bond_eligible\n299001\(nbsp),556900-1018,social,1,\n",
             "loan_number", "299001\\u{A0}", 7),
            ("entries", "external_id,loan_number,value_date,amount_sek,kind\nX-1,220001,2024-05-01\(nbsp),100,disbursement\n",
             "value_date", "2024-05-01\\u{A0}", 11),
            ("readings", "indicator_id,year,value\nALBY-TRIVSEL-LGH,2024\(nbsp),90\n", "year", "2024\\u{A0}", 5),
            ("readings", "indicator_id,year,value\nALBY-TRIVSEL-LGH\(nbsp),2024,90\n", "indicator_id", "ALBY-TRIVSEL-LGH\\u{A0}", 17),
            ("bonds", "isin,programme,issue_date,maturity_date,amount_sek\nXS0000000017\(nbsp),green,2024-01-01,2029-01-01,100\n",
             "isin", "XS0000000017\\u{A0}", 13),
            ("bonds", "isin,programme,issue_date,maturity_date,amount_sek\nXS0000000017,green,\(nbsp)2024-01-01,2029-01-01,100\n",
             "issue_date", "\\u{A0}2024-01-01", 1),
            ("metrics", "project_number,year,metric,basis,value\n5001\(nbsp),2024,energy_saved_mwh,actual,5\n", "project_number",
             "5001\\u{A0}", 5),
            ("factors", "name,valid_from,g_per_kwh,source\nelectricity,2024-01-01\(nbsp),30,Energimyndigheten\n", "valid_from",
             "2024-01-01\\u{A0}", 11),
        ]
        for (index, c) in cases.enumerated() {
            let file = try writeFile("nbsp-\(index).csv", c.csv)
            let before = try dump(db)
            let result = try hallbar(["import", c.kind, file, "--db", db])
            XCTAssertEqual(result.status, 65, "\(c.kind) \(c.column): \(result.stderr)")
            XCTAssertTrue(result.stderr.hasPrefix("Error: \(file):2: column \"\(c.column)\": "), "\(c.kind): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("\"\(c.shown)\""), "\(c.kind) \(c.column): the value shown visibly: \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("U+00A0 NO-BREAK SPACE at position \(c.position)"), "\(c.kind) \(c.column): \(result.stderr)")
            XCTAssertFalse(result.stderr.contains(nbsp), "never printed raw: \(result.stderr)")
            XCTAssertEqual(try dump(db), before, "\(c.kind): the ledger changed")
        }
        // The same on the command line: filters, history and amend keys.
        try refused(["list", "loans", "--project", "1\(nbsp)"], db, status: 64,
                    "--project: \"1\\u{A0}\" is not a project number (a positive whole number); it has U+00A0 NO-BREAK SPACE at position 2")
        try refused(["balance", "--borrower", "556900-1018\(nbsp)"], db, status: 64, "--borrower: \"556900-1018\\u{A0}\" is not an organisation number")
        XCTAssertTrue(try hallbar(["balance", "--borrower", "556900-1018\(nbsp)", "--db", db]).stderr.contains("U+00A0 NO-BREAK SPACE at position 12"))
        try refused(["history", "loan", "220001\(nbsp)"], db, "the loan key \"220001\\u{A0}\" has U+00A0 NO-BREAK SPACE at position 7")
        try refused(["amend", "loan", "220001\(nbsp)", "--green-bond-eligible", "true", "--reason", "x"], db,
                    "the loan key \"220001\\u{A0}\" has U+00A0 NO-BREAK SPACE at position 7")
        // A metric's key is words separated by plain spaces: still found.
        try succeed(["history", "metric", "5002 energy_saved_mwh actual", "--year", "2023", "--db", db])
    }

    /// `import factors`' source and `import projects`' slide_label take the text rule: no
    /// invisible direction override, at most 2 000 characters.
    func testFactorSourceAndSlideLabelTakeTheTextRule() throws {
        let db = try seededWithHallbar()
        let override = try writeFile("factors.csv", "name,valid_from,g_per_kwh,source\nelectricity,2024-01-01,30,Energi\u{202E}myndigheten\n")
        try refused(["import", "factors", override], db, "\(override):2: column \"source\": the source \"Energi\\u{202E}myndigheten\" has the "
            + "invisible character U+202E RIGHT-TO-LEFT OVERRIDE at position 7")
        let long = try writeFile("long.csv", "name,valid_from,g_per_kwh,source\nelectricity,2024-01-01,30,\(String(repeating: "x", count: 2001))\n")
        try refused(["import", "factors", long], db, "\(long):2: column \"source\": the source")
        XCTAssertTrue(try hallbar(["import", "factors", long, "--db", db]).stderr.contains("is 2001 characters long; at most 2000 are allowed"))
        let fine = try writeFile("fine.csv", "name,valid_from,g_per_kwh,source\nelectricity,2024-01-01,30,\(String(repeating: "x", count: 2000))\n")
        try succeed(["import", "factors", fine, "--db", db])
        let label = try writeFile("projects.csv", "project_number,programme,borrower_org_no,title,category,investment_type,approved_sek,"
            + "decision_date,status,slide_label\n9001,green,556900-1018,T,renewable_energy,,100,2024-01-01,approved,a\u{202E}b\n")
        try refused(["import", "projects", label], db, "\(label):2: column \"slide_label\": the slide label \"a\\u{202E}b\" has the invisible "
            + "character U+202E RIGHT-TO-LEFT OVERRIDE at position 2")
    }

    // MARK: 3. list and show print on A4

    /// The words of a PDF as pdftotext places them: per page its width and each word's
    /// right edge and text.
    func printedWords(_ pdf: String) throws -> [(width: Double, words: [(right: Double, text: String)])] {
        let script = """
            import sys, re, html
            text = open(sys.argv[1], encoding='utf-8').read()
            for page in re.finditer(r'<page width="([0-9.]+)" height="[0-9.]+">(.*?)</page>', text, re.S):
                print('PAGE', page.group(1))
                for w in re.finditer(r'<word xMin="[0-9.]+" yMin="[0-9.]+" xMax="([0-9.]+)" yMax="[0-9.]+">(.*?)</word>', page.group(2)):
                    print('WORD', w.group(1), html.unescape(w.group(2)))
            """
        let bbox = try runShell("pdftotext -bbox \(pdf) words.html")
        XCTAssertEqual(bbox.status, 0)
        let parsed = try tool(["python3", "-c", script, path("words.html")])
        var pages: [(width: Double, words: [(right: Double, text: String)])] = []
        for line in parsed.stdout.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
            if parts[0] == "PAGE" { pages.append((Double(parts[1]) ?? 0, [])) }
            if parts[0] == "WORD", parts.count == 3, !pages.isEmpty { pages[pages.count - 1].words.append((Double(parts[1]) ?? 0, parts[2])) }
        }
        return pages
    }

    /// `list` and `show` as HTML printed by headless Chromium: A4, landscape for the wide
    /// tables, every word inside the page (nothing cut off on the right), dates, amounts and
    /// ids on one line. Skipped where chromium or poppler-utils is not installed (`make
    /// report-preview` installs both).
    func testListAndShowPrintOnA4WithEveryColumnOnThePage() throws {
        let db = try seededWithHallbar()
        let pages: [(name: String, arguments: [String], landscape: Bool, last: String, whole: [String])] = [
            ("loan", ["show", "loan", "220001"], true, "Import", ["2023-02-15", "E-000015", "600 000 000 kr", "1 800 000 000 kr"]),
            ("entries", ["list", "entries", "--to", "2022-12-31"], true, "Import", ["2021-12-15", "125 000 000 000 kr", "E-000014"]),
            ("project", ["show", "project", "1"], true, "Revision", ["ALBY-UPPSAGNINGAR-ANDRAHAND", "2022-03-15"]),
            ("batches", ["list", "batches"], true, "Av", ["2022-03-15"].filter { _ in false }),
            ("members", ["list", "members"], false, "Utestående", []),
        ]
        for page in pages {
            let html = try succeed(page.arguments + ["--db", db, "--format", "html"]).stdout
            XCTAssertEqual(try htmlProblems(html), "", page.name)
            XCTAssertTrue(html.contains("@page { size: A4 \(page.landscape ? "landscape" : "portrait"); margin: 12mm; }"), page.name)
            XCTAssertTrue(html.contains("td.keep { white-space: nowrap;"), page.name)
            XCTAssertTrue(html.contains("thead { display: table-header-group; }"), page.name)
            XCTAssertTrue(html.contains("tr { break-inside: avoid;"), page.name)
        }
        // Dates and amounts are cells that never break.
        let loan = try succeed(["show", "loan", "220001", "--db", db, "--format", "html"]).stdout
        XCTAssertTrue(loan.contains("<td class=\"keep\">2023-02-15</td>"), loan)
        XCTAssertTrue(plain(loan).contains("<td class=\"num\">1 100 000 000 kr</td>"), loan)

        guard try runShell("command -v chromium && command -v pdftotext && command -v pdfinfo").status == 0 else {
            throw XCTSkip("chromium and poppler-utils are not installed")
        }
        for page in pages {
            try succeed(page.arguments + ["--db", db, "--format", "html", "--out", path("\(page.name).html")])
            let printed = try runShell("timeout 120 chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer "
                + "--print-to-pdf=\(page.name).pdf \(page.name).html")
            XCTAssertEqual(printed.status, 0, "chromium could not print \(page.name)")
            let info = try runShell("pdfinfo \(page.name).pdf").output
            XCTAssertTrue(info.contains(page.landscape ? "841.92 x 594.96 pts (A4)" : "594.96 x 841.92 pts (A4)"), "\(page.name): \(info)")
            let words = try printedWords("\(page.name).pdf")
            XCTAssertFalse(words.isEmpty, page.name)
            for sheet in words {
                // 12 mm margins: nothing may reach into the right margin, let alone past the edge.
                let limit = sheet.width - 12 / 25.4 * 72 + 1
                let outside = sheet.words.filter { $0.right > limit }
                XCTAssertTrue(outside.isEmpty, "\(page.name): cut off on the right: \(outside.prefix(5).map(\.text))")
            }
            let text = plain(try runShell("pdftotext -layout \(page.name).pdf -").output)
            XCTAssertTrue(text.contains(page.last), "\(page.name): the last column \(page.last) is not on the page")
            for whole in page.whole {
                XCTAssertTrue(text.contains(whole), "\(page.name): \(whole) is broken or missing")
            }
        }
    }

    // MARK: 4. an amount with the currency of a spreadsheet's currency format

    /// Tests/Corpus/excel/currency: a sheet whose amounts carry LibreOffice's Swedish
    /// currency format, saved as CSV by LibreOffice ("42 000 000,00 kr").
    func testAmountsSavedWithTheSwedishCurrencyFormatImport() throws {
        let db = try seededWithHallbar()
        let file = CLITestCase.packageRoot.appendingPathComponent("Tests/Corpus/excel/currency/sv-utf8-currency/valuta-entries.csv").path
        XCTAssertTrue(try String(contentsOfFile: file, encoding: .utf8).contains("42\u{00A0}000\u{00A0}000,00 kr"), "the corpus file")
        try succeed(["import", "entries", file, "--db", db])
        let entries = try rows(["list", "entries", "--db", db, "--from", "2024-05-02", "--to", "2024-05-04"], "entries")
        XCTAssertEqual(entries.map { $0["external_id"] as? String }, ["KR-1", "KR-2", "KR-3"])
        XCTAssertEqual(entries.map { ($0["amount_ore"] as? NSNumber)?.int64Value }, [4_200_000_000, 123_456_750, 25_000])
        // Another currency, or a word, is named; "digits may only be grouped in threes" is not what is wrong.
        let other = try writeFile("eur.csv", "external_id;loan_number;value_date;amount_sek;kind\nEU-1;210001;2024-05-01;42 000 000,00 EUR;Amortering\n")
        try refused(["import", "entries", other], db,
                    "\(other):2: column \"amount_sek\": \"42 000 000,00 EUR\" is not an amount: unexpected \"EUR\" after the number; "
                        + "amounts are in SEK, written without a currency (a trailing \"kr\" or \"SEK\" is accepted)")
        let words = try writeFile("words.csv", "external_id;loan_number;value_date;amount_sek;kind\nW-1;210001;2024-05-01;12 kronor;Amortering\n"
            + "W-2;210001;2024-05-01;SEK 12;Amortering\n")
        try refused(["import", "entries", words], db, "\(words):2: column \"amount_sek\": \"12 kronor\" is not an amount: unexpected \"kronor\" "
            + "after the number; amounts are in SEK")
        XCTAssertTrue(try hallbar(["import", "entries", words, "--db", db]).stderr.contains(
            "\(words):3: column \"amount_sek\": \"SEK 12\" is not an amount: unexpected character \"S\"; amounts are in SEK"))
        // On the command line the option is named; "kr" is taken there too.
        try refused(["disburse", "--loan", "220001", "--date", "2025-01-02", "--amount", "12 EUR"], db,
                    "--amount: \"12 EUR\" is not an amount: unexpected \"EUR\" after the number; amounts are in SEK")
        let recorded = try succeed(["disburse", "--loan", "220001", "--date", "2025-01-02", "--amount", "1 234,50 kr", "--db", db])
        XCTAssertTrue(plain(recorded.stdout).contains("1 234,50 kr."), recorded.stdout)
    }

    // MARK: 5. an xlsx workbook is read as one

    /// A workbook as openpyxl writes it (a real xlsx writer): dates as date cells, numbers as
    /// numbers (one computed as 0.1 + 0.2), a Swedish currency format, TRUE as a boolean, a
    /// sheet named otherwise than the kind beside another.
    func makeWorkbook(_ name: String, sheets: String = "Transaktioner") throws -> String {
        let file = path(name)
        let made = try tool(["python3", "-c", """
            import sys, datetime, openpyxl
            wb = openpyxl.Workbook()
            ws = wb.active; ws.title = sys.argv[2]
            ws.append(["External_ID", "Loan_Number", "Value_Date", "Amount_SEK", "Kind"])
            ws.append(["XL-1", 210001, datetime.date(2024, 5, 2), 42000000, "Utbetalning"])
            ws.append(["XL-2", 210001, datetime.datetime(2024, 5, 3), 1234567.5, "Amortering"])
            ws.append(["XL-3", "210002", "2024-05-04", 0.1 + 0.2, "amortering"])
            ws["D3"].number_format = '#,##0.00 "kr"'
            ws["C2"].number_format = 'yyyy-mm-dd'
            wb.create_sheet("Anteckningar")["A1"] = "Utbetalningar maj"
            wb.save(sys.argv[1])
            """, file, sheets])
        XCTAssertEqual(made.status, 0, "openpyxl could not write the workbook (make setup installs it): \(made.stderr)")
        return file
    }

    func testAnXlsxWorkbookIsReadAsAWorkbook() throws {
        let db = try seededWithHallbar()
        let book = try makeWorkbook("utbetalningar.xlsx")
        // Two sheets, neither named "entries": which one is asked for, by name.
        try refused(["import", "entries", book], db, "\(book): the workbook has 2 sheets (\"Transaktioner\", \"Anteckningar\") "
            + "and none is named \"entries\": choose one with --sheet NAME")
        try refused(["import", "entries", book, "--sheet", "Transaktion"], db, "\(book): the workbook has no sheet \"Transaktion\"; "
            + "its sheets are \"Transaktioner\", \"Anteckningar\"; did you mean 'Transaktioner'?")
        try refused(["import", "entries", book, "--sheet", "Transaktioner", "--encoding", "windows-1252"], db, status: 64,
                    "'--encoding' is for a CSV file; an xlsx workbook is read as it is")
        let imported = try succeed(["import", "entries", book, "--sheet", "transaktioner", "--db", db])
        XCTAssertEqual(imported.stdout, "\(book): sheet \"Transaktioner\"\n\(book): 3 new, 0 already present (batch 14).\n")
        let entries = try rows(["list", "entries", "--db", db, "--from", "2024-05-02", "--to", "2024-05-04"], "entries")
        XCTAssertEqual(entries.map { $0["external_id"] as? String }, ["XL-1", "XL-2", "XL-3"])
        XCTAssertEqual(entries.map { $0["value_date"] as? String }, ["2024-05-02", "2024-05-03", "2024-05-04"])
        XCTAssertEqual(entries.map { ($0["amount_ore"] as? NSNumber)?.int64Value }, [4_200_000_000, 123_456_750, 30])
        XCTAssertEqual(entries.map { $0["kind"] as? String }, ["disbursement", "repayment", "repayment"])
        // The batch is the workbook: its name and SHA-256.
        let batch = try XCTUnwrap(try rows(["list", "batches", "--db", db], "batches").last)
        XCTAssertEqual(batch["file_name"] as? String, book)
        XCTAssertEqual(batch["file_sha256"] as? String, String(try tool(["sha256sum", book]).stdout.prefix(64)))
        XCTAssertTrue(try succeed(["import", "entries", book, "--sheet", "Transaktioner", "--db", db]).stdout.contains(" 0 new, 3 already present"))

        // The only sheet is read without --sheet; a bad cell is named by the sheet's row.
        let single = try makeWorkbook("en-flik.xlsx", sheets: "Blad1")
        _ = try tool(["python3", "-c", """
            import sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1]); del wb["Anteckningar"]
            wb["Blad1"]["D4"] = "12 EUR"; wb["Blad1"]["A2"] = "XL-9"; wb["Blad1"]["A3"] = "XL-8"; wb["Blad1"]["A4"] = "XL-7"
            wb.save(sys.argv[1])
            """, single])
        try refused(["import", "entries", single], db, "\(single):4: column \"amount_sek\": \"12 EUR\" is not an amount")
    }

    func testWhatIsNoXlsxWorkbookIsRefusedWithWhatToDo() throws {
        let db = try seededWithHallbar()
        let book = try makeWorkbook("entries.xlsx", sheets: "entries")
        // Through a pipe the file is not named: say how to give it.
        let piped = try hallbar(["import", "entries", "/dev/stdin", "--db", db], stdin: try Data(contentsOf: URL(fileURLWithPath: book)))
        XCTAssertEqual(piped.status, 65, piped.stderr)
        XCTAssertTrue(piped.stderr.contains("is an Excel workbook (.xlsx, or another ZIP file), not CSV: give the .xlsx by its file name"),
                      piped.stderr)
        // An OpenDocument spreadsheet: a ZIP whose first entry is the mimetype naming one.
        let ods = path("entries.ods")
        let zip = try tool(["python3", "-c", """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], 'w') as z:
                z.writestr(zipfile.ZipInfo('mimetype'), 'application/vnd.oasis.opendocument.spreadsheet')
                z.writestr('content.xml', '<x/>')
            """, ods])
        XCTAssertEqual(zip.status, 0, zip.stderr)
        try refused(["import", "entries", ods], db, "\(ods): is an OpenDocument spreadsheet (.ods), not CSV: save it as CSV (UTF-8) or xlsx first")
        // The Excel 97-2003 format: an OLE compound file.
        let xls = path("entries.xls")
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 504)).write(to: URL(fileURLWithPath: xls))
        try refused(["import", "entries", xls], db, "\(xls): is an Excel 97-2003 workbook (.xls), not CSV")
        // A damaged workbook: cut short.
        let cut = path("cut.xlsx")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: book))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: cut))
        try refused(["import", "entries", cut], db, "\(cut): cannot be read as an xlsx workbook: it is not a ZIP file")
        // --sheet with a CSV.
        let csv = try writeFile("entries.csv", "external_id,loan_number,value_date,amount_sek,kind\n")
        try refused(["import", "entries", csv, "--sheet", "entries"], db, "\(csv): --sheet is for an xlsx workbook; this file is not one")
    }

    // MARK: 6. amounts named as the options name them

    func testAmendAndHistoryNameAmountsAsTheOptionsDo() throws {
        let db = try seededWithHallbar()
        let amended = try succeed(["amend", "project", "1", "--db", db, "--approved-sek", "2 100 000 000,50", "--reason", "Beslut 2025:2",
                                   "--date", "2025-02-01"])
        XCTAssertTrue(plain(amended.stdout).contains("  approved_sek: 2 000 000 000,00 kr → 2 100 000 000,50 kr"), amended.stdout)
        XCTAssertFalse(amended.stdout.contains("approved_ore"), amended.stdout)
        let table = plain(try succeed(["history", "project", "1", "--db", db]).stdout)
        XCTAssertTrue(table.contains("approved_sek"), table)
        XCTAssertFalse(table.contains("approved_ore"), table)
        XCTAssertTrue(try succeed(["history", "project", "1", "--db", db, "--format", "md"]).stdout.contains("approved_sek"))
        // JSON and CSV keep the stored names (cli.md).
        let history = try json(["history", "project", "1", "--db", db, "--format", "json"])
        let last = try XCTUnwrap((history["revisions"] as? [[String: Any]])?.last)
        let change = try XCTUnwrap((last["changes"] as? [String: Any])?["approved_ore"] as? [String: Any])
        XCTAssertEqual((change["to"] as? NSNumber)?.int64Value, 210_000_000_050)
        XCTAssertTrue(try succeed(["history", "project", "1", "--db", db, "--format", "csv"]).stdout.contains(",approved_ore,200000000000,210000000050"))
        // The workbook: the people's name, amounts as kronor numbers.
        let book = path("historik.xlsx")
        try succeed(["history", "project", "1", "--db", db, "--format", "xlsx", "--out", book])
        let sheet = try XCTUnwrap(try workbook(book)["Historik"])
        let line = try row(sheet, where: "Fält", is: "approved_sek", last: true)
        XCTAssertEqual(line["Revision"]?[1] as? NSNumber, 2)
        XCTAssertEqual((line["Till"]?[1] as? NSNumber)?.doubleValue, 2_100_000_000.5)
        XCTAssertEqual(line["Till"]?[2] as? String, "#,##0.00")
    }

    // MARK: 7. moments are date-time cells

    func testTimestampsInWorkbooksAreDateTimes() throws {
        let db = try seededWithHallbar()
        let book = path("transaktioner.xlsx")
        try succeed(["list", "entries", "--db", db, "--to", "2021-12-31", "--format", "xlsx", "--out", book])
        let sheets = try workbook(book)
        let entries = try XCTUnwrap(sheets["Transaktioner"])
        let first = try row(entries, where: "Id", is: "E-000001")
        let recorded = try XCTUnwrap(first["Registrerad"])
        XCTAssertEqual(recorded[0] as? String, "datetime")
        XCTAssertEqual(recorded[2] as? String, "yyyy\\-mm\\-dd\\ hh:mm:ss\\ \"UTC\"")
        let stored = try XCTUnwrap(try rows(["list", "entries", "--db", db, "--to", "2021-12-31"], "entries").first?["recorded_at"] as? String)
        // "2026-12-05T23:03:57.928Z" read back as 2026-12-05T23:03:57.928000, to the millisecond.
        XCTAssertEqual(recorded[1] as? String, String(stored.dropLast()) + "000")
        let about = try XCTUnwrap(sheets["Om rapporten"])
        let generated = try XCTUnwrap(about.first { $0[0][1] as? String == "generated_at" })
        XCTAssertEqual(generated[1][0] as? String, "datetime")
        // csv-excel: a date and time a spreadsheet reads as one.
        let csv = try succeed(["list", "entries", "--db", db, "--to", "2021-12-31", "--format", "csv-excel"]).stdout
        let day = String(stored.prefix(10)), time = String(stored.dropFirst(11).prefix(8))
        XCTAssertTrue(csv.contains(";\(day) \(time);"), csv)
    }

    // MARK: 8. a filter naming a record that does not exist

    func testAFilterNamingARecordThatDoesNotExistIsExit65() throws {
        let db = try seededWithHallbar()
        try refused(["balance", "--project", "77"], db, "no project 77 in the ledger")
        try refused(["balance", "--borrower", "556016-0680"], db, "no borrower 556016-0680 in the ledger")
        try refused(["list", "loans", "--loan", "999"], db, "no loan 999 in the ledger")
        try refused(["list", "loans", "--project", "77"], db, "no project 77 in the ledger")
        try refused(["list", "loans", "--project", "77", "--format", "csv"], db, "no project 77 in the ledger")
        try refused(["list", "entries", "--member", "556016-0680", "--format", "json"], db, "no member 556016-0680 in the ledger")
        try refused(["list", "readings", "--borrower", "556016-0680"], db, "no borrower 556016-0680 in the ledger")
        // A word that names no status or programme: exit 65, naming the words allowed.
        try refused(["list", "projects", "--status", "nonsense"], db, "--status: \"nonsense\" is not a project status: use approved (beviljad), "
            + "rejected (avslagen), withdrawn (återkallad), completed (avslutad)")
        XCTAssertTrue(try hallbar(["list", "projects", "--status", "aproved", "--db", db]).stderr.contains("did you mean 'approved'?"))
        try refused(["list", "loans", "--programme", "blue"], db, "--programme: \"blue\" is not a programme: use green (grön), social")
        try refused(["balance", "--programme", "blue"], db, "--programme: \"blue\" is not a programme")
        // --status filters projects by their status in force on the date, in either language.
        let approved = try rows(["list", "projects", "--db", db, "--status", "Beviljad"], "projects")
        XCTAssertGreaterThan(approved.count, 0)
        XCTAssertTrue(approved.allSatisfy { $0["status"] as? String == "approved" })
        let all = try rows(["list", "projects", "--db", db], "projects")
        XCTAssertEqual(try rows(["list", "projects", "--db", db, "--status", "rejected"], "projects").count,
                       all.filter { $0["status"] as? String == "rejected" }.count)
        try refused(["list", "loans", "--status", "approved"], db, status: 64, "list loans does not take --status")
        // Records that exist but are filtered away are an empty list.
        XCTAssertEqual(try rows(["list", "loans", "--db", db, "--programme", "green", "--project", "1"], "loans").count, 0)
        XCTAssertEqual(try rows(["list", "projects", "--db", db, "--project", "1", "--as-of", "2020-01-01"], "projects").count, 0)
    }

    // MARK: 9. did you mean

    func testSuggestionsAreOnlyForTypos() throws {
        let db = try seededWithHallbar()
        let file = try writeFile("x.csv", "a\n1\n")
        try refused(["import", "entires", file], db, status: 64, "Unknown kind 'entires': expected one of")
        XCTAssertTrue(try hallbar(["import", "entires", file, "--db", db]).stderr.contains("did you mean 'entries'?"))
        XCTAssertTrue(try hallbar(["history", "projekt", "1", "--db", db]).stderr.contains("did you mean 'project'?"))
        XCTAssertTrue(try hallbar(["list", "loans", "--format", "jsno", "--db", db]).stderr.contains("did you mean 'json'?"))
        XCTAssertTrue(try hallbar(["list", "loans", "--lang", "se", "--db", db]).stderr.contains("did you mean 'sv'?"))
        let yaml = try hallbar(["list", "loans", "--format", "yaml", "--db", db])
        XCTAssertEqual(yaml.status, 64)
        XCTAssertFalse(yaml.stderr.contains("did you mean"), "yaml is not a typo of html: \(yaml.stderr)")
    }

    // MARK: 10. the follow-up's margins and footnotes

    func testTheFollowUpMarginShortensALongNoteAndTheFootnotesAreForTheCommittee() throws {
        let db = try seededDatabase()
        let note = "Protokoll fört vid sammanträde med kommittén för hållbar finansiering 2024-03-20, ärende 2024:3 §5, med bilagor A–F"
        try succeed(["followup", "approve", "--db", db, "--year", "2023", "--date", "2024-03-20", "--by", "Sara Lind", "--note", note])
        let html = plain(try succeed(["report", "followup", "--db", db, "--year", "2023", "--format", "html"]).stdout)
        XCTAssertTrue(html.contains("Godkänd 2024-03-20, \(plain(note)). Registrerad av Sara Lind"), "the whole note on page 1")
        XCTAssertTrue(html.contains("@bottom-left { content: \"Årlig uppföljning mot mål och indikatorer 2023 · Protokoll fört vid sammanträde med…\";"), html)
        XCTAssertTrue(html.contains("white-space: nowrap; text-align: right; }"), html)
        XCTAssertTrue(html.contains("Statusarna beräknade enligt uppföljningsreglerna 2025, version 2 (med kommitténs beslut); huvudbokens hash"), html)
        XCTAssertFalse(html.contains("domain.md 2025 rules"), "the stored rule version is for JSON and list approvals")
        XCTAssertFalse(html.contains("hallbar report allocation"), "no command line in a committee paper")
        let english = try succeed(["report", "followup", "--db", db, "--year", "2023", "--format", "html", "--lang", "en"]).stdout
        XCTAssertTrue(english.contains("Statuses computed by the 2025 follow-up rules, version 2 (with the committee&#39;s decisions)"), english)
        XCTAssertFalse(english.contains("See hallbar"))
        // The stored version is kept where programs read it.
        let approvals = try rows(["list", "approvals", "--db", db], "approvals")
        XCTAssertEqual(approvals.first?["rule_version"] as? String, "domain.md 2025 rules v2 (committee decisions)")

        guard try runShell("command -v chromium && command -v pdftotext").status == 0 else {
            throw XCTSkip("chromium and poppler-utils are not installed")
        }
        try succeed(["report", "followup", "--db", db, "--year", "2023", "--format", "html", "--out", path("fu.html")])
        XCTAssertEqual(try runShell("timeout 120 chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer "
            + "--print-to-pdf=fu.pdf fu.html").status, 0)
        let text = try runShell("pdftotext -layout fu.pdf -").output
        let pages = text.components(separatedBy: "\u{0C}").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        XCTAssertGreaterThan(pages.count, 1)
        for (index, page) in pages.enumerated() {
            // "Sida N av M" on one line, the note in the margin on one line.
            XCTAssertNotNil(page.range(of: "Sida \(index + 1) av \(pages.count)"), "page \(index + 1): \(page.suffix(400))")
            XCTAssertEqual(page.components(separatedBy: "med bilagor").count - 1, index == 0 ? 1 : 0, "the margin repeats the note in full")
        }
    }

    // MARK: 11. codes as words for people, --out -, true/false, "another process"

    func testCodesAreWordsForPeopleAndCodesForPrograms() throws {
        let db = try seededWithHallbar()
        let loans = plain(try succeed(["list", "loans", "--db", db, "--loan", "210001"]).stdout)
        XCTAssertTrue(loans.contains("210001  556900-1117  212000-2338  Grön"), loans)
        XCTAssertTrue(plain(try succeed(["list", "loans", "--db", db, "--loan", "210001", "--lang", "en"]).stdout).contains("Green"))
        let project = plain(try succeed(["show", "project", "5001", "--db", db]).stdout)
        XCTAssertTrue(project.contains("Status:            beviljad"), project)
        XCTAssertTrue(project.contains("Förnybar energi") || project.contains("Gröna byggnader") || project.contains("Hållbara transporter"), project)
        XCTAssertFalse(project.contains("approved"), project)
        let entries = try succeed(["list", "entries", "--db", db, "--loan", "230001", "--format", "md"]).stdout
        XCTAssertTrue(entries.contains("| utbetalning |") && entries.contains("| amortering |"), entries)
        let indicators = try succeed(["list", "indicators", "--db", db, "--project", "1", "--format", "html"]).stdout
        XCTAssertTrue(indicators.contains(">högre</td>") && indicators.contains(">lägre</td>"), indicators)
        XCTAssertFalse(indicators.contains(">higher</td>"))
        let book = path("lan.xlsx")
        try succeed(["list", "loans", "--db", db, "--format", "xlsx", "--out", book])
        XCTAssertEqual(try row(try XCTUnwrap(try workbook(book)["Lån"]), where: "Lån", is: "210001")["Program"]?[1] as? String, "Grön")
        // Programs get the codes.
        XCTAssertEqual(try rows(["list", "loans", "--db", db, "--loan", "210001"], "loans").first?["programme"] as? String, "green")
        XCTAssertTrue(try succeed(["list", "entries", "--db", db, "--loan", "230001", "--format", "csv"]).stdout.contains(",disbursement,"))
        XCTAssertTrue(try succeed(["list", "projects", "--db", db, "--project", "1", "--format", "csv"]).stdout.contains(",approved,"))
    }

    /// Footers and history for people give a moment to the minute in UTC, as the approval
    /// line does, not the stored stamp; JSON and CSV keep the stamp.
    func testFootersAndHistoryGiveMomentsToTheMinute() throws {
        let db = try seededDatabase()
        try succeed(["close", "--through", "2021-12-31", "--reason", "Bokslut 2021", "--by", "Sara Lind", "--db", db])
        let minute = #"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC"#
        let stamp = #"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z"#
        for (arguments, format) in [(["report", "followup", "--year", "2023"], "html"), (["list", "loans", "--as-of", "2021-06-30"], "table"),
                                    (["report", "shares", "--as-of", "2021-06-30"], "md"), (["history", "project", "1"], "table")] {
            let out = try succeed(arguments + ["--db", db, "--format", format]).stdout
            XCTAssertNotNil(out.range(of: "Framtagen " + minute + " ur ", options: .regularExpression), "\(arguments): \(out.suffix(400))")
            if arguments.contains("2021-06-30") {  // a report dated in the closed period says so
                XCTAssertNotNil(out.range(of: "är stängd \\(Sara Lind, " + minute + ": Bokslut 2021\\)", options: .regularExpression),
                                "\(arguments): \(out.suffix(400))")
            }
            XCTAssertNil(out.range(of: stamp, options: .regularExpression), "\(arguments): a raw stamp for people")
            if arguments.first == "history" {  // a record's history says whose it is, not "as of"
                XCTAssertTrue(out.contains("Historik för project 1. Framtagen "), out.suffix(300).description)
            }
        }
        XCTAssertNotNil(try succeed(["history", "project", "1", "--db", db, "--format", "csv"]).stdout.range(of: stamp, options: .regularExpression))
        XCTAssertNotNil(try json(["list", "loans", "--db", db, "--format", "json"])["meta"])
    }

    func testOutDashIsStdout() throws {
        let db = try seededWithHallbar()
        let out = try succeed(["list", "members", "--db", db, "--format", "csv", "--out", "-"])
        XCTAssertTrue(out.stdout.hasPrefix("org_no,name,"), out.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("-")), "no file named -")
        let workbook = try succeed(["list", "members", "--db", db, "--format", "xlsx", "--out", "-"])
        XCTAssertTrue(workbook.stdout.hasPrefix("PK\u{3}\u{4}"), "a workbook into the pipe")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("-")))
        // Without --out an xlsx is still a usage error.
        XCTAssertEqual(try hallbar(["list", "members", "--db", db, "--format", "xlsx"]).status, 64)
        // The reporting forms are files, one per borrower and table: '-' is named as the reason.
        let forms = try hallbar(["report", "requests", "--year", "2024", "--format", "csv", "--out", "-", "--db", db])
        XCTAssertEqual(forms.status, 64)
        XCTAssertTrue(forms.stderr.contains("add --out FOLDER (not '-': only table, md, html and json go to stdout)"), forms.stderr)
    }

    func testAnImportConflictShowsYesNoAsTrueFalse() throws {
        let db = try seededWithHallbar()
        let file = try writeFile("loans.csv", "loan_number,borrower_org_no,programme,project_number,green_bond_eligible\n"
            + "210001,556900-1117,green,5001,false\n")
        try refused(["import", "loans", file], db,
                    "\(file):2: loan 210001 already exists with different content (green_bond_eligible: stored true, file false)")
    }

    /// The notice on a terminal names no program: the lock's holder here is sqlite3. Runs
    /// hallbar under script(1) so that its stderr is a terminal.
    func testTheWaitNoticeSaysAnotherProcess() throws {
        guard try runShell("command -v script").status == 0 else { throw XCTSkip("script(1) is not installed") }
        let db = try seededWithHallbar()
        let lock = try Issue12CLITests.LockHolder(db)
        defer { try? lock.release() }
        let command = "\(CLITestCase.binary.path) disburse --loan 220026 --date 2025-01-02 --amount 1000 --wait 3 --db \(db)"
        let result = try runShell("script -qec '\(command)' /dev/null")
        XCTAssertTrue(result.output.contains("Waiting for another process writing to \(db) to finish (up to 3 s;"), result.output)
        XCTAssertFalse(result.output.contains("another hallbar"), result.output)
    }
}

/// The issue-17 review of the same renderers: text written into the ledger past hallbar
/// (sqlite3) with an escape sequence, a direction override and HTML reaches no terminal,
/// Markdown or HTML page raw; list totals that do not add up are marked, not blank.
final class Issue13RenderHardeningCLITests: ReportCLITestCase {
    /// An entry whose external id holds ESC, HTML and `|`, recorded by a name with U+202E, and
    /// an indicator of project 1 whose goal and name hold the same: inserted with sqlite3.
    func hostileLedger() throws -> String {
        let db = try seededWithHallbar()
        let inserted = try sqlite3(db, """
            INSERT INTO ledger_entries (entry_id, external_id, loan_id, value_date, kind, amount_ore, balance_effect_ore, recorded_at,
                recorded_by, chain_hash)
            VALUES ((SELECT max(seq) FROM ledger_chain) + 1, 'EVIL-' || char(27) || '[31m<b>|x',
                    (SELECT loan_id FROM loans WHERE loan_number = '220001'), '2025-01-02', 'disbursement', 100, 100,
                    '2025-01-01T00:00:00.000Z', 'sqlite3' || char(8238), zeroblob(32));
            INSERT INTO indicators (seq, indicator_id, project_number, area, goal, name, unit, direction, baseline_value, baseline_year,
                target, target_text, target_year, tolerance, recorded_at, recorded_by, batch_id, chain_hash)
            VALUES ((SELECT max(seq) FROM ledger_chain) + 1, 'EVIL-1', 1, 'Alby', 'Mål <i>' || char(8238) || 'x',
                    'Namn ' || char(8238) || 'tfel' || char(27) || '[2J', 'index', 'higher', '1', 2022, '>=2', '2', 2025, '0',
                    '2025-01-01T00:00:00.000Z', 'sqlite3', NULL, zeroblob(32));
            """)
        XCTAssertEqual(inserted.status, 0, inserted.stderr)
        return db
    }

    /// No ESC, no U+202E in what people read; they are shown as `\e` and `\u{202E}`.
    func assertVisible(_ text: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E }, "\(what): raw control or bidi",
                       file: file, line: line)
    }

    func testStoredControlAndBidiCharactersAreVisibleInTablesAndMarkdown() throws {
        let db = try hostileLedger()
        let table = try succeed(["list", "entries", "--loan", "220001", "--db", db]).stdout
        assertVisible(table, "list entries")
        XCTAssertTrue(table.contains("EVIL-\\e[31m<b>|x  220001"), table)
        XCTAssertTrue(table.contains("sqlite3\\u{202E}"), table)
        let markdown = try succeed(["list", "entries", "--loan", "220001", "--db", db, "--format", "md"]).stdout
        assertVisible(markdown, "list entries md")
        XCTAssertTrue(markdown.contains("| EVIL-\\e\\[31m&lt;b&gt;\\|x | 220001 |"), markdown)
        XCTAssertFalse(markdown.contains("<b>"), "HTML in a Markdown cell is escaped")
        let indicators = try succeed(["list", "indicators", "--project", "1", "--db", db, "--format", "md"]).stdout
        XCTAssertTrue(indicators.contains("| Mål &lt;i&gt;\\u{202E}x | Namn \\u{202E}tfel\\e\\[2J |"), indicators)
        for format in ["table", "md"] {
            let shown = try succeed(["show", "project", "1", "--db", db, "--format", format]).stdout
            assertVisible(shown, "show project \(format)")
            XCTAssertTrue(shown.contains("Namn \\u{202E}tfel\\e"), shown)
            let loan = try succeed(["show", "loan", "220001", "--db", db, "--format", format]).stdout
            assertVisible(loan, "show loan \(format)")
        }
        // A Markdown heading: the loan number in a title is escaped too.
        let heading = try succeed(["list", "entries", "--loan", "220001", "--db", db, "--format", "md"]).stdout
        XCTAssertTrue(heading.hasPrefix("# Transaktioner per "), heading)
    }

    func testTheFollowUpAndListHTMLShowControlAndBidiCharactersVisibly() throws {
        let db = try hostileLedger()
        let followup = try succeed(["report", "followup", "--year", "2023", "--db", db, "--format", "html"]).stdout
        assertVisible(followup, "report followup html")
        XCTAssertTrue(followup.contains("Namn \\u{202E}tfel\\e[2J"), "the override shown as text")
        XCTAssertTrue(followup.contains("Mål &lt;i&gt;\\u{202E}x"), "the goal")
        let list = try succeed(["list", "entries", "--loan", "220001", "--db", db, "--format", "html"]).stdout
        assertVisible(list, "list entries html")
        XCTAssertTrue(list.contains(">EVIL-\\e[31m&lt;b&gt;|x</td>"), list)
        // Nothing else on the page is escaped: the social texts keep their line breaks as they are.
        XCTAssertEqual(ReportTextProbe.escapes(in: followup), [], "only \\e and \\u{202E} come from the data")
    }

    /// Two loans of 5·10¹⁸ öre each (written past hallbar): each fits, their sum does not.
    func testListTotalsThatDoNotAddUpAreMarkedAndExit65() throws {
        let db = try seededWithHallbar()
        let inserted = try sqlite3(db, """
            INSERT INTO ledger_entries (entry_id, external_id, loan_id, value_date, kind, amount_ore, balance_effect_ore, recorded_at,
                recorded_by, chain_hash)
            SELECT (SELECT max(seq) FROM ledger_chain) + n, 'BIG-' || n,
                   (SELECT loan_id FROM loans WHERE loan_number = CASE n WHEN 1 THEN '220001' ELSE '220002' END),
                   '2025-01-0' || n, 'disbursement', 5000000000000000000, 5000000000000000000, '2025-01-01T00:00:00.000Z', 'sqlite3',
                   zeroblob(32)
            FROM (SELECT 1 AS n UNION ALL SELECT 2);
            """)
        XCTAssertEqual(inserted.status, 0, inserted.stderr)
        for (format, marked) in [("table", "Summa "), ("md", "| Summa |"), ("html", "<td class=\"keep\">Summa</td>")] {
            let result = try hallbar(["list", "loans", "--db", db, "--format", format])
            XCTAssertEqual(result.status, 65, "\(format): \(result.stderr)")
            XCTAssertTrue(result.stderr.hasPrefix("Error: the total of Utbetalt, Utestående is more than hallbar can add up"), result.stderr)
            let total = try XCTUnwrap(result.stdout.components(separatedBy: "\n").first { $0.contains(marked) }, "\(format): \(result.stdout)")
            XCTAssertEqual(total.components(separatedBy: "för stort att summera").count - 1, 2, "\(format): \(total)")
            XCTAssertTrue(plain(total).contains("30 300 000 000 kr"), "the repaid total still adds up: \(total)")
        }
        let english = try hallbar(["list", "loans", "--db", db, "--lang", "en"])
        XCTAssertEqual(english.status, 65)
        XCTAssertTrue(english.stdout.contains("too large to add up"), english.stdout)
        // Programs get the rows, which fit; no total line, no error.
        XCTAssertEqual(try hallbar(["list", "loans", "--db", db, "--format", "json"]).status, 0)
        XCTAssertEqual(try hallbar(["list", "loans", "--db", db, "--format", "csv"]).status, 0)
    }
}

/// Finds the visible escapes (`\e`, `\u{…}`) a page holds, other than those of the data the
/// hostile ledger inserted.
enum ReportTextProbe {
    static func escapes(in page: String) -> [String] {
        let known = ["\\e[31m", "\\e[2J", "\\u{202E}"]
        var rest = page
        for k in known { rest = rest.replacingOccurrences(of: k, with: "") }
        guard let regex = try? NSRegularExpression(pattern: #"\\(e|u\{[0-9A-F]+\})"#) else { return ["bad pattern"] }
        return regex.matches(in: rest, range: NSRange(rest.startIndex..., in: rest)).compactMap { Range($0.range, in: rest).map { String(rest[$0]) } }
    }
}
