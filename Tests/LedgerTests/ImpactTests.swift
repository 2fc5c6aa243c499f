import XCTest
@testable import Ledger

/// Impact for a year (domain.md, "Allocation and impact"), hand-computed.
final class ImpactTests: XCTestCase {
    func mnkr(_ n: Int64) -> Ore { n * 100_000_000 }
    func q(_ text: String) -> Quantity { try! Quantity.parse(text) }
    func day(_ text: String) -> Day { try! Day.parse(text) }

    func metric(_ project: Int64, _ year: Int, _ metric: ImpactMetric, _ basis: MetricBasis, _ value: String) -> MetricRecord {
        MetricRecord(projectNumber: project, year: year, metric: metric, basis: basis, value: q(value))
    }

    func factor(_ from: String, _ grams: String) -> EmissionFactor {
        EmissionFactor(validFrom: day(from), gramsPerKWh: q(grams), source: "test")
    }

    /// 380 from 2017, 315 from 2019, 191 from 2023: Kommuninvest's three electricity factors.
    var factors: EmissionFactorTable {
        try! EmissionFactorTable([factor("2023-01-01", "191"), factor("2017-01-01", "380"), factor("2019-01-01", "315")])
    }

    /// End of 2023: #1 share 100/400 = 1/4; #2 60 of a total cost of 50, capped at 1; #3 no total
    /// cost; #4 nothing outstanding (share 0); #5 90/300 = 3/10.
    let projects2023 = [
        ImpactProject(number: 1, category: "renewable_energy", totalCost: 40_000_000_000, outstanding: 10_000_000_000),
        ImpactProject(number: 2, category: "energy_efficiency", totalCost: 5_000_000_000, outstanding: 6_000_000_000),
        ImpactProject(number: 3, category: "energy_efficiency", totalCost: nil, outstanding: 4_000_000_000),
        ImpactProject(number: 4, category: "water_management", totalCost: 10_000_000_000, outstanding: 0),
        ImpactProject(number: 5, category: "green_buildings", totalCost: 30_000_000_000, outstanding: 9_000_000_000),
    ]

    var metrics: [MetricRecord] {
        [metric(1, 2023, .renewableGeneration, .expected, "10000"),
         metric(1, 2023, .renewableGeneration, .actual, "8000"),
         metric(1, 2023, .renewableCapacity, .expected, "5"),
         metric(1, 2022, .renewableGeneration, .expected, "10000"),
         metric(2, 2023, .energySaved, .expected, "1000"),
         metric(2, 2023, .ghgAvoided, .actual, "20"),
         metric(2, 2023, .ghgReduced, .expected, "5"),
         metric(2, 2022, .energySaved, .actual, "999999"),        // another year: never in 2023
         metric(3, 2023, .energySaved, .actual, "500"),
         metric(4, 2023, .waterTreated, .expected, "1000000"),
         metric(5, 2023, .certifiedFloorArea, .expected, "12345.5"),
         metric(5, 2023, .energySaved, .actual, "333.3333333")]
    }

    func report2023() throws -> ImpactReport {
        try Impact.report(year: 2023, projects: projects2023, metrics: metrics, factors: factors)
    }

    func project(_ report: ImpactReport, _ number: Int64) throws -> ProjectImpact {
        try XCTUnwrap(report.projects.first { $0.projectNumber == number })
    }

    func category(_ report: ImpactReport, _ name: String) throws -> ImpactSums {
        try XCTUnwrap(report.categories.first { $0.category == name }).sums
    }

