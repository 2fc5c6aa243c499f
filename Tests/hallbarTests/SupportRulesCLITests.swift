import Foundation
import XCTest

/// `report support` and `import housing` after the review of issue 15: one housing company
/// per municipality and year, the bounds that keep every figure computable, the formats
/// (grouped counts, Markdown alignment, the workbook's columns, spreadsheet CSV flags, the
/// history in kronor per m²) and the runnable Åsele example of docs/reports.md.
final class SupportRulesCLITests: ReportCLITestCase {
    typealias S = SupportCLITests

    static let sorsele = S.orgNo("212000777")
    static let annan = S.orgNo("212000135")
    /// Sorsele Bostäder AB, Sorsele Fastigheter AB (both Sorsele kommun's) and Annans Bostäder AB.
    static let bostader = S.orgNo("556900777")
    static let fastigheter = S.orgNo("556900778")
    static let annans = S.orgNo("556900779")

    /// domain.md's worked example with taxes and grants of 200 000 000 kr, for `borrower` and `year`.
    static func row(_ borrower: String, _ year: Int = 2013) -> String {
        "\(borrower),\(year),400,60,26000,120000000,20000000,5000000,140000000,420,380,17000000,2800,2500,2025,200000000\n"
    }

    func sorseleLedger() throws -> String {
        let db = path("sorsele.db")
        try succeed(["init", "--db", db])
        try succeed(["import", "members", try writeFile("m.csv", """
            org_no,name,municipality_code
            \(Self.sorsele),Sorsele kommun,2422
            \(Self.annan),Annan kommun,2460

            """), "--db", db])
        try succeed(["import", "borrowers", try writeFile("b.csv", """
            org_no,name,owner_org_no
            \(Self.bostader),Sorsele Bostäder AB,\(Self.sorsele)
            \(Self.fastigheter),Sorsele Fastigheter AB,\(Self.sorsele)
            \(Self.annans),Annans Bostäder AB,\(Self.annan)

            """), "--db", db])
        return db
    }

    func number(_ object: Any?, _ key: String) -> Int64? {
        ((object as? [String: Any])?[key] as? NSNumber)?.int64Value
    }

    // MARK: one housing company per municipality and year

    func testASecondCompanyOfAMunicipalityIsRefusedSoItsShareAndLossCountOnce() throws {
        let db = try sorseleLedger()
        let before = try dump(db)
        // Both of Sorsele's companies in one file: the second is refused, nothing is written.
        try writeFile("two.csv", S.header + Self.row(Self.bostader) + Self.row(Self.fastigheter))
        let two = try hallbar(["import", "housing", "two.csv", "--db", db])
        XCTAssertEqual(two.status, 65, two.stderr)
        XCTAssertTrue(two.stderr.contains("two.csv:3: column \"borrower_org_no\": the municipality of \(Self.fastigheter) on "
            + "2013-12-31, Sorsele kommun (\(Self.sorsele)), already has housing figures for 2013 on borrower \(Self.bostader) "
            + "(Sorsele Bostäder AB); the support-need model (SOU 2015:58, appendix 3) takes one housing company per "
            + "municipality and year"), two.stderr)
        XCTAssertFalse(two.stderr.contains("two.csv:2:"), two.stderr)
        XCTAssertEqual(try dump(db), before, "a refused file changes nothing")

        // One company: Sorsele's 5 % of 200 000 000 = 10 000 000 counts once.
        try succeed(["import", "housing", try writeFile("one.csv", S.header + Self.row(Self.bostader)), "--db", db])
        let report = try json(["report", "support", "--db", db, "--year", "2013", "--format", "json"])
        let totals = try XCTUnwrap(report["totals"] as? [String: Any])
        // Today (as domain.md): cost 19 240 000, capacity 16 967 600 → municipality 2 272 400 of its
        // 10 000 000, which leaves 7 727 600.
        XCTAssertEqual(number(totals["today"], "municipality_cap_ore"), 1_000_000_000)
        XCTAssertEqual(number(totals["today"], "municipality_ore"), 227_240_000)
        // Until 2025: 300 inhabitants lost → 21 flats once, cost 7 770 000; company 0 + 27 300
        // savings; municipality min(7 742 700, 7 727 600) = 7 727 600; state 15 100.
        XCTAssertEqual(number(totals["future"], "flats"), 21)
        XCTAssertEqual(number(totals["future"], "municipality_ore"), 772_760_000)
        XCTAssertEqual(number(totals["future"], "state_ore"), 1_510_000)
        // Market: need 104 400 000 − 99 400 000 = 5 000 000, within the 7 727 600 step 1 left.
        XCTAssertEqual(number(totals["market"], "municipality_ore"), 500_000_000)
        XCTAssertEqual(number(totals["market"], "state_ore"), 0)

        // The other company alone, the same year: refused; another year: accepted.
        let afterOne = try dump(db)
        let second = try hallbar(["import", "housing", try writeFile("second.csv", S.header + Self.row(Self.fastigheter)), "--db", db])
        XCTAssertEqual(second.status, 65, second.stderr)
        XCTAssertTrue(second.stderr.contains("second.csv:2: column \"borrower_org_no\": the municipality of \(Self.fastigheter)"), second.stderr)
        XCTAssertEqual(try dump(db), afterOne)
        try succeed(["import", "housing", try writeFile("later.csv", S.header + Self.row(Self.fastigheter, 2014)), "--db", db])
        // Another municipality's company, the same year: accepted.
        try succeed(["import", "housing", try writeFile("annan.csv", S.header + Self.row(Self.annans)), "--db", db])
    }

