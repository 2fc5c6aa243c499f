import Foundation
import XCTest

/// `import bonds|metrics|factors`, `report allocation` and `report impact` through the built
/// binary, on a small ledger whose every figure is computed by hand below (domain.md,
/// "Allocation and impact"), and on the seeds (Seeds/README.md's table).
///
/// The small ledger (one borrower, Botkyrka kommun; amounts in mnkr):
///
///     project  category                  approved  total cost  loans (green_bond_eligible)
///     101      renewable_energy          100       200         G1 (true), G3 (true) until 2024-06-01
///     102      environmental_management   60        60         G2 (true)
///     103      green_buildings            30        30         G3 from 2024-06-01 (amend loan --project 103)
///     104      clean_transport            40        –          G4 (true)
///     1        social, Boende …           30        –          S1
///
///     entries: G1 +60 2023-03-01, −10 2024-03-01; G2 +30 2023-06-01, +20 2024-02-01;
///              G3 +40 2023-04-01; G4 +20 2024-05-01; S1 +25 2024-01-15
///     bonds:   X1 green 50, 2023-01-01 → 2024-12-31 (matures on the as-of date)
///              X2 green 70, 2023-06-01 → 2027-06-01;  X3 social 20, 2024-01-01 → 2026-01-01
///     factors: electricity 315 g/kWh from 2019-01-01, 191 from 2024-06-01
class AllocationCLITestsBase: ReportCLITestCase {
    static let isin1 = "XS1968465572", isin2 = "XS2259127269", isin3 = "XS2351401109"

    /// Imports the small ledger with `hallbar import` (and the one amendment), returns its path.
    func handLedger(metrics: Bool = true) throws -> String {
        let db = path("hand.db")
        try succeed(["init", "--db", db])
        let files: [(String, String)] = [
            ("members", "org_no,name,municipality_code\n212000-2882,Botkyrka kommun,0127\n"),
            ("borrowers", "org_no,name,owner_org_no\n212000-2882,Botkyrka kommun,212000-2882\n"),
            ("projects", """
                project_number,programme,borrower_org_no,title,category,investment_type,approved_sek,decision_date,status,total_cost_sek,framework_version,basic_requirements
                101,green,212000-2882,Solpark,renewable_energy,,100000000,2023-01-10,approved,200000000,2022,
                102,green,212000-2882,Sanering,environmental_management,,60000000,2023-01-10,approved,60000000,2022,
                103,green,212000-2882,Skola i trä,green_buildings,,40000000,2023-01-10,approved,40000000,2022,
                104,green,212000-2882,Laddstolpar,clean_transport,,40000000,2023-01-10,approved,,2022,
                1,social,212000-2882,Trygghet,Boende och boendemiljöer,1,30000000,2023-02-01,approved,,,5/5

                """),
            ("loans", """
                loan_number,borrower_org_no,programme,project_number,green_bond_eligible
                G1,212000-2882,green,101,true
                G2,212000-2882,green,102,true
                G3,212000-2882,green,101,true
                G4,212000-2882,green,104,true
                S1,212000-2882,social,1,

                """),
            ("entries", """
                external_id,loan_number,value_date,amount_sek,kind
                E1,G1,2023-03-01,60000000,disbursement
                E2,G1,2024-03-01,10000000,repayment
                E3,G2,2023-06-01,30000000,disbursement
                E4,G2,2024-02-01,20000000,disbursement
                E5,G3,2023-04-01,40000000,disbursement
                E6,G4,2024-05-01,20000000,disbursement
                E7,S1,2024-01-15,25000000,disbursement

                """),
            ("bonds", """
                isin,programme,issue_date,maturity_date,amount_sek,currency,amount_original
                \(Self.isin1),green,2023-01-01,2024-12-31,50000000,,
                \(Self.isin2),grön,2023-06-01,2027-06-01,70 000 000,,
                \(Self.isin3),social,2024-01-01,2026-01-01,20000000,EUR,1800000

                """),
            ("factors", """
                name,valid_from,g_per_kwh,source
                electricity,2019-01-01,315,Nordic Position Paper 2019
                electricity,2024-06-01,191,Nordic Position Paper (updated)

                """),
        ]
        for (kind, text) in files {
            try succeed(["import", kind, try writeFile("\(kind).csv", text), "--db", db])
        }
        // G3 was recorded against the wrong project: corrected from its first entry (a loan moves
        // to another project only from before its first entry, so every view agrees).
        try succeed(["amend", "loan", "G3", "--project", "103", "--reason", "recorded against the wrong project", "--date", "2023-04-01",
                     "--db", db])
        if metrics {
            try succeed(["import", "metrics", try writeFile("metrics.csv", """
                project_number,year,metric,basis,value
                101,2023,renewable_generation_mwh,expected,1000
                101,2024,renewable_generation_mwh,expected,1000
                101,2024,renewable_generation_mwh,actual,800
                102,2024,ghg_avoided_tco2e,actual,10
                103,2024,energy_saved_mwh,expected,500
                104,2024,ghg_avoided_tco2e,expected,7

                """), "--db", db])
        }
        return db
    }

    func programme(_ object: [String: Any], _ name: String) throws -> [String: Any] {
        let programmes = try XCTUnwrap(object["programmes"] as? [[String: Any]])
        return try XCTUnwrap(programmes.first { $0["programme"] as? String == name })
    }

    func int(_ value: Any?) -> Int64? { (value as? NSNumber)?.int64Value }
    func double(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }
    static let mnkr: Int64 = 100_000_000

