import XCTest
@testable import Ledger

/// Seeds/bonds.csv, metrics.csv and factors.csv through the ledger's own CSV reader and the
/// domain parsers, and the allocation and impact of the demo ledger. The expected figures
/// are those `python3 Seeds/check_seeds.py` prints, computed there independently with
/// Python's Fractions from the same CSV files.
final class AllocationSeedTests: XCTestCase {
    static let seeds = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Seeds").path

    struct Row {
        let file: String
        let line: Int
        let fields: [String: String]
        subscript(_ column: String) -> String { fields[column] ?? "" }
    }

    /// Every row of `name`, read by `CSVReader` with the columns checked by `CSVColumns`.
    func rows(_ name: String, required: [String], optional: [String] = [],
              file: StaticString = #filePath, line: UInt = #line) throws -> [Row] {
        let reader = try CSVReader(path: Self.seeds + "/" + name)
        XCTAssertEqual(reader.delimiter, .comma, name, file: file, line: line)
        XCTAssertFalse(reader.hadByteOrderMark, name, file: file, line: line)
        let columns = try CSVColumns(header: reader.header, headerLine: reader.headerLine, required: required, optional: optional)
        var record = CSVRecord()
        var result: [Row] = []
        while try reader.next(into: &record) {
            var fields: [String: String] = [:]
            for column in required + optional {
                if let index = columns.index(of: column) { fields[column] = record.string(at: index) }
            }
            result.append(Row(file: name, line: record.line, fields: fields))
        }
        XCTAssertFalse(result.isEmpty, "\(name) has no rows", file: file, line: line)
        return result
    }

    func bonds() throws -> [Bond] {
        let rows = try rows("bonds.csv", required: Bond.requiredColumns, optional: Bond.optionalColumns)
        XCTAssertEqual(try CSVReader(path: Self.seeds + "/bonds.csv").header, Bond.requiredColumns + Bond.optionalColumns)
        return try rows.map { row in
            do {
                return try Bond.parse(isin: row["isin"], programme: row["programme"], issueDate: row["issue_date"],
                                      maturityDate: row["maturity_date"], amountSEK: row["amount_sek"],
                                      currency: row["currency"], amountOriginal: row["amount_original"])
            } catch {
                XCTFail("\(row.file):\(row.line): \(error)")
                throw error
            }
        }
    }

    func metrics() throws -> [MetricRecord] {
        let rows = try rows("metrics.csv", required: MetricRecord.requiredColumns)
        XCTAssertEqual(try CSVReader(path: Self.seeds + "/metrics.csv").header, MetricRecord.requiredColumns)
        return try rows.map { row in
            do {
                return try MetricRecord.parse(projectNumber: row["project_number"], year: row["year"], metric: row["metric"],
                                              basis: row["basis"], value: row["value"])
            } catch {
                XCTFail("\(row.file):\(row.line): \(error)")
                throw error
            }
        }
    }

    func factors() throws -> EmissionFactorTable {
        let rows = try rows("factors.csv", required: EmissionFactor.requiredColumns)
        XCTAssertEqual(try CSVReader(path: Self.seeds + "/factors.csv").header, EmissionFactor.requiredColumns)
        return try EmissionFactorTable(rows.map { row in
            do {
                return try EmissionFactor.parse(name: row["name"], validFrom: row["valid_from"], gPerKWh: row["g_per_kwh"],
                                                source: row["source"])
            } catch {
                XCTFail("\(row.file):\(row.line): \(error)")
                throw error
            }
        })
    }

    // MARK: - The rest of the demo ledger, as far as allocation and impact need it

    struct SeedProject {
        let number: Int64
        let programme: Programme
        let category: String
        let approved: Ore
        let decided: Day
        let status: ProjectStatus
        let totalCost: Ore?
    }

    struct SeedLoan {
        let number: String
        let programme: Programme
        let project: Int64?
        let eligible: Bool
        var movements: [LoanMovement] = []
    }

