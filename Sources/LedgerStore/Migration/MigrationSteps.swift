import Ledger
import SQLite

/// A migration's text cut at its step markers: SQL to execute, and named steps that
/// compute data the SQL cannot (a hash chain), run in between, in the same transaction.
///
/// A marker is a line `-- @hallbar-step: NAME`; to `sqlite3` it is a comment, so the
/// file stays plain SQL, and the schema still comes from the SQL alone.
public enum MigrationPart: Sendable, Equatable {
    case sql(String)
    case step(String)
}

extension Migration {
    /// The SQL between step markers, and the steps, in file order.
    public var parts: [MigrationPart] {
        var parts: [MigrationPart] = []
        var current = ""
        for line in sql.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingSpaces()
            if trimmed.hasPrefix(MigrationSteps.marker) {
                if !current.trimmingSpaces().isEmpty { parts.append(.sql(current)) }
                current = ""
                parts.append(.step(String(trimmed.dropFirst(MigrationSteps.marker.count)).trimmingSpaces()))
            } else {
                current += line + "\n"
            }
        }
        if !current.trimmingSpaces().isEmpty { parts.append(.sql(current)) }
        return parts
    }
}

/// The steps migrations may name.
public enum MigrationSteps {
    /// The marker that starts a step line.
    static let marker = "-- @hallbar-step:"

    /// The steps this hallbar knows.
    public static let known = ["rechain"]

    /// Runs step `name` of migration `version` on `db` (inside the migration's transaction).
    /// - Throws: `MigrationError.unknownStep`, or what the step throws.
    static func run(_ name: String, version: Int, in db: Connection) throws {
        switch name {
        case "rechain": try Rechain.run(in: db)
        default: throw MigrationError.unknownStep(version: version, name: name)
        }
    }
}

/// Migration 0004's step: checks the old per-table chains (format 1) of a ledger made
/// before 0004 and then links every row, in seq order, into the one chain (format 2).
///
/// It refuses to re-link a ledger whose old chain does not verify: re-linking would make
/// a quiet change look like an honest ledger. On a new ledger there is nothing to do.
enum Rechain {
    static func run(in db: Connection) throws {
        try LegacyChain.verify(in: db)
        // Only the tables 0004 creates: later migrations add theirs after this step.
        let rows = try ChainRows(db: db, tables: ChainedTable.allCases.filter { $0.migration <= 4 })
        var previous = ChainLink.genesis
        var updates: [ChainedTable: Statement] = [:]
        var expected: Int64 = 1
        while let (table, row) = try rows.next() {
            let seq = row.int64(0)
            guard seq == expected else {
                throw MigrationError.stepFailed(version: 4, name: "rechain", reason: "the rows' chain order has a gap or repeat at seq \(seq)")
            }
            let link = try previous.withUnsafeBytes { try ChainRows.link(of: row, table: table, after: $0) }
            if updates[table] == nil {
                updates[table] = try db.prepare("UPDATE \(table.name) SET chain_hash = ?1 WHERE \(table.seqColumn) = ?2")
            }
            let update = updates[table]!
            try link.withUnsafeBytes { try update.bind(blob: $0, at: 1) }
            try update.bind(int64: seq, at: 2)
            try update.execute()
            previous = link
            expected = seq + 1
        }
    }
}

/// The chains of schema 0001-0003 (format 1): four tables, each its own chain in
/// primary-key order, read from the `legacy_*` tables migration 0004 renamed them to.
enum LegacyChain {
    /// (legacy table, tag in the encoding, id column, columns in encoding order).
    static let tables: [(table: String, tag: String, id: String, columns: [String])] = [
        ("legacy_projects", "projects", "project_number",
         ["project_number", "programme", "borrower_org_no", "title", "category", "investment_type",
          "approved_ore", "decision_date", "status", "framework_version", "total_cost_ore",
          "req_practice_innovation_quality", "req_systematic_work", "req_defined_target_group",
          "req_long_term", "req_goals_and_evaluation", "physical_investment", "social_intervention",
          "social_goals", "recorded_at", "recorded_by", "batch_id"]),
        ("legacy_ledger_entries", "ledger_entries", "entry_id",
         ["entry_id", "external_id", "loan_id", "value_date", "kind", "amount_ore", "balance_effect_ore",
          "reverses_entry_id", "reason", "recorded_at", "recorded_by", "batch_id"]),
        ("legacy_readings", "readings", "reading_id",
         ["reading_id", "indicator_id", "year", "value_text", "value_kind", "value_low", "value_high",
          "met_by_decision", "decision_note", "recorded_at", "recorded_by", "batch_id"]),
        ("legacy_followup_approvals", "followup_approvals", "approval_id",
         ["approval_id", "year", "revision", "approved_on", "rule_version", "ledger_head_hash", "note",
          "recorded_at", "recorded_by"]),
    ]

    /// Checks every old row's link. Entries, readings and approvals were chained in id
    /// order; a project was chained onto the project with the highest number at the time,
    /// which is not always the one before it in number order, so a project's link must
    /// follow from the link of some earlier-recorded project (or genesis).
    /// - Throws: `MigrationError.legacyChainBroken` naming the first row that fails.
    static func verify(in db: Connection) throws {
        for spec in tables {
            let exists = try db.scalarInt("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", [spec.table]) ?? 0
            guard exists > 0 else { continue }
            let sql = "SELECT \((spec.columns + ["chain_hash"]).joined(separator: ", ")) FROM \(spec.table) ORDER BY "
                + (spec.tag == "projects" ? "recorded_at, batch_id, rowid" : spec.id)
            var previous = ChainLink.genesis
            var seen: [[UInt8]] = [ChainLink.genesis]
            for row in try db.prepare(sql).rows() {
                let fields = row.values.prefix(spec.columns.count).map(ChainedTable.field)
                guard case .blob(let stored) = row.values[spec.columns.count] else {
                    throw MigrationError.legacyChainBroken(table: spec.tag, row: row.values[0].description)
                }
                let ok: Bool
                if spec.tag == "projects" {
                    ok = try seen.contains { try ChainLink.next(previous: $0, table: spec.tag, fields: Array(fields), format: .v1) == stored }
                } else {
                    ok = try ChainLink.next(previous: previous, table: spec.tag, fields: Array(fields), format: .v1) == stored
                }
                guard ok else { throw MigrationError.legacyChainBroken(table: spec.tag, row: row.values[0].description) }
                previous = stored
                seen.append(stored)
            }
        }
    }
}