    /// Every sheet of an xlsx file as read by openpyxl: name → rows of cell values.
    func workbook(_ file: String) throws -> [String: [[Any]]] {
        let script = """
            import json, sys, datetime, openpyxl
            book = openpyxl.load_workbook(sys.argv[1])
            out = {}
            for ws in book.worksheets:
                out[ws.title] = [[(v.isoformat() if isinstance(v, (datetime.date, datetime.datetime)) else v) for v in row]
                                 for row in ws.iter_rows(values_only=True)]
            print(json.dumps(out))
            """
        let result = try python(script, [file])
        XCTAssertEqual(result.status, 0, result.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: [[Any]]])
    }

    /// Runs `python3 -c script arguments…` in this test's folder.
    func python(_ script: String, _ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}

final class AllocationCLITests: AllocationCLITestsBase {
    func testAllocationHandComputed() throws {
        let db = try handLedger(metrics: false)
        let end = try json(["report", "allocation", "--db", db, "--as-of", "2024-12-31", "--format", "json"])
        XCTAssertEqual(end["as_of"] as? String, "2024-12-31")
        let green = try programme(end, "green")
        for key in ["programme", "eligible_pool_ore", "bonds_outstanding_ore", "headroom_ore", "allocation_ratio", "categories",
                    "environmental_management_share"] {
            XCTAssertNotNil(green[key], "report allocation: green lacks \(key)")
        }
        // Pool: G1 50 + G2 50 + G3 40 + G4 20 = 160. X1 matures on 2024-12-31, so only X2 (70) is outstanding.
        XCTAssertEqual(int(green["eligible_pool_ore"]), 160 * Self.mnkr)
        XCTAssertEqual(int(green["bonds_outstanding_ore"]), 70 * Self.mnkr)
        XCTAssertEqual(int(green["headroom_ore"]), 90 * Self.mnkr)
        XCTAssertEqual(double(green["allocation_ratio"]), 0.4375)
        XCTAssertEqual(green["over_allocated"] as? Bool, false)
        // Environmental management: G2 50 of the pool of 160 = 31,25 %, above the 30 % cap.
        XCTAssertEqual(double(green["environmental_management_share"]), 0.3125)
        XCTAssertEqual(green["environmental_management_above_cap"] as? Bool, true)
        let categories = try XCTUnwrap(green["categories"] as? [[String: Any]])
        XCTAssertEqual(categories.map { $0["category"] as? String },
                       ["renewable_energy", "green_buildings", "clean_transport", "environmental_management"])
        for category in categories {
            XCTAssertEqual(Set(category.keys).isSuperset(of: ["category", "projects", "approved_ore", "disbursed_ore", "outstanding_ore",
                                                              "share", "new_financing_ore", "refinancing_ore"]), true)
        }
        // (projects, approved, disbursed, outstanding, share, new financing, refinancing) in mnkr;
        // G3 counts under 103, its project in force on the date, with everything it disbursed.
        let expected: [(Int64, Int64, Int64, Int64, Double, Int64, Int64)] = [
            (1, 100, 60, 50, 0.3125, 0, 60), (1, 40, 40, 40, 0.25, 0, 40), (1, 40, 20, 20, 0.125, 20, 0), (1, 60, 50, 50, 0.3125, 20, 30),
        ]
        for (category, e) in zip(categories, expected) {
            XCTAssertEqual(int(category["projects"]), e.0, "\(category)")
            XCTAssertEqual(int(category["approved_ore"]), e.1 * Self.mnkr, "\(category)")
            XCTAssertEqual(int(category["disbursed_ore"]), e.2 * Self.mnkr, "\(category)")
            XCTAssertEqual(int(category["outstanding_ore"]), e.3 * Self.mnkr, "\(category)")
            XCTAssertEqual(double(category["share"]), e.4, "\(category)")
            XCTAssertEqual(int(category["new_financing_ore"]), e.5 * Self.mnkr, "\(category)")
            XCTAssertEqual(int(category["refinancing_ore"]), e.6 * Self.mnkr, "\(category)")
        }
        let social = try programme(end, "social")
        XCTAssertEqual(int(social["eligible_pool_ore"]), 25 * Self.mnkr)
        XCTAssertEqual(int(social["bonds_outstanding_ore"]), 20 * Self.mnkr)
        XCTAssertEqual(int(social["headroom_ore"]), 5 * Self.mnkr)
        XCTAssertEqual(double(social["allocation_ratio"]), 0.8)
        XCTAssertNil(social["environmental_management_share"])

        // The day before X1 matures it is outstanding: bonds 120, headroom 40, ratio 75 %.
        let dayBefore = try programme(try json(["report", "allocation", "--db", db, "--as-of", "2024-12-30", "--format", "json"]), "green")
        XCTAssertEqual(int(dayBefore["bonds_outstanding_ore"]), 120 * Self.mnkr)
        XCTAssertEqual(int(dayBefore["headroom_ore"]), 40 * Self.mnkr)
        XCTAssertEqual(double(dayBefore["allocation_ratio"]), 0.75)

        // 2023-02-01: X1 (50) issued, nothing disbursed yet: headroom −50, over-allocated, flagged in words.
        let early = try programme(try json(["report", "allocation", "--db", db, "--as-of", "2023-02-01", "--format", "json"]), "green")
        XCTAssertEqual(int(early["eligible_pool_ore"]), 0)
        XCTAssertEqual(int(early["headroom_ore"]), -50 * Self.mnkr)
        XCTAssertEqual(early["over_allocated"] as? Bool, true)
        XCTAssertTrue(early["allocation_ratio"] is NSNull, "no ratio of an empty pool")
        let text = plain(try succeed(["report", "allocation", "--db", db, "--as-of", "2023-02-01"]).stdout)
        XCTAssertTrue(text.contains("ÖVERALLOKERING (grön)"), text)
        XCTAssertTrue(text.contains("-50 mnkr"), text)
        let english = plain(try succeed(["report", "allocation", "--db", db, "--as-of", "2024-12-31", "--lang", "en"]).stdout)
        XCTAssertTrue(english.contains("ABOVE THE CAP: environmental management is 31.3% of the green pool"), english)
        XCTAssertTrue(english.contains("New financing: disbursed 2024-01-01 to 2024-12-31"), english)

        // As of 2023-12-31 G3 finances 103 too (corrected from the start): renewable energy 60, G1 alone.
        let before = try programme(try json(["report", "allocation", "--db", db, "--as-of", "2023-12-31", "--format", "json"]), "green")
        let renewable = try XCTUnwrap((before["categories"] as? [[String: Any]])?.first { $0["category"] as? String == "renewable_energy" })
        XCTAssertEqual(int(renewable["outstanding_ore"]), 60 * Self.mnkr)
        XCTAssertEqual(int(renewable["new_financing_ore"]), 60 * Self.mnkr, "disbursed in 2023: new financing as of 2023-12-31")
        // A move after the loan's first entry is refused: new financing of another project is a new loan.
        let moved = try hallbar(["amend", "loan", "G1", "--project", "103", "--reason", "r", "--date", "2024-06-01", "--db", db])
        XCTAssertEqual(moved.status, 65, moved.stderr)
        XCTAssertTrue(moved.stderr.contains("loan G1 has entries from 2023-03-01"), moved.stderr)

        // A reversed disbursement and a reversed repayment on G4 change nothing: disbursed and
        // new financing stay 20 (the query takes reversals out by their sign, see AllocationQuery).
        for command in [["disburse", "--loan", "G4", "--date", "2024-07-01", "--amount", "5000000", "--id", "D9"],
                        ["reverse", "--entry", "D9", "--reason", "wrong loan"],
                        ["repay", "--loan", "G4", "--date", "2024-08-01", "--amount", "1000000", "--id", "R9"],
                        ["reverse", "--entry", "R9", "--reason", "not paid"],
                        ["disburse", "--loan", "G4", "--date", "2023-12-01", "--amount", "2000000", "--id", "D8"],
                        ["reverse", "--entry", "D8", "--reason", "duplicate"]] {
            try succeed(command + ["--db", db])
        }
        let reversed = try programme(try json(["report", "allocation", "--db", db, "--as-of", "2024-12-31", "--format", "json"]), "green")
        let transport = try XCTUnwrap((reversed["categories"] as? [[String: Any]])?.first { $0["category"] as? String == "clean_transport" })
        XCTAssertEqual(int(transport["outstanding_ore"]), 20 * Self.mnkr)
        XCTAssertEqual(int(transport["disbursed_ore"]), 20 * Self.mnkr)
        XCTAssertEqual(int(transport["new_financing_ore"]), 20 * Self.mnkr)
        XCTAssertEqual(int(transport["refinancing_ore"]), 0)

        // A buy-back recorded as an amendment from 2024-07-01: the allocation before that date
        // still counts the bond as it stood.
        try succeed(["amend", "bond", Self.isin2, "--amount-sek", "60000000", "--reason", "buy-back", "--date", "2024-07-01", "--db", db])
        let after = try programme(try json(["report", "allocation", "--db", db, "--as-of", "2024-12-31", "--format", "json"]), "green")
        XCTAssertEqual(int(after["bonds_outstanding_ore"]), 60 * Self.mnkr)
        let june = try programme(try json(["report", "allocation", "--db", db, "--as-of", "2024-06-30", "--format", "json"]), "green")
        XCTAssertEqual(int(june["bonds_outstanding_ore"]), 120 * Self.mnkr)
        let history = try json(["history", "bond", Self.isin2, "--db", db, "--format", "json"])
        XCTAssertEqual((history["revisions"] as? [Any])?.count, 2)
        try succeed(["verify", "--db", db])
    }

