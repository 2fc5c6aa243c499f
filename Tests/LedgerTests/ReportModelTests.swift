import XCTest
@testable import Ledger

/// The pure pieces of the reports: categories, the approved-volume distribution, the
/// follow-up overview (Bild 11) and the precision rule for changes.
final class ReportModelTests: XCTestCase {
    func testSocialCategoriesOrderAndNames() {
        XCTAssertEqual(SocialCategory.ordered(["Zeta", "Hälsa, utbildning, idrott och kultur", "Boende och boendemiljöer", "Alfa"]),
                       ["Boende och boendemiljöer", "Hälsa, utbildning, idrott och kultur", "Alfa", "Zeta"])
        XCTAssertEqual(SocialCategory.displayName("Trygghet, säkerhet och tillgänglighet", language: .en), "Safety, security and accessibility")
        XCTAssertEqual(SocialCategory.displayName("Trygghet, säkerhet och tillgänglighet", language: .sv), "Trygghet, säkerhet och tillgänglighet")
        XCTAssertEqual(SocialCategory.displayName("green_buildings", language: .en), "green_buildings")
    }

    func testCategoryDistributionOfBild6() {
        let d = CategoryDistribution(["Boende och boendemiljöer": 707_800_000_000,
                                      "Trygghet, säkerhet och tillgänglighet": 126_450_000_000,
                                      "Hälsa, utbildning, idrott och kultur": 254_000_000_000])
        XCTAssertEqual(d.total, 1_088_250_000_000)
        XCTAssertEqual(d.entries.map { $0.share?.percentString() }, ["65,0\u{00A0}%", "11,6\u{00A0}%", "23,3\u{00A0}%"])
        let empty = CategoryDistribution([:])
        XCTAssertEqual(empty.entries.count, 3, "the three categories are always listed")
        XCTAssertTrue(empty.entries.allSatisfy { $0.amount == 0 && $0.share == nil })
    }

    func testFollowUpOverviewGroupsByCategoryThenProject() {
        let overview = FollowUpOverview<Int64>([
            .init(category: "Hälsa, utbildning, idrott och kultur", project: 15, status: .positiveTrend),
            .init(category: "Boende och boendemiljöer", project: 1, status: .targetMet),
            .init(category: "Hälsa, utbildning, idrott och kultur", project: 15, status: .targetMet),
            .init(category: "Boende och boendemiljöer", project: 4, status: .notReported),
            .init(category: "Boende och boendemiljöer", project: 1, status: .targetMet),
        ])
        XCTAssertEqual(overview.categories.map(\.name), ["Boende och boendemiljöer", "Hälsa, utbildning, idrott och kultur"])
        XCTAssertEqual(overview.categories[0].projects.map(\.project), [1, 4])
        XCTAssertEqual(overview.categories[0].projects[0].counts[.targetMet], 2)
        XCTAssertEqual(overview.categories[0].counts.total, 3)
        XCTAssertEqual(overview.categories[1].counts[.positiveTrend], 1)
        XCTAssertEqual(overview.counts.total, 5)
        XCTAssertTrue(FollowUpOverview<Int64>([]).categories.isEmpty)
    }

    func testLineChangesPrintInWholePerCentAndTheTotalWithOneDecimal() throws {
        // The slide's own totals: 511,9 → 544,4 mdkr is +6,35 %, printed +6,3 % (never the slide's +3,7 %).
        XCTAssertEqual(ChangePrecision.format(Ratio.change(from: 5_119, to: 5_444), line: .total), "+6,3\u{00A0}%")
        XCTAssertEqual(ChangePrecision.format(Ratio.change(from: 5_119, to: 5_444), line: .green), "+6\u{00A0}%")
        XCTAssertEqual(ChangePrecision.format(Ratio.change(from: 21, to: 46)), "+119\u{00A0}%")
        XCTAssertEqual(ChangePrecision.format(Ratio.change(from: 200, to: 199)), "-1\u{00A0}%")
        XCTAssertEqual(ChangePrecision.format(Ratio.change(from: 1000, to: 1001)), "0\u{00A0}%")
        XCTAssertEqual(ChangePrecision.format(Ratio.change(from: 2, to: 3)), "+50\u{00A0}%")
        XCTAssertEqual(ChangePrecision.format(Ratio.change(from: 0, to: 5)), "–", "no base, no change")
        XCTAssertEqual(ChangePrecision.format(Ratio.change(from: 5_119, to: 5_444), language: .en), "+6%")
    }
}
