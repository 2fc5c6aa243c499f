import Ledger
import SQLite

/// What an amendment recorded.
public struct AmendResult: Sendable, Equatable {
    public let kind: RecordKind
    /// The record as the messages name it ("project 12").
    public let label: String
    /// The new revision's number.
    public let revision: Int
    /// The date it takes effect.
    public let effectiveDate: String
    /// The fields that changed, with their old and new values, in field order.
    public let changes: [FieldChange]
}

/// One field's change between two revisions.
public struct FieldChange: Sendable, Equatable {
    public let field: String
    public let from: SQLValue
    public let to: SQLValue
}

/// Amendments: a change of a record is a new revision with who, when, why and the date it
/// takes effect; nothing is overwritten. The same rules serve `hallbar amend` (options)
/// and `hallbar import --amend` (a file's rows).
enum Revisions {
    /// Applies command-line options (`--title`, `--approved-sek` …) to the record's current
    /// state and gives the new state. Each option is checked by the field rules of an import.
    static func applying(options: [(name: String, text: String)], to state: RecordState, of history: RecordHistory,
                         in db: Connection) throws -> RecordState {
        var next = state
        let kind = history.kind
        for (name, text) in options {
            func set(_ column: String, _ value: SQLValue) { next.values[column] = value }
            func parse<T>(_ rule: (String) throws(FieldError) -> T) throws -> T { try Options.parse(name, text, rule) }
            func optional<T>(_ rule: (String) throws(FieldError) -> T) throws -> T? {
                let trimmed = text.trimmingSpaces()
                if trimmed.isEmpty || trimmed.lowercased() == "none" { return nil }
                return try Options.parse(name, text, rule)
            }
            switch (kind, name) {
            case (.member, "name"), (.borrower, "name"), (.project, "title"), (.indicator, "name"):
                set(name == "title" ? "title" : "name", .text(try parse { t throws(FieldError) in try FieldRules.nonBlank(t, what: "the \(name)") }))
            case (.member, "municipality-code"):
                set("municipality_code", (try optional(FieldRules.municipalityCode)).map(SQLValue.text) ?? .null)
            case (.borrower, "owner-org-no"):
                set("owner_org_no", .text(try parse(FieldRules.orgNumber)))
            case (.project, "category"):
                set("category", .text(text))
            case (.project, "status"):
                set("status", .text(try parse { t throws(FieldError) in try FieldRules.token(t, ProjectStatus.self) }.rawValue))
            case (.project, "approved-sek"):
                set("approved_ore", .integer(try parse(FieldRules.commandLineAmount)))
            case (.project, "total-cost-sek"):
                set("total_cost_ore", (try optional(FieldRules.commandLineAmount)).map(SQLValue.integer) ?? .null)
            case (.project, "framework-version"):
                set("framework_version", (try optional { t throws(FieldError) in t }).map(SQLValue.text) ?? .null)
            case (.loan, "green-bond-eligible"):
                set("green_bond_eligible", .integer(try parse(FieldRules.bool) ? 1 : 0))
            case (.loan, "project"):
                let number = try optional { t throws(FieldError) in
                    try FieldRules.integer(t.hasPrefix("#") ? String(t.dropFirst()) : t, in: 1...Int64.max, what: "a project number")
                }
                set("project_number", number.map(SQLValue.integer) ?? .null)
            case (.loan, "programme"):
                set("programme", .text(try parse { t throws(FieldError) in try FieldRules.token(t, Programme.self) }.rawValue))
            case (.indicator, "unit"):
                set("unit", (try optional { t throws(FieldError) in t }).map(SQLValue.text) ?? .null)
            case (.indicator, "direction"):
                set("direction", .text(try parse { t throws(FieldError) in try FieldRules.token(t, Direction.self) }.rawValue))
            case (.indicator, "target"):
                set("target", .text(try parse(FieldRules.target).render()))
            case (.indicator, "target-text"):
                set("target_text", (try optional { t throws(FieldError) in t }).map(SQLValue.text) ?? .null)
            case (.indicator, "target-year"):
                set("target_year", (try optional(FieldRules.year)).map(SQLValue.integer) ?? .null)
            case (.indicator, "baseline-value"):
                set("baseline_value", (try optional(FieldRules.quantity)).map(SQLValue.text) ?? .null)
            case (.indicator, "baseline-year"):
                set("baseline_year", (try optional(FieldRules.year)).map(SQLValue.integer) ?? .null)
            case (.reading, "value"):
                let reading = try parse(FieldRules.reading)
                for (column, value) in ReadingRow.columns(reading) { set(column, value) }
            case (.reference, "value"):
                set("value", .text(try parse(FieldRules.quantity)))
            case (.bond, "issue-date"), (.bond, "maturity-date"):
                set(name == "issue-date" ? "issue_date" : "maturity_date", .text(try parse(FieldRules.day)))
            case (.bond, "amount-sek"):
                set("amount_ore", .integer(try parse(FieldRules.commandLineAmount)))
            case (.bond, "currency"):
                set("currency", (try optional { t throws(FieldError) in t.trimmingSpaces().uppercased() }).map(SQLValue.text) ?? .null)
            case (.bond, "amount-original"):
                set("amount_original_minor", (try optional(FieldRules.commandLineAmount)).map(SQLValue.integer) ?? .null)
            case (.metric, "value"):
                set("value", .text(try parse(FieldRules.nonNegativeQuantity)))
            case (.factor, "g-per-kwh"):
                set("g_per_kwh", .text(try parse(FieldRules.nonNegativeQuantity)))
            case (.factor, "source"):
                set("source", .text(try parse { t throws(FieldError) in try FieldRules.nonBlank(t, what: "the source") }))
            case (.housing, _):
                try HousingFigures.apply(option: name, text: text, to: &next)
            default:
                throw Options.refusal(name, "cannot be amended for a \(kind.rawValue)")
            }
        }
        try normalise(&next, kind: kind, in: db)
        return next
    }

