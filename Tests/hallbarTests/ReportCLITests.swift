import Foundation
import XCTest

/// `report shares` and `report social` on the seeded ledger: the presentation's figures,
/// exact JSON keys, CSV, formats, `--out` and exit codes.
final class ReportCLITests: ReportCLITestCase {
    func testSharesReproduceBild2WithComputedTotalChange() throws {
        let db = try seededDatabase()
        let text = plain(try succeed(["report", "shares", "--db", db, "--as-of", "2024-12-31", "--compare", "2023-12-31"]).stdout)
        for expected in ["79,4 mdkr", "91,6 mdkr", "+15 %", "2,1 mdkr", "4,6 mdkr", "+119 %", "81,5 mdkr", "96,2 mdkr", "+18 %",
                         "430,4 mdkr", "448,2 mdkr", "+4 %", "511,9 mdkr", "544,4 mdkr", "75,5 mdkr", "87,5 mdkr",
                         "15,5 %", "16,8 %", "15,9 %", "17,7 %", "Grön låneandel", "Hållbar låneandel"] {
            XCTAssertTrue(text.contains(expected), "missing \(expected) in\n\(text)")
        }
        let total = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("Total utlåning") })
        XCTAssertTrue(total.hasSuffix("+6,3 %"), String(total))
        XCTAssertFalse(text.contains("3,7"))
        XCTAssertTrue(text.contains("Huvudbokens hash: sha256:"))
        // Columns in date order: the compared date first.
        XCTAssertLessThan(try XCTUnwrap(text.range(of: "2023-12-31")).lowerBound, try XCTUnwrap(text.range(of: "2024-12-31 ")).lowerBound)
    }

    func testSharesJSONKeysAndExactValues() throws {
        let db = try seededDatabase()
        let object = try json(["report", "shares", "--db", db, "--as-of", "2024-12-31", "--compare", "2023-12-31", "--format", "json"])
        XCTAssertEqual(object["as_of"] as? String, "2024-12-31")
        XCTAssertEqual(object["compare"] as? String, "2023-12-31")
        let dates = try XCTUnwrap(object["dates"] as? [String: Any])
        XCTAssertEqual(Set(dates.keys), ["2024-12-31", "2023-12-31"])
        let keys: Set<String> = ["green_ore", "social_ore", "sustainable_ore", "other_ore", "total_ore", "green_bond_eligible_ore",
                                 "green_share", "sustainable_share"]
        let old = try XCTUnwrap(dates["2023-12-31"] as? [String: Any])
        let new = try XCTUnwrap(dates["2024-12-31"] as? [String: Any])
        XCTAssertEqual(Set(old.keys), keys)
        XCTAssertEqual(Set(new.keys), keys)
        XCTAssertEqual((old["green_ore"] as? NSNumber)?.int64Value, 7_935_000_000_000)
        XCTAssertEqual((old["sustainable_ore"] as? NSNumber)?.int64Value, 8_145_000_000_000)
        XCTAssertEqual((new["green_ore"] as? NSNumber)?.int64Value, 9_158_765_432_109)
        XCTAssertEqual((new["total_ore"] as? NSNumber)?.int64Value, 54_436_641_975_319)
        XCTAssertEqual((new["green_bond_eligible_ore"] as? NSNumber)?.int64Value, 8_748_765_432_109)
        XCTAssertEqual(try XCTUnwrap((new["green_share"] as? NSNumber)?.doubleValue), 0.1682, accuracy: 0.0001)
        let change = try XCTUnwrap(object["change"] as? [String: Any])
        XCTAssertEqual(Set(change.keys), keys.subtracting(["green_share", "sustainable_share"]))
        XCTAssertEqual(try XCTUnwrap((change["total_ore"] as? NSNumber)?.doubleValue), 0.0634, accuracy: 0.0001)
        XCTAssertEqual((try XCTUnwrap((change["total_ore"] as? NSNumber)?.doubleValue) * 1000).rounded(), 63, "6,3 % to one decimal")
        let meta = try XCTUnwrap(object["meta"] as? [String: Any])
        XCTAssertTrue((meta["ledger_head"] as? String)?.hasPrefix("sha256:") ?? false)
        XCTAssertEqual(meta["database"] as? String, db)
        // Without --compare: one date, no change.
        let single = try json(["report", "shares", "--db", db, "--as-of", "2024-12-31", "--format", "json"])
        XCTAssertNil(single["change"])
        XCTAssertEqual((single["dates"] as? [String: Any])?.count, 1)
    }

    func testSharesCSVIsOneRowPerLineWithExactNumbers() throws {
        let db = try seededDatabase()
        let csv = try succeed(["report", "shares", "--db", db, "--as-of", "2024-12-31", "--compare", "2023-12-31", "--format", "csv"]).stdout
        let lines = csv.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "line,label,2023-12-31,2024-12-31,change")
        XCTAssertEqual(lines.count, 9)
        XCTAssertTrue(lines.contains("total_ore,Total utlåning,51189900000000,54436641975319,0.063425"), csv)
        XCTAssertFalse(csv.contains("#"), "CSV carries no comment lines")
    }

    func testOtherFormatsAndEnglish() throws {
        let db = try seededDatabase()
        let md = try succeed(["report", "shares", "--db", db, "--as-of", "2024-12-31", "--format", "md"]).stdout
        XCTAssertTrue(md.hasPrefix("# "))
        XCTAssertTrue(md.contains("| Gröna lån, utbetalt |"))
        let html = try succeed(["report", "social", "--db", db, "--as-of", "2025-03-18", "--format", "html"]).stdout
        XCTAssertEqual(try htmlProblems(html), "")
        let en = plain(try succeed(["report", "shares", "--db", db, "--as-of", "2024-12-31", "--compare", "2023-12-31", "--lang", "en"]).stdout)
        XCTAssertTrue(en.contains("Green loans, disbursed"), en)
        XCTAssertTrue(en.contains("SEK 91.6 bn"), en)
        XCTAssertTrue(en.contains("+6.3%"), en)
    }

    func testSocialReproducesBild6() throws {
        let db = try seededDatabase()
        let text = plain(try succeed(["report", "social", "--db", db, "--as-of", "2025-03-18"]).stdout)
        for expected in ["27", "21", "10,9 mdkr", "4,9 mdkr", "7 078 mnkr", "65,0 %", "1 264,5 mnkr", "11,6 %", "2 540 mnkr", "23,3 %"] {
            XCTAssertTrue(text.contains(expected), "missing \(expected) in\n\(text)")
        }
        let object = try json(["report", "social", "--db", db, "--as-of", "2025-03-18", "--format", "json"])
        for key in ["as_of", "approved_projects", "members", "approved_ore", "disbursed_ore", "by_category", "meta"] {
            XCTAssertNotNil(object[key], key)
        }
        XCTAssertEqual(object["approved_projects"] as? Int, 27)
        XCTAssertEqual(object["members"] as? Int, 21)
        XCTAssertEqual((object["approved_ore"] as? NSNumber)?.int64Value, 1_088_250_000_000)
        XCTAssertEqual((object["disbursed_ore"] as? NSNumber)?.int64Value, 489_876_543_210)
        let categories = try XCTUnwrap(object["by_category"] as? [String: NSNumber])
        XCTAssertEqual(categories["Boende och boendemiljöer"]?.int64Value, 707_800_000_000)
        XCTAssertEqual(categories["Trygghet, säkerhet och tillgänglighet"]?.int64Value, 126_450_000_000)
        XCTAssertEqual(categories["Hälsa, utbildning, idrott och kultur"]?.int64Value, 254_000_000_000)
        // #29 (decided 2025-04-29) counts from then on; the late disbursement of 2025-04-07 too.
        let later = try json(["report", "social", "--db", db, "--as-of", "2025-12-31", "--format", "json"])
        XCTAssertEqual(later["approved_projects"] as? Int, 28)
    }

    func testOutWritesTheFileAndNothingToStdout() throws {
        let db = try seededDatabase()
        let out = path("shares.json")
        let result = try succeed(["report", "shares", "--db", db, "--as-of", "2024-12-31", "--format", "json", "--out", out])
        XCTAssertEqual(result.stdout, "")
        let data = try Data(contentsOf: URL(fileURLWithPath: out))
        XCTAssertNotNil(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let failed = try hallbar(["report", "shares", "--db", db, "--as-of", "2024-12-31", "--out", path("missing/x.txt")])
        XCTAssertEqual(failed.status, 73, failed.stderr)
        XCTAssertTrue(failed.stderr.hasPrefix("Error: cannot write the report to \(path("missing/x.txt")): there is no folder"), failed.stderr)
    }

    func testUsageAndInputErrors() throws {
        let db = try seededDatabase()
        for arguments in [["report", "shares", "--db", db],
                          ["report", "shares", "--db", db, "--as-of", "2024-02-30"],
                          ["report", "shares", "--db", db, "--as-of", "2024-12-31", "--format", "pdf"],
                          ["report", "social", "--db", db, "--as-of", "2024-12-31", "--lang", "de"],
                          ["report", "followup", "--db", db, "--year", "twenty"],
                          ["report", "followup", "--db", db, "--year", "2023", "--project", "x"]] {
            let result = try hallbar(arguments)
            XCTAssertEqual(result.status, 64, "\(arguments): \(result.stderr)")
            XCTAssertEqual(result.stdout, "")
        }
        XCTAssertEqual(try hallbar(["report", "shares", "--db", path("none.db"), "--as-of", "2024-12-31"]).status, 66)
        let notFollowed = try hallbar(["report", "followup", "--db", db, "--year", "2023", "--project", "2"])
        XCTAssertEqual(notFollowed.status, 65, notFollowed.stderr)
        XCTAssertTrue(notFollowed.stderr.contains("project 2 is not under follow-up"), notFollowed.stderr)
    }

    func testASmallLedgerPrintsItsOwnUnit() throws {
        let db = path("small.db")
        try succeed(["init", "--db", db])
        let files: [(String, String)] = [
            ("members", "org_no,name,municipality_code\n212000-2882,Botkyrka kommun,0127\n"),
            ("borrowers", "org_no,name,owner_org_no\n212000-2882,Botkyrka kommun,212000-2882\n"),
            ("loans", "loan_number,borrower_org_no,programme,project_number,green_bond_eligible\nL1,212000-2882,other,,\n"),
        ]
        for (kind, text) in files {
            try text.write(toFile: path("\(kind).csv"), atomically: true, encoding: .utf8)
            try succeed(["import", kind, path("\(kind).csv"), "--db", db])
        }
        try succeed(["disburse", "--loan", "L1", "--date", "2024-01-01", "--amount", "2 500 000", "--db", db])
        let text = plain(try succeed(["report", "shares", "--db", db, "--as-of", "2024-12-31"]).stdout)
        XCTAssertTrue(text.contains("2,5 mnkr"), text)
        XCTAssertFalse(text.contains("mdkr"), text)
    }

    func testEmptyLedgerGivesZerosNotErrors() throws {
        let db = path("empty.db")
        try succeed(["init", "--db", db])
        let text = plain(try succeed(["report", "shares", "--db", db, "--as-of", "2024-12-31", "--compare", "2023-12-31"]).stdout)
        XCTAssertTrue(text.contains("Total utlåning                                       0 kr"), text)
        XCTAssertTrue(text.contains("–"), text)
        try succeed(["report", "social", "--db", db, "--as-of", "2024-12-31", "--format", "json"])
        try succeed(["report", "followup", "--db", db, "--year", "2023", "--format", "html"])
    }
}
