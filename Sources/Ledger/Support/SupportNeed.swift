/// A figure of the support-need model that does not fit in 64 bits.
public enum SupportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `figure` (such as `today.release`) is beyond ±92 233 720 368 547 758,07 kr, or an
    /// intermediate product of it is too large to divide exactly.
    case overflow(figure: String)

    /// `today.release is too large to compute exactly in öre`.
    public var description: String {
        switch self {
        case let .overflow(figure): return "\(figure) is too large to compute exactly in öre"
        }
    }
}

/// One figure of a step under the key `report support` gives it in JSON (cli.md):
/// `flats`, `cost_ore`, `company_ore`, …
public struct SupportFigure: Sendable, Hashable, CustomStringConvertible {
    /// The JSON key.
    public let key: String
    /// The value: whole flats, or öre for keys ending in `_ore`.
    public let value: Int64

    /// A figure `key` with `value`.
    public init(_ key: String, _ value: Int64) {
        self.key = key
        self.value = value
    }

    /// `cost_ore=1924000000`.
    public var description: String { "\(key)=\(value)" }
}

/// Boverket's support need for one housing company and year (SOU 2015:58, appendix 3;
/// domain.md, "Support need on very weak markets"): who bears the cost of taking surplus
/// flats out of use today (`today`), as the population falls until the forecast year
/// (`future`), and of writing the properties down to their market value (`market`).
///
/// Every amount is öre and exact. Each product of a share or rate and an amount (a
/// write-down, 78 % of untaxed reserves, 5 % of total assets, 5 % of taxes and grants, a
/// saving, the operating cost, the market value) is rounded half up to the öre once, at
/// its end; whole flats are rounded down. Figures made from rounded ones (a cost, a
/// capacity, the net income) add and subtract those exactly.
///
/// ```swift
/// let need = try SupportNeed.compute(input)          // the appendix's parameters
/// need.today.company                                 // 1_696_760_000 öre in domain.md's example
/// ```
public struct SupportNeed: Sendable, Hashable {
    /// What the company can bear in step 1: the parts of its capacity.
    public struct Capacity: Sendable, Hashable {
        /// Untaxed reserves counted as equity (78 % of them).
        public let untaxedReserves: Ore
        /// The equity the company must keep: the minimum solidity times total assets.
        public let solidityFloor: Ore
        /// Equity above that floor, at least 0.
        public let equityAboveFloor: Ore
        /// One year's savings on the surplus flats.
        public let savings: Ore
        /// `untaxedReserves + equityAboveFloor + savings`.
        public let total: Ore
    }

    /// Step 1, today: the flats vacant beyond the turnover vacancy.
    public struct Today: Sendable, Hashable {
        /// Surplus flats: vacant − turnover vacancy × apartments, whole flats rounded down, at least 0.
        public let flats: Int64
        /// Vacating and demolishing or converting them: flats × cost per flat.
        public let release: Ore
        /// Writing down their book value: flats × book value ÷ apartments.
        public let writedown: Ore
        /// `release + writedown`.
        public let cost: Ore
        /// What the company can bear.
        public let capacity: Capacity
        /// The municipality's most: its share of taxes and general grants.
        public let municipalityCap: Ore
        /// min(cost, capacity).
        public let company: Ore
        /// min(cost − company, municipality cap).
        public let municipality: Ore
        /// What remains: the need for state support.
        public let state: Ore

        /// The figures under cli.md's JSON keys: flats, cost_ore, release_ore,
        /// writedown_ore, company_ore, municipality_ore, state_ore.
        public var reportFigures: [SupportFigure] {
            [SupportFigure("flats", flats), SupportFigure("cost_ore", cost), SupportFigure("release_ore", release),
             SupportFigure("writedown_ore", writedown), SupportFigure("company_ore", company),
             SupportFigure("municipality_ore", municipality), SupportFigure("state_ore", state)]
        }
    }