    func testActualPreferredAndShareFinanced() throws {
        let report = try report2023()
        XCTAssertEqual(report.factor?.gramsPerKWh, 191)
        let one = try project(report, 1)
        XCTAssertEqual(one.shareFinanced, Ratio(1, 4))
        XCTAssertEqual(one.lines.map(\.metric), [.renewableGeneration, .renewableCapacity, .ghgAvoided])
        let generation = one.lines[0]
        XCTAssertEqual(generation.basis, .actual, "the actual value wins over the expected one")
        XCTAssertEqual(generation.value, 8_000)
        XCTAssertEqual(generation.attributed, 2_000)
        XCTAssertFalse(generation.isDerived)
        XCTAssertEqual(one.lines[1].basis, .expected)
        XCTAssertEqual(one.lines[1].attributed, q("1.25"))
        // 8 000 MWh × 191 g/kWh ÷ 1 000 = 1 528 t, of which a quarter is attributed.
        let derived = one.lines[2]
        XCTAssertTrue(derived.isDerived)
        XCTAssertEqual(derived.derivedFrom, .renewableGeneration)
        XCTAssertEqual(derived.basis, .actual)
        XCTAssertEqual(derived.value, 1_528)
        XCTAssertEqual(derived.attributed, 382)
    }

    func testShareFinancedCappedAtOne() throws {
        let two = try project(report2023(), 2)
        XCTAssertEqual(two.shareFinanced, Ratio(1, 1), "60 outstanding on a project that cost 50")
        XCTAssertEqual(two.lines.map(\.metric), [.ghgAvoided, .ghgReduced, .energySaved, .ghgAvoided])
        XCTAssertEqual(two.lines.map(\.attributed), [20, 5, 1_000, 191])
        XCTAssertEqual(two.lines.map(\.isDerived), [false, false, false, true])
        XCTAssertEqual(Impact.shareFinanced(outstanding: mnkr(50), totalCost: mnkr(50)), Ratio(1, 1))
        XCTAssertEqual(Impact.shareFinanced(outstanding: mnkr(49), totalCost: mnkr(50)), Ratio(49, 50))
        XCTAssertEqual(Impact.shareFinanced(outstanding: -1, totalCost: mnkr(50)), Ratio(0, 1))
        XCTAssertNil(Impact.shareFinanced(outstanding: mnkr(1), totalCost: 0))
    }

    /// The order of the records does not matter: an actual value given before the expected one wins too.
    func testActualWinsWhateverTheOrder() throws {
        let project = [ImpactProject(number: 7, category: "energy_efficiency", totalCost: mnkr(10), outstanding: mnkr(10))]
        for records in [[metric(7, 2023, .energySaved, .actual, "80"), metric(7, 2023, .energySaved, .expected, "100")],
                        [metric(7, 2023, .energySaved, .expected, "100"), metric(7, 2023, .energySaved, .actual, "80")]] {
            let line = try Impact.report(year: 2023, projects: project, metrics: records, factors: factors).projects[0].lines[0]
            XCTAssertEqual(line.basis, .actual)
            XCTAssertEqual(line.value, 80)
        }
    }

    /// A project with a total cost but no metric for the year has nothing attributed: it counts
    /// against coverage like one without a total cost.
    func testProjectWithoutMetricsCountsAgainstCoverage() throws {
        let projects = [ImpactProject(number: 7, category: "energy_efficiency", totalCost: mnkr(10), outstanding: mnkr(30)),
                        ImpactProject(number: 8, category: "energy_efficiency", totalCost: mnkr(10), outstanding: mnkr(10))]
        let report = try Impact.report(year: 2023, projects: projects,
                                       metrics: [metric(8, 2023, .ghgAvoided, .expected, "4")], factors: factors)
        XCTAssertEqual(report.projects[0].lines, [])
        XCTAssertFalse(report.projects[0].hasAttributedMetric)
        XCTAssertEqual(report.total.coverage, Ratio(1, 4))
        XCTAssertEqual(report.total.ghgPerMnkr, q("0.1"), "4 t over 40 mnkr")
    }

    func testProjectWithoutTotalCostIsShownButNotAttributed() throws {
        let three = try project(report2023(), 3)
        XCTAssertNil(three.shareFinanced)
        XCTAssertEqual(three.lines.map(\.value), [500, q("95.5")])
        XCTAssertEqual(three.lines.map(\.attributed), [nil, nil])
        XCTAssertFalse(three.hasAttributedMetric)
    }

