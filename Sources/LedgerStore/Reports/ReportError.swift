/// Why a report or an approval could not be made from the ledger's data.
public enum ReportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stored value that the domain cannot read (an indicator's target, a reading): the
    /// database was changed outside hallbar. Names the row and the problem.
    case unreadableStoredValue(what: String, detail: String)
    /// `followup approve` for a year without any indicator under follow-up.
    case nothingToApprove(year: Int)
    /// `report followup --project N` for a project that is not under follow-up.
    case projectNotUnderFollowUp(project: Int)

    /// One line saying what is wrong and where.
    public var description: String {
        switch self {
        case let .unreadableStoredValue(what, detail):
            return "\(what): \(detail) (the database was changed outside hallbar?)"
        case .nothingToApprove(let year):
            return "there is nothing to approve for \(year): no social project has indicators under follow-up"
        case .projectNotUnderFollowUp(let project):
            return "project \(project) is not under follow-up: it is not an approved social project with indicators"
        }
    }
}
