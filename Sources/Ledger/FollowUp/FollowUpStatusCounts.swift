/// How many indicators have each status: the roll-up per project and per category.
///
/// ```swift
/// var counts = FollowUpStatusCounts([.targetMet, .noChange, .targetMet])
/// counts[.targetMet]        // 2
/// counts.ordered            // all seven statuses in printed order, zeros included
/// ```
public struct FollowUpStatusCounts: Sendable, Hashable {
    private var counts: [FollowUpStatus: Int] = [:]

    /// No statuses.
    public init() {}

    /// Counts of `statuses`.
    public init(_ statuses: some Sequence<FollowUpStatus>) {
        for status in statuses { add(status) }
    }

    /// Counts one more `status`.
    public mutating func add(_ status: FollowUpStatus) {
        counts[status, default: 0] += 1
    }

    /// How many have `status`.
    public subscript(status: FollowUpStatus) -> Int { counts[status] ?? 0 }

    /// How many in all.
    public var total: Int { counts.values.reduce(0, +) }

    /// Every status in the printed order (`FollowUpStatus.allCases`), with its count (0 included).
    public var ordered: [(status: FollowUpStatus, count: Int)] {
        FollowUpStatus.allCases.map { ($0, self[$0]) }
    }

    /// Counts per key (a project number, a category), keys in order of first appearance.
    ///
    /// `FollowUpStatusCounts.grouped([(15, .targetMet), (19, .noChange), (15, .targetMet)])`
    /// gives `[(15, 2 × target met), (19, 1 × no change)]`.
    public static func grouped<Key: Hashable>(_ items: some Sequence<(Key, FollowUpStatus)>) -> [(key: Key, counts: FollowUpStatusCounts)] {
        var order: [Key] = []
        var byKey: [Key: FollowUpStatusCounts] = [:]
        for (key, status) in items {
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: FollowUpStatusCounts()].add(status)
        }
        return order.map { ($0, byKey[$0] ?? FollowUpStatusCounts()) }
    }
}