    /// energy_efficiency holds #2 (60, attributed) and #3 (40, no total cost): coverage 60/100.
    func testCoverageBelowFullAndPerCategorySums() throws {
        let report = try report2023()
        XCTAssertEqual(report.categories.map(\.category),
                       ["renewable_energy", "energy_efficiency", "green_buildings", "water_management"])
        let efficiency = try category(report, "energy_efficiency")
        XCTAssertEqual(efficiency.projects, 2)
        XCTAssertEqual(efficiency.outstanding, mnkr(100))
        XCTAssertEqual(efficiency.coveredOutstanding, mnkr(60))
        XCTAssertEqual(efficiency.coverage, Ratio(3, 5))
        // Reported 20 t + derived 191 t (1 000 MWh × 191 ÷ 1 000); #3's 95,5 t are not attributed.
        XCTAssertEqual(efficiency.attributed(.ghgAvoided), 211)
        XCTAssertEqual(efficiency.attributed(.ghgReduced), 5)
        XCTAssertEqual(efficiency.attributed(.energySaved), 1_000)
        XCTAssertEqual(efficiency.attributed.map(\.metric), [.ghgAvoided, .ghgReduced, .energySaved])
        // 211 t over 100 mnkr outstanding (both projects).
        XCTAssertEqual(efficiency.ghgPerMnkr, q("2.11"))

        let renewable = try category(report, "renewable_energy")
        XCTAssertEqual(renewable.coverage, Ratio(1, 1))
        XCTAssertEqual(renewable.ghgPerMnkr, q("3.82"))
        XCTAssertEqual(renewable.attributed(.renewableCapacity), q("1.25"))

        // Nothing outstanding: attributed zero, no coverage, no tCO2e per mnkr.
        let water = try category(report, "water_management")
        XCTAssertEqual(water.attributed(.waterTreated), 0)
        XCTAssertNil(water.coverage)
        XCTAssertNil(water.ghgPerMnkr)
        XCTAssertEqual(try project(report, 4).shareFinanced, Ratio(0, 1))
    }

    /// Seven decimals: 333,3333333 MWh × 191 ÷ 1 000 = 63,6666666603 t, kept as 63,6666667;
    /// attributed 3/10 of it = 19,10000001 → 19,1; the MWh: 99,99999999 → 100.
    func testRoundingAtTheSeventhDecimal() throws {
        let report = try report2023()
        let five = try project(report, 5)
        XCTAssertEqual(five.shareFinanced, Ratio(3, 10))
        XCTAssertEqual(five.lines.map(\.metric), [.energySaved, .certifiedFloorArea, .ghgAvoided])
        XCTAssertEqual(five.lines[0].attributed, 100)
        XCTAssertEqual(five.lines[1].attributed, q("3703.65"))
        XCTAssertEqual(five.lines[2].value, q("63.6666667"))
        XCTAssertEqual(five.lines[2].attributed, q("19.1"))
        // 19,1 t over 90 mnkr = 0,21222… → 0,2122222.
        XCTAssertEqual(try category(report, "green_buildings").ghgPerMnkr, q("0.2122222"))
    }

    func testTotal() throws {
        let total = try report2023().total
        XCTAssertEqual(total.projects, 5)
        XCTAssertEqual(total.outstanding, mnkr(290))
        XCTAssertEqual(total.coveredOutstanding, mnkr(250))
        XCTAssertEqual(total.coverage, Ratio(25, 29))
        // 382 + 211 + 19,1 = 612,1 t; over 290 mnkr = 2,11068965… → 2,1106897.
        XCTAssertEqual(total.attributed(.ghgAvoided), q("612.1"))
        XCTAssertEqual(total.ghgPerMnkr, q("2.1106897"))
        XCTAssertEqual(total.attributed(.energySaved), 1_100)
        XCTAssertEqual(total.attributed(.renewableGeneration), 2_000)
        XCTAssertEqual(total.attributed(.waterTreated), 0)
        XCTAssertNil(total.attributed(.wasteRecycled))
    }

