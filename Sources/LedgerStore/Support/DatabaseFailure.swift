import SQLite

/// A database error as the command line reports it, without SQLite's types: what kind
/// of failure (for the exit code), SQLite's message, and the full description.
public struct DatabaseFailure: Sendable {
    /// The kinds the command line tells apart.
    public enum Kind: Sendable {
        case busy, io, corrupt, cannotOpen, constraint, readOnly
        /// An SQL `sum()` that left 64 bits ("integer overflow"): bad data, said as `SumOverflow`.
        case overflow
        case other
    }

    public let kind: Kind
    /// SQLite's message.
    public let message: String
    /// The error with its code (and the SQL, never bound values).
    public let detail: String

    /// The failure `error` is, or nil when it is not a database error.
    public init?(_ error: any Error) {
        guard let e = error as? SQLiteError else { return nil }
        message = e.message
        detail = e.description
        if e.isBusy { kind = .busy }
        else if e.isIOError { kind = .io }
        else if e.isCorrupt { kind = .corrupt }
        else if e.isCannotOpen { kind = .cannotOpen }
        else if e.isConstraint { kind = .constraint }
        else if e.isReadOnly { kind = .readOnly }
        else if e.isIntegerOverflow { kind = .overflow }
        else { kind = .other }
    }
}
