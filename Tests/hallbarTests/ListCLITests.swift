import Foundation
import XCTest

/// `list`, `show` and `balance` through the built binary, on the demo ledger (`hallbar seed`).
/// Expected figures are worked out by hand from Seeds/entries.csv and Seeds/loans.csv.
final class ListCLITests: ReportCLITestCase {
    /// The rows of a list's JSON under `key`.
    func rows(_ arguments: [String], _ key: String, file: StaticString = #filePath, line: UInt = #line) throws -> [[String: Any]] {
        let object = try json(arguments + ["--format", "json"], file: file, line: line)
        return try XCTUnwrap(object[key] as? [[String: Any]], "no \(key) in \(object.keys.sorted())", file: file, line: line)
    }

    func int(_ value: Any?) -> Int64? { (value as? NSNumber)?.int64Value }

    /// The loan `number` of `list loans` as of `date`.
    func loan(_ db: String, _ number: String, asOf date: String) throws -> [String: Any] {
        let loans = try rows(["list", "loans", "--db", db, "--as-of", date, "--loan", number], "loans")
        XCTAssertEqual(loans.count, 1)
        return try XCTUnwrap(loans.first)
    }

    static let loanKeys: Set<String> = ["loan_number", "borrower_org_no", "member_org_no", "programme", "project_number",
                                        "green_bond_eligible", "disbursed_ore", "repaid_ore", "outstanding_ore"]

    func testListLoansHasCliMdKeysAndTheSeedsFigures() throws {
        let db = try seededWithHallbar()
        let object = try json(["list", "loans", "--db", db, "--as-of", "2024-12-31", "--format", "json"])
        XCTAssertEqual(object["as_of"] as? String, "2024-12-31")
        let loans = try XCTUnwrap(object["loans"] as? [[String: Any]])
        XCTAssertEqual(loans.count, 41, "every loan of Seeds/loans.csv")
        for loan in loans { XCTAssertEqual(Set(loan.keys), Self.loanKeys) }
        let meta = try XCTUnwrap(object["meta"] as? [String: Any])
        XCTAssertTrue((meta["ledger_head"] as? String)?.hasPrefix("sha256:") ?? false)
        // 210001 (green, eligible): disbursed 10 000 000 000 + 4 000 000 000 + 2 000 000 000 kr,
        // repaid 500 000 000 + 500 000 000 kr.
        let green = try XCTUnwrap(loans.first { $0["loan_number"] as? String == "210001" })
        XCTAssertEqual(int(green["disbursed_ore"]), 1_600_000_000_000)
        XCTAssertEqual(int(green["repaid_ore"]), 100_000_000_000)
        XCTAssertEqual(int(green["outstanding_ore"]), 1_500_000_000_000)
        XCTAssertEqual(green["green_bond_eligible"] as? Bool, true)
        XCTAssertEqual(int(green["project_number"]), 5001)
        XCTAssertEqual(green["borrower_org_no"] as? String, "556900-1117")
        // 230001 (other lending): no project, no eligibility.
        let other = try XCTUnwrap(loans.first { $0["loan_number"] as? String == "230001" })
        XCTAssertTrue(other["project_number"] is NSNull)
        XCTAssertTrue(other["green_bond_eligible"] is NSNull)
        XCTAssertEqual(int(other["disbursed_ore"]), 13_500_000_000_000)
        XCTAssertEqual(int(other["repaid_ore"]), 1_000_000_000_000)
        // Earlier dates leave later entries out.
        let earlier = try loan(db, "210001", asOf: "2023-12-31")
        XCTAssertEqual(int(earlier["disbursed_ore"]), 1_400_000_000_000)
        XCTAssertEqual(int(earlier["repaid_ore"]), 50_000_000_000)
        XCTAssertEqual(int(earlier["outstanding_ore"]), 1_350_000_000_000)
        // The loans add up to the total of report shares (a different query).
        let total = loans.compactMap { int($0["outstanding_ore"]) }.reduce(0, +)
        let shares = try json(["report", "shares", "--db", db, "--as-of", "2024-12-31", "--format", "json"])
        let dates = try XCTUnwrap(shares["dates"] as? [String: [String: Any]])
        XCTAssertEqual(total, int(dates["2024-12-31"]?["total_ore"]))
    }

    func testListLoansAsOfFollowsAnAmendment() throws {
        let db = try seededWithHallbar()
        XCTAssertEqual(try loan(db, "210007", asOf: "2025-06-01")["green_bond_eligible"] as? Bool, false)
        try succeed(["amend", "loan", "210007", "--db", db, "--green-bond-eligible", "true", "--date", "2025-06-01",
                     "--reason", "compliance measures finished"])
        XCTAssertEqual(try loan(db, "210007", asOf: "2025-05-31")["green_bond_eligible"] as? Bool, false, "before the date")
        XCTAssertEqual(try loan(db, "210007", asOf: "2025-06-01")["green_bond_eligible"] as? Bool, true, "from the date")
        let before = try json(["show", "loan", "210007", "--db", db, "--as-of", "2025-05-31", "--format", "json"])
        let after = try json(["show", "loan", "210007", "--db", db, "--as-of", "2025-06-01", "--format", "json"])
        XCTAssertEqual(int(before["revision"]), 1)
        XCTAssertEqual(int(after["revision"]), 2)
        XCTAssertEqual(after["green_bond_eligible"] as? Bool, true)
        // The green bond eligible loans: one more from the date.
        let eligible = try rows(["list", "loans", "--db", db, "--as-of", "2025-06-01", "--programme", "green"], "loans")
            .filter { $0["green_bond_eligible"] as? Bool == true }.count
        let eligibleBefore = try rows(["list", "loans", "--db", db, "--as-of", "2025-05-31", "--programme", "green"], "loans")
            .filter { $0["green_bond_eligible"] as? Bool == true }.count
        XCTAssertEqual(eligible, eligibleBefore + 1)
    }