    /// 2022 falls under 315 g/kWh, 2023 under 191: the same 10 000 MWh give 3 150 t, then
    /// 1 910 t; restated today, 2022 shows both side by side.
    func testFactorChangeBetweenTwoYearsAndRestatement() throws {
        let projects2022 = [ImpactProject(number: 1, category: "renewable_energy", totalCost: mnkr(400), outstanding: mnkr(80)),
                            ImpactProject(number: 2, category: "energy_efficiency", totalCost: nil, outstanding: mnkr(10))]
        let published = try Impact.report(year: 2022, projects: projects2022, metrics: metrics, factors: factors)
        XCTAssertEqual(published.factor?.gramsPerKWh, 315)
        let derived = try XCTUnwrap(published.projects[0].lines.first { $0.isDerived })
        XCTAssertEqual(derived.value, 3_150)
        XCTAssertEqual(derived.attributed, 630, "share 80/400 = 1/5")

        let both = try Impact.restatement(year: 2022, projects: projects2022, metrics: metrics, factors: factors,
                                          restatedOn: day("2025-04-01"))
        XCTAssertTrue(both.factorChanged)
        XCTAssertEqual(both.published, published)
        XCTAssertEqual(both.restated.factor?.gramsPerKWh, 191)
        XCTAssertEqual(both.restated.total.attributed(.ghgAvoided), 382)
        XCTAssertEqual(both.published.total.attributed(.ghgAvoided), 630)
        // The metrics themselves do not change, only what is derived from them.
        XCTAssertEqual(both.restated.total.attributed(.renewableGeneration), 2_000)
        // #2's 999 999 MWh of 2022 have no total cost: derived under each factor, never attributed.
        XCTAssertEqual(both.published.projects[1].lines.map(\.value), [999_999, q("314999.685")])
        XCTAssertEqual(both.restated.projects[1].lines.map(\.value), [999_999, q("190999.809")])

        // Restating on a day under the same factor changes nothing.
        let same = try Impact.restatement(year: 2022, projects: projects2022, metrics: metrics, factors: factors,
                                          restatedOn: day("2022-12-31"))
        XCTAssertFalse(same.factorChanged)
        XCTAssertEqual(same.published, same.restated)
    }

    func testFactorInForceAtTheEndOfTheYear() throws {
        let table = try EmissionFactorTable([factor("2023-12-31", "100"), factor("2024-01-01", "50"), factor("2019-01-01", "315")])
        XCTAssertEqual(table.inForce(atEndOf: 2023)?.gramsPerKWh, 100, "valid from the year's last day: in force")
        XCTAssertEqual(table.inForce(atEndOf: 2024)?.gramsPerKWh, 50)
        XCTAssertEqual(table.inForce(on: day("2023-12-30"))?.gramsPerKWh, 315)
        XCTAssertNil(table.inForce(atEndOf: 2018))
        XCTAssertEqual(table.factors.map(\.validFrom), [day("2019-01-01"), day("2023-12-31"), day("2024-01-01")])
        XCTAssertThrowsError(try EmissionFactorTable([factor("2019-01-01", "315"), factor("2019-01-01", "380")])) {
            XCTAssertEqual("\($0)", "two electricity factors apply from 2019-01-01")
        }
    }

    func testNoFactorInForceDerivesNothing() throws {
        let early = [metric(1, 2016, .energySaved, .expected, "100"), metric(1, 2016, .ghgAvoided, .expected, "7")]
        let project = [ImpactProject(number: 1, category: "energy_efficiency", totalCost: mnkr(1), outstanding: mnkr(1))]
        let report = try Impact.report(year: 2016, projects: project, metrics: early, factors: factors)
        XCTAssertNil(report.factor)
        XCTAssertTrue(report.isMissingFactor)
        XCTAssertEqual(report.projects[0].lines.map(\.isDerived), [false, false])
        XCTAssertEqual(report.total.attributed(.ghgAvoided), 7)
        XCTAssertFalse(try report2023().isMissingFactor)
    }

    func testTonnesFromMWh() {
        XCTAssertEqual(factor("2019-01-01", "315").tonnesCO2e(forMWh: 1_000), 315)
        XCTAssertEqual(factor("2023-01-01", "191").tonnesCO2e(forMWh: 1_000), 191)
        XCTAssertEqual(factor("2023-01-01", "191.5").tonnesCO2e(forMWh: q("0.5")), q("0.09575"))
        XCTAssertNil(factor("2023-01-01", "900000").tonnesCO2e(forMWh: Quantity(units: .max)))
    }

