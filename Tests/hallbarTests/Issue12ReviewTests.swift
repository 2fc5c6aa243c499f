import Foundation
import XCTest

/// What an outside review of issue 12 found, each through the built binary: re-imports after
/// an amendment, dates before a record existed, the social report by the loan revision in
/// force, approvals and decisions against the data they freeze and a closed period, a change
/// of owner that would break a loan, an import row that repeats an earlier revision, and
/// `verify --against` beside other findings.
final class Issue12ReviewTests: CLITestCase {
    /// A file with `header` and `rows`, `,`-delimited.
    func csv(_ name: String, _ header: String, _ rows: [String]) throws -> String {
        try writeFile(name, ([header] + rows).joined(separator: "\n") + "\n")
    }

    func testAnUnchangedFileImportsAgainAfterItsProjectWasWithdrawn() throws {
        let db = try seededWithHallbar()
        let loans = try csv("loans.csv", "loan_number,borrower_org_no,programme,project_number,green_bond_eligible",
                            ["220014,212000-2882,social,14,"])
        XCTAssertTrue(try ok(["import", "loans", loans], db).stdout.contains("0 new, 1 already present"))
        try ok(["amend", "project", "14", "--status", "withdrawn", "--reason", "Återkallat", "--date", "2025-01-01"], db)
        // The row is on the ledger as it was: already present, not refused by the rule for new loans.
        XCTAssertTrue(try ok(["import", "loans", loans], db).stdout.contains("0 new, 1 already present"))
        // A new loan for the withdrawn project is still refused.
        let fresh = try csv("fresh.csv", "loan_number,borrower_org_no,programme,project_number,green_bond_eligible",
                            ["220099,212000-2882,social,14,"])
        try refused(["import", "loans", fresh], db, mentions: ["withdrawn"])
        // The whole demo imports again as it is.
        try ok(["seed", "--dir", CLITestCase.packageRoot.appendingPathComponent("Seeds").path], db)
        try ok(["verify"], db)
    }

    func testARowThatRepeatsAnEarlierRevisionIsAlreadyPresentWithANote() throws {
        let db = try seededWithHallbar()
        let name = try sqlite3(db, "SELECT name FROM members WHERE org_no = '212000-2882'").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try ok(["amend", "member", "212000-2882", "--name", "Botkyrka kommun (KF)", "--reason", "Namnbyte"], db)
        let old = try csv("old.csv", "org_no,name,municipality_code", ["212000-2882,\(name),0127"])
        let result = try ok(["import", "members", old], db)
        XCTAssertTrue(result.stdout.contains("0 new, 1 already present"), result.stdout)
        XCTAssertTrue(result.stdout.contains("note: \(old):2: member 212000-2882 matches its revision 1, not revision 2 in force"),
                      result.stdout)
        // With --amend it becomes revision 3.
        try ok(["import", "members", old, "--amend", "--reason", "Tillbaka"], db)
        XCTAssertEqual(try history("member", "212000-2882", db).count, 3)
    }

    func testNoKindOfRecordChangesBeforeItExisted() throws {
        let db = try seededWithHallbar()
        // Loan 210007 finances project 5007, decided 2022-10-18.
        try refused(["amend", "loan", "210007", "--programme", "other", "--reason", "r", "--date", "1990-01-01"], db, mentions: ["--date"])
        try refused(["amend", "loan", "210007", "--green-bond-eligible", "true", "--reason", "r", "--date", "2022-10-17"], db,
                    mentions: ["--date"])
        // An indicator of project 1 (decided 2022-03-15); a reading and a reference of 2023.
        try refused(["amend", "indicator", "ALBY-TRIVSEL-LGH", "--target", ">=88", "--reason", "r", "--date", "2022-03-14"], db,
                    mentions: ["--date"])
        try refused(["amend", "reading", "--indicator", "ALBY-TRIVSEL-LGH", "--year", "2023", "--value", "70", "--reason", "r",
                     "--date", "2022-12-31"], db, mentions: ["--date"])
        try refused(["amend", "reference", "riket_ak9_godkanda_flickor", "--year", "2023", "--value", "70", "--reason", "r",
                     "--date", "2020-01-01"], db, mentions: ["--date"])
        let readings = try csv("readings.csv", "indicator_id,year,value", ["ALBY-TRIVSEL-LGH,2023,70"])
        try refused(["import", "readings", readings, "--amend", "--reason", "r", "--date", "2020-01-01"], db)
        // On or after the start they go through.
        try ok(["amend", "reading", "--indicator", "ALBY-TRIVSEL-LGH", "--year", "2023", "--value", "70", "--reason", "r",
                "--date", "2023-01-01"], db)
        try ok(["amend", "loan", "210007", "--green-bond-eligible", "true", "--reason", "r", "--date", "2022-10-18"], db)
        try ok(["verify"], db)
    }

