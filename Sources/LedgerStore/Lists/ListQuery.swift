import Ledger
import SQLite

/// The SQL of `hallbar list KIND`: one statement per list, computed inside SQLite.
///
/// "As of D" is the revision of each record in force on D (Reports/AsOf.swift) and the
/// amounts of entries with value date on or before D. A loan's amounts come from one
/// grouped pass over the covering index `ledger_entries_by_loan_date (loan_id, value_date,
/// balance_effect_ore)` and one over the reversals' partial index, never from the table:
///
/// - outstanding = the sum of the effects;
/// - disbursed = the positive effects less every reversal's amount;
/// - repaid = the negative effects (as an amount) less every reversal's amount.
///
/// A reversal has its original's loan, value date and amount with the opposite effect, so
/// the positive effects are the disbursements and the reversals of repayments, the negative
/// ones the repayments and the reversals of disbursements: taking every reversal's amount off
/// both leaves the disbursements less the reversed ones, and the repayments less the reversed
/// ones (docs/reports.md, "Looking things up").
struct ListQuery {
    let columns: [ListColumn]
    let sql: String
    let arguments: [any SQLBindable]

    /// The statement of `kind` under `filter`.
    static func make(_ kind: ListKind, _ filter: ListFilter) -> ListQuery {
        switch kind {
        case .members: return members(filter)
        case .borrowers: return borrowers(filter)
        case .projects: return projects(filter)
        case .loans: return loans(filter)
        case .entries: return entries(filter)
        case .indicators: return indicators(filter)
        case .readings: return readings(filter)
        case .batches: return batches(filter)
        case .approvals: return approvals(filter)
        case .bonds: return bonds(filter)
        }
    }

    /// Terms of a WHERE clause with their values, numbered from `start` (`?2`, `?3` … after
    /// the date `?1`), so that the SQL reads the same in sqlite3 with `.parameter set`.
    struct Conditions {
        /// The number of the first parameter.
        var start = 2
        var terms: [String] = []
        var arguments: [any SQLBindable] = []

        /// The number of the parameter after these.
        var next: Int { start + arguments.count }

        /// Adds `term` (with one `?`, which becomes `?N`) when `value` is given.
        mutating func add(_ term: String, _ value: (any SQLBindable)?) {
            guard let value else { return }
            terms.append(term.split(separator: "?", omittingEmptySubsequences: false).joined(separator: "?\(next)"))
            arguments.append(value)
        }

        /// `WHERE a AND b`, or "" without terms.
        var whereClause: String { terms.isEmpty ? "" : "WHERE " + terms.joined(separator: " AND ") }
        /// ` AND a AND b`, or "".
        var andClause: String { terms.isEmpty ? "" : " AND " + terms.joined(separator: " AND ") }
    }

    /// `expr AS key, …`, and the columns.
    static func select(_ columns: [(String, ListValueType, String)]) -> (String, [ListColumn]) {
        (columns.map { "\($0.2) AS \($0.0)" }.joined(separator: ", "), columns.map { ListColumn($0.0, $0.1) })
    }

    static func versions(_ view: String) -> String { AsOf.versions(view, at: "?1") }

    /// Per loan with entries on or before ?1: positive effects, negative effects (as an
    /// amount) and their sum, for the loans of CTE `scope`: a range of the covering index each.
    static func balances(of scope: String) -> String {
        """
        SELECT loan_id, sum(max(balance_effect_ore, 0)) AS up, -sum(min(balance_effect_ore, 0)) AS down,
               sum(balance_effect_ore) AS net
        FROM ledger_entries WHERE loan_id IN (SELECT loan_id FROM \(scope)) AND value_date <= ?1 GROUP BY loan_id
        """
    }

    /// Per loan: the amounts of its reversals on or before ?1, read through the reversals'
    /// partial index (left to itself, SQLite's planner prefers the loan index and reads
    /// every entry of the table: seconds instead of milliseconds on 10⁶ entries).
    static let reversals = """
        SELECT loan_id, sum(amount_ore) AS reversed FROM ledger_entries INDEXED BY ledger_entries_reversal_of
        WHERE reverses_entry_id IS NOT NULL AND value_date <= ?1 GROUP BY loan_id
        """