    func testImpactHandComputed() throws {
        let db = try handLedger()
        let report = try json(["report", "impact", "--db", db, "--year", "2024", "--format", "json"])
        XCTAssertEqual(int(report["year"]), 2024)
        XCTAssertEqual(double(report["factor_g_per_kwh"]), 191, "the factor in force on 2024-12-31")
        let projects = try XCTUnwrap(report["projects"] as? [[String: Any]])
        XCTAssertEqual(projects.map { int($0["project_number"]) }, [101, 103, 104, 102])
        func project(_ number: Int64) throws -> [String: Any] { try XCTUnwrap(projects.first { int($0["project_number"]) == number }) }
        func metrics(_ number: Int64) throws -> [[String: Any]] { try XCTUnwrap(try project(number)["metrics"] as? [[String: Any]]) }
        for p in projects {
            XCTAssertTrue(Set(p.keys).isSuperset(of: ["project_number", "category", "share_financed", "metrics"]))
            for m in p["metrics"] as? [[String: Any]] ?? [] {
                XCTAssertTrue(Set(m.keys).isSuperset(of: ["metric", "basis", "value", "attributed", "derived"]))
            }
        }
        // 101: outstanding G1 50 of a total cost of 200 → 0,25. The actual 800 MWh is used, not
        // the expected 1 000; 800 MWh × 191 g/kWh ÷ 1 000 = 152,8 t derived, 38,2 t attributed.
        XCTAssertEqual(double(try project(101)["share_financed"]), 0.25)
        let m101 = try metrics(101)
        XCTAssertEqual(m101.count, 2)
        XCTAssertEqual(m101[0]["metric"] as? String, "renewable_generation_mwh")
        XCTAssertEqual(m101[0]["basis"] as? String, "actual")
        XCTAssertEqual(double(m101[0]["value"]), 800)
        XCTAssertEqual(double(m101[0]["attributed"]), 200)
        XCTAssertEqual(m101[0]["derived"] as? Bool, false)
        XCTAssertEqual(m101[1]["metric"] as? String, "ghg_avoided_tco2e")
        XCTAssertEqual(m101[1]["derived"] as? Bool, true)
        XCTAssertEqual(double(m101[1]["value"]), 152.8)
        XCTAssertEqual(double(m101[1]["attributed"]), 38.2)
        // 103: G3's 40 outstanding against a total cost of 40: share 1.
        XCTAssertEqual(double(try project(103)["share_financed"]), 1)
        XCTAssertEqual(double(try metrics(103)[1]["attributed"]), 95.5, "500 MWh × 191 ÷ 1 000 × 1")
        // 104: no total cost: shown, not attributed.
        XCTAssertTrue(try project(104)["share_financed"] is NSNull)
        XCTAssertTrue(try metrics(104)[0]["attributed"] is NSNull)
        XCTAssertEqual(double(try metrics(104)[0]["value"]), 7)
        // 102: 50 of 60 → 5/6; 10 t × 5/6 = 8,3333333 t (rounded at 10⁻⁷).
        XCTAssertEqual(try XCTUnwrap(double(try project(102)["share_financed"])), 0.833333, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(double(try metrics(102)[0]["attributed"])), 8.3333333, accuracy: 1e-9)

        let categories = try XCTUnwrap(report["categories"] as? [[String: Any]])
        XCTAssertEqual(categories.map { $0["category"] as? String },
                       ["renewable_energy", "green_buildings", "clean_transport", "environmental_management"])
        for c in categories { XCTAssertTrue(Set(c.keys).isSuperset(of: ["category", "attributed", "ghg_per_mnkr", "coverage"])) }
        func category(_ name: String) throws -> [String: Any] { try XCTUnwrap(categories.first { $0["category"] as? String == name }) }
        XCTAssertEqual(double((try category("renewable_energy")["attributed"] as? [String: Any])?["ghg_avoided_tco2e"]), 38.2)
        XCTAssertEqual(double(try category("renewable_energy")["ghg_per_mnkr"]), 0.764, "38,2 t ÷ 50 mnkr")
        XCTAssertEqual(double(try category("green_buildings")["ghg_per_mnkr"]), 2.3875, "95,5 t ÷ 40 mnkr")
        XCTAssertEqual(double(try category("clean_transport")["coverage"]), 0, "its only project has no total cost")
        XCTAssertTrue(try category("clean_transport")["ghg_per_mnkr"] is NSNull)
        let total = try XCTUnwrap(report["total"] as? [String: Any])
        // Covered: 50 + 40 + 50 of 160 = 87,5 %; tCO2e 38,2 + 95,5 + 8,3333333 = 142,0333333 → ÷ 160 mnkr.
        XCTAssertEqual(double(total["coverage"]), 0.875)
        XCTAssertEqual(try XCTUnwrap(double((total["attributed"] as? [String: Any])?["ghg_avoided_tco2e"])), 142.0333333, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(double(total["ghg_per_mnkr"])), 0.8877083, accuracy: 1e-9)

        // 2023 under the factor of its year's end (315) and restated under today's (191):
        // 101 alone has a metric, 1 000 MWh expected, share 60 ÷ 200 (G1 60; G3 is 103's).
        let restated = try json(["report", "impact", "--db", db, "--year", "2023", "--restate", "--format", "json"])
        XCTAssertEqual(double(restated["factor_g_per_kwh"]), 315)
        let published = try XCTUnwrap(restated["total"] as? [String: Any])
        XCTAssertEqual(double((published["attributed"] as? [String: Any])?["ghg_avoided_tco2e"]), 94.5)
        XCTAssertEqual(try XCTUnwrap(double(published["ghg_per_mnkr"])), 0.7269231, accuracy: 1e-9, "94,5 t ÷ 130 mnkr")
        XCTAssertEqual(try XCTUnwrap(double(published["coverage"])), 0.461538, accuracy: 1e-9, "60 of 130 mnkr")
        let today = try XCTUnwrap(restated["restated"] as? [String: Any])
        XCTAssertEqual(double(today["factor_g_per_kwh"]), 191)
        XCTAssertNotNil(today["projects"])
        XCTAssertNotNil(today["categories"])
        let todayTotal = try XCTUnwrap(today["total"] as? [String: Any])
        XCTAssertEqual(double((todayTotal["attributed"] as? [String: Any])?["ghg_avoided_tco2e"]), 57.3)
        XCTAssertEqual(try XCTUnwrap(double(todayTotal["ghg_per_mnkr"])), 0.4407692, accuracy: 1e-9, "57,3 t ÷ 130 mnkr")
        XCTAssertNil(try json(["report", "impact", "--db", db, "--year", "2023", "--format", "json"])["restated"])
        // The table says which values are expected or actual and which are derived.
        let text = plain(try succeed(["report", "impact", "--db", db, "--year", "2024"]).stdout)
        for expected in ["utfall", "förväntat", "härlett ur förnybar energiproduktion", "ingen total kostnad", "87,5 %", "191 g CO2e/kWh",
                         "38 tCO2e", "142 tCO2e"] {
            XCTAssertTrue(text.contains(expected), "missing \(expected) in\n\(text)")
        }
        let side = plain(try succeed(["report", "impact", "--db", db, "--year", "2023", "--restate", "--lang", "en"]).stdout)
        XCTAssertTrue(side.contains("Restated, attributed"), side)
        XCTAssertTrue(side.contains("95 tCO2e") && side.contains("57 tCO2e"), side)
    }