    /// Step 2, until the forecast year: the flats that the population loss empties.
    public struct Future: Sendable, Hashable {
        /// Vacancies per 100 inhabitants × inhabitants lost, whole flats rounded down, and no
        /// more than the flats left after step 1.
        public let flats: Int64
        /// flats × cost per flat.
        public let release: Ore
        /// flats × book value ÷ apartments.
        public let writedown: Ore
        /// `release + writedown`.
        public let cost: Ore
        /// One year's savings on these flats.
        public let savings: Ore
        /// min(cost, capacity left after step 1 + savings).
        public let company: Ore
        /// min(cost − company, what is left of the municipality's share after step 1).
        public let municipality: Ore
        /// What remains.
        public let state: Ore

        /// The figures under cli.md's JSON keys: flats, cost_ore, company_ore,
        /// municipality_ore, state_ore.
        public var reportFigures: [SupportFigure] {
            [SupportFigure("flats", flats), SupportFigure("cost_ore", cost), SupportFigure("company_ore", company),
             SupportFigure("municipality_ore", municipality), SupportFigure("state_ore", state)]
        }
    }

    /// Step 3, the market value of what is left after step 1 (before step 2).
    public struct Market: Sendable, Hashable {
        /// The flats valued: apartments − step 1's flats.
        public let flats: Int64
        /// The operating cost, lowered by the savings share of the gap to the norm, times the
        /// floor area left after step 1.
        public let operatingCost: Ore
        /// Rent income − operating cost (may be negative).
        public let netIncome: Ore
        /// Net income ÷ yield requirement; 0 when the net income is not positive.
        public let marketValue: Ore
        /// Book value after step 1's write-down.
        public let bookValue: Ore
        /// Book value − market value, at least 0.
        public let writedownNeed: Ore
        /// min(need, the company's capacity left after step 1).
        public let company: Ore
        /// min(need − company, what is left of the municipality's share after step 1).
        public let municipality: Ore
        /// What remains.
        public let state: Ore

        /// The figures under cli.md's JSON keys: flats, market_value_ore,
        /// writedown_need_ore, company_ore, municipality_ore, state_ore.
        public var reportFigures: [SupportFigure] {
            [SupportFigure("flats", flats), SupportFigure("market_value_ore", marketValue),
             SupportFigure("writedown_need_ore", writedownNeed), SupportFigure("company_ore", company),
             SupportFigure("municipality_ore", municipality), SupportFigure("state_ore", state)]
        }
    }

    /// Step 1.
    public let today: Today
    /// Step 2.
    public let future: Future
    /// Step 3.
    public let market: Market
    /// The company's capacity left after step 1 (steps 2 and 3 both draw on it).
    public let companyCapacityLeft: Ore
    /// The municipality's share left after step 1 (steps 2 and 3 both draw on it).
    public let municipalityShareLeft: Ore
}