    /// Fields that follow from others: a loan that is not green has no green-bond
    /// eligibility, and other lending no project.
    static func normalise(_ state: inout RecordState, kind: RecordKind, in db: Connection) throws {
        guard kind == .loan else { return }
        if state["programme"].string != Programme.green.rawValue { state.values["green_bond_eligible"] = .null }
        if state["programme"].string == Programme.other.rawValue { state.values["project_number"] = .null }
    }

    /// Records `next` as the record's new revision, after every rule of the kind holds.
    ///
    /// - Parameters:
    ///   - effective: the date it takes effect (today unless `--date` says otherwise).
    ///   - batchID: the import batch for `import --amend`.
    /// - Throws: `ImportFailure` (nothing changed, an empty reason, a date before the
    ///   record's start or its latest revision or in a closed period, a rule of the kind).
    static func record(_ next: RecordState, of history: RecordHistory, reason: String, effective: Day, batchID: Int64?,
                       in tx: LedgerWrite) throws -> AmendResult {
        let kind = history.kind
        let current = history.current
        let changes = kind.fields.compactMap { field -> FieldChange? in
            current[field] == next[field] ? nil : FieldChange(field: field, from: current[field], to: next[field])
        }
        guard !changes.isEmpty else {
            throw Options.refusal("nothing to change: \(kind.label(history.label)) already has these values (revision "
                + "\(current.revision)); nothing was recorded")
        }
        let why = try Options.reason(reason)
        let date = effective.description
        if date < history.startDate {
            throw Options.refusal("date", "\(date) is before \(kind.label(history.label)) existed (it takes effect from "
                + "\(history.startDate)); a change cannot take effect earlier")
        }
        if date < current.validFrom {
            throw Options.refusal("date", "\(date) is before revision \(current.revision) of \(kind.label(history.label)), which "
                + "takes effect on \(current.validFrom); a change takes effect no earlier than the revision it follows")
        }
        if let refusal = try PeriodCloses.state(in: tx.db)?.refusal(on: date, what: "amendment") {
            throw Options.refusal("date", refusal)
        }
        try check(next, of: history, changes: changes, date: date, in: tx.db)
        let revision = current.revision + 1
        let values = history.key + [.integer(Int64(revision)), .text(date)] + kind.fields.map { next[$0] }
            + [.text(why), .text(tx.stamp.at), .text(tx.stamp.by), batchID.map(SQLValue.integer) ?? .null]
        try tx.chain.append(kind.revisionTable, values)
        try checkAfter(next, of: history, previous: current, in: tx.db)
        return AmendResult(kind: kind, label: history.label, revision: revision, effectiveDate: date, changes: changes)
    }

