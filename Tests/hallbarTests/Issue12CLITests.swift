import Foundation
import Ledger
import XCTest

/// Issue 12 through the built binary: the commands and JSON keys of cli.md "Second round"
/// for amend, decide, history, `import --amend`, close/reopen, `verify --against` and
/// `--wait`, each with its happy path and every bad input. A refusal must exit 65 (64 for a
/// usage error) and leave the database byte for byte as it was (`sqlite3 .dump`).
///
/// The demo ledger (`hallbar seed`) is the starting point: projects 1–29 (social, 23
/// rejected) and 5001–5009 (green), loans 2200NN / 2100NN / 2300NN, readings for 2023.
final class Issue12CLITests: CLITestCase {

    // MARK: amend project

    func testAmendProjectEveryFieldIsARevisionWithWhoWhenWhy() throws {
        let db = try seededWithHallbar()
        let amended = try ok(["amend", "project", "5002", "--title", "Energieffektivisering, etapp 2", "--category", "green_buildings",
                              "--approved-sek", "16 000 000 000", "--total-cost-sek", "20000000000", "--framework-version", "2024",
                              "--reason", "Beslut 2025-01-20 §4", "--date", "2025-01-20", "--by", "Kommittén"], db)
        XCTAssertTrue(amended.stdout.contains("Amended project 5002: revision 2, effective 2025-01-20"), amended.stdout)
        let status = try ok(["amend", "project", "5002", "--status", "completed", "--reason", "Slutfört", "--date", "2025-06-30"], db)
        XCTAssertTrue(status.stdout.contains("revision 3"), status.stdout)
        let revisions = try history("project", "5002", db)
        XCTAssertEqual(revisions.count, 3)
        let second = revisions[1]
        XCTAssertEqual(second["effective_date"] as? String, "2025-01-20")
        XCTAssertEqual(second["reason"] as? String, "Beslut 2025-01-20 §4")
        XCTAssertEqual(second["recorded_by"] as? String, "Kommittén")
        XCTAssertEqual(change(second, "title")?.to, "Energieffektivisering, etapp 2")
        XCTAssertEqual(change(second, "category")?.from, "energy_efficiency")
        XCTAssertEqual(change(second, "category")?.to, "green_buildings")
        XCTAssertEqual(change(second, "approved_ore")?.from, "1500000000000")
        XCTAssertEqual(change(second, "approved_ore")?.to, "1600000000000")
        XCTAssertEqual(change(second, "total_cost_ore")?.to, "2000000000000")
        XCTAssertEqual(change(second, "framework_version")?.to, "2024")
        XCTAssertNil(change(second, "status"), "status did not change in revision 2")
        XCTAssertEqual(change(revisions[2], "status")?.from, "approved")
        XCTAssertEqual(change(revisions[2], "status")?.to, "completed")
        XCTAssertEqual((revisions[2]["changes"] as? [String: Any])?.count, 1)
        // Nothing is overwritten: revision 1 is still the imported row.
        XCTAssertEqual(try sqlite3(db, "SELECT category, approved_ore, status FROM projects WHERE project_number = 5002").stdout,
                       "energy_efficiency|1500000000000|approved\n")
        XCTAssertEqual(try count(db, "SELECT count(*) FROM project_revisions WHERE project_number = 5002"), 2)
        try ok(["verify"], db)
    }

    func testAmendProjectRefusals() throws {
        let db = try seededWithHallbar()
        // Project 14: social, decided 2023-06-13, approved 150 mnkr.
        let base = ["amend", "project", "14"]
        try refused(["amend", "project", "999", "--title", "X", "--reason", "r"], db, mentions: ["999"])
        try refused(["amend", "project", "abc", "--title", "X", "--reason", "r"], db)
        try refused(base + ["--title", "X"], db, mentions: ["--reason"])                          // reason absent
        try refused(base + ["--title", "X", "--reason", ""], db, mentions: ["--reason"])          // reason empty
        try refused(base + ["--title", "X", "--reason", "   "], db, mentions: ["--reason"])       // reason blank
        let title = try sqlite3(db, "SELECT title FROM projects WHERE project_number = 14").stdout.trimmingCharacters(in: .newlines)
        try refused(base + ["--title", title, "--reason", "r"], db, mentions: ["nothing"])        // no change
        try refused(base + ["--status", "approved", "--reason", "r"], db, mentions: ["nothing"])  // no change
        try refused(base + ["--title", "X", "--reason", "r", "--date", "2023-06-12"], db, mentions: ["--date", "2023-06-13"])
        try refused(base + ["--title", "X", "--reason", "r", "--date", Self.tomorrow], db, mentions: ["--date", "future"])
        try refused(base + ["--title", "X", "--reason", "r", "--date", "2025-02-30"], db, mentions: ["--date"])
        try refused(base + ["--status", "sold", "--reason", "r"], db, mentions: ["--status"])
        try refused(base + ["--approved-sek", "12,3,4", "--reason", "r"], db, mentions: ["--approved-sek"])
        try refused(base + ["--category", "renewable_energy", "--reason", "r"], db, mentions: ["--category"])
        try refused(base + ["--framework-version", "2024", "--reason", "r"], db, mentions: ["--framework-version"])
        try refused(base + ["--total-cost-sek", "1000", "--reason", "r"], db, mentions: ["--total-cost-sek"])
        try refused(base + ["--reason", "r"], db, status: 64)                                      // nothing to amend
        // Project 1 disbursed 1 800 mnkr: the approved amount cannot drop below it.
        try refused(["amend", "project", "1", "--approved-sek", "1 000 000 000", "--reason", "r", "--date", "2025-01-01"], db,
                    mentions: ["--approved-sek"])
        // A date before the latest revision.
        try ok(base + ["--title", "Ny titel", "--reason", "Rättelse", "--date", "2025-03-01"], db)
        try refused(base + ["--title", "Äldre titel", "--reason", "r", "--date", "2025-02-28"], db, mentions: ["--date", "2025-03-01"])
        try ok(base + ["--title", "Samma dag", "--reason", "Rättelse", "--date", "2025-03-01"], db)
        try ok(["verify"], db)
    }

    // MARK: amend loan

    func testAmendLoanEligibilityChangesTheSharesReportFromItsDate() throws {
        let db = try seededWithHallbar()
        // Loan 210007 (green, project 5007) is the one green loan outside the eligible pool.
        let before2024 = try shares(db, "2024-12-31")
        let before2025 = try shares(db, "2025-01-01")
        XCTAssertNotEqual(before2025["green_bond_eligible_ore"] as? Int, before2025["green_ore"] as? Int)
        let result = try ok(["amend", "loan", "210007", "--green-bond-eligible", "true", "--reason",
                             "Projektets åtgärder slutförda (fotnot 1)", "--date", "2025-01-01"], db)
        XCTAssertTrue(result.stdout.contains("green_bond_eligible"), result.stdout)
        let after2024 = try shares(db, "2024-12-31")
        let after2025 = try shares(db, "2025-01-01")
        XCTAssertEqual(after2024["green_bond_eligible_ore"] as? Int, before2024["green_bond_eligible_ore"] as? Int,
                       "as of 2024-12-31 the loan was not yet eligible")
        XCTAssertEqual(after2025["green_bond_eligible_ore"] as? Int, after2025["green_ore"] as? Int,
                       "from 2025-01-01 every green loan is eligible")
        XCTAssertEqual(after2025["green_ore"] as? Int, before2025["green_ore"] as? Int)
        let revisions = try history("loan", "210007", db)
        XCTAssertEqual(revisions.count, 2)
        XCTAssertEqual(change(revisions[1], "green_bond_eligible")?.from, "0")
        XCTAssertEqual(change(revisions[1], "green_bond_eligible")?.to, "1")
        XCTAssertEqual(revisions[1]["effective_date"] as? String, "2025-01-01")
        try ok(["verify"], db)
    }

