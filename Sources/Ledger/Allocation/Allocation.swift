/// A project as the allocation counts it: the revision in force on the as-of date.
public struct AllocationProject: Sendable, Hashable {
    /// The project number.
    public let number: Int64
    /// Green or social.
    public let programme: Programme
    /// The stored category (a `GreenCategory` raw value or a `SocialCategory` name).
    public let category: String
    /// The approved amount in force on D, öre.
    public let approved: Ore
    /// The status on D: only `approved` and `completed` projects are counted as projects
    /// and in the approved volume (a withdrawn project's loans still count as lending).
    public let status: ProjectStatus
    /// The committee's decision date: a project decided after D is not counted yet.
    public let decisionDate: Day

    /// A project's allocation facts.
    public init(number: Int64, programme: Programme, category: String, approved: Ore, status: ProjectStatus,
                decisionDate: Day) {
        self.number = number
        self.programme = programme
        self.category = category
        self.approved = approved
        self.status = status
        self.decisionDate = decisionDate
    }
}

/// A loan as the allocation counts it on D.
public struct AllocationLoan: Sendable, Hashable {
    /// The loan number (named in errors).
    public let loanNumber: String
    /// The loan's programme; `other` loans are not part of the allocation.
    public let programme: Programme
    /// The project it finances (required for green and social loans).
    public let projectNumber: Int64?
    /// Whether a green loan is available for green bond issuance on D (ignored for social loans:
    /// the social pool is all social lending).
    public let greenBondEligible: Bool
    /// Outstanding, new financing and refinancing on D.
    public let position: LoanPosition

    /// A loan's allocation facts.
    public init(loanNumber: String, programme: Programme, projectNumber: Int64?, greenBondEligible: Bool,
                position: LoanPosition) {
        self.loanNumber = loanNumber
        self.programme = programme
        self.projectNumber = projectNumber
        self.greenBondEligible = greenBondEligible
        self.position = position
    }
}

/// One category of a programme on D: the keys of `report allocation`'s `categories`.
public struct CategoryAllocation: Sendable, Hashable {
    /// The stored category.
    public let category: String
    /// Approved or completed projects of the programme in this category (`projects`).
    public let projects: Int
    /// Their approved amounts in force on D, öre (`approved_ore`).
    public let approved: Ore
    /// Disbursed up to D on the category's loans, öre (`disbursed_ore`).
    public let disbursed: Ore
    /// Outstanding on D on the category's loans, öre (`outstanding_ore`).
    public let outstanding: Ore
    /// outstanding ÷ the programme's outstanding (`share`), `nil` when that is 0.
    public let share: Ratio?
    /// Disbursed in the 12 months up to D, öre (`new_financing_ore`).
    public let newFinancing: Ore
    /// Disbursed before those 12 months, öre (`refinancing_ore`).
    public let refinancing: Ore
    /// The part of `outstanding` in the programme's eligible pool (for green: on loans
    /// available for green bonds; for social: all of it), öre.
    public let eligibleOutstanding: Ore
}

/// One programme on D: the keys of `report allocation`'s `programmes`.
public struct ProgrammeAllocation: Sendable, Hashable {
    /// Green or social (`programme`).
    public let programme: Programme
    /// Green: outstanding on green loans available for green bonds; social: outstanding on
    /// social loans (`eligible_pool_ore`).
    public let eligiblePool: Ore
    /// The programme's bonds outstanding on D, nominal SEK öre (`bonds_outstanding_ore`).
    public let bondsOutstanding: Ore
    /// eligiblePool − bondsOutstanding (`headroom_ore`); negative is over-allocation.
    public let headroom: Ore
    /// bondsOutstanding ÷ eligiblePool (`allocation_ratio`), `nil` when the pool is 0.
    public let allocationRatio: Ratio?
    /// True when the bonds exceed the pool (headroom < 0): the framework's promise broken.
    public let isOverAllocated: Bool
    /// Outstanding on all the programme's loans (green: eligible or not), öre: the base of
    /// the categories' `share`.
    public let outstanding: Ore
    /// The categories with a project or a loan, green categories in framework order, social
    /// ones in Bild 6 order.
    public let categories: [CategoryAllocation]
    /// The bonds outstanding on D, by ISIN.
    public let bonds: [Bond]
    /// Green only: environmental management's eligible outstanding ÷ the eligible pool
    /// (`environmental_management_share`); `nil` for social or an empty pool.
    public let environmentalManagementShare: Ratio?
    /// True when `environmentalManagementShare` is above `Allocation.environmentalManagementCap`
    /// (exactly 30 % is within the cap).
    public let isEnvironmentalManagementAboveCap: Bool
}

