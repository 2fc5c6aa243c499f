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
        // Opening a ledger replays every migration (ExpectedSchema), so this works on bytes:
        // a line is decoded only when it holds an "@", and blank text is found on its bytes.
        func isBlank(_ text: ArraySlice<UInt8>) -> Bool {
            guard let first = text.first(where: { !($0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D)) }) else { return true }
            return first >= 0x80 && String(decoding: text, as: UTF8.self).trimmingSpaces().isEmpty  // Unicode white space
        }
        let bytes = Array(sql.utf8)
        var parts: [MigrationPart] = []
        var current: [UInt8] = []
        current.reserveCapacity(bytes.count + 1)
        var start = 0
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let line = bytes[start..<end]
            if line.contains(0x40) {
                let trimmed = String(decoding: line, as: UTF8.self).trimmingSpaces()
                if trimmed.hasPrefix(MigrationSteps.marker) {
                    if !isBlank(current[...]) { parts.append(.sql(String(decoding: current, as: UTF8.self))) }
                    current.removeAll(keepingCapacity: true)
                    parts.append(.step(String(trimmed.dropFirst(MigrationSteps.marker.count)).trimmingSpaces()))
                    start = end + 1
                    continue
                }
            }
            current += line
            current.append(0x0A)
            start = end + 1
        }
        if !isBlank(current[...]) { parts.append(.sql(String(decoding: current, as: UTF8.self))) }
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
    /// order. A project was chained, within its import, onto the row imported before it,
    /// and the first of an import onto the project with the highest number imported before
    /// that import; the file order is not stored, so each import's rows are followed from
    /// that start, trying the next project by number first (the usual file order) and the
    /// others only when it does not chain.
    /// - Throws: `MigrationError.legacyChainBroken` naming the first row that fails.
    static func verify(in db: Connection) throws {
        for spec in tables {
            let exists = try db.scalarInt("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", [spec.table]) ?? 0
            guard exists > 0 else { continue }
            let batch = spec.columns.contains("batch_id") ? "batch_id" : "NULL"
            let sql = "SELECT \((spec.columns + ["chain_hash", batch]).joined(separator: ", ")) FROM \(spec.table) ORDER BY "
                + (spec.tag == "projects" ? "batch_id, project_number" : spec.id)
            typealias Legacy = (fields: [ChainField], stored: [UInt8]?, id: String, batch: Int64?, number: Int64)
            func legacy(_ row: Statement) -> Legacy {
                let stored = row.columnType(spec.columns.count) == .blob ? row.blob(spec.columns.count) : nil
                return ((0..<spec.columns.count).map { ChainedTable.field(row.value($0)) }, stored, row.value(0).description,
                        row.isNull(spec.columns.count + 1) ? nil : row.int64(spec.columns.count + 1), row.int64(0))
            }
            func chains(_ previous: [UInt8], _ row: Legacy) throws -> Bool {
                guard let stored = row.stored else { return false }
                return try ChainLink.next(previous: previous, table: spec.tag, fields: row.fields, format: .v1) == stored
            }
            if spec.tag != "projects" {
                // Streamed: an old ledger may hold millions of entries.
                var previous = ChainLink.genesis
                try db.prepare(sql).forEach { statement in
                    let row = legacy(statement)
                    guard try chains(previous, row), let stored = row.stored else {
                        throw MigrationError.legacyChainBroken(table: spec.tag, row: row.id)
                    }
                    previous = stored
                }
                continue
            }
            var rows: [Legacy] = []
            try db.prepare(sql).forEach { rows.append(legacy($0)) }
            // Projects, import by import.
            var highest: (number: Int64, link: [UInt8])? = nil
            var index = 0
            while index < rows.count {
                var end = index
                while end < rows.count, rows[end].batch == rows[index].batch { end += 1 }
                var remaining = Array(rows[index..<end])
                var previous = highest?.link ?? ChainLink.genesis
                while !remaining.isEmpty {
                    guard let found = try remaining.firstIndex(where: { try chains(previous, $0) }) else {
                        throw MigrationError.legacyChainBroken(table: spec.tag, row: remaining[0].id)
                    }
                    previous = remaining[found].stored!
                    remaining.remove(at: found)
                }
                for row in rows[index..<end] where row.number > (highest?.number ?? 0) { highest = (row.number, row.stored!) }
                index = end
            }
        }
    }
}
