import XCTest
@testable import Ledger

/// Allocation on D (domain.md, "Allocation and impact"), hand-computed in mnkr.
final class AllocationTests: XCTestCase {
    /// n mnkr in öre.
    func mnkr(_ n: Int64) -> Ore { n * 100_000_000 }

    func day(_ text: String) -> Day { try! Day.parse(text) }

    func bond(_ isin: String, _ programme: Programme, issued: String, matures: String, mnkr amount: Int64) -> Bond {
        try! Bond(isin: ISIN.parse(isin), programme: programme, issueDate: day(issued), maturityDate: day(matures),
                  amount: mnkr(amount))
    }

    func position(out: Int64, new: Int64, ref: Int64) -> LoanPosition {
        LoanPosition(outstanding: mnkr(out), newFinancing: mnkr(new), refinancing: mnkr(ref))
    }

    let asOf = try! Day.parse("2024-12-31")
    let decided = try! Day.parse("2022-01-01")

    /// Four green projects (one withdrawn), one social; green pool 120 + 30 + 10 = 160 (P3's
    /// loan is not eligible), green lending 200.
    var projects: [AllocationProject] {
        [AllocationProject(number: 1, programme: .green, category: "renewable_energy", approved: mnkr(200), status: .approved, decisionDate: decided),
         AllocationProject(number: 2, programme: .green, category: "environmental_management", approved: mnkr(50), status: .completed, decisionDate: decided),
         AllocationProject(number: 3, programme: .green, category: "climate_adaptation", approved: mnkr(40), status: .approved, decisionDate: decided),
         AllocationProject(number: 4, programme: .green, category: "green_buildings", approved: mnkr(30), status: .withdrawn, decisionDate: decided),
         AllocationProject(number: 5, programme: .green, category: "green_buildings", approved: mnkr(70), status: .rejected, decisionDate: decided),
         AllocationProject(number: 11, programme: .social, category: "Boende och boendemiljöer", approved: mnkr(80), status: .approved, decisionDate: decided)]
    }

    var loans: [AllocationLoan] {
        [AllocationLoan(loanNumber: "L1", programme: .green, projectNumber: 1, greenBondEligible: true,
                        position: position(out: 120, new: 20, ref: 110)),
         AllocationLoan(loanNumber: "L2", programme: .green, projectNumber: 2, greenBondEligible: true,
                        position: position(out: 30, new: 30, ref: 0)),
         AllocationLoan(loanNumber: "L3", programme: .green, projectNumber: 3, greenBondEligible: false,
                        position: position(out: 40, new: 0, ref: 40)),
         AllocationLoan(loanNumber: "L4", programme: .green, projectNumber: 4, greenBondEligible: true,
                        position: position(out: 10, new: 0, ref: 10)),
         AllocationLoan(loanNumber: "L5", programme: .social, projectNumber: 11, greenBondEligible: false,
                        position: position(out: 60, new: 60, ref: 0)),
         AllocationLoan(loanNumber: "L6", programme: .other, projectNumber: nil, greenBondEligible: false,
                        position: position(out: 1_000, new: 0, ref: 1_000))]
    }

    /// Green 100 + 40 outstanding; G3 matures on D and G4 is issued the day after: neither counts.
    var bonds: [Bond] {
        [bond("XS2259127269", .green, issued: "2020-11-26", matures: "2027-11-26", mnkr: 100),
         bond("XS2351401109", .green, issued: "2024-12-31", matures: "2026-06-10", mnkr: 40),
         bond("XS1968465572", .green, issued: "2019-03-27", matures: "2024-12-31", mnkr: 500),
         bond("XS2530407340", .green, issued: "2025-01-01", matures: "2025-09-01", mnkr: 700),
         bond("SE0000108656", .social, issued: "2024-06-01", matures: "2029-06-01", mnkr: 50)]
    }

