import Ledger

/// What `hallbar list KIND` lists, and which filters each kind takes.
public enum ListKind: String, CaseIterable, Sendable {
    case members, borrowers, projects, loans, entries, indicators, readings, batches, approvals, bonds

    /// The filters this kind takes; any other is a usage error that names these.
    public var filters: [ListFilter.Name] {
        switch self {
        case .members: return [.asOf, .member]
        case .borrowers: return [.asOf, .member, .borrower]
        case .projects: return [.asOf, .programme, .status, .member, .borrower, .project, .year, .from, .to]
        case .loans: return [.asOf, .programme, .member, .borrower, .project, .loan]
        case .entries: return [.asOf, .programme, .member, .borrower, .project, .loan, .year, .from, .to]
        case .indicators: return [.asOf, .member, .borrower, .project]
        case .readings: return [.asOf, .member, .borrower, .project, .year]
        case .batches: return [.year, .from, .to]
        case .approvals: return [.year]
        case .bonds: return [.asOf, .programme]
        }
    }

    /// True when the kind is listed as the ledger stood on a date (`--as-of`, default today).
    public var takesAsOf: Bool { filters.contains(.asOf) }
}

/// The filters of `hallbar list`: each narrows the rows; all given must hold.
///
/// `year`, `from` and `to` are about a date of the row: an entry's value date, a project's
/// decision date, a reading's year, a batch's recording date (UTC), an approval's year.
public struct ListFilter: Sendable, Hashable {
    /// A filter's option name.
    public enum Name: String, CaseIterable, Sendable {
        case asOf = "as-of", programme, status, member, borrower, project, loan, year, from, to
    }

    /// The date the ledger is read as of: revisions in force then, amounts with value date
    /// on or before it.
    public var asOf: Day
    public var programme: Programme?
    /// A project's status in its revision in force on `asOf`.
    public var status: ProjectStatus?
    /// A member's organisation number (`NNNNNN-NNNN`): rows of the borrowers it owns.
    public var member: String?
    /// A borrower's organisation number.
    public var borrower: String?
    public var project: Int64?
    public var loan: String?
    public var year: Int?
    public var from: Day?
    public var to: Day?

    /// A filter that keeps everything, as of `asOf`.
    public init(asOf: Day) { self.asOf = asOf }

    /// The first and last day the `year`, `from` and `to` filters leave, if any is given.
    var dateRange: (from: String?, to: String?) {
        var low = from?.description, high = to?.description
        if let year {
            let digits = String(year)
            let padded = String(repeating: "0", count: max(0, 4 - digits.count)) + digits
            let first = padded + "-01-01", last = padded + "-12-31"
            low = max(low ?? first, first)
            high = min(high ?? last, last)
        }
        return (low, high)
    }
}
