/// One row of a `market` import (cli.md): a municipality's index for a year,
/// given directly or through the model's four inputs.
public struct MarketReading: Sendable, Hashable {
    public let municipalityCode: MunicipalityCode
    public let municipality: String
    public let year: Int
    /// The index as given (kr/m², e.g. an average price), if any.
    public let indexValue: MarketDecimal?
    /// The model's inputs, if given.
    public let inputs: MarketInputs?

    public init(municipalityCode: MunicipalityCode, municipality: String, year: Int,
                indexValue: MarketDecimal?, inputs: MarketInputs?) {
        self.municipalityCode = municipalityCode
        self.municipality = municipality
        self.year = year
        self.indexValue = indexValue
        self.inputs = inputs
    }

    /// Builds the model inputs from the four optional text fields of a row:
    /// nil when all four are empty, an error when only some are given.
    public static func inputs(trendIndex: String?, levelIndex: String?,
                              labourMarketPopulationK: String?,
                              jobAccessibilityK: String?) throws(MarketError) -> MarketInputs? {
        let fields = [trendIndex, levelIndex, labourMarketPopulationK, jobAccessibilityK]
            .map { $0.flatMap { $0.allSatisfy { $0 == " " } ? nil : $0 } }
        if fields.allSatisfy({ $0 == nil }) { return nil }
        guard let t = fields[0], let l = fields[1], let p = fields[2], let a = fields[3] else {
            throw .incompleteInputs
        }
        return try MarketInputs(trendIndex: t, levelIndex: l,
                                labourMarketPopulationK: p, jobAccessibilityK: a)
    }

    /// The index in whole kr/m²: `indexValue` rounded half away from zero when
    /// given (it wins over the inputs), otherwise the model's result.
    public func resolvedIndex(model: MarketModel = .sou2015_58) throws(MarketError) -> Int64 {
        if let indexValue { return indexValue.roundedHalfAwayFromZero }
        guard let inputs else { throw .missingIndex }
        return try model.index(inputs)
    }

    /// Whether the index comes from the model (no `indexValue`, inputs given).
    public var isComputed: Bool { indexValue == nil && inputs != nil }
}