    /// The rules a new revision must keep, besides those of its fields.
    private static func check(_ state: RecordState, of history: RecordHistory, changes: [FieldChange], date: String,
                              in db: Connection) throws {
        switch history.kind {
        case .project:
            let programme = state["programme"].string ?? ""
            let category = state["category"].string ?? ""
            let categories = programme == Programme.social.rawValue ? FieldRules.socialCategories : FieldRules.greenCategories
            if !categories.contains(category) {
                throw Options.refusal("category", "\"\(category)\" is not a \(programme) category: expected one of "
                    + categories.map { "\"\($0)\"" }.joined(separator: ", "))
            }
            if programme == Programme.social.rawValue, !state["framework_version"].isNull {
                throw Options.refusal("framework-version", "a social project has no framework version (green projects only)")
            }
            if let total = state["total_cost_ore"].int64, let approved = state["approved_ore"].int64, total < approved {
                throw Options.refusal("total-cost-sek", "the project's total cost (\(MoneyFormat.message(total))) is below its "
                    + "approved amount (\(MoneyFormat.message(approved)))")
            }
        case .loan:
            let programme = state["programme"].string ?? ""
            if programme == Programme.green.rawValue, state["green_bond_eligible"].isNull {
                throw Options.refusal("green-bond-eligible", "a green loan needs --green-bond-eligible true or false")
            }
            if programme != Programme.other.rawValue {
                guard let project = state["project_number"].int64 else {
                    throw Options.refusal("project", "a \(programme) loan finances a \(programme) project: give --project")
                }
                guard let found = try db.row("""
                    SELECT p.programme, p.status, p.borrower_org_no, p.decision_date, b.owner_org_no
                    FROM projects_current p JOIN borrowers_current b ON b.org_no = p.borrower_org_no WHERE p.project_number = ?
                    """, [project]) else { throw Options.refusal("project", "no project \(project)") }
                if found.string("programme") != programme {
                    throw Options.refusal("programme", "\(programme) does not match project \(project)'s programme \(found.string("programme") ?? "")")
                }
                let moved = changes.contains { $0.field == "project_number" || $0.field == "programme" }
                if moved, let status = found.string("status"), status == "rejected" || status == "withdrawn" {
                    throw Options.refusal("project", "project \(project) is \(status); no loan may finance it")
                }
                // A loan moves onto another project only from before its first entry (a correction
                // from the start): every report then counts each entry on the same project, whether
                // it looks at the entry's value date or at the loan as of a later date.
                if changes.contains(where: { $0.field == "project_number" }),
                   let first = try db.scalarText("""
                       SELECT min(e.value_date) FROM ledger_entries e JOIN loans l ON l.loan_id = e.loan_id WHERE l.loan_id = ?
                       """, [history.key.first?.int64 ?? 0]), first < date {
                    throw Options.refusal("date", "loan \(history.label) has entries from \(first): it moves to project \(project) "
                        + "only from its first entry or earlier (a correction: --date \(first)); new financing of project \(project) "
                        + "is a new loan")
                }
                if let decided = found.string("decision_date"), date < decided {
                    throw Options.refusal("date", "\(date) is before project \(project) was decided (\(decided)); a loan "
                        + "that finances it cannot change earlier")
                }
                let borrower = state["borrower_org_no"].string ?? ""
                let owner = try db.scalarText("SELECT owner_org_no FROM borrowers_current WHERE org_no = ?", [borrower])
                if found.string("borrower_org_no") != borrower && found.string("owner_org_no") != owner {
                    throw Options.refusal("project", "the loan's borrower \(borrower) is neither project \(project)'s borrower "
                        + "nor owned by the same member")
                }
            }
        case .borrower:
            let owner = state["owner_org_no"].string ?? ""
            if try db.scalarInt("SELECT count(*) FROM members WHERE org_no = ?", [owner]) != 1 {
                throw Options.refusal("owner-org-no", "no member \(owner)")
            }
            if changes.contains(where: { $0.field == "owner_org_no" }), let me = history.key.first?.string,
               let loan = try db.row("""
                   SELECT l.loan_number, p.project_number, p.borrower_org_no, l.borrower_org_no
                   FROM loans_current l JOIN projects_current p ON p.project_number = l.project_number
                   JOIN borrowers_current pb ON pb.org_no = p.borrower_org_no
                   JOIN borrowers_current lb ON lb.org_no = l.borrower_org_no
                   WHERE l.borrower_org_no <> p.borrower_org_no
                     AND ((l.borrower_org_no = ?1 AND pb.owner_org_no <> ?2) OR (p.borrower_org_no = ?1 AND lb.owner_org_no <> ?2))
                   ORDER BY l.loan_number LIMIT 1
                   """, [me, owner]) {
                throw Options.refusal("owner-org-no", "loan \(loan[0].string ?? "?") of borrower "
                    + "\(loan[3].string ?? "?") finances project \(loan[1]) of borrower "
                    + "\(loan[2].string ?? "?"); with \(me) owned by \(owner) the two would no longer belong to the same member")
            }
        case .indicator:
            let target = (try? Target.parse(state["target"].string ?? "")) ?? .text("")
            let direction = Direction(rawValue: state["direction"].string ?? "") ?? .none
            if let implied = target.impliedDirection, direction != .none, direction != implied {
                throw Options.refusal("target", "\(target.render()) contradicts direction \(direction.rawValue)")
            }
            if !state["baseline_value"].isNull && state["baseline_year"].isNull {
                throw Options.refusal("baseline-year", "a baseline value needs its year")
            }
        case .bond:
            try AllocationRecords.checkBond(state, isin: history.key.first?.string ?? "")
        case .metric:
            if let project = history.key.first?.int64, let year = history.key.dropFirst().first?.int64,
               let refusal = try AllocationRecords.metricRefusal(project: project, year: Int(year), in: db) {
                let message = refusal.message(project: project, year: Int(year))
                throw refusal.column == "year" ? Options.refusal("year", message) : Options.refusal(message)
            }
        case .housing:
            try HousingFigures.check(state, key: history.key)
        case .member, .reading, .reference, .factor:
            break
        }
    }

