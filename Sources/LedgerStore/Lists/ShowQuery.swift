import Ledger
import SQLite

/// `hallbar show loan|project|batch|entry`: one record with what belongs to it, read in
/// one snapshot. Each query reads only the record's own rows (index ranges), so showing a
/// loan costs the same in a ledger of a thousand entries or of ten million.
enum ShowQuery {
    /// How many rows of each table `show batch` prints.
    static let firstRows = 5

    /// Runs `sql` with `arguments` and collects `columns` (the statement's first columns).
    static func table(_ name: String, group: String? = nil, _ columns: [(String, ListValueType, String)], sql: (String) -> String,
                      _ arguments: [any SQLBindable], in db: Connection) throws -> RecordTable {
        let (list, typed) = ListQuery.select(columns)
        return try ListQuery(columns: typed, sql: sql(list), arguments: arguments).run(name: name, in: db).regrouped(group)
    }

    /// The row's fields: `base` (one row) and `extra` columns of one row, each extra
    /// column placed right after the column named in `after` (a name after its number).
    static func joined(_ base: RecordTable, _ extra: RecordTable, after: [String: String] = [:]) -> RecordTable {
        guard let baseRow = base.rows.first, let extraRow = extra.rows.first else { return base }
        var pairs = Array(zip(base.columns, baseRow))
        for (column, value) in zip(extra.columns, extraRow) {
            let index = after[column.key].flatMap { key in pairs.firstIndex { $0.0.key == key } }.map { $0 + 1 } ?? pairs.count
            pairs.insert((column, value), at: index)
        }
        return RecordTable(name: base.name, columns: pairs.map(\.0), rows: [pairs.map(\.1)])
    }

    // MARK: loan

    /// The statements `show loan` runs, in order, each with ?1 the date and ?2 the loan
    /// number: the loan's row of `list loans`, its names and revision, its entries.
    /// bench/show-loan.sql holds the same text (a test compares them), so that `make bench`
    /// times sqlite3 running exactly this.
    static func loanQueries(_ number: String, asOf: Day) -> (loan: ListQuery, names: ListQuery, entries: ListQuery) {
        var filter = ListFilter(asOf: asOf)
        filter.loan = number
        let arguments: [any SQLBindable] = [asOf.description, number]
        let (names, nameColumns) = ListQuery.select([
            ("borrower_name", .text, "b.name"),
            ("member_name", .text, "m.name"),
            ("project_title", .text, "p.title"),
            ("project_status", .code(.projectStatus), "p.status"),
            ("revision", .integer, "v.revision"),
        ])
        let (entries, entryColumns) = ListQuery.select(ListQuery.entryColumns(loan: false))
        return (
            ListQuery.loans(filter),
            ListQuery(columns: nameColumns, sql: """
                SELECT \(names) FROM \(ListQuery.versions("loan_versions")) AS v
                JOIN \(ListQuery.versions("borrower_versions")) AS b ON b.org_no = v.borrower_org_no
                JOIN \(ListQuery.versions("member_versions")) AS m ON m.org_no = b.owner_org_no
                LEFT JOIN \(AsOf.projects(at: "?1")) AS p ON p.project_number = v.project_number
                WHERE v.loan_number = ?2
                """, arguments: arguments),
            ListQuery(columns: entryColumns, sql: """
                SELECT \(entries) FROM ledger_entries AS e
                LEFT JOIN ledger_entries AS o ON o.entry_id = e.reverses_entry_id
                LEFT JOIN ledger_entries AS r ON r.reverses_entry_id = e.entry_id
                WHERE e.loan_id = (SELECT loan_id FROM loans WHERE loan_number = ?2) AND e.value_date <= ?1
                ORDER BY e.value_date, e.entry_id
                """, arguments: arguments))
    }

    static func loan(_ number: String, asOf: Day, in db: Connection) throws -> RecordDetail {
        let queries = loanQueries(number, asOf: asOf)
        let base = try queries.loan.run(name: "loan", in: db)
        let extra = try queries.names.run(name: "loan", in: db)
        guard base.rows.count == 1, extra.rows.count == 1 else { throw LookupError.noLoan(number) }
        let entries = withRunningBalance(try queries.entries.run(name: "entries", in: db))
        let placed = ["borrower_name": "borrower_org_no", "member_name": "member_org_no", "project_title": "project_number",
                      "project_status": "project_title", "revision": "loan_number"]
        return RecordDetail(kind: "loan", key: number, fields: joined(base, extra, after: placed), tables: [entries])
    }