    func testANewOwnerThatWouldGiveAMunicipalityTwoCompaniesIsRefused() throws {
        let db = try sorseleLedger()
        try succeed(["import", "housing", try writeFile("h.csv", S.header + Self.row(Self.bostader) + Self.row(Self.annans)
            + Self.row(Self.fastigheter, 2014)), "--db", db])
        let before = try dump(db)
        // Annans Bostäder AB sold to Sorsele kommun from mid-2013: Sorsele would have two companies in 2013.
        let amend = try hallbar(["amend", "borrower", Self.annans, "--owner-org-no", Self.sorsele, "--date", "2013-06-01",
                                 "--reason", "sold", "--db", db])
        XCTAssertEqual(amend.status, 65, amend.stderr)
        XCTAssertTrue(amend.stderr.contains("--owner-org-no: with this owner, Sorsele kommun (\(Self.sorsele)) would have housing "
            + "figures for 2013 on two borrowers, \(Self.annans) and \(Self.bostader) (Sorsele Bostäder AB)"), amend.stderr)
        XCTAssertEqual(try dump(db), before)
        // The same by import --amend.
        try writeFile("b2.csv", "org_no,name,owner_org_no\n\(Self.annans),Annans Bostäder AB,\(Self.sorsele)\n")
        let imported = try hallbar(["import", "borrowers", "b2.csv", "--amend", "--reason", "sold", "--date", "2013-06-01", "--db", db])
        XCTAssertEqual(imported.status, 65, imported.stderr)
        XCTAssertTrue(imported.stderr.contains("would have housing figures for 2013 on two borrowers"), imported.stderr)
        XCTAssertEqual(try dump(db), before)
        // From 2015 it is Sorsele's: in 2013 and 2014 Annan kommun's (Sorsele's 2014 company is the other one).
        try succeed(["amend", "borrower", Self.annans, "--owner-org-no", Self.sorsele, "--date", "2015-01-01",
                     "--reason", "sold", "--db", db])
        let report = try json(["report", "support", "--db", db, "--year", "2013", "--format", "json"])
        let members = (report["borrowers"] as? [[String: Any]] ?? []).map {
            ($0["borrower_org_no"] as? String ?? "", $0["member_org_no"] as? String ?? "")
        }
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: members), [Self.bostader: Self.sorsele, Self.annans: Self.annan])
        try succeed(["verify", "--db", db])
    }

    func testTheReportRefusesAYearWithTwoCompaniesOfOneMunicipalityWrittenPastHallbar() throws {
        let db = try sorseleLedger()
        try succeed(["import", "housing", try writeFile("h.csv", S.header + Self.row(Self.bostader)), "--db", db])
        let columns = "borrower_org_no, year, apartments, vacant_apartments, area_m2, book_value_ore, equity_ore, untaxed_reserves_ore, "
            + "total_assets_ore, om_cost_ore_per_m2, om_norm_ore_per_m2, rent_income_ore, population, population_forecast, "
            + "forecast_year, taxes_and_grants_ore, recorded_at, recorded_by, batch_id, chain_hash"
        let written = try sqlite3(db, "INSERT INTO housing_company_years (seq, \(columns)) SELECT 999999, '\(Self.fastigheter)', "
            + columns.split(separator: ",").dropFirst().joined(separator: ",")
            + " FROM housing_company_years WHERE borrower_org_no = '\(Self.bostader)'")
        XCTAssertEqual(written.status, 0, written.stderr)
        let result = try hallbar(["report", "support", "--db", db, "--year", "2013"])
        XCTAssertEqual(result.status, 65, result.stderr)
        let (first, second) = Self.bostader < Self.fastigheter ? (Self.bostader, Self.fastigheter) : (Self.fastigheter, Self.bostader)
        XCTAssertTrue(result.stderr.contains("the support need for 2013 cannot be computed: Sorsele kommun (\(Self.sorsele)) has "
            + "housing figures for 2013 on 2 borrowers (\(first), \(second)), written past hallbar"), result.stderr)
        XCTAssertEqual(result.stdout, "")
    }

    // MARK: bounds

    func testRowsAtTheBoundsComputeAndRowsBeyondAreRefusedAtImportAndAmend() throws {
        let db = try sorseleLedger()
        // Every figure at its bound (docs/import.md).
        let most = "\(Self.bostader),2016,1000000,1000000,100000000,1000000000000,-1000000000000,1000000000000,1000000000000,"
            + "100000,0,1000000000000,100000000,0,2030,1000000000000\n"
        try succeed(["import", "housing", try writeFile("most.csv", S.header + most), "--db", db])
        // Under every flag at the end of its range that makes figures largest, each figure is exact:
        // release 1 000 000 × 100 000 000 kr = 10^16 öre; market value 10^14 öre ÷ 0,01 % = 10^18 öre.
        let report = try json(["report", "support", "--db", db, "--year", "2016", "--format", "json", "--turnover-vacancy", "0",
                               "--vacancies-per-100", "100", "--cost-per-flat", "100 000 000", "--municipality-share", "100",
                               "--savings-share", "100", "--min-solidity", "100", "--untaxed-equity-share", "100", "--yield", "0,01"])
        let b = try XCTUnwrap((report["borrowers"] as? [[String: Any]])?.first)
        XCTAssertEqual(number(b["today"], "release_ore"), 10_000_000_000_000_000)
        XCTAssertEqual(number(b["market"], "market_value_ore"), 1_000_000_000_000_000_000)

        // The reviewer's row: 999 999 999 999 m² at 10^12 kr per m², refused with line and columns.
        let before = try dump(db)
        let huge = "\(Self.bostader),2017,400,60,999999999999,120000000,20000000,5000000,140000000,1000000000000,380,17000000,"
            + "2800,2500,2025,60000000\n"
        let refused = try hallbar(["import", "housing", try writeFile("huge.csv", S.header + huge), "--db", db])
        XCTAssertEqual(refused.status, 65, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("huge.csv:2: column \"area_m2\": 999999999999 is more than 100000000, the most a row "
            + "may hold (every figure of the model must fit in 64 bits)"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("huge.csv:2: column \"om_cost_per_m2\": 1000000000000.00 is more than 100000.00"),
                      refused.stderr)
        XCTAssertEqual(try dump(db), before)
        // And by amend: one apartment more than the bound.
        let amend = try hallbar(["amend", "housing", Self.bostader, "--year", "2016", "--apartments", "1000001",
                                 "--reason", "x", "--db", db])
        XCTAssertEqual(amend.status, 65, amend.stderr)
        XCTAssertTrue(amend.stderr.contains("--apartments: 1000001 is more than 1000000"), amend.stderr)
        XCTAssertEqual(try dump(db), before)
    }

    // MARK: formats

    func testCountsAreGroupedMarkdownAlignsFiguresRightAndTheWorkbookHasEveryColumn() throws {
        let db = try seededWithHallbar()
        // Seeds/README.md: Sollefteå's 2 080 flats valued in step 3; Kramfors loses 1 350 inhabitants.
        let table = try succeed(["report", "support", "--db", db, "--year", "2025"]).stdout
        XCTAssertTrue(table.contains("2\u{A0}080"), table)
        XCTAssertTrue(table.contains("1\u{A0}350"), table)
        XCTAssertFalse(table.contains(" 2080 "), table)
        XCTAssertTrue(table.contains("2035"), "a year is not grouped")
        let english = try succeed(["report", "support", "--db", db, "--year", "2025", "--lang", "en"]).stdout
        XCTAssertTrue(english.contains("2,080"), english)
        let html = try succeed(["report", "support", "--db", db, "--year", "2025", "--format", "html"]).stdout
        XCTAssertTrue(html.contains("<td class=\"num\">2\u{A0}080</td>"), html)
        // Markdown: the name column left, every figure column right.
        let md = try succeed(["report", "support", "--db", db, "--year", "2025", "--format", "md"]).stdout
        XCTAssertTrue(md.contains("| Låntagare | Prognosår | Invånare som försvinner | Lägenheter | Kostnad (kr) | Bolaget (kr) | "
            + "Kommunen (kr) | Staten (kr) |\n|---|---:|---:|---:|---:|---:|---:|---:|\n"), md)
        XCTAssertTrue(md.contains("|---|---|---|---|---:|\n"), "borrowers: only the amount on the right\n\(md)")

        // Spreadsheet CSV: the flags without the formula guard's visible "'".
        let csvExcel = try succeed(["report", "support", "--db", db, "--year", "2025", "--format", "csv-excel"]).stdout
        XCTAssertFalse(csvExcel.contains("'--"), csvExcel)
        XCTAssertTrue(csvExcel.contains(";yield;yield_percent\r\n"), csvExcel)

        // The workbook, as openpyxl reads it: owner, capacity, forecast year, inhabitants lost and book value after step 1.
        let book = path("support.xlsx")
        try succeed(["report", "support", "--db", db, "--year", "2025", "--format", "xlsx", "--out", book])
        let script = """
            import sys, json, openpyxl
            ws = openpyxl.load_workbook(sys.argv[1])["Stödbehov 2025"]
            print(json.dumps([[c.value for c in r] for r in ws.iter_rows()]))
            """
        let read = try tool(["python3", "-c", script, book])
        XCTAssertEqual(read.status, 0, read.stderr)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(read.stdout.utf8)) as? [[Any]])
        let header = try XCTUnwrap(rows.first as? [String])
        func cell(_ orgNo: String, _ key: String, _ column: String) throws -> Any {
            let row = try XCTUnwrap(rows.first { $0.first as? String == orgNo && $0.last as? String == key }, "\(orgNo) \(key)")
            return row[try XCTUnwrap(header.firstIndex(of: column), column)]
        }
        let report = try json(["report", "support", "--db", db, "--year", "2025", "--format", "json"])
        let kramfors = try XCTUnwrap((report["borrowers"] as? [[String: Any]])?.first { $0["borrower_org_no"] as? String == "212000-2429" })
        func ore(_ value: Any) -> Int64? { (value as? NSNumber).map { Int64(($0.doubleValue * 100).rounded()) } }
        XCTAssertEqual(ore(try cell("212000-2429", "today", "Bolagets kapacitet (kr)")), number(kramfors["today"], "capacity_ore"))
        XCTAssertEqual(ore(try cell("212000-2429", "market", "Bokfört efter steg 1 (kr)")), number(kramfors["market"], "book_value_ore"))
        XCTAssertEqual((try cell("212000-2429", "future", "Prognosår") as? NSNumber)?.intValue, 2035)
        XCTAssertEqual((try cell("212000-2429", "future", "Invånare som försvinner") as? NSNumber)?.intValue, 1_350)
        XCTAssertEqual(try cell("556900-1091", "today", "Ägare") as? String, "Ånge kommun")
        XCTAssertEqual(try cell("212000-2429", "today", "Ägare") as? String, "–", "a municipality that borrows directly")
        XCTAssertTrue(try cell("212000-2429", "today", "Prognosår") is NSNull, "the forecast year belongs to step 2")
    }

    func testTheHistoryShowsCostsPerSquareMetreInKronor() throws {
        let db = try sorseleLedger()
        try succeed(["import", "housing", try writeFile("h.csv", S.header + Self.row(Self.bostader)), "--db", db])
        let amended = try succeed(["amend", "housing", Self.bostader, "--year", "2013", "--om-cost-per-m2", "430,50",
                                   "--reason", "rättad", "--db", db]).stdout
        XCTAssertTrue(amended.contains("om_cost_per_m2: 420,00\u{A0}kr/m² → 430,50\u{A0}kr/m²"), amended)
        let history = plain(try succeed(["history", "housing", Self.bostader, "--year", "2013", "--db", db]).stdout)
        XCTAssertTrue(history.contains("420,00 kr/m²"), history)
        XCTAssertTrue(history.contains("430,50 kr/m²"), history)
        XCTAssertFalse(history.contains("42000"), history)
        // CSV keeps the stored öre.
        let csv = try succeed(["history", "housing", Self.bostader, "--year", "2013", "--format", "csv", "--db", db]).stdout
        XCTAssertTrue(csv.contains("om_cost_ore_per_m2,42000,43050"), csv)
        // import --amend says the same in kronor per m², under the file's column name.
        try writeFile("h2.csv", S.header + Self.row(Self.bostader).replacingOccurrences(of: ",420,380,", with: ",440,380,"))
        let imported = try succeed(["import", "housing", "h2.csv", "--amend", "--reason", "igen", "--db", db]).stdout
        XCTAssertTrue(imported.contains("om_cost_per_m2 430,50\u{A0}kr/m² → 440,00\u{A0}kr/m²"), imported)
    }

    // MARK: the documented example

    /// docs/reports.md's Åsele example, run as written from the repository's root (with
    /// `HALLBAR_DB` in this test's folder): the last command's output holds every line the
    /// document shows, in order; `…` stands for lines left out.
    func testTheDocumentedÅseleExampleIsWhatTheBinaryPrints() throws {
        let doc = try String(contentsOf: CLITestCase.packageRoot.appendingPathComponent("docs/reports.md"), encoding: .utf8)
        let start = try XCTUnwrap(doc.range(of: "```text\n$ export HALLBAR_DB=example.db\n"))
        let block = doc[start.lowerBound...].dropFirst("```text\n".count)
        let lines = block[..<(try XCTUnwrap(block.range(of: "\n```\n"))).lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
        let commands = lines.filter { $0.hasPrefix("$ ") }
        XCTAssertEqual(commands.count, 6)
        let expected = lines.drop { !$0.hasPrefix("$ hallbar report support") }.dropFirst().map(String.init)
        XCTAssertGreaterThan(expected.count, 30)

        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        var output = ""
        for command in commands {
            let words = command.dropFirst(2).split(separator: " ").map(String.init)
            if words[0] == "export" {
                XCTAssertEqual(words[1], "HALLBAR_DB=example.db")
                environment["HALLBAR_DB"] = path("example.db")
                continue
            }
            XCTAssertEqual(words[0], "hallbar")
            let process = Process()
            process.executableURL = CLITestCase.binary
            process.arguments = Array(words.dropFirst())
            process.currentDirectoryURL = CLITestCase.packageRoot
            process.environment = environment
            process.standardInput = FileHandle.nullDevice
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let result = CLITestCase.finish(process, out: out, err: err)
            XCTAssertEqual(result.status, 0, "\(command): \(result.stderr)")
            output = result.stdout
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: path("example.db")), "the example wrote the test's ledger")
        XCTAssertFalse(FileManager.default.fileExists(atPath: CLITestCase.packageRoot.appendingPathComponent("example.db").path))

        // The document writes U+00A0 as a space; every shown line in order, runs between "…" contiguous.
        let actual = plain(output).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var at = 0
        var mustFollow = true
        for line in expected {
            if line == "…" {
                mustFollow = false
                continue
            }
            if mustFollow {
                XCTAssertLessThan(at, actual.count, "the output ends before \"\(line)\"")
                guard at < actual.count else { return }
                XCTAssertEqual(actual[at], line, "line \(at + 1) of the output")
                at += 1
            } else {
                guard let found = actual[at...].firstIndex(of: line) else {
                    XCTFail("\"\(line)\" is not in the output after line \(at):\n\(output)")
                    return
                }
                at = found + 1
                mustFollow = true
            }
        }
        // The lines left out at the end are the footer.
        XCTAssertTrue(actual[at...].joined(separator: "\n").contains("Huvudbokens hash: sha256:"), output)
    }

}