    // MARK: loans

    /// The loans as of ?1 with their amounts: cli.md's keys of `list loans`.
    static func loans(_ filter: ListFilter) -> ListQuery {
        var c = Conditions()
        c.add("v.programme = ?", filter.programme?.rawValue)
        c.add("b.owner_org_no = ?", filter.member)
        c.add("v.borrower_org_no = ?", filter.borrower)
        c.add("v.project_number = ?", filter.project)
        c.add("v.loan_number = ?", filter.loan)
        let (list, columns) = select([
            ("loan_number", .text, "l.loan_number"),
            ("borrower_org_no", .text, "l.borrower_org_no"),
            ("member_org_no", .text, "l.owner_org_no"),
            ("programme", .code(.programme), "l.programme"),
            ("project_number", .integer, "l.project_number"),
            ("green_bond_eligible", .bool, "l.green_bond_eligible"),
            ("disbursed_ore", .ore, "coalesce(t.up, 0) - coalesce(r.reversed, 0)"),
            ("repaid_ore", .ore, "coalesce(t.down, 0) - coalesce(r.reversed, 0)"),
            ("outstanding_ore", .ore, "coalesce(t.net, 0)"),
        ])
        let sql = """
            WITH l AS (SELECT v.loan_id, v.loan_number, v.borrower_org_no, b.owner_org_no, v.programme, v.project_number,
                              v.green_bond_eligible
                       FROM \(versions("loan_versions")) AS v JOIN \(versions("borrower_versions")) AS b ON b.org_no = v.borrower_org_no
                       \(c.whereClause)),
                 t AS (\(balances(of: "l"))),
                 r AS (\(reversals))
            SELECT \(list)
            FROM l LEFT JOIN t ON t.loan_id = l.loan_id LEFT JOIN r ON r.loan_id = l.loan_id
            ORDER BY l.loan_number
            """
        return ListQuery(columns: columns, sql: sql, arguments: [filter.asOf.description] + c.arguments)
    }

    // MARK: members and borrowers

    static func members(_ filter: ListFilter) -> ListQuery {
        var c = Conditions()
        c.add("m.org_no = ?", filter.member)
        let (list, columns) = select([
            ("org_no", .text, "m.org_no"),
            ("name", .text, "m.name"),
            ("municipality_code", .text, "m.municipality_code"),
            ("borrowers", .integer, "coalesce(x.borrowers, 0)"),
            ("loans", .integer, "coalesce(y.loans, 0)"),
            ("outstanding_ore", .ore, "coalesce(y.outstanding, 0)"),
        ])
        let sql = """
            WITH b AS \(versions("borrower_versions")),
                 l AS (SELECT v.loan_id, b.owner_org_no FROM \(versions("loan_versions")) AS v JOIN b ON b.org_no = v.borrower_org_no),
                 t AS (\(balances(of: "l")))
            SELECT \(list)
            FROM \(versions("member_versions")) AS m
            LEFT JOIN (SELECT owner_org_no, count(*) AS borrowers FROM b GROUP BY owner_org_no) AS x ON x.owner_org_no = m.org_no
            LEFT JOIN (SELECT l.owner_org_no, count(*) AS loans, sum(coalesce(t.net, 0)) AS outstanding
                       FROM l LEFT JOIN t ON t.loan_id = l.loan_id GROUP BY l.owner_org_no) AS y ON y.owner_org_no = m.org_no
            \(c.whereClause)
            ORDER BY m.org_no
            """
        return ListQuery(columns: columns, sql: sql, arguments: [filter.asOf.description] + c.arguments)
    }