    func testPositiveHeadroom() throws {
        let report = try Allocation.report(asOf: asOf, projects: projects, loans: loans, bonds: bonds)
        XCTAssertEqual(report.programmes.map(\.programme), [.green, .social])
        let green = try XCTUnwrap(report.programme(.green))
        XCTAssertEqual(green.eligiblePool, mnkr(160))
        XCTAssertEqual(green.outstanding, mnkr(200))
        XCTAssertEqual(green.bondsOutstanding, mnkr(140))
        XCTAssertEqual(green.headroom, mnkr(20))
        XCTAssertEqual(green.allocationRatio, Ratio(7, 8))
        XCTAssertFalse(green.isOverAllocated)
        XCTAssertEqual(green.bonds.map(\.isin.description), ["XS2259127269", "XS2351401109"])

        let social = try XCTUnwrap(report.programme(.social))
        XCTAssertEqual(social.eligiblePool, mnkr(60))
        XCTAssertEqual(social.bondsOutstanding, mnkr(50))
        XCTAssertEqual(social.headroom, mnkr(10))
        XCTAssertEqual(social.allocationRatio, Ratio(5, 6))
        XCTAssertNil(social.environmentalManagementShare)
        XCTAssertFalse(social.isEnvironmentalManagementAboveCap)
    }

    func testNegativeHeadroomIsFlagged() throws {
        let extra = bond("XS2530407340", .green, issued: "2022-09-01", matures: "2025-09-01", mnkr: 30)
        let green = try XCTUnwrap(Allocation.report(asOf: asOf, projects: projects, loans: loans,
                                                    bonds: bonds.filter { $0.isin != extra.isin } + [extra]).programme(.green))
        XCTAssertEqual(green.bondsOutstanding, mnkr(170))
        XCTAssertEqual(green.headroom, -mnkr(10))
        XCTAssertTrue(green.isOverAllocated)
        XCTAssertEqual(green.allocationRatio, Ratio(17, 16))
    }

    func testBondOutstandingFromIssueDateUntilTheDayBeforeMaturity() throws {
        let b = bond("XS1968465572", .green, issued: "2019-03-27", matures: "2024-03-27", mnkr: 8_500)
        XCTAssertFalse(b.isOutstanding(on: day("2019-03-26")))
        XCTAssertTrue(b.isOutstanding(on: day("2019-03-27")), "issued on the as-of date: outstanding")
        XCTAssertTrue(b.isOutstanding(on: day("2024-03-26")))
        XCTAssertFalse(b.isOutstanding(on: day("2024-03-27")), "maturing on the as-of date: repaid")
        // Through the report: only the pool is left as headroom on the maturity date.
        let onMaturity = try Allocation.report(asOf: day("2024-03-27"), projects: projects, loans: loans, bonds: [b])
        XCTAssertEqual(onMaturity.programme(.green)?.bondsOutstanding, 0)
        XCTAssertEqual(onMaturity.programme(.green)?.headroom, mnkr(160))
        let dayBefore = try Allocation.report(asOf: day("2024-03-26"), projects: projects, loans: loans, bonds: [b])
        XCTAssertEqual(dayBefore.programme(.green)?.bondsOutstanding, mnkr(8_500))
        XCTAssertEqual(dayBefore.programme(.green)?.headroom, mnkr(160 - 8_500))
        XCTAssertEqual(dayBefore.programme(.green)?.isOverAllocated, true)
    }

    func testCategories() throws {
        let green = try XCTUnwrap(Allocation.report(asOf: asOf, projects: projects, loans: loans, bonds: bonds).programme(.green))
        // Framework order; the rejected project #5 adds no line of its own beyond #4's category.
        XCTAssertEqual(green.categories.map(\.category),
                       ["renewable_energy", "green_buildings", "climate_adaptation", "environmental_management"])
        let renewable = green.categories[0]
        XCTAssertEqual(renewable.projects, 1)
        XCTAssertEqual(renewable.approved, mnkr(200))
        XCTAssertEqual(renewable.disbursed, mnkr(130))
        XCTAssertEqual(renewable.outstanding, mnkr(120))
        XCTAssertEqual(renewable.share, Ratio(3, 5))
        XCTAssertEqual(renewable.newFinancing, mnkr(20))
        XCTAssertEqual(renewable.refinancing, mnkr(110))
        XCTAssertEqual(renewable.eligibleOutstanding, mnkr(120))
        // Withdrawn and rejected projects are not counted as projects, but the loan still lends.
        let buildings = green.categories[1]
        XCTAssertEqual(buildings.projects, 0)
        XCTAssertEqual(buildings.approved, 0)
        XCTAssertEqual(buildings.outstanding, mnkr(10))
        XCTAssertEqual(buildings.share, Ratio(1, 20))
        // Not eligible: green lending (in the share) but not in the pool.
        let adaptation = green.categories[2]
        XCTAssertEqual(adaptation.outstanding, mnkr(40))
        XCTAssertEqual(adaptation.eligibleOutstanding, 0)
        XCTAssertEqual(adaptation.share, Ratio(1, 5))
        XCTAssertEqual(green.categories.map(\.outstanding).reduce(0, +), green.outstanding, "the categories add up to the programme")
        for line in green.categories { XCTAssertEqual(line.newFinancing + line.refinancing, line.disbursed) }
        // 30 of a pool of 160.
        XCTAssertEqual(green.environmentalManagementShare, Ratio(3, 16))
        XCTAssertFalse(green.isEnvironmentalManagementAboveCap)

        let social = try XCTUnwrap(Allocation.report(asOf: asOf, projects: projects, loans: loans, bonds: bonds).programme(.social))
        XCTAssertEqual(social.categories.map(\.category), ["Boende och boendemiljöer"])
        XCTAssertEqual(social.categories[0].eligibleOutstanding, mnkr(60), "every social loan is in the social pool")
        XCTAssertEqual(social.categories[0].share, Ratio(1, 1))
    }

