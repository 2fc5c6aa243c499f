/// The overview page of the annual follow-up (Bild 11): per category, each project with
/// the count of its indicators' statuses, and the category's own roll-up.
///
/// ```swift
/// let overview = FollowUpOverview([
///     .init(category: "Boende och boendemiljöer", project: 1, status: .targetMet),
///     .init(category: "Hälsa, utbildning, idrott och kultur", project: 15, status: .positiveTrend),
/// ])
/// overview.categories[0].projects[0].counts[.targetMet]   // 1
/// ```
public struct FollowUpOverview<Project: Hashable & Sendable>: Sendable {
    /// One indicator's contribution: its project's category, the project and the status.
    public struct Item: Sendable {
        /// The project's category (stored string).
        public let category: String
        /// The project (its number, or any key).
        public let project: Project
        /// The indicator's status.
        public let status: FollowUpStatus

        /// An item.
        public init(category: String, project: Project, status: FollowUpStatus) {
            self.category = category
            self.project = project
            self.status = status
        }
    }

    /// One category: its projects in order of first appearance, and the counts over all of them.
    public struct Category: Sendable {
        /// The stored category string.
        public let name: String
        /// Each project with its status counts.
        public let projects: [(project: Project, counts: FollowUpStatusCounts)]
        /// The counts over the category's projects.
        public let counts: FollowUpStatusCounts
    }

    /// The categories that have at least one item: the three social categories in Bild 6
    /// order, then others alphabetically.
    public let categories: [Category]
    /// The counts over everything.
    public let counts: FollowUpStatusCounts

    /// The overview of `items` (projects keep the order in which they first appear).
    public init(_ items: [Item]) {
        var byCategory: [String: [Item]] = [:]
        for item in items { byCategory[item.category, default: []].append(item) }
        categories = SocialCategory.ordered(byCategory.keys).map { name in
            let members = byCategory[name] ?? []
            let grouped = FollowUpStatusCounts.grouped(members.map { ($0.project, $0.status) })
            return Category(name: name, projects: grouped.map { ($0.key, $0.counts) },
                            counts: FollowUpStatusCounts(members.map(\.status)))
        }
        counts = FollowUpStatusCounts(items.map(\.status))
    }
}