    static func borrowers(_ filter: ListFilter) -> ListQuery {
        var c = Conditions()
        c.add("b.owner_org_no = ?", filter.member)
        c.add("b.org_no = ?", filter.borrower)
        let (list, columns) = select([
            ("org_no", .text, "b.org_no"),
            ("name", .text, "b.name"),
            ("member_org_no", .text, "b.owner_org_no"),
            ("loans", .integer, "coalesce(y.loans, 0)"),
            ("outstanding_ore", .ore, "coalesce(y.outstanding, 0)"),
        ])
        let sql = """
            WITH b AS (SELECT * FROM \(versions("borrower_versions")) AS b \(c.whereClause)),
                 l AS (SELECT v.loan_id, v.borrower_org_no FROM \(versions("loan_versions")) AS v
                       WHERE v.borrower_org_no IN (SELECT org_no FROM b)),
                 t AS (\(balances(of: "l")))
            SELECT \(list)
            FROM b
            LEFT JOIN (SELECT l.borrower_org_no, count(*) AS loans, sum(coalesce(t.net, 0)) AS outstanding
                       FROM l LEFT JOIN t ON t.loan_id = l.loan_id GROUP BY l.borrower_org_no) AS y ON y.borrower_org_no = b.org_no
            ORDER BY b.org_no
            """
        return ListQuery(columns: columns, sql: sql, arguments: [filter.asOf.description] + c.arguments)
    }

    // MARK: projects

    /// Projects decided on or before ?1, in the revision in force then; disbursed and
    /// outstanding count each entry on the project its loan financed on the entry's value
    /// date (as the social portfolio and the project cap do).
    static func projects(_ filter: ListFilter) -> ListQuery {
        var c = Conditions()
        c.add("v.programme = ?", filter.programme?.rawValue)
        c.add("v.status = ?", filter.status?.rawValue)
        c.add("b.owner_org_no = ?", filter.member)
        c.add("v.borrower_org_no = ?", filter.borrower)
        c.add("v.project_number = ?", filter.project)
        let range = filter.dateRange
        c.add("v.decision_date >= ?", range.from)
        c.add("v.decision_date <= ?", range.to)
        let (list, columns) = select([
            ("project_number", .integer, "p.project_number"),
            ("programme", .code(.programme), "p.programme"),
            ("borrower_org_no", .text, "p.borrower_org_no"),
            ("member_org_no", .text, "p.owner_org_no"),
            ("title", .text, "p.title"),
            ("category", .code(.category), "p.category"),
            ("status", .code(.projectStatus), "p.status"),
            ("decision_date", .date, "p.decision_date"),
            ("approved_ore", .ore, "p.approved_ore"),
            ("total_cost_ore", .ore, "p.total_cost_ore"),
            ("disbursed_ore", .ore, "coalesce(f.up, 0) - coalesce(r.reversed, 0)"),
            ("outstanding_ore", .ore, "coalesce(f.net, 0)"),
        ])
        // Each loan counts on the project it finances by its revision in force on ?1, with
        // all its entries up to ?1: as the allocation, impact and social reports count it.
        let sql = """
            WITH p AS (SELECT v.*, b.owner_org_no
                       FROM \(versions("project_versions")) AS v JOIN \(versions("borrower_versions")) AS b ON b.org_no = v.borrower_org_no
                       \(c.whereClause)),
                 l AS (SELECT v.loan_id, v.project_number FROM \(versions("loan_versions")) AS v
                       WHERE v.project_number IN (SELECT project_number FROM p)),
                 f AS (SELECT l.project_number, sum(max(e.balance_effect_ore, 0)) AS up, sum(e.balance_effect_ore) AS net
                       FROM l JOIN ledger_entries AS e ON e.loan_id = l.loan_id AND e.value_date <= ?1
                       GROUP BY l.project_number),
                 r AS (SELECT l.project_number, sum(e.amount_ore) AS reversed
                       FROM ledger_entries AS e INDEXED BY ledger_entries_reversal_of
                       JOIN l ON l.loan_id = e.loan_id
                       WHERE e.reverses_entry_id IS NOT NULL AND e.value_date <= ?1
                       GROUP BY l.project_number)
            SELECT \(list)
            FROM p LEFT JOIN f ON f.project_number = p.project_number LEFT JOIN r ON r.project_number = p.project_number
            ORDER BY p.project_number
            """
        return ListQuery(columns: columns, sql: sql, arguments: [filter.asOf.description] + c.arguments)
    }

    // MARK: entries

