/// The four explanatory variables of the housing-market model for one
/// municipality and year (SOU 2015:58, bilaga 2, p. 655–656).
public struct MarketInputs: Sendable, Hashable {
    /// Kommunens riktning: an index of the municipality's development (e.g. 2004–2012).
    public var trendIndex: MarketDecimal
    /// Kommunens nivå: an index of the municipality's level.
    public var levelIndex: MarketDecimal
    /// Befolkning i den lokala arbetsmarknaden, in thousands of inhabitants.
    public var labourMarketPopulationK: MarketDecimal
    /// Tillgänglighet till arbetsplatser, in thousands of workplaces.
    public var jobAccessibilityK: MarketDecimal

    public init(trendIndex: MarketDecimal, levelIndex: MarketDecimal,
                labourMarketPopulationK: MarketDecimal, jobAccessibilityK: MarketDecimal) {
        self.trendIndex = trendIndex
        self.levelIndex = levelIndex
        self.labourMarketPopulationK = labourMarketPopulationK
        self.jobAccessibilityK = jobAccessibilityK
    }

    /// Parses the four inputs from text (decimal comma or point; see `MarketDecimal`).
    public init(trendIndex: String, levelIndex: String,
                labourMarketPopulationK: String, jobAccessibilityK: String) throws(MarketError) {
        self.init(trendIndex: try MarketDecimal(parsing: trendIndex),
                  levelIndex: try MarketDecimal(parsing: levelIndex),
                  labourMarketPopulationK: try MarketDecimal(parsing: labourMarketPopulationK),
                  jobAccessibilityK: try MarketDecimal(parsing: jobAccessibilityK))
    }
}

/// A linear model of a municipality's housing-market index (kr/m²):
///
///     Y = intercept + trend·riktning + level·nivå
///           + labourMarketPopulation·befolkning (thousands)
///           + jobAccessibility·tillgänglighet (thousands)
///
/// computed exactly in integer arithmetic and rounded half away from zero to
/// whole kr/m². `sou2015_58` is the appendix's regression.
public struct MarketModel: Sendable, Hashable {
    public let intercept: MarketDecimal
    public let trendCoefficient: MarketDecimal
    public let levelCoefficient: MarketDecimal
    public let labourMarketPopulationCoefficient: MarketDecimal
    public let jobAccessibilityCoefficient: MarketDecimal

    public init(intercept: MarketDecimal, trendCoefficient: MarketDecimal,
                levelCoefficient: MarketDecimal, labourMarketPopulationCoefficient: MarketDecimal,
                jobAccessibilityCoefficient: MarketDecimal) {
        self.intercept = intercept
        self.trendCoefficient = trendCoefficient
        self.levelCoefficient = levelCoefficient
        self.labourMarketPopulationCoefficient = labourMarketPopulationCoefficient
        self.jobAccessibilityCoefficient = jobAccessibilityCoefficient
    }

    /// SOU 2015:58, bilaga 2 (Evidens, "Svaga bostadsmarknader", 2014), p. 655:
    /// Y = −52 749,833 + 407,129·riktning + 173,101·nivå + 0,833·befolkning i
    /// den lokala arbetsmarknaden (tusental) + 28,835·tillgänglighet till
    /// arbetsplatser (tusental). Dependent variable: medelpris småhus 2012 (kr/kvm).
    /// Coefficients are the printed ones, i.e. scaled by 1000.
    public static let sou2015_58 = MarketModel(
        intercept: MarketDecimal(units: -52_749_833, scale: 3),
        trendCoefficient: MarketDecimal(units: 407_129, scale: 3),
        levelCoefficient: MarketDecimal(units: 173_101, scale: 3),
        labourMarketPopulationCoefficient: MarketDecimal(units: 833, scale: 3),
        jobAccessibilityCoefficient: MarketDecimal(units: 28_835, scale: 3))

    /// The exact value of Y, unrounded (its scale is the largest coefficient
    /// scale plus input scale). Throws `.overflow` if it does not fit in 64 bits.
    public func exactIndex(_ inputs: MarketInputs) throws(MarketError) -> MarketDecimal {
        let products = [
            (trendCoefficient, inputs.trendIndex),
            (levelCoefficient, inputs.levelIndex),
            (labourMarketPopulationCoefficient, inputs.labourMarketPopulationK),
            (jobAccessibilityCoefficient, inputs.jobAccessibilityK),
        ]
        var terms: [MarketDecimal] = [intercept]
        for (coefficient, value) in products {
            let (units, overflow) = coefficient.units.multipliedReportingOverflow(by: value.units)
            guard !overflow else { throw .overflow }
            let scale = coefficient.scale + value.scale
            guard scale <= MarketDecimal.maxScale else { throw .overflow }
            terms.append(MarketDecimal(units: units, scale: scale))
        }
        let common = terms.map(\.scale).max() ?? 0
        var sum: Int64 = 0
        for term in terms {
            guard let units = term.units(atScale: common) else { throw .overflow }
            let (next, overflow) = sum.addingReportingOverflow(units)
            guard !overflow else { throw .overflow }
            sum = next
        }
        return MarketDecimal(units: sum, scale: common)
    }

    /// Y rounded half away from zero to whole kr/m².
    public func index(_ inputs: MarketInputs) throws(MarketError) -> Int64 {
        try exactIndex(inputs).roundedHalfAwayFromZero
    }

}