    func testAmendLoanProgrammeAndProjectAndRefusals() throws {
        let db = try seededWithHallbar()
        // 220026 (social, project 26, nothing disbursed) becomes other lending: no project.
        try ok(["amend", "loan", "220026", "--programme", "other", "--reason", "Fel program", "--date", "2025-02-01"], db)
        let revisions = try history("loan", "220026", db)
        XCTAssertEqual(change(revisions[1], "programme")?.to, "other")
        XCTAssertEqual(change(revisions[1], "project_number")?.from, "26")
        XCTAssertEqual(change(revisions[1], "project_number")?.to, "null")
        let base = ["amend", "loan", "210007"]
        try refused(["amend", "loan", "999999", "--green-bond-eligible", "true", "--reason", "r"], db, mentions: ["999999"])
        try refused(base + ["--green-bond-eligible", "false", "--reason", "r"], db, mentions: ["nothing"])
        try refused(base + ["--green-bond-eligible", "true"], db, mentions: ["--reason"])
        try refused(base + ["--green-bond-eligible", "true", "--reason", ""], db, mentions: ["--reason"])
        try refused(base + ["--green-bond-eligible", "kanske", "--reason", "r"], db, mentions: ["--green-bond-eligible"])
        try refused(base + ["--green-bond-eligible", "true", "--reason", "r", "--date", Self.tomorrow], db, mentions: ["--date"])
        try refused(base + ["--programme", "social", "--reason", "r"], db)                       // not project 5007's programme
        try refused(base + ["--project", "999", "--reason", "r"], db, mentions: ["--project"])
        try refused(["amend", "loan", "220022", "--project", "23", "--reason", "r"], db, mentions: ["--project"])  // 23 rejected
        // Other lending moved onto project 26 (approved 300 mnkr) from 2024-11-01: its disbursement of
        // 1 731 mnkr on 2024-12-18 would then count on the project, beyond its approved amount.
        try refused(["amend", "loan", "230005", "--programme", "social", "--project", "26", "--reason", "r", "--date", "2024-11-01"], db)
        try ok(["verify"], db)
    }

    /// A loan finances its project: an amendment cannot take effect before the project was
    /// decided (project 5007: 2022-10-18), just as a project's own amendment cannot.
    func testAmendLoanDatedBeforeItsProjectExistedIsRefused() throws {
        let db = try seededWithHallbar()
        try refused(["amend", "loan", "210007", "--green-bond-eligible", "true", "--reason", "r", "--date", "2022-10-17"], db,
                    mentions: ["--date"])
    }

    // MARK: amend member, borrower

    func testAmendMemberAndBorrower() throws {
        let db = try seededWithHallbar()
        try ok(["amend", "member", "212000-2882", "--name", "Botkyrka kommun (KF)", "--reason", "Namnbyte", "--by", "Anna"], db)
        let member = try history("member", "212000-2882", db)
        XCTAssertEqual(member.count, 2)
        XCTAssertEqual(change(member[1], "name")?.to, "Botkyrka kommun (KF)")
        XCTAssertEqual(member[1]["effective_date"] as? String, Self.today.description, "a member's amendment takes effect today")
        XCTAssertEqual(member[1]["recorded_by"] as? String, "Anna")
        try ok(["amend", "member", "212000-2882", "--municipality-code", "0180", "--reason", "Rättelse"], db)
        XCTAssertEqual(try history("member", "212000-2882", db).count, 3)
        try refused(["amend", "member", "212000-0001", "--name", "X", "--reason", "r"], db)
        try refused(["amend", "member", "212000-2882", "--name", "Botkyrka kommun (KF)", "--reason", "r"], db, mentions: ["nothing"])
        try refused(["amend", "member", "212000-2882", "--name", "X"], db, mentions: ["--reason"])
        try refused(["amend", "member", "212000-2882", "--name", "X", "--reason", ""], db, mentions: ["--reason"])
        try refused(["amend", "member", "212000-2882", "--municipality-code", "99999", "--reason", "r"], db,
                    mentions: ["--municipality-code"])

        try ok(["amend", "borrower", "556900-1018", "--name", "Botkyrkabyggen AB (publ)", "--reason", "Namnbyte"], db)
        let borrower = try history("borrower", "556900-1018", db)
        XCTAssertEqual(change(borrower[1], "name")?.to, "Botkyrkabyggen AB (publ)")
        try ok(["amend", "borrower", "556900-1018", "--owner-org-no", "212000-3005", "--reason", "Nytt ägande"], db)
        try refused(["amend", "borrower", "556900-1018", "--owner-org-no", "212000-3005", "--reason", "r"], db, mentions: ["nothing"])
        try refused(["amend", "borrower", "556900-1018", "--owner-org-no", "212000-0001", "--reason", "r"], db,
                    mentions: ["--owner-org-no"])
        try refused(["amend", "borrower", "556900-0000", "--name", "X", "--reason", "r"], db)
        try refused(["amend", "borrower", "556900-1018", "--name", "X", "--reason", " "], db, mentions: ["--reason"])
        try ok(["verify"], db)
    }

    // MARK: amend indicator, reading, reference

