import Foundation
import Ledger
import SQLite
import XCTest
@testable import LedgerStore

/// The report queries of LedgerStore/Reports: sums inside SQLite through the covering
/// index, reversals and repayments, the seeded figures, the follow-up and its approval.
final class ReportQueryTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hallbar-reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    func fixture(_ name: String = "ledger.db") throws -> LedgerFixture {
        try LedgerFixture(path: directory.appendingPathComponent(name).path)
    }

    func day(_ text: String) throws -> Day { try Day.parse(text) }

    func testShareQueryUsesTheCoveringIndexForEachLoan() throws {
        let f = try fixture()
        defer { try? f.close() }
        let plan = try f.db.rows("EXPLAIN QUERY PLAN " + ShareQuery.sql, ["2024-12-31"]).compactMap { $0["detail"].string }
        XCTAssertTrue(plan.contains { $0.contains("USING COVERING INDEX ledger_entries_by_loan_date (loan_id=? AND value_date<?)") }, "\(plan)")
        XCTAssertFalse(plan.contains { $0.contains("SCAN e") || $0.contains("SCAN ledger_entries") }, "\(plan)")
    }

    func testSeededSharesAndSocialPortfolio() throws {
        let f = try fixture()
        defer { try? f.close() }
        try f.loadSeeds()
        let old = try ShareQuery.table(asOf: day("2023-12-31"), in: f.db)
        let new = try ShareQuery.table(asOf: day("2024-12-31"), in: f.db)
        XCTAssertEqual(old.green, 7_935_000_000_000)
        XCTAssertEqual(old.sustainable, 8_145_000_000_000)
        XCTAssertEqual(old.greenBondEligible, 7_545_000_000_000)
        XCTAssertEqual(new.total, 54_436_641_975_319)
        let change = try XCTUnwrap(ShareComparison(base: old, current: new).change(.total))
        XCTAssertEqual(ChangePrecision.format(change, line: .total), "+6,3\u{00A0}%")
        XCTAssertEqual(ChangePrecision.format(change, line: .green), "+6\u{00A0}%")

        let portfolio = try SocialPortfolioQuery.portfolio(asOf: day("2025-03-18"), in: f.db)
        XCTAssertEqual(portfolio.approvedProjects, 27)
        XCTAssertEqual(portfolio.members, 21)
        XCTAssertEqual(portfolio.approved, 1_088_250_000_000)
        XCTAssertEqual(portfolio.disbursed, 489_876_543_210)
        XCTAssertEqual(portfolio.outstanding, 489_876_543_210)
        XCTAssertEqual(portfolio.byCategory.entries.map(\.amount), [707_800_000_000, 126_450_000_000, 254_000_000_000])

        let volumes = try SocialPortfolioQuery.volumes(of: [1, 20, 15, 19], asOf: day("2025-03-18"), in: f.db)
        XCTAssertEqual((volumes[1]?.approved ?? 0) + (volumes[20]?.approved ?? 0), 375_800_000_000)
        XCTAssertEqual((volumes[1]?.disbursed ?? 0) + (volumes[20]?.disbursed ?? 0), 219_000_000_000)
        XCTAssertEqual(volumes[19], ProjectVolumes(approved: 12_450_000_000, disbursed: 3_500_000_000, outstanding: 3_500_000_000))
        XCTAssertEqual(volumes[15]?.disbursed, 50_000_000_000)
    }

    func testReversalsDropOutAndRepaymentsReduceOutstandingNotDisbursed() throws {
        let f = try fixture()
        defer { try? f.close() }
        try f.smallProject(1)
        try f.loan("L1", borrower: "212000-2882", programme: "social", project: 1)
        try f.loan("O1", borrower: "212000-2882", programme: "other", project: nil)
        try f.entry("E1", loan: "L1", date: "2024-01-10", amountSEK: "1000", kind: "disbursement")
        try f.entry("E2", loan: "L1", date: "2024-02-10", amountSEK: "500", kind: "disbursement")
        try f.entry("E3", loan: "L1", date: "2024-03-10", amountSEK: "300", kind: "repayment")
        try f.entry("E4", loan: "O1", date: "2024-01-10", amountSEK: "2000", kind: "disbursement")
        try f.reverse("E2", id: "R2")          // a mistaken disbursement
        try f.entry("E5", loan: "L1", date: "2024-03-20", amountSEK: "100", kind: "repayment")
        try f.reverse("E5", id: "R5")          // a mistaken repayment
        let table = try ShareQuery.table(asOf: day("2024-12-31"), in: f.db)
        XCTAssertEqual(table.social, 70_000)
        XCTAssertEqual(table.other, 200_000)
        XCTAssertEqual(try ShareQuery.table(asOf: day("2024-02-10"), in: f.db).social, 100_000)
        let portfolio = try SocialPortfolioQuery.portfolio(asOf: day("2024-12-31"), in: f.db)
        XCTAssertEqual(portfolio.disbursed, 100_000, "gross disbursed: the reversed disbursement is out, the repayment is not subtracted")
        XCTAssertEqual(portfolio.outstanding, 70_000)
        XCTAssertEqual(portfolio.members, 1)
        XCTAssertEqual(try SocialPortfolioQuery.portfolio(asOf: day("2021-12-31"), in: f.db).approvedProjects, 0)
    }

    func testFollowUpReportAndApprovalRecordTheChainAndTheHeadBefore() throws {
        let f = try fixture()
        defer { try? f.close() }
        try f.loadSeeds()
        let report = try FollowUpQuery.report(year: 2023, in: f.db)
        XCTAssertEqual(report.projects.map(\.number), [1, 19, 15])
        XCTAssertEqual(report.overview.counts[.targetMet], 5)
        XCTAssertEqual(report.overview.counts[.positiveTrend], 9)
        XCTAssertEqual(report.overview.counts[.worseThanBaseline], 7)
        XCTAssertEqual(report.overview.counts[.noChange], 2)
        XCTAssertEqual(report.overview.counts[.notAssessed], 2)
        XCTAssertNil(report.approval)
        XCTAssertThrowsError(try FollowUpQuery.report(year: 2023, project: 2, in: f.db))

        let head = try ChainHead.read(in: f.db)
        let first = try f.write { try $0.approveFollowUp(year: "2023", on: "2024-03-01", note: nil) }
        XCTAssertTrue(first.recorded)
        XCTAssertEqual(first.approval.revision, 1)
        XCTAssertEqual(first.approval.ledgerHeadHash, head.text)
        XCTAssertEqual(first.indicators, 25)
        // The statuses and the approval row follow the head they were computed from.
        XCTAssertEqual(try ChainHead.read(in: f.db).rows, head.rows + 26)
        XCTAssertNil(try ChainCheck.verify(in: f.db).firstBreak)

        // Nothing changed: nothing is recorded, and the command says so.
        let same = try f.write { try $0.approveFollowUp(year: "2023", on: "2024-04-01", note: "rättelse") }
        XCTAssertFalse(same.recorded)
        XCTAssertEqual(same.approval.revision, 1)
        // A correction, then a new revision.
        try f.write { tx in
            _ = try tx.amend(.reading, key: "RONNEBY-INSKRIVNA-UPPTAGNING", year: "2023", options: [("value", "96-98 %")],
                             reason: "typo", date: "2024-03-15")
        }
        XCTAssertEqual(try FollowUpQuery.report(year: 2023, in: f.db).changedSinceApproval.map(\.id), ["RONNEBY-INSKRIVNA-UPPTAGNING"])
        let second = try f.write { try $0.approveFollowUp(year: "2023", on: "2024-04-01", note: "rättelse") }
        XCTAssertEqual(second.approval.revision, 2)
        let latest = try XCTUnwrap(FollowUpApprovals.latest(year: 2023, in: f.db))
        XCTAssertEqual(latest.revision, 2)
        XCTAssertEqual(latest.note, "rättelse")
        XCTAssertNil(try FollowUpApprovals.latest(year: 2022, in: f.db))
        let frozen = try FollowUpApprovals.frozenStatuses(approvalID: latest.id, in: f.db)
        XCTAssertEqual(frozen["RONNEBY-INSKRIVNA-UPPTAGNING"],
                       FrozenIndicatorStatus(baseline: "95", previous: "95", value: "96-98 %", targetText: "90-100 %",
                                             status: .targetMet, targetYearPassedUnmet: false))
        let approvedReport = try FollowUpQuery.report(year: 2023, in: f.db)
        XCTAssertEqual(approvedReport.approval?.revision, 2)
        XCTAssertTrue(approvedReport.changedSinceApproval.isEmpty)
        // Nothing under follow-up: refused, nothing written.
        let empty = try fixture("empty.db")
        defer { try? empty.close() }
        XCTAssertThrowsError(try empty.write { try $0.approveFollowUp(year: "2023", on: "2024-03-01", note: nil) }) { error in
            XCTAssertEqual(error as? ReportError, .nothingToApprove(year: 2023))
        }
        XCTAssertEqual(try empty.db.scalarInt("SELECT count(*) FROM followup_approvals"), 0)
    }

    func testReadingsAfterTheReportYearAreNotRead() throws {
        let f = try fixture()
        defer { try? f.close() }
        try f.smallProject(3)
        try f.indicator("X", project: 3, name: "X", direction: "higher", baseline: "10", baselineYear: 2020, target: ">=20")
        try f.reading("X", year: 2021, "12")
        try f.reading("X", year: 2023, "25")
        let report = try FollowUpQuery.report(year: 2022, in: f.db)
        let line = try XCTUnwrap(report.projects.first?.indicators.first)
        XCTAssertEqual(line.history.readings.keys.sorted(), [2021])
        XCTAssertEqual(line.current.status, .notReported)
    }
}