    func ledger() throws -> (projects: [Int64: SeedProject], loans: [SeedLoan]) {
        var projects: [Int64: SeedProject] = [:]
        for row in try rows("projects.csv", required: ["project_number", "programme", "category", "approved_sek", "decision_date",
                                                       "status"],
                            optional: ["borrower_org_no", "title", "investment_type", "total_cost_sek", "framework_version",
                                       "basic_requirements", "physical_investment", "social_intervention", "social_goals",
                                       "slide_label"]) {
            let number = try XCTUnwrap(Int64(row["project_number"]))
            projects[number] = SeedProject(
                number: number, programme: try XCTUnwrap(Programme(rawValue: row["programme"])), category: row["category"],
                approved: try AmountParser.parsePositive(row["approved_sek"], decimalComma: false),
                decided: try Day.parse(row["decision_date"]), status: try XCTUnwrap(ProjectStatus(rawValue: row["status"])),
                totalCost: row["total_cost_sek"].isEmpty ? nil : try AmountParser.parsePositive(row["total_cost_sek"], decimalComma: false))
        }
        var loans: [String: SeedLoan] = [:]
        for row in try rows("loans.csv", required: ["loan_number", "borrower_org_no", "programme", "project_number",
                                                    "green_bond_eligible"]) {
            loans[row["loan_number"]] = SeedLoan(number: row["loan_number"], programme: try XCTUnwrap(Programme(rawValue: row["programme"])),
                                                 project: Int64(row["project_number"]), eligible: row["green_bond_eligible"] == "true")
        }
        for row in try rows("entries.csv", required: ["external_id", "loan_number", "value_date", "amount_sek", "kind"]) {
            let kind: LoanMovement.Kind = row["kind"] == "disbursement" ? .disbursement : .repayment
            loans[row["loan_number"]]?.movements.append(
                LoanMovement(day: try Day.parse(row["value_date"]), kind: kind,
                             amount: try AmountParser.parsePositive(row["amount_sek"], decimalComma: false)))
        }
        return (projects, loans.values.sorted { $0.number < $1.number })
    }

    func allocation(on text: String) throws -> AllocationReport {
        let (projects, loans) = try ledger()
        let asOf = try Day.parse(text)
        let allocationProjects = projects.values.map {
            AllocationProject(number: $0.number, programme: $0.programme, category: $0.category, approved: $0.approved,
                              status: $0.status, decisionDate: $0.decided)
        }
        let allocationLoans = try loans.map {
            AllocationLoan(loanNumber: $0.number, programme: $0.programme, projectNumber: $0.project, greenBondEligible: $0.eligible,
                           position: try LoanPosition.on(asOf, movements: $0.movements))
        }
        return try Allocation.report(asOf: asOf, projects: allocationProjects, loans: allocationLoans, bonds: bonds())
    }

    /// The green projects approved by the year's end, with their outstanding on 31 December.
    func impactProjects(_ year: Int) throws -> [ImpactProject] {
        let (projects, loans) = try ledger()
        let end = try XCTUnwrap(Day(year: year, month: 12, day: 31))
        return try projects.values.filter { $0.programme == .green && $0.status == .approved && $0.decided <= end }.map { project in
            var outstanding: Ore = 0
            for loan in loans where loan.project == project.number {
                outstanding += try LoanPosition.on(end, movements: loan.movements).outstanding
            }
            return ImpactProject(number: project.number, category: project.category, totalCost: project.totalCost, outstanding: outstanding)
        }
    }

    // MARK: - Tests

    func testEveryRowParses() throws {
        let bonds = try bonds()
        XCTAssertEqual(bonds.count, 10)
        XCTAssertEqual(Set(bonds.map(\.isin)).count, bonds.count, "ISINs are unique")
        XCTAssertEqual(bonds.filter { $0.currency != nil }.map(\.currency), ["USD", "EUR", "USD"])
        XCTAssertEqual(try metrics().count, 43)
        let factors = try factors()
        XCTAssertEqual(factors.factors.map(\.gramsPerKWh), [380, 315, 191])
        XCTAssertEqual(factors.inForce(atEndOf: 2022)?.gramsPerKWh, 315)
        XCTAssertEqual(factors.inForce(atEndOf: 2023)?.gramsPerKWh, 191)
    }

    func testMetricsBelongToGreenProjectsDecidedByTheirYear() throws {
        let (projects, _) = try ledger()
        for record in try metrics() {
            let project = try XCTUnwrap(projects[record.projectNumber], "metrics.csv: project \(record.projectNumber)")
            XCTAssertEqual(project.programme, .green, "metrics.csv: project \(record.projectNumber)")
            XCTAssertGreaterThanOrEqual(record.year, project.decided.year, "metrics.csv: project \(record.projectNumber)")
        }
    }