    func testAmendIndicator() throws {
        let db = try seededWithHallbar()
        try ok(["amend", "indicator", "ALBY-TRIVSEL-LGH", "--target", ">=88", "--target-text", "88 (2025)", "--reason", "Nytt mål"], db)
        let revisions = try history("indicator", "ALBY-TRIVSEL-LGH", db)
        XCTAssertEqual(change(revisions[1], "target")?.from, ">=90")
        XCTAssertEqual(change(revisions[1], "target")?.to, ">=88")
        XCTAssertEqual(change(revisions[1], "target_text")?.to, "88 (2025)")
        let followUp = try followUp(db, year: "2023")
        XCTAssertEqual(followUp.indicators["ALBY-TRIVSEL-LGH"]?["target_text"] as? String, "88 (2025)",
                       "an open year's follow-up uses the amended target")
        try ok(["amend", "indicator", "ALBY-TRIVSEL-LGH", "--unit", "none", "--baseline-value", "86", "--baseline-year", "2021",
                "--name", "Trivsel", "--target-year", "2026", "--direction", "higher", "--reason", "Rättelse"], db)
        try refused(["amend", "indicator", "NO-SUCH", "--name", "X", "--reason", "r"], db)
        try refused(["amend", "indicator", "ALBY-TRIVSEL-LGH", "--target", ">=88", "--reason", "r"], db, mentions: ["nothing"])
        try refused(["amend", "indicator", "ALBY-TRIVSEL-LGH", "--target", "decreasing", "--reason", "r"], db, mentions: ["--target"])
        try refused(["amend", "indicator", "ALBY-TRIVSEL-LGH", "--target", "ungefär", "--reason", "r"], db, mentions: ["--target"])
        try refused(["amend", "indicator", "ALBY-TRIVSEL-LGH", "--direction", "uppåt", "--reason", "r"], db, mentions: ["--direction"])
        try refused(["amend", "indicator", "ALBY-TRIVSEL-LGH", "--name", "X"], db, mentions: ["--reason"])
        try refused(["amend", "indicator", "ALBY-TRIVSEL-LGH", "--name", "X", "--reason", ""], db, mentions: ["--reason"])
        try ok(["verify"], db)
    }

    func testAmendReadingOfAnOpenYearIsUsedAtOnce() throws {
        let db = try seededWithHallbar()
        XCTAssertEqual(try followUp(db, year: "2023").indicators["ALBY-TRIVSEL-LGH"]?["value"] as? String, "86")
        let result = try ok(["amend", "reading", "--indicator", "ALBY-TRIVSEL-LGH", "--year", "2023", "--value", "76",
                             "--reason", "Felinmatat (7,6 → 76)"], db)
        XCTAssertTrue(result.stdout.contains("revision 2"), result.stdout)
        let indicator = try followUp(db, year: "2023").indicators["ALBY-TRIVSEL-LGH"]
        XCTAssertEqual(indicator?["value"] as? String, "76")
        XCTAssertNotEqual(indicator?["changed_since_approval"] as? Bool, true, "2023 is not approved")
        let revisions = try history("reading", "ALBY-TRIVSEL-LGH", year: "2023", db)
        XCTAssertEqual(revisions.count, 2)
        XCTAssertEqual(change(revisions[1], "value_text")?.from, "86.0")
        XCTAssertEqual(change(revisions[1], "value_text")?.to, "76")
        XCTAssertEqual(revisions[1]["reason"] as? String, "Felinmatat (7,6 → 76)")
        // `reading` no longer takes a different value for the year: it points at amend.
        try refused(["reading", "--indicator", "ALBY-TRIVSEL-LGH", "--year", "2023", "--value", "77"], db, mentions: ["amend reading"])
        let base = ["amend", "reading", "--indicator", "ALBY-TRIVSEL-LGH", "--year", "2023"]
        try refused(base + ["--value", "76", "--reason", "r"], db, mentions: ["nothing"])
        try refused(base + ["--value", "77"], db, mentions: ["--reason"])
        try refused(base + ["--value", "77", "--reason", ""], db, mentions: ["--reason"])
        try refused(base + ["--value", "12,3,4", "--reason", "r"], db, mentions: ["--value"])
        try refused(["amend", "reading", "--indicator", "NO-SUCH", "--year", "2023", "--value", "1", "--reason", "r"], db)
        try refused(["amend", "reading", "--indicator", "ALBY-TRIVSEL-LGH", "--year", "2019", "--value", "1", "--reason", "r"], db)
        try refused(["amend", "reading", "--indicator", "ALBY-TRIVSEL-LGH", "--year", "20x3", "--value", "1", "--reason", "r"], db,
                    mentions: ["--year"])
        try ok(["verify"], db)
    }

    func testAmendReference() throws {
        let db = try seededWithHallbar()
        try ok(["amend", "reference", "riket_ak9_godkanda_flickor", "--year", "2023", "--value", "75.9", "--reason", "Skolverket rättade"], db)
        let revisions = try history("reference", "riket_ak9_godkanda_flickor", year: "2023", db)
        XCTAssertEqual(change(revisions[1], "value")?.from, "75.4")
        XCTAssertEqual(change(revisions[1], "value")?.to, "75.9")
        let flickor = try followUp(db, year: "2023").indicators["RONNEBY-AK9-GODKANDA-FLICKOR"]
        XCTAssertEqual((flickor?["reference_value"] as? NSNumber)?.doubleValue, 75.9, "the open year compares with the amended reference")
        try refused(["amend", "reference", "riket_ak9_godkanda_flickor", "--year", "2023", "--value", "75.9", "--reason", "r"], db,
                    mentions: ["nothing"])
        try refused(["amend", "reference", "riket_ak9_godkanda_flickor", "--year", "2019", "--value", "1", "--reason", "r"], db)
        try refused(["amend", "reference", "no_such_series", "--year", "2023", "--value", "1", "--reason", "r"], db)
        try refused(["amend", "reference", "riket_ak9_godkanda_flickor", "--year", "2023", "--value", "76"], db, mentions: ["--reason"])
        try refused(["amend", "reference", "riket_ak9_godkanda_flickor", "--year", "2023", "--value", "abc", "--reason", "r"], db,
                    mentions: ["--value"])
        try refused(["amend", "reference", "riket_ak9_godkanda_flickor", "--value", "76", "--reason", "r"], db, status: 64)
        try ok(["verify"], db)
    }

    // MARK: history

    func testHistoryOfEveryKindAndItsRefusals() throws {
        let db = try seededWithHallbar()
        for (kind, key, year) in [("member", "212000-2882", nil), ("borrower", "556900-1018", nil), ("project", "1", nil),
                                  ("project", "#5001", nil), ("loan", "220001", nil), ("indicator", "ALBY-TRIVSEL-LGH", nil),
                                  ("reading", "ALBY-TRIVSEL-LGH", "2023"), ("reference", "riket_ak9_godkanda_flickor", "2023")] as [(String, String, String?)] {
            let revisions = try history(kind, key, year: year, db)
            XCTAssertEqual(revisions.count, 1, "\(kind) \(key)")
            XCTAssertTrue(revisions[0]["reason"] is NSNull, "revision 1 of \(kind) \(key) has no reason: \(revisions[0])")
        }
        let table = try ok(["history", "project", "1"], db)
        XCTAssertTrue(table.stdout.contains("sha256:"), "the table output names the ledger head: \(table.stdout)")
        // Amounts read in kronor for people; CSV keeps the stored öre.
        let amended = try ok(["amend", "project", "1", "--approved-sek", "5000000000,78", "--reason", "Ny kalkyl", "--date", "2025-01-02"], db)
        XCTAssertTrue(amended.stdout.contains(" → 5\u{A0}000\u{A0}000\u{A0}000,78\u{A0}kr"), amended.stdout)
        let people = try ok(["history", "project", "1"], db).stdout
        XCTAssertTrue(people.contains("5\u{A0}000\u{A0}000\u{A0}000,78\u{A0}kr"), people)
        XCTAssertFalse(people.contains("500000000078"), people)
        let csv = try ok(["history", "project", "1", "--format", "csv"], db).stdout
        XCTAssertTrue(csv.contains(",approved_ore,") && csv.contains(",500000000078\n"), csv)
        try refused(["history", "project", "999"], db, mentions: ["999"])
        try refused(["history", "member", "212000-0001"], db)
        try refused(["history", "loan", "nope"], db)
        try refused(["history", "reading", "ALBY-TRIVSEL-LGH"], db, status: 64, mentions: ["--year"])
        try refused(["history", "reading", "ALBY-TRIVSEL-LGH", "--year", "2019"], db)
        try refused(["history", "ledger", "1"], db, status: 64)
        try refused(["history", "project"], db, status: 64)
    }

