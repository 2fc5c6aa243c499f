import XCTest
@testable import Ledger

/// Boverket's support-need model (domain.md, "Support need on very weak markets"): the
/// worked example figure by figure, then cases at the edges, each computed by hand from
/// the rules (the arithmetic is in the comments).
final class SupportNeedTests: XCTestCase {
    /// Kronor as öre.
    static func kr(_ kronor: Int64) -> Ore { kronor * 100 }

    /// domain.md's worked example (an illustrative company in Åsele, forecast year 2025),
    /// with any figure replaced.
    static func åsele(year: Int = 2013, apartments: Int64 = 400, vacant: Int64 = 60, area: Int64 = 26_000,
                      bookValue: Ore = kr(120_000_000), equity: Ore = kr(20_000_000),
                      untaxedReserves: Ore = kr(5_000_000), totalAssets: Ore = kr(140_000_000),
                      cost: Ore = kr(420), norm: Ore = kr(380), rentIncome: Ore = kr(17_000_000),
                      population: Int64 = 2_800, forecast: Int64 = 2_500, forecastYear: Int = 2025,
                      taxesAndGrants: Ore = kr(60_000_000)) throws -> HousingCompanyYear {
        try HousingCompanyYear(
            year: year, apartments: apartments, vacantApartments: vacant, areaM2: area, bookValue: bookValue,
            equity: equity, untaxedReserves: untaxedReserves, totalAssets: totalAssets, omCostPerM2: cost,
            omNormPerM2: norm, rentIncome: rentIncome, population: population, populationForecast: forecast,
            forecastYear: forecastYear, taxesAndGrants: taxesAndGrants)
    }

    let kr = SupportNeedTests.kr

