import Foundation
import XCTest

/// `report followup` and `followup approve` through the binary: the seeded statuses of
/// Seeds/README.md, every format, the HTML pages, the approval freeze, and general
/// indicator histories (several years, ranges, reference, direction and text targets,
/// missing readings).
final class FollowUpCLITests: ReportCLITestCase {
    /// The expected 2023 statuses from the table "Expected statuses for 2023" of Seeds/README.md.
    func expectedSeedStatuses() throws -> [String: String] {
        let readme = try String(contentsOf: LedgerFixture.packageRoot.appendingPathComponent("Seeds/README.md"), encoding: .utf8)
        let tokens = ["SÄMRE ÄN UTGÅNGSVÄRDE": "worse_than_baseline", "NEGATIV TREND, EJ SÄMRE ÄN UTGÅNGSVÄRDE": "negative_trend",
                      "MÅLVÄRDE UPPNÅTT": "target_met", "POSITIV TREND": "positive_trend", "INGEN FÖRÄNDRING": "no_change",
                      "EJ RAPPORTERAT": "not_reported", "EJ BEDÖMT": "not_assessed"]
        var expected: [String: String] = [:]
        let section = try XCTUnwrap(readme.components(separatedBy: "### Expected statuses for 2023").last)
        for line in section.split(separator: "\n") where line.hasPrefix("| ") && !line.hasPrefix("| indicator_id") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 5, let token = tokens[cells[cells.count - 1]] else { continue }
            let id = cells[0].replacingOccurrences(of: " ✔", with: "")
            expected[id] = token
        }
        return expected
    }

    func indicators(_ object: [String: Any]) -> [String: [String: Any]] {
        var result: [String: [String: Any]] = [:]
        for project in object["projects"] as? [[String: Any]] ?? [] {
            for indicator in project["indicators"] as? [[String: Any]] ?? [] {
                result[indicator["indicator_id"] as? String ?? ""] = indicator
            }
        }
        return result
    }

    func testSeededStatusesFollowTheRuleAsSeedsReadmeLists() throws {
        let db = try seededDatabase()
        let expected = try expectedSeedStatuses()
        XCTAssertEqual(expected.count, 25)
        let object = try json(["report", "followup", "--db", db, "--year", "2023", "--format", "json"])
        XCTAssertEqual(object["year"] as? Int, 2023)
        let projects = try XCTUnwrap(object["projects"] as? [[String: Any]])
        XCTAssertEqual(projects.map { $0["project_number"] as? Int }, [1, 19, 15])
        for project in projects {
            XCTAssertNotNil(project["title"] as? String)
            XCTAssertNotNil(project["category"] as? String)
        }
        let found = indicators(object)
        XCTAssertEqual(found.count, 25)
        for (id, status) in expected {
            XCTAssertEqual(found[id]?["status"] as? String, status, id)
        }
        let keys = ["indicator_id", "name", "baseline", "previous", "value", "target_text", "status"]
        for (id, indicator) in found { for key in keys { XCTAssertTrue(indicator.keys.contains(key), "\(id) lacks \(key)") } }
        let ronneby = try XCTUnwrap(found["RONNEBY-INSKRIVNA-UPPTAGNING"])
        XCTAssertEqual(ronneby["value"] as? String, "97-98")
        XCTAssertEqual(ronneby["baseline"] as? String, "95")
        XCTAssertEqual(found["ALBY-TRIVSEL-LGH"]?["target_text"] as? String, "90 (2025)")
        // Every other year: not reported.
        let other = try json(["report", "followup", "--db", db, "--year", "2024", "--format", "json"])
        XCTAssertEqual(Set(indicators(other).values.compactMap { $0["status"] as? String }), ["not_reported"])
    }

    func testFollowUpHTMLIsSelfContainedWellFormedWithEveryLabelAndAPagePerProject() throws {
        let db = try seededDatabase()
        let out = path("followup-2023.html")
        try succeed(["report", "followup", "--db", db, "--year", "2023", "--format", "html", "--out", out])
        let html = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertEqual(try htmlProblems(html), "")
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        for label in ["SÄMRE ÄN UTGÅNGSVÄRDE", "NEGATIV TREND, EJ SÄMRE ÄN UTGÅNGSVÄRDE", "MÅLVÄRDE UPPNÅTT", "POSITIV TREND",
                      "INGEN FÖRÄNDRING", "EJ RAPPORTERAT", "EJ BEDÖMT", "Färgkod och fördelning av indikatorernas status"] {
            XCTAssertTrue(html.contains(label), label)
        }
        XCTAssertEqual(html.components(separatedBy: "<section class=\"project\"").count - 1, 3)
        XCTAssertEqual(html.components(separatedBy: "<svg").count - 1, 25)
        XCTAssertTrue(html.contains("@page { size: A4 landscape"))
        XCTAssertTrue(html.contains("page-break-before: always"))
        XCTAssertTrue(html.contains("Fysisk investering") && html.contains("Social insats") && html.contains("Sociala mål"))
        XCTAssertTrue(html.contains("124,5\u{00A0}mnkr"))
        XCTAssertTrue(html.contains("sha256:"))
        for forbidden in ["<script", "http://", "https://", "src=", "<link"] {
            XCTAssertFalse(html.lowercased().contains(forbidden), forbidden)
        }
        XCTAssertTrue(html.contains("Ungdomar av &quot;särskilt intresse&quot;"), "text is escaped")
    }

    func testTableCSVAndMarkdownOfTheFollowUp() throws {
        let db = try seededDatabase()
        let table = plain(try succeed(["report", "followup", "--db", db, "--year", "2023", "--project", "15"]).stdout)
        XCTAssertTrue(table.contains("Ronneby kommun – Framtidens skolor och förskolor (#15)"), table)
        XCTAssertFalse(table.contains("(#19)"))
        XCTAssertTrue(table.contains("97-98 %"))
        XCTAssertTrue(table.contains("79 % (2020)"))
        XCTAssertFalse(table.contains("\u{1B}["), "no colour when stdout is not a terminal")
        let csv = try succeed(["report", "followup", "--db", db, "--year", "2023", "--format", "csv"]).stdout
        let lines = csv.split(separator: "\n")
        XCTAssertEqual(lines.count, 26)
        XCTAssertTrue(lines[0].hasPrefix("year,project_number,project_title,category,indicator_id"))
        // A negative number stays a number (no formula escaping for numbers).
        XCTAssertTrue(csv.contains(",195.8,2022,195.8,2022,-44.4,"), csv)
        let md = try succeed(["report", "followup", "--db", db, "--year", "2023", "--format", "md"]).stdout
        XCTAssertTrue(md.contains("| Indikator | Utgångsvärde |"))
        let en = try succeed(["report", "followup", "--db", db, "--year", "2023", "--lang", "en"]).stdout
        XCTAssertTrue(en.contains("TARGET MET") && en.contains("Outcome 2023"))
    }

    func testApprovalFreezesTheYearAndTheReportShowsLaterDifferences() throws {
        let db = try seededDatabase()
        let approved = try succeed(["followup", "approve", "--db", db, "--year", "2023", "--date", "2024-03-01", "--by", "Sara Bjurström",
                                    "--note", "Protokoll 2024:3 §5"])
        XCTAssertTrue(approved.stdout.contains("revision 1"), approved.stdout)
        XCTAssertEqual(try sqlite3(db, "SELECT count(*) FROM followup_approved_statuses").stdout, "25\n")
        XCTAssertEqual(try sqlite3(db, "SELECT year, revision, approved_on, recorded_by, rule_version FROM followup_approvals").stdout,
                       "2023|1|2024-03-01|Sara Bjurström|domain.md 2025 rules v2 (committee decisions)\n")
        let table = try succeed(["report", "followup", "--db", db, "--year", "2023"]).stdout
        // Who approved and when, with the committee's reference; the rule version only in the footer.
        XCTAssertTrue(table.contains("Godkänd 2024-03-01, Protokoll 2024:3 §5. Registrerad av Sara Bjurström 20"), table)
        XCTAssertTrue(table.contains(" UTC (revision 1)."), table)
        XCTAssertFalse(table.prefix(400).contains("domain.md 2025 rules v2 (committee decisions)"), table)
        XCTAssertTrue(table.contains("Statusarna beräknade enligt uppföljningsreglerna 2025, version 2 (med kommitténs beslut); "
            + "huvudbokens hash vid godkännandet sha256:"), table)
        let english = try succeed(["report", "followup", "--db", db, "--year", "2023", "--lang", "en"]).stdout
        XCTAssertTrue(english.contains("Approved on 2024-03-01, Protokoll 2024:3 §5. Recorded by Sara Bjurström on 20"), english)

        // A reading recorded afterwards for an earlier year changes the previous value of one indicator.
        let fixture = try LedgerFixture(existing: db)
        try fixture.reading("TANUM-REKRYTERING-TJEJER", year: 2022, "30")
        try fixture.close()
        let object = try json(["report", "followup", "--db", db, "--year", "2023", "--format", "json"])
        let approval = try XCTUnwrap(object["approval"] as? [String: Any])
        XCTAssertEqual(approval["revision"] as? Int, 1)
        XCTAssertEqual(approval["approved_by"] as? String, "Sara Bjurström")
        XCTAssertEqual(approval["changed_indicators"] as? Int, 1)
        let tanum = try XCTUnwrap(indicators(object)["TANUM-REKRYTERING-TJEJER"])
        XCTAssertEqual(tanum["status"] as? String, "positive_trend", "the frozen status is shown")
        XCTAssertEqual(tanum["previous"] as? String, "0")
        XCTAssertEqual(tanum["changed_since_approval"] as? Bool, true)
        let current = try XCTUnwrap(tanum["current"] as? [String: Any])
        XCTAssertEqual(current["status"] as? String, "negative_trend")
        XCTAssertEqual(current["previous"] as? String, "30")
        let text = plain(try succeed(["report", "followup", "--db", db, "--year", "2023"]).stdout)
        XCTAssertTrue(text.contains("ÄNDRAT SEDAN GODKÄNNANDET, nu: NEGATIV TREND, EJ SÄMRE ÄN UTGÅNGSVÄRDE"), text)
        XCTAssertTrue(text.contains("nuvarande data ger ett annat utfall för 1 indikator"), text)
        let html = try succeed(["report", "followup", "--db", db, "--year", "2023", "--format", "html"]).stdout
        XCTAssertEqual(try htmlProblems(html), "")
        XCTAssertTrue(html.contains("ÄNDRAT SEDAN GODKÄNNANDET"))

        // A second approval is revision 2 and freezes the new status.
        try succeed(["followup", "approve", "--db", db, "--year", "2023", "--date", "2024-04-01"])
        let again = try json(["report", "followup", "--db", db, "--year", "2023", "--format", "json"])
        XCTAssertEqual((again["approval"] as? [String: Any])?["revision"] as? Int, 2)
        XCTAssertEqual(indicators(again)["TANUM-REKRYTERING-TJEJER"]?["status"] as? String, "negative_trend")
        XCTAssertEqual((again["approval"] as? [String: Any])?["changed_indicators"] as? Int, 0)

        // An indicator added after the approval is not silently shown as approved.
        let added = path("added.csv")
        try """
            indicator_id,project_number,area,goal,name,unit,direction,baseline_value,baseline_year,target,target_text,target_year
            LATE-1,19,Tanum,Trygghet,Ny indikator efter godkännandet,%,higher,10,2022,>=50,50,2025

            """.write(toFile: added, atomically: true, encoding: .utf8)
        try succeed(["import", "indicators", added, "--db", db])
        let late = try json(["report", "followup", "--db", db, "--year", "2023", "--format", "json"])
        let lateIndicator = try XCTUnwrap(indicators(late)["LATE-1"])
        XCTAssertEqual(lateIndicator["changed_since_approval"] as? Bool, true)
        XCTAssertEqual(lateIndicator["status"] as? String, "not_reported")
        XCTAssertEqual((late["approval"] as? [String: Any])?["changed_indicators"] as? Int, 1)
        let lateText = plain(try succeed(["report", "followup", "--db", db, "--year", "2023"]).stdout)
        XCTAssertTrue(lateText.contains("NYTT SEDAN GODKÄNNANDET"), lateText)
        let lateCSV = try succeed(["report", "followup", "--db", db, "--year", "2023", "--format", "csv"]).stdout
        let lateRow = try XCTUnwrap(lateCSV.split(separator: "\n").first { $0.contains("LATE-1") })
        XCTAssertTrue(lateRow.hasSuffix(",,not_reported"), String(lateRow))
    }

    func testAYearBeforeAProjectsDecisionHasNothingToFollowUp() throws {
        let db = try seededDatabase()
        let report = try json(["report", "followup", "--db", db, "--year", "2019", "--format", "json"])
        XCTAssertEqual((report["projects"] as? [Any])?.count, 0, "no seeded project was decided or measured by 2019")
        let baselines = try json(["report", "followup", "--db", db, "--year", "2020", "--format", "json"])
        XCTAssertEqual((baselines["projects"] as? [[String: Any]])?.map { $0["project_number"] as? Int }, [15],
                       "Ronneby's baselines are from 2020")
        let approve = try hallbar(["followup", "approve", "--db", db, "--year", "1999", "--date", "2025-02-01"])
        XCTAssertEqual(approve.status, 65, approve.stderr)
        XCTAssertEqual(try sqlite3(db, "SELECT count(*) FROM followup_approvals").stdout, "0\n")
    }

    func testApprovalRefusesBadDatesAndEmptyYearsAndWritesNothing() throws {
        let db = try seededDatabase()
        let before = try dump(db)
        let badDate = try hallbar(["followup", "approve", "--db", db, "--year", "2023", "--date", "2024-02-30"])
        XCTAssertEqual(badDate.status, 64, badDate.stderr)
        XCTAssertTrue(badDate.stderr.contains("2024-02-30"), badDate.stderr)
        XCTAssertEqual(try hallbar(["followup", "approve", "--db", db, "--year", "2023"]).status, 64)
        XCTAssertEqual(try dump(db), before)
        let empty = path("empty.db")
        try succeed(["init", "--db", empty])
        let nothing = try hallbar(["followup", "approve", "--db", empty, "--year", "2023", "--date", "2024-03-01"])
        XCTAssertEqual(nothing.status, 65, nothing.stderr)
        XCTAssertTrue(nothing.stderr.contains("nothing to approve for 2023"), nothing.stderr)
        XCTAssertEqual(try sqlite3(empty, "SELECT count(*) FROM followup_approvals").stdout, "0\n")
        XCTAssertEqual(try hallbar(["followup", "approve", "--db", path("none.db"), "--year", "2023", "--date", "2024-03-01"]).status, 66)
    }

    /// Histories the seeds do not have: three years, ranges, reference targets with and
    /// without a reference value, direction targets, text targets, missing readings.
    func testGeneralIndicatorHistoriesOverThreeYears() throws {
        let db = path("histories.db")
        let f = try LedgerFixture(path: db)
        try f.smallProject(7, category: "Hälsa, utbildning, idrott och kultur")
        try f.indicator("A-THREE", project: 7, name: "Tre år", unit: "%", direction: "higher", baseline: "50", baselineYear: 2020,
                        target: ">=70", targetText: "70 (2023)", targetYear: 2023)
        for (year, value) in [(2021, "55"), (2022, "53"), (2023, "60")] { try f.reading("A-THREE", year: year, value) }
        try f.indicator("B-RANGE", project: 7, name: "Intervall", unit: "%", direction: "higher", baseline: "95", baselineYear: 2020,
                        target: "90-100", targetText: "90-100 %")
        try f.reading("B-RANGE", year: 2021, "97-98 %")
        try f.reading("B-RANGE", year: 2022, "85-87")
        try f.indicator("C-REF", project: 7, name: "Mot riket", direction: "higher", baseline: "70", baselineYear: 2021,
                        target: "ref>=riket", targetText: "I nivå med riket")
        try f.reference("riket", year: 2022, "78")
        try f.reading("C-REF", year: 2022, "80")
        try f.reading("C-REF", year: 2023, "81")
        try f.indicator("D-DIR", project: 7, name: "Minskande", direction: "none", baseline: "19", baselineYear: 2021, target: "decreasing",
                        targetText: "Minskande")
        try f.reading("D-DIR", year: 2022, "18")
        try f.reading("D-DIR", year: 2023, "18,5")
        try f.indicator("E-TEXT", project: 7, name: "Text", direction: "none", baseline: "5", baselineYear: 2021,
                        target: "text:Enligt behov", targetText: "Enligt behov")
        try f.reading("E-TEXT", year: 2022, "5")
        try f.reading("E-TEXT", year: 2023, "6")
        try f.indicator("F-MISSING", project: 7, name: "Saknas", direction: "higher", baseline: "10", baselineYear: 2021,
                        target: ">=12", targetYear: 2022)
        try f.reading("F-MISSING", year: 2022, "Ja", metByDecision: false)
        try f.indicator("G-DECIDED", project: 7, name: "Beslut", direction: "higher", baseline: nil, baselineYear: nil,
                        target: "text:Genomfört")
        try f.reading("G-DECIDED", year: 2023, "Genomfört", metByDecision: true)
        try f.close()

        func statuses(_ year: Int) throws -> [String: String] {
            indicators(try json(["report", "followup", "--db", db, "--year", String(year), "--format", "json"]))
                .mapValues { $0["status"] as? String ?? "" }
        }
        XCTAssertEqual(try statuses(2021), ["A-THREE": "positive_trend", "B-RANGE": "target_met", "C-REF": "not_reported",
                                            "D-DIR": "not_reported", "E-TEXT": "not_reported", "F-MISSING": "not_reported",
                                            "G-DECIDED": "not_reported"])
        XCTAssertEqual(try statuses(2022), ["A-THREE": "negative_trend", "B-RANGE": "worse_than_baseline", "C-REF": "target_met",
                                            "D-DIR": "positive_trend", "E-TEXT": "no_change", "F-MISSING": "not_assessed",
                                            "G-DECIDED": "not_reported"])
        XCTAssertEqual(try statuses(2023), ["A-THREE": "positive_trend", "B-RANGE": "not_reported", "C-REF": "positive_trend",
                                            "D-DIR": "negative_trend", "E-TEXT": "not_assessed", "F-MISSING": "not_reported",
                                            "G-DECIDED": "target_met"])
        let object = try json(["report", "followup", "--db", db, "--year", "2023", "--format", "json"])
        let found = indicators(object)
        let a = try XCTUnwrap(found["A-THREE"])
        XCTAssertEqual(a["previous"] as? String, "53")
        XCTAssertEqual(a["previous_year"] as? Int, 2022)
        XCTAssertEqual(a["target_year_passed_unmet"] as? Bool, true)
        XCTAssertEqual(found["F-MISSING"]?["target_year_passed_unmet"] as? Bool, true)
        XCTAssertEqual(found["D-DIR"]?["target_year_passed_unmet"] as? Bool, false)
        let notes = (found["C-REF"]?["notes"] as? [String]) ?? []
        XCTAssertTrue(notes.contains("referensvärde för 2023 saknas (riket)"), "\(notes)")
        let text = plain(try succeed(["report", "followup", "--db", db, "--year", "2023"]).stdout)
        XCTAssertTrue(text.contains("målåret 2023 är nått utan att målet uppnåtts"), text)
        XCTAssertTrue(text.contains("referensvärde för 2023 saknas (riket)"), text)
        let html = try succeed(["report", "followup", "--db", db, "--year", "2022", "--format", "html"]).stdout
        XCTAssertEqual(try htmlProblems(html), "")
        XCTAssertTrue(html.contains("Bygg &lt;b&gt;&amp;&lt;/b&gt;"), "project texts are escaped")
        XCTAssertTrue(html.contains("85-87"), "a range is printed as written")
    }
}