    /// `entries` with a column `balance_ore` after `balance_effect_ore`: the loan's balance
    /// after each entry, in the order listed (NULL from an overflow on).
    static func withRunningBalance(_ entries: RecordTable) -> RecordTable {
        guard let effect = entries.column("balance_effect_ore") else { return entries }
        var balance: Ore? = 0
        var columns = entries.columns
        columns.insert(ListColumn("balance_ore", .ore), at: effect + 1)
        let rows = entries.rows.map { row -> [ListValue] in
            if let current = balance {
                let (sum, overflow) = current.addingReportingOverflow(row[effect].integer ?? 0)
                balance = overflow ? nil : sum
            }
            var out = row
            out.insert(balance.map(ListValue.integer) ?? .null, at: effect + 1)
            return out
        }
        return RecordTable(name: entries.name, columns: columns, rows: rows)
    }

    // MARK: project

    static func project(_ number: Int64, asOf: Day, in db: Connection) throws -> RecordDetail {
        guard let decided = try db.scalarText("SELECT decision_date FROM projects WHERE project_number = ?", [number]) else {
            throw LookupError.noProject(number)
        }
        let date = asOf.description
        if decided > date { throw LookupError.projectNotYetDecided(number, decided: decided, asOf: date) }
        var filter = ListFilter(asOf: asOf)
        filter.project = number
        let base = try ListQuery.projects(filter).run(name: "project", in: db)
        let extra = try table("project", [
            ("borrower_name", .text, "b.name"),
            ("member_name", .text, "m.name"),
            ("investment_type", .integer, "v.investment_type"),
            ("framework_version", .text, "v.framework_version"),
            ("revision", .integer, "v.revision"),
        ], sql: { list in
            """
            SELECT \(list) FROM \(ListQuery.versions("project_versions")) AS v
            JOIN \(ListQuery.versions("borrower_versions")) AS b ON b.org_no = v.borrower_org_no
            JOIN \(ListQuery.versions("member_versions")) AS m ON m.org_no = b.owner_org_no
            WHERE v.project_number = ?2
            """
        }, [date, number], in: db)
        guard base.rows.count == 1, extra.rows.count == 1 else { throw LookupError.noProject(number) }
        let revisions = try table("revisions", [
            ("revision", .integer, "revision"),
            ("effective_date", .date, "valid_from"),
            ("title", .text, "title"),
            ("category", .code(.category), "category"),
            ("status", .code(.projectStatus), "status"),
            ("approved_ore", .ore, "approved_ore"),
            ("total_cost_ore", .ore, "total_cost_ore"),
            ("framework_version", .text, "framework_version"),
            ("reason", .text, "reason"),
            ("recorded_at", .timestamp, "recorded_at"),
            ("recorded_by", .text, "recorded_by"),
            ("batch_id", .integer, "batch_id"),
        ], sql: { "SELECT \($0) FROM project_versions WHERE project_number = ?2 AND valid_from <= ?1 ORDER BY revision" },
           [date, number], in: db)
        let decisions = try table("decisions", [
            ("indicator_id", .text, "d.indicator_id"),
            ("year", .integer, "d.year"),
            ("met", .bool, "d.met"),
            ("decided_on", .date, "d.decided_on"),
            ("in_force", .bool, """
                d.decision_id = (SELECT max(x.decision_id) FROM indicator_decisions AS x
                                 WHERE x.indicator_id = d.indicator_id AND x.year = d.year AND x.decided_on <= ?1)
                """),
            ("reason", .text, "d.reason"),
            ("recorded_at", .timestamp, "d.recorded_at"),
            ("recorded_by", .text, "d.recorded_by"),
        ], sql: { list in
            """
            SELECT \(list) FROM indicator_decisions AS d JOIN indicators AS i ON i.indicator_id = d.indicator_id
            WHERE i.project_number = ?2 AND d.decided_on <= ?1
            ORDER BY i.seq, d.year, d.decision_id
            """
        }, [date, number], in: db)
        var byProject = ListFilter(asOf: asOf)
        byProject.project = number
        let loans = try ListQuery.loans(byProject).run(name: "loans", in: db)
        let indicators = try ListQuery.indicators(byProject).run(name: "indicators", in: db)
        let readings = try ListQuery.readings(byProject).run(name: "readings", in: db)
        let placed = ["borrower_name": "borrower_org_no", "member_name": "member_org_no", "revision": "project_number",
                      "investment_type": "category", "framework_version": "category"]
        return RecordDetail(kind: "project", key: String(number), fields: joined(base, extra, after: placed),
                            tables: [revisions, decisions, loans, indicators, readings])
    }

    // MARK: batch