    /// Pool 100: environmental management at exactly 30 is within the cap, at 31 above it.
    /// Its loan that is not eligible is not part of the share.
    func testEnvironmentalManagementCap() throws {
        let twoProjects = [
            AllocationProject(number: 1, programme: .green, category: "renewable_energy", approved: mnkr(100), status: .approved, decisionDate: decided),
            AllocationProject(number: 2, programme: .green, category: "environmental_management", approved: mnkr(100), status: .approved, decisionDate: decided)]
        func report(renewable: Int64, environmental: Int64) throws -> ProgrammeAllocation {
            let loans = [
                AllocationLoan(loanNumber: "A", programme: .green, projectNumber: 1, greenBondEligible: true,
                               position: position(out: renewable, new: 0, ref: renewable)),
                AllocationLoan(loanNumber: "B", programme: .green, projectNumber: 2, greenBondEligible: true,
                               position: position(out: environmental, new: 0, ref: environmental)),
                AllocationLoan(loanNumber: "C", programme: .green, projectNumber: 2, greenBondEligible: false,
                               position: position(out: 50, new: 50, ref: 0))]
            return try XCTUnwrap(Allocation.report(asOf: asOf, projects: twoProjects, loans: loans, bonds: []).programme(.green))
        }
        let atCap = try report(renewable: 70, environmental: 30)
        XCTAssertEqual(atCap.eligiblePool, mnkr(100))
        XCTAssertEqual(atCap.environmentalManagementShare, Ratio(3, 10))
        XCTAssertFalse(atCap.isEnvironmentalManagementAboveCap)
        let above = try report(renewable: 69, environmental: 31)
        XCTAssertEqual(above.environmentalManagementShare, Ratio(31, 100))
        XCTAssertTrue(above.isEnvironmentalManagementAboveCap)
        // The category's share of green lending includes the ineligible loan: 81 of 150.
        XCTAssertEqual(above.categories.last?.share, Ratio(81, 150))
        // No bonds and an empty pool: no ratio, no share, nothing flagged.
        let empty = try report(renewable: 0, environmental: 0)
        XCTAssertNil(empty.allocationRatio)
        XCTAssertNil(empty.environmentalManagementShare)
        XCTAssertFalse(empty.isOverAllocated)
    }

    /// A project decided after D is not counted yet, though its loan may already be recorded.
    func testProjectDecidedAfterTheAsOfDate() throws {
        let later = AllocationProject(number: 6, programme: .green, category: "renewable_energy", approved: mnkr(40),
                                      status: .approved, decisionDate: day("2025-01-21"))
        let loan = AllocationLoan(loanNumber: "L7", programme: .green, projectNumber: 6, greenBondEligible: true,
                                  position: position(out: 0, new: 0, ref: 0))
        let onD = try XCTUnwrap(Allocation.report(asOf: asOf, projects: projects + [later], loans: loans + [loan], bonds: [])
            .programme(.green)?.categories.first)
        XCTAssertEqual(onD.projects, 1)
        XCTAssertEqual(onD.approved, mnkr(200))
        let onDecision = try XCTUnwrap(Allocation.report(asOf: day("2025-01-21"), projects: projects + [later],
                                                         loans: loans + [loan], bonds: []).programme(.green)?.categories.first)
        XCTAssertEqual(onDecision.projects, 2)
        XCTAssertEqual(onDecision.approved, mnkr(240))
    }

    func testPoolEmptyWithBondsIsOverAllocated() throws {
        let green = try XCTUnwrap(Allocation.report(asOf: asOf, projects: [], loans: [], bonds: bonds).programme(.green))
        XCTAssertEqual(green.eligiblePool, 0)
        XCTAssertEqual(green.headroom, -mnkr(140))
        XCTAssertNil(green.allocationRatio)
        XCTAssertTrue(green.isOverAllocated)
    }

