/// A line of the shares table (Bild 2). Raw values are the stems of cli.md's JSON keys
/// (`green` → `green_ore`).
public enum ShareLine: String, CaseIterable, Sendable, Codable {
    /// Green loans, outstanding (including those not eligible for green bonds).
    case green
    /// Social loans, outstanding.
    case social
    /// Green + social.
    case sustainable
    /// All other lending.
    case other
    /// Sustainable + other.
    case total
    /// Green loans available for green bond issuance.
    case greenBondEligible = "green_bond_eligible"

    /// The JSON key of the amount: "green_ore", …, "green_bond_eligible_ore".
    public var jsonKey: String { rawValue + "_ore" }

    /// The Swedish label as the presentation prints it ("Gröna lån, utbetalt").
    public var swedishLabel: String {
        switch self {
        case .green: return "Gröna lån, utbetalt"
        case .social: return "Sociala lån, utbetalt"
        case .sustainable: return "Totalt hållbara lån"
        case .other: return "Övrig utlåning"
        case .total: return "Total utlåning"
        case .greenBondEligible: return "Gröna lån tillgängliga för gröna obligationer"
        }
    }

    /// The English label.
    public var englishLabel: String {
        switch self {
        case .green: return "Green loans, disbursed"
        case .social: return "Social loans, disbursed"
        case .sustainable: return "Total sustainable loans"
        case .other: return "Other lending"
        case .total: return "Total lending"
        case .greenBondEligible: return "Green loans eligible for green bonds"
        }
    }

    /// The label in `language`.
    public func label(language: FormatLanguage) -> String {
        language == .sv ? swedishLabel : englishLabel
    }
}

/// The shares table at one date: outstanding amounts per line and the two shares.
///
/// ```swift
/// let t = try ShareTable(green: 9_160_000_000_000, social: 460_000_000_000,
///                        other: 44_820_000_000_000, greenBondEligible: 9_000_000_000_000)
/// MoneyFormat.billions(t.total)                      // "544,4 mdkr" (54_440_000_000_000 öre)
/// t.greenShare?.percentString()                       // "16,8 %"
/// ```
public struct ShareTable: Sendable, Hashable {
    /// Outstanding on green loans, öre.
    public let green: Ore
    /// Outstanding on social loans, öre.
    public let social: Ore
    /// Outstanding on other lending, öre.
    public let other: Ore
    /// Outstanding on green loans available for green bond issuance, öre.
    public let greenBondEligible: Ore
    /// green + social, öre.
    public let sustainable: Ore
    /// sustainable + other, öre.
    public let total: Ore

    /// A table from outstanding amounts.
    /// - Throws: `SharesError.overflow` when a sum does not fit in 64 bits.
    public init(green: Ore, social: Ore, other: Ore, greenBondEligible: Ore) throws(SharesError) {
        let (sustainable, o1) = green.addingReportingOverflow(social)
        let (total, o2) = sustainable.addingReportingOverflow(other)
        guard !o1, !o2 else { throw .overflow }
        self.green = green
        self.social = social
        self.other = other
        self.greenBondEligible = greenBondEligible
        self.sustainable = sustainable
        self.total = total
    }

    /// A table from outstanding öre per programme (a missing programme counts as 0).
    /// - Throws: `SharesError.overflow` when a sum does not fit in 64 bits.
    public init(outstanding: [Programme: Ore], greenBondEligible: Ore) throws(SharesError) {
        try self.init(green: outstanding[.green] ?? 0, social: outstanding[.social] ?? 0,
                      other: outstanding[.other] ?? 0, greenBondEligible: greenBondEligible)
    }

    /// green ÷ total, or `nil` when total is 0.
    public var greenShare: Ratio? { Ratio(green, total) }

    /// sustainable ÷ total, or `nil` when total is 0.
    public var sustainableShare: Ratio? { Ratio(sustainable, total) }

    /// The amount of `line`, öre.
    public func amount(_ line: ShareLine) -> Ore {
        switch line {
        case .green: return green
        case .social: return social
        case .sustainable: return sustainable
        case .other: return other
        case .total: return total
        case .greenBondEligible: return greenBondEligible
        }
    }

    /// True when the eligible pool is within the green loans (0 ≤ eligible ≤ green), as it
    /// must be; a report should warn otherwise.
    public var isEligiblePoolConsistent: Bool { greenBondEligible >= 0 && greenBondEligible <= green }
}

/// Two share tables compared line by line ("change between two dates in per cent, per line").
public struct ShareComparison: Sendable, Hashable {
    /// The earlier table (the base of each change).
    public let base: ShareTable
    /// The later table.
    public let current: ShareTable

    /// `base` against `current`.
    public init(base: ShareTable, current: ShareTable) {
        self.base = base
        self.current = current
    }

    /// (current − base) ÷ base for `line` as an exact fraction, or `nil` when the base is 0.
    public func change(_ line: ShareLine) -> Ratio? {
        Ratio.change(from: base.amount(line), to: current.amount(line))
    }

    /// Every line's change, in table order.
    public var changes: [(line: ShareLine, change: Ratio?)] {
        ShareLine.allCases.map { ($0, change($0)) }
    }
}

/// Why a share table could not be computed.
public enum SharesError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A sum of outstanding amounts does not fit in 64 bits.
    case overflow

    /// One line saying what is wrong.
    public var description: String { "outstanding amounts too large to add up" }
}