    func testInconsistentInputIsRefused() {
        XCTAssertThrowsError(try Impact.report(year: 2023, projects: projects2023,
                                               metrics: metrics + [metric(2, 2023, .energySaved, .expected, "1")],
                                               factors: factors)) {
            XCTAssertEqual("\($0)", "project 2 has two expected values of energy_saved_mwh for the year")
        }
        XCTAssertThrowsError(try Impact.report(year: 2023, projects: projects2023,
                                               metrics: metrics + [metric(9, 2023, .energySaved, .expected, "1")],
                                               factors: factors)) {
            XCTAssertEqual($0 as? ImpactError, .unknownProject(9))
        }
        // A metric of another year for an unknown project is not this report's business.
        XCTAssertNoThrow(try Impact.report(year: 2023, projects: projects2023,
                                           metrics: metrics + [metric(9, 2021, .energySaved, .expected, "1")], factors: factors))
        XCTAssertThrowsError(try Impact.report(year: 2023, projects: projects2023 + [projects2023[0]], metrics: [], factors: factors)) {
            XCTAssertEqual($0 as? ImpactError, .duplicateProject(1))
        }
    }

    func testDisplayRounding() {
        XCTAssertEqual(q("78.75").rounded(decimals: 0), 79)
        XCTAssertEqual(q("78.5").rounded(decimals: 0), 79)
        XCTAssertEqual(q("78.4999999").rounded(decimals: 0), 78)
        XCTAssertEqual(q("-2.5").rounded(decimals: 0), -3)
        XCTAssertEqual(q("1.25").rounded(decimals: 1), q("1.3"))
        XCTAssertEqual(q("1.2499999").rounded(decimals: 1), q("1.2"))
        XCTAssertEqual(q("1.2345678").rounded(decimals: 7), q("1.2345678"))
        XCTAssertEqual(ImpactMetric.renewableCapacity.displayDecimals, 1)
        XCTAssertEqual(ImpactMetric.ghgAvoided.displayDecimals, 0)
    }

    // MARK: - Rows

    func testMetricRow() throws {
        let m = try MetricRecord.parse(projectNumber: "5002", year: "2024", metric: "energy_saved_mwh", basis: "actual",
                                       value: "41 250,5")
        XCTAssertEqual(m, MetricRecord(projectNumber: 5002, year: 2024, metric: .energySaved, basis: .actual, value: q("41250.5")))
        XCTAssertEqual(try MetricRecord.parse(projectNumber: "1", year: "2024", metric: "ghg_avoided_tco2e",
                                              basis: "expected", value: "0").value, 0)
        let cases: [(String, String, String, String, String, ColumnError)] = [
            ("0", "2024", "energy_saved_mwh", "actual", "1",
             ColumnError(column: "project_number", message: "\"0\" is not a project number: expected 1…9223372036854775807")),
            ("#5", "2024", "energy_saved_mwh", "actual", "1",
             ColumnError(column: "project_number", message: "\"#5\" is not a project number: expected a whole number")),
            ("1", "24", "energy_saved_mwh", "actual", "1",
             ColumnError(column: "year", message: "\"24\" is not a year: expected 1900…2200")),
            ("1", "2024", "energy_saved_kwh", "actual", "1",
             ColumnError(column: "metric", message: "\"energy_saved_kwh\" is not one of ghg_avoided_tco2e, ghg_reduced_tco2e, "
                 + "energy_saved_mwh, renewable_generation_mwh, renewable_capacity_mw, certified_floor_area_m2, "
                 + "water_treated_m3, waste_recycled_t")),
            ("1", "2024", "energy_saved_mwh", "Actual", "1",
             ColumnError(column: "basis", message: "\"Actual\" is not one of expected, actual")),
            ("1", "2024", "energy_saved_mwh", "actual", "-3",
             ColumnError(column: "value", message: "\"-3\" must not be negative")),
            ("1", "2024", "energy_saved_mwh", "actual", "15 %",
             ColumnError(column: "value", message: "\"15 %\" is not a number: no per-cent sign here")),
            ("1", "2024", "energy_saved_mwh", "actual", "12,3,4",
             ColumnError(column: "value", message: "\"12,3,4\" is not a number")),
            ("1", "2024", "energy_saved_mwh", "actual", "",
             ColumnError(column: "value", message: "empty number")),
        ]
        for (number, year, name, basis, value, expected) in cases {
            XCTAssertThrowsError(try MetricRecord.parse(projectNumber: number, year: year, metric: name, basis: basis, value: value)) {
                XCTAssertEqual($0 as? ColumnError, expected)
            }
        }
    }

