import XCTest
@testable import Ledger

/// The years a green project may have impact metrics for (`MetricYears`, docs/import.md).
final class MetricYearsTests: XCTestCase {
    func day(_ text: String) -> Day { try! Day.parse(text) }
    func period(_ status: ProjectStatus, _ from: String, _ until: String? = nil) -> ProjectStatusPeriod {
        ProjectStatusPeriod(status: status, from: day(from), until: until.map(day))
    }

    func testApprovedFromTheYearOfTheDecisionOn() {
        let approved = [period(.approved, "2022-05-10")]
        XCTAssertNil(MetricYears.refusal(year: 2022, periods: approved), "the year of the decision counts")
        XCTAssertNil(MetricYears.refusal(year: 2030, periods: approved), "an expected value for a later year")
        XCTAssertEqual(MetricYears.refusal(year: 2021, periods: approved), .beforeDecision(decided: day("2022-05-10")))
        XCTAssertEqual(MetricYears.refusal(year: 2018, periods: [period(.approved, "2022-01-01")]),
                       .beforeDecision(decided: day("2022-01-01")))
        XCTAssertEqual(MetricYearRefusal.beforeDecision(decided: day("2022-05-10")).column, "year")
    }

    func testRejectedHasNone() {
        XCTAssertEqual(MetricYears.refusal(year: 2023, periods: [period(.rejected, "2022-05-10")]), .rejected)
        // Approved, then corrected to rejected: the revision in force now decides, for every year.
        let corrected = [period(.approved, "2022-05-10", "2023-02-01"), period(.rejected, "2023-02-01")]
        XCTAssertEqual(MetricYears.refusal(year: 2022, periods: corrected), .rejected)
        XCTAssertEqual(MetricYearRefusal.rejected.column, "project_number")
    }

    func testWithdrawnKeepsTheYearsItWasApproved() {
        let withdrawn = [period(.approved, "2022-05-10", "2023-07-01"), period(.withdrawn, "2023-07-01")]
        XCTAssertNil(MetricYears.refusal(year: 2022, periods: withdrawn))
        XCTAssertNil(MetricYears.refusal(year: 2023, periods: withdrawn), "approved until 30 June 2023")
        XCTAssertEqual(MetricYears.refusal(year: 2024, periods: withdrawn), .afterWithdrawal(withdrawn: day("2023-07-01")))
        // Withdrawn on 1 January: not one day of that year approved.
        let newYear = [period(.approved, "2022-05-10", "2024-01-01"), period(.withdrawn, "2024-01-01", "2024-03-01"),
                       period(.withdrawn, "2024-03-01")]
        XCTAssertNil(MetricYears.refusal(year: 2023, periods: newYear))
        XCTAssertEqual(MetricYears.refusal(year: 2024, periods: newYear), .afterWithdrawal(withdrawn: day("2024-01-01")),
                       "the withdrawal's date, not that of a later revision")
        // Recorded as withdrawn from its decision on: never approved in the ledger.
        XCTAssertEqual(MetricYears.refusal(year: 2023, periods: [period(.withdrawn, "2022-05-10")]), .neverApproved(status: .withdrawn))
    }

    func testCompletedKeepsEveryLaterYear() {
        let completed = [period(.approved, "2020-03-01", "2022-09-01"), period(.completed, "2022-09-01")]
        XCTAssertNil(MetricYears.refusal(year: 2025, periods: completed))
        XCTAssertEqual(MetricYears.refusal(year: 2019, periods: completed), .beforeDecision(decided: day("2020-03-01")))
    }

    func testMessagesNameProjectYearAndDate() {
        XCTAssertEqual(MetricYearRefusal.afterWithdrawal(withdrawn: day("2023-07-01")).message(project: 15, year: 2024),
                       "project 15 was withdrawn on 2023-07-01, before 2024 began: metrics are accepted for the years it was "
                        + "approved or completed (up to 2023)")
        XCTAssertTrue(MetricYearRefusal.beforeDecision(decided: day("2022-05-10")).message(project: 7, year: 2018)
            .hasPrefix("2018 is before project 7 was decided (2022-05-10)"))
    }
}