    /// The rules that need the revision in place: a project's loans never disburse more
    /// than its approved amount in force on the value date, no disbursement falls on a
    /// day its loan's project is rejected or withdrawn (a withdrawal dated before an
    /// existing disbursement, or a loan moved onto such a project, is refused), and a
    /// borrower's new owner leaves one housing company per municipality and year
    /// (`HousingMunicipality`).
    private static func checkAfter(_ state: RecordState, of history: RecordHistory, previous: RecordState, in db: Connection) throws {
        var capped = Set<Int64>()
        var statuses = Set<Int64>()
        switch history.kind {
        case .project:
            guard let number = history.key.first?.int64 else { return }
            if state["approved_ore"] != previous["approved_ore"] { capped.insert(number) }
            if state["status"] != previous["status"] { statuses.insert(number) }
            if state["status"] != previous["status"] { try AllocationRecords.checkMetricYears(project: number, option: "status", in: db) }
        case .loan:
            for value in [state["project_number"], previous["project_number"]] { if let n = value.int64 { capped.insert(n) } }
            if let moved = state["project_number"].int64, state["project_number"] != previous["project_number"] { statuses.insert(moved) }
        case .borrower:
            // A new owner must not give a municipality a second housing company in a year.
            guard state["owner_org_no"] != previous["owner_org_no"], let me = history.key.first?.string,
                  let conflict = try HousingMunicipality.conflicts(of: me, in: db).first else { return }
            throw Options.refusal("owner-org-no", "with this owner, \(conflict.municipality) would have housing figures for "
                + "\(conflict.year) on two borrowers, \(me) and \(conflict.other); " + HousingMunicipality.rule)
        default:
            return
        }
        if !statuses.isEmpty, let found = try LedgerInvariants.disbursementsOnClosedProjects(in: db, projects: statuses, limit: 1).first {
            let message = history.kind == .project
                ? "project \(found.project) would be \(found.status) on \(found.valueDate), the value date of disbursement "
                    + "\(found.entry) of loan \(found.loan); a project is rejected or withdrawn only after its last disbursement"
                : "loan \(found.loan) would finance project \(found.project), \(found.status) on \(found.valueDate), the value "
                    + "date of its disbursement \(found.entry); no loan may finance a rejected or withdrawn project"
            throw Options.refusal("date", message)
        }
        if let excess = try ProjectCap.excesses(projects: capped, in: db).first {
            throw Options.refusal(history.kind == .project ? "approved-sek" : "project", excess.message)
        }
    }
}

extension LedgerWrite {
    /// `hallbar amend KIND KEY --field value … --reason TEXT [--date D]`.
    /// - Parameters:
    ///   - key: the record's key (a project number, a loan number, an org number, an
    ///     indicator id, a reference series name).
    ///   - year: the year of a reading or reference value.
    ///   - options: the changed fields as (option name, text), in the order given.
    ///   - date: when the change takes effect (today when nil).
    /// - Throws: `ImportFailure` (exit 65): an unknown key, no change, a missing reason, a
    ///   bad value or date; nothing is written then.
    public func amend(_ kind: RecordKind, key: String, year: String? = nil, options: [(name: String, text: String)],
                      reason: String, date: String?) throws -> AmendResult {
        let yearValue = try year.map { try Options.parse("year", $0, FieldRules.year) }
        try RecordHistory.requirePlainKey(key, kind: kind)
        guard let history = try RecordHistory.find(kind, key: key, year: yearValue, in: db) else {
            let what = yearValue.map { "\(kind.label(key)) for \($0)" } ?? kind.label(key)
            throw Options.refusal("no \(what): nothing to amend")
        }
        let effective = try Options.effectiveDate(date)
        let next = try Revisions.applying(options: options, to: history.current, of: history, in: db)
        return try Revisions.record(next, of: history, reason: reason, effective: effective, batchID: nil, in: self)
    }
}