    // MARK: decide

    func testDecideMetOnATextTargetGivesTargetMet() throws {
        let db = try seededWithHallbar()
        let id = "ALBY-UPPSAGNINGAR-ANDRAHAND"   // a text target: not judged without a decision
        XCTAssertEqual(try followUp(db, year: "2023").indicators[id]?["status"] as? String, "not_assessed")
        let result = try ok(["decide", "--indicator", id, "--year", "2023", "--met", "--reason", "Samtliga tips följdes upp",
                             "--date", "2024-02-01", "--by", "Kommittén"], db)
        XCTAssertTrue(result.stdout.contains("met for 2023"), result.stdout)
        XCTAssertEqual(try followUp(db, year: "2023").indicators[id]?["status"] as? String, "target_met")
        XCTAssertEqual(try count(db, "SELECT count(*) FROM indicator_decisions WHERE indicator_id = '\(id)' AND met = 1 "
                                 + "AND decided_on = '2024-02-01' AND recorded_by = 'Kommittén'"), 1)
        // A later decision replaces it.
        try ok(["decide", "--indicator", id, "--year", "2023", "--not-met", "--reason", "Omprövat", "--date", "2024-05-01"], db)
        XCTAssertNotEqual(try followUp(db, year: "2023").indicators[id]?["status"] as? String, "target_met")
        let base = ["decide", "--indicator", id, "--year", "2023"]
        try refused(base + ["--not-met", "--reason", "r", "--date", "2024-06-01"], db, mentions: ["nothing"])      // same decision
        try refused(base + ["--met", "--reason", "r", "--date", "2024-04-30"], db, mentions: ["--date"])          // before the one in force
        try refused(base + ["--met", "--reason", "r", "--date", "2023-12-31"], db, mentions: ["--date"])          // year not over
        try refused(["decide", "--indicator", id, "--year", String(Self.today.year), "--met", "--reason", "r"], db, mentions: ["--date"])
        try refused(base + ["--met", "--reason", "r", "--date", Self.tomorrow], db, mentions: ["--date"])
        try refused(base + ["--met", "--date", "2024-06-01"], db, mentions: ["--reason"])
        try refused(base + ["--met", "--reason", "", "--date", "2024-06-01"], db, mentions: ["--reason"])
        try refused(["decide", "--indicator", "NO-SUCH", "--year", "2023", "--met", "--reason", "r", "--date", "2024-06-01"], db)
        try refused(base + ["--reason", "r", "--date", "2024-06-01"], db, status: 64)
        try refused(base + ["--met", "--not-met", "--reason", "r", "--date", "2024-06-01"], db, status: 64)
        try ok(["verify"], db)
    }

    // MARK: follow-up approval

    func testApprovalRulesOfDomainMd() throws {
        let db = try seededWithHallbar()
        let thisYear = String(Self.today.year)
        try refused(["followup", "approve", "--year", "2027", "--date", "2020-01-01"], db, mentions: ["--year"])
        try refused(["followup", "approve", "--year", thisYear, "--date", Self.today.description], db, mentions: ["--year"])
        try refused(["followup", "approve", "--year", "2023", "--date", "2023-06-01"], db, mentions: ["--date"])
        try refused(["followup", "approve", "--year", "2023", "--date", "2023-12-31"], db, mentions: ["--date"])
        try refused(["followup", "approve", "--year", "2023", "--date", Self.tomorrow], db, mentions: ["--date"])
        try refused(["followup", "approve", "--year", "2023", "--date", "2024-13-01"], db, status: 64, mentions: ["--date"])
        XCTAssertEqual(try count(db, "SELECT count(*) FROM followup_approvals"), 0)

        let first = try ok(["followup", "approve", "--year", "2023", "--date", "2024-03-20", "--note", "Protokoll 2024:3 §5"], db)
        XCTAssertTrue(first.stdout.contains("revision 1"), first.stdout)
        // Approving unchanged data again records nothing and says so (exit 0, no row).
        let before = try dump(db)
        let again = try ok(["followup", "approve", "--year", "2023", "--date", "2024-04-01"], db)
        XCTAssertTrue(again.stdout.contains("nothing was recorded"), again.stdout)
        XCTAssertTrue(try dump(db) == before, "approving unchanged data wrote something")
        XCTAssertEqual(try count(db, "SELECT count(*) FROM followup_approvals"), 1)
        // A correction, then a new revision: never dated before the previous one.
        try ok(["amend", "reading", "--indicator", "ALBY-TRIVSEL-LGH", "--year", "2023", "--value", "76", "--reason", "Felinmatat",
                "--date", "2024-03-20"], db)
        try refused(["followup", "approve", "--year", "2023", "--date", "2024-03-19"], db, mentions: ["--date"])
        let second = try ok(["followup", "approve", "--year", "2023", "--date", "2024-03-20"], db)
        XCTAssertTrue(second.stdout.contains("revision 2"), second.stdout)
        try ok(["verify"], db)
    }

    func testCorrectionOfAnApprovedYearShowsAsChangedUntilANewApproval() throws {
        let db = try seededWithHallbar()
        try ok(["followup", "approve", "--year", "2023", "--date", "2024-03-20"], db)
        // A reading for an approved year is refused by `reading` …
        try refused(["reading", "--indicator", "ALBY-TRIVSEL-LGH", "--year", "2023", "--value", "76"], db)
        // … and corrected by an amendment.
        try ok(["amend", "reading", "--indicator", "ALBY-TRIVSEL-LGH", "--year", "2023", "--value", "76", "--reason", "7,6 → 76",
                "--date", "2024-05-02"], db)
        let changed = try followUp(db, year: "2023")
        XCTAssertEqual(changed.indicators["ALBY-TRIVSEL-LGH"]?["value"] as? String, "86", "the approved record stays as approved")
        XCTAssertEqual(changed.indicators["ALBY-TRIVSEL-LGH"]?["changed_since_approval"] as? Bool, true)
        XCTAssertEqual(changed.indicators["ALBY-TRYGGHET-TRAPPHUS"]?["changed_since_approval"] as? Bool, false)
        XCTAssertEqual(changed.approval?["changed_indicators"] as? Int, 1)
        let table = try ok(["report", "followup", "--year", "2023"], db).stdout
        XCTAssertTrue(table.contains("ÄNDRAT SEDAN GODKÄNNANDET"), table)
        let html = path("followup.html")
        try ok(["report", "followup", "--year", "2023", "--format", "html", "--out", html], db)
        XCTAssertTrue(try String(contentsOfFile: html, encoding: .utf8).contains("ÄNDRAT SEDAN GODKÄNNANDET"))

        try ok(["followup", "approve", "--year", "2023", "--date", "2024-06-01", "--note", "Revision 2"], db)
        let approved = try followUp(db, year: "2023")
        XCTAssertEqual(approved.approval?["revision"] as? Int, 2)
        XCTAssertEqual(approved.indicators["ALBY-TRIVSEL-LGH"]?["value"] as? String, "76")
        XCTAssertEqual(approved.indicators["ALBY-TRIVSEL-LGH"]?["changed_since_approval"] as? Bool, false)
        XCTAssertFalse(try ok(["report", "followup", "--year", "2023"], db).stdout.contains("ÄNDRAT SEDAN GODKÄNNANDET"))
        let html2 = path("followup2.html")
        try ok(["report", "followup", "--year", "2023", "--format", "html", "--out", html2], db)
        XCTAssertFalse(try String(contentsOfFile: html2, encoding: .utf8).contains("ÄNDRAT SEDAN GODKÄNNANDET"))
        try ok(["verify"], db)
    }