    /// Entries with value date on or before ?1 (and in the date filters), each with its loan
    /// as of ?1, what it reverses and what reverses it; in value-date order.
    static func entries(_ filter: ListFilter) -> ListQuery {
        var loans = Conditions()
        loans.add("programme = ?", filter.programme?.rawValue)
        loans.add("owner_org_no = ?", filter.member)
        loans.add("borrower_org_no = ?", filter.borrower)
        loans.add("project_number = ?", filter.project)
        loans.add("loan_number = ?", filter.loan)
        var dates = Conditions(start: loans.next)
        let range = filter.dateRange
        dates.add("e.value_date >= ?", range.from)
        dates.add("e.value_date <= ?", range.to)
        let (list, columns) = select(entryColumns(loan: true))
        // A loan filter selects the loans first, so that their entries are ranges of the index.
        let scope = loans.terms.isEmpty ? "" : " AND e.loan_id IN (SELECT loan_id FROM l \(loans.whereClause))"
        let sql = """
            WITH l AS (SELECT v.loan_id, v.loan_number, v.programme, v.project_number, v.borrower_org_no, b.owner_org_no
                       FROM \(versions("loan_versions")) AS v JOIN \(versions("borrower_versions")) AS b ON b.org_no = v.borrower_org_no)
            SELECT \(list)
            FROM ledger_entries AS e JOIN l ON l.loan_id = e.loan_id
            LEFT JOIN ledger_entries AS o ON o.entry_id = e.reverses_entry_id
            LEFT JOIN ledger_entries AS r ON r.reverses_entry_id = e.entry_id
            WHERE e.value_date <= ?1\(scope)\(dates.andClause)
            ORDER BY e.value_date, e.entry_id
            """
        return ListQuery(columns: columns, sql: sql, arguments: [filter.asOf.description] + loans.arguments + dates.arguments)
    }

    /// The columns of an entry (`e`, its original `o`, its reversal `r`, its loan `l`).
    static func entryColumns(loan: Bool) -> [(String, ListValueType, String)] {
        var columns: [(String, ListValueType, String)] = [("external_id", .text, "e.external_id")]
        if loan { columns.append(("loan_number", .text, "l.loan_number")) }
        return columns + [
            ("value_date", .date, "e.value_date"),
            ("kind", .code(.entryKind), "e.kind"),
            ("amount_ore", .ore, "e.amount_ore"),
            ("balance_effect_ore", .ore, "e.balance_effect_ore"),
            ("reverses", .text, "o.external_id"),
            ("reversed_by", .text, "r.external_id"),
            ("reason", .text, "e.reason"),
            ("recorded_at", .timestamp, "e.recorded_at"),
            ("recorded_by", .text, "e.recorded_by"),
            ("batch_id", .integer, "e.batch_id"),
        ]
    }

    // MARK: indicators and readings

    /// Rows about indicators as of ?1: `rows` joins the rows to `i`, the indicator's first
    /// revision (its project and its place in the ledger), and the project and its borrower
    /// in force are joined for the member, borrower and project filters.
    static func ofIndicators(_ columns: [(String, ListValueType, String)], rows: String, order: String,
                             _ filter: ListFilter, year: String? = nil) -> ListQuery {
        var c = Conditions()
        c.add("b.owner_org_no = ?", filter.member)
        c.add("p.borrower_org_no = ?", filter.borrower)
        c.add("i.project_number = ?", filter.project)
        if let year { c.add(year, filter.year) }
        let (list, typed) = select(columns)
        let sql = """
            SELECT \(list)
            FROM \(rows)
            JOIN projects AS p ON p.project_number = i.project_number
            JOIN \(versions("borrower_versions")) AS b ON b.org_no = p.borrower_org_no
            \(c.whereClause)
            ORDER BY \(order)
            """
        return ListQuery(columns: typed, sql: sql, arguments: [filter.asOf.description] + c.arguments)
    }

    static func indicators(_ filter: ListFilter) -> ListQuery {
        ofIndicators(indicatorColumns, rows: "\(versions("indicator_versions")) AS v JOIN indicators AS i ON i.indicator_id = v.indicator_id",
                     order: "i.project_number, i.seq", filter)
    }

