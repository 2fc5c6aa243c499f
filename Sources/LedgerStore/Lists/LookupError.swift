/// Why `hallbar show`, `list` or `balance` found nothing to show (exit 65): the record
/// named (by its key, or by a filter such as `--project 77`) does not exist, or not yet on
/// the date asked.
public enum LookupError: Error, Sendable, Hashable, CustomStringConvertible {
    case noMember(String)
    case noBorrower(String)
    case noLoan(String)
    case noProject(Int64)
    /// The project exists but was decided after the date asked.
    case projectNotYetDecided(Int64, decided: String, asOf: String)
    case noBatch(Int64)
    case noEntry(String)

    /// One line saying what was not found and how to find it.
    public var description: String {
        switch self {
        case .noMember(let orgNo):
            return "no member \(orgNo) in the ledger (hallbar list members shows the members)"
        case .noBorrower(let orgNo):
            return "no borrower \(orgNo) in the ledger (hallbar list borrowers shows the borrowers)"
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
        }
    }
}