    func testReversalsAndTheSingleRecordIdAreFound() throws {
        let db = try seededWithHallbar()
        let repay = try succeed(["repay", "--db", db, "--loan", "220002", "--date", "2025-02-01", "--amount", "1000"]).stdout
        // "Recorded repayment cli-…: loan 220002, …": the generated id, found again below.
        let id = try XCTUnwrap(repay.split(separator: " ").dropFirst(2).first.map { String($0.dropLast()) })
        XCTAssertTrue(id.hasPrefix("cli-"), repay)
        try succeed(["reverse", "--db", db, "--entry", id, "--reason", "wrong loan"])
        try succeed(["disburse", "--db", db, "--loan", "220002", "--date", "2025-02-02", "--amount", "500", "--id", "D1"])
        try succeed(["reverse", "--db", db, "--entry", "D1", "--reason", "duplicate"])
        try succeed(["disburse", "--db", db, "--loan", "220002", "--date", "2025-02-03", "--amount", "7", "--id", "D2"])
        try succeed(["repay", "--db", db, "--loan", "220002", "--date", "2025-02-04", "--amount", "3", "--id", "R2"])
        // Seeds: 150 000 000 + 100 000 000 + 150 000 000 kr disbursed; reversed entries drop out.
        let loan = try json(["show", "loan", "220002", "--db", db, "--as-of", "2025-12-31", "--format", "json"])
        XCTAssertTrue(Self.loanKeys.isSubset(of: Set(loan.keys)))
        XCTAssertEqual(int(loan["disbursed_ore"]), 40_000_000_700)
        XCTAssertEqual(int(loan["repaid_ore"]), 300)
        XCTAssertEqual(int(loan["outstanding_ore"]), 40_000_000_400)
        XCTAssertEqual(loan["borrower_name"] as? String, "Uppsalahem AB")
        XCTAssertEqual(loan["member_name"] as? String, "Uppsala kommun")
        let entries = try XCTUnwrap(loan["entries"] as? [[String: Any]])
        XCTAssertEqual(entries.count, 9)
        let keys: Set<String> = ["external_id", "value_date", "kind", "amount_ore", "reverses", "reversed_by", "recorded_at",
                                 "recorded_by", "batch_id"]
        for entry in entries { XCTAssertTrue(keys.isSubset(of: Set(entry.keys)), "\(entry.keys)") }
        let repayment = try XCTUnwrap(entries.first { $0["external_id"] as? String == id })
        XCTAssertEqual(repayment["reversed_by"] as? String, id + "-R")
        XCTAssertTrue(repayment["batch_id"] is NSNull, "a single record has no batch")
        let reversal = try XCTUnwrap(entries.first { $0["external_id"] as? String == id + "-R" })
        XCTAssertEqual(reversal["reverses"] as? String, id)
        XCTAssertEqual(reversal["kind"] as? String, "reversal")
        XCTAssertEqual(int(entries.last?["balance_ore"]), 40_000_000_400, "the balance after the last entry")
        XCTAssertEqual(int(entries[0]["batch_id"]), 5, "the seed's entries came with batch 5")
        // list loans agrees with show loan.
        let listed = try self.loan(db, "220002", asOf: "2025-12-31")
        for key in ["disbursed_ore", "repaid_ore", "outstanding_ore"] { XCTAssertEqual(int(listed[key]), int(loan[key]), key) }
        // The generated id: show entry, and list entries --loan.
        let entry = try json(["show", "entry", id, "--db", db, "--format", "json"])
        XCTAssertEqual(entry["loan_number"] as? String, "220002")
        XCTAssertEqual(entry["reversed_by"] as? String, id + "-R")
        XCTAssertEqual(entry["reversal_reason"] as? String, "wrong loan")
        XCTAssertEqual(int(entry["amount_ore"]), 100_000)
        let listedEntries = try rows(["list", "entries", "--db", db, "--loan", "220002"], "entries")
        XCTAssertTrue(listedEntries.contains { $0["external_id"] as? String == id })
        // The table: kronor with Swedish grouping, the reversal next to its original.
        let table = plain(try succeed(["show", "loan", "220002", "--db", db]).stdout)
        XCTAssertNotNil(table.range(of: #"Utestående: +400 000 004 kr"#, options: .regularExpression), table)
        XCTAssertTrue(table.contains("\(id)-R"), table)
        XCTAssertTrue(table.contains("wrong loan"), table)
        let english = plain(try succeed(["show", "loan", "220002", "--db", db, "--lang", "en"]).stdout)
        XCTAssertNotNil(english.range(of: #"Outstanding: +SEK 400,000,004"#, options: .regularExpression), english)
    }

    func testListProjectsHasCliMdKeysAndFollowsAmendments() throws {
        let db = try seededWithHallbar()
        let keys: Set<String> = ["project_number", "programme", "borrower_org_no", "title", "category", "status", "approved_ore",
                                 "total_cost_ore", "disbursed_ore", "outstanding_ore"]
        let projects = try rows(["list", "projects", "--db", db, "--as-of", "2024-12-31"], "projects")
        XCTAssertFalse(projects.isEmpty)
        for project in projects { XCTAssertTrue(keys.isSubset(of: Set(project.keys)), "\(project.keys)") }
        // Project 1: approved 2 000 000 000 kr; its loan 220001 disbursed 600 + 500 + 400 + 300 mnkr.
        let first = try XCTUnwrap(projects.first { int($0["project_number"]) == 1 })
        XCTAssertEqual(int(first["approved_ore"]), 200_000_000_000)
        XCTAssertEqual(int(first["disbursed_ore"]), 180_000_000_000)
        XCTAssertEqual(int(first["outstanding_ore"]), 180_000_000_000)
        XCTAssertEqual(first["status"] as? String, "approved")
        // Decided after the date: not listed; decided in a year: --year.
        let early = try rows(["list", "projects", "--db", db, "--as-of", "2022-03-31"], "projects")
        XCTAssertTrue(early.allSatisfy { ($0["decision_date"] as? String ?? "9") <= "2022-03-31" })
        XCTAssertTrue(early.contains { int($0["project_number"]) == 1 })
        let decided2023 = try rows(["list", "projects", "--db", db, "--year", "2023"], "projects")
        XCTAssertFalse(decided2023.isEmpty)
        XCTAssertTrue(decided2023.allSatisfy { ($0["decision_date"] as? String)?.hasPrefix("2023-") ?? false })
        // An amendment of the approved amount counts from its date.
        try succeed(["amend", "project", "1", "--db", db, "--approved-sek", "2500000000", "--date", "2025-01-15",
                     "--reason", "utökad ram"])
        let approved = { (date: String) -> Int64? in
            self.int(try self.rows(["list", "projects", "--db", db, "--as-of", date, "--project", "1"], "projects").first?["approved_ore"])
        }
        XCTAssertEqual(try approved("2025-01-14"), 200_000_000_000)
        XCTAssertEqual(try approved("2025-01-15"), 250_000_000_000)
    }

    func testShowProjectHasRevisionsDecisionsLoansIndicatorsAndReadings() throws {
        let db = try seededWithHallbar()
        try succeed(["amend", "project", "15", "--db", db, "--title", "Framtidens skolor", "--date", "2024-06-01", "--reason", "ny titel"])
        try succeed(["decide", "--db", db, "--indicator", "RONNEBY-TRYGGA-AK5-FLICKOR", "--year", "2023", "--met",
                     "--date", "2024-02-01", "--reason", "kommitténs bedömning"])
        let project = try json(["show", "project", "15", "--db", db, "--as-of", "2024-12-31", "--format", "json"])
        XCTAssertEqual(project["title"] as? String, "Framtidens skolor")
        XCTAssertEqual(int(project["revision"]), 2)
        XCTAssertEqual(int(project["approved_ore"]), 50_000_000_000)
        let revisions = try XCTUnwrap(project["revisions"] as? [[String: Any]])
        XCTAssertEqual(revisions.map { int($0["revision"]) }, [1, 2])
        XCTAssertEqual(revisions.last?["reason"] as? String, "ny titel")
        XCTAssertEqual(revisions.last?["effective_date"] as? String, "2024-06-01")
        let decisions = try XCTUnwrap(project["decisions"] as? [[String: Any]])
        XCTAssertEqual(decisions.count, 1)
        XCTAssertEqual(decisions.first?["met"] as? Bool, true)
        XCTAssertEqual(decisions.first?["in_force"] as? Bool, true)
        let loans = try XCTUnwrap(project["loans"] as? [[String: Any]])
        XCTAssertEqual(loans.map { $0["loan_number"] as? String }, ["220015"])
        let indicators = try XCTUnwrap(project["indicators"] as? [[String: Any]])
        XCTAssertEqual(indicators.count, 10)
        let readings = try XCTUnwrap(project["readings"] as? [[String: Any]])
        XCTAssertEqual(readings.count, 10)
        XCTAssertEqual(readings.first { $0["indicator_id"] as? String == "RONNEBY-INSKRIVNA-UPPTAGNING" }?["value"] as? String, "97-98")
        // As of before the amendment and the decision: revision 1 only, no decision.
        let before = try json(["show", "project", "15", "--db", db, "--as-of", "2024-01-31", "--format", "json"])
        XCTAssertEqual(before["title"] as? String, "Framtidens skolor och förskolor")
        XCTAssertEqual((before["revisions"] as? [Any])?.count, 1)
        XCTAssertEqual((before["decisions"] as? [Any])?.count, 0)
        let table = plain(try succeed(["show", "project", "15", "--db", db, "--as-of", "2024-12-31"]).stdout)
        for caption in ["Revisioner", "Kommitténs beslut", "Lån", "Indikatorer", "Utfall", "Beviljat:          500 000 000 kr"] {
            XCTAssertTrue(table.contains(caption), caption)
        }
    }

    func testShowBatchSaysWhatItImported() throws {
        let db = try seededWithHallbar()
        let batch = try json(["show", "batch", "5", "--db", db, "--format", "json"])
        XCTAssertEqual(batch["kind"] as? String, "entries")
        XCTAssertTrue((batch["file_name"] as? String)?.hasSuffix("Seeds/entries.csv") ?? false)
        XCTAssertEqual(int(batch["rows_new"]), 81)
        // The checksum is the file's SHA-256 (sha256sum, not our own hash).
        let sum = try tool(["sha256sum", CLITestCase.packageRoot.appendingPathComponent("Seeds/entries.csv").path]).stdout.prefix(64)
        XCTAssertEqual(batch["file_sha256"] as? String, String(sum))
        let imported = try XCTUnwrap(batch["imported"] as? [[String: Any]])
        XCTAssertEqual(imported.count, 1)
        XCTAssertEqual(imported.first?["table"] as? String, "ledger_entries")
        XCTAssertEqual(int(imported.first?["rows"]), 81)
        let first = try XCTUnwrap((batch["first_rows"] as? [String: Any])?["ledger_entries"] as? [[String: Any]])
        XCTAssertEqual(first.map { $0["external_id"] as? String }, ["E-000001", "E-000002", "E-000003", "E-000004", "E-000005"])
        XCTAssertEqual(first.first?["loan_number"] as? String, "230001")
        XCTAssertEqual(int(first.first?["amount_ore"]), 12_500_000_000_000)
        let table = plain(try succeed(["show", "batch", "5", "--db", db]).stdout)
        XCTAssertTrue(table.contains("ledger_entries     81"), table)
        XCTAssertTrue(table.contains("125 000 000 000 kr"), table)
    }

    func testUnknownRecordsAreDataErrorsAndChangeNothing() throws {
        let db = try seededWithHallbar()
        let before = try dump(db)
        let cases: [([String], String)] = [
            (["show", "loan", "999999"], "no loan 999999"),
            (["show", "project", "424242"], "no project 424242"),
            (["show", "project", "5001", "--as-of", "2019-01-01"], "project 5001 was decided on 2022-02-15, after 2019-01-01"),
            (["show", "batch", "99"], "no import batch 99"),
            (["show", "entry", "cli-20261205192339798-176f8eb0"], "no ledger entry with external id cli-20261205192339798-176f8eb0"),
            (["balance", "--loan", "999999"], "no loan 999999"),
            (["list", "loans", "--loan", "999999"], "no loan 999999 in the ledger"),
            (["list", "loans", "--programme", "blue"], "--programme: \"blue\" is not a programme: use green (grön), social"),
            (["list", "projects", "--status", "nonsense"], "--status: \"nonsense\" is not a project status: use approved (beviljad)"),
        ]
        for (arguments, message) in cases {
            let result = try hallbar(arguments + ["--db", db])
            XCTAssertEqual(result.status, 65, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.hasPrefix("Error: " + message), "\(arguments): \(result.stderr)")
            XCTAssertEqual(result.stdout, "")
        }
        XCTAssertEqual(try dump(db), before)
        // Filters naming records that exist but together match nothing: an empty list, not an error.
        XCTAssertEqual(try rows(["list", "loans", "--db", db, "--programme", "green", "--project", "1"], "loans").count, 0)
    }

    func testBadFiltersAreUsageErrorsNamingTheValidOnes() throws {
        let db = try seededWithHallbar()
        let cases: [([String], String)] = [
            (["list", "batches", "--programme", "green"], "list batches does not take --programme; it takes --year, --from, --to"),
            (["list", "members", "--loan", "220001"], "list members does not take --loan; it takes --as-of, --member"),
            (["list", "approvals", "--as-of", "2024-12-31"], "list approvals does not take --as-of; it takes --year"),
            (["list", "loans", "--year", "2024"], "list loans does not take --year; it takes --as-of, --programme, --member, --borrower, --project, --loan"),
            (["list", "loan"], "Unknown kind 'loan'"),
            (["list", "loans", "--member", "123"], "--member: \"123\" is not an organisation number"),
            (["list", "loans", "--project", "x"], "--project: \"x\" is not a project number"),
            (["list", "loans", "--as-of", "2024-02-30"], "--as-of:"),
            (["list", "entries", "--year", "24"], "--year: \"24\" is not a year"),
            (["list", "entries", "--from", "2024-02-01", "--to", "2024-01-01"], "--from 2024-02-01 is after --to 2024-01-01"),
            (["list", "loans", "--loan", ""], "'--loan' is empty"),
            (["show", "project", "x"], "project: \"x\" is not a project number"),
            (["show", "batch", "0"], "batch: \"0\" is not a batch number"),
            (["show", "loan"], "Missing expected argument '<number>'"),
            (["show", "loans", "1"], "Unknown subcommand 'loans' of 'show'"),
            (["list", "loans", "--format", "xlsx"], "--format xlsx writes a workbook"),
        ]
        for (arguments, message) in cases {
            let result = try hallbar(arguments + ["--db", db])
            XCTAssertEqual(result.status, 64, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.hasPrefix("Error: " + message), "\(arguments): \(result.stderr)")
        }
        let suggestion = try hallbar(["list", "loan", "--db", db])
        XCTAssertTrue(suggestion.stderr.contains("did you mean 'loans'"), suggestion.stderr)
        // Swedish words for the programme, the 12-digit org number: accepted.
        XCTAssertEqual(try rows(["list", "loans", "--db", db, "--programme", "Grön", "--member", "16212000-2882"], "loans")
            .map { $0["loan_number"] as? String }, ["210007"])
    }

    func testEntriesFilters() throws {
        let db = try seededWithHallbar()
        let all = try rows(["list", "entries", "--db", db, "--as-of", "2025-12-31"], "entries")
        XCTAssertEqual(all.count, 81)
        let dates = all.compactMap { $0["value_date"] as? String }
        XCTAssertEqual(dates, dates.sorted(), "in value-date order")
        let y2023 = try rows(["list", "entries", "--db", db, "--year", "2023"], "entries")
        XCTAssertFalse(y2023.isEmpty)
        XCTAssertTrue(y2023.allSatisfy { ($0["value_date"] as? String)?.hasPrefix("2023-") ?? false })
        XCTAssertEqual(y2023.count, dates.filter { $0.hasPrefix("2023-") }.count)
        let window = try rows(["list", "entries", "--db", db, "--from", "2023-06-01", "--to", "2023-09-30", "--year", "2023"], "entries")
        XCTAssertEqual(window.count, dates.filter { $0 >= "2023-06-01" && $0 <= "2023-09-30" }.count)
        let asOf = try rows(["list", "entries", "--db", db, "--as-of", "2023-12-31"], "entries")
        XCTAssertEqual(asOf.count, dates.filter { $0 <= "2023-12-31" }.count)
        let loan = try rows(["list", "entries", "--db", db, "--loan", "210001"], "entries")
        XCTAssertEqual(loan.map { $0["external_id"] as? String }, ["E-000006", "E-000020", "E-000033", "E-000049", "E-000069"])
        let social = try rows(["list", "entries", "--db", db, "--programme", "social"], "entries")
        let socialLoans = Set(try rows(["list", "loans", "--db", db, "--programme", "social"], "loans").compactMap { $0["loan_number"] as? String })
        XCTAssertFalse(social.isEmpty)
        XCTAssertTrue(social.allSatisfy { socialLoans.contains($0["loan_number"] as? String ?? "") })
        let project = try rows(["list", "entries", "--db", db, "--project", "1"], "entries")
        XCTAssertEqual(project.map { $0["external_id"] as? String }, ["E-000015", "E-000028", "E-000041", "E-000064"])
    }

    func testMembersBorrowersBalanceIndicatorsReadingsBatchesApprovalsAndBonds() throws {
        let db = try seededWithHallbar()
        // Botkyrka kommun: itself and Botkyrkabyggen AB borrow; balance adds up its loans.
        let member = try XCTUnwrap(try rows(["list", "members", "--db", db, "--as-of", "2024-12-31", "--member", "212000-2882"], "members").first)
        XCTAssertEqual(member["name"] as? String, "Botkyrka kommun")
        XCTAssertEqual(member["municipality_code"] as? String, "0127")
        let loans = try rows(["list", "loans", "--db", db, "--as-of", "2024-12-31", "--member", "212000-2882"], "loans")
        XCTAssertEqual(int(member["loans"]), Int64(loans.count))
        let sum = loans.compactMap { int($0["outstanding_ore"]) }.reduce(0, +)
        XCTAssertEqual(int(member["outstanding_ore"]), sum)
        let balance = try json(["balance", "--db", db, "--as-of", "2024-12-31", "--member", "212000-2882", "--format", "json"])
        XCTAssertEqual(int(balance["outstanding_ore"]), sum)
        XCTAssertEqual(int(balance["loans"]), Int64(loans.count))
        XCTAssertEqual((balance["filters"] as? [String: Any])?["member"] as? String, "212000-2882")
        let one = try json(["balance", "--db", db, "--as-of", "2024-12-31", "--loan", "210001", "--format", "json"])
        XCTAssertEqual(int(one["disbursed_ore"]), 1_600_000_000_000)
        XCTAssertEqual(int(one["repaid_ore"]), 100_000_000_000)
        let borrowers = try rows(["list", "borrowers", "--db", db, "--as-of", "2024-12-31", "--member", "212000-2882"], "borrowers")
        XCTAssertEqual(borrowers.compactMap { int($0["outstanding_ore"]) }.reduce(0, +), sum)
        XCTAssertTrue(borrowers.allSatisfy { $0["member_org_no"] as? String == "212000-2882" })
        XCTAssertEqual(int(member["borrowers"]), Int64(borrowers.count))

        XCTAssertEqual(try rows(["list", "indicators", "--db", db], "indicators").count, 25)
        XCTAssertEqual(try rows(["list", "indicators", "--db", db, "--project", "15"], "indicators").count, 10)
        // A corrected reading: the old value as of yesterday, the new one today.
        try succeed(["amend", "reading", "--db", db, "--indicator", "ALBY-TRIVSEL-LGH", "--year", "2023", "--value", "87",
                     "--reason", "rättad"])
        let today = try XCTUnwrap(try rows(["list", "readings", "--db", db, "--project", "1", "--year", "2023"], "readings")
            .first { $0["indicator_id"] as? String == "ALBY-TRIVSEL-LGH" })
        XCTAssertEqual(today["value"] as? String, "87")
        XCTAssertEqual(int(today["revision"]), 2)
        let yesterday = try XCTUnwrap(try rows(["list", "readings", "--db", db, "--as-of", "2024-12-31", "--project", "1"], "readings")
            .first { $0["indicator_id"] as? String == "ALBY-TRIVSEL-LGH" })
        XCTAssertEqual(yesterday["value"] as? String, "86.0")

        let batches = try rows(["list", "batches", "--db", db], "batches")
        XCTAssertEqual(batches.map { $0["kind"] as? String },
                       ["members", "borrowers", "projects", "loans", "entries", "indicators", "readings", "references", "market",
                        "bonds", "factors", "metrics", "housing"])
        XCTAssertEqual(batches.first?["amend"] as? Bool, false)
        XCTAssertEqual(try rows(["list", "batches", "--db", db, "--year", "1999"], "batches").count, 0)

        // Approved today: the reading was corrected today, and an approval freezes only what came before it.
        try succeed(["followup", "approve", "--db", db, "--year", "2023", "--date", CLITestCase.today.description,
                     "--note", "Protokoll 2024:3 §5"])
        let approvals = try rows(["list", "approvals", "--db", db, "--year", "2023"], "approvals")
        XCTAssertEqual(approvals.count, 1)
        XCTAssertEqual(approvals.first?["note"] as? String, "Protokoll 2024:3 §5")
        XCTAssertEqual(int(approvals.first?["indicators"]), 25)
        XCTAssertTrue((approvals.first?["ledger_head_hash"] as? String)?.hasPrefix("sha256:") ?? false)

        // Bonds as of a date: issued by then, in the revision in force, outstanding or matured.
        let bonds = try rows(["list", "bonds", "--db", db, "--as-of", "2024-12-31"], "bonds")
        XCTAssertEqual(bonds.count, 10)
        XCTAssertEqual(bonds.first?["isin"] as? String, "XS1968465572")
        XCTAssertEqual(bonds.first?["outstanding"] as? Bool, false, "matured on 2024-03-27")
        XCTAssertEqual(int(bonds.first?["amount_ore"]), 850_000_000_000)
        let foreign = try XCTUnwrap(bonds.first { $0["isin"] as? String == "XS9900000019" })
        XCTAssertEqual((foreign["amount_original"] as? NSNumber)?.doubleValue, 1_000_000_000, "a number, its currency apart")
        XCTAssertEqual(foreign["programme"] as? String, "green", "JSON carries the code")
        let bondsJSON = try succeed(["list", "bonds", "--db", db, "--as-of", "2024-12-31", "--format", "json"]).stdout
        XCTAssertTrue(bondsJSON.contains("\"amount_original\": 1000000000.00,"), bondsJSON)
        let bondsCSV = try succeed(["list", "bonds", "--db", db, "--as-of", "2024-12-31", "--format", "csv"]).stdout
        XCTAssertTrue(bondsCSV.contains("XS9900000019,green,") && bondsCSV.contains(",USD,1000000000.00,"), bondsCSV)
        // People read labels and Swedish numbers; a workbook holds the amount as a number.
        let bondsTable = plain(try succeed(["list", "bonds", "--db", db, "--as-of", "2024-12-31"]).stdout)
        let foreignLine = try XCTUnwrap(bondsTable.split(separator: "\n").first { $0.hasPrefix("XS9900000019") }, bondsTable)
        XCTAssertTrue(foreignLine.contains(" Grön ") && foreignLine.contains(" USD ") && foreignLine.contains("1 000 000 000 "),
                      String(foreignLine))
        XCTAssertFalse(bondsTable.contains("green") || bondsTable.contains("1000000000.00"), bondsTable)
        XCTAssertTrue(plain(try succeed(["list", "bonds", "--db", db, "--as-of", "2024-12-31", "--lang", "en"]).stdout)
            .contains("1,000,000,000"))
        let bondsBook = path("bonds.xlsx")
        try succeed(["list", "bonds", "--db", db, "--as-of", "2024-12-31", "--format", "xlsx", "--out", bondsBook])
        let book = try readWorkbook(bondsBook)
        let first = try XCTUnwrap(book["__order__"]?.first?.first?[1] as? String)
        let foreignRow = try XCTUnwrap(book[first]?.first { ($0.first?[1] as? String) == "XS9900000019" })
        XCTAssertEqual(foreignRow[1][1] as? String, "Grön")
        XCTAssertEqual(foreignRow[5][1] as? String, "USD")
        XCTAssertEqual(foreignRow[6][0] as? String, "float", "openpyxl reads a number")
        XCTAssertEqual((foreignRow[6][1] as? NSNumber)?.doubleValue, 1_000_000_000)
        XCTAssertEqual(foreignRow[6][2] as? String, "#,##0.00")
        XCTAssertEqual(try rows(["list", "bonds", "--db", db, "--as-of", "2024-12-31", "--programme", "social"], "bonds").count, 1)
        XCTAssertEqual(try rows(["list", "bonds", "--db", db, "--as-of", "2019-12-31"], "bonds").count, 1)
        try succeed(["amend", "bond", "XS2259127269", "--db", db, "--amount-sek", "11 000 000 000", "--reason", "Återköp",
                     "--date", "2024-06-01"])
        let amended = try rows(["list", "bonds", "--db", db, "--as-of", "2024-06-01"], "bonds").first { $0["isin"] as? String == "XS2259127269" }
        XCTAssertEqual(int(amended?["amount_ore"]), 1_100_000_000_000)
        XCTAssertEqual(int(amended?["revision"]), 2)
        let before = try rows(["list", "bonds", "--db", db, "--as-of", "2024-05-31"], "bonds").first { $0["isin"] as? String == "XS2259127269" }
        XCTAssertEqual(int(before?["amount_ore"]), 1_200_000_000_000)
    }

    func testEveryKindInEveryFormatAndLanguage() throws {
        let db = try seededWithHallbar()
        let commands: [[String]] = ["members", "borrowers", "projects", "loans", "entries", "indicators", "readings", "batches",
                                    "approvals"].map { ["list", $0] }
            + [["show", "loan", "220001"], ["show", "project", "1"], ["show", "batch", "3"], ["show", "entry", "E-000001"], ["balance"]]
        // Checked by real readers for a list, a record with tables and a record without.
        let readerChecked: Set<[String]> = [["list", "loans"], ["show", "project", "1"], ["show", "entry", "E-000001"]]
        for command in commands {
            for format in ["table", "csv", "csv-excel", "json", "md", "html"] {
                let result = try hallbar(command + ["--db", db, "--format", format])
                XCTAssertEqual(result.status, 0, "\(command) \(format): \(result.stderr)")
                XCTAssertFalse(result.stdout.isEmpty, "\(command) \(format)")
                if format == "json" {
                    XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)), "\(command)")
                }
                if format == "table" || format == "md" || format == "html" {
                    XCTAssertTrue(result.stdout.contains("Huvudbokens hash: sha256:"), "\(command)")
                }
                if format == "html" && readerChecked.contains(command) {
                    XCTAssertEqual(try htmlProblems(result.stdout), "", "\(command)")
                }
            }
            let english = try succeed(command + ["--db", db, "--lang", "en"]).stdout
            XCTAssertTrue(english.contains("Ledger head: sha256:"), "\(command)")
            let book = path("out.xlsx")
            try succeed(command + ["--db", db, "--format", "xlsx", "--out", book])
            if readerChecked.contains(command) { XCTAssertTrue(try readWorkbook(book).count > 1, "\(command)") }
        }
        // csv: one table, the keys, öre; csv-excel: BOM, ';', kronor with a decimal comma.
        let csv = try succeed(["list", "loans", "--db", db, "--as-of", "2024-12-31", "--loan", "210001", "--format", "csv"]).stdout
        XCTAssertEqual(csv, """
            loan_number,borrower_org_no,member_org_no,programme,project_number,green_bond_eligible,disbursed_ore,repaid_ore,outstanding_ore
            210001,556900-1117,212000-2338,green,5001,true,1600000000000,100000000000,1500000000000

            """)
        let excel = try succeed(["list", "loans", "--db", db, "--as-of", "2024-12-31", "--loan", "210001", "--format", "csv-excel"]).stdout
        XCTAssertEqual(excel, "\u{FEFF}Lån;Låntagare;Medlem;Program;Projekt;Grön obligation;Utbetalt;Återbetalt;Utestående\r\n"
            + "210001;556900-1117;212000-2338;Grön;5001;ja;16000000000,00;1000000000,00;15000000000,00\r\n")
        // table: kronor with Swedish grouping, a total line, the number of rows.
        let table = plain(try succeed(["list", "loans", "--db", db, "--as-of", "2024-12-31", "--member", "212000-2882"]).stdout)
        XCTAssertTrue(table.hasPrefix("Lån per 2024-12-31 · medlem 212000-2882\n"), table)
        XCTAssertTrue(table.contains("Summa"), table)
        XCTAssertTrue(table.contains("6 140 000 000 kr"), table)
        XCTAssertTrue(table.contains("4 rader"), table)
        let english = plain(try succeed(["list", "loans", "--db", db, "--as-of", "2024-12-31", "--member", "212000-2882",
                                         "--lang", "en"]).stdout)
        XCTAssertTrue(english.contains("SEK 6,140,000,000"), english)
        XCTAssertTrue(english.contains("4 rows"), english)
    }

    /// The text table is laid out by its own byte writer (TextTable, for speed); Markdown
    /// prints each cell with `MoneyFormat`. Their cells must agree, amounts with öre and
    /// negative effects included, in both languages.
    func testTextTableCellsAreTheMarkdownCells() throws {
        let db = try seededWithHallbar()
        try succeed(["repay", "--db", db, "--loan", "220002", "--date", "2025-02-01", "--amount", "1234,56", "--id", "R9"])
        try succeed(["reverse", "--db", db, "--entry", "R9", "--reason", "fel lån"])
        for command in [["list", "loans"], ["list", "entries", "--loan", "220002"], ["list", "projects"], ["show", "loan", "220002"]] {
            for lang in ["sv", "en"] {
                let args = command + ["--db", db, "--as-of", "2025-12-31", "--lang", lang]
                // The rows of the text tables: the lines after a rule, up to an empty line.
                var table: [String] = []
                var inTable = false
                for line in try succeed(args).stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                    if line.hasPrefix("─") { inTable = true } else if line.isEmpty { inTable = false } else if inTable { table.append(line) }
                }
                let markdown = try succeed(args + ["--format", "md"]).stdout.split(separator: "\n").map(String.init)
                // Markdown table rows (not the fields table), their cells unescaped.
                let rows = markdown.filter { $0.hasPrefix("| ") && !$0.hasPrefix("| Uppgift") && !$0.hasPrefix("| Field") }
                    .map { $0.dropFirst(2).dropLast(2).components(separatedBy: " | ").map { $0.replacingOccurrences(of: "\\|", with: "|") } }
                var checked = 0
                for cells in rows where cells.count > 2 {
                    guard let line = table.first(where: { $0.drop(while: { $0 == " " }).hasPrefix(cells[0] + " ") }) else { continue }
                    for cell in cells where !cell.isEmpty {
                        XCTAssertTrue(line.contains(cell), "\(command) \(lang): \(cell) not in \(line)")
                    }
                    checked += 1
                }
                XCTAssertGreaterThan(checked, 0, "\(command) \(lang)")
            }
        }
        let entries = try succeed(["list", "entries", "--db", db, "--loan", "220002", "--as-of", "2025-12-31"]).stdout
        XCTAssertTrue(entries.contains("-1\u{00A0}234,56\u{00A0}kr"), entries)
    }

