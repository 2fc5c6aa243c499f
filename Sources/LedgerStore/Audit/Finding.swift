/// One thing `verify` found wrong with a ledger: a category and a sentence that names
/// the table, the row and what is wrong. Printed as `category: message`.
///
/// ```text
/// chain: ledger_entries row 42 changed: its content no longer matches its stored link
/// ```
public struct Finding: Sendable, Equatable, CustomStringConvertible {
    /// What kind of check found it; the prefix of the printed line.
    public enum Category: String, Sendable, CaseIterable {
        /// `PRAGMA quick_check` / `integrity_check`: the file itself is damaged.
        case integrity
        /// `PRAGMA foreign_key_check`: a row refers to a row that does not exist.
        case foreignKey = "foreign-key"
        /// A connection or file setting of quality.md does not hold.
        case settings
        /// The migration history differs from the binary's migrations.
        case migrations
        /// A table, index, trigger or view differs from what the migrations create.
        case schema
        /// A chained table's hash chain does not verify.
        case chain
        /// A head recorded by a follow-up approval cannot be reproduced from the ledger.
        case head
        /// A rule of the ledger does not hold (balance below zero, reversal, batch counts).
        case invariant
        /// A recorded balance assertion does not hold.
        case assertion
    }

    /// The check that found it.
    public let category: Category
    /// What is wrong, naming the table, the row and the values involved.
    public let message: String

    /// Creates a finding.
    public init(_ category: Category, _ message: String) {
        self.category = category
        self.message = message
    }

    /// `category: message`, the line `verify` prints.
    public var description: String { "\(category.rawValue): \(message)" }
}