    /// The demo's headroom is positive on 2023-12-31 and 2024-12-31 (pool 87,5 mdkr against
    /// 74,65 mdkr of green bonds), and negative at the end of 2021, before the seeds' green lending.
    func testAllocationOfTheDemoLedger() throws {
        let end2024 = try allocation(on: "2024-12-31")
        let green = try XCTUnwrap(end2024.programme(.green))
        XCTAssertEqual(green.eligiblePool, 8_748_765_432_109)
        XCTAssertEqual(green.bondsOutstanding, 7_465_000_000_000)
        XCTAssertEqual(green.headroom, 1_283_765_432_109)
        XCTAssertFalse(green.isOverAllocated)
        XCTAssertEqual(green.allocationRatio?.percentString(), "85,3\u{00A0}%")
        XCTAssertEqual(green.outstanding, 9_158_765_432_109, "Bild 2's 91,6 mdkr")
        XCTAssertEqual(green.environmentalManagementShare, Ratio(230_000_000_000, 8_748_765_432_109))
        XCTAssertFalse(green.isEnvironmentalManagementAboveCap)
        XCTAssertEqual(green.bonds.count, 8, "G2403 matured on 2024-03-27")
        let water = try XCTUnwrap(green.categories.first { $0.category == "water_management" })
        XCTAssertEqual(water.newFinancing, 368_765_432_109)
        XCTAssertEqual(water.refinancing, 1_500_000_000_000)
        XCTAssertEqual(green.categories.map(\.category), GreenCategory.allCases.map(\.rawValue))

        let social = try XCTUnwrap(end2024.programme(.social))
        XCTAssertEqual(social.eligiblePool, 459_876_543_210)
        XCTAssertEqual(social.bondsOutstanding, 300_000_000_000)
        XCTAssertEqual(social.headroom, 159_876_543_210)

        let end2023 = try XCTUnwrap(try allocation(on: "2023-12-31").programme(.green))
        XCTAssertEqual(end2023.eligiblePool, 7_545_000_000_000)
        XCTAssertEqual(end2023.bondsOutstanding, 6_490_000_000_000)
        XCTAssertEqual(end2023.headroom, 1_055_000_000_000)

        let end2021 = try XCTUnwrap(try allocation(on: "2021-12-31").programme(.green))
        XCTAssertEqual(end2021.eligiblePool, 0)
        XCTAssertEqual(end2021.bondsOutstanding, 3_450_000_000_000)
        XCTAssertTrue(end2021.isOverAllocated)
    }

    /// 2022 under 315 g/kWh as published, restated under 191; 2023 and 2024 under 191.
    func testImpactOfTheDemoLedger() throws {
        let metrics = try metrics()
        let factors = try factors()
        let q = { (text: String) in try Quantity.parse(text) }

        let y2024 = try Impact.report(year: 2024, projects: impactProjects(2024), metrics: metrics, factors: factors)
        XCTAssertEqual(y2024.factor?.gramsPerKWh, 191)
        XCTAssertEqual(y2024.total.attributed(.ghgAvoided), try q("473542.7272099"))
        XCTAssertEqual(y2024.total.ghgPerMnkr, try q("5.1703773"))
        XCTAssertEqual(y2024.total.outstanding, 9_158_765_432_109)
        XCTAssertEqual(y2024.total.coveredOutstanding, 8_018_765_432_109)
        XCTAssertEqual(y2024.total.coverage?.percentString(), "87,6\u{00A0}%")
        let renewable = try XCTUnwrap(y2024.categories.first { $0.category == "renewable_energy" }).sums
        XCTAssertEqual(renewable.attributed(.ghgAvoided), try q("353350"))
        XCTAssertEqual(renewable.ghgPerMnkr, try q("23.5566667"))
        let waste = try XCTUnwrap(y2024.categories.first { $0.category == "waste_management" }).sums
        XCTAssertEqual(waste.coverage, Ratio(0, 1), "5005 has metrics but no total cost")
        XCTAssertNil(waste.ghgPerMnkr)
        let water = try XCTUnwrap(y2024.categories.first { $0.category == "water_management" }).sums
        XCTAssertEqual(water.attributed(.ghgAvoided), try q("648.9712682"))

        let y2023 = try Impact.report(year: 2023, projects: impactProjects(2023), metrics: metrics, factors: factors)
        XCTAssertEqual(y2023.total.attributed(.ghgAvoided), try q("410749.7840909"))
        XCTAssertEqual(y2023.total.ghgPerMnkr, try q("5.1764308"))

        let y2022 = try Impact.restatement(year: 2022, projects: impactProjects(2022), metrics: metrics, factors: factors,
                                           restatedOn: try Day.parse("2025-04-01"))
        XCTAssertTrue(y2022.factorChanged)
        XCTAssertEqual(y2022.published.factor?.gramsPerKWh, 315)
        XCTAssertEqual(y2022.published.total.attributed(.ghgAvoided), try q("471605.4545455"))
        XCTAssertEqual(y2022.published.total.ghgPerMnkr, try q("8.9150369"))
        XCTAssertEqual(y2022.restated.total.attributed(.ghgAvoided), try q("303671.8787878"))
        XCTAssertEqual(y2022.restated.total.ghgPerMnkr, try q("5.7404892"))
        XCTAssertEqual(y2022.published.total.coverage, Ratio(45_000_000_000_00, 52_900_000_000_00))
    }
}