    // MARK: import --amend

    /// `Seeds/projects.csv` with `change` applied to the rows it returns (others dropped).
    func projectsFile(_ name: String, _ change: ([String: String]) -> [String: String]?) throws -> String {
        let reader = try CSVReader(path: CLITestCase.packageRoot.appendingPathComponent("Seeds/projects.csv").path)
        let rows = try reader.readAll()
        let header = reader.header
        var text = header.joined(separator: ",") + "\n"
        for row in rows {
            guard let changed = change(Dictionary(uniqueKeysWithValues: zip(header, row))) else { continue }
            text += header.map { Self.quoted(changed[$0] ?? "") }.joined(separator: ",") + "\n"
        }
        return try writeFile(name, text)
    }

    static func quoted(_ field: String) -> String {
        field.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }

    func testImportAmendListsEveryAmendedRow() throws {
        let db = try seededWithHallbar()
        let file = try projectsFile("projects-amend.csv") { row in
            var row = row
            switch row["project_number"] {
            case "5001": row["title"] = "Kraftvärme och solpark"
            case "5002": row["approved_sek"] = "16000000000"
            case "5003": break   // unchanged
            case "14": row["status"] = "withdrawn"
            default: return nil
            }
            return row
        }
        // Without --amend the changed rows are refused, each named.
        try refused(["import", "projects", file], db, mentions: ["5001", "5002", "14", "--amend"])
        try refused(["import", "projects", file, "--amend"], db, mentions: ["--reason"])
        try refused(["import", "projects", file, "--amend", "--reason", ""], db, mentions: ["--reason"])
        try refused(["import", "projects", file, "--amend", "--reason", "r", "--date", Self.tomorrow], db, mentions: ["--date"])
        try refused(["import", "projects", file, "--amend", "--reason", "r", "--date", "2023-01-01"], db, mentions: ["14"])  // before #14's decision
        let result = try ok(["import", "projects", file, "--amend", "--reason", "Styrelsebeslut 2025-03-01", "--date", "2025-03-01",
                             "--by", "Anna"], db)
        for number in ["5001", "5002", "14"] {
            XCTAssertTrue(result.stdout.contains("amended project \(number): revision 2"), "row \(number) not listed: \(result.stdout)")
        }
        XCTAssertFalse(result.stdout.contains("amended project 5003"), result.stdout)
        XCTAssertTrue(result.stdout.contains("3 amended"), result.stdout)
        XCTAssertTrue(result.stdout.contains("1 already present"), result.stdout)
        let revisions = try history("project", "14", db)
        XCTAssertEqual(revisions[1]["reason"] as? String, "Styrelsebeslut 2025-03-01")
        XCTAssertEqual(revisions[1]["effective_date"] as? String, "2025-03-01")
        XCTAssertEqual(revisions[1]["recorded_by"] as? String, "Anna")
        XCTAssertEqual(change(revisions[1], "status")?.to, "withdrawn")
        XCTAssertEqual(try count(db, "SELECT rows_amended FROM import_batches ORDER BY batch_id DESC LIMIT 1"), 3)
        // The same file again: nothing changed, nothing recorded.
        let before = try dump(db)
        let again = try ok(["import", "projects", file, "--amend", "--reason", "igen", "--date", "2025-03-01"], db)
        XCTAssertTrue(again.stdout.contains("already present"), again.stdout)
        XCTAssertTrue(try dump(db) == before, "importing an unchanged file again wrote something")
        // A later file dated before the revisions now in force.
        let later = try projectsFile("projects-later.csv") { row in
            guard row["project_number"] == "5001" else { return nil }
            var row = row
            row["title"] = "Äldre titel"
            return row
        }
        try refused(["import", "projects", later, "--amend", "--reason", "r", "--date", "2025-02-01"], db, mentions: ["5001"])
        try refused(["import", "entries", CLITestCase.packageRoot.appendingPathComponent("Seeds/entries.csv").path, "--amend",
                     "--reason", "r"], db, mentions: ["reverse"])
        try ok(["verify"], db)
    }

    func testImportAmendOfMembersAndIndicators() throws {
        let db = try seededWithHallbar()
        let members = try writeFile("members.csv", "org_no,name,municipality_code\n212000-2882,Botkyrka kommun (KF),0127\n"
                                    + "212000-3005,Uppsala kommun,0380\n")
        let result = try ok(["import", "members", members, "--amend", "--reason", "Namnbyte"], db)
        XCTAssertTrue(result.stdout.contains("amended member 212000-2882"), result.stdout)
        XCTAssertEqual(try history("member", "212000-2882", db).count, 2)
        let indicators = try writeFile("indicators.csv",
            "indicator_id,project_number,area,goal,name,unit,direction,baseline_value,baseline_year,target,target_text,target_year\n"
            + "ALBY-TRIVSEL-LGH,1,Alby,Ökad trivsel,Trivsel i lägenheten Alby,index,higher,86.5,2022,>=92,92 (2025),2025\n")
        let amended = try ok(["import", "indicators", indicators, "--amend", "--reason", "Nytt mål"], db)
        XCTAssertTrue(amended.stdout.contains("ALBY-TRIVSEL-LGH"), amended.stdout)
        XCTAssertEqual(change(try history("indicator", "ALBY-TRIVSEL-LGH", db)[1], "target")?.to, ">=92")
        // A fixed field (the indicator's project) never changes, even with --amend.
        let moved = try writeFile("moved.csv",
            "indicator_id,project_number,area,goal,name,unit,direction,baseline_value,baseline_year,target,target_text,target_year\n"
            + "ALBY-TRIVSEL-LGH,2,Alby,Ökad trivsel,Trivsel i lägenheten Alby,index,higher,86.5,2022,>=92,92 (2025),2025\n")
        try refused(["import", "indicators", moved, "--amend", "--reason", "r"], db, mentions: ["project"])
        try ok(["verify"], db)
    }

