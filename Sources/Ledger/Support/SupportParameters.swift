/// One assumption of Boverket's support-need model (SOU 2015:58, appendix 3), named as the
/// `report support` flag that overrides it (cli.md): `turnover-vacancy` is `--turnover-vacancy`.
public enum SupportParameter: String, CaseIterable, Sendable {
    /// Vacant flats a company needs for moves (omsättningsvakans), per cent of its flats.
    case turnoverVacancy = "turnover-vacancy"
    /// Vacant flats added per 100 inhabitants the municipality loses.
    case vacanciesPer100 = "vacancies-per-100"
    /// What it costs to vacate and demolish or convert one flat, SEK.
    case costPerFlat = "cost-per-flat"
    /// The most the municipality bears, per cent of its taxes and general grants (today and in total).
    case municipalityShare = "municipality-share"
    /// The savings counted, per cent of the gap between actual and normative O&M cost.
    case savingsShare = "savings-share"
    /// The solidity (equity ÷ total assets) the company keeps, per cent.
    case minSolidity = "min-solidity"
    /// The part of untaxed reserves counted as equity, per cent.
    case untaxedEquityShare = "untaxed-equity-share"
    /// The yield requirement of the market valuation, per cent.
    case yield = "yield"

    /// The command-line flag: `--turnover-vacancy`.
    public var flag: String { "--" + rawValue }

    /// A key for the report's `parameters` object, with its unit:
    /// `turnover_vacancy_percent`, `vacancies_per_100`, `cost_per_flat_ore`, …
    public var key: String {
        switch self {
        case .vacanciesPer100: return "vacancies_per_100"
        case .costPerFlat: return "cost_per_flat_ore"
        default: return rawValue.replacingHyphens + "_percent"
        }
    }

    /// Whether the value is a per cent (all but `vacanciesPer100` and `costPerFlat`).
    public var isPercent: Bool { self != .vacanciesPer100 && self != .costPerFlat }

    /// What a value of this parameter is, for messages: "a per cent value", "an amount in SEK".
    var what: String {
        switch self {
        case .vacanciesPer100: return "a number of flats per 100 inhabitants"
        case .costPerFlat: return "an amount in SEK"
        default: return "a per cent value"
        }
    }
}

private extension String {
    var replacingHyphens: String { String(map { $0 == "-" ? "_" : $0 }) }
}

/// A parameter value refused: which flag, the text as given and why.
///
/// `description` reads `--yield: "0" is refused: it must be greater than 0 %`.
public struct SupportParameterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The parameter whose value was refused.
    public let parameter: SupportParameter
    /// The value as given (or, for a value set in code, its canonical text).
    public let text: String
    /// Why, without the flag and the text: `it must be greater than 0 %`.
    public let reason: String

    /// Creates an error for `parameter`'s value `text`, refused for `reason`.
    public init(parameter: SupportParameter, text: String, reason: String) {
        self.parameter = parameter
        self.text = text
        self.reason = reason
    }

    /// `--turnover-vacancy: "abc" is not a per cent value: unexpected character "a"`.
    public var description: String { "\(parameter.flag): \"\(text)\" \(reason)" }
}

/// The assumptions of Boverket's support-need model, held exactly: per cents and counts
/// per 100 inhabitants in hundredths (`Hundredths`), the cost per flat in öre.
///
/// `appendix3` holds the appendix's values (domain.md, "Support need on very weak
/// markets"); `report support` overrides them one flag at a time with `set(_:to:)`, and
/// prints them back with `summary(language:)` so that a kept report says what it assumed.
///
/// ```swift
/// var parameters = SupportParameters.appendix3
/// try parameters.set(.yield, to: "6,5")        // --yield 6,5
/// parameters.text(.yield)                      // "6.5"
/// parameters.formatted(.costPerFlat)           // "70 000 kr"
/// ```
public struct SupportParameters: Sendable, Hashable {
    /// Turnover vacancy, per cent of the company's flats (appendix: 2,0 %).
    public private(set) var turnoverVacancy: Hundredths
    /// Vacant flats per 100 inhabitants lost (appendix: 7).
    public private(set) var vacanciesPer100: Hundredths
    /// Cost to vacate and demolish or convert one flat, öre (appendix: 70 000 kr).
    public private(set) var costPerFlat: Ore
    /// The municipality's most, per cent of taxes and general grants (appendix: 5,0 %).
    public private(set) var municipalityShare: Hundredths
    /// Savings counted, per cent of the gap between actual and normative O&M cost (appendix: 50 %).
    public private(set) var savingsShare: Hundredths
    /// Lowest solidity the company keeps, per cent of total assets (appendix: 5,0 %).
    public private(set) var minSolidity: Hundredths
    /// Untaxed reserves counted as equity, per cent (domain.md: 78 %).
    public private(set) var untaxedEquityShare: Hundredths
    /// Yield requirement of the market valuation, per cent (appendix: 8 %).
    public private(set) var yield: Hundredths

