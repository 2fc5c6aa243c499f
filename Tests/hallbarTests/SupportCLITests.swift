import Foundation
import XCTest

/// `import housing`, `amend housing` and `report support` (SOU 2015:58, appendix 3;
/// domain.md "Support need on very weak markets") through the built binary.
final class SupportCLITests: ReportCLITestCase {
    static let header = "borrower_org_no,year,apartments,vacant_apartments,area_m2,book_value_sek,equity_sek,"
        + "untaxed_reserves_sek,total_assets_sek,om_cost_per_m2,om_norm_per_m2,rent_income_sek,population,"
        + "population_forecast,forecast_year,taxes_and_grants_sek\n"
    /// domain.md's worked example (an illustrative company in Åsele), as the year 2013.
    static let asele = "556900-9995,2013,400,60,26000,120000000,20000000,5000000,140000000,420,380,17000000,2800,2500,2025,60000000\n"
    static let aseleMember = "212000-2460"
    static let aseleBorrower = "556900-9995"

    /// An organisation number with a valid Luhn check digit: `prefix` (nine digits) + check.
    static func orgNo(_ prefix: String) -> String {
        var sum = 0
        for (index, ch) in prefix.enumerated() {
            var v = Int(String(ch))! * (index % 2 == 0 ? 2 : 1)
            if v > 9 { v -= 9 }
            sum += v
        }
        return String(prefix.prefix(6)) + "-" + String(prefix.dropFirst(6)) + String((10 - sum % 10) % 10)
    }

    /// A ledger with Åsele kommun (a member, code 2463, with its 2012 market reading: very
    /// weak), Åsele Bostäder AB (its company) and the worked example's figures for 2013.
    func aseleLedger() throws -> String {
        let db = path("asele.db")
        try succeed(["init", "--db", db])
        try succeed(["import", "members", try writeFile("m.csv", "org_no,name,municipality_code\n\(Self.aseleMember),Åsele kommun,2463\n"), "--db", db])
        try succeed(["import", "borrowers", try writeFile("b.csv", "org_no,name,owner_org_no\n\(Self.aseleBorrower),Åsele Bostäder AB,\(Self.aseleMember)\n"), "--db", db])
        try succeed(["import", "market", try writeFile("market.csv", "municipality_code,municipality,year,index_value\n2463,Åsele,2012,2597\n"), "--db", db])
        let imported = try succeed(["import", "housing", try writeFile("housing.csv", Self.header + Self.asele), "--db", db])
        XCTAssertTrue(imported.stdout.hasSuffix("housing.csv: 1 new, 0 already present (batch 4).\n"), imported.stdout)
        return db
    }

    func number(_ object: Any?, _ key: String, file: StaticString = #filePath, line: UInt = #line) -> Int64? {
        guard let dictionary = object as? [String: Any] else {
            XCTFail("not an object: \(String(describing: object))", file: file, line: line)
            return nil
        }
        return (dictionary[key] as? NSNumber)?.int64Value
    }

    func assertFigures(_ object: Any?, _ expected: KeyValuePairs<String, Int64>, _ what: String,
                       file: StaticString = #filePath, line: UInt = #line) {
        for (key, value) in expected {
            XCTAssertEqual(number(object, key, file: file, line: line), value, "\(what).\(key)", file: file, line: line)
        }
    }

    func borrower(_ report: [String: Any], _ orgNo: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let borrowers = try XCTUnwrap(report["borrowers"] as? [[String: Any]], file: file, line: line)
        return try XCTUnwrap(borrowers.first { $0["borrower_org_no"] as? String == orgNo }, "no \(orgNo)", file: file, line: line)
    }

    // MARK: the worked example

