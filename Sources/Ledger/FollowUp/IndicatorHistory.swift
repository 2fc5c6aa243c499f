/// An indicator's baseline and readings, from which the values for a year's follow-up are found.
///
/// ```swift
/// let history = IndicatorHistory(baseline: .number(79), baselineYear: 2020,
///                                readings: [2023: .number(76)])
/// let values = history.values(forYear: 2023)   // value 76, previous = baseline 79
/// ```
public struct IndicatorHistory: Sendable, Hashable {
    /// The baseline value (utgångsvärde), if recorded.
    public var baseline: ReadingValue?
    /// The year of the baseline (2022 for most indicators, 2020 for some).
    public var baselineYear: Int?
    /// Readings by year.
    public var readings: [Int: ReadingValue]

    /// A history.
    public init(baseline: ReadingValue?, baselineYear: Int?, readings: [Int: ReadingValue] = [:]) {
        self.baseline = baseline
        self.baselineYear = baselineYear
        self.readings = readings
    }

    /// v and p for year Y: v is the reading for Y; p is the latest reading with a year
    /// before Y, or the baseline when there is none.
    ///
    /// A reading older than the baseline year does not stand in for p: the baseline is
    /// the more recent value then (and is used instead).
    public func values(forYear year: Int) -> FollowUpValues {
        let earlier = readings.keys.filter { readingYear in
            readingYear < year && (baselineYear.map { readingYear >= $0 } ?? true)
        }
        if let previousYear = earlier.max(), let previous = readings[previousYear] {
            return FollowUpValues(value: readings[year], previous: previous, previousYear: previousYear, previousIsBaseline: false)
        }
        return FollowUpValues(value: readings[year], previous: baseline, previousYear: baseline == nil ? nil : baselineYear, previousIsBaseline: baseline != nil)
    }
}

/// The values the rule compares for one year.
public struct FollowUpValues: Sendable, Hashable {
    /// v: the reading for the year; `nil` when there is none.
    public let value: ReadingValue?
    /// p: the latest earlier reading, or the baseline; `nil` when neither exists.
    public let previous: ReadingValue?
    /// The year of p (the baseline year when p is the baseline).
    public let previousYear: Int?
    /// True when p is the baseline (no earlier reading).
    public let previousIsBaseline: Bool

    /// Values for a year.
    public init(value: ReadingValue?, previous: ReadingValue?, previousYear: Int?, previousIsBaseline: Bool) {
        self.value = value
        self.previous = previous
        self.previousYear = previousYear
        self.previousIsBaseline = previousIsBaseline
    }
}

/// One indicator's follow-up for one year: the values shown, the status and its notes,
/// and whether the target year has passed unmet.
public struct IndicatorFollowUp: Sendable, Hashable {
    /// The year followed up.
    public let year: Int
    /// v and p.
    public let values: FollowUpValues
    /// The status and notes.
    public let assessment: FollowUpAssessment
    /// See `FollowUpRule.targetYearPassedUnmet`.
    public let targetYearPassedUnmet: Bool

    /// The status.
    public var status: FollowUpStatus { assessment.status }
}

extension FollowUpRule {
    /// The whole follow-up of one indicator for `year`: finds v and p in `history`
    /// (`IndicatorHistory.values(forYear:)`), applies `status(...)`, and flags a target
    /// year passed unmet (`targetYearPassedUnmet`).
    ///
    /// `referenceValue` is the value of the target's reference series for `year`, if any.
    public static func assess(
        history: IndicatorHistory,
        year: Int,
        direction: Direction,
        tolerance: Quantity = .zero,
        target: Target,
        targetYear: Int?,
        referenceValue: Quantity? = nil,
        decision: CommitteeDecision? = nil
    ) -> IndicatorFollowUp {
        let values = history.values(forYear: year)
        let assessment = status(
            direction: direction, tolerance: tolerance, baseline: history.baseline,
            previous: values.previous, value: values.value, target: target,
            referenceValue: referenceValue, decision: decision)
        return IndicatorFollowUp(
            year: year, values: values, assessment: assessment,
            targetYearPassedUnmet: targetYearPassedUnmet(
                reportYear: year, targetYear: targetYear, target: target, status: assessment.status))
    }
}
