import Ledger

/// A project under follow-up, as its page shows it (Bild 12-17).
public struct FollowUpProject: Sendable, Hashable {
    /// The project number (`#1`).
    public let number: Int64
    /// The title.
    public let title: String
    /// The stored category (one of the three social categories).
    public let category: String
    /// The borrower's name.
    public let borrower: String
    /// The member that owns the borrower.
    public let member: String
    /// The decision date.
    public let decisionDate: String
    /// approved, completed.
    public let status: String
    /// Fysisk investering, if recorded.
    public let physicalInvestment: String?
    /// Social insats, if recorded.
    public let socialIntervention: String?
    /// Sociala mål, one per item (stored separated by "; ").
    public let socialGoals: [String]
    /// Approved, disbursed and outstanding at `FollowUpReport.volumesAsOf`.
    public let volumes: ProjectVolumes
    /// The project's indicators in the order recorded.
    public let indicators: [FollowUpIndicator]
    /// The class of the member's housing market (SOU 2015:58) in the latest market year
    /// up to the report year, where there is one; reports mark very weak markets.
    public let housingMarket: HousingMarketMark?
}

/// A project's housing-market context: the member's municipality's class in a year.
public struct HousingMarketMark: Sendable, Hashable {
    /// The market year whose reading and bounds were used.
    public let year: Int
    /// The class under that year's base bounds.
    public let marketClass: MarketClass
    /// True for a very weak market, which the follow-up report marks.
    public var isVeryWeak: Bool { marketClass == .veryWeak }
}

/// One indicator's line in the follow-up: what is stored, what the rule gives now, and
/// what the committee froze when it approved the year (if it did).
public struct FollowUpIndicator: Sendable, Hashable {
    /// The indicator id.
    public let id: String
    /// Sub-area (Alby, Fittja), if any.
    public let area: String?
    /// The goal ("Ökad trivsel").
    public let goal: String
    /// The indicator text.
    public let name: String
    /// The unit, if any.
    public let unit: String?
    /// Which way is better.
    public let direction: Direction
    /// The parsed target.
    public let target: Target
    /// The target as written for display ("90 (2025)"); the canonical target when none was written.
    public let targetText: String
    /// The year the target should be met by, if any.
    public let targetYear: Int?
    /// Baseline and the readings up to the report year (later ones are not shown).
    public let history: IndicatorHistory
    /// The value of the target's reference series for the year, if the target is a `ref` target and the value exists.
    public let referenceValue: Quantity?
    /// The rule applied to the current data.
    public let current: IndicatorFollowUp
    /// The committee's decision in force for the year, if any.
    public let decision: IndicatorDecision?
    /// The record frozen by the latest approval of the year, if any.
    public let frozen: FrozenIndicatorStatus?
    /// True when the year has an approval (with or without a record for this indicator).
    public let yearIsApproved: Bool

    /// True when the year is approved but this indicator was not part of the approval (it
    /// was added afterwards): the report shows its current status and says so.
    public var addedSinceApproval: Bool { yearIsApproved && frozen == nil }

    /// The status the report shows: the frozen one when the year is approved, else the current one.
    public var reportedStatus: FollowUpStatus { frozen?.status ?? current.status }

    /// The record the current data would freeze now (what `approve` stores).
    public var currentRecord: FrozenIndicatorStatus {
        FrozenIndicatorStatus(
            baseline: history.baseline?.description, previous: current.values.previous?.description,
            value: current.values.value?.description, targetText: targetText, status: current.status,
            targetYearPassedUnmet: current.targetYearPassedUnmet,
            metByDecision: current.assessment.notes.contains(.metByDecision))
    }

    /// True when the year is approved and the current data gives a different record
    /// (another status, value, previous value, baseline, target or flag).
    /// An indicator added after the approval counts as changed.
    public var changedSinceApproval: Bool {
        guard let frozen else { return addedSinceApproval }
        return frozen != currentRecord
    }
}

/// What an approval froze for one indicator, as texts in canonical form ("86.5", "97-98 %").
public struct FrozenIndicatorStatus: Sendable, Hashable {
    /// The baseline, if any.
    public let baseline: String?
    /// The previous value (the latest earlier reading or the baseline), if any.
    public let previous: String?
    /// The year's value, if reported.
    public let value: String?
    /// The target as written.
    public let targetText: String?
    /// The status.
    public let status: FollowUpStatus
    /// Whether the target year had passed unmet.
    public let targetYearPassedUnmet: Bool
    /// Whether the status came from the committee's decision that the target is met.
    public let metByDecision: Bool

    /// A record.
    public init(baseline: String?, previous: String?, value: String?, targetText: String?, status: FollowUpStatus,
                targetYearPassedUnmet: Bool, metByDecision: Bool = false) {
        self.baseline = baseline
        self.previous = previous
        self.value = value
        self.targetText = targetText
        self.status = status
        self.targetYearPassedUnmet = targetYearPassedUnmet
        self.metByDecision = metByDecision
    }
}

/// The committee's approval of a year's follow-up, as recorded.
public struct FollowUpApproval: Sendable, Hashable {
    /// The approval's row id.
    public let id: Int64
    /// The year approved.
    public let year: Int
    /// 1 for the first approval of the year, then 2, 3 … for corrections.
    public let revision: Int
    /// The committee's decision date.
    public let approvedOn: String
    /// Who recorded it.
    public let recordedBy: String
    /// When it was recorded (UTC).
    public let recordedAt: String
    /// The version of the follow-up rule that computed the statuses.
    public let ruleVersion: String
    /// The ledger head hash before the approval was recorded.
    public let ledgerHeadHash: String
    /// A note, if any.
    public let note: String?
}

/// The annual follow-up of one year: every project under follow-up with its indicators.
public struct FollowUpReport: Sendable, Hashable {
    /// The year followed up.
    public let year: Int
    /// The date of the projects' approved / disbursed figures.
    public let volumesAsOf: Day
    /// Projects grouped by category (Bild 6 order), by number within a category.
    public let projects: [FollowUpProject]
    /// The latest approval of the year, if any (its statuses are in each indicator's `frozen`).
    public let approval: FollowUpApproval?

    /// The overview (Bild 11): per category, each project's status counts, using the reported statuses.
    public var overview: FollowUpOverview<Int64> {
        FollowUpOverview(projects.flatMap { project in
            project.indicators.map { .init(category: project.category, project: project.number, status: $0.reportedStatus) }
        })
    }

    /// Every indicator whose current record differs from the approved one.
    public var changedSinceApproval: [FollowUpIndicator] {
        projects.flatMap(\.indicators).filter(\.changedSinceApproval)
    }
}