    func testTheWorkedExampleReproducesEveryFigureOfDomainMd() throws {
        let db = try aseleLedger()
        let report = try json(["report", "support", "--db", db, "--year", "2013", "--format", "json"])
        XCTAssertEqual(report["year"] as? Int, 2013)
        let b = try borrower(report, Self.aseleBorrower)
        XCTAssertEqual(b["name"] as? String, "Åsele Bostäder AB")
        XCTAssertEqual(b["market_class"] as? String, "very_weak", "Åsele 2012: 2 597 kr/m² ≤ 7 700")
        XCTAssertEqual(b["market_year"] as? Int, 2012)
        // Today: surplus 60 − 8 = 52; cost 52 × 370 000 = 19 240 000 (release 3 640 000, write-down
        // 15 600 000); capacity 3 900 000 + 13 000 000 + 67 600 = 16 967 600 → company 16 967 600,
        // municipality 2 272 400 (of 3 000 000), state 0.
        assertFigures(b["today"], ["flats": 52, "cost_ore": 1_924_000_000, "release_ore": 364_000_000,
                                   "writedown_ore": 1_560_000_000, "company_ore": 1_696_760_000,
                                   "municipality_ore": 227_240_000, "state_ore": 0,
                                   "capacity_ore": 1_696_760_000, "municipality_cap_ore": 300_000_000], "today")
        // Until 2025: 300 inhabitants lost → 21 flats, cost 7 770 000; company 0 + 27 300 savings
        // = 27 300; municipality 727 600; state 7 015 100.
        assertFigures(b["future"], ["flats": 21, "cost_ore": 777_000_000, "company_ore": 2_730_000,
                                    "municipality_ore": 72_760_000, "state_ore": 701_510_000, "savings_ore": 2_730_000], "future")
        // Market value: cost 400 kr/m² × 22 620 m² = 9 048 000; net income 7 952 000; value
        // 99 400 000; book after step 1 104 400 000 → need 5 000 000: company 0, municipality
        // 727 600, state 4 272 400.
        assertFigures(b["market"], ["flats": 348, "market_value_ore": 9_940_000_000, "writedown_need_ore": 500_000_000,
                                    "company_ore": 0, "municipality_ore": 72_760_000, "state_ore": 427_240_000,
                                    "operating_cost_ore": 904_800_000, "net_income_ore": 795_200_000,
                                    "book_value_ore": 10_440_000_000], "market")
        // The totals of one borrower are its figures; cli.md's keys are all there.
        let totals = try XCTUnwrap(report["totals"] as? [String: Any])
        for step in ["today", "future", "market"] {
            XCTAssertEqual(totals[step] as? NSDictionary, b[step] as? NSDictionary, "totals.\(step)")
        }
        XCTAssertEqual(Set((b["today"] as? [String: Any])?.keys.map { $0 } ?? []).isSuperset(of:
            ["flats", "cost_ore", "release_ore", "writedown_ore", "company_ore", "municipality_ore", "state_ore"]), true)
        XCTAssertEqual(Set((b["market"] as? [String: Any])?.keys.map { $0 } ?? []).isSuperset(of:
            ["flats", "market_value_ore", "writedown_need_ore", "company_ore", "municipality_ore", "state_ore"]), true)
        // The appendix's parameters, printed with the report.
        let parameters = try XCTUnwrap(report["parameters"] as? [String: Any])
        XCTAssertEqual(parameters["turnover_vacancy_percent"] as? Int, 2)
        XCTAssertEqual(parameters["vacancies_per_100"] as? Int, 7)
        XCTAssertEqual(parameters["cost_per_flat_ore"] as? Int, 7_000_000)
        XCTAssertEqual(parameters["municipality_share_percent"] as? Int, 5)
        XCTAssertEqual(parameters["savings_share_percent"] as? Int, 50)
        XCTAssertEqual(parameters["min_solidity_percent"] as? Int, 5)
        XCTAssertEqual(parameters["untaxed_equity_share_percent"] as? Int, 78)
        XCTAssertEqual(parameters["yield_percent"] as? Int, 8)
        XCTAssertEqual(report["overridden_parameters"] as? [String], [])
        // The ledger head in the meta is the ledger's: verify --against accepts it.
        let head = try XCTUnwrap((report["meta"] as? [String: Any])?["ledger_head"] as? String)
        try succeed(["verify", "--db", db, "--against", head])

        // The same figures in the table, in kronor.
        let table = plain(try succeed(["report", "support", "--db", db, "--year", "2013"]).stdout)
        for figure in ["19 240 000", "16 967 600", "2 272 400", "7 770 000", "27 300", "727 600", "7 015 100",
                       "99 400 000", "104 400 000", "5 000 000", "4 272 400", "mycket svag (2012)"] {
            XCTAssertTrue(table.contains(figure), "table lacks \(figure):\n\(table)")
        }
    }

    // MARK: hand-computed edge cases

    func testNoSurplusAGrowingPopulationAndAMarketValueAboveBookValueNeedNothing() throws {
        let db = try aseleLedger()
        // 2 vacant of 100 is exactly the 2 % turnover vacancy; the population grows; the cost is
        // below the norm (no savings, not raised): 300 × 7 000 m² = 2 100 000; net income
        // 7 900 000 → value 98 750 000, above the book value of 10 000 000.
        let row = "\(Self.aseleBorrower),2014,100,2,7000,10000000,5000000,0,20000000,300,350,10000000,5000,5100,2030,100000000\n"
        try succeed(["import", "housing", try writeFile("edge.csv", Self.header + row), "--db", db])
        let b = try borrower(try json(["report", "support", "--db", db, "--year", "2014", "--format", "json"]), Self.aseleBorrower)
        // Capacity: equity 5 000 000 − 5 % of 20 000 000 = 4 000 000; the municipality's 5 % is 5 000 000.
        assertFigures(b["today"], ["flats": 0, "cost_ore": 0, "company_ore": 0, "municipality_ore": 0, "state_ore": 0,
                                   "capacity_ore": 400_000_000, "municipality_cap_ore": 500_000_000], "today")
        assertFigures(b["future"], ["flats": 0, "cost_ore": 0, "company_ore": 0, "municipality_ore": 0, "state_ore": 0], "future")
        assertFigures(b["market"], ["flats": 100, "operating_cost_ore": 210_000_000, "net_income_ore": 790_000_000,
                                    "market_value_ore": 9_875_000_000, "book_value_ore": 1_000_000_000,
                                    "writedown_need_ore": 0, "company_ore": 0, "municipality_ore": 0, "state_ore": 0], "market")
    }