    /// The highest cost per flat a flag may give, öre: 100 000 000 kr (with at most
    /// `HousingCompanyYear.mostApartments` flats the release cost stays within 64 bits).
    public static let mostCostPerFlat: Ore = 10_000_000_000

    /// The values of SOU 2015:58, appendix 3, as domain.md lists them.
    public static let appendix3 = SupportParameters(
        unchecked: Hundredths(units: 200), vacanciesPer100: Hundredths(units: 700), costPerFlat: 7_000_000,
        municipalityShare: Hundredths(units: 500), savingsShare: Hundredths(units: 5_000),
        minSolidity: Hundredths(units: 500), untaxedEquityShare: Hundredths(units: 7_800),
        yield: Hundredths(units: 800))

    private init(unchecked turnoverVacancy: Hundredths, vacanciesPer100: Hundredths, costPerFlat: Ore,
                 municipalityShare: Hundredths, savingsShare: Hundredths, minSolidity: Hundredths,
                 untaxedEquityShare: Hundredths, yield: Hundredths) {
        self.turnoverVacancy = turnoverVacancy
        self.vacanciesPer100 = vacanciesPer100
        self.costPerFlat = costPerFlat
        self.municipalityShare = municipalityShare
        self.savingsShare = savingsShare
        self.minSolidity = minSolidity
        self.untaxedEquityShare = untaxedEquityShare
        self.yield = yield
    }

    /// Parameters from values in code, checked as the flags are.
    ///
    /// - Throws: `SupportParameterError` for the first value out of range (a per cent
    ///   above 100, a yield of 0, a negative cost or one above `mostCostPerFlat`).
    public init(turnoverVacancy: Hundredths, vacanciesPer100: Hundredths, costPerFlat: Ore,
                municipalityShare: Hundredths, savingsShare: Hundredths, minSolidity: Hundredths,
                untaxedEquityShare: Hundredths, yield: Hundredths) throws(SupportParameterError) {
        self.init(unchecked: turnoverVacancy, vacanciesPer100: vacanciesPer100, costPerFlat: costPerFlat,
                  municipalityShare: municipalityShare, savingsShare: savingsShare, minSolidity: minSolidity,
                  untaxedEquityShare: untaxedEquityShare, yield: yield)
        for parameter in SupportParameter.allCases {
            if let reason = Self.rangeProblem(parameter, units(parameter)) {
                throw SupportParameterError(parameter: parameter, text: text(parameter), reason: "is refused: " + reason)
            }
        }
    }

    /// Sets `parameter` from a flag's value: "2", "2,0", "2.5", "2,5 %" for a per cent
    /// (at most two decimals); "70 000", "70000", "70 000,50", "70 000 kr" for the cost per
    /// flat (a trailing kr or SEK, as every amount in SEK takes).
    ///
    /// - Throws: `SupportParameterError` naming the flag and the text when it is not a
    ///   number of that kind or is out of range; the parameters are then unchanged.
    public mutating func set(_ parameter: SupportParameter, to text: String) throws(SupportParameterError) {
        let units: Int64
        do {
            let number = parameter == .costPerFlat ? AmountParser.withoutCurrency(text) : text
            units = try Hundredths.parse(number, allowPercent: parameter.isPercent).units
        } catch {
            throw SupportParameterError(parameter: parameter, text: text,
                                        reason: "is not \(parameter.what): \(error.explanation)")
        }
        if let reason = Self.rangeProblem(parameter, units) {
            throw SupportParameterError(parameter: parameter, text: text, reason: "is refused: " + reason)
        }
        switch parameter {
        case .turnoverVacancy: turnoverVacancy = Hundredths(units: units)
        case .vacanciesPer100: vacanciesPer100 = Hundredths(units: units)
        case .costPerFlat: costPerFlat = units
        case .municipalityShare: municipalityShare = Hundredths(units: units)
        case .savingsShare: savingsShare = Hundredths(units: units)
        case .minSolidity: minSolidity = Hundredths(units: units)
        case .untaxedEquityShare: untaxedEquityShare = Hundredths(units: units)
        case .yield: yield = Hundredths(units: units)
        }
    }

    /// A copy with `parameter` set from `text` (see `set(_:to:)`).
    ///
    /// - Throws: `SupportParameterError` as `set(_:to:)` does.
    public func setting(_ parameter: SupportParameter, to text: String) throws(SupportParameterError) -> SupportParameters {
        var copy = self
        try copy.set(parameter, to: text)
        return copy
    }