    // MARK: withdrawn projects and the approved amount

    func testDisbursementOnAProjectWithdrawnOnTheValueDateIsRefused() throws {
        let db = try seededWithHallbar()
        // Project 26 (approved 300 mnkr; loan 220026, nothing disbursed) is withdrawn from 2025-03-01.
        try ok(["amend", "project", "26", "--status", "withdrawn", "--reason", "Återkallat", "--date", "2025-03-01"], db)
        try refused(["disburse", "--loan", "220026", "--date", "2025-03-01", "--amount", "1 000 000"], db, mentions: ["withdrawn"])
        try refused(["disburse", "--loan", "220026", "--date", "2025-09-01", "--amount", "1 000 000"], db, mentions: ["withdrawn"])
        let entries = try writeFile("entries.csv", "external_id,loan_number,value_date,amount_sek,kind\nW-1,220026,2025-04-01,1000,disbursement\n")
        try refused(["import", "entries", entries], db, mentions: ["entries.csv:2", "withdrawn"])
        // Before the withdrawal it was approved: a disbursement then is fine, and repayments always are.
        try ok(["disburse", "--loan", "220026", "--date", "2025-02-28", "--amount", "1 000 000", "--id", "W-0"], db)
        try ok(["repay", "--loan", "220026", "--date", "2025-04-01", "--amount", "500 000", "--id", "W-0R"], db)
        try ok(["verify"], db)
    }

    /// Withdrawing a project with effect before a disbursement already recorded on its loan
    /// would make the ledger break its own rule (verify: "disbursement … although its project
    /// is withdrawn on that date"): a ledger written only by hallbar must never have a finding,
    /// so the amendment is refused, or dated after the last disbursement.
    func testWithdrawalDatedBeforeAnExistingDisbursementIsRefused() throws {
        let db = try seededWithHallbar()
        let second = path("second.db")
        try FileManager.default.copyItem(atPath: db, toPath: second)
        // Project 14's loan 220014 received a disbursement on 2024-06-24.
        try refused(["amend", "project", "14", "--status", "withdrawn", "--reason", "Återkallat", "--date", "2024-01-01"], db,
                    mentions: ["--date"])
        let file = try projectsFile("withdraw.csv") { row in
            guard row["project_number"] == "14" else { return nil }
            var row = row
            row["status"] = "withdrawn"
            return row
        }
        try refused(["import", "projects", file, "--amend", "--reason", "Återkallat", "--date", "2024-01-01"], second)
        // The day after the disbursement it is fine.
        let third = try seededWithHallbar("third.db")
        try ok(["amend", "project", "14", "--status", "withdrawn", "--reason", "Återkallat", "--date", "2024-06-25"], third)
        let verify = try hallbar(["verify", "--db", third])
        XCTAssertEqual(verify.status, 0, verify.stdout)
    }

    /// When a green project is withdrawn, its loan leaves the green bond pool: the loan's
    /// eligibility must still be amendable (the loan keeps its project; only new loans and
    /// loans moved onto a withdrawn project are refused).
    func testTheEligibilityOfALoanOfAWithdrawnProjectCanBeAmended() throws {
        let db = try seededWithHallbar()
        // Project 5001 (loan 210001, last entry a repayment on 2024-12-02) withdrawn from 2025-06-01.
        try ok(["amend", "project", "5001", "--status", "withdrawn", "--reason", "Återkallat", "--date", "2025-06-01"], db)
        try ok(["amend", "loan", "210001", "--green-bond-eligible", "false", "--reason", "Projektet återkallat", "--date", "2025-06-01"], db)
        XCTAssertEqual(try count(db, "SELECT count(*) FROM loan_revisions"), 1)
        try ok(["verify"], db)
    }

    func testDisbursementBeyondTheApprovedAmountInForce() throws {
        let db = try seededWithHallbar()
        // Project 27: approved 70 mnkr on 2024-11-26; loan 220027, nothing disbursed.
        try refused(["disburse", "--loan", "220027", "--date", "2025-01-10", "--amount", "500 000 000"], db, mentions: ["--amount"])
        try ok(["disburse", "--loan", "220027", "--date", "2025-01-10", "--amount", "60 000 000", "--id", "C-1"], db)
        try refused(["disburse", "--loan", "220027", "--date", "2025-01-11", "--amount", "10 000 000,01"], db, mentions: ["--amount"])
        let entries = try writeFile("cap.csv", "external_id,loan_number,value_date,amount_sek,kind\nC-2,220027,2025-02-01,20000000,disbursement\n")
        try refused(["import", "entries", entries], db, mentions: ["cap.csv:2"])
        // Raised by amendment first, from 2025-02-01: then it goes through from that date, not before.
        try ok(["amend", "project", "27", "--approved-sek", "90 000 000", "--reason", "Utökat beslut", "--date", "2025-02-01"], db)
        try refused(["disburse", "--loan", "220027", "--date", "2025-01-31", "--amount", "20 000 000"], db, mentions: ["--amount"])
        try ok(["import", "entries", entries], db)
        try ok(["disburse", "--loan", "220027", "--date", "2025-02-02", "--amount", "10 000 000", "--id", "C-3"], db)
        try refused(["disburse", "--loan", "220027", "--date", "2025-02-03", "--amount", "0,01"], db, mentions: ["--amount"])
        // A reversed disbursement no longer counts.
        try ok(["reverse", "--entry", "C-3", "--reason", "Fel belopp"], db)
        try ok(["disburse", "--loan", "220027", "--date", "2025-02-03", "--amount", "10 000 000", "--id", "C-4"], db)
        // Lowering the approved amount below what was disbursed is refused.
        try refused(["amend", "project", "27", "--approved-sek", "80 000 000", "--reason", "r", "--date", "2025-03-01"], db,
                    mentions: ["--approved-sek"])
        try ok(["verify"], db)
    }

    // MARK: reports as of a date

    func testAProjectWithdrawnIn2025IsStillApprovedInThe2024Report() throws {
        let db = try seededWithHallbar()
        func social(_ date: String) throws -> (projects: Int, approved: Int) {
            let object = try json(["report", "social", "--as-of", date], db)
            return (object["approved_projects"] as? Int ?? -1, object["approved_ore"] as? Int ?? -1)
        }
        let before2024 = try social("2024-12-31"), before0228 = try social("2025-02-28"), before2025 = try social("2025-06-30")
        // Project 14 (social, approved 150 mnkr = 15 000 000 000 öre).
        try ok(["amend", "project", "14", "--status", "withdrawn", "--reason", "Återkallat av kommunen", "--date", "2025-03-01"], db)
        let after2024 = try social("2024-12-31"), after2025 = try social("2025-06-30"), after0228 = try social("2025-02-28")
        XCTAssertEqual(after2024.projects, before2024.projects, "as of 2024-12-31 project 14 was approved")
        XCTAssertEqual(after2024.approved, before2024.approved)
        XCTAssertEqual(after0228.projects, before0228.projects, "the day before the withdrawal it still counts")
        XCTAssertEqual(after0228.approved, before0228.approved)
        XCTAssertEqual(after2025.projects, before2025.projects - 1)
        XCTAssertEqual(after2025.approved, before2025.approved - 15_000_000_000)
        // The reports print the state they read: the head changed with the amendment.
        let head = try json(["report", "social", "--as-of", "2024-12-31"], db)["meta"] as? [String: Any]
        XCTAssertNotNil(head?["ledger_head"] as? String)
    }