    static func batch(_ id: Int64, in db: Connection) throws -> RecordDetail {
        let fields = try table("batch", ListQuery.batchColumns, sql: { "SELECT \($0) FROM import_batches WHERE batch_id = ?" }, [id], in: db)
        guard fields.rows.count == 1,
              let seq = try db.scalarInt("SELECT seq FROM import_batches WHERE batch_id = ?", [id]) else {
            throw LookupError.noBatch(id)
        }
        // A command writes its rows and then its batch row, in one transaction: the batch's
        // rows lie between the previous batch row and this one in the chain.
        let previous = try db.scalarInt("SELECT coalesce(max(seq), 0) FROM import_batches WHERE seq < ?", [seq]) ?? 0
        var counts: [[ListValue]] = []
        var first: [RecordTable] = []
        for table in ChainedTable.allCases where table != .importBatches && table.columns.contains("batch_id") {
            let range = "\(table.seqColumn) > ?1 AND \(table.seqColumn) < ?2 AND batch_id = ?3"
            let arguments: [any SQLBindable] = [previous, seq, id]
            let count = try db.cached("SELECT count(*) FROM \(table.name) WHERE \(range)").rows(arguments).first?[0].int64 ?? 0
            guard count > 0 else { continue }
            counts.append([.text(table.name), .integer(count)])
            let shown = table.columns.filter { ![table.seqColumn, "recorded_at", "recorded_by", "batch_id"].contains($0) }
            let expressions = shown.map { $0 == "loan_id" ? "(SELECT loan_number FROM loans AS l WHERE l.loan_id = t.loan_id) AS loan_number" : "t.\($0)" }
            var rows: [[ListValue]] = []
            try db.cached("SELECT \(expressions.joined(separator: ", ")) FROM \(table.name) AS t WHERE \(range) ORDER BY \(table.seqColumn) LIMIT \(firstRows)")
                .forEach(arguments) { rows.append($0.listValues(count: shown.count)) }
            let names = shown.map { $0 == "loan_id" ? "loan_number" : $0 }
            let columns = names.indices.map { c in ListColumn(names[c], inferredType(names[c], rows.map { $0[c] })) }
            first.append(RecordTable(name: table.name, group: "first_rows", columns: columns, rows: rows))
        }
        let imported = RecordTable(name: "imported", columns: [ListColumn("table", .text), ListColumn("rows", .integer)], rows: counts)
        return RecordDetail(kind: "batch", key: String(id), fields: fields, tables: [imported] + first)
    }

    /// A stored column's type for display: amounts by their `_ore` suffix, dates by `_date`,
    /// otherwise what its values are.
    static func inferredType(_ name: String, _ values: [ListValue]) -> ListValueType {
        if name.hasSuffix("_ore") { return .ore }
        if name.hasSuffix("_date") || name == "through" || name == "closed_through" { return .date }
        return values.contains { $0.text != nil } ? .text : .integer
    }

    // MARK: entry

    static func entry(_ externalID: String, in db: Connection) throws -> RecordDetail {
        let fields = try table("entry", ListQuery.entryColumns(loan: true) + [
            ("reversal_reason", .text, "r.reason"),
            ("file_name", .text, "ib.file_name"),
            ("seq", .integer, "e.entry_id"),
        ], sql: { list in
            """
            SELECT \(list) FROM ledger_entries AS e JOIN loans AS l ON l.loan_id = e.loan_id
            LEFT JOIN ledger_entries AS o ON o.entry_id = e.reverses_entry_id
            LEFT JOIN ledger_entries AS r ON r.reverses_entry_id = e.entry_id
            LEFT JOIN import_batches AS ib ON ib.batch_id = e.batch_id
            WHERE e.external_id = ?
            """
        }, [externalID], in: db)
        guard fields.rows.count == 1 else { throw LookupError.noEntry(externalID) }
        return RecordDetail(kind: "entry", key: externalID, fields: fields, tables: [])
    }
}

extension RecordTable {
    /// The same table under JSON group `group`.
    func regrouped(_ group: String?) -> RecordTable {
        group == nil ? self : RecordTable(name: name, group: group, columns: columns, rows: rows)
    }
}

extension LedgerRead {
    /// The loan `number` as of `asOf`: its fields, borrower, member and project, its amounts
    /// and every entry with value date on or before `asOf`, each with its reversal and the
    /// balance after it.
    /// - Throws: `LookupError.noLoan`; `SQLiteError`.
    public func loan(_ number: String, asOf: Day) throws -> RecordDetail { try ShowQuery.loan(number, asOf: asOf, in: db) }

    /// The project `number` as of `asOf`: its revisions and decisions, loans, approved /
    /// disbursed / outstanding, indicators and their readings.
    /// - Throws: `LookupError.noProject`, `.projectNotYetDecided`; `SQLiteError`.
    public func project(_ number: Int64, asOf: Day) throws -> RecordDetail { try ShowQuery.project(number, asOf: asOf, in: db) }

    /// The import batch `id`: file, checksum, who and when, and what it imported (rows per
    /// table and the first rows of each).
    /// - Throws: `LookupError.noBatch`; `SQLiteError`.
    public func batch(_ id: Int64) throws -> RecordDetail { try ShowQuery.batch(id, in: db) }

    /// The ledger entry `externalID`, its loan, what it reverses or what reversed it.
    /// - Throws: `LookupError.noEntry`; `SQLiteError`.
    public func entry(_ externalID: String) throws -> RecordDetail { try ShowQuery.entry(externalID, in: db) }
}
