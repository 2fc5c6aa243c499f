import Ledger
import SQLite

/// The append-only tables whose rows are linked into a tamper-evident hash chain, and
/// exactly which columns each link covers, in which order. Writers (import, single
/// records, approvals) and `verify` both use these definitions, so they cannot differ.
///
/// Each table is its own chain in rowid order: a row's `chain_hash` is
/// `SHA-256(previous row's chain_hash ‖ ChainEncoding(table, columns))`, the first row's
/// previous being 32 zero bytes. docs/chain.md spells out the bytes.
public enum ChainedTable: String, CaseIterable, Sendable {
    case projects
    case ledgerEntries = "ledger_entries"
    case readings
    case followupApprovals = "followup_approvals"

    /// The table's name in SQL, which is also the table tag in the encoding.
    public var name: String { rawValue }

    /// The integer primary key (the rowid alias), always the first chained column.
    public var idColumn: String {
        switch self {
        case .projects: return "project_number"
        case .ledgerEntries: return "entry_id"
        case .readings: return "reading_id"
        case .followupApprovals: return "approval_id"
        }
    }

    /// Every column the link covers, in encoding order: all columns but `chain_hash`.
    public var columns: [String] {
        switch self {
        case .projects:
            return ["project_number", "programme", "borrower_org_no", "title", "category", "investment_type",
                    "approved_ore", "decision_date", "status", "framework_version", "total_cost_ore",
                    "req_practice_innovation_quality", "req_systematic_work", "req_defined_target_group",
                    "req_long_term", "req_goals_and_evaluation", "physical_investment", "social_intervention",
                    "social_goals", "recorded_at", "recorded_by", "batch_id"]
        case .ledgerEntries:
            return ["entry_id", "external_id", "loan_id", "value_date", "kind", "amount_ore", "balance_effect_ore",
                    "reverses_entry_id", "reason", "recorded_at", "recorded_by", "batch_id"]
        case .readings:
            return ["reading_id", "indicator_id", "year", "value_text", "value_kind", "value_low", "value_high",
                    "met_by_decision", "decision_note", "recorded_at", "recorded_by", "batch_id"]
        case .followupApprovals:
            return ["approval_id", "year", "revision", "approved_on", "rule_version", "ledger_head_hash", "note",
                    "recorded_at", "recorded_by"]
        }
    }

    /// `INSERT INTO table (columns…, chain_hash) VALUES (?, …)`.
    var insertSQL: String {
        let names = columns + ["chain_hash"]
        return "INSERT INTO \(name) (\(names.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: names.count).joined(separator: ", ")))"
    }

    /// `SELECT columns…, chain_hash FROM table ORDER BY rowid`.
    var selectSQL: String {
        "SELECT \((columns + ["chain_hash"]).joined(separator: ", ")) FROM \(name) ORDER BY \(idColumn)"
    }

    /// The link of a row whose column values (in `columns` order) are `values`.
    public static func link(previous: [UInt8], table: ChainedTable, values: [SQLValue]) throws -> [UInt8] {
        try ChainLink.next(previous: previous, table: table.name, fields: values.map(ChainedTable.field))
    }

    static func field(_ value: SQLValue) -> ChainField {
        switch value {
        case .null: return .null
        case .integer(let v): return .integer(v)
        case .text(let v): return .text(v)
        case .blob(let v): return .blob(v)
        // No chained column is REAL; a REAL smuggled in is encoded as its text so it still
        // changes the link rather than vanishing.
        case .real(let v): return .text(String(v))
        }
    }

    /// The last link of the table, or the genesis link when it is empty.
    public func head(in db: Connection) throws -> [UInt8] {
        let statement = try db.cached("SELECT chain_hash FROM \(name) ORDER BY \(idColumn) DESC LIMIT 1")
        var result = ChainLink.genesis
        try statement.forEach { row in result = row.blob(0) ?? ChainLink.genesis }
        return result
    }

    /// The next free primary key.
    func nextID(in db: Connection) throws -> Int64 {
        (try db.scalarInt("SELECT max(\(idColumn)) FROM \(name)") ?? 0) + 1
    }
}

/// Inserts rows into one chained table, computing each row's link from the previous.
/// Use one inside the write transaction that holds the lock (`BEGIN IMMEDIATE`), so no
/// other writer can slip a row in between.
public struct ChainWriter {
    /// The table written to.
    public let table: ChainedTable
    /// The link of the last row written (or found).
    public internal(set) var previous: [UInt8]
    private let statement: Statement

    /// Starts after the table's current last row.
    public init(_ table: ChainedTable, in db: Connection) throws {
        self.table = table
        self.previous = try table.head(in: db)
        self.statement = try db.cached(table.insertSQL)
    }

    /// Inserts one row given its values in `table.columns` order (the id included).
    /// - Returns: the row's link.
    @discardableResult
    public mutating func insert(_ values: [SQLValue]) throws -> [UInt8] {
        #if HALLBAR_BENCH_NO_CHAIN
        // Only in the binary `make bench` builds to price the chain (never shipped): the
        // same insert with 32 zero bytes instead of the link.
        let link = ChainLink.genesis
        #else
        let link = try ChainedTable.link(previous: previous, table: table, values: values)
        #endif
        try statement.run(values.map { $0 as any SQLBindable } + [SQLValue.blob(link)])
        previous = link
        return link
    }
}

extension ChainWriter {
    /// Records that rows were appended by another path of this writer's owner (a
    /// multi-row insert) whose last link is `link`.
    mutating func appended(lastLink link: [UInt8]) { previous = link }
}

/// The ledger's head: one digest over every chained table's last link and row count,
/// printed on reports and stored with approvals, so that cutting rows off the end of
/// any chain is detectable against a kept report.
public enum LedgerHead {
    /// `sha256:` and the hex digest of, for each chained table in `ChainedTable.allCases`
    /// order, the table name, its row count and its last link (see docs/chain.md).
    public static func compute(in db: Connection) throws -> String {
        try digest(ChainedTable.allCases.map { table in
            (count: try db.scalarInt("SELECT count(*) FROM \(table.name)") ?? 0, last: try table.head(in: db))
        })
    }

    /// The head of a ledger whose chained tables, in `ChainedTable.allCases` order, have
    /// these row counts and last links: what `compute` returns, and what `verify` recomputes
    /// for the counts a follow-up approval may have seen.
    public static func digest(_ tables: [(count: Int64, last: [UInt8])]) -> String {
        var hasher = SHA256()
        for (table, part) in zip(ChainedTable.allCases, tables) {
            let text = "\(table.name) \(part.count) \(SHA256.hex(part.last))\n"
            hasher.update(bytes: Array(text.utf8))
        }
        return "sha256:" + hasher.hexDigest()
    }
}