    // MARK: close and reopen

    func testClosedPeriodRefusesEntriesReversalsAndAmendments() throws {
        let db = try seededWithHallbar()
        try refused(["close", "--through", "2024-12-31"], db, mentions: ["--reason"])
        try refused(["close", "--through", "2024-12-31", "--reason", ""], db, mentions: ["--reason"])
        try refused(["close", "--through", Self.tomorrow, "--reason", "r"], db, mentions: ["--through"])
        try refused(["close", "--through", "2024-02-30", "--reason", "r"], db, status: 65)
        try refused(["reopen", "--through", "2024-12-31", "--reason", "r"], db, mentions: ["--through"])
        let closed = try ok(["close", "--through", "2024-12-31", "--reason", "Bokslut 2024 publicerat", "--by", "Revisor"], db)
        XCTAssertTrue(closed.stdout.contains("2024-12-31"), closed.stdout)
        try refused(["close", "--through", "2024-06-30", "--reason", "r"], db, mentions: ["--through"])   // already closed further

        try refused(["disburse", "--loan", "220026", "--date", "2024-12-31", "--amount", "1000"], db, mentions: ["closed"])
        try refused(["repay", "--loan", "220001", "--date", "2024-06-01", "--amount", "1000"], db, mentions: ["closed"])
        try refused(["reverse", "--entry", "E-000001", "--reason", "r"], db, mentions: ["closed"])
        let entries = try writeFile("late.csv", "external_id,loan_number,value_date,amount_sek,kind\nL-1,220026,2024-11-30,1000,disbursement\n")
        try refused(["import", "entries", entries], db, mentions: ["late.csv:2", "closed"])
        try refused(["amend", "project", "14", "--title", "X", "--reason", "r", "--date", "2024-12-31"], db, mentions: ["closed"])
        try refused(["amend", "loan", "210007", "--green-bond-eligible", "true", "--reason", "r", "--date", "2024-01-01"], db,
                    mentions: ["closed"])
        let file = try projectsFile("closed-amend.csv") { row in
            guard row["project_number"] == "5001" else { return nil }
            var row = row
            row["title"] = "Ny"
            return row
        }
        try refused(["import", "projects", file, "--amend", "--reason", "r", "--date", "2024-12-31"], db, mentions: ["closed"])
        // After the closed date everything goes through.
        try ok(["disburse", "--loan", "220026", "--date", "2025-01-02", "--amount", "1000", "--id", "OPEN-1"], db)
        try ok(["amend", "project", "14", "--title", "Ny titel", "--reason", "r", "--date", "2025-01-01"], db)

        // Reports as of a closed date say so, and by whom.
        let inside = try json(["report", "shares", "--as-of", "2024-06-30"], db)["meta"] as? [String: Any]
        let period = inside?["period_closed"] as? [String: Any]
        XCTAssertEqual(period?["through"] as? String, "2024-12-31")
        XCTAssertEqual(period?["closed_by"] as? String, "Revisor")
        XCTAssertEqual(period?["reason"] as? String, "Bokslut 2024 publicerat")
        XCTAssertTrue((try json(["report", "shares", "--as-of", "2025-06-30"], db)["meta"] as? [String: Any])?["period_closed"] is NSNull)
        XCTAssertTrue(try ok(["report", "shares", "--as-of", "2024-06-30"], db).stdout.contains("Revisor"))

        // Reopening is a recorded decision; then the backdated entry goes through.
        try refused(["reopen", "--through", "2024-12-31"], db, mentions: ["--reason"])
        try ok(["reopen", "--through", "2024-12-31", "--reason", "Rättelse av november", "--by", "Revisor"], db)
        XCTAssertEqual(try count(db, "SELECT count(*) FROM period_closes"), 2)
        try ok(["import", "entries", entries], db)
        try ok(["verify"], db)
    }

    func testNestedClosesReopenToTheEarlierClose() throws {
        let db = try seededWithHallbar()
        try ok(["close", "--through", "2023-12-31", "--reason", "Bokslut 2023"], db)
        try ok(["close", "--through", "2024-12-31", "--reason", "Bokslut 2024"], db)
        try ok(["reopen", "--through", "2024-06-30", "--reason", "Rättelse 2024"], db)
        try refused(["disburse", "--loan", "220026", "--date", "2023-12-31", "--amount", "1000"], db, mentions: ["2023-12-31"])
        try ok(["disburse", "--loan", "220001", "--date", "2024-01-01", "--amount", "1000", "--id", "N-1"], db)
        // Closing "now" makes even today's amendments (member, borrower) wait for a reopen.
        try ok(["close", "--through", Self.today.description, "--reason", "Allt stängt"], db)
        try refused(["amend", "member", "212000-2882", "--name", "X", "--reason", "r"], db, mentions: ["closed"])
        try ok(["verify"], db)
    }

    // MARK: verify --against

    func testVerifyAgainstAHeadAReportPrinted() throws {
        let db = try seededWithHallbar()
        let meta = try json(["report", "shares", "--as-of", "2024-12-31"], db)["meta"] as? [String: Any]
        let head = try XCTUnwrap(meta?["ledger_head"] as? String)
        XCTAssertTrue(head.hasPrefix("sha256:") && head.count == 71, head)
        let same = try ok(["verify", "--against", head], db)
        XCTAssertTrue(same.stdout.contains("nothing written since"), same.stdout)
        try ok(["disburse", "--loan", "220026", "--date", "2025-01-02", "--amount", "1000", "--id", "A-1"], db)
        try ok(["amend", "project", "14", "--title", "Ny", "--reason", "r", "--date", "2025-01-01"], db)
        let later = try ok(["verify", "--against", head], db)
        XCTAssertTrue(later.stdout.contains("2 rows written since"), later.stdout)
        XCTAssertTrue(try ok(["verify", "--against", head.uppercased().replacingOccurrences(of: "SHA256:", with: "sha256:")], db)
            .stdout.contains("written since"))
        // A head this ledger never had.
        let unknown = try refused(["verify", "--against", "sha256:" + String(repeating: "ab", count: 32)], db)
        XCTAssertTrue(unknown.stdout.contains("head:"), unknown.stdout)
        try refused(["verify", "--against", "sha256:abc"], db, status: 64)
        try refused(["verify", "--against", head.replacingOccurrences(of: "sha256:", with: "")], db, status: 64)
        try refused(["verify", "--against"], db, status: 64)

        try ok(["verify"], db)
    }