    func testTheMunicipalityShareUsedUpByStep1LeavesTheRestToTheState() throws {
        let db = try aseleLedger()
        // 410 flats, 60 vacant: 2 % of 410 is 8,2, so 51 surplus flats (rounded down, not 52).
        // Book value 100 000 kr a flat, 50 m² a flat; cost = norm (no savings).
        // Untaxed reserves 100 000,50: 78 % is 78 000,39 exactly; equity below the 5 % floor.
        // Step 1: release 51 × 70 000 = 3 570 000; write-down 5 100 000; cost 8 670 000; company
        //   78 000,39; municipality its whole 5 % of 100 000 000 = 5 000 000; state 3 591 999,61.
        // Step 2: 15 inhabitants lost × 7/100 = 1,05 → 1 flat: 170 000, all the state's.
        // Step 3: 359 flats, 17 950 m² × 400 = 7 180 000; net 1 820 000; value 22 750 000; book
        //   35 900 000 → need 13 150 000, all the state's.
        let row = "\(Self.aseleBorrower),2015,410,60,20500,41000000,1000000,100000.50,50000000,400,400,9000000,1000,985,2020,100000000\n"
        try succeed(["import", "housing", try writeFile("edge.csv", Self.header + row), "--db", db])
        let b = try borrower(try json(["report", "support", "--db", db, "--year", "2015", "--format", "json"]), Self.aseleBorrower)
        assertFigures(b["today"], ["flats": 51, "release_ore": 357_000_000, "writedown_ore": 510_000_000, "cost_ore": 867_000_000,
                                   "capacity_ore": 7_800_039, "company_ore": 7_800_039, "municipality_ore": 500_000_000,
                                   "state_ore": 359_199_961], "today")
        assertFigures(b["future"], ["flats": 1, "cost_ore": 17_000_000, "company_ore": 0, "municipality_ore": 0,
                                    "state_ore": 17_000_000], "future")
        assertFigures(b["market"], ["flats": 359, "operating_cost_ore": 718_000_000, "net_income_ore": 182_000_000,
                                    "market_value_ore": 2_275_000_000, "book_value_ore": 3_590_000_000,
                                    "writedown_need_ore": 1_315_000_000, "company_ore": 0, "municipality_ore": 0,
                                    "state_ore": 1_315_000_000], "market")
    }

    // MARK: parameters

