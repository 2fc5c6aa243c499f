/// The 12 months up to an as-of date: disbursements inside are new financing, earlier
/// ones refinancing (domain.md, "Allocation on D"; the Nordic issuers' principle #11).
///
/// The window is `firstDay … asOf`, both included, where `firstDay` is the day after the
/// same date one year earlier. For 2024-12-31 that is 2024-01-01 … 2024-12-31, so a year-end
/// report's new financing is the calendar year's. A 29 February goes back to 28 February
/// (2024-02-29 → window from 2023-03-01), the same rule as adding months in a calendar.
///
/// ```swift
/// let w = NewFinancingWindow(asOf: Day(year: 2024, month: 12, day: 31)!)
/// w.firstDay            // 2024-01-01
/// w.contains(Day(year: 2023, month: 12, day: 31)!)   // false: refinancing
/// ```
public struct NewFinancingWindow: Sendable, Hashable {
    /// The as-of date, the window's last day.
    public let asOf: Day
    /// The window's first day (what a query compares value dates with: `>= firstDay`).
    public let firstDay: Day

    /// The window ending on `asOf`.
    public init(asOf: Day) {
        self.asOf = asOf
        let year = asOf.year - 1
        if year < 1 {
            firstDay = Day(year: 1, month: 1, day: 1)!
        } else {
            let day = min(asOf.day, Day.daysIn(month: asOf.month, year: year))
            // A day that exists (clamped to the month's length) in a year ≥ 1.
            let yearEarlier = Day(year: year, month: asOf.month, day: day)!
            firstDay = yearEarlier.next ?? yearEarlier
        }
    }

    /// Whether `day` is inside the window.
    public func contains(_ day: Day) -> Bool { firstDay <= day && day <= asOf }
}

extension Day {
    /// The following day, or `nil` after 9999-12-31.
    var next: Day? {
        if day < Day.daysIn(month: month, year: year) { return Day(year: year, month: month, day: day + 1) }
        if month < 12 { return Day(year: year, month: month + 1, day: 1) }
        return Day(year: year + 1, month: 1, day: 1)
    }
}

/// A disbursement or a repayment on a loan, net of reversals (a reversed entry and its
/// reversal are both left out by the caller).
public struct LoanMovement: Sendable, Hashable {
    /// Money out to the borrower or back from them.
    public enum Kind: Sendable, Hashable {
        /// Paid out to the borrower.
        case disbursement
        /// Paid back by the borrower.
        case repayment
    }

    /// The value date.
    public let day: Day
    /// What the movement does.
    public let kind: Kind
    /// The amount, öre, positive.
    public let amount: Ore

    /// A movement of `amount` öre on `day`.
    public init(day: Day, kind: Kind, amount: Ore) {
        self.day = day
        self.kind = kind
        self.amount = amount
    }
}

/// A loan's figures on an as-of date for the allocation: outstanding, and what was disbursed
/// inside and before the 12-month window.
public struct LoanPosition: Sendable, Hashable {
    /// Disbursements − repayments with value date ≤ D, öre.
    public let outstanding: Ore
    /// Disbursed in the 12 months up to D (`NewFinancingWindow`), öre.
    public let newFinancing: Ore
    /// Disbursed before the window, öre.
    public let refinancing: Ore

    /// A position from sums a query computed (the store sums with the window's `firstDay`).
    public init(outstanding: Ore, newFinancing: Ore, refinancing: Ore) {
        self.outstanding = outstanding
        self.newFinancing = newFinancing
        self.refinancing = refinancing
    }

    /// Everything disbursed up to D: new financing + refinancing (`nil` on overflow).
    public var disbursed: Ore? {
        let (sum, overflow) = newFinancing.addingReportingOverflow(refinancing)
        return overflow ? nil : sum
    }

    /// The position on `asOf` from a loan's movements (any order; those after `asOf` are
    /// ignored).
    ///
    /// - Throws: `AllocationError.overflow` when a sum does not fit in 64 bits.
    public static func on(_ asOf: Day, movements: some Sequence<LoanMovement>) throws(AllocationError) -> LoanPosition {
        let window = NewFinancingWindow(asOf: asOf)
        var outstanding: Ore = 0, new: Ore = 0, before: Ore = 0
        for movement in movements where movement.day <= asOf {
            switch movement.kind {
            case .disbursement:
                outstanding = try Sum.add(outstanding, movement.amount)
                if window.contains(movement.day) { new = try Sum.add(new, movement.amount) } else {
                    before = try Sum.add(before, movement.amount)
                }
            case .repayment:
                outstanding = try Sum.subtract(outstanding, movement.amount)
            }
        }
        return LoanPosition(outstanding: outstanding, newFinancing: new, refinancing: before)
    }
}

/// Overflow-checked sums of öre for the allocation and impact figures.
enum Sum {
    /// `a + b`, or `AllocationError.overflow`.
    static func add(_ a: Int64, _ b: Int64) throws(AllocationError) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        guard !overflow else { throw .overflow }
        return sum
    }

    /// `a − b`, or `AllocationError.overflow`.
    static func subtract(_ a: Int64, _ b: Int64) throws(AllocationError) -> Int64 {
        let (difference, overflow) = a.subtractingReportingOverflow(b)
        guard !overflow else { throw .overflow }
        return difference
    }
}