/// A live entry (and a decision) dated exactly on a report's as-of date counts: "at the end
/// of the date" is `value_date <= D`. The outside mutation test turned `<=` into `<` in
/// ShareQuery and no test noticed; the same boundary in SocialPortfolioQuery, MarketQuery
/// and BalanceAssertions was untested (issue 17, finding 9).
final class AsOfBoundaryTests: XCTestCase {
    var directory: URL!
    var f: LedgerFixture!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hallbar-boundary-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        f = try LedgerFixture(path: directory.appendingPathComponent("ledger.db").path)
        try f.smallProject(1)
        // A second project decided exactly on the as-of date, with a green loan of its own.
        try f.project(2, programme: "green", borrower: "212000-2882", title: "Grönt", category: "green_buildings", investmentType: nil,
                      approvedSEK: "3000", decided: "2024-05-15", frameworkVersion: "2022", requirementsMet: nil)
        // And a social one decided on the as-of date (no loan yet).
        try f.project(3, borrower: "212000-2882", title: "Nytt", approvedSEK: "700", decided: "2024-05-15")
        try f.loan("L1", borrower: "212000-2882", programme: "social", project: 1)
        try f.loan("G1", borrower: "212000-2882", programme: "green", project: 2, eligible: true)
        try f.entry("E-before", loan: "L1", date: "2024-05-14", amountSEK: "500", kind: "disbursement")
        try f.entry("E-on", loan: "L1", date: "2024-05-15", amountSEK: "1000", kind: "disbursement")
        try f.entry("G-on", loan: "G1", date: "2024-05-15", amountSEK: "2000", kind: "disbursement")
        try f.entry("E-after", loan: "L1", date: "2024-05-16", amountSEK: "4000", kind: "disbursement")
    }

    override func tearDownWithError() throws {
        try? f.close()
        try? FileManager.default.removeItem(at: directory)
    }

    let on = try! Day.parse("2024-05-15")
    let before = try! Day.parse("2024-05-14")

    func testShareQuery() throws {
        let table = try ShareQuery.table(asOf: on, in: f.db)
        XCTAssertEqual(table.social, 150_000, "the entry on the as-of date counts, the one after does not")
        XCTAssertEqual(table.green, 200_000)
        XCTAssertEqual(table.greenBondEligible, 200_000)
        XCTAssertEqual(try ShareQuery.table(asOf: before, in: f.db).social, 50_000)
        XCTAssertEqual(try ShareQuery.table(asOf: before, in: f.db).green, 0)
    }

    func testSocialPortfolioQuery() throws {
        let portfolio = try SocialPortfolioQuery.portfolio(asOf: on, in: f.db)
        XCTAssertEqual(portfolio.disbursed, 150_000)
        XCTAssertEqual(portfolio.outstanding, 150_000)
        XCTAssertEqual(portfolio.approvedProjects, 2, "the project decided on the as-of date counts")
        XCTAssertEqual(portfolio.approved, 100_070_000)
        let earlier = try SocialPortfolioQuery.portfolio(asOf: before, in: f.db)
        XCTAssertEqual(earlier.outstanding, 50_000)
        XCTAssertEqual(earlier.approvedProjects, 1)
        XCTAssertEqual(try SocialPortfolioQuery.volumes(of: [1], asOf: on, in: f.db)[1]?.disbursed, 150_000)
    }

    func testMarketQuery() throws {
        let report = try MarketQuery.report(year: 2012, asOf: on, in: f.db)
        XCTAssertEqual(report.totalOutstanding, 350_000, "green and social outstanding at the end of the date")
        XCTAssertEqual(report.totalApproved, 100_370_000, "the projects decided on the date count")
        XCTAssertEqual(report.totalProjects, 3)
        let earlier = try MarketQuery.report(year: 2012, asOf: before, in: f.db)
        XCTAssertEqual(earlier.totalOutstanding, 50_000)
        XCTAssertEqual(earlier.totalApproved, 100_000_000)
    }

    func testBalanceAssertions() throws {
        XCTAssertEqual(try BalanceAssertions.outstanding(.social, asOf: on, in: f.db), 150_000)
        XCTAssertEqual(try BalanceAssertions.outstanding(.sustainable, asOf: on, in: f.db), 350_000)
        XCTAssertEqual(try BalanceAssertions.outstanding(.all, asOf: before, in: f.db), 50_000)
    }
}
