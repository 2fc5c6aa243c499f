/// The strength class of a municipality's housing market (SOU 2015:58, bilaga 2).
/// Raw values are the JSON/CSV tokens; cases are ordered from weakest to strongest.
public enum MarketClass: String, CaseIterable, Sendable, Codable, Comparable {
    case veryWeak = "very_weak"
    case weak = "weak"
    case strong = "strong"
    case veryStrong = "very_strong"

    /// The token used in JSON output and files: `very_weak`, `weak`, `strong`, `very_strong`.
    public var token: String { rawValue }

    /// The appendix's Swedish term: "mycket svag", "svag", "stark", "mycket stark".
    public var swedishLabel: String {
        switch self {
        case .veryWeak: return "mycket svag"
        case .weak: return "svag"
        case .strong: return "stark"
        case .veryStrong: return "mycket stark"
        }
    }

    /// English label: "very weak", "weak", "strong", "very strong".
    public var englishLabel: String {
        switch self {
        case .veryWeak: return "very weak"
        case .weak: return "weak"
        case .strong: return "strong"
        case .veryStrong: return "very strong"
        }
    }

    private var rank: Int {
        switch self {
        case .veryWeak: return 0
        case .weak: return 1
        case .strong: return 2
        case .veryStrong: return 3
        }
    }

    public static func < (lhs: MarketClass, rhs: MarketClass) -> Bool { lhs.rank < rhs.rank }
}

/// The class bounds of one year under one scenario, in whole kr/m², inclusive
/// upper bounds as printed in the appendix:
///
///     very weak    index ≤ veryWeakMax
///     weak         veryWeakMax < index ≤ weakMax
///     strong       weakMax < index ≤ strongMax
///     very strong  index > strongMax
///
/// The values are data (Seeds/market/class_bounds.csv), not constants in code.
public struct ClassBounds: Sendable, Hashable {
    /// The scenario of the appendix's main projection (table 14) and of 2012.
    public static let baseScenario = "base"
    /// The sensitivity analysis of table 23: bounds uprated with 1,4 % inflation per year.
    public static let inflation14Scenario = "inflation-1.4"

    public let year: Int
    public let scenario: String
    public let veryWeakMax: Int64
    public let weakMax: Int64
    public let strongMax: Int64

    /// Throws unless `0 <= veryWeakMax < weakMax < strongMax`, the year is in
    /// 1900...2100, and the scenario is a token of `a-z 0-9 . - _`.
    public init(year: Int, scenario: String, veryWeakMax: Int64, weakMax: Int64,
                strongMax: Int64) throws(MarketError) {
        guard (1900...2100).contains(year) else { throw .invalidYear(year) }
        guard !scenario.isEmpty, scenario.unicodeScalars.allSatisfy({ s in
            ("a"..."z").contains(s) || ("0"..."9").contains(s) || s == "." || s == "-" || s == "_"
        }) else { throw .invalidScenario(scenario) }
        guard veryWeakMax >= 0, veryWeakMax < weakMax, weakMax < strongMax, strongMax < Int64.max else {
            throw .boundsNotIncreasing(year: year, scenario: scenario)
        }
        self.year = year
        self.scenario = scenario
        self.veryWeakMax = veryWeakMax
        self.weakMax = weakMax
        self.strongMax = strongMax
    }

    /// The class of a whole-kr/m² index under these bounds.
    public func classify(_ index: Int64) -> MarketClass {
        if index <= veryWeakMax { return .veryWeak }
        if index <= weakMax { return .weak }
        if index <= strongMax { return .strong }
        return .veryStrong
    }

    /// The inclusive range of indexes in `marketClass`; nil ends are open
    /// (very weak has no lower bound, very strong no upper bound).
    public func range(of marketClass: MarketClass) -> (lower: Int64?, upper: Int64?) {
        switch marketClass {
        case .veryWeak: return (nil, veryWeakMax)
        case .weak: return (veryWeakMax + 1, weakMax)
        case .strong: return (weakMax + 1, strongMax)
        case .veryStrong: return (strongMax + 1, nil)
        }
    }

    /// The bounds for `year` and `scenario` among `candidates`, or nil if none.
    public static func find(year: Int, scenario: String = baseScenario,
                            in candidates: some Sequence<ClassBounds>) -> ClassBounds? {
        candidates.first { $0.year == year && $0.scenario == scenario }
    }
}

/// The class of a whole-kr/m² index under `bounds` (upper bounds inclusive).
/// A model result is rounded to whole kr/m² (`MarketModel.index`) before it is classified.
public func classify(index: Int64, bounds: ClassBounds) -> MarketClass {
    bounds.classify(index)
}