    func testFactorRow() throws {
        let f = try EmissionFactor.parse(name: "electricity", validFrom: "2023-01-01", gPerKWh: "191,5", source: "Nordic Position Paper")
        XCTAssertEqual(f.gramsPerKWh, q("191.5"))
        XCTAssertEqual(f.validFrom, day("2023-01-01"))
        let cases: [(String, String, String, String, ColumnError)] = [
            ("el", "2023-01-01", "191", "x", ColumnError(column: "name", message: "\"el\" is not one of electricity")),
            ("electricity", "2023-13-01", "191", "x",
             ColumnError(column: "valid_from", message: "\"2023-13-01\" is not a date: there is no month 13")),
            ("electricity", "2023-01-01", "-1", "x", ColumnError(column: "g_per_kwh", message: "\"-1\" must not be negative")),
            ("electricity", "2023-01-01", "191", " ", ColumnError(column: "source", message: "is empty: say where the factor comes from")),
            ("electricity", "2023-01-01", "191", "a\nb",
             ColumnError(column: "source", message: "the source \"a\\nb\" has the control character U+000A (\\n) at position 2; "
                 + "no field may hold control characters")),
            ("electricity", "2023-01-01", "191", "Energi\u{202E}myndigheten",
             ColumnError(column: "source", message: "the source \"Energi\\u{202E}myndigheten\" has the invisible character "
                 + "U+202E RIGHT-TO-LEFT OVERRIDE at position 7; remove it (zero-width, direction and byte-order marks and line separators are refused)")),
            ("electricity", "2023-01-01\u{00A0}", "191", "x",
             ColumnError(column: "valid_from", message: "\"2023-01-01\\u{A0}\" is not a date: expected YYYY-MM-DD; it has U+00A0 NO-BREAK SPACE at position 11")),
        ]
        for (name, from, grams, source, expected) in cases {
            XCTAssertThrowsError(try EmissionFactor.parse(name: name, validFrom: from, gPerKWh: grams, source: source)) {
                XCTAssertEqual($0 as? ColumnError, expected)
            }
        }
    }

    func testVocabularyIsCliMd() {
        XCTAssertEqual(ImpactMetric.allCases.map(\.rawValue),
                       ["ghg_avoided_tco2e", "ghg_reduced_tco2e", "energy_saved_mwh", "renewable_generation_mwh",
                        "renewable_capacity_mw", "certified_floor_area_m2", "water_treated_m3", "waste_recycled_t"])
        XCTAssertEqual(ImpactMetric.allCases.map(\.unit), ["tCO2e", "tCO2e", "MWh", "MWh", "MW", "m²", "m³", "t"])
        XCTAssertEqual(ImpactMetric.allCases.filter(\.isEnergy), [.energySaved, .renewableGeneration])
        XCTAssertEqual(MetricBasis.allCases.map(\.rawValue), ["expected", "actual"])
        XCTAssertEqual(MetricRecord.requiredColumns, ["project_number", "year", "metric", "basis", "value"])
        XCTAssertEqual(EmissionFactor.requiredColumns, ["name", "valid_from", "g_per_kwh", "source"])
        XCTAssertEqual(Bond.requiredColumns, ["isin", "programme", "issue_date", "maturity_date", "amount_sek"])
        XCTAssertEqual(Bond.optionalColumns, ["currency", "amount_original"])
    }
}
