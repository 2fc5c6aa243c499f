/// The follow-up rule of domain.md ("Follow-up status of an indicator"): a pure function
/// from an indicator's values and target to a status.
/// The committee's judgement of an indicator for a year (`hallbar decide`).
public enum CommitteeDecision: String, Sendable, Hashable, Codable {
    /// The target is met, by decision.
    case met
    /// The target is not met, by decision.
    case notMet = "not_met"
}

public enum FollowUpRule {
    /// The status of indicator I in year Y. Applies the first rule that matches:
    ///
    /// 1. no reading for Y (`value == nil`) → `.notReported`
    /// 2. the target is met by v → `.targetMet`
    /// 3. direction none: v equal to p → `.noChange`, else `.notAssessed`
    /// 4. v worse than b → `.worseThanBaseline`
    /// 5. v worse than p → `.negativeTrend`
    /// 6. v better than p → `.positiveTrend`
    /// 7. otherwise → `.noChange`
    ///
    /// - v is `value`, judged by its number or a range's midpoint; p is `previous`, or
    ///   `baseline` when `previous` is nil (no reading before Y); b is `baseline`.
    /// - Two values within `tolerance` are equal, everywhere: in comparisons with p and b
    ///   and with target bounds (`>= 90` with tolerance 0,5 is met by 89,5; `> 90` needs
    ///   more than 90,5). A negative tolerance counts as 0.
    /// - Rule 2: comparisons and ranges (inclusive) against v; `ref` targets against
    ///   `referenceValue`, the reference series' value for Y — when it is nil the target
    ///   is not met and the note `.referenceMissing` says so; `increasing`, `decreasing`
    ///   and `text:` targets are never met by a value.
    /// - `decision`: the committee's judgement for the year (`decide --met | --not-met`).
    ///   Met gives `.targetMet` with the note `.metByDecision`, whatever the value (also
    ///   without a reading: the committee judged the year). Not met takes rule 2 away: the
    ///   other rules judge the value, with the note `.notMetByDecision`.
    /// - A text reading (without a decision met) is `.notAssessed`.
    /// - A direction target gives the direction when the indicator's is `.none`
    ///   (`increasing` → higher); when they contradict, the indicator's direction is used.
    /// - A baseline that is missing or text skips rule 4; a missing or text p makes rules
    ///   5-7 impossible and the status `.notAssessed` (each with a note). Never traps.
    public static func status(
        direction: Direction,
        tolerance: Quantity = .zero,
        baseline: ReadingValue?,
        previous: ReadingValue?,
        value: ReadingValue?,
        target: Target,
        referenceValue: Quantity? = nil,
        decision: CommitteeDecision? = nil
    ) -> FollowUpAssessment {
        // The committee's decision that the target is met comes first.
        if decision == .met { return FollowUpAssessment(.targetMet, notes: [.metByDecision]) }
        let decided: [FollowUpNote] = decision == .notMet ? [.notMetByDecision] : []
        // Rule 1.
        guard let value else { return FollowUpAssessment(.notReported, notes: decided) }
        var notes = decided

        // Text readings: judged only by decision.
        guard let v = value.judgedValue else {
            return FollowUpAssessment(.notAssessed, notes: decided.isEmpty ? [.textReading] : decided)
        }

        // Rule 2 (not when the committee decided the target is not met).
        let compare = { (a: Quantity, b: Quantity) in order(a, b, tolerance: tolerance) }
        if decision == nil {
            switch isMet(target, by: v, referenceValue: referenceValue, compare: compare) {
            case .met: return FollowUpAssessment(.targetMet, notes: notes)
            case .referenceMissing(let name): notes.append(.referenceMissing(name: name))
            case .notMet: break
            }
        }

        // The direction that decides "better" and "worse".
        var effective = direction
        if let implied = target.impliedDirection {
            if direction == .none {
                effective = implied
                notes.append(.directionFromTarget(implied))
            } else if direction != implied {
                notes.append(.directionContradictsTarget)
            }
        }

        let p = (previous ?? baseline)?.judgedValue

        // Rule 3.
        if effective == .none {
            if let p, compare(v, p) == .equal { return FollowUpAssessment(.noChange, notes: notes) }
            if p == nil { notes.append(.previousNotComparable) }
            return FollowUpAssessment(.notAssessed, notes: notes)
        }

        func worse(_ a: Quantity, than b: Quantity) -> Bool {
            let o = compare(a, b)
            return effective == .higher ? o == .less : o == .greater
        }

        // Rule 4.
        if let b = baseline?.judgedValue {
            if worse(v, than: b) { return FollowUpAssessment(.worseThanBaseline, notes: notes) }
        } else {
            notes.append(.baselineNotComparable)
        }

        // Rules 5-7.
        guard let p else {
            notes.append(.previousNotComparable)
            return FollowUpAssessment(.notAssessed, notes: notes)
        }
        if worse(v, than: p) { return FollowUpAssessment(.negativeTrend, notes: notes) }
        if worse(p, than: v) { return FollowUpAssessment(.positiveTrend, notes: notes) }
        return FollowUpAssessment(.noChange, notes: notes)
    }

    /// Whether a report should flag the target as missed: the report year has reached the
    /// target year (`reportYear >= targetYear`) and the status is not `.targetMet`.
    ///
    /// `.notReported` at or after the target year is flagged too (nothing shows it was met).
    /// Direction targets (`increasing`, `decreasing`) have no state of being met and are
    /// never flagged; neither is an indicator without a target year.
    public static func targetYearPassedUnmet(reportYear: Int, targetYear: Int?, target: Target, status: FollowUpStatus) -> Bool {
        guard let targetYear, target.impliedDirection == nil else { return false }
        return reportYear >= targetYear && status != .targetMet
    }

    enum Order { case less, equal, greater }

    enum TargetCheck: Equatable { case met, notMet, referenceMissing(String) }

    /// Order of two values where a difference within the tolerance counts as equal.
    static func order(_ a: Quantity, _ b: Quantity, tolerance: Quantity) -> Order {
        if a.isWithin(tolerance, of: b) { return .equal }
        return a < b ? .less : .greater
    }

    static func isMet(_ target: Target, by v: Quantity, referenceValue: Quantity?, compare: (Quantity, Quantity) -> Order) -> TargetCheck {
        let met: Bool
        switch target {
        case .atLeast(let x): met = compare(v, x) != .less
        case .above(let x): met = compare(v, x) == .greater
        case .atMost(let x): met = compare(v, x) != .greater
        case .below(let x): met = compare(v, x) == .less
        case .equal(let x): met = compare(v, x) == .equal
        case .range(let low, let high): met = compare(v, low) != .less && compare(v, high) != .greater
        case .referenceAtLeast(let name):
            guard let r = referenceValue else { return .referenceMissing(name) }
            met = compare(v, r) != .less
        case .referenceAbove(let name):
            guard let r = referenceValue else { return .referenceMissing(name) }
            met = compare(v, r) == .greater
        case .increasing, .decreasing, .text: met = false
        }
        return met ? .met : .notMet
    }
}