    /// Impact metrics only for the years a project was approved or completed (docs/import.md,
    /// "metrics"): not for a rejected project, not for a year before the decision, and for a
    /// withdrawn project only up to the year of its withdrawal; at import, at `amend metric`, and
    /// when a status amendment would leave recorded metrics outside those years.
    func testMetricsOnlyForTheYearsAProjectWasApproved() throws {
        let db = try handLedger()
        try succeed(["import", "projects", try writeFile("more-projects.csv", """
            project_number,programme,borrower_org_no,title,category,investment_type,approved_sek,decision_date,status,total_cost_sek,framework_version,basic_requirements
            14,green,212000-2882,Avslaget,clean_transport,,40000000,2022-05-10,rejected,50000000,2022,
            15,green,212000-2882,Återkallat,clean_transport,,40000000,2022-05-10,approved,50000000,2022,

            """), "--db", db])
        try succeed(["amend", "project", "15", "--status", "withdrawn", "--reason", "the borrower withdrew", "--date", "2023-07-01",
                     "--db", db])
        let before = try dump(db)
        func refused(_ rows: String, line: Int, column: String, _ words: String, file: StaticString = #filePath, at: UInt = #line) throws {
            let csv = try writeFile("refused.csv", "project_number,year,metric,basis,value\n" + rows)
            for extra in [[], ["--amend", "--reason", "late"]] {
                let result = try hallbar(["import", "metrics", csv, "--db", db] + extra)
                XCTAssertEqual(result.status, 65, result.stderr, file: file, line: at)
                XCTAssertTrue(result.stderr.contains("refused.csv:\(line): column \"\(column)\": "), result.stderr, file: file, line: at)
                XCTAssertTrue(result.stderr.contains(words), result.stderr, file: file, line: at)
                XCTAssertEqual(try dump(db), before, "nothing written", file: file, line: at)
            }
        }
        try refused("14,2024,ghg_avoided_tco2e,actual,5\n", line: 2, column: "project_number", "project 14 is rejected")
        try refused("101,2023,ghg_avoided_tco2e,actual,5\n101,2018,ghg_avoided_tco2e,actual,5\n", line: 3, column: "year",
                    "2018 is before project 101 was decided (2023-01-10)")
        try refused("101,2022,energy_saved_mwh,expected,5\n", line: 2, column: "year", "2022 is before project 101 was decided")
        try refused("15,2024,ghg_avoided_tco2e,actual,5\n", line: 2, column: "year", "project 15 was withdrawn on 2023-07-01, before 2024 began")
        // The withdrawn project's years while it was approved stay allowed: 2022 and 2023 (until 30 June).
        try succeed(["import", "metrics", try writeFile("withdrawn.csv", """
            project_number,year,metric,basis,value
            15,2022,ghg_avoided_tco2e,actual,4
            15,2023,ghg_avoided_tco2e,actual,2

            """), "--db", db])
        let impact = try json(["report", "impact", "--db", db, "--year", "2023", "--format", "json"])
        XCTAssertTrue((impact["projects"] as? [[String: Any]] ?? []).contains { int($0["project_number"]) == 15 })
        XCTAssertFalse((impact["projects"] as? [[String: Any]] ?? []).contains { int($0["project_number"]) == 14 })

        // A withdrawal dated before a year the project has metrics for is refused.
        let unchanged = try dump(db)
        let early = try hallbar(["amend", "project", "101", "--status", "withdrawn", "--reason", "x", "--date", "2023-06-01", "--db", db])
        XCTAssertEqual(early.status, 65, early.stderr)
        XCTAssertTrue(early.stderr.contains("project 101 was withdrawn on 2023-06-01, before 2024 began"), early.stderr)
        XCTAssertTrue(early.stderr.contains("project 101 has impact metrics for 2024"), early.stderr)
        let rejected = try hallbar(["amend", "project", "15", "--status", "rejected", "--reason", "x", "--date", "2024-01-01", "--db", db])
        XCTAssertEqual(rejected.status, 65, rejected.stderr)
        XCTAssertTrue(rejected.stderr.contains("project 15 is rejected"), rejected.stderr)
        XCTAssertEqual(try dump(db), unchanged)
        // Withdrawn from 2025 on: the metrics of 2023 and 2024 are years it was approved.
        try succeed(["amend", "project", "101", "--status", "withdrawn", "--reason", "sold", "--date", "2025-01-01", "--db", db])

        // A metric recorded before this rule (written past hallbar here) cannot be amended.
        let legacy = try sqlite3(db, """
            INSERT INTO impact_metrics (seq, project_number, year, metric, basis, value, recorded_at, recorded_by, chain_hash)
            VALUES ((SELECT max(seq) FROM ledger_chain) + 1, 14, 2024, 'ghg_avoided_tco2e', 'actual', '5',
                    '2024-01-01T00:00:00.000Z', 'sqlite3', zeroblob(32));
            """)
        XCTAssertEqual(legacy.status, 0, legacy.stderr)
        let written = try dump(db)
        let amend = try hallbar(["amend", "metric", "14", "--year", "2024", "--metric", "ghg_avoided_tco2e", "--basis", "actual",
                                 "--value", "6", "--reason", "corrected", "--db", db])
        XCTAssertEqual(amend.status, 65, amend.stderr)
        XCTAssertTrue(amend.stderr.contains("project 14 is rejected"), amend.stderr)
        XCTAssertEqual(try dump(db), written)
    }