extension SupportNeed {
    /// The support need of `input` under `parameters` (domain.md's three steps).
    ///
    /// One company of one municipality, as the appendix counts them ("96 kommuner och
    /// företag"): the municipality's share and population loss are this company's alone.
    /// `report support` refuses a year in which two borrowers of one municipality have
    /// figures (docs/reports.md). Where domain.md is silent or differs from the appendix,
    /// these readings are taken (domain.md wins where it speaks; the worked example holds
    /// under every one; docs/reports.md lists them for readers):
    /// - Surplus flats are the exact difference vacant − turnover × apartments rounded down
    ///   (400 × 2 % = 8 exactly; 410 × 2 % = 8,2 gives 51 of 60, not 52).
    /// - Step 2's flats come from the whole population loss at once; the appendix sums
    ///   yearly (linear) changes, which would round differently. They are no more than the
    ///   flats step 1 left, and a vacancy below the turnover vacancy today does not absorb them.
    /// - The solidity floor is the minimum solidity × total assets as given (the appendix
    ///   says "after the reconstruction", which would use the written-down total).
    /// - One municipality share (the appendix allows one for today and one for the future).
    /// - A cost below the norm gives no savings and is not raised in step 3; step 3 lowers
    ///   the cost by the savings share of the gap (the appendix's "half"), so
    ///   `--savings-share` moves both.
    /// - A net income of 0 or less gives a market value of 0, so the need is at most the
    ///   book value.
    /// - Steps 2 and 3 each start from what step 1 left of the company's capacity and the
    ///   municipality's share ("efter den akuta avvecklingen men före den framtida"), so
    ///   the two may count the same capacity: the municipality's figures of the three steps
    ///   together can exceed its share (3 727 600 of 3 000 000 in the worked example).
    ///
    /// - Throws: `SupportError.overflow` naming the figure that does not fit in 64 bits.
    ///   Not for an input within its bounds (`HousingCompanyYear.Field.highest`) under
    ///   parameters `SupportParameters` accepts: the largest figure is then a market value of
    ///   10^14 öre of rent income ÷ 0,01 % = 10^18 öre, the largest product 10^25 (in 128
    ///   bits); the checks stay as a guard.
    public static func compute(_ input: HousingCompanyYear,
                               parameters: SupportParameters = .appendix3) throws(SupportError) -> SupportNeed {
        let p = parameters
        let apartments = input.apartments

        // Step 1: vacant − turnover × apartments, rounded down, at least 0.
        let surplusScaled = try sub(try mul(input.vacantApartments, hundredPercent, "today.flats"),
                                    try mul(p.turnoverVacancy.units, apartments, "today.flats"), "today.flats")
        let flats1 = surplusScaled > 0 ? surplusScaled / hundredPercent : 0
        let gap = max(0, try sub(input.omCostPerM2, input.omNormPerM2, "O&M cost gap"))
        let removal1 = try removal(flats1, input, p, gap: gap, step: "today")

        let untaxed = try product([p.untaxedEquityShare.units, input.untaxedReserves], [hundredPercent],
                                  "today.capacity.untaxed_reserves")
        let solidityFloor = try product([p.minSolidity.units, input.totalAssets], [hundredPercent],
                                        "today.capacity.solidity_floor")
        let equityAbove = max(0, try sub(input.equity, solidityFloor, "today.capacity.equity"))
        let capacity = try add(try add(untaxed, equityAbove, "today.capacity"), removal1.savings, "today.capacity")
        let municipalityCap = try product([p.municipalityShare.units, input.taxesAndGrants], [hundredPercent],
                                          "municipality share")
        let split1 = split(removal1.cost, company: capacity, municipality: municipalityCap)
        let companyLeft = capacity - split1.company
        let municipalityLeft = municipalityCap - split1.municipality
        let today = Today(
            flats: flats1, release: removal1.release, writedown: removal1.writedown, cost: removal1.cost,
            capacity: Capacity(untaxedReserves: untaxed, solidityFloor: solidityFloor, equityAboveFloor: equityAbove,
                               savings: removal1.savings, total: capacity),
            municipalityCap: municipalityCap,
            company: split1.company, municipality: split1.municipality, state: split1.state)

        // Step 2: vacancies per 100 × inhabitants lost, rounded down, within the flats left.
        let lost = max(0, input.population - input.populationForecast)  // both ≥ 0: cannot overflow
        let flats2 = min(try product([lost, p.vacanciesPer100.units], [hundredPercent], "future.flats", .down),
                         apartments - flats1)
        let removal2 = try removal(flats2, input, p, gap: gap, step: "future")
        let split2 = split(removal2.cost, company: try add(companyLeft, removal2.savings, "future.company"),
                           municipality: municipalityLeft)
        let future = Future(flats: flats2, release: removal2.release, writedown: removal2.writedown,
                            cost: removal2.cost, savings: removal2.savings,
                            company: split2.company, municipality: split2.municipality, state: split2.state)

        // Step 3: (cost − savings share × gap) × the area left after step 1; ÷ yield.
        let flats3 = apartments - flats1
        let lowerCost = try sub(try mul(input.omCostPerM2, hundredPercent, "market.operating_cost"),
                                try mul(p.savingsShare.units, gap, "market.operating_cost"), "market.operating_cost")
        let operatingCost = try product([lowerCost, input.areaM2, flats3], [hundredPercent, apartments],
                                        "market.operating_cost")
        let netIncome = try sub(input.rentIncome, operatingCost, "market.net_income")
        let marketValue = netIncome > 0
            ? try product([netIncome, hundredPercent], [p.yield.units], "market.market_value") : 0
        let bookValue = input.bookValue - removal1.writedown  // ≥ 0: flats1 ≤ apartments
        let need = max(0, bookValue - marketValue)    // both ≥ 0: cannot overflow
        let split3 = split(need, company: companyLeft, municipality: municipalityLeft)
        let market = Market(flats: flats3, operatingCost: operatingCost, netIncome: netIncome, marketValue: marketValue,
                            bookValue: bookValue, writedownNeed: need, company: split3.company,
                            municipality: split3.municipality, state: split3.state)

        return SupportNeed(today: today, future: future, market: market,
                           companyCapacityLeft: companyLeft, municipalityShareLeft: municipalityLeft)
    }

