/// Why `hallbar show` or `list` found nothing to show (exit 65): the record named does
/// not exist, or not yet on the date asked.
public enum LookupError: Error, Sendable, Hashable, CustomStringConvertible {
    case noLoan(String)
    case noProject(Int64)
    /// The project exists but was decided after the date asked.
    case projectNotYetDecided(Int64, decided: String, asOf: String)
    case noBatch(Int64)
    case noEntry(String)
    /// `list bonds` in a ledger without a bonds table: nothing to list.
    case noBondsTable
    /// `list bonds` in a ledger whose schema has a bonds table this hallbar does not read.
    case bondsNotListed

    /// One line saying what was not found and how to find it.
    public var description: String {
        switch self {
        case .noLoan(let number):
            return "no loan \(number) in the ledger (hallbar list loans shows the loans)"
        case .noProject(let number):
            return "no project \(number) in the ledger (hallbar list projects shows the projects)"
        case let .projectNotYetDecided(number, decided, asOf):
            return "project \(number) was decided on \(decided), after \(asOf): it did not exist as of \(asOf)"
        case .noBatch(let id):
            return "no import batch \(id) in the ledger (hallbar list batches shows the batches)"
        case .noEntry(let id):
            return "no ledger entry with external id \(id) (hallbar list entries --loan N shows a loan's entries)"
        case .noBondsTable:
            return "nothing to list: this ledger has no bonds (bonds are recorded by 'import bonds', which this hallbar does not have yet)"
        case .bondsNotListed:
            return "this ledger has a bonds table that this hallbar cannot list yet: use a newer hallbar, or 'hallbar query'"
        }
    }
}