    func testNewFinancingWindowAtTheTwelveMonthBoundary() throws {
        XCTAssertEqual(NewFinancingWindow(asOf: day("2024-12-31")).firstDay, day("2024-01-01"))
        XCTAssertEqual(NewFinancingWindow(asOf: day("2024-02-29")).firstDay, day("2023-03-01"))
        XCTAssertEqual(NewFinancingWindow(asOf: day("2025-02-28")).firstDay, day("2024-02-29"))
        XCTAssertEqual(NewFinancingWindow(asOf: day("2024-03-01")).firstDay, day("2023-03-02"))
        XCTAssertEqual(NewFinancingWindow(asOf: day("2025-01-01")).firstDay, day("2024-01-02"))
        XCTAssertEqual(NewFinancingWindow(asOf: day("0001-06-30")).firstDay, day("0001-01-01"))

        let movements = [
            LoanMovement(day: day("2023-12-31"), kind: .disbursement, amount: mnkr(100)),  // a year and a day: refinancing
            LoanMovement(day: day("2024-01-01"), kind: .disbursement, amount: mnkr(50)),   // inside the 12 months
            LoanMovement(day: day("2024-06-01"), kind: .repayment, amount: mnkr(30)),
            LoanMovement(day: day("2024-12-31"), kind: .disbursement, amount: mnkr(5)),    // on D: inside
            LoanMovement(day: day("2025-01-01"), kind: .disbursement, amount: mnkr(999)),  // after D: ignored
        ]
        let p = try LoanPosition.on(day("2024-12-31"), movements: movements)
        XCTAssertEqual(p.outstanding, mnkr(125))
        XCTAssertEqual(p.newFinancing, mnkr(55))
        XCTAssertEqual(p.refinancing, mnkr(100))
        XCTAssertEqual(p.disbursed, mnkr(155))
        // A day earlier everything moves one step: 2023-12-31 is now inside the window.
        let before = try LoanPosition.on(day("2024-12-30"), movements: movements)
        XCTAssertEqual(before.newFinancing, mnkr(150))
        XCTAssertEqual(before.refinancing, 0)
        XCTAssertEqual(before.outstanding, mnkr(120))
        // Leap day: from 2024-02-29 the window starts 2023-03-01.
        let leap = try LoanPosition.on(day("2024-02-29"), movements: [
            LoanMovement(day: day("2023-02-28"), kind: .disbursement, amount: mnkr(7)),
            LoanMovement(day: day("2023-03-01"), kind: .disbursement, amount: mnkr(3))])
        XCTAssertEqual(leap.refinancing, mnkr(7))
        XCTAssertEqual(leap.newFinancing, mnkr(3))
    }

    func testDataThatContradictsItselfIsRefused() {
        let orphan = AllocationLoan(loanNumber: "L9", programme: .green, projectNumber: nil, greenBondEligible: true,
                                    position: position(out: 1, new: 1, ref: 0))
        XCTAssertThrowsError(try Allocation.report(asOf: asOf, projects: projects, loans: [orphan], bonds: [])) {
            XCTAssertEqual($0 as? AllocationError, .loanWithoutProject(loan: "L9"))
        }
        let unknown = AllocationLoan(loanNumber: "L9", programme: .social, projectNumber: 99, greenBondEligible: false,
                                     position: position(out: 1, new: 1, ref: 0))
        XCTAssertThrowsError(try Allocation.report(asOf: asOf, projects: projects, loans: [unknown], bonds: [])) {
            XCTAssertEqual("\($0)", "loan L9 finances project 99, which is not in the ledger")
        }
        XCTAssertThrowsError(try Allocation.report(asOf: asOf, projects: projects, loans: [], bonds: bonds + [bonds[0]])) {
            XCTAssertEqual($0 as? AllocationError, .duplicateBond(bonds[0].isin))
        }
        XCTAssertThrowsError(try Allocation.report(asOf: asOf, projects: projects + [projects[0]], loans: [], bonds: [])) {
            XCTAssertEqual($0 as? AllocationError, .duplicateProject(1))
        }
        let huge = AllocationLoan(loanNumber: "L9", programme: .green, projectNumber: 1, greenBondEligible: true,
                                  position: LoanPosition(outstanding: .max, newFinancing: 0, refinancing: 0))
        XCTAssertThrowsError(try Allocation.report(asOf: asOf, projects: projects, loans: [huge, huge], bonds: [])) {
            XCTAssertEqual($0 as? AllocationError, .overflow)
        }
    }