    /// A bond's currency is an ISO 4217 code (`CurrencyCode`), at `amend bond` as at import.
    func testAmendBondTakesOnlyISOCurrencies() throws {
        let db = try handLedger(metrics: false)
        let before = try dump(db)
        let bad = try hallbar(["amend", "bond", Self.isin3, "--currency", "ZZZ", "--reason", "typo", "--db", db])
        XCTAssertEqual(bad.status, 65, bad.stderr)
        XCTAssertTrue(bad.stderr.contains("--currency") && bad.stderr.contains("\"ZZZ\" is not an ISO 4217 currency code"), bad.stderr)
        XCTAssertEqual(try dump(db), before)
        try succeed(["amend", "bond", Self.isin3, "--currency", " usd ", "--amount-original", "2000000", "--reason", "was USD",
                     "--date", "2024-02-01", "--db", db])
        let bond = try XCTUnwrap(try json(["list", "bonds", "--db", db, "--as-of", "2024-12-31", "--format", "json"])["bonds"]
            as? [[String: Any]]).first { $0["isin"] as? String == Self.isin3 }
        XCTAssertEqual(bond?["currency"] as? String, "USD")
        XCTAssertEqual(double(bond?["amount_original"]), 2_000_000)
    }

    /// `--restate` as published (docs/reports.md, "report impact"): the published figures take
    /// the metric and factor revisions in force at the end of 31 December of the year (or of
    /// `--published-as-of`); an amendment that takes effect later shows only in the restated ones.
    /// (The amendments below take effect in 2025; the test assumes the clock is past that.)
    func testRestateKeepsTheFiguresAsPublished() throws {
        let db = try handLedger()
        // 2023: project 101 alone (G3 moved to 103 from its first entry), 1 000 MWh expected, share 60 ÷ 200 = 0,3;
        // factor 315 at the year's end.
        func ghg(_ arguments: [String], restated: Bool = false) throws -> (Double?, [String: Any]) {
            let report = try json(["report", "impact", "--db", db, "--format", "json"] + arguments)
            let object = restated ? try XCTUnwrap(report["restated"] as? [String: Any]) : report
            let total = try XCTUnwrap(object["total"] as? [String: Any])
            return (double((total["attributed"] as? [String: Any])?["ghg_avoided_tco2e"]), report)
        }
        // A correction that takes effect within the year is part of the published figures.
        try succeed(["amend", "metric", "101", "--year", "2023", "--metric", "renewable_generation_mwh", "--basis", "expected",
                     "--value", "1200", "--reason", "meter read", "--date", "2023-11-01", "--db", db])
        // A factor correction from 2024-03-01 and a metric correction from 2025-03-01: after the publication.
        try succeed(["amend", "factor", "electricity", "--valid-from", "2019-01-01", "--g-per-kwh", "300", "--reason", "revised",
                     "--date", "2024-03-01", "--db", db])
        try succeed(["amend", "metric", "101", "--year", "2023", "--metric", "renewable_generation_mwh", "--basis", "expected",
                     "--value", "2000", "--reason", "re-measured", "--date", "2025-03-01", "--db", db])

        // Published: 1 200 MWh × 315 ÷ 1 000 = 378 t × 0,3 = 113,4 t. Restated: 2 000 MWh under today's 191 = 382 t × 0,3 = 114,6 t.
        let (published, report) = try ghg(["--year", "2023", "--restate"])
        XCTAssertEqual(published, 113.4)
        XCTAssertEqual(double(report["factor_g_per_kwh"]), 315, "the factor's revision in force on 2023-12-31")
        XCTAssertEqual(report["revisions_as_of"] as? String, "2023-12-31")
        let metric = try XCTUnwrap(((report["projects"] as? [[String: Any]])?.first?["metrics"] as? [[String: Any]])?.first)
        XCTAssertEqual(double(metric["value"]), 1200)
        XCTAssertEqual(try ghg(["--year", "2023", "--restate"], restated: true).0, 114.6)
        // As published on 2024-04-30: the factor correction (300) is in, the 2025 one not: 1 200 × 300 ÷ 1 000 × 0,3 = 108 t.
        let (april, aprilReport) = try ghg(["--year", "2023", "--restate", "--published-as-of", "2024-04-30"])
        XCTAssertEqual(april, 108)
        XCTAssertEqual(aprilReport["revisions_as_of"] as? String, "2024-04-30")
        // Without --restate: every revision in force today, the factor of the year's end: 2 000 × 300 ÷ 1 000 × 0,3 = 180 t.
        XCTAssertEqual(try ghg(["--year", "2023"]).0, 180)
        XCTAssertEqual(try ghg(["--year", "2023", "--published-as-of", "2023-12-31"]).0, 113.4)

        // 2024 (the hand-computed 142,0333333 t under 191): a correction of the 191 factor from 2025
        // leaves the published column alone and restates 101 (800 × 200 ÷ 1 000 × 0,25 = 40) and
        // 103 (500 × 200 ÷ 1 000 × 1 = 100): 40 + 100 + 8,3333333.
        try succeed(["amend", "factor", "electricity", "--valid-from", "2024-06-01", "--g-per-kwh", "200", "--reason", "revised",
                     "--date", "2025-01-01", "--db", db])
        let (published2024, report2024) = try ghg(["--year", "2024", "--restate"])
        XCTAssertEqual(try XCTUnwrap(published2024), 142.0333333, accuracy: 1e-9)
        XCTAssertEqual(double(report2024["factor_g_per_kwh"]), 191)
        let restated2024 = try XCTUnwrap(report2024["restated"] as? [String: Any])
        XCTAssertEqual(double(restated2024["factor_g_per_kwh"]), 200)
        XCTAssertEqual(try XCTUnwrap(try ghg(["--year", "2024", "--restate"], restated: true).0), 148.3333333, accuracy: 1e-9)
        // The table says which revisions each column holds.
        let text = plain(try succeed(["report", "impact", "--db", db, "--year", "2023", "--restate", "--lang", "en"]).stdout)
        XCTAssertTrue(text.contains("Published: metrics and factors as in force at the end of 2023-12-31"), text)
        XCTAssertTrue(text.contains("113 tCO2e") && text.contains("120 tCO2e"), "restated: 2 000 MWh × 200 ÷ 1 000 × 0,3\n" + text)
        let bad = try hallbar(["report", "impact", "--db", db, "--year", "2023", "--published-as-of", "2024-02-30"])
        XCTAssertEqual(bad.status, 64, bad.stderr)
    }

