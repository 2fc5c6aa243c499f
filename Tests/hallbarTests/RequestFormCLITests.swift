import Foundation
import XCTest

/// The import guarantees of `import bonds|metrics|factors` (whole or nothing, idempotent,
/// amendable, errors naming file, line and column with exit 65 and the database unchanged)
/// and the annual reporting cycle: `report requests` → fill in → `import readings` /
/// `import metrics` → `report overdue`.
final class RequestFormCLITests: AllocationCLITestsBase {
    func testBadBondsMetricsAndFactorsAreRefusedAndChangeNothing() throws {
        let db = try handLedger(metrics: false)
        let cases: [(kind: String, text: String, expected: [String])] = [
            ("bonds", """
                isin,programme,issue_date,maturity_date,amount_sek,currency,amount_original
                XS9900000001,green,2023-01-01,2028-01-01,100,,
                XS1968465573,green,2023-01-01,2028-01-01,100,,
                XS9900000019,other,2023-01-01,2028-01-01,100,,
                XS9900000027,green,2023-01-01,2022-01-01,100,,
                XS9900000035,green,2023-01-01,2028-01-01,100,USD,
                XS9900000043,green,2023-01-01,2028-01-01,-5,,
                XS9900000050,green,2023-01-01,2028-01-01,100,ZZZ,10

                """, ["bad.csv:3: column \"isin\": \"XS1968465573\" is not an ISIN", "bad.csv:4: column \"programme\": \"other\" is not a bond programme",
                      "bad.csv:5: column \"maturity_date\": 2022-01-01 is not after the issue date 2023-01-01",
                      "bad.csv:6: column \"amount_original\": is empty although currency is given", "bad.csv:7: column \"amount_sek\"",
                      "bad.csv:8: column \"currency\": \"ZZZ\" is not an ISO 4217 currency code"]),
            ("metrics", """
                project_number,year,metric,basis,value
                101,2024,energy_saved_mwh,actual,12
                101,2024,energy_saved_mwh,actual,-3
                101,2024,co2_tonnes,actual,3
                1,2024,energy_saved_mwh,actual,3
                999,2024,energy_saved_mwh,actual,3
                101,2024,energy_saved_mwh,guess,3
                101,2024,energy_saved_mwh,expected,12 %

                """, ["bad.csv:3: column \"value\": \"-3\" must not be negative", "bad.csv:4: column \"metric\": \"co2_tonnes\" is not one of",
                      "bad.csv:5: column \"project_number\": project 1 is a social project", "bad.csv:6: column \"project_number\": no project 999",
                      "bad.csv:7: column \"basis\": \"guess\" is not one of expected, actual", "bad.csv:8: column \"value\": \"12 %\""]),
            ("factors", """
                name,valid_from,g_per_kwh,source
                electricity,2025-01-01,180,ok
                gas,2025-01-01,180,x
                electricity,2025-02-30,180,x
                electricity,2025-03-01,-1,x
                electricity,2025-04-01,180,

                """, ["bad.csv:3: column \"name\": \"gas\" is not one of electricity", "bad.csv:4: column \"valid_from\"",
                      "bad.csv:5: column \"g_per_kwh\": \"-1\" must not be negative", "bad.csv:6: column \"source\": is empty"]),
        ]
        for (kind, text, expected) in cases {
            try writeFile("bad.csv", text)
            let before = try dump(db)
            let result = try hallbar(["import", kind, "bad.csv", "--db", db])
            XCTAssertEqual(result.status, 65, "\(kind): \(result.stderr)")
            for line in expected { XCTAssertTrue(result.stderr.contains(line), "\(kind): missing \(line) in\n\(result.stderr)") }
            XCTAssertFalse(result.stderr.contains("bad.csv:2:"), "\(kind): line 2 is good")
            XCTAssertTrue(result.stderr.contains("nothing was written"), result.stderr)
            XCTAssertEqual(try dump(db), before, "\(kind): a refused file changes nothing")
        }
        // A header that is not the kind's: named, nothing written.
        try writeFile("wrong.csv", "isin,programme,issue,maturity,amount\n")
        let before = try dump(db)
        let wrong = try hallbar(["import", "bonds", "wrong.csv", "--db", db])
        XCTAssertEqual(wrong.status, 65)
        XCTAssertTrue(wrong.stderr.contains("wrong.csv:1"), wrong.stderr)
        XCTAssertEqual(try dump(db), before)
    }