    /// The value in hundredths: of a per cent, of a flat per 100 inhabitants, or öre.
    public func units(_ parameter: SupportParameter) -> Int64 {
        switch parameter {
        case .turnoverVacancy: return turnoverVacancy.units
        case .vacanciesPer100: return vacanciesPer100.units
        case .costPerFlat: return costPerFlat
        case .municipalityShare: return municipalityShare.units
        case .savingsShare: return savingsShare.units
        case .minSolidity: return minSolidity.units
        case .untaxedEquityShare: return untaxedEquityShare.units
        case .yield: return yield.units
        }
    }

    /// The value as a flag would give it, which `set(_:to:)` reads back to the same value:
    /// "2", "7", "70000", "6.5" (kronor for the cost per flat).
    public func text(_ parameter: SupportParameter) -> String {
        Hundredths(units: units(parameter)).text
    }

    /// The value for a reader: Swedish "2,0 %", "7", "70 000 kr"; English "2.0%", "7", "SEK 70,000".
    public func formatted(_ parameter: SupportParameter, language: FormatLanguage = .sv) -> String {
        let value = units(parameter)
        switch parameter {
        case .costPerFlat: return MoneyFormat.kronor(value, language: language)
        case .vacanciesPer100: return Hundredths(units: value).formatted(minDecimals: 0, language: language)
        default:
            let number = Hundredths(units: value).formatted(minDecimals: 1, language: language)
            return language == .sv ? number + DigitLayout.nbsp + "%" : number + "%"
        }
    }

    /// One parameter with its meaning, e.g. "turnover vacancy 2.0%" or
    /// "omsättningsvakans 2,0 %".
    public func line(_ parameter: SupportParameter, language: FormatLanguage = .sv) -> String {
        let v = formatted(parameter, language: language)
        switch (parameter, language) {
        case (.turnoverVacancy, .sv): return "omsättningsvakans \(v)"
        case (.turnoverVacancy, .en): return "turnover vacancy \(v)"
        case (.vacanciesPer100, .sv): return "\(v) vakanta lägenheter per 100 förlorade invånare"
        case (.vacanciesPer100, .en): return "\(v) vacant flats per 100 inhabitants lost"
        case (.costPerFlat, .sv): return "\(v) per lägenhet att friställa och riva eller bygga om"
        case (.costPerFlat, .en): return "\(v) per flat to vacate and demolish or convert"
        case (.municipalityShare, .sv): return "kommunen bär högst \(v) av skatter och bidrag"
        case (.municipalityShare, .en): return "municipality bears at most \(v) of taxes and grants"
        case (.savingsShare, .sv): return "besparing \(v) av skillnaden mellan faktisk kostnad och norm"
        case (.savingsShare, .en): return "savings \(v) of the gap between actual and normative cost"
        case (.minSolidity, .sv): return "lägsta soliditet \(v)"
        case (.minSolidity, .en): return "minimum solidity \(v)"
        case (.untaxedEquityShare, .sv): return "\(v) av obeskattade reserver räknas som eget kapital"
        case (.untaxedEquityShare, .en): return "\(v) of untaxed reserves counted as equity"
        case (.yield, .sv): return "avkastningskrav \(v)"
        case (.yield, .en): return "yield requirement \(v)"
        }
    }

    /// Every parameter on one line, separated by "; ", in the order of the flags.
    public func summary(language: FormatLanguage = .sv) -> String {
        SupportParameter.allCases.map { line($0, language: language) }.joined(separator: "; ")
    }

    /// The parameters whose values differ from the appendix's, in the order of the flags.
    public var overridden: [SupportParameter] {
        SupportParameter.allCases.filter { units($0) != SupportParameters.appendix3.units($0) }
    }

    /// Why `units` is out of range for `parameter`, or nil when it is in range.
    private static func rangeProblem(_ parameter: SupportParameter, _ units: Int64) -> String? {
        switch parameter {
        case .costPerFlat:
            if units < 0 { return "it must not be negative" }
            return units > mostCostPerFlat
                ? "it must be at most \(Hundredths(units: mostCostPerFlat).text) SEK (every figure of the model must fit in 64 bits)"
                : nil
        case .vacanciesPer100:
            return units < 0 || units > 10_000 ? "it must be between 0 and 100" : nil
        case .yield:
            if units <= 0 { return "it must be greater than 0 %" }
            return units > 10_000 ? "it must be at most 100 %" : nil
        default:
            return units < 0 || units > 10_000 ? "it must be between 0 and 100 %" : nil
        }
    }
}
