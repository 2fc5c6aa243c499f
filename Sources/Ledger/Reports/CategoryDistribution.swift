/// How an amount (the approved volume of the social portfolio) splits over categories,
/// each with its exact share of the whole (Bild 6: "fördelning baserad på beviljad volym").
///
/// ```swift
/// let d = CategoryDistribution(["Boende och boendemiljöer": 7_078, "Hälsa, utbildning, idrott och kultur": 2_540])
/// d.entries.map(\.category)   // the three social categories in Bild 6 order (a missing one with 0)
/// d.entries[0].share          // 7078/9618
/// ```
public struct CategoryDistribution: Sendable, Hashable {
    /// One category's amount and its share of `total`.
    public struct Entry: Sendable, Hashable {
        /// The stored category string.
        public let category: String
        /// The amount, öre.
        public let amount: Ore
        /// amount ÷ total, or `nil` when the total is 0.
        public let share: Ratio?
    }

    /// Every category: the three social categories always (zero when absent), in Bild 6
    /// order, then any other category found, alphabetically.
    public let entries: [Entry]
    /// The sum of all amounts, öre (`nil`-free: a sum that overflows clamps to `Int64.max`).
    public let total: Ore

    /// A distribution of `amounts` by category.
    public init(_ amounts: [String: Ore]) {
        var total: Ore = 0
        for value in amounts.values {
            let (sum, overflow) = total.addingReportingOverflow(value)
            total = overflow ? Ore.max : sum
        }
        let categories = SocialCategory.ordered(SocialCategory.allCases.map(\.rawValue) + amounts.keys)
        self.total = total
        self.entries = categories.map { category in
            let amount = amounts[category] ?? 0
            return Entry(category: category, amount: amount, share: Ratio(amount, total))
        }
    }
}