    func testVerifyAgainstFindsALedgerCutBackSinceTheReport() throws {
        let db = try seededWithHallbar()
        try ok(["disburse", "--loan", "220026", "--date", "2025-01-02", "--amount", "1000", "--id", "A-1"], db)
        try ok(["amend", "project", "14", "--title", "Ny", "--reason", "r", "--date", "2025-01-01"], db)
        let meta = try json(["report", "shares", "--as-of", "2025-06-30"], db)["meta"] as? [String: Any]
        let head = try XCTUnwrap(meta?["ledger_head"] as? String)
        try ok(["verify", "--against", head], db)
        let names = try sqlite3(db, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'project_revisions'")
            .stdout.split(separator: "\n")
        let triggers = try sqlite3(db, "SELECT sql || ';' FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'project_revisions'").stdout
        let cut = try sqlite3(db, names.map { "DROP TRIGGER \"\($0)\";" }.joined()
                              + "DELETE FROM project_revisions WHERE project_number = 14;" + triggers)
        XCTAssertEqual(cut.status, 0, cut.stderr)
        let result = try refused(["verify", "--against", head], db)
        XCTAssertTrue(result.stdout.contains("head:"), result.stdout)
        XCTAssertTrue(result.stdout.contains(head), result.stdout)
    }

    // MARK: --wait

    /// Holds the write lock of `db` from a `sqlite3` shell until `release` is called.
    final class LockHolder: @unchecked Sendable {
        let process = Process()
        let input = Pipe()
        let output = Pipe()

        init(_ db: String) throws {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["sqlite3", "-batch", db]
            process.standardInput = input
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            input.fileHandleForWriting.write(Data("BEGIN IMMEDIATE;\nSELECT 'locked';\n".utf8))
            var seen = Data()
            while !String(decoding: seen, as: UTF8.self).contains("locked") {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                seen.append(chunk)
            }
        }

        func release() throws {
            input.fileHandleForWriting.write(Data("ROLLBACK;\n.quit\n".utf8))
            try input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
    }

    func testWaitGivesUpWithExit69AndWaitsForTheOtherWriter() throws {
        let db = try seededWithHallbar()
        let before = try dump(db)
        let lock = try LockHolder(db)
        let start = Date()
        let busy = try hallbar(["disburse", "--loan", "220026", "--date", "2025-01-02", "--amount", "1000", "--wait", "1", "--db", db])
        let waited = Date().timeIntervalSince(start)
        XCTAssertEqual(busy.status, 69, busy.stderr)
        XCTAssertGreaterThanOrEqual(waited, 0.9, "it gave up before --wait 1 had passed")
        XCTAssertLessThan(waited, 10, "it waited far beyond --wait 1")
        for arguments in [["amend", "project", "14", "--title", "X", "--reason", "r"], ["close", "--through", "2024-12-31", "--reason", "r"],
                          ["decide", "--indicator", "ALBY-HYRESNIVA", "--year", "2023", "--met", "--reason", "r", "--date", "2024-02-01"],
                          ["followup", "approve", "--year", "2023", "--date", "2024-03-20"]] {
            let result = try hallbar(arguments + ["--wait", "0.2", "--db", db])
            XCTAssertEqual(result.status, 69, "\(arguments): \(result.stderr)")
        }
        // Released while a writer waits: it goes through.
        let release = DispatchQueue.global()
        release.asyncAfter(deadline: .now() + 1.5) { try? lock.release() }
        let start2 = Date()
        let waitedFor = try hallbar(["disburse", "--loan", "220026", "--date", "2025-01-02", "--amount", "1000", "--id", "WAIT-1",
                                     "--wait", "20", "--db", db])
        XCTAssertEqual(waitedFor.status, 0, waitedFor.stderr)
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(start2), 1.0)
        XCTAssertTrue(try dump(db) != before)
        XCTAssertEqual(try count(db, "SELECT count(*) FROM ledger_entries WHERE external_id = 'WAIT-1'"), 1)
        try refused(["disburse", "--loan", "220026", "--date", "2025-01-02", "--amount", "1000", "--wait", "soon"], db, status: 64)
        try refused(["disburse", "--loan", "220026", "--date", "2025-01-02", "--amount", "1000", "--wait", "-1"], db, status: 64)
    }

    func testEveryWriterTakesWait() throws {
        for command in [["seed"], ["import"], ["disburse"], ["repay"], ["reverse"], ["reading"], ["amend", "project"], ["amend", "loan"],
                        ["amend", "member"], ["amend", "borrower"], ["amend", "indicator"], ["amend", "reading"], ["amend", "reference"],
                        ["decide"], ["followup", "approve"], ["close"], ["reopen"], ["assert"]] {
            let help = try hallbar(command + ["--help"])
            XCTAssertTrue(help.stdout.contains("--wait"), "\(command.joined(separator: " ")) has no --wait: \(help.stdout)")
        }
    }

    // MARK: no false alarms

    func testDemoLedgerPlusProject30VerifiesClean() throws {
        let db = try seededWithHallbar()
        let file = try projectsFile("project30.csv") { row in
            guard row["project_number"] == "14" else { return nil }
            var row = row
            row["project_number"] = "30"
            row["title"] = "Trygga mötesplatser Hallunda"
            row["decision_date"] = "2025-05-27"
            return row
        }
        let result = try ok(["import", "projects", file], db)
        XCTAssertTrue(result.stdout.contains("1 new"), result.stdout)
        let verify = try hallbar(["verify", "--db", db])
        XCTAssertEqual(verify.status, 0, "verify cries wolf on project 30: \(verify.stdout)")
        XCTAssertEqual(verify.stdout, "")
    }

    func testSeedProjectsImportedInReverseOrderVerifyClean() throws {
        let db = path("reverse.db")
        try ok(["init"], db)
        let seeds = CLITestCase.packageRoot.appendingPathComponent("Seeds")
        try ok(["import", "members", seeds.appendingPathComponent("members.csv").path], db)
        try ok(["import", "borrowers", seeds.appendingPathComponent("borrowers.csv").path], db)
        let reader = try CSVReader(path: seeds.appendingPathComponent("projects.csv").path)
        let rows = try reader.readAll()
        XCTAssertEqual(rows.count, 38)
        let text = ([reader.header] + rows.reversed()).map { $0.map(Self.quoted).joined(separator: ",") }.joined(separator: "\n") + "\n"
        let file = try writeFile("projects-reversed.csv", text)
        let imported = try ok(["import", "projects", file], db)
        XCTAssertTrue(imported.stdout.contains("38 new"), imported.stdout)
        let verify = try hallbar(["verify", "--db", db])
        XCTAssertEqual(verify.status, 0, "verify cries wolf on projects imported in reverse order: \(verify.stdout)")
        // And the rest of the seeds on top, in file order, then one by one in reverse key order.
        try ok(["import", "loans", seeds.appendingPathComponent("loans.csv").path], db)
        try ok(["import", "entries", seeds.appendingPathComponent("entries.csv").path], db)
        XCTAssertEqual(try hallbar(["verify", "--db", db]).status, 0)
    }
}