    /// Asserts company, municipality and state of a step.
    func assertShares(_ actual: (Ore, Ore, Ore), _ company: Ore, _ municipality: Ore, _ state: Ore,
                      _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.0, company, "\(what) company", file: file, line: line)
        XCTAssertEqual(actual.1, municipality, "\(what) municipality", file: file, line: line)
        XCTAssertEqual(actual.2, state, "\(what) state", file: file, line: line)
    }

    func shares(_ t: SupportNeed.Today) -> (Ore, Ore, Ore) { (t.company, t.municipality, t.state) }
    func shares(_ f: SupportNeed.Future) -> (Ore, Ore, Ore) { (f.company, f.municipality, f.state) }
    func shares(_ m: SupportNeed.Market) -> (Ore, Ore, Ore) { (m.company, m.municipality, m.state) }

    // MARK: - The worked example of domain.md

    func testWorkedExampleToday() throws {
        let need = try SupportNeed.compute(try Self.åsele())
        let t = need.today
        XCTAssertEqual(t.flats, 52)                        // 60 − 2 % × 400 = 60 − 8
        XCTAssertEqual(t.cost, kr(19_240_000))             // 52 × (70 000 + 300 000)
        XCTAssertEqual(t.release, kr(3_640_000))           // 52 × 70 000
        XCTAssertEqual(t.writedown, kr(15_600_000))        // 52 × 120 000 000 ÷ 400
        XCTAssertEqual(t.capacity.untaxedReserves, kr(3_900_000))   // 78 % × 5 000 000
        XCTAssertEqual(t.capacity.solidityFloor, kr(7_000_000))     // 5 % × 140 000 000
        XCTAssertEqual(t.capacity.equityAboveFloor, kr(13_000_000)) // 20 000 000 − 7 000 000
        XCTAssertEqual(t.capacity.savings, kr(67_600))              // 50 % × 40 × 65 m² × 52
        XCTAssertEqual(t.capacity.total, kr(16_967_600))
        XCTAssertEqual(t.municipalityCap, kr(3_000_000))            // 5 % × 60 000 000
        assertShares(shares(t), kr(16_967_600), kr(2_272_400), 0, "today")
        XCTAssertEqual(need.companyCapacityLeft, 0)
        XCTAssertEqual(need.municipalityShareLeft, kr(727_600))
    }

    func testWorkedExampleUntil2025() throws {
        let f = try SupportNeed.compute(try Self.åsele()).future
        XCTAssertEqual(f.flats, 21)                        // 7 × 300 ÷ 100
        XCTAssertEqual(f.release, kr(1_470_000))
        XCTAssertEqual(f.writedown, kr(6_300_000))
        XCTAssertEqual(f.cost, kr(7_770_000))              // 21 × 370 000
        XCTAssertEqual(f.savings, kr(27_300))              // 50 % × 40 × 65 × 21
        assertShares(shares(f), kr(27_300), kr(727_600), kr(7_015_100), "future")
    }

    func testWorkedExampleMarketValue() throws {
        let m = try SupportNeed.compute(try Self.åsele()).market
        XCTAssertEqual(m.flats, 348)                       // 400 − 52 valued
        XCTAssertEqual(m.operatingCost, kr(9_048_000))     // (420 − 50 % × 40) × (26 000 − 52 × 65)
        XCTAssertEqual(m.netIncome, kr(7_952_000))         // 17 000 000 − 9 048 000
        XCTAssertEqual(m.marketValue, kr(99_400_000))      // 7 952 000 ÷ 8 %
        XCTAssertEqual(m.bookValue, kr(104_400_000))       // 120 000 000 − 15 600 000
        XCTAssertEqual(m.writedownNeed, kr(5_000_000))
        assertShares(shares(m), 0, kr(727_600), kr(4_272_400), "market")
    }

    func testReportFiguresUseTheKeysOfCliMd() throws {
        let need = try SupportNeed.compute(try Self.åsele())
        XCTAssertEqual(need.today.reportFigures, [
            SupportFigure("flats", 52), SupportFigure("cost_ore", 1_924_000_000),
            SupportFigure("release_ore", 364_000_000), SupportFigure("writedown_ore", 1_560_000_000),
            SupportFigure("company_ore", 1_696_760_000), SupportFigure("municipality_ore", 227_240_000),
            SupportFigure("state_ore", 0),
        ])
        XCTAssertEqual(need.future.reportFigures, [
            SupportFigure("flats", 21), SupportFigure("cost_ore", 777_000_000),
            SupportFigure("company_ore", 2_730_000), SupportFigure("municipality_ore", 72_760_000),
            SupportFigure("state_ore", 701_510_000),
        ])
        XCTAssertEqual(need.market.reportFigures, [
            SupportFigure("flats", 348), SupportFigure("market_value_ore", 9_940_000_000),
            SupportFigure("writedown_need_ore", 500_000_000), SupportFigure("company_ore", 0),
            SupportFigure("municipality_ore", 72_760_000), SupportFigure("state_ore", 427_240_000),
        ])
    }

    // MARK: - No surplus

    func testNoSurplusWhenVacancyEqualsTurnover() throws {
        // 8 vacant = 2 % of 400: nothing to take out today. Capacity 3 900 000 + 13 000 000,
        // no savings; all of it and the municipality's 3 000 000 are left for steps 2 and 3.
        let need = try SupportNeed.compute(try Self.åsele(vacant: 8))
        XCTAssertEqual(need.today.flats, 0)
        XCTAssertEqual(need.today.cost, 0)
        XCTAssertEqual(need.today.capacity.total, kr(16_900_000))
        assertShares(shares(need.today), 0, 0, 0, "today")
        // Future: 21 flats, 7 770 000, borne by the company (16 900 000 + 27 300 left).
        assertShares(shares(need.future), kr(7_770_000), 0, 0, "future")
        // Market: 400 flats, (420 − 20) × 26 000 = 10 400 000; net 6 600 000; ÷ 8 % = 82 500 000;
        // need 120 000 000 − 82 500 000 = 37 500 000: company 16 900 000, municipality 3 000 000,
        // state 17 600 000.
        XCTAssertEqual(need.market.flats, 400)
        XCTAssertEqual(need.market.operatingCost, kr(10_400_000))
        XCTAssertEqual(need.market.marketValue, kr(82_500_000))
        XCTAssertEqual(need.market.writedownNeed, kr(37_500_000))
        assertShares(shares(need.market), kr(16_900_000), kr(3_000_000), kr(17_600_000), "market")
    }

    func testVacancyBelowTurnoverIsNoSurplusNotANegativeOne() throws {
        // 5 vacant < 8: the surplus is 0, not −3 (which would give negative savings of −3 900).
        let need = try SupportNeed.compute(try Self.åsele(vacant: 5))
        XCTAssertEqual(need.today.flats, 0)
        XCTAssertEqual(need.today.capacity.savings, 0)
        XCTAssertEqual(need.today.capacity.total, kr(16_900_000))
        XCTAssertEqual(need.market.flats, 400)
        XCTAssertEqual(need.market.bookValue, kr(120_000_000))
    }

    func testSurplusIsRoundedDown() throws {
        // 410 apartments: 60 − 2 % × 410 = 51,8 → 51 flats (rounding would give 52).
        let t = try SupportNeed.compute(try Self.åsele(apartments: 410)).today
        XCTAssertEqual(t.flats, 51)
        XCTAssertEqual(t.release, kr(3_570_000))
        // 51 × 120 000 000 ÷ 410 = 14 926 829,268… → 14 926 829,27
        XCTAssertEqual(t.writedown, 1_492_682_927)
    }

    // MARK: - Population

    func testGrowingPopulationNeedsNothingInFuture() throws {
        let need = try SupportNeed.compute(try Self.åsele(forecast: 3_000))
        XCTAssertEqual(need.future, SupportNeed.Future(flats: 0, release: 0, writedown: 0, cost: 0, savings: 0,
                                                       company: 0, municipality: 0, state: 0))
        // Steps 1 and 3 are as in the worked example.
        XCTAssertEqual(need.today.company, kr(16_967_600))
        XCTAssertEqual(need.market.state, kr(4_272_400))
    }

    func testFutureFlatsAreRoundedDown() throws {
        // 299 lost × 7 ÷ 100 = 20,93 → 20 flats: cost 20 × 370 000 = 7 400 000; savings
        // 50 % × 40 × 65 × 20 = 26 000; municipality 727 600; state 6 646 400.
        let f = try SupportNeed.compute(try Self.åsele(forecast: 2_501)).future
        XCTAssertEqual(f.flats, 20)
        XCTAssertEqual(f.cost, kr(7_400_000))
        assertShares(shares(f), kr(26_000), kr(727_600), kr(6_646_400), "future")
    }

    func testFutureFlatsAreAtMostTheFlatsLeft() throws {
        // 8 000 lost × 7 ÷ 100 = 560 flats, but only 400 − 52 = 348 are left: cost
        // 348 × 370 000 = 128 760 000; savings 50 % × 40 × 65 × 348 = 452 400;
        // municipality 727 600; state 128 760 000 − 452 400 − 727 600 = 127 580 000.
        let f = try SupportNeed.compute(try Self.åsele(population: 10_000, forecast: 2_000)).future
        XCTAssertEqual(f.flats, 348)
        XCTAssertEqual(f.cost, kr(128_760_000))
        assertShares(shares(f), kr(452_400), kr(727_600), kr(127_580_000), "future")
    }

    // MARK: - The company's capacity

    func testEquityBelowTheSolidityFloorCountsNothing() throws {
        // 5 000 000 < 5 % × 140 000 000: capacity 3 900 000 + 0 + 67 600 = 3 967 600.
        // Today: 19 240 000 − 3 967 600 = 15 272 400 → municipality 3 000 000, state 12 272 400.
        // Future: company 27 300 (savings only), municipality 0, state 7 742 700.
        // Market: need 5 000 000 → state 5 000 000.
        let need = try SupportNeed.compute(try Self.åsele(equity: kr(5_000_000)))
        XCTAssertEqual(need.today.capacity.equityAboveFloor, 0)
        XCTAssertEqual(need.today.capacity.total, kr(3_967_600))
        assertShares(shares(need.today), kr(3_967_600), kr(3_000_000), kr(12_272_400), "today")
        assertShares(shares(need.future), kr(27_300), 0, kr(7_742_700), "future")
        assertShares(shares(need.market), 0, 0, kr(5_000_000), "market")
    }

    func testNegativeEquityCountsNothingAndTakesNothingAway() throws {
        // −2 000 000 − 7 000 000 is below 0: counted as 0, not −9 000 000.
        let need = try SupportNeed.compute(try Self.åsele(equity: kr(-2_000_000)))
        XCTAssertEqual(need.today.capacity.equityAboveFloor, 0)
        XCTAssertEqual(need.today.capacity.total, kr(3_967_600))
        assertShares(shares(need.today), kr(3_967_600), kr(3_000_000), kr(12_272_400), "today")
    }

    func testCapacityLeftAfterStep1CarriesToSteps2And3() throws {
        // Equity 40 000 000: capacity 3 900 000 + 33 000 000 + 67 600 = 36 967 600; today's
        // 19 240 000 all by the company, 17 727 600 left. Step 2: 7 770 000 by the company.
        // Step 3 also starts from 17 727 600 (after step 1, before step 2): 5 000 000 by the company.
        let need = try SupportNeed.compute(try Self.åsele(equity: kr(40_000_000)))
        assertShares(shares(need.today), kr(19_240_000), 0, 0, "today")
        XCTAssertEqual(need.companyCapacityLeft, kr(17_727_600))
        XCTAssertEqual(need.municipalityShareLeft, kr(3_000_000))
        assertShares(shares(need.future), kr(7_770_000), 0, 0, "future")
        assertShares(shares(need.market), kr(5_000_000), 0, 0, "market")
    }

    func testCostBelowTheNormGivesNoSavingsAndIsNotRaised() throws {
        // Cost 350 < norm 380: no savings (capacity 16 900 000): today municipality 2 340 000,
        // 660 000 left; future 7 770 000 → company 0, municipality 660 000, state 7 110 000.
        // Market: 350 (not 365) × 22 620 = 7 917 000; net 9 083 000; value 113 537 500 >
        // 104 400 000: no need.
        let need = try SupportNeed.compute(try Self.åsele(cost: kr(350)))
        XCTAssertEqual(need.today.capacity.savings, 0)
        assertShares(shares(need.today), kr(16_900_000), kr(2_340_000), 0, "today")
        assertShares(shares(need.future), 0, kr(660_000), kr(7_110_000), "future")
        XCTAssertEqual(need.market.operatingCost, kr(7_917_000))
        XCTAssertEqual(need.market.marketValue, kr(113_537_500))
        XCTAssertEqual(need.market.writedownNeed, 0)
    }

    // MARK: - The municipality's share

    func testMunicipalityShareUsedUpByStep1() throws {
        // Taxes and grants 40 000 000: 5 % = 2 000 000 < 2 272 400. Today: municipality
        // 2 000 000, state 272 400. Nothing left: future 27 300 / 0 / 7 742 700;
        // market 0 / 0 / 5 000 000.
        let need = try SupportNeed.compute(try Self.åsele(taxesAndGrants: kr(40_000_000)))
        XCTAssertEqual(need.today.municipalityCap, kr(2_000_000))
        assertShares(shares(need.today), kr(16_967_600), kr(2_000_000), kr(272_400), "today")
        XCTAssertEqual(need.municipalityShareLeft, 0)
        assertShares(shares(need.future), kr(27_300), 0, kr(7_742_700), "future")
        assertShares(shares(need.market), 0, 0, kr(5_000_000), "market")
    }

    func testMunicipalityShareExactlyUsedByStep1() throws {
        // 5 % × 45 448 000 = 2 272 400, exactly the rest of today's cost: no state support
        // today, nothing left for later.
        let need = try SupportNeed.compute(try Self.åsele(taxesAndGrants: kr(45_448_000)))
        assertShares(shares(need.today), kr(16_967_600), kr(2_272_400), 0, "today")
        XCTAssertEqual(need.municipalityShareLeft, 0)
        assertShares(shares(need.future), kr(27_300), 0, kr(7_742_700), "future")
    }

    // MARK: - Market value

    func testMarketValueAboveBookValueNeedsNoWriteDown() throws {
        // Rent 25 000 000: net 15 952 000, value 199 400 000 > 104 400 000.
        let m = try SupportNeed.compute(try Self.åsele(rentIncome: kr(25_000_000))).market
        XCTAssertEqual(m.netIncome, kr(15_952_000))
        XCTAssertEqual(m.marketValue, kr(199_400_000))
        XCTAssertEqual(m.writedownNeed, 0)
        assertShares(shares(m), 0, 0, 0, "market")
    }

    func testMarketValueIsComparedWithTheBookValueAfterStep1() throws {
        // Rent 17 848 000: net 8 800 000, value 110 000 000 — below the original
        // 120 000 000 but above 104 400 000 after step 1's write-down: no need.
        let m = try SupportNeed.compute(try Self.åsele(rentIncome: kr(17_848_000))).market
        XCTAssertEqual(m.marketValue, kr(110_000_000))
        XCTAssertEqual(m.writedownNeed, 0)
    }

    func testNegativeNetIncomeGivesAMarketValueOfZero() throws {
        // Rent 5 000 000 − 9 048 000 < 0: value 0, the whole 104 400 000 is to be written
        // down; municipality 727 600, state 103 672 400.
        let m = try SupportNeed.compute(try Self.åsele(rentIncome: kr(5_000_000))).market
        XCTAssertEqual(m.netIncome, kr(-4_048_000))
        XCTAssertEqual(m.marketValue, 0)
        XCTAssertEqual(m.writedownNeed, kr(104_400_000))
        assertShares(shares(m), 0, kr(727_600), kr(103_672_400), "market")
    }

    // MARK: - Rounding: half up, once, at the end of each product

    func testWriteDownRoundsOnceAtTheEnd() throws {
        // Book value 120 000 000,50 kr: 52 × 12 000 000 050 ÷ 400 = 1 560 000 006,5 öre → 007
        // (rounding the value per flat first, 30 000 000,125 → 30 000 000, would give 000;
        // half to even would give 006). Future: 21 × … ÷ 400 = 630 000 002,625 → 003.
        let need = try SupportNeed.compute(try Self.åsele(bookValue: 12_000_000_050))
        XCTAssertEqual(need.today.writedown, 1_560_000_007)
        XCTAssertEqual(need.today.cost, 1_924_000_007)
        XCTAssertEqual(need.today.municipality, 227_240_007)
        XCTAssertEqual(need.future.writedown, 630_000_003)
        XCTAssertEqual(need.market.bookValue, 10_440_000_043)
        XCTAssertEqual(need.market.writedownNeed, 500_000_043)
    }

    func testUntaxedReservesRoundHalfUp() throws {
        // 78 % × 500 000 075 öre = 390 000 058,5 → 059 (half to even: 058).
        let need = try SupportNeed.compute(try Self.åsele(untaxedReserves: 500_000_075))
        XCTAssertEqual(need.today.capacity.untaxedReserves, 390_000_059)
        XCTAssertEqual(need.today.capacity.total, 1_696_760_059)
    }

    func testSolidityFloorRoundsHalfUp() throws {
        // 5 % × 14 000 000 010 öre = 700 000 000,5 → 001: equity above 1 299 999 999.
        let c = try SupportNeed.compute(try Self.åsele(totalAssets: 14_000_000_010)).today.capacity
        XCTAssertEqual(c.solidityFloor, 700_000_001)
        XCTAssertEqual(c.equityAboveFloor, 1_299_999_999)
    }

    func testMunicipalityShareRoundsHalfUp() throws {
        // 5 % × 6 000 000 010 öre = 300 000 000,5 → 001; 72 760 001 left after step 1.
        let need = try SupportNeed.compute(try Self.åsele(taxesAndGrants: 6_000_000_010))
        XCTAssertEqual(need.today.municipalityCap, 300_000_001)
        XCTAssertEqual(need.future.municipality, 72_760_001)
    }

    func testSavingsAndOperatingCostRoundHalfUp() throws {
        // Norm 419,99, area 26 100: savings 50 % × 1 öre × 26 100 × 52 ÷ 400 = 1 696,5 → 1 697;
        // future 50 % × 26 100 × 21 ÷ 400 = 685,125 → 685. Market: (42 000 − 0,5) öre ×
        // 26 100 × 348 ÷ 400 = 953 682 646,5 → 953 682 647.
        let need = try SupportNeed.compute(try Self.åsele(area: 26_100, norm: 41_999))
        XCTAssertEqual(need.today.capacity.savings, 1_697)
        XCTAssertEqual(need.future.savings, 685)
        XCTAssertEqual(need.market.operatingCost, 953_682_647)
    }

    func testMarketValueRoundsHalfUp() throws {
        // Rent 17 000 000,01 kr: net 795 200 001 öre ÷ 8 % = 9 940 000 012,5 → 013;
        // need 10 440 000 000 − 9 940 000 013 = 499 999 987.
        let m = try SupportNeed.compute(try Self.åsele(rentIncome: 1_700_000_001)).market
        XCTAssertEqual(m.netIncome, 795_200_001)
        XCTAssertEqual(m.marketValue, 9_940_000_013)
        XCTAssertEqual(m.writedownNeed, 499_999_987)
        XCTAssertEqual(m.state, 427_239_987)
    }

    // MARK: - Parameters

    func testEveryParameterOverridden() throws {
        var p = SupportParameters.appendix3
        try p.set(.turnoverVacancy, to: "3")
        try p.set(.vacanciesPer100, to: "10")
        try p.set(.costPerFlat, to: "50 000")
        try p.set(.municipalityShare, to: "4")
        try p.set(.savingsShare, to: "25")
        try p.set(.minSolidity, to: "10")
        try p.set(.untaxedEquityShare, to: "50")
        try p.set(.yield, to: "9")
        let need = try SupportNeed.compute(try Self.åsele(), parameters: p)
        // Today: 60 − 3 % × 400 = 48 flats; 48 × 50 000 = 2 400 000 + 48 × 300 000 = 14 400 000.
        // Capacity 50 % × 5 000 000 + (20 000 000 − 10 % × 140 000 000) + 25 % × 40 × 65 × 48
        // = 2 500 000 + 6 000 000 + 31 200 = 8 531 200; municipality 4 % × 60 000 000 = 2 400 000.
        XCTAssertEqual(need.today.flats, 48)
        XCTAssertEqual(need.today.release, kr(2_400_000))
        XCTAssertEqual(need.today.writedown, kr(14_400_000))
        XCTAssertEqual(need.today.capacity.total, kr(8_531_200))
        assertShares(shares(need.today), kr(8_531_200), kr(2_400_000), kr(5_868_800), "today")
        // Future: 10 × 300 ÷ 100 = 30 flats × 350 000 = 10 500 000; savings 25 % × 40 × 65 × 30.
        XCTAssertEqual(need.future.flats, 30)
        XCTAssertEqual(need.future.cost, kr(10_500_000))
        assertShares(shares(need.future), kr(19_500), 0, kr(10_480_500), "future")
        // Market: (420 − 25 % × 40) × (26 000 − 48 × 65) = 410 × 22 880 = 9 380 800; net
        // 7 619 200 ÷ 9 % = 84 657 777,777… → 84 657 777,78; book 105 600 000;
        // need 20 942 222,22, all the state's.
        XCTAssertEqual(need.market.flats, 352)
        XCTAssertEqual(need.market.operatingCost, kr(9_380_800))
        XCTAssertEqual(need.market.marketValue, 8_465_777_778)
        XCTAssertEqual(need.market.writedownNeed, 2_094_222_222)
        assertShares(shares(need.market), 0, 0, 2_094_222_222, "market")
    }

    func testFractionalParameters() throws {
        // Turnover 2,25 %: 60 − 9 = 51 flats. 6,5 vacancies per 100: 300 × 6,5 ÷ 100 = 19,5 → 19.
        let p = try SupportParameters.appendix3.setting(.turnoverVacancy, to: "2,25").setting(.vacanciesPer100, to: "6.5")
        let need = try SupportNeed.compute(try Self.åsele(), parameters: p)
        XCTAssertEqual(need.today.flats, 51)
        XCTAssertEqual(need.future.flats, 19)
    }

    // MARK: - Overflow and totals

    /// Every field at its bound (docs/import.md) and every parameter at the end of its range
    /// that makes figures largest: the model computes, exactly.
    static func extreme(vacant: Int64) throws -> HousingCompanyYear {
        try åsele(apartments: 1_000_000, vacant: vacant, area: 100_000_000, bookValue: HousingCompanyYear.mostAmount,
                  equity: -HousingCompanyYear.mostAmount, untaxedReserves: HousingCompanyYear.mostAmount,
                  totalAssets: HousingCompanyYear.mostAmount, cost: HousingCompanyYear.mostCostPerM2, norm: 0,
                  rentIncome: HousingCompanyYear.mostAmount, population: 100_000_000, forecast: 0,
                  taxesAndGrants: HousingCompanyYear.mostAmount)
    }

    static func extremeParameters(savings: String) throws -> SupportParameters {
        try SupportParameters.appendix3.setting(.turnoverVacancy, to: "0").setting(.vacanciesPer100, to: "100")
            .setting(.costPerFlat, to: "100000000").setting(.municipalityShare, to: "100").setting(.savingsShare, to: savings)
            .setting(.minSolidity, to: "100").setting(.untaxedEquityShare, to: "100").setting(.yield, to: "0,01")
    }

    func testTheBoundsKeepEveryFigureWithin64Bits() throws {
        // Every flat vacant, no turnover vacancy: step 1 takes out all 1 000 000 flats.
        // Release 1 000 000 × 10^10 öre = 10^16; write-down the whole book value 10^14; cost
        // 1,01 × 10^16. Savings 100 % × 10^7 öre/m² × 10^8 m² = 10^15. Capacity: untaxed 10^14,
        // equity −10^14 below the floor (100 % of 10^14) counts 0, savings 10^15 → 1,1 × 10^15.
        // The municipality's 100 % of 10^14; the state 1,01 × 10^16 − 1,2 × 10^15 = 8,9 × 10^15.
        // No flat is left for step 2; step 3 values no flat (operating cost 0): net income
        // 10^14 ÷ 0,01 % = 10^18 öre, the largest figure the bounds allow.
        let all = try SupportNeed.compute(try Self.extreme(vacant: 1_000_000), parameters: try Self.extremeParameters(savings: "100"))
        XCTAssertEqual(all.today.flats, 1_000_000)
        XCTAssertEqual(all.today.release, 10_000_000_000_000_000)
        XCTAssertEqual(all.today.cost, 10_100_000_000_000_000)
        XCTAssertEqual(all.today.capacity.total, 1_100_000_000_000_000)
        assertShares(shares(all.today), 1_100_000_000_000_000, 100_000_000_000_000, 8_900_000_000_000_000, "today")
        XCTAssertEqual(all.future.flats, 0)
        XCTAssertEqual(all.market.marketValue, 1_000_000_000_000_000_000)
        XCTAssertEqual(all.market.writedownNeed, 0)

        // No flat vacant, no savings counted: step 1 costs nothing and leaves the company its
        // capacity 10^14 (untaxed reserves) and the municipality its 10^14. Step 2's loss of
        // 10^8 inhabitants × 100 per 100 takes out all 1 000 000 flats: release 10^16, cost
        // 1,01 × 10^16. Step 3 keeps the cost 10^5 kr/m² × 10^8 m² = 10^15 öre; net income
        // 10^14 − 10^15 < 0 → value 0, need the whole book value 10^14, borne by the
        // company's 10^14 left after step 1.
        let none = try SupportNeed.compute(try Self.extreme(vacant: 0), parameters: try Self.extremeParameters(savings: "0"))
        XCTAssertEqual(none.today.flats, 0)
        XCTAssertEqual(none.future.flats, 1_000_000)
        XCTAssertEqual(none.future.release, 10_000_000_000_000_000)
        XCTAssertEqual(none.future.cost, 10_100_000_000_000_000)
        XCTAssertEqual(none.market.operatingCost, 1_000_000_000_000_000)
        XCTAssertEqual(none.market.netIncome, -900_000_000_000_000)
        XCTAssertEqual(none.market.marketValue, 0)
        assertShares(shares(none.market), 100_000_000_000_000, 0, 0, "market")

        // One beyond a bound is refused when the input is made, so it never reaches the model.
        XCTAssertThrowsError(try Self.åsele(apartments: 1_000_001, vacant: 60)) { error in
            XCTAssertEqual((error as? HousingInputError)?.fields, [.apartments])
        }
    }

    func testTotalsAddEveryFigure() throws {
        let a = try SupportNeed.compute(try Self.åsele())
        let b = try SupportNeed.compute(try Self.åsele(equity: kr(5_000_000)))
        let total = try SupportNeed.totals([a, b])
        XCTAssertEqual(total.today.flats, 104)
        XCTAssertEqual(total.today.cost, kr(38_480_000))
        assertShares(shares(total.today), kr(20_935_200), kr(5_272_400), kr(12_272_400), "today")
        assertShares(shares(total.future), kr(54_600), kr(727_600), kr(14_757_800), "future")
        XCTAssertEqual(total.market.flats, 696)
        XCTAssertEqual(total.market.marketValue, kr(198_800_000))
        XCTAssertEqual(total.market.writedownNeed, kr(10_000_000))
        assertShares(shares(total.market), 0, kr(727_600), kr(9_272_400), "market")
        XCTAssertEqual(try SupportNeed.totals([a]), a)
        XCTAssertEqual(try SupportNeed.totals([SupportNeed]()), SupportNeed.zero)
        XCTAssertEqual(total.today.reportFigures.map(\.key), a.today.reportFigures.map(\.key))
    }

    func testTotalsOverflowIsAnError() throws {
        // Each market value is 10^18 öre (testTheBoundsKeepEveryFigureWithin64Bits): nine add up
        // to 9 × 10^18, a tenth goes beyond 9 223 372 036 854 775 807.
        let big = try SupportNeed.compute(try Self.extreme(vacant: 1_000_000), parameters: try Self.extremeParameters(savings: "100"))
        XCTAssertEqual(try SupportNeed.totals(Array(repeating: big, count: 9)).market.marketValue, 9_000_000_000_000_000_000)
        XCTAssertThrowsError(try SupportNeed.totals(Array(repeating: big, count: 10))) { error in
            XCTAssertEqual(error as? SupportError, .overflow(figure: "totals.market.market_value"))
            XCTAssertEqual("\(error)", "totals.market.market_value is too large to compute exactly in öre")
        }
    }
}
