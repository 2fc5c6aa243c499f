/// A project's status over a stretch of days: one revision of a project as in force from
/// `from` until the day before `until` (`nil`: still in force).
public struct ProjectStatusPeriod: Sendable, Hashable {
    /// The status in force.
    public let status: ProjectStatus
    /// The first day (revision 1: the decision date).
    public let from: Day
    /// The first day of the next revision, `nil` for the one in force now.
    public let until: Day?

    /// A period.
    public init(status: ProjectStatus, from: Day, until: Day?) {
        self.status = status
        self.from = from
        self.until = until
    }

    /// Whether some day of `year` lies in the period.
    func overlaps(year: Int) -> Bool {
        guard let first = Day(year: year, month: 1, day: 1) else { return false }
        return from <= Day.endOfYear(year) && (until.map { $0 > first } ?? true)
    }
}

/// Why a project cannot have an impact metric for a year (`MetricYears.refusal`).
public enum MetricYearRefusal: Sendable, Equatable {
    /// The year ends before the project was decided.
    case beforeDecision(decided: Day)
    /// The project is rejected (as its revision in force now says): it never financed anything.
    case rejected
    /// The project was withdrawn on `withdrawn`, before the year began.
    case afterWithdrawal(withdrawn: Day)
    /// The project was not approved or completed on any day of the year (withdrawn from its
    /// decision on, say).
    case neverApproved(status: ProjectStatus)

    /// The column of `import metrics` the refusal concerns.
    public var column: String {
        switch self {
        case .rejected, .neverApproved: return "project_number"
        case .beforeDecision, .afterWithdrawal: return "year"
        }
    }

    /// What is wrong, for project `project` and `year`.
    public func message(project: Int64, year: Int) -> String {
        switch self {
        case let .beforeDecision(decided):
            return "\(year) is before project \(project) was decided (\(decided)): a project has impact metrics from the year "
                + "of its decision on"
        case .rejected:
            return "project \(project) is rejected: a rejected project finances nothing and has no impact metrics"
        case let .afterWithdrawal(withdrawn):
            return "project \(project) was withdrawn on \(withdrawn), before \(year) began: metrics are accepted for the years "
                + "it was approved or completed (up to \(withdrawn.year))"
        case let .neverApproved(status):
            return "project \(project) was \(status.rawValue) all through \(year), never approved or completed: it has no impact "
                + "metrics for that year"
        }
    }
}

/// The years a green project may have impact metrics for (docs/import.md, "metrics").
///
/// A metric describes what a financed project did in a year, so the project must have been
/// approved or completed on at least one day of that year, as its revisions say:
/// - a year before the year of the decision is refused;
/// - a rejected project (its revision in force now) has none at all;
/// - a withdrawn project keeps the years it was approved or completed (the effect happened,
///   and a report of those years may need it); the years that begin after the withdrawal's
///   effective date are refused;
/// - a completed project keeps its metrics for every later year (a finished building goes
///   on saving energy).
///
/// ```swift
/// let periods = [ProjectStatusPeriod(status: .approved, from: Day(year: 2022, month: 5, day: 10)!,
///                                    until: Day(year: 2023, month: 7, day: 1)!),
///                ProjectStatusPeriod(status: .withdrawn, from: Day(year: 2023, month: 7, day: 1)!, until: nil)]
/// MetricYears.refusal(year: 2023, periods: periods)   // nil: approved until 30 June 2023
/// MetricYears.refusal(year: 2024, periods: periods)   // .afterWithdrawal(2023-07-01)
/// MetricYears.refusal(year: 2021, periods: periods)   // .beforeDecision(2022-05-10)
/// ```
public enum MetricYears {
    /// Why the project whose revisions are `periods` (oldest first, the first starting on
    /// the decision date) cannot have a metric for `year`, or `nil` when it can.
    public static func refusal(year: Int, periods: [ProjectStatusPeriod]) -> MetricYearRefusal? {
        guard let first = periods.first, let current = periods.last else { return .neverApproved(status: .rejected) }
        if year < first.from.year { return .beforeDecision(decided: first.from) }
        if current.status == .rejected { return .rejected }
        if periods.contains(where: { ($0.status == .approved || $0.status == .completed) && $0.overlaps(year: year) }) { return nil }
        // The revision that ended the last approval before the year: a withdrawal.
        if let last = periods.lastIndex(where: { ($0.status == .approved || $0.status == .completed) && $0.from <= Day.endOfYear(year) }),
           last + 1 < periods.count, periods[last + 1].status == .withdrawn {
            return .afterWithdrawal(withdrawn: periods[last + 1].from)
        }
        return .neverApproved(status: (periods.last { $0.overlaps(year: year) } ?? current).status)
    }
}
