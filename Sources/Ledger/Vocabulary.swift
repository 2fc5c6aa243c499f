/// The closed vocabularies of the ledger, spelled as in the import files and the schema.
///
/// Each raw value is exactly the token of `cli.md`, and that token is what is stored.
/// Files may also say it the way people write it in a spreadsheet (`SpokenToken`): in any
/// letter case, with spaces around, or with the Swedish label ("grön", "utbetalning",
/// "beviljad", "högre"). Anything else is refused rather than guessed.

/// An amount of money in öre (1 krona = 100 öre). Never a floating-point number.
public typealias Ore = Int64

/// A closed vocabulary that also accepts the words people use for its tokens.
///
/// `parse(spoken:)` matches the token or one of its labels after `SpokenText.normalized`
/// (surrounding white space removed, runs of white space as one space, lower case), so
/// "Disbursement", " UTBETALNING " and "utbetalning" all give `.disbursement`.
public protocol SpokenToken: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == String {
    /// The words accepted besides the token, per value (lower case).
    static var labels: [Self: [String]] { get }
}

extension SpokenToken {
    /// The value `text` names, or nil.
    public static func parse(spoken text: String) -> Self? {
        if let exact = Self(rawValue: text) { return exact }
        let key = SpokenText.normalized(text)
        for value in allCases {
            if value.rawValue == key || (labels[value] ?? []).contains(key) { return value }
        }
        return nil
    }

    /// "green (grön)": the token and its first label, for error messages.
    public var spokenChoice: String {
        guard let label = Self.labels[self]?.first else { return rawValue }
        return "\(rawValue) (\(label))"
    }
}

/// How a word from a spreadsheet is compared with a vocabulary.
public enum SpokenText {
    /// `text` without surrounding white space (spaces, tabs, NBSP), with every run of white
    /// space inside as one space, in lower case: " Förnybar  Energi " → "förnybar energi".
    public static func normalized(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// A yes/no value as spreadsheets write it: `true`/`false`, `ja`/`nej`, `sant`/`falskt`
    /// (Swedish Excel's TRUE/FALSE), `yes`/`no`, `1`/`0`, in any letter case; nil otherwise.
    public static func boolean(_ text: String) -> Bool? {
        switch normalized(text) {
        case "true", "ja", "sant", "yes", "1": return true
        case "false", "nej", "falskt", "no", "0": return false
        default: return nil
        }
    }
}

/// The lending programme of a loan or project.
public enum Programme: String, CaseIterable, Sendable, Codable, SpokenToken {
    case green, social, other

    public static let labels: [Programme: [String]] = [
        .green: ["grön", "gröna", "grönt", "gröna lån", "grönt lån"],
        .social: ["sociala", "socialt", "sociala lån", "socialt lån", "lån för social hållbarhet"],
        .other: ["övrig", "övriga", "övrigt", "övrig utlåning", "standard"],
    ]
}

/// What a ledger entry does to a loan's balance.
public enum EntryKind: String, CaseIterable, Sendable, Codable, SpokenToken {
    case disbursement, repayment, reversal

    public static let labels: [EntryKind: [String]] = [
        .disbursement: ["utbetalning"],
        .repayment: ["amortering", "återbetalning"],
        .reversal: ["återföring"],
    ]
}

/// Which way an indicator improves.
public enum Direction: String, CaseIterable, Sendable, Codable, SpokenToken {
    case higher, lower, none

    public static let labels: [Direction: [String]] = [
        .higher: ["högre"], .lower: ["lägre"], .none: ["ingen"],
    ]
}

/// A project's state after the committee's decision.
public enum ProjectStatus: String, CaseIterable, Sendable, Codable, SpokenToken {
    case approved, rejected, withdrawn, completed

    public static let labels: [ProjectStatus: [String]] = [
        .approved: ["beviljad", "beviljat", "godkänd", "godkänt"],
        .rejected: ["avslagen", "avslaget", "avslag"],
        .withdrawn: ["återkallad", "återkallat", "återtagen"],
        .completed: ["avslutad", "avslutat", "slutförd"],
    ]
}

/// A project's category as stored: one of the three social categories (their Swedish
/// names) for a social project, a `GreenCategory` token for a green one.
public enum ProjectCategory {
    /// The stored category `text` names for a project of `programme`, or nil.
    public static func parse(_ text: String, programme: Programme) -> String? {
        switch programme {
        case .social: return SocialCategory.parse(spoken: text)?.rawValue
        case .green: return GreenCategory.parse(spoken: text)?.rawValue
        case .other: return nil
        }
    }
}