/// The allocation on one date: green and social, in that order.
public struct AllocationReport: Sendable, Hashable {
    /// The as-of date (`as_of`).
    public let asOf: Day
    /// The 12 months whose disbursements are new financing.
    public let window: NewFinancingWindow
    /// Green, then social (`programmes`).
    public let programmes: [ProgrammeAllocation]

    /// The figures of `programme` (green or social).
    public func programme(_ programme: Programme) -> ProgrammeAllocation? {
        programmes.first { $0.programme == programme }
    }
}

/// Why the allocation could not be computed: the ledger's data contradict each other.
public enum AllocationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A sum does not fit in 64 bits.
    case overflow
    /// A green or social loan names no project.
    case loanWithoutProject(loan: String)
    /// A loan names a project that was not given.
    case unknownProject(loan: String, project: Int64)
    /// The same project number twice.
    case duplicateProject(Int64)
    /// The same ISIN twice.
    case duplicateBond(ISIN)

    /// One line saying what is wrong.
    public var description: String {
        switch self {
        case .overflow: return "amounts too large to add up"
        case let .loanWithoutProject(loan): return "loan \(loan) is a green or social loan without a project"
        case let .unknownProject(loan, project): return "loan \(loan) finances project \(project), which is not in the ledger"
        case let .duplicateProject(number): return "project \(number) is given twice"
        case let .duplicateBond(isin): return "bond \(isin) is given twice"
        }
    }
}

/// Allocation reporting (domain.md, "Allocation on D"): bonds outstanding against the
/// eligible pool per programme, and the lending per category.
///
/// Decisions where domain.md leaves room (also in the helper's report):
/// - A category's `share` is of the programme's outstanding on all its loans (green loans
///   not available for green bonds included: they are green lending); the environmental-
///   management share is of the green *eligible pool*, as domain.md says, which is why it
///   is a separate figure. (Kommuninvest's framework words the 30 % cap against issued
///   volume; domain.md sets it against the eligible pool; this follows domain.md.)
/// - New financing and refinancing split `disbursed` (gross disbursements up to D, reversed
///   entries left out), not the outstanding amount: new + refinancing = disbursed.
/// - Projects count when approved or completed and decided on or before D; rejected and
///   withdrawn ones do not, although a withdrawn project's loans still count as lending.
/// - Above the cap means strictly above 30 %: the framework says "at most 30 %".
public enum Allocation {
    /// The framework's cap on environmental management: 30 % of the green eligible pool.
    public static let environmentalManagementCap = Ratio(3, 10)!

    /// The programmes a bond can belong to, in report order.
    public static let programmes: [Programme] = [.green, .social]