    /// To stdout, `--format csv|json` lists are written row by row as they are read
    /// (ListStream); with `--out` the whole document is rendered (RecordRender). Same bytes.
    func testStreamedListsAreTheRenderedOnes() throws {
        let db = try seededWithHallbar()
        let lists: [[String]] = [["loans", "--as-of", "2024-12-31"], ["entries", "--loan", "210001"], ["loans", "--programme", "green", "--project", "1"],
                                 ["batches"], ["approvals"], ["bonds"], ["readings", "--project", "15", "--lang", "en"]]
        for list in lists {
            for format in ["csv", "json"] {
                let args = ["list"] + list + ["--db", db, "--format", format]
                let streamed = try succeed(args).stdout
                let file = path("list.\(format)")
                try succeed(args + ["--out", file])
                var rendered = try String(contentsOfFile: file, encoding: .utf8)
                if format == "json" {  // generated_at differs between the two runs
                    let stamp = #""generated_at": "[^"]*""#
                    rendered = rendered.replacingOccurrences(of: stamp, with: "", options: .regularExpression)
                    XCTAssertEqual(streamed.replacingOccurrences(of: stamp, with: "", options: .regularExpression), rendered, "\(list)")
                } else {
                    XCTAssertEqual(streamed, rendered, "\(list)")
                }
            }
        }
    }

