import Foundation
import XCTest

/// `import market` and `report market` (SOU 2015:58, appendix 2) through the binary, and
/// the very-weak-market mark of the follow-up report.
final class MarketCLITests: ReportCLITestCase {
    func testSeededReport2012ClassesTheAppendixListAndAddsUpToTheSustainablePortfolio() throws {
        let db = try seededWithHallbar()
        let report = try json(["report", "market", "--db", db, "--year", "2012", "--as-of", "2025-03-18", "--format", "json"])
        XCTAssertEqual(report["year"] as? Int, 2012)
        let municipalities = try XCTUnwrap(report["municipalities"] as? [[String: Any]])
        XCTAssertEqual(municipalities.count, 105, "the appendix lists 105 very weak markets for 2012")
        for m in municipalities {
            XCTAssertEqual(Set(m.keys).isSuperset(of: ["municipality_code", "municipality", "index_value", "class"]), true)
            XCTAssertEqual(m["class"] as? String, "very_weak", "\(m)")
        }
        // Åsele has an observed price and a model value: the report uses the observed one and says so.
        let asele = try XCTUnwrap(municipalities.first { $0["municipality_code"] as? String == "2463" })
        XCTAssertEqual(asele["index_value"] as? Int, 2597)
        XCTAssertEqual(asele["basis"] as? String, "observed")
        XCTAssertEqual(asele["model_index"] as? Double ?? 0, 2619.447587839, accuracy: 1e-6)

        // Table 13: Bräcke's public-housing vacancy in 2013 was 10,5 %.
        let bracke = try XCTUnwrap(municipalities.first { $0["municipality_code"] as? String == "2305" })
        XCTAssertEqual(bracke["vacancy_2013_percent"] as? Double, 10.5)
        XCTAssertTrue(asele["vacancy_2013_percent"] is NSNull)

        let byClass = try XCTUnwrap(report["by_class"] as? [[String: Any]])
        XCTAssertEqual(byClass.map { $0["class"] as? String }, ["very_weak", "weak", "strong", "very_strong", "unclassified"])
        let approved = byClass.reduce(0) { $0 + (($1["approved_ore"] as? NSNumber)?.int64Value ?? 0) }
        let outstanding = byClass.reduce(0) { $0 + (($1["outstanding_ore"] as? NSNumber)?.int64Value ?? 0) }
        // The classes add up to the green and social portfolio.
        let shares = try json(["report", "shares", "--db", db, "--as-of", "2025-03-18", "--format", "json"])
        let day = try XCTUnwrap((shares["dates"] as? [String: Any])?["2025-03-18"] as? [String: Any])
        XCTAssertEqual(outstanding, (day["sustainable_ore"] as? NSNumber)?.int64Value)
        let sql = try sqlite3(db, "SELECT sum(approved_ore) FROM projects WHERE status IN ('approved','completed') AND decision_date <= '2025-03-18';")
        XCTAssertEqual(String(approved), sql.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        // Ånge, Bräcke, Kramfors and Sollefteå are members on very weak markets in 2012.
        let veryWeak = try XCTUnwrap(byClass.first)
        XCTAssertGreaterThan((veryWeak["members"] as? Int) ?? 0, 0)
        XCTAssertGreaterThan(((veryWeak["approved_ore"] as? NSNumber)?.int64Value) ?? 0, 0)
    }

    func testClassEdgesFollowThePrintedBoundsInclusive() throws {
        let db = path("edges.db")
        try succeed(["init", "--db", db])
        let rows = [("0114", 7700), ("0115", 7701), ("0117", 9900), ("0120", 9901), ("0123", 13300), ("0125", 13301)]
        let file = try writeFile("edges.csv", "municipality_code,municipality,year,index_value\n"
            + rows.map { "\($0.0),Kommun \($0.0),2012,\($0.1)" }.joined(separator: "\n") + "\n")
        try succeed(["import", "market", file, "--db", db])
        let report = try json(["report", "market", "--db", db, "--year", "2012", "--format", "json"])
        let classes = Dictionary(uniqueKeysWithValues: try XCTUnwrap(report["municipalities"] as? [[String: Any]]).map {
            ($0["index_value"] as? Int ?? -1, $0["class"] as? String ?? "")
        })
        XCTAssertEqual(classes, [7700: "very_weak", 7701: "weak", 9900: "weak", 9901: "strong", 13300: "strong", 13301: "very_strong"])
        // The same indices under 2025's bounds (≤ 10 900 / 14 100 / 18 900).
        let file2025 = try writeFile("edges2025.csv", "municipality_code,municipality,year,index_value\n"
            + "0114,A,2025,10900\n0115,B,2025,10901\n0117,C,2025,14100\n0120,D,2025,14101\n0123,E,2025,18900\n0125,F,2025,18901\n")
        try succeed(["import", "market", file2025, "--db", db])
        let r2025 = try json(["report", "market", "--db", db, "--year", "2025", "--format", "json"])
        XCTAssertEqual((r2025["municipalities"] as? [[String: Any]])?.map { $0["class"] as? String ?? "" },
                       ["very_weak", "weak", "weak", "strong", "strong", "very_strong"])
        // The inflation scenario is a named alternative.
        let inflation = try json(["report", "market", "--db", db, "--year", "2025", "--scenario", "inflation-1.4", "--format", "json"])
        XCTAssertEqual((inflation["bounds"] as? [String: Any])?["very_weak_max"] as? Int, 10400)
    }

    func testAYearWithoutBoundsIsAClearError() throws {
        let db = try seededWithHallbar()
        let result = try hallbar(["report", "market", "--db", db, "--year", "2019"])
        XCTAssertEqual(result.status, 65)
        XCTAssertTrue(result.stderr.contains("no housing-market class bounds for 2019"), result.stderr)
        XCTAssertTrue(result.stderr.contains("2012 (base)"), result.stderr)
    }

    func testTheModelComputesTheIndexFromItsInputsAndRefusesHalfAnInput() throws {
        let db = path("model.db")
        try succeed(["init", "--db", db])
        let good = try writeFile("model.csv", """
            municipality_code,municipality,year,index_value,trend_index,level_index,labour_market_population_k,job_accessibility_k
            2463,Åsele,2012,,99.73167,85.16515,2.959923,0.72784

            """)
        try succeed(["import", "market", good, "--db", db])
        let stored = try sqlite3(db, "SELECT index_value, basis, model_index FROM market_readings;")
        XCTAssertEqual(stored.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "2619|model|2619.447587839")
        let report = try json(["report", "market", "--db", db, "--year", "2012", "--format", "json"])
        let m = try XCTUnwrap((report["municipalities"] as? [[String: Any]])?.first)
        XCTAssertEqual(m["basis"] as? String, "model")
        XCTAssertEqual(m["class"] as? String, "very_weak")

        let before = try dump(db)
        let bad = try writeFile("bad.csv", """
            municipality_code,municipality,year,index_value,trend_index,level_index,labour_market_population_k,job_accessibility_k
            2260,Ånge,2012,,99.7,85.1,,
            2282,Kramfors,2012,,,,,
            9999,Nowhere,2012,3000,,,,

            """)
        let result = try hallbar(["import", "market", bad, "--db", db])
        XCTAssertEqual(result.status, 65)
        XCTAssertTrue(result.stderr.contains("bad.csv:2:"), result.stderr)
        XCTAssertTrue(result.stderr.contains("bad.csv:3: column \"index_value\""), result.stderr)
        XCTAssertTrue(result.stderr.contains("bad.csv:4: column \"municipality_code\""), result.stderr)
        XCTAssertEqual(try dump(db), before, "a refused file changes nothing")
    }

    func testMembersWithoutAReadingAreListed() throws {
        let db = try seededWithHallbar()
        let report = try json(["report", "market", "--db", db, "--year", "2020", "--format", "json"])
        let without = try XCTUnwrap(report["members_without_reading"] as? [[String: Any]])
        XCTAssertTrue(without.contains { $0["municipality_code"] as? String == "0127" }, "Botkyrka has no 2020 index in the seeds")
        let table = plain(try succeed(["report", "market", "--db", db, "--year", "2020"]).stdout)
        XCTAssertTrue(table.contains("Medlemmar utan index 2020"), table)
        XCTAssertTrue(table.contains("mycket svag"), table)
    }

    func testTheFollowUpMarksProjectsOnVeryWeakMarkets() throws {
        let db = try seededWithHallbar()
        // Project 17 (Ånge kommun / ÅFA) gets an indicator; Ånge is very weak in 2020.
        let indicators = try writeFile("ind.csv", """
            indicator_id,project_number,area,goal,name,unit,direction,baseline_value,baseline_year,target,target_text,target_year
            ANGE-1,17,Ånge,Likvärdig förskola,Barn i förskola,%,higher,80,2022,>=90,90,2025

            """)
        try succeed(["import", "indicators", indicators, "--db", db])
        let report = try json(["report", "followup", "--db", db, "--year", "2023", "--format", "json"])
        let projects = try XCTUnwrap(report["projects"] as? [[String: Any]])
        let ange = try XCTUnwrap(projects.first { $0["project_number"] as? Int == 17 })
        let mark = try XCTUnwrap(ange["housing_market"] as? [String: Any])
        XCTAssertEqual(mark["class"] as? String, "very_weak")
        XCTAssertEqual(mark["year"] as? Int, 2020)
        let botkyrka = try XCTUnwrap(projects.first { $0["project_number"] as? Int == 1 })
        XCTAssertTrue(botkyrka["housing_market"] is NSNull)
        let html = try succeed(["report", "followup", "--db", db, "--year", "2023", "--format", "html"]).stdout
        XCTAssertTrue(html.contains("Mycket svag bostadsmarknad (SOU 2015:58, 2020)"))
        XCTAssertEqual(try htmlProblems(html), "")
    }
}