    /// Seeds/README.md's table, computed by `hallbar seed` → `report allocation` / `report impact`.
    func testSeedsGiveTheFiguresOfSeedsReadme() throws {
        let db = try seededWithHallbar()
        for (date, pool, bonds) in [("2022-12-31", Int64(4_900_000_000_000), Int64(3_800_000_000_000)),
                                    ("2023-12-31", 7_545_000_000_000, 6_490_000_000_000),
                                    ("2024-12-31", 8_748_765_432_109, 7_465_000_000_000)] {
            let green = try programme(try json(["report", "allocation", "--db", db, "--as-of", date, "--format", "json"]), "green")
            XCTAssertEqual(int(green["eligible_pool_ore"]), pool, date)
            XCTAssertEqual(int(green["bonds_outstanding_ore"]), bonds, date)
            XCTAssertEqual(int(green["headroom_ore"]), pool - bonds, date)
        }
        let social = try programme(try json(["report", "allocation", "--db", db, "--as-of", "2024-12-31", "--format", "json"]), "social")
        XCTAssertEqual(int(social["headroom_ore"]), 159_876_543_210)
        let early = try programme(try json(["report", "allocation", "--db", db, "--as-of", "2021-12-31", "--format", "json"]), "green")
        XCTAssertEqual(int(early["headroom_ore"]), -3_450_000_000_000)
        // (year, t avoided, t per mnkr, coverage) as Seeds/README.md prints them.
        for (year, tonnes, perMnkr, coverage) in [("2023", "410 750 tCO2e", "5,2", "87,6 %"), ("2024", "473 543 tCO2e", "5,2", "87,6 %")] {
            let text = plain(try succeed(["report", "impact", "--db", db, "--year", year]).stdout)
            let total = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("Summa") }, text)
            for expected in [tonnes, perMnkr, coverage] { XCTAssertTrue(total.contains(expected), "\(year): \(total)") }
        }
        let restated = plain(try succeed(["report", "impact", "--db", db, "--year", "2022", "--restate"]).stdout)
        let total = try XCTUnwrap(restated.split(separator: "\n").first { $0.hasPrefix("Summa") })
        for expected in ["471 605 tCO2e", "8,9", "303 672 tCO2e", "5,7", "85,1 %"] { XCTAssertTrue(total.contains(expected), String(total)) }
    }

    func testEveryFormatInBothLanguagesWithTheLedgerHead() throws {
        let db = try handLedger()
        let head = try XCTUnwrap((try json(["report", "allocation", "--db", db, "--as-of", "2024-12-31", "--format", "json"])["meta"]
            as? [String: Any])?["ledger_head"] as? String)
        let commands: [[String]] = [["allocation", "--as-of", "2024-12-31"], ["impact", "--year", "2024", "--restate"],
                                    ["overdue", "--year", "2024", "--as-of", "2024-12-31"]]
        for command in commands {
            for lang in ["sv", "en"] {
                for format in ["table", "md", "html", "csv", "csv-excel", "json"] {
                    let result = try succeed(["report"] + command + ["--db", db, "--format", format, "--lang", lang])
                    XCTAssertFalse(result.stdout.isEmpty, "\(command) \(format) \(lang)")
                    if ["table", "md", "html", "json"].contains(format) {
                        XCTAssertTrue(result.stdout.contains(head), "\(command) \(format) \(lang) lacks the ledger head")
                    }
                    if format == "html" { XCTAssertEqual(try htmlProblems(result.stdout), "", "\(command) \(lang)") }
                }
                let book = path("\(command[0])-\(lang).xlsx")
                try succeed(["report"] + command + ["--db", db, "--format", "xlsx", "--out", book, "--lang", lang])
                let sheets = try workbook(book)
                let about = try XCTUnwrap(sheets.first { $0.key == (lang == "sv" ? "Om rapporten" : "About") }?.value)
                XCTAssertTrue(about.contains { $0.contains { "\($0)" == head } }, "\(command) xlsx lacks the ledger head")
            }
        }
        // openpyxl reads the allocation workbook's figures as numbers: the pool in kronor.
        let sheets = try workbook(path("allocation-sv.xlsx"))
        let programmes = try XCTUnwrap(sheets["Program"])
        XCTAssertEqual(programmes[1][0] as? String, "Grön")
        XCTAssertEqual((programmes[1][1] as? NSNumber)?.doubleValue, 160_000_000)
        XCTAssertEqual((programmes[1][4] as? NSNumber)?.doubleValue, 0.4375)
        let csv = try succeed(["report", "allocation", "--db", db, "--as-of", "2024-12-31", "--format", "csv"]).stdout
        XCTAssertTrue(csv.contains("programme,green,green,16000000000,7000000000,9000000000,0.437500,false,0.312500"), csv)
    }

    /// docs/reports.md's rule for numbers in the allocation and impact JSON: a fraction
    /// (shares, ratios, coverage) always with six decimals; a quantity (metric values,
    /// attributed values, tCO2e per mnkr, g per kWh) exact, without trailing zeros; a year a
    /// number, in `meta` too. The workbook holds the exact values, formatted as the tables round.
    func testNumbersFollowOneRuleInJSONAndTheWorkbookKeepsExactValues() throws {
        let db = try seededWithHallbar()
        let check = """
            import json, re, sys
            fractions = {"allocation_ratio", "environmental_management_share", "share", "share_financed", "coverage"}
            quantities = {"value", "attributed", "ghg_per_mnkr", "factor_g_per_kwh"}
            problems, seen = [], {}
            text = open(sys.argv[1]).read()
            for key, raw in re.findall(r'"([a-z_0-9]+)": (-?[0-9][0-9.]*|null)', text):
                if raw == "null": continue
                if key in fractions:
                    seen[key] = seen.get(key, 0) + 1
                    if not re.fullmatch(r"-?[0-9]+\\.[0-9]{6}", raw): problems.append(key + " " + raw)
                elif key in quantities or key.endswith(("_tco2e", "_mwh", "_mw", "_m2", "_m3", "_t")):
                    seen[key] = seen.get(key, 0) + 1
                    if not re.fullmatch(r"-?[0-9]+(\\.[0-9]*[1-9])?", raw): problems.append(key + " " + raw)
            d = json.loads(text)
            if not isinstance(d["meta"].get("year", 0), int) or ("year" in d and d["meta"].get("year") not in (None, d["year"])):
                problems.append("meta.year " + repr(d["meta"].get("year")))
            print(json.dumps({"problems": problems, "seen": sorted(seen)}))
            """
        var seen = Set<String>()
        for command in [["allocation", "--as-of", "2024-12-31"], ["impact", "--year", "2022", "--restate"], ["impact", "--year", "2024"],
                        ["followup", "--year", "2023"], ["support", "--year", "2024"]] {
            let file = try writeFile("report.json", try succeed(["report"] + command + ["--db", db, "--format", "json"]).stdout)
            let result = try python(check, [file])
            XCTAssertEqual(result.status, 0, result.stderr)
            let found = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: [String]])
            XCTAssertEqual(found["problems"], [], "\(command)")
            seen.formUnion(found["seen"] ?? [])
        }
        for key in ["allocation_ratio", "environmental_management_share", "share", "share_financed", "coverage", "value", "attributed",
                    "ghg_per_mnkr", "factor_g_per_kwh", "ghg_avoided_tco2e"] {
            XCTAssertTrue(seen.contains(key), "no \(key) was checked")
        }
        let year = try json(["report", "impact", "--db", db, "--year", "2024", "--format", "json"])
        XCTAssertEqual((year["meta"] as? [String: Any])?["year"] as? Int, 2024)
        XCTAssertEqual(try XCTUnwrap(double((year["total"] as? [String: Any])?["ghg_per_mnkr"])), 5.1703773, accuracy: 1e-12)

        // The workbook: the total's tCO2e per SEK m is the JSON's exact 5.1703773, shown with one decimal.
        let book = path("impact.xlsx")
        try succeed(["report", "impact", "--db", db, "--year", "2024", "--format", "xlsx", "--out", book, "--lang", "en"])
        let cells = try python("""
            import json, sys, openpyxl
            ws = openpyxl.load_workbook(sys.argv[1])["Categories"]
            header = [c.value for c in ws[1]]
            rows = [r for r in ws.iter_rows(min_row=2) if r[1].value == "Total" and r[2].value == "ghg_avoided_tco2e"]
            per, attributed = rows[0][header.index("tCO2e per SEK m")], rows[0][header.index("Attributed")]
            print(json.dumps([per.value, per.number_format, attributed.value, attributed.number_format]))
            """, [book])
        XCTAssertEqual(cells.status, 0, cells.stderr)
        let values = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(cells.stdout.utf8)) as? [Any])
        XCTAssertEqual(try XCTUnwrap(double(values[0])), 5.1703773, accuracy: 1e-12, "the exact value, not 5.2")
        XCTAssertEqual(values[1] as? String, "#,##0.0")
        XCTAssertEqual(try XCTUnwrap(double(values[2])), 473542.7272099, accuracy: 1e-9)
        XCTAssertEqual(values[3] as? String, "#,##0")
    }

    func testFollowUpFirstPageShowsAllocationAndImpact() throws {
        let db = try seededWithHallbar()
        let html = plain(try succeed(["report", "followup", "--db", db, "--year", "2023", "--format", "html"]).stdout)
        let cover = try XCTUnwrap(html.components(separatedBy: "<section class=\"project\"").first)
        for expected in ["Obligationer och miljöeffekt", "75 450 mnkr", "64 900 mnkr", "10 550 mnkr", "86,0 %", "410 750 tCO2e",
                         "täckningsgrad 87,6 %"] {
            XCTAssertTrue(cover.contains(expected), "the first page lacks \(expected)")
        }
        XCTAssertEqual(try htmlProblems(html), "")
    }
}