    func testTheSocialReportCountsALoanByItsRevisionInForce() throws {
        let db = try seededWithHallbar()
        let loan = "220014"
        let before = try json(["report", "social", "--as-of", "2025-06-30"], db)
        try ok(["amend", "loan", loan, "--programme", "other", "--reason", "Fel program", "--date", "2025-07-01"], db)
        let balance = Int(try sqlite3(db, """
            SELECT sum(balance_effect_ore) FROM ledger_entries e JOIN loans l USING (loan_id)
            WHERE l.loan_number = '\(loan)' AND e.value_date <= '2025-07-01'
            """).stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        XCTAssertGreaterThan(balance, 0)
        // The day before: unchanged. From the effective date: the loan's balance is no longer social.
        XCTAssertEqual(try json(["report", "social", "--as-of", "2025-06-30"], db)["outstanding_ore"] as? Int,
                       before["outstanding_ore"] as? Int)
        let after = try json(["report", "social", "--as-of", "2025-07-01"], db)
        let shares = try self.shares(db, "2025-07-01")
        XCTAssertEqual(after["outstanding_ore"] as? Int, shares["social_ore"] as? Int, "social report and shares agree")
        XCTAssertEqual((before["outstanding_ore"] as? Int ?? 0) - balance, after["outstanding_ore"] as? Int)
        // `list projects` counts the loan the same way: on project 14 the day before, not from the date.
        func listed(_ date: String) throws -> Int? {
            let rows = try json(["list", "projects", "--project", "14", "--as-of", date], db)["projects"] as? [[String: Any]]
            return rows?.first?["outstanding_ore"] as? Int
        }
        XCTAssertEqual(try listed("2025-06-30"), balance)
        XCTAssertEqual(try listed("2025-07-01"), 0)
    }

    func testALoanMovesToAnotherProjectOnlyFromBeforeItsFirstEntry() throws {
        let db = try seededWithHallbar()
        // Loan 220001 (project 1) has entries; moving it to project 15 later than its first entry is refused.
        try refused(["amend", "loan", "220001", "--project", "15", "--reason", "r", "--date", "2025-01-01"], db,
                    mentions: ["--date", "has entries from", "new loan"])
    }

    func testAnApprovalIsDatedOnOrAfterEverythingItFreezes() throws {
        let db = try seededWithHallbar()
        try ok(["decide", "--indicator", "ALBY-HYRESNIVA", "--year", "2023", "--met", "--reason", "Beslut", "--date", "2025-02-01"], db)
        try refused(["followup", "approve", "--year", "2023", "--date", "2024-12-15"], db,
                    mentions: ["--date", "the decision on ALBY-HYRESNIVA for 2023", "2025-02-01"])
        try ok(["followup", "approve", "--year", "2023", "--date", "2025-02-01"], db)
        try ok(["amend", "reading", "--indicator", "ALBY-TRIVSEL-LGH", "--year", "2023", "--value", "70", "--reason", "r",
                "--date", "2025-03-01"], db)
        try refused(["followup", "approve", "--year", "2023", "--date", "2025-02-28"], db,
                    mentions: ["revision 2 of the reading of ALBY-TRIVSEL-LGH for 2023"])
        try ok(["followup", "approve", "--year", "2023", "--date", "2025-03-01"], db)
        try ok(["verify"], db)
    }

    func testDecisionsAndApprovalsRespectAClosedPeriod() throws {
        let db = try seededWithHallbar()
        try ok(["close", "--through", "2024-12-31", "--reason", "Bokslut"], db)
        try refused(["decide", "--indicator", "ALBY-HYRESNIVA", "--year", "2023", "--met", "--reason", "r", "--date", "2024-12-01"], db,
                    mentions: ["closed"])
        try refused(["followup", "approve", "--year", "2023", "--date", "2024-12-01"], db, mentions: ["closed"])
        try ok(["decide", "--indicator", "ALBY-HYRESNIVA", "--year", "2023", "--met", "--reason", "r", "--date", "2025-01-02"], db)
        try ok(["followup", "approve", "--year", "2023", "--date", "2025-01-02"], db)
        // A year before the indicator's project was decided (project 1: 2022) is not followed up.
        try refused(["decide", "--indicator", "ALBY-HYRESNIVA", "--year", "2021", "--met", "--reason", "r", "--date", "2025-01-02"], db,
                    mentions: ["--year"])
        try ok(["verify"], db)
    }

    func testANewOwnerThatWouldSeparateALoanFromItsProjectIsRefused() throws {
        let db = try seededWithHallbar()
        // Project 1 belongs to Botkyrkabyggen (556900-1018), owned by Botkyrka (212000-2882);
        // Botkyrka itself borrows for it.
        let owner = try sqlite3(db, "SELECT owner_org_no FROM borrowers WHERE org_no = '556900-1018'").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let loans = try csv("loan.csv", "loan_number,borrower_org_no,programme,project_number,green_bond_eligible",
                            ["229901,\(owner),social,1,"])
        try ok(["import", "loans", loans], db)
        try refused(["amend", "borrower", "556900-1018", "--owner-org-no", "212000-3005", "--reason", "Såld"], db,
                    mentions: ["--owner-org-no", "loan 229901"])
        try ok(["import", "loans", loans], db)
        try ok(["verify"], db)
    }

    func testVerifyAgainstSaysTheHeadIsHeldBesideOtherFindings() throws {
        let db = try seededWithHallbar()
        let head = try json(["report", "shares", "--as-of", "2024-12-31"], db)
        let meta = head["meta"] as? [String: Any] ?? [:]
        let text = meta["ledger_head"] as? String ?? meta["head"] as? String ?? ""
        XCTAssertTrue(text.hasPrefix("sha256:"), "\(meta)")
        try ok(["assert", "--programme", "green", "--as-of", "2024-12-31", "--amount", "1"], db)
        let result = try hallbar(["verify", "--db", db, "--against", text])
        XCTAssertEqual(result.status, 65, result.stdout)
        XCTAssertTrue(result.stdout.contains("assertion:"), result.stdout)
        XCTAssertTrue(result.stdout.contains("The ledger holds \(text)"), result.stdout)
    }
}