    /// What taking `flats` out of use costs (release + write-down of their book value) and
    /// saves in a year (the savings share of the O&M gap on their floor area): steps 1 and 2
    /// alike. `step` names the figures in an overflow error.
    private static func removal(_ flats: Int64, _ input: HousingCompanyYear, _ p: SupportParameters, gap: Ore,
                                step: String) throws(SupportError) -> (release: Ore, writedown: Ore, cost: Ore, savings: Ore) {
        let release = try mul(flats, p.costPerFlat, step + ".release")
        let writedown = try product([flats, input.bookValue], [input.apartments], step + ".writedown")
        let cost = try add(release, writedown, step + ".cost")
        let savings = try product([p.savingsShare.units, gap, input.areaM2, flats], [hundredPercent, input.apartments],
                                  step + ".savings")
        return (release, writedown, cost, savings)
    }

    /// 100 % in hundredths of a per cent: per cents are held as `Hundredths`.
    private static let hundredPercent: Int64 = 10_000

    /// `cost` borne by the company up to `company`, then the municipality up to
    /// `municipality`, the rest by the state. All three are ≥ 0.
    private static func split(_ cost: Ore, company: Ore, municipality: Ore) -> (company: Ore, municipality: Ore, state: Ore) {
        let byCompany = min(cost, company)
        let byMunicipality = min(cost - byCompany, municipality)
        return (byCompany, byMunicipality, cost - byCompany - byMunicipality)
    }

    static func add(_ a: Int64, _ b: Int64, _ figure: String) throws(SupportError) -> Int64 {
        let (value, overflow) = a.addingReportingOverflow(b)
        if overflow { throw .overflow(figure: figure) }
        return value
    }

    private static func sub(_ a: Int64, _ b: Int64, _ figure: String) throws(SupportError) -> Int64 {
        let (value, overflow) = a.subtractingReportingOverflow(b)
        if overflow { throw .overflow(figure: figure) }
        return value
    }

    private static func mul(_ a: Int64, _ b: Int64, _ figure: String) throws(SupportError) -> Int64 {
        let (value, overflow) = a.multipliedReportingOverflow(by: b)
        if overflow { throw .overflow(figure: figure) }
        return value
    }

    /// `∏factors ÷ ∏divisors`, rounded once (half up unless told otherwise).
    private static func product(_ factors: [Int64], _ divisors: [Int64], _ figure: String,
                                _ rounding: WideProduct.Rounding = .halfUp) throws(SupportError) -> Int64 {
        guard let value = WideProduct.quotient(factors, dividedBy: divisors, rounding: rounding) else {
            throw .overflow(figure: figure)
        }
        return value
    }
}