    // MARK: - Bond rows

    func testBondRow() throws {
        let b = try Bond.parse(isin: "XS2351401109", programme: "green", issueDate: "2021-06-10",
                               maturityDate: "2026-06-10", amountSEK: "14000000000")
        XCTAssertEqual(b.amount, 1_400_000_000_000)
        XCTAssertNil(b.currency)
        XCTAssertNil(b.amountOriginal)
        let usd = try Bond.parse(isin: "XS2259127269", programme: "green", issueDate: "2023-05-10",
                                 maturityDate: "2028-05-10", amountSEK: "10 350 000 000,00", currency: "USD",
                                 amountOriginal: "1 000 000 000", decimalComma: true)
        XCTAssertEqual(usd.amount, 1_035_000_000_000)
        XCTAssertEqual(usd.currency, "USD")
        XCTAssertEqual(usd.amountOriginal, 100_000_000_000)
        let sek = try Bond.parse(isin: "SE0000108656", programme: "social", issueDate: "2024-01-01",
                                 maturityDate: "2029-01-01", amountSEK: "500.50", currency: "SEK", amountOriginal: "500.50")
        XCTAssertEqual(sek.programme, .social)
    }

    func testBondRowRefusals() {
        func refused(_ column: String, _ message: String, isin: String = "XS2351401109", programme: String = "green",
                     issue: String = "2021-06-10", maturity: String = "2026-06-10", amount: String = "100",
                     currency: String = "", original: String = "", line: UInt = #line) {
            XCTAssertThrowsError(try Bond.parse(isin: isin, programme: programme, issueDate: issue, maturityDate: maturity,
                                                amountSEK: amount, currency: currency, amountOriginal: original),
                                 line: line) { error in
                XCTAssertEqual(error as? ColumnError, ColumnError(column: column, message: message), line: line)
            }
        }
        refused("isin", "\"XS2351401108\" is not an ISIN: the check digit should be 9", isin: "XS2351401108")
        refused("programme", "\"other\" is not a bond programme: expected green or social", programme: "other")
        refused("programme", "\"Green\" is not one of green, social, other", programme: "Green")
        refused("issue_date", "\"2021-02-29\" is not a date: February 2021 has 28 days", issue: "2021-02-29")
        refused("maturity_date", "2021-06-10 is not after the issue date 2021-06-10", maturity: "2021-06-10")
        refused("maturity_date", "2020-06-10 is not after the issue date 2021-06-10", maturity: "2020-06-10")
        refused("amount_sek", "\"0\" is not an amount: it must be greater than zero", amount: "0")
        refused("amount_sek", "\"1,5\" is not an amount: a decimal comma in a file that uses decimal point (\",\"-separated files use 1234.50)",
                amount: "1,5")
        refused("currency", "is empty although amount_original is given", original: "10")
        refused("amount_original", "is empty although currency is given", currency: "USD")
        let iso = "is not an ISO 4217 currency code: expected one as USD, EUR, NOK or JPY (CurrencyCode lists those accepted)"
        refused("currency", "\"usd\" \(iso)", currency: "usd", original: "10")
        refused("currency", "\"ZZZ\" \(iso)", currency: "ZZZ", original: "10")
        refused("currency", "\"XAU\" \(iso)", currency: "XAU", original: "10")
        refused("currency", "\"EURO\" \(iso)", currency: "EURO", original: "10")
        for code in ["USD", "EUR", "NOK", "JPY", "AUD", "GBP", "CHF", "HRK"] {
            XCTAssertNoThrow(try Bond.parse(isin: "XS2351401109", programme: "green", issueDate: "2021-06-10", maturityDate: "2026-06-10",
                                            amountSEK: "100", currency: code, amountOriginal: "10"), code)
        }
        XCTAssertEqual(CurrencyCode.codes.count, 161)
        XCTAssertTrue(CurrencyCode.codes.allSatisfy { $0.utf8.count == 3 && $0.utf8.allSatisfy { $0 >= 0x41 && $0 <= 0x5A } })
        refused("amount_original", "\"99.00\" differs from amount_sek for a bond issued in SEK", currency: "SEK", original: "99")
        XCTAssertEqual("\(ColumnError(column: "isin", message: "x"))", "column \"isin\": x")
    }
}
