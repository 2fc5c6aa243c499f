/// One housing company's figures for one year, with its municipality's, as Boverket's
/// support-need model reads them (SOU 2015:58, appendix 3; domain.md, "Support need on
/// very weak markets").
///
/// Each property is one column of cli.md's `import housing` (`Field` spells them); the
/// borrower (`borrower_org_no`) is the store's key, not part of the model's input.
/// Every value is checked when the input is made, so `SupportNeed.compute` can rely on
/// at least one apartment, a floor area, vacancies within the stock, and every value within
/// its bound (`Field.highest`), which keeps every figure of the model within 64 bits.
///
/// ```swift
/// let input = try HousingCompanyYear(fields: { row[$0.rawValue] ?? "" }, decimalComma: false)
/// let need = try SupportNeed.compute(input, parameters: .appendix3)
/// ```
public struct HousingCompanyYear: Sendable, Hashable {
    /// The columns of `import housing` after `borrower_org_no`, in cli.md's order, spelled
    /// as in the file.
    public enum Field: String, CaseIterable, Sendable {
        case year
        case apartments
        case vacantApartments = "vacant_apartments"
        case areaM2 = "area_m2"
        case bookValue = "book_value_sek"
        case equity = "equity_sek"
        case untaxedReserves = "untaxed_reserves_sek"
        case totalAssets = "total_assets_sek"
        case omCostPerM2 = "om_cost_per_m2"
        case omNormPerM2 = "om_norm_per_m2"
        case rentIncome = "rent_income_sek"
        case population
        case populationForecast = "population_forecast"
        case forecastYear = "forecast_year"
        case taxesAndGrants = "taxes_and_grants_sek"

        /// How the field is written: a year, a whole count, or an amount in SEK (öre).
        public enum Kind: Sendable {
            case year, count, amount
        }

        /// The lowest value allowed, for messages: "at least 1", "greater than 0", "0 or more".
        var lowest: String {
            switch self {
            case .apartments: return "at least 1"
            case .areaM2: return "greater than 0"
            default: return "0 or more"
            }
        }

        /// The most the field may hold (counts, öre, öre per m²), or nil for a year (1900–2200).
        /// The bounds lie far above any housing company's figures and make every figure of
        /// `SupportNeed.compute` fit in 64 bits under every parameter `SupportParameters`
        /// accepts (docs/import.md, "housing"; `SupportNeed` shows the arithmetic).
        public var highest: Int64? {
            switch self {
            case .year, .forecastYear: return nil
            case .apartments, .vacantApartments: return HousingCompanyYear.mostApartments
            case .areaM2: return HousingCompanyYear.mostArea
            case .population, .populationForecast: return HousingCompanyYear.mostInhabitants
            case .omCostPerM2, .omNormPerM2: return HousingCompanyYear.mostCostPerM2
            default: return HousingCompanyYear.mostAmount
            }
        }

        /// The field's kind.
        public var kind: Kind {
            switch self {
            case .year, .forecastYear: return .year
            case .apartments, .vacantApartments, .areaM2, .population, .populationForecast: return .count
            default: return .amount
            }
        }
    }

    /// The column that names the borrower, first in the file.
    public static let borrowerColumn = "borrower_org_no"
    /// Every column of `import housing`, exactly as cli.md lists them.
    public static let importColumns = [borrowerColumn] + Field.allCases.map(\.rawValue)
    /// The years a row may have (the schema's range for years).
    public static let years: ClosedRange<Int64> = 1900...2200
    /// The most apartments (and vacant apartments) a row may have: 1 000 000.
    public static let mostApartments: Int64 = 1_000_000
    /// The largest floor area, m²: 100 000 000 (100 km²).
    public static let mostArea: Int64 = 100_000_000
    /// The largest population or forecast: 100 000 000.
    public static let mostInhabitants: Int64 = 100_000_000
    /// The largest amount, öre: 1 000 000 000 000 kr, the largest amount hallbar records
    /// (`AmountParser.maxOre`); equity at least its negative.
    public static let mostAmount: Ore = AmountParser.maxOre
    /// The largest operating and maintenance cost or norm, öre per m²: 100 000 kr per m².
    public static let mostCostPerM2: Ore = 10_000_000

