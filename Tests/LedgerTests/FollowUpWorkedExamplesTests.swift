import XCTest
@testable import Ledger

/// The nine worked examples of domain.md ("baseline → 2023 outcome; target"), run through
/// the whole path a report takes: parse the texts, find v and p, apply the rule.
final class FollowUpWorkedExamplesTests: XCTestCase {
    private func status(
        baseline: String, baselineYear: Int = 2022, outcome2023: String,
        target: String, direction: Direction, file: StaticString = #filePath, line: UInt = #line
    ) throws -> FollowUpStatus {
        let history = IndicatorHistory(
            baseline: try ReadingValue.parse(baseline), baselineYear: baselineYear,
            readings: [2023: try ReadingValue.parse(outcome2023)])
        let result = FollowUpRule.assess(
            history: history, year: 2023, direction: direction,
            target: try Target.parse(target), targetYear: 2025)
        return result.status
    }

    func testTrivselILagenhetenAlby() throws {
        XCTAssertEqual(try status(baseline: "86,5", outcome2023: "86,0", target: ">=90", direction: .higher), .worseThanBaseline)
    }

    func testHyreshojningVidRotRenoveringAlby() throws {
        XCTAssertEqual(try status(baseline: "15 %", outcome2023: "14 %", target: "<=20", direction: .lower), .targetMet)
        // As written on the slide, too.
        XCTAssertEqual(try status(baseline: "15%", outcome2023: "14%", target: "≤20%", direction: .lower), .targetMet)
    }

    func testAnstallda_i_Qvinna_i_Botkyrka() throws {
        XCTAssertEqual(try status(baseline: "60", outcome2023: "60", target: "text:Värde utifrån behovsbild", direction: .higher), .noChange)
    }

    func testDeltagareIKompisSverige() throws {
        XCTAssertEqual(try status(baseline: "327", outcome2023: "343", target: "200-400", direction: .higher), .targetMet)
        // Met whatever the direction: rule 2 comes before rule 3.
        XCTAssertEqual(try status(baseline: "327", outcome2023: "343", target: "200-400", direction: .none), .targetMet)
    }

    func testEleverILaxhjalpenMedGodkandaBetyg() throws {
        XCTAssertEqual(try status(baseline: "80 %", outcome2023: "85%", target: ">=100", direction: .higher), .positiveTrend)
    }

    func testInrapporteradeHandelserISkolmiljoTanum() throws {
        XCTAssertEqual(try status(baseline: "16", outcome2023: "0", target: "<=0", direction: .lower), .targetMet)
    }

    func testAndelInskrivnaBarnInomUpptagningsomradetRonneby() throws {
        XCTAssertEqual(try status(baseline: "95 %", outcome2023: "97-98 %", target: "90-100", direction: .higher), .targetMet)
        XCTAssertEqual(try status(baseline: "95 %", outcome2023: "97–98%", target: "90–100 %", direction: .higher), .targetMet)
    }

    func testFlickorIAk5SomKannerSigTrygga() throws {
        XCTAssertEqual(try status(baseline: "79 %", baselineYear: 2020, outcome2023: "76 %", target: "increasing", direction: .higher), .worseThanBaseline)
        XCTAssertEqual(try status(baseline: "79 %", baselineYear: 2020, outcome2023: "76 %", target: "Ökande", direction: .higher), .worseThanBaseline)
    }

    func testIntegrationBetweenSchoolsStandardDeviation() throws {
        XCTAssertEqual(try status(baseline: "19 %", outcome2023: "18 %", target: "decreasing", direction: .lower), .positiveTrend)
        XCTAssertEqual(try status(baseline: "19 %", outcome2023: "18 %", target: "Minskande", direction: .lower), .positiveTrend)
    }

    /// The other Ronneby "Ökande" rows of the slide, for the seeds.
    func testRonnebyTrygghetRows() throws {
        XCTAssertEqual(try status(baseline: "84 %", baselineYear: 2020, outcome2023: "90 %", target: "ökande", direction: .higher), .positiveTrend)
        XCTAssertEqual(try status(baseline: "63 %", baselineYear: 2020, outcome2023: "62 %", target: "ökande", direction: .higher), .worseThanBaseline)
    }
}
