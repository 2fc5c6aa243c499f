/// An official Swedish municipality code (SCB kommunkod): four digits whose
/// first two are the county (län) code, e.g. `0127` Botkyrka, `2463` Åsele.
/// Kept as text: the leading zero is significant.
public struct SCBMunicipalityCode: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The county (län) codes in use since 1998 (Skåne 12 and Västra Götaland 14
    /// replaced 11, 15 and 16; 02 has not been used since 1968).
    public static let countyCodes: Set<String> = [
        "01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13",
        "14", "17", "18", "19", "20", "21", "22", "23", "24", "25",
    ]

    public let rawValue: String

    /// Nil unless `text` is exactly four ASCII digits with a valid county prefix.
    public init?(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 4, scalars.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        guard SCBMunicipalityCode.countyCodes.contains(String(text.prefix(2))) else { return nil }
        rawValue = text
    }

    /// The county (län) code: the first two digits.
    public var countyCode: String { String(rawValue.prefix(2)) }

    public var description: String { rawValue }

    public static func < (lhs: SCBMunicipalityCode, rhs: SCBMunicipalityCode) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

/// One row of a `market` import (cli.md): a municipality's index for a year,
/// given directly or through the model's four inputs.
public struct MarketReading: Sendable, Hashable {
    public let municipalityCode: SCBMunicipalityCode
    public let municipality: String
    public let year: Int
    /// The index as given (kr/m², e.g. an average price), if any.
    public let indexValue: MarketDecimal?
    /// The model's inputs, if given.
    public let inputs: MarketInputs?

    public init(municipalityCode: SCBMunicipalityCode, municipality: String, year: Int,
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