    func testParameterFlagsChangeTheFiguresAndArePrintedInEveryFormat() throws {
        let db = try aseleLedger()
        let args = ["report", "support", "--db", db, "--year", "2013", "--yield", "10", "--cost-per-flat", "80 000",
                    "--municipality-share", "2,5"]
        let report = try json(args + ["--format", "json"])
        let b = try borrower(report, Self.aseleBorrower)
        // Release 52 × 80 000 = 4 160 000; cost 19 760 000; the municipality's share 2,5 % of
        // 60 000 000 = 1 500 000, all used today; state 19 760 000 − 16 967 600 − 1 500 000 = 1 292 400.
        assertFigures(b["today"], ["release_ore": 416_000_000, "cost_ore": 1_976_000_000, "company_ore": 1_696_760_000,
                                   "municipality_ore": 150_000_000, "state_ore": 129_240_000, "municipality_cap_ore": 150_000_000], "today")
        // Yield 10 %: value 7 952 000 ÷ 10 % = 79 520 000; need 104 400 000 − 79 520 000 = 24 880 000, the state's.
        assertFigures(b["market"], ["market_value_ore": 7_952_000_000, "writedown_need_ore": 2_488_000_000,
                                    "company_ore": 0, "municipality_ore": 0, "state_ore": 2_488_000_000], "market")
        let parameters = try XCTUnwrap(report["parameters"] as? [String: Any])
        XCTAssertEqual(parameters["yield_percent"] as? Int, 10)
        XCTAssertEqual(parameters["cost_per_flat_ore"] as? Int, 8_000_000)
        XCTAssertEqual(parameters["municipality_share_percent"] as? Double, 2.5)
        XCTAssertEqual(parameters["turnover_vacancy_percent"] as? Int, 2, "the others stay the appendix's")
        XCTAssertEqual(report["overridden_parameters"] as? [String], ["cost_per_flat_ore", "municipality_share_percent", "yield_percent"])

        let table = plain(try succeed(args).stdout)
        XCTAssertTrue(table.contains("Antaganden (* ändrat från bilaga 3)"), table)
        XCTAssertTrue(table.range(of: #"Avkastningskrav +10,0 % \* +8,0 % +--yield"#, options: .regularExpression) != nil, table)
        XCTAssertTrue(table.range(of: #"Omsättningsvakans +2,0 % +2,0 % +--turnover-vacancy"#, options: .regularExpression) != nil, table)
        let english = plain(try succeed(args + ["--lang", "en"]).stdout)
        XCTAssertTrue(english.range(of: #"Cost per flat to vacate and demolish or convert +SEK 80,000 \* +SEK 70,000"#,
                                    options: .regularExpression) != nil, english)
        let csv = try succeed(args + ["--format", "csv"]).stdout
        XCTAssertTrue(csv.contains("\nparameter,yield_percent,,,,,,,,,,,,,,10\n"), csv)
        XCTAssertTrue(csv.contains("\nparameter,municipality_share_percent,,,,,,,,,,,,,,2.5\n"), csv)
        let md = plain(try succeed(args + ["--format", "md"]).stdout)
        XCTAssertTrue(md.contains("| Avkastningskrav | 10,0 % * | 8,0 % | --yield |"), md)
        let html = try succeed(args + ["--format", "html"]).stdout
        XCTAssertTrue(plain(html).contains("<td class=\"num\">10,0 % *</td>"), html)
        XCTAssertEqual(try htmlProblems(html), "")
    }

    func testBadParameterValuesAreUsageErrors() throws {
        let db = try aseleLedger()
        let cases: [([String], String)] = [
            (["--yield", "0"], "--yield: \"0\" is refused: it must be greater than 0 %"),
            (["--yield", "abc"], "--yield: \"abc\" is not a per cent value"),
            (["--turnover-vacancy", "101"], "--turnover-vacancy: \"101\" is refused: it must be between 0 and 100 %"),
            (["--cost-per-flat", "-5"], "--cost-per-flat: \"-5\""),
            (["--savings-share", "2,345"], "--savings-share: \"2,345\""),
            (["--vacancies-per-100", ""], "--vacancies-per-100"),
            (["--year", "1800"], "--year: \"1800\" is not a year"),
        ]
        for (flags, message) in cases {
            let arguments = ["report", "support", "--db", db] + (flags.first == "--year" ? flags : ["--year", "2013"] + flags)
            let result = try hallbar(arguments)
            XCTAssertEqual(result.status, 64, "\(flags): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(message), "\(flags): \(result.stderr)")
        }
        XCTAssertEqual(try hallbar(["report", "support", "--db", db]).status, 64, "--year is required")
        // The flags are checked before the database is opened.
        XCTAssertEqual(try hallbar(["report", "support", "--db", path("none.db"), "--year", "2013", "--yield", "0"]).status, 64)
        // A cost per flat above 100 000 000 kr could make a figure overflow 64 bits: a usage error, before the ledger is read.
        let huge = try hallbar(["report", "support", "--db", db, "--year", "2013", "--cost-per-flat", "92233720368547758"])
        XCTAssertEqual(huge.status, 64, huge.stderr)
        XCTAssertTrue(huge.stderr.contains("--cost-per-flat: \"92233720368547758\" is refused: it must be at most 100000000 SEK"),
                      huge.stderr)
    }

    // MARK: the import's guarantees

    func testBadHousingRowsAreRefusedWithLineAndColumnAndNothingIsWritten() throws {
        let db = try aseleLedger()
        let before = try dump(db)
        let rows = [
            "\(Self.aseleBorrower),2016,60,61,3000,1,1,1,1,1,1,1,1,1,2020,1",        // vacant above apartments
            "\(Self.aseleBorrower),2017,60,6,-5,1,1,1,1,1,1,1,1,1,2020,1",           // negative area
            "\(Self.aseleBorrower),2018,60,6,3000,1,1,1,1,1,1,1,1,1,2017,1",         // forecast before the year
            "556900-9987,2018,60,6,3000,1,1,1,1,1,1,1,1,1,2020,1",                   // unknown borrower
            "\(Self.aseleBorrower),2019,60,6,3000,\"12,3,4\",1,1,1,1,1,1,1,1,2020,", // not an amount; empty
            "\(Self.aseleBorrower),2020,60,6,3000,1,1,-1,1,1,1,1,1,1,2020,1",        // negative reserves
        ]
        try writeFile("bad.csv", Self.header + rows.joined(separator: "\n") + "\n")
        let failed = try hallbar(["import", "housing", "bad.csv", "--db", db])
        XCTAssertEqual(failed.status, 65, failed.stderr)
        for expected in [
            "bad.csv:2: column \"vacant_apartments\": 61 vacant apartments are more than the 60 apartments",
            "bad.csv:3: column \"area_m2\": \"-5\" is negative; it must be greater than 0",
            "bad.csv:4: column \"forecast_year\": 2017 is before the year 2018",
            "bad.csv:5: column \"borrower_org_no\": no borrower 556900-9987",
            "bad.csv:6: column \"book_value_sek\": \"12,3,4\" is not an amount",
            "bad.csv:6: column \"taxes_and_grants_sek\": is empty; a value is required",
            "bad.csv:7: column \"untaxed_reserves_sek\":",
            "nothing was written",
        ] {
            XCTAssertTrue(failed.stderr.contains(expected), "missing \(expected):\n\(failed.stderr)")
        }
        XCTAssertEqual(try dump(db), before, "a refused file changes nothing")
        // A missing column names the expected ones.
        try writeFile("short.csv", "borrower_org_no,year\n\(Self.aseleBorrower),2021\n")
        let short = try hallbar(["import", "housing", "short.csv", "--db", db])
        XCTAssertEqual(short.status, 65)
        XCTAssertTrue(short.stderr.contains("taxes_and_grants_sek"), short.stderr)
        XCTAssertEqual(try dump(db), before)
    }

    func testTheImportIsIdempotentAndAChangeIsARevisionOnlyWithAmend() throws {
        let db = try aseleLedger()
        let before = try dump(db)
        let again = try succeed(["import", "housing", path("housing.csv"), "--db", db])
        XCTAssertTrue(again.stdout.hasSuffix("0 new, 1 already present; nothing changed.\n"), again.stdout)
        XCTAssertEqual(try dump(db), before)

        // 64 vacant instead of 60: refused without --amend, a revision with it.
        let changed = Self.header + Self.asele.replacingOccurrences(of: ",400,60,", with: ",400,64,")
        try writeFile("changed.csv", changed)
        let refused = try hallbar(["import", "housing", "changed.csv", "--db", db])
        XCTAssertEqual(refused.status, 65)
        XCTAssertTrue(refused.stderr.contains("vacant_apartments: stored 60, file 64"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("--amend"), refused.stderr)
        XCTAssertEqual(try dump(db), before)
        let noReason = try hallbar(["import", "housing", "changed.csv", "--amend", "--db", db])
        XCTAssertEqual(noReason.status, 65, noReason.stderr)
        XCTAssertEqual(try dump(db), before)

        let amended = try succeed(["import", "housing", "changed.csv", "--amend", "--reason", "årsredovisningen rättad",
                                   "--date", "2014-05-01", "--db", db])
        XCTAssertTrue(amended.stdout.contains("1 amended"), amended.stdout)
        XCTAssertTrue(amended.stdout.contains("revision 2 (vacant_apartments 60 → 64)"), amended.stdout)
        let b = try borrower(try json(["report", "support", "--db", db, "--year", "2013", "--format", "json"]), Self.aseleBorrower)
        XCTAssertEqual(b["figures_revision"] as? Int, 2)
        // 64 − 8 = 56 surplus flats: 56 × 370 000 = 20 720 000.
        assertFigures(b["today"], ["flats": 56, "cost_ore": 2_072_000_000], "today")
        // The file written before the correction is already there (an earlier revision).
        XCTAssertTrue(try succeed(["import", "housing", path("housing.csv"), "--db", db]).stdout.contains("nothing changed"))
        let history = try succeed(["history", "housing", Self.aseleBorrower, "--year", "2013", "--db", db]).stdout
        XCTAssertTrue(history.contains("årsredovisningen rättad"), history)
        XCTAssertEqual(try hallbar(["history", "housing", Self.aseleBorrower, "--db", db]).status, 64, "the year is required (usage)")
        try succeed(["verify", "--db", db])
    }

    func testAmendHousingRecordsARevisionAndRefusesWhatTheImportRefuses() throws {
        let db = try aseleLedger()
        let before = try dump(db)
        for (options, message) in [
            (["--vacant-apartments", "401"], "--vacant-apartments: 401 vacant apartments are more than the 400 apartments"),
            (["--forecast-year", "2012"], "--forecast-year: 2012 is before the year 2013"),
            (["--area-m2", "1,5"], "--area-m2: \"1,5\" is not a whole number"),
            (["--book-value-sek", "-1"], "--book-value-sek"),
            (["--apartments", "400"], "nothing to change"),
        ] {
            let result = try hallbar(["amend", "housing", Self.aseleBorrower, "--year", "2013", "--reason", "test", "--db", db] + options)
            XCTAssertEqual(result.status, 65, "\(options): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(message), "\(options): \(result.stderr)")
        }
        XCTAssertEqual(try hallbar(["amend", "housing", Self.aseleBorrower, "--year", "2099", "--apartments", "5",
                                    "--reason", "x", "--db", db]).status, 65, "no figures for 2099")
        XCTAssertEqual(try hallbar(["amend", "housing", Self.aseleBorrower, "--year", "2013", "--reason", "x", "--db", db]).status,
                       64, "nothing to amend")
        XCTAssertEqual(try dump(db), before)

        // More apartments and more vacancies at once (each alone would break the rule), and a negative equity.
        let done = try succeed(["amend", "housing", Self.aseleBorrower, "--year", "2013", "--vacant-apartments", "420",
                                "--apartments", "500", "--equity-sek", "-1 000,50", "--reason", "fusion", "--db", db])
        XCTAssertTrue(done.stdout.contains("revision 2"), done.stdout)
        XCTAssertTrue(done.stdout.contains("equity_sek: 20\u{A0}000\u{A0}000,00\u{A0}kr → -1\u{A0}000,50\u{A0}kr"), done.stdout)
        let b = try borrower(try json(["report", "support", "--db", db, "--year", "2013", "--format", "json"]), Self.aseleBorrower)
        XCTAssertEqual(number(b["figures"], "apartments"), 500)
        XCTAssertEqual(number(b["figures"], "equity_ore"), -100_050)
        // 420 − 10 = 410 surplus flats.
        assertFigures(b["today"], ["flats": 410], "today")
        try succeed(["verify", "--db", db])
    }

    // MARK: what the borrower and its member owe

    func testOutstandingIsWhatTheBorrowerAndItsMemberOweAtTheYearsEnd() throws {
        let db = try aseleLedger()
        let other = Self.orgNo("212000135")  // another member
        try succeed(["import", "members", try writeFile("m2.csv", "org_no,name,municipality_code\n\(other),Annan kommun,2460\n"), "--db", db])
        try succeed(["import", "borrowers", try writeFile("b2.csv",
            "org_no,name,owner_org_no\n\(Self.aseleMember),Åsele kommun,\(Self.aseleMember)\n\(other),Annan kommun,\(other)\n"), "--db", db])
        try succeed(["import", "loans", try writeFile("loans.csv", """
            loan_number,borrower_org_no,programme,project_number,green_bond_eligible
            L-B,\(Self.aseleBorrower),other,,
            L-M,\(Self.aseleMember),other,,
            L-O,\(other),other,,

            """), "--db", db])
        try succeed(["import", "entries", try writeFile("entries.csv", """
            external_id,loan_number,value_date,amount_sek,kind
            E1,L-B,2012-03-01,1000000,disbursement
            E2,L-B,2013-06-01,250000,repayment
            E3,L-B,2014-01-01,100000,repayment
            E4,L-M,2013-12-31,400000,disbursement
            E5,L-M,2014-01-02,50000,disbursement
            E6,L-O,2013-01-01,999000,disbursement

            """), "--db", db])
        let report = try json(["report", "support", "--db", db, "--year", "2013", "--format", "json"])
        let b = try borrower(report, Self.aseleBorrower)
        // At 2013-12-31: the borrower 1 000 000 − 250 000; the member 400 000; the other member's loan is not theirs.
        XCTAssertEqual(number(b, "borrower_outstanding_ore"), 75_000_000)
        XCTAssertEqual(number(b, "member_outstanding_ore"), 40_000_000)
        XCTAssertEqual(number(b, "outstanding_ore"), 115_000_000)
        XCTAssertEqual(b["member_org_no"] as? String, Self.aseleMember)
        XCTAssertEqual(number(report["totals"], "outstanding_ore"), 115_000_000)
        XCTAssertEqual(report["lending_as_of"] as? String, "2013-12-31")

        // The borrower moves to the other member today: the 2013 report still counts the owner of 2013.
        try succeed(["amend", "borrower", Self.aseleBorrower, "--owner-org-no", other, "--reason", "sold", "--db", db])
        let after = try borrower(try json(["report", "support", "--db", db, "--year", "2013", "--format", "json"]), Self.aseleBorrower)
        XCTAssertEqual(after["member_org_no"] as? String, Self.aseleMember)
        XCTAssertEqual(number(after, "outstanding_ore"), 115_000_000)
    }

    // MARK: independent cases

    /// Cases of Tests/Corpus/support/reference.py (figures computed in exact fractions,
    /// independently of the Swift code), imported as housing files and reported with their
    /// parameters as flags: every figure agrees to the öre through the binary.
    func testReferenceCasesAgreeToTheÖreThroughTheBinary() throws {
        let text = try String(contentsOf: CLITestCase.packageRoot.appendingPathComponent("Tests/Corpus/support/reference_cases.csv"),
                              encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        let cases = Array(lines.dropFirst().prefix(30))
        let db = path("reference.db")
        try succeed(["init", "--db", db])
        // One municipality per company: the model takes one company per municipality and year.
        let members = cases.indices.map { Self.orgNo("21200\(String(format: "%04d", 1000 + $0))") }
        try succeed(["import", "members", try writeFile("m.csv", "org_no,name,municipality_code\n"
            + members.enumerated().map { "\($0.element),Testkommun \($0.offset)," }.joined(separator: "\n") + "\n"), "--db", db])
        let orgNos = cases.indices.map { Self.orgNo("55690\(String(format: "%04d", 1000 + $0))") }
        try succeed(["import", "borrowers", try writeFile("b.csv", "org_no,name,owner_org_no\n"
            + orgNos.enumerated().map { "\($0.element),Bolag \($0.offset),\(members[$0.offset])" }.joined(separator: "\n") + "\n"), "--db", db])
        let fields = Array(header.prefix(15))
        XCTAssertEqual("borrower_org_no," + fields.joined(separator: ",") + "\n", Self.header)
        try succeed(["import", "housing", try writeFile("cases.csv", Self.header
            + zip(orgNos, cases).map { ([$0] + Array($1.prefix(15))).joined(separator: ",") }.joined(separator: "\n") + "\n"), "--db", db])

        let parameterNames = Array(header[15..<23])
        let keys: [(reference: String, step: String, key: String)] = [
            ("today.flats", "today", "flats"), ("today.release", "today", "release_ore"), ("today.writedown", "today", "writedown_ore"),
            ("today.cost", "today", "cost_ore"), ("today.capacity", "today", "capacity_ore"), ("today.cap", "today", "municipality_cap_ore"),
            ("today.company", "today", "company_ore"), ("today.municipality", "today", "municipality_ore"), ("today.state", "today", "state_ore"),
            ("future.flats", "future", "flats"), ("future.cost", "future", "cost_ore"), ("future.savings", "future", "savings_ore"),
            ("future.company", "future", "company_ore"), ("future.municipality", "future", "municipality_ore"),
            ("future.state", "future", "state_ore"), ("market.flats", "market", "flats"),
            ("market.operating_cost", "market", "operating_cost_ore"), ("market.net_income", "market", "net_income_ore"),
            ("market.market_value", "market", "market_value_ore"), ("market.book_value", "market", "book_value_ore"),
            ("market.writedown_need", "market", "writedown_need_ore"), ("market.company", "market", "company_ore"),
            ("market.municipality", "market", "municipality_ore"), ("market.state", "market", "state_ore"),
        ]
        var compared = 0
        for (index, row) in cases.enumerated() {
            let value = Dictionary(uniqueKeysWithValues: zip(header, row))
            let flags = parameterNames.flatMap { ["--\($0)", value[$0]!] }
            let report = try json(["report", "support", "--db", db, "--year", value["year"]!, "--format", "json"] + flags)
            let b = try borrower(report, orgNos[index])
            for key in keys {
                XCTAssertEqual(number(b[key.step], key.key), Int64(value[key.reference]!), "case \(index + 2): \(key.reference)")
                compared += 1
            }
        }
        XCTAssertEqual(compared, 30 * keys.count)
    }

    // MARK: formats, seeds, the chain

    func testEveryFormatInBothLanguagesAndTheWorkbookHasTheFiguresOfTheJSON() throws {
        let db = try seededWithHallbar()
        let report = try json(["report", "support", "--db", db, "--year", "2025", "--format", "json"])
        let borrowers = try XCTUnwrap(report["borrowers"] as? [[String: Any]])
        XCTAssertEqual(borrowers.map { $0["borrower_org_no"] as? String }, ["212000-2429", "212000-9085", "556900-1091"])
        for format in ["table", "csv", "csv-excel", "json", "md", "html"] {
            for lang in ["sv", "en"] {
                let result = try succeed(["report", "support", "--db", db, "--year", "2025", "--format", format, "--lang", lang])
                XCTAssertTrue(result.stdout.contains(["html", "md"].contains(format) ? "Ånge Fastighets &amp; Industri AB" : "Ånge Fastighets & Industri AB"),
                              "\(format) \(lang)")
                if format == "html" { XCTAssertEqual(try htmlProblems(result.stdout), "", lang) }
                if ["table", "md", "html"].contains(format) {
                    XCTAssertTrue(result.stdout.contains(lang == "sv" ? "Huvudbokens hash: sha256:" : "Ledger head: sha256:"), result.stdout)
                }
            }
        }
        // The workbook, as openpyxl reads it: a row per borrower and step, amounts in kronor.
        let book = path("support.xlsx")
        try succeed(["report", "support", "--db", db, "--year", "2025", "--format", "xlsx", "--out", book])
        let script = """
            import sys, json, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            print(json.dumps({ws.title: [[c.value for c in r] for r in ws.iter_rows()] for ws in wb.worksheets}, default=str))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, book]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "openpyxl could not read the workbook")
        let sheets = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: [[Any]]])
        XCTAssertEqual(Set(sheets.keys), ["Stödbehov 2025", "Antaganden", "Om rapporten"])
        let rows = try XCTUnwrap(sheets["Stödbehov 2025"])
        let header = try XCTUnwrap(rows.first as? [String])
        XCTAssertEqual(header.first, "Org.nr")
        let keyColumn = try XCTUnwrap(header.firstIndex(of: "Nyckel"))
        func kronor(_ value: Any) -> Int64? { (value as? NSNumber).map { Int64(($0.doubleValue * 100).rounded()) } }
        for b in borrowers {
            for step in ["today", "future", "market"] {
                let row = try XCTUnwrap(rows.first { $0.first as? String == b["borrower_org_no"] as? String && $0[keyColumn] as? String == step })
                let figures = try XCTUnwrap(b[step] as? [String: Any])
                XCTAssertEqual(kronor(row[header.firstIndex(of: "Bolaget (kr)")!]), (figures["company_ore"] as? NSNumber)?.int64Value)
                XCTAssertEqual(kronor(row[header.firstIndex(of: "Kommunen (kr)")!]), (figures["municipality_ore"] as? NSNumber)?.int64Value)
                XCTAssertEqual(kronor(row[header.firstIndex(of: "Staten (kr)")!]), (figures["state_ore"] as? NSNumber)?.int64Value)
                XCTAssertEqual((row[header.firstIndex(of: "Lägenheter")!] as? NSNumber)?.int64Value, (figures["flats"] as? NSNumber)?.int64Value)
                XCTAssertEqual(kronor(row[header.firstIndex(of: "Skuld (kr)")!]), (b["outstanding_ore"] as? NSNumber)?.int64Value)
            }
        }
        let assumptions = try XCTUnwrap(sheets["Antaganden"])
        XCTAssertEqual((assumptions.first { $0.last as? String == "yield_percent" }?[1] as? NSNumber)?.intValue, 8)
        XCTAssertEqual((assumptions.first { $0.last as? String == "cost_per_flat_ore" }?[1] as? NSNumber)?.intValue, 70_000)
    }

    /// The HTML printed by headless Chromium: A4 landscape, and every column of the three
    /// step tables on the page (in portrait the state's column of step 1 fell off the page).
    /// Skipped where chromium or poppler's pdftotext is not installed (`make report-preview`
    /// installs both).
    func testTheHTMLPrintsOnA4WithEveryColumn() throws {
        guard try runShell("command -v chromium && command -v pdftotext && command -v pdfinfo").status == 0 else {
            throw XCTSkip("chromium and poppler-utils are not installed")
        }
        let db = try seededWithHallbar()
        try succeed(["report", "support", "--db", db, "--year", "2025", "--format", "html", "--out", path("support.html")])
        let printed = try runShell("timeout 120 chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer "
            + "--print-to-pdf=support.pdf support.html")
        XCTAssertEqual(printed.status, 0, "chromium could not print the report")
        XCTAssertTrue(try runShell("pdfinfo support.pdf").output.contains("841.92 x 594.96 pts (A4)"), "A4 landscape")
        let text = plain(try runShell("pdftotext -layout support.pdf -").output)
        XCTAssertEqual(text.components(separatedBy: "Staten (kr)").count - 1, 3, text)
        for figure in ["59 551 325,87", "34 570 422,96", "171 125 584,64", "Huvudbokens hash: sha256:"] {
            XCTAssertTrue(text.contains(figure), "\(figure) is not on the printed pages")
        }
    }

    func testTheSeedLoadsTheHousingFiguresOfSeedsReadme() throws {
        let db = try seededWithHallbar()
        let report = try json(["report", "support", "--db", db, "--year", "2025", "--format", "json"])
        // Seeds/README.md: Ånge 2025 today 55 flats, 20 137 292,82 borne by the company; Kramfors
        // today 393 092,73 / 59 551 325,87 / 0; Sollefteå until 2035 87 flats, 23 239 038,46.
        let ange = try borrower(report, "556900-1091")
        assertFigures(ange["today"], ["flats": 55, "cost_ore": 2_013_729_282, "company_ore": 2_013_729_282, "state_ore": 0], "Ånge today")
        assertFigures(ange["market"], ["market_value_ore": 24_566_937_500, "writedown_need_ore": 604_333_218,
                                       "company_ore": 536_436_218, "municipality_ore": 67_897_000], "Ånge market")
        let kramfors = try borrower(report, "212000-2429")
        assertFigures(kramfors["today"], ["company_ore": 39_309_273, "municipality_ore": 5_955_132_587, "state_ore": 0], "Kramfors")
        assertFigures(kramfors["future"], ["state_ore": 3_457_042_296], "Kramfors future")
        let solleftea = try borrower(report, "212000-9085")
        assertFigures(solleftea["future"], ["flats": 87, "cost_ore": 2_323_903_846], "Sollefteå future")
        XCTAssertEqual(number(solleftea, "outstanding_ore"), 0, "Sollefteå owes nothing in the seeds")
        XCTAssertEqual(ange["market_class"] as? String, "very_weak")
        XCTAssertEqual(ange["member_org_no"] as? String, "212000-9051")
        // A year without figures is an empty report, not an error.
        let empty = try json(["report", "support", "--db", db, "--year", "2019", "--format", "json"])
        XCTAssertEqual((empty["borrowers"] as? [Any])?.count, 0)
        XCTAssertEqual(number((empty["totals"] as? [String: Any])?["today"], "cost_ore"), 0)
        XCTAssertTrue(try succeed(["report", "support", "--db", db, "--year", "2019"]).stdout.contains("Inga uppgifter om bostadsbolag för 2019"))
    }

    func testVerifyFindsAChangedHousingRow() throws {
        let db = try aseleLedger()
        try succeed(["verify", "--db", db])
        let changed = try sqlite3(db, "DROP TRIGGER housing_company_years_no_update; UPDATE housing_company_years SET vacant_apartments = 10;")
        XCTAssertEqual(changed.status, 0, changed.stderr)
        let result = try hallbar(["verify", "--db", db])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stdout.contains("chain: housing_company_years row \(Self.aseleBorrower)/2013"), result.stdout + result.stderr)
    }
}
