/// Which emission factor a row of `import factors` gives. Only electricity so far.
public enum EmissionFactorName: String, CaseIterable, Sendable, Codable {
    /// Grams of CO2e per kWh of electricity saved or generated.
    case electricity
}

/// An emission factor from a date on: a row of `import factors`.
///
/// ```swift
/// let f = try EmissionFactor.parse(name: "electricity", validFrom: "2023-01-01",
///                                  gPerKWh: "191", source: "Nordic Position Paper")
/// f.tonnesCO2e(forMWh: 1_000)   // 191 (1 000 MWh × 191 g/kWh ÷ 1 000)
/// ```
public struct EmissionFactor: Sendable, Hashable {
    /// The columns `import factors` requires, in `cli.md`'s order.
    public static let requiredColumns = ["name", "valid_from", "g_per_kwh", "source"]

    /// What the factor is for.
    public let name: EmissionFactorName
    /// The first day the factor applies.
    public let validFrom: Day
    /// Grams of CO2e per kWh, exact (at most seven decimals); never negative.
    public let gramsPerKWh: Quantity
    /// Where the figure comes from (a paper, a report), as written.
    public let source: String

    /// A factor from checked values.
    public init(name: EmissionFactorName = .electricity, validFrom: Day, gramsPerKWh: Quantity, source: String) {
        self.name = name
        self.validFrom = validFrom
        self.gramsPerKWh = gramsPerKWh
        self.source = source
    }

    /// Reads one row of `import factors`: `name` `electricity`; `valid_from` `YYYY-MM-DD`;
    /// `g_per_kwh` an exact decimal, not negative; `source` a one-line text under the text
    /// rule (`TextRules.name`: not blank, no control or invisible format character, at most
    /// 2 000 characters), stored as written.
    ///
    /// - Throws: `ColumnError` naming the first column that is wrong.
    public static func parse(name: String, validFrom: String, gPerKWh: String, source: String) throws(ColumnError) -> EmissionFactor {
        let parsedName = try ColumnRules.token(name, EmissionFactorName.self, column: "name")
        let day = try ColumnRules.day(validFrom, column: "valid_from")
        let grams = try ColumnRules.nonNegativeQuantity(gPerKWh, column: "g_per_kwh")
        guard source.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else {
            throw ColumnError(column: "source", message: "is empty: say where the factor comes from")
        }
        do { try TextRules.name(source, what: "the source") } catch { throw ColumnError(column: "source", message: error.description) }
        return EmissionFactor(name: parsedName, validFrom: day, gramsPerKWh: grams, source: source)
    }

    /// `mwh × g/kWh ÷ 1 000` in tonnes CO2e (1 MWh = 1 000 kWh; 1 t = 10⁶ g), rounded half
    /// away from zero at 10⁻⁷ t (0,1 g), or `nil` when the result does not fit.
    public func tonnesCO2e(forMWh mwh: Quantity) -> Quantity? {
        ExactArithmetic.roundedMulDiv(mwh.units, gramsPerKWh.units, Quantity.scale * 1_000).map(Quantity.init(units:))
    }
}

/// The emission factors of one name over time: which one is in force on a day.
///
/// ```swift
/// let table = try EmissionFactorTable([f315, f191])
/// table.inForce(on: Day(year: 2022, month: 12, day: 31)!)?.gramsPerKWh   // 315
/// ```
public struct EmissionFactorTable: Sendable, Hashable {
    /// The factors, ordered by `validFrom`.
    public let factors: [EmissionFactor]

    /// A table of `factors` (any order, one name).
    ///
    /// - Throws: `EmissionFactorTableError` when two factors share a name and a `validFrom`
    ///   (which would be in force is then undefined).
    public init(_ factors: [EmissionFactor]) throws(EmissionFactorTableError) {
        let sorted = factors.sorted { ($0.name.rawValue, $0.validFrom) < ($1.name.rawValue, $1.validFrom) }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.name == b.name && a.validFrom == b.validFrom {
            throw .duplicate(name: a.name, validFrom: a.validFrom)
        }
        self.factors = sorted
    }

    /// The factor named `name` with the latest `validFrom` on or before `day`, or `nil`
    /// when none applies yet.
    public func inForce(on day: Day, name: EmissionFactorName = .electricity) -> EmissionFactor? {
        factors.last { $0.name == name && $0.validFrom <= day }
    }

    /// The factor in force at the end of `year` (31 December): the one a year's impact
    /// report uses as published.
    public func inForce(atEndOf year: Int, name: EmissionFactorName = .electricity) -> EmissionFactor? {
        guard let lastDay = Day(year: year, month: 12, day: 31) else { return nil }
        return inForce(on: lastDay, name: name)
    }
}

/// Why a set of emission factors cannot be used.
public enum EmissionFactorTableError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Two factors with the same name apply from the same day.
    case duplicate(name: EmissionFactorName, validFrom: Day)

    /// One line saying what is wrong.
    public var description: String {
        switch self {
        case let .duplicate(name, day): return "two \(name.rawValue) factors apply from \(day)"
        }
    }
}