    func testImportsAreIdempotentChainedAndAmendable() throws {
        let db = try handLedger()
        for kind in ["bonds", "factors", "metrics"] {
            let before = try dump(db)
            let again = try succeed(["import", kind, path("\(kind).csv"), "--db", db])
            XCTAssertTrue(again.stdout.contains("0 new,") && again.stdout.contains("nothing changed"), again.stdout)
            XCTAssertEqual(try dump(db), before, "\(kind): importing the same file again changes nothing")
        }
        // A changed value is refused without --amend, and a revision with it.
        try writeFile("fix.csv", "project_number,year,metric,basis,value\n101,2024,renewable_generation_mwh,actual,850\n")
        let before = try dump(db)
        let refused = try hallbar(["import", "metrics", "fix.csv", "--db", db])
        XCTAssertEqual(refused.status, 65)
        XCTAssertTrue(refused.stderr.contains("fix.csv:2: the actual renewable_generation_mwh of project 101 for 2024 already exists "
            + "with different content (value: stored \"800\", file \"850\")"), refused.stderr)
        XCTAssertEqual(try dump(db), before)
        let amended = try succeed(["import", "metrics", "fix.csv", "--amend", "--reason", "meter read again", "--db", db])
        XCTAssertTrue(amended.stdout.contains("0 new, 1 amended, 0 already present"), amended.stdout)
        let history = try json(["history", "metric", "101 renewable_generation_mwh actual", "--year", "2024", "--db", db, "--format", "json"])
        let revisions = try XCTUnwrap(history["revisions"] as? [[String: Any]])
        XCTAssertEqual(revisions.count, 2)
        XCTAssertEqual(revisions.last?["reason"] as? String, "meter read again")
        // The report uses the revision in force: 850 MWh × 0,25.
        let impact = try json(["report", "impact", "--db", db, "--year", "2024", "--format", "json"])
        let p101 = try XCTUnwrap((impact["projects"] as? [[String: Any]])?.first { int($0["project_number"]) == 101 })
        XCTAssertEqual(double((p101["metrics"] as? [[String: Any]])?.first?["attributed"]), 212.5)
        // amend factor and amend metric on the command line; a change that changes nothing is refused.
        try succeed(["amend", "factor", "electricity", "--valid-from", "2024-06-01", "--g-per-kwh", "190", "--reason", "corrected", "--db", db])
        try succeed(["amend", "metric", "104", "--year", "2024", "--metric", "ghg_avoided_tco2e", "--basis", "expected", "--value", "8",
                     "--reason", "typo", "--db", db])
        let unchanged = try dump(db)
        let same = try hallbar(["amend", "metric", "104", "--year", "2024", "--metric", "ghg_avoided_tco2e", "--basis", "expected",
                                "--value", "8", "--reason", "again", "--db", db])
        XCTAssertEqual(same.status, 65, same.stderr)
        let badBond = try hallbar(["amend", "bond", Self.isin2, "--maturity-date", "2020-01-01", "--reason", "x", "--db", db])
        XCTAssertEqual(badBond.status, 65)
        XCTAssertTrue(badBond.stderr.contains("--maturity-date"), badBond.stderr)
        XCTAssertEqual(try dump(db), unchanged)
        XCTAssertEqual(double(try json(["report", "impact", "--db", db, "--year", "2024", "--format", "json"])["factor_g_per_kwh"]), 190)
        // Every row is in the one chain: verify recomputes it.
        let chain = try sqlite3(db, "SELECT table_name FROM ledger_chain WHERE table_name IN ('bonds', 'impact_metrics', "
            + "'emission_factors', 'bond_revisions', 'impact_metric_revisions', 'emission_factor_revisions') GROUP BY table_name;")
        XCTAssertEqual(chain.stdout.split(separator: "\n").count, 5, chain.stdout)
        try succeed(["verify", "--db", db])
        let tamper = try sqlite3(db, "UPDATE impact_metrics SET value = '9' WHERE project_number = 104;")
        XCTAssertNotEqual(tamper.status, 0, "impact metrics are append-only")
    }