    /// The year the figures describe ("today" in the model).
    public let year: Int
    /// Apartments the company owns (at least 1).
    public let apartments: Int64
    /// Of those, vacant (0 … apartments).
    public let vacantApartments: Int64
    /// Floor area of the stock in whole m² (greater than 0).
    public let areaM2: Int64
    /// Book value of the properties, öre.
    public let bookValue: Ore
    /// Equity, öre. The only figure that may be negative: a company on a very weak market
    /// can have lost more than its equity, and the model's "equity above the solidity
    /// floor, at least 0" is written for it.
    public let equity: Ore
    /// Untaxed reserves, öre.
    public let untaxedReserves: Ore
    /// Total assets, öre.
    public let totalAssets: Ore
    /// Actual operating and maintenance cost, öre per m² and year.
    public let omCostPerM2: Ore
    /// Boverket's normative operating and maintenance cost, öre per m² and year.
    public let omNormPerM2: Ore
    /// Rent income of the year, öre.
    public let rentIncome: Ore
    /// The municipality's population in `year`.
    public let population: Int64
    /// The municipality's forecast population in `forecastYear`.
    public let populationForecast: Int64
    /// The year of the population forecast (not before `year`).
    public let forecastYear: Int
    /// The municipality's taxes and general grants for the year, öre.
    public let taxesAndGrants: Ore

    /// An input from values, checked.
    ///
    /// - Throws: `HousingInputError` listing every offending field: a year outside
    ///   1900–2200, a forecast year before the year, no apartments, more vacant apartments
    ///   than apartments, no floor area, a negative count or amount (equity excepted), or a
    ///   value beyond its field's bound (`Field.highest`; equity below −`mostAmount`).
    public init(year: Int, apartments: Int64, vacantApartments: Int64, areaM2: Int64, bookValue: Ore, equity: Ore,
                untaxedReserves: Ore, totalAssets: Ore, omCostPerM2: Ore, omNormPerM2: Ore, rentIncome: Ore,
                population: Int64, populationForecast: Int64, forecastYear: Int,
                taxesAndGrants: Ore) throws(HousingInputError) {
        self.year = year
        self.apartments = apartments
        self.vacantApartments = vacantApartments
        self.areaM2 = areaM2
        self.bookValue = bookValue
        self.equity = equity
        self.untaxedReserves = untaxedReserves
        self.totalAssets = totalAssets
        self.omCostPerM2 = omCostPerM2
        self.omNormPerM2 = omNormPerM2
        self.rentIncome = rentIncome
        self.population = population
        self.populationForecast = populationForecast
        self.forecastYear = forecastYear
        self.taxesAndGrants = taxesAndGrants
        let problems = validationProblems()
        if !problems.isEmpty { throw HousingInputError(problems) }
    }

    /// An input from the text of an `import housing` row: `fields` gives each column's
    /// text. Years and counts are whole numbers ("26 000" with spaces grouping thousands);
    /// amounts are SEK with at most two decimals, read as every import reads them
    /// (`AmountParser`: a decimal comma only when `decimalComma`, i.e. in a `;` file).
    ///
    /// - Throws: `HousingInputError` listing every field that cannot be read, or, when all
    ///   can, every one the checks of `init(year:…)` refuse.
    public init(fields: (Field) -> String, decimalComma: Bool) throws(HousingInputError) {
        var values: [Field: Int64] = [:]
        var problems: [HousingInputError.Problem] = []
        for field in Field.allCases {
            do {
                values[field] = try Self.read(fields(field), as: field, decimalComma: decimalComma)
            } catch {
                problems.append(HousingInputError.Problem(field: field, message: error.message))
            }
        }
        guard problems.isEmpty else { throw HousingInputError(problems) }
        func v(_ field: Field) -> Int64 { values[field] ?? 0 }
        try self.init(year: Int(v(.year)), apartments: v(.apartments), vacantApartments: v(.vacantApartments),
                      areaM2: v(.areaM2), bookValue: v(.bookValue), equity: v(.equity),
                      untaxedReserves: v(.untaxedReserves), totalAssets: v(.totalAssets),
                      omCostPerM2: v(.omCostPerM2), omNormPerM2: v(.omNormPerM2), rentIncome: v(.rentIncome),
                      population: v(.population), populationForecast: v(.populationForecast),
                      forecastYear: Int(v(.forecastYear)), taxesAndGrants: v(.taxesAndGrants))
    }

    /// The value of `field`: a year, a count, or öre.
    public func value(_ field: Field) -> Int64 {
        switch field {
        case .year: return Int64(year)
        case .apartments: return apartments
        case .vacantApartments: return vacantApartments
        case .areaM2: return areaM2
        case .bookValue: return bookValue
        case .equity: return equity
        case .untaxedReserves: return untaxedReserves
        case .totalAssets: return totalAssets
        case .omCostPerM2: return omCostPerM2
        case .omNormPerM2: return omNormPerM2
        case .rentIncome: return rentIncome
        case .population: return population
        case .populationForecast: return populationForecast
        case .forecastYear: return Int64(forecastYear)
        case .taxesAndGrants: return taxesAndGrants
        }
    }

