/// The closed vocabularies of the ledger, spelled as in the import files and the schema.
///
/// Each raw value is exactly the token of `cli.md`; parsing is exact (case-sensitive,
/// no trimming), so a file that says `Green` is refused rather than guessed.

/// An amount of money in öre (1 krona = 100 öre). Never a floating-point number.
public typealias Ore = Int64

/// The lending programme of a loan or project.
public enum Programme: String, CaseIterable, Sendable, Codable {
    case green, social, other
}

/// What a ledger entry does to a loan's balance.
public enum EntryKind: String, CaseIterable, Sendable, Codable {
    case disbursement, repayment, reversal
}

/// Which way an indicator improves.
public enum Direction: String, CaseIterable, Sendable, Codable {
    case higher, lower, none
}

/// A project's state after the committee's decision.
public enum ProjectStatus: String, CaseIterable, Sendable, Codable {
    case approved, rejected, withdrawn, completed
}