    /// The xlsx forms of every borrower of the seeds, filled in with openpyxl (a value in each
    /// empty `value` cell), each data sheet saved as CSV by openpyxl and Python's csv module,
    /// imported with `import readings` / `import metrics` as it is: `report overdue` then
    /// lists nobody.
    func testTheXLSXFormsRoundTrip() throws {
        let db = try seededWithHallbar()
        let before = try json(["report", "overdue", "--db", db, "--year", "2024", "--as-of", "2100-01-01", "--format", "json"])
        let borrowers = try XCTUnwrap(before["borrowers"] as? [[String: Any]])
        XCTAssertEqual(borrowers.count, 7, "\(borrowers.map { $0["name"] ?? "" })")
        for b in borrowers { XCTAssertTrue(Set(b.keys).isSuperset(of: ["borrower_org_no", "name", "missing"])) }
        let orebro = try XCTUnwrap(borrowers.first { $0["borrower_org_no"] as? String == "556900-1083" })
        XCTAssertEqual(orebro["missing"] as? [String], ["5002/ghg_reduced_tco2e", "5002/energy_saved_mwh"])
        let botkyrka = try XCTUnwrap(borrowers.first { $0["borrower_org_no"] as? String == "556900-1018" })
        XCTAssertEqual((botkyrka["missing"] as? [String])?.first, "ALBY-TRIVSEL-LGH")

        let folder = path("forms")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let written = try succeed(["report", "requests", "--db", db, "--year", "2024", "--format", "xlsx", "--out", folder]).stdout
        let books = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".xlsx") }.sorted()
        XCTAssertEqual(books.count, 9, written)
        XCTAssertTrue(books.contains("requests-2024-556900-1018.xlsx"))
        let script = """
            import csv, os, sys, openpyxl
            folder = sys.argv[1]
            for name in sorted(os.listdir(folder)):
                if not name.endswith('.xlsx'): continue
                book = openpyxl.load_workbook(os.path.join(folder, name))
                for ws in book.worksheets:
                    rows = list(ws.iter_rows())
                    header = [c.value for c in rows[0]]
                    if 'value' not in header or 'year' not in header: continue
                    kind = 'readings' if 'indicator_id' in header else 'metrics'
                    v = header.index('value')
                    for n, row in enumerate(rows[1:]):
                        if row[v].value is None: row[v].value = 40 + n + 0.5
                    book.save(os.path.join(folder, name))
                    out = os.path.join(folder, name[:-5] + '-' + kind + '.csv')
                    with open(out, 'w', newline='', encoding='utf-8') as f:
                        w = csv.writer(f)
                        for row in openpyxl.load_workbook(os.path.join(folder, name))[ws.title].iter_rows(values_only=True):
                            w.writerow(['' if c is None else c for c in row])
                    print(out)
            """
        let filled = try python(script, [folder])
        XCTAssertEqual(filled.status, 0, filled.stderr)
        let csvs = filled.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(csvs.filter { $0.hasSuffix("-readings.csv") }.count, 3, filled.stdout)
        XCTAssertEqual(csvs.filter { $0.hasSuffix("-metrics.csv") }.count, 6, filled.stdout)
        for file in csvs {
            let kind = file.hasSuffix("-readings.csv") ? "readings" : "metrics"
            let imported = try succeed(["import", kind, file, "--db", db])
            XCTAssertTrue(imported.stdout.contains(" new,"), imported.stdout)
        }
        let after = try json(["report", "overdue", "--db", db, "--year", "2024", "--as-of", "2100-01-01", "--format", "json"])
        XCTAssertEqual((after["borrowers"] as? [Any])?.count, 0, "\(after)")
        // As of a day before anything was recorded (the seeds too) every form is missing something.
        let earlier = try json(["report", "overdue", "--db", db, "--year", "2024", "--as-of", "2025-01-01", "--format", "json"])
        XCTAssertEqual((earlier["borrowers"] as? [Any])?.count, 9)
        // The filled-in values are what the reports read: 5002's energy saved, 40,5 MWh actual.
        let impact = try json(["report", "impact", "--db", db, "--year", "2024", "--format", "json"])
        let p5002 = try XCTUnwrap((impact["projects"] as? [[String: Any]])?.first { int($0["project_number"]) == 5002 })
        let energy = try XCTUnwrap((p5002["metrics"] as? [[String: Any]])?.first { $0["metric"] as? String == "energy_saved_mwh" })
        XCTAssertEqual(energy["basis"] as? String, "actual")
        // A form asked again now holds the values: importing it again changes nothing.
        let again = path("again")
        try FileManager.default.createDirectory(atPath: again, withIntermediateDirectories: true)
        try succeed(["report", "requests", "--db", db, "--year", "2024", "--format", "csv", "--out", again])
        let snapshot = try dump(db)
        for file in try FileManager.default.contentsOfDirectory(atPath: again).sorted() {
            let kind = file.hasSuffix("-readings.csv") ? "readings" : "metrics"
            XCTAssertTrue(try succeed(["import", kind, again + "/" + file, "--db", db]).stdout.contains("nothing changed"), file)
        }
        XCTAssertEqual(try dump(db), snapshot)
    }

    /// The csv-excel form (Swedish: `;`, decimal comma, BOM, CRLF) of one borrower, filled in
    /// as text (a decimal comma in the value), imports as it is.
    func testTheSwedishCSVFormOfOneBorrowerRoundTrips() throws {
        let db = try handLedger()
        let folder = path("out")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try succeed(["report", "requests", "--db", db, "--year", "2024", "--borrower", "2120002882", "--format", "csv-excel", "--out", folder])
        let file = folder + "/requests-2024-212000-2882-metrics.csv"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF], "a byte order mark, as Excel wants it")
        let form = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        XCTAssertTrue(form.hasPrefix("borrower_org_no;borrower_name;project_number;project_title;metric;unit;expected_value;"
            + "previous_year;previous_value;previous_basis;year;basis;value\r\n"), form)
        // 101 already has its actual 800; 102 its actual 10; 103 and 104 are asked for theirs.
        XCTAssertTrue(form.contains(";renewable_generation_mwh;MWh;1000;2023;1000;expected;2024;actual;800\r\n"), form)
        XCTAssertTrue(form.contains(";energy_saved_mwh;MWh;500;2023;;;2024;actual;\r\n"), form)
        let overdue = try json(["report", "overdue", "--db", db, "--year", "2024", "--as-of", "2100-01-01", "--format", "json"])
        let missing = (overdue["borrowers"] as? [[String: Any]])?.first?["missing"] as? [String]
        XCTAssertEqual(missing, ["103/energy_saved_mwh", "104/ghg_avoided_tco2e"])
        let filled = form.replacingOccurrences(of: ";2024;actual;\r\n", with: ";2024;actual;512,5\r\n")
        try (Data(bytes.prefix(3)) + Data(filled.utf8)).write(to: URL(fileURLWithPath: file))
        XCTAssertTrue(try succeed(["import", "metrics", file, "--db", db]).stdout.contains("2 new, 2 already present"))
        let after = try json(["report", "overdue", "--db", db, "--year", "2024", "--as-of", "2100-01-01", "--format", "json"])
        XCTAssertEqual((after["borrowers"] as? [Any])?.count, 0)
        let impact = try json(["report", "impact", "--db", db, "--year", "2024", "--format", "json"])
        let p103 = try XCTUnwrap((impact["projects"] as? [[String: Any]])?.first { int($0["project_number"]) == 103 })
        XCTAssertEqual(double((p103["metrics"] as? [[String: Any]])?.first?["value"]), 512.5, "the actual replaces the expected")
        // No readings table for a borrower without indicators; an unknown borrower is exit 65.
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/requests-2024-212000-2882-readings.csv"))
        XCTAssertEqual(try hallbar(["report", "requests", "--db", db, "--year", "2024", "--borrower", "212000-3005"]).status, 65)
        XCTAssertEqual(try hallbar(["report", "requests", "--db", db, "--year", "2024", "--format", "csv"]).status, 64, "csv needs --out")
    }

    func testRequestFormsPrintAndReadInEveryFormat() throws {
        let db = try seededWithHallbar()
        for lang in ["sv", "en"] {
            let html = try succeed(["report", "requests", "--db", db, "--year", "2024", "--format", "html", "--lang", lang]).stdout
            XCTAssertEqual(try htmlProblems(html), "")
            XCTAssertEqual(html.components(separatedBy: "<section class=\"form\">").count - 1, 9, "one printed form per borrower")
            XCTAssertTrue(html.contains("<td class=\"fill\"></td>"))
            for format in ["table", "md", "json"] {
                let text = try succeed(["report", "requests", "--db", db, "--year", "2024", "--format", format, "--lang", lang]).stdout
                XCTAssertTrue(text.contains("ALBY-TRIVSEL-LGH"), "\(format) \(lang)")
            }
        }
        let one = path("one.xlsx")
        try succeed(["report", "requests", "--db", db, "--year", "2024", "--borrower", "556900-1018", "--format", "xlsx", "--out", one])
        let sheets = try workbook(one)
        XCTAssertEqual(Set(sheets.keys), ["Anvisning", "Indikatorer", "Om rapporten"])
        let rows = try XCTUnwrap(sheets["Indikatorer"])
        XCTAssertEqual(rows[0].compactMap { $0 as? String }, ["borrower_org_no", "borrower_name", "project_number", "project_title", "goal",
                                                             "indicator_id", "indicator_name", "area", "unit", "target_text",
                                                             "previous_year", "previous_value", "year", "value"])
        XCTAssertEqual(rows.count, 12, "a heading and Botkyrkabyggen's 11 indicators")
        XCTAssertEqual((rows[1][12] as? NSNumber)?.intValue, 2024)
        XCTAssertTrue(rows[1][13] is NSNull, "the value is left to fill")
        // Several borrowers' workbooks need a folder.
        let many = try hallbar(["report", "requests", "--db", db, "--year", "2024", "--format", "xlsx", "--out", path("many.xlsx")])
        XCTAssertEqual(many.status, 73, many.stderr)
    }
}
