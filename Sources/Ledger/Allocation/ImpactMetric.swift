/// The fixed vocabulary of a green project's annual effects (domain.md, "Impact metric"),
/// spelled as `import metrics` and the JSON of `report impact` spell them.
public enum ImpactMetric: String, CaseIterable, Sendable, Codable {
    /// Annual greenhouse-gas emissions avoided against a baseline or reference scenario.
    case ghgAvoided = "ghg_avoided_tco2e"
    /// Annual greenhouse-gas emissions reduced in absolute terms.
    case ghgReduced = "ghg_reduced_tco2e"
    /// Annual energy saved.
    case energySaved = "energy_saved_mwh"
    /// Annual renewable energy generated.
    case renewableGeneration = "renewable_generation_mwh"
    /// Renewable capacity installed.
    case renewableCapacity = "renewable_capacity_mw"
    /// Floor area certified (Miljöbyggnad, BREEAM, Svanen, …).
    case certifiedFloorArea = "certified_floor_area_m2"
    /// Water or wastewater treated per year.
    case waterTreated = "water_treated_m3"
    /// Waste recycled per year.
    case wasteRecycled = "waste_recycled_t"

    /// The unit as printed: "tCO2e", "MWh", "MW", "m²", "m³", "t".
    public var unit: String {
        switch self {
        case .ghgAvoided, .ghgReduced: return "tCO2e"
        case .energySaved, .renewableGeneration: return "MWh"
        case .renewableCapacity: return "MW"
        case .certifiedFloorArea: return "m²"
        case .waterTreated: return "m³"
        case .wasteRecycled: return "t"
        }
    }

    /// Whether the ledger derives avoided tCO2e from this metric with the electricity
    /// emission factor (`energy_saved_mwh`, `renewable_generation_mwh`).
    public var isEnergy: Bool { self == .energySaved || self == .renewableGeneration }

    /// The decimals a report prints (display only; every figure is kept exact): tonnes,
    /// MWh, m², m³ whole, MW with one decimal. See `Quantity.rounded(decimals:)`.
    public var displayDecimals: Int { self == .renewableCapacity ? 1 : 0 }

    /// The Swedish label.
    public var swedishName: String {
        switch self {
        case .ghgAvoided: return "Undvikna utsläpp"
        case .ghgReduced: return "Minskade utsläpp"
        case .energySaved: return "Energibesparing"
        case .renewableGeneration: return "Förnybar energiproduktion"
        case .renewableCapacity: return "Installerad förnybar effekt"
        case .certifiedFloorArea: return "Certifierad golvarea"
        case .waterTreated: return "Renat vatten och avlopp"
        case .wasteRecycled: return "Återvunnet avfall"
        }
    }

    /// The English label.
    public var englishName: String {
        switch self {
        case .ghgAvoided: return "GHG emissions avoided"
        case .ghgReduced: return "GHG emissions reduced"
        case .energySaved: return "Energy saved"
        case .renewableGeneration: return "Renewable energy generated"
        case .renewableCapacity: return "Renewable capacity installed"
        case .certifiedFloorArea: return "Certified floor area"
        case .waterTreated: return "Water and wastewater treated"
        case .wasteRecycled: return "Waste recycled"
        }
    }

    /// The label in `language`.
    public func name(language: FormatLanguage) -> String {
        language == .sv ? swedishName : englishName
    }
}

/// Whether a metric value is the effect expected at approval or the effect measured.
public enum MetricBasis: String, CaseIterable, Sendable, Codable {
    /// Expected (ex ante), as approved or as estimated by the borrower.
    case expected
    /// Actual (ex post), as measured for the year.
    case actual

    /// The Swedish label: "förväntat" or "utfall".
    public var swedishName: String { self == .expected ? "förväntat" : "utfall" }

    /// The label in `language`: "förväntat"/"utfall" or "expected"/"actual".
    public func name(language: FormatLanguage) -> String {
        language == .sv ? swedishName : rawValue
    }
}

/// One recorded metric of a project for a year: a row of `import metrics`.
///
/// ```swift
/// let m = try MetricRecord.parse(projectNumber: "5002", year: "2024", metric: "energy_saved_mwh",
///                                basis: "actual", value: "41 250,5")
/// m.value.canonical   // "41250.5"
/// ```
public struct MetricRecord: Sendable, Hashable {
    /// The columns `import metrics` requires, in `cli.md`'s order.
    public static let requiredColumns = ["project_number", "year", "metric", "basis", "value"]

    /// The project (a green project's number).
    public let projectNumber: Int64
    /// The year the effect is for.
    public let year: Int
    /// What is measured.
    public let metric: ImpactMetric
    /// Expected or actual.
    public let basis: MetricBasis
    /// The annual value in `metric.unit`, exact; never negative.
    public let value: Quantity

    /// A record from checked values (`value` is not checked here; `parse` refuses negatives).
    public init(projectNumber: Int64, year: Int, metric: ImpactMetric, basis: MetricBasis, value: Quantity) {
        self.projectNumber = projectNumber
        self.year = year
        self.metric = metric
        self.basis = basis
        self.value = value
    }

    /// Reads one row of `import metrics`.
    ///
    /// - `project_number`: a whole number ≥ 1; `year`: 1900–2200 (the schema's range);
    ///   `metric` and `basis`: the exact tokens; `value`: an exact decimal (comma or point,
    ///   digit groups, at most seven decimals), not negative, no per-cent sign.
    ///
    /// - Throws: `ColumnError` naming the first column that is wrong.
    public static func parse(projectNumber: String, year: String, metric: String, basis: String,
                             value: String) throws(ColumnError) -> MetricRecord {
        let number = try ColumnRules.integer(projectNumber, in: 1 ... Int64.max, column: "project_number", what: "a project number")
        let parsedYear = try ColumnRules.integer(year, in: 1900 ... 2200, column: "year", what: "a year")
        let parsedMetric = try ColumnRules.token(metric, ImpactMetric.self, column: "metric")
        let parsedBasis = try ColumnRules.token(basis, MetricBasis.self, column: "basis")
        let parsedValue = try ColumnRules.nonNegativeQuantity(value, column: "value")
        return MetricRecord(projectNumber: number, year: Int(parsedYear), metric: parsedMetric,
                            basis: parsedBasis, value: parsedValue)
    }
}