    /// The canonical text of `field`, which `init(fields:decimalComma: false)` reads back to
    /// the same value: "2013", "400", "120000000.00".
    public func text(_ field: Field) -> String {
        Self.text(value(field), field)
    }

    /// `value` as the canonical text of `field`.
    static func text(_ value: Int64, _ field: Field) -> String {
        field.kind == .amount ? AmountParser.render(ore: value) : String(value)
    }

    /// Every rule the values break, in column order.
    private func validationProblems() -> [HousingInputError.Problem] {
        var problems: [HousingInputError.Problem] = []
        func problem(_ field: Field, _ message: String) {
            problems.append(HousingInputError.Problem(field: field, message: message))
        }
        for field in Field.allCases {
            let value = self.value(field)
            switch field.kind {
            case .year:
                if !Self.years.contains(value) {
                    problem(field, "\(value) is not a year between \(Self.years.lowerBound) and \(Self.years.upperBound)")
                }
            case .count, .amount:
                if value < 0 && field != .equity {
                    problem(field, "\(text(field)) is negative; it must be \(field.lowest)")
                } else if let highest = field.highest, value > highest {
                    problem(field, "\(text(field)) is more than \(Self.text(highest, field)), the most a row may hold "
                        + "(every figure of the model must fit in 64 bits)")
                } else if field == .equity && value < -Self.mostAmount {
                    problem(field, "\(text(field)) is less than \(Self.text(-Self.mostAmount, field)), the least a row may hold "
                        + "(every figure of the model must fit in 64 bits)")
                }
            }
            switch field {
            case .apartments where apartments == 0:
                problem(field, "is 0; the model needs a company with at least one apartment")
            case .vacantApartments where vacantApartments > apartments && apartments >= 0:
                problem(field, "\(vacantApartments) vacant apartments are more than the \(apartments) apartments")
            case .areaM2 where areaM2 == 0:
                problem(field, "is 0; the floor area must be greater than 0 m²")
            case .forecastYear where forecastYear < year && Self.years.contains(Int64(year)):
                problem(field, "\(forecastYear) is before the year \(year); the forecast must be for \(year) or later")
            default:
                break
            }
        }
        return problems
    }

    /// Why a field's text was refused.
    private struct ReadError: Error {
        let message: String
    }

    /// The field's text as a value, or a message quoting the text.
    private static func read(_ text: String, as field: Field, decimalComma: Bool) throws(ReadError) -> Int64 {
        switch field.kind {
        case .amount:
            do {
                return try AmountParser.parse(text, decimalComma: decimalComma, allowNegative: field == .equity)
            } catch {
                throw ReadError(message: error.description)
            }
        case .year:
            let bytes = Array(text.utf8)
            guard (1...4).contains(bytes.count), bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let year = Int64(text) else {
                throw ReadError(message: "\"\(text)\" is not a year: expected four digits, such as 2013")
            }
            return year
        case .count:
            var copy = text
            let options = NumberSyntax.Options(separators: .either, maxDecimals: 0, scaleDigits: 0, allowPercent: false)
            switch copy.withUTF8({ NumberSyntax.parse($0, options) }) {
            case let .success(parsed) where !parsed.negative:
                return NumberSyntax.signed(parsed)
            case .success:
                throw ReadError(message: "\"\(text)\" is negative; it must be \(field.lowest)")
            case .failure(.tooManyDecimals):
                throw ReadError(message: "\"\(text)\" is not a whole number")
            case let .failure(reason):
                throw ReadError(message: "\"\(text)\" is not a whole number: \(reason.explanation)")
            }
        }
    }
}

/// Why an input to the support-need model was refused: every offending field with a
/// message, in column order, for `file.csv:LINE: COLUMN: message` errors.
///
/// `description` reads `vacant_apartments: 61 vacant apartments are more than the 60 apartments`.
public struct HousingInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One refused field.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// The column.
        public let field: HousingCompanyYear.Field
        /// What is wrong, without the column: `is 0; the floor area must be greater than 0 m²`.
        public let message: String

        /// Creates a problem with `field`.
        public init(field: HousingCompanyYear.Field, message: String) {
            self.field = field
            self.message = message
        }

        /// `area_m2: is 0; the floor area must be greater than 0 m²`.
        public var description: String { "\(field.rawValue): \(message)" }
    }

    /// Every problem found, in column order (at least one).
    public let problems: [Problem]

    /// An error with `problems`.
    public init(_ problems: [Problem]) {
        self.problems = problems
    }

    /// The fields refused, in column order.
    public var fields: [HousingCompanyYear.Field] { problems.map(\.field) }

    /// The problems, separated by "; ".
    public var description: String { problems.map(\.description).joined(separator: "; ") }
}