    /// Every sheet of a workbook as openpyxl reads it: per sheet, rows of [type, value,
    /// number format]; dates as ISO text.
    func readWorkbook(_ file: String) throws -> [String: [[[Any]]]] {
        let script = """
            import sys, json, datetime, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            out = {}
            for ws in wb.worksheets:
                out[ws.title] = [[[type(c.value).__name__, c.value.date().isoformat() if isinstance(c.value, datetime.datetime) else c.value,
                                   c.number_format] for c in row] for row in ws.iter_rows()]
            out['__order__'] = [[[ 'str', n, '' ] for n in wb.sheetnames]]
            print(json.dumps(out))
            """
        let read = try tool(["python3", "-c", script, file])
        XCTAssertEqual(read.status, 0, "openpyxl could not read \(file) (make setup installs it): \(read.stderr)")
        let data = Data(read.stdout.utf8)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: [[[Any]]]])
    }

    func testWorkbooksOpenInOpenpyxlWithTheFiguresOfTheJSON() throws {
        let db = try seededWithHallbar()
        let args = ["list", "loans", "--db", db, "--as-of", "2024-12-31"]
        let book = path("lan.xlsx")
        let done = try succeed(args + ["--format", "xlsx", "--out", book])
        XCTAssertEqual(done.stdout, "")
        let workbook = try readWorkbook(book)
        XCTAssertEqual(workbook["__order__"]?.first?.map { $0[1] as? String }, ["Lån", "Om rapporten"])
        let sheet = try XCTUnwrap(workbook["Lån"])
        XCTAssertEqual(sheet[0].map { $0[1] as? String },
                       ["Lån", "Låntagare", "Medlem", "Program", "Projekt", "Grön obligation", "Utbetalt", "Återbetalt", "Utestående"])
        let loans = try rows(args, "loans")
        XCTAssertEqual(sheet.count - 1, loans.count)
        for (row, loan) in zip(sheet.dropFirst(), loans) {
            XCTAssertEqual(row[0][1] as? String, loan["loan_number"] as? String)
            for (column, key) in [(6, "disbursed_ore"), (7, "repaid_ore"), (8, "outstanding_ore")] {
                XCTAssertEqual(row[column][2] as? String, "#,##0.00", "money format")
                XCTAssertEqual(((row[column][1] as? NSNumber)?.doubleValue).map { Int64(($0 * 100).rounded()) }, int(loan[key]), key)
            }
            XCTAssertEqual(row[4][0] as? String, loan["project_number"] is NSNull ? "NoneType" : "int")
        }
        let about = try XCTUnwrap(workbook["Om rapporten"])
        let meta = try XCTUnwrap(try json(args + ["--format", "json"])["meta"] as? [String: Any])
        XCTAssertTrue(about.contains { $0.first?[1] as? String == "ledger_head" && $0[1][1] as? String == meta["ledger_head"] as? String })

        // show loan: the fields, the entries with value dates as dates.
        let loanBook = path("loan.xlsx")
        try succeed(["show", "loan", "220001", "--db", db, "--as-of", "2024-12-31", "--format", "xlsx", "--out", loanBook, "--lang", "en"])
        let shown = try readWorkbook(loanBook)
        XCTAssertEqual(shown["__order__"]?.first?.map { $0[1] as? String }, ["Loan 220001", "Entries", "About"])
        let fields = try XCTUnwrap(shown["Loan 220001"])
        let outstanding = try XCTUnwrap(fields.first { $0[2][1] as? String == "outstanding_ore" })
        XCTAssertEqual((outstanding[1][1] as? NSNumber)?.doubleValue, 1_800_000_000)
        let entries = try XCTUnwrap(shown["Entries"])
        XCTAssertEqual(entries.count, 5, "a header and the four seeded disbursements")
        XCTAssertEqual(entries[1][1][0] as? String, "datetime", "the value date is a date")
        XCTAssertEqual(entries[1][1][1] as? String, "2023-02-15")
    }
}