    static let indicatorColumns: [(String, ListValueType, String)] = [
        ("indicator_id", .text, "v.indicator_id"),
        ("project_number", .integer, "i.project_number"),
        ("area", .text, "v.area"),
        ("goal", .text, "v.goal"),
        ("name", .text, "v.name"),
        ("unit", .text, "v.unit"),
        ("direction", .code(.direction), "v.direction"),
        ("baseline_value", .measure, "v.baseline_value"),
        ("baseline_year", .integer, "v.baseline_year"),
        ("target", .text, "v.target"),
        ("target_text", .text, "v.target_text"),
        ("target_year", .integer, "v.target_year"),
        ("revision", .integer, "v.revision"),
    ]

    static func readings(_ filter: ListFilter) -> ListQuery {
        ofIndicators(readingColumns, rows: "\(versions("reading_versions")) AS g JOIN indicators AS i ON i.indicator_id = g.indicator_id",
                     order: "i.project_number, i.seq, g.year", filter, year: "g.year = ?")
    }

    static let readingColumns: [(String, ListValueType, String)] = [
        ("indicator_id", .text, "g.indicator_id"),
        ("project_number", .integer, "i.project_number"),
        ("year", .integer, "g.year"),
        ("value", .measure, "g.value_text"),
        ("revision", .integer, "g.revision"),
        ("reason", .text, "g.reason"),
        ("recorded_at", .timestamp, "g.recorded_at"),
        ("recorded_by", .text, "g.recorded_by"),
        ("batch_id", .integer, "g.batch_id"),
    ]

    // MARK: batches and approvals

    static let batchColumns: [(String, ListValueType, String)] = [
        ("batch_id", .integer, "batch_id"),
        ("kind", .text, "kind"),
        ("file_name", .text, "file_name"),
        ("file_sha256", .text, "file_sha256"),
        ("rows_in_file", .integer, "rows_in_file"),
        ("rows_new", .integer, "rows_new"),
        ("rows_amended", .integer, "rows_amended"),
        ("rows_already_present", .integer, "rows_already_present"),
        ("amend", .bool, "amend"),
        ("effective_date", .date, "effective_date"),
        ("reason", .text, "reason"),
        ("recorded_at", .timestamp, "recorded_at"),
        ("recorded_by", .text, "recorded_by"),
    ]

    /// Import batches; the date filters apply to the day (UTC) each was recorded.
    static func batches(_ filter: ListFilter) -> ListQuery {
        var c = Conditions(start: 1)
        let range = filter.dateRange
        c.add("substr(recorded_at, 1, 10) >= ?", range.from)
        c.add("substr(recorded_at, 1, 10) <= ?", range.to)
        let (list, columns) = select(batchColumns)
        return ListQuery(columns: columns, sql: "SELECT \(list) FROM import_batches \(c.whereClause) ORDER BY batch_id",
                         arguments: c.arguments)
    }

    static func approvals(_ filter: ListFilter) -> ListQuery {
        var c = Conditions(start: 1)
        c.add("a.year = ?", filter.year)
        let (list, columns) = select([
            ("year", .integer, "a.year"),
            ("revision", .integer, "a.revision"),
            ("approved_on", .date, "a.approved_on"),
            ("note", .text, "a.note"),
            ("indicators", .integer, "(SELECT count(*) FROM followup_approved_statuses AS s WHERE s.approval_id = a.approval_id)"),
            ("rule_version", .text, "a.rule_version"),
            ("ledger_head_hash", .text, "a.ledger_head_hash"),
            ("recorded_at", .timestamp, "a.recorded_at"),
            ("recorded_by", .text, "a.recorded_by"),
        ])
        return ListQuery(columns: columns, sql: "SELECT \(list) FROM followup_approvals AS a \(c.whereClause) ORDER BY a.year, a.revision",
                         arguments: c.arguments)
    }

    // MARK: bonds