    /// The allocation on `asOf`.
    ///
    /// - Parameters:
    ///   - projects: every green and social project (the revision in force on `asOf`; those
    ///     decided after `asOf` are not counted, but their loans may be named).
    ///   - loans: every loan with its position on `asOf` (`other` loans are skipped).
    ///   - bonds: every bond; those outstanding on `asOf` are counted.
    /// - Throws: `AllocationError` when a loan has no or an unknown project, a project or
    ///   bond is given twice, or a sum overflows.
    public static func report(asOf: Day, projects: [AllocationProject], loans: [AllocationLoan],
                              bonds: [Bond]) throws(AllocationError) -> AllocationReport {
        var projectByNumber: [Int64: AllocationProject] = [:]
        for project in projects {
            guard projectByNumber.updateValue(project, forKey: project.number) == nil else {
                throw .duplicateProject(project.number)
            }
        }
        var seenISINs = Set<ISIN>()
        for bond in bonds where !seenISINs.insert(bond.isin).inserted { throw .duplicateBond(bond.isin) }

        var result: [ProgrammeAllocation] = []
        for programme in programmes {
            var categories: [String: CategoryTotals] = [:]
            for project in projects where project.programme == programme {
                var totals = categories[project.category] ?? CategoryTotals()
                if project.status == .approved || project.status == .completed, project.decisionDate <= asOf {
                    totals.projects += 1
                    totals.approved = try Sum.add(totals.approved, project.approved)
                }
                categories[project.category] = totals
            }
            var pool: Ore = 0, outstanding: Ore = 0
            for loan in loans where loan.programme == programme {
                guard let number = loan.projectNumber else { throw .loanWithoutProject(loan: loan.loanNumber) }
                guard let project = projectByNumber[number] else {
                    throw .unknownProject(loan: loan.loanNumber, project: number)
                }
                let eligible = programme == .social || loan.greenBondEligible
                var totals = categories[project.category] ?? CategoryTotals()
                try totals.add(loan.position, eligible: eligible)
                categories[project.category] = totals
                outstanding = try Sum.add(outstanding, loan.position.outstanding)
                if eligible { pool = try Sum.add(pool, loan.position.outstanding) }
            }
            let outstandingBonds = bonds.filter { $0.programme == programme && $0.isOutstanding(on: asOf) }
                .sorted { $0.isin < $1.isin }
            var bondTotal: Ore = 0
            for bond in outstandingBonds { bondTotal = try Sum.add(bondTotal, bond.amount) }
            let headroom = try Sum.subtract(pool, bondTotal)

            let lines = GreenCategory.ordered(categories.keys).map { category in
                let totals = categories[category]!
                return CategoryAllocation(
                    category: category, projects: totals.projects, approved: totals.approved,
                    disbursed: totals.disbursed, outstanding: totals.outstanding,
                    share: Ratio(totals.outstanding, outstanding), newFinancing: totals.newFinancing,
                    refinancing: totals.refinancing, eligibleOutstanding: totals.eligibleOutstanding)
            }
            var environmentalShare: Ratio?
            if programme == .green {
                let environmental = categories[GreenCategory.environmentalManagement.rawValue]?.eligibleOutstanding ?? 0
                environmentalShare = Ratio(environmental, pool)
            }
            result.append(ProgrammeAllocation(
                programme: programme, eligiblePool: pool, bondsOutstanding: bondTotal, headroom: headroom,
                allocationRatio: Ratio(bondTotal, pool), isOverAllocated: headroom < 0, outstanding: outstanding,
                categories: lines, bonds: outstandingBonds, environmentalManagementShare: environmentalShare,
                isEnvironmentalManagementAboveCap: environmentalShare.map { $0 > environmentalManagementCap } ?? false))
        }
        return AllocationReport(asOf: asOf, window: NewFinancingWindow(asOf: asOf), programmes: result)
    }

    /// Running sums of one category.
    private struct CategoryTotals {
        var projects = 0
        var approved: Ore = 0
        var disbursed: Ore = 0
        var outstanding: Ore = 0
        var newFinancing: Ore = 0
        var refinancing: Ore = 0
        var eligibleOutstanding: Ore = 0

        mutating func add(_ position: LoanPosition, eligible: Bool) throws(AllocationError) {
            guard let loanDisbursed = position.disbursed else { throw .overflow }
            disbursed = try Sum.add(disbursed, loanDisbursed)
            outstanding = try Sum.add(outstanding, position.outstanding)
            newFinancing = try Sum.add(newFinancing, position.newFinancing)
            refinancing = try Sum.add(refinancing, position.refinancing)
            if eligible { eligibleOutstanding = try Sum.add(eligibleOutstanding, position.outstanding) }
        }
    }
}