    /// The bonds issued on or before ?1, each in its revision in force on ?1, with whether it
    /// is outstanding then (issued on or before and maturing after ?1, as allocation counts it).
    static func bonds(_ filter: ListFilter) -> ListQuery {
        var c = Conditions()
        c.add("b.programme = ?", filter.programme?.rawValue)
        let (list, columns) = select([
            ("isin", .text, "b.isin"),
            ("programme", .code(.programme), "b.programme"),
            ("issue_date", .date, "b.issue_date"),
            ("maturity_date", .date, "b.maturity_date"),
            ("amount_ore", .ore, "b.amount_ore"),
            ("currency", .text, "b.currency"),
            ("amount_original", .hundredths, "b.amount_original_minor"),
            ("outstanding", .bool, "b.maturity_date > ?1"),
            ("revision", .integer, "b.revision"),
        ])
        let sql = """
            SELECT \(list) FROM \(versions("bond_versions")) AS b
            WHERE b.issue_date <= ?1\(c.andClause)
            ORDER BY b.issue_date, b.isin
            """
        return ListQuery(columns: columns, sql: sql, arguments: [filter.asOf.description] + c.arguments)
    }

    /// Runs the statement and collects its rows.
    func run(name: String, in db: Connection) throws -> RecordTable {
        var rows: [[ListValue]] = []
        let count = columns.count
        try db.cached(sql).forEach(arguments) { rows.append($0.listValues(count: count)) }
        return RecordTable(name: name, columns: columns, rows: rows)
    }
}

extension LedgerRead {
    /// The rows of `kind` under `filter` (`hallbar list`).
    /// - Throws: `LookupError` when a filter names a record the ledger does not hold
    ///   (`requireNamedRecords`); `SQLiteError`.
    public func list(_ kind: ListKind, _ filter: ListFilter) throws -> RecordTable {
        try requireNamedRecords(filter)
        return try ListQuery.make(kind, filter).run(name: kind.rawValue, in: db)
    }

    /// Refuses a filter that names a member, borrower, project or loan the ledger has never
    /// held: `list loans --project 77` is a mistyped number, not an empty list. A record
    /// that exists but is filtered away by another filter or the date (a project decided
    /// after `--as-of`) still gives an empty list.
    /// - Throws: `LookupError` (`noMember`, `noBorrower`, `noProject`, `noLoan`); `SQLiteError`.
    public func requireNamedRecords(_ filter: ListFilter) throws {
        func exists(_ sql: String, _ value: any SQLBindable) throws -> Bool {
            try db.scalarInt(sql, [value]) != nil
        }
        if let member = filter.member, try !exists("SELECT 1 FROM members WHERE org_no = ?", member) {
            throw LookupError.noMember(member)
        }
        if let borrower = filter.borrower, try !exists("SELECT 1 FROM borrowers WHERE org_no = ?", borrower) {
            throw LookupError.noBorrower(borrower)
        }
        if let project = filter.project, try !exists("SELECT 1 FROM projects WHERE project_number = ?", project) {
            throw LookupError.noProject(project)
        }
        if let loan = filter.loan, try !exists("SELECT 1 FROM loans WHERE loan_number = ?", loan) {
            throw LookupError.noLoan(loan)
        }
    }
}

extension LedgerRead {
    /// The loans under `filter` added up: how many, disbursed, repaid and outstanding, as
    /// of `filter.asOf` (`hallbar balance`). One row.
    /// - Throws: `LookupError` when a filter names a record the ledger does not hold
    ///   (`requireNamedRecords`); `SQLiteError` (an integer overflow in a sum included).
    public func balance(_ filter: ListFilter) throws -> RecordTable {
        try requireNamedRecords(filter)
        let loans = ListQuery.loans(filter)
        let columns = [ListColumn("loans", .integer), ListColumn("disbursed_ore", .ore), ListColumn("repaid_ore", .ore),
                       ListColumn("outstanding_ore", .ore)]
        let sql = """
            SELECT count(*), coalesce(sum(disbursed_ore), 0), coalesce(sum(repaid_ore), 0), coalesce(sum(outstanding_ore), 0)
            FROM (\(loans.sql))
            """
        return try ListQuery(columns: columns, sql: sql, arguments: loans.arguments).run(name: "balance", in: db)
    }
}
