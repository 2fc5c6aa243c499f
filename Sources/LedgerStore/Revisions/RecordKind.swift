import Ledger
import SQLite

/// A kind of record that changes by revision: `amend KIND`, `history KIND`, `import --amend`.
public enum RecordKind: String, CaseIterable, Sendable {
    case member, borrower, project, loan, indicator, reading, reference
    /// Migration 0005: a bond, an impact metric, an emission factor.
    case bond, metric, factor
    /// A borrower's housing-company figures for one year (migration 0006), named by org number and year.
    case housing

    /// The table holding revision 1.
    var baseTable: ChainedTable {
        switch self {
        case .member: return .members
        case .borrower: return .borrowers
        case .project: return .projects
        case .loan: return .loans
        case .indicator: return .indicators
        case .reading: return .readings
        case .reference: return .referenceValues
        case .bond: return .bonds
        case .metric: return .impactMetrics
        case .factor: return .emissionFactors
        case .housing: return .housingCompanyYears
        }
    }

    /// The table holding revisions 2, 3 ….
    var revisionTable: ChainedTable {
        switch self {
        case .member: return .memberRevisions
        case .borrower: return .borrowerRevisions
        case .project: return .projectRevisions
        case .loan: return .loanRevisions
        case .indicator: return .indicatorRevisions
        case .reading: return .readingRevisions
        case .reference: return .referenceValueRevisions
        case .bond: return .bondRevisions
        case .metric: return .impactMetricRevisions
        case .factor: return .emissionFactorRevisions
        case .housing: return .housingCompanyYearRevisions
        }
    }

    /// The view with every revision and its valid_from / valid_until.
    var versionsView: String {
        switch self {
        case .member: return "member_versions"
        case .borrower: return "borrower_versions"
        case .project: return "project_versions"
        case .loan: return "loan_versions"
        case .indicator: return "indicator_versions"
        case .reading: return "reading_versions"
        case .reference: return "reference_value_versions"
        case .bond: return "bond_versions"
        case .metric: return "impact_metric_versions"
        case .factor: return "emission_factor_versions"
        case .housing: return "housing_company_year_versions"
        }
    }

    /// The columns that identify the record in its revision table (and its versions view).
    var keyColumns: [String] {
        switch self {
        case .member, .borrower: return ["org_no"]
        case .project: return ["project_number"]
        case .loan: return ["loan_id"]
        case .indicator: return ["indicator_id"]
        case .reading: return ["reading_id"]
        case .reference: return ["name", "year"]
        case .bond: return ["isin"]
        case .metric: return ["project_number", "year", "metric", "basis"]
        case .factor: return ["name", "applies_from"]
        case .housing: return ["borrower_org_no", "year"]
        }
    }

    /// The columns a revision holds, in the revision table's order: every field that can change.
    var fields: [String] {
        let columns = revisionTable.columns
        guard let start = columns.firstIndex(of: "effective_date"), let end = columns.firstIndex(of: "reason") else { return [] }
        return Array(columns[(start + 1)..<end])
    }

    /// Fields of revision 1 that never change (the same in the file, or it is refused).
    var fixedFields: [String] {
        switch self {
        case .project:
            return ["programme", "borrower_org_no", "decision_date", "investment_type", "req_practice_innovation_quality",
                    "req_systematic_work", "req_defined_target_group", "req_long_term", "req_goals_and_evaluation",
                    "physical_investment", "social_intervention", "social_goals"]
        case .indicator: return ["project_number"]
        case .bond: return ["programme"]
        default: return []
        }
    }

    /// True when a record is named by its key and a year (`--year`).
    public var needsYear: Bool { self == .reading || self == .reference || self == .metric || self == .housing }

    /// The word used in messages: "project 12", "loan 230101".
    func label(_ key: String) -> String { "\(rawValue) \(key)" }
}

/// One record's state in one revision: its changeable fields by column.
public struct RecordState: Sendable, Equatable {
    /// The revision number (1 for the base row).
    public var revision: Int
    /// The date it takes effect ("0000-01-01": from the beginning).
    public var validFrom: String
    /// Every field of `RecordKind.fields` (and the fixed ones), by column.
    public var values: [String: SQLValue]
    /// Why (nil for revision 1).
    public var reason: String?
    public var recordedAt: String
    public var recordedBy: String
    public var batchID: Int64?

    subscript(_ column: String) -> SQLValue { values[column] ?? .null }
}

/// A record found by its key: the internal key values and every revision so far.
struct RecordHistory {
    let kind: RecordKind
    /// The key as the user wrote it ("230101", "A-1 2023").
    let label: String
    /// The values of `kind.keyColumns`.
    let key: [SQLValue]
    /// Revision 1 first.
    let states: [RecordState]
    /// The earliest date a revision may take effect (a project's decision date).
    let startDate: String

    var current: RecordState { states[states.count - 1] }

    /// Finds the record `key` of `kind` (`year` for readings, references and metrics).
    ///
    /// A metric's key is "PROJECT METRIC BASIS" and a factor's "NAME VALID_FROM" (words
    /// separated by spaces or `/`): "5002 energy_saved_mwh actual", "electricity 2023-01-01".
    /// - Returns: nil when there is none.
    static func find(_ kind: RecordKind, key text: String, year: Int64?, in db: Connection) throws -> RecordHistory? {
        let key: [SQLValue]
        var label = text
        switch kind {
        case .member, .borrower:
            guard let org = try? FieldRules.orgNumber(text) else { return nil }
            key = [.text(org)]
            label = org
        case .project:
            let digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
            guard let number = Int64(digits), number > 0 else { return nil }
            key = [.integer(number)]
            label = String(number)
        case .loan:
            guard let id = try db.scalarInt(loanIDSQL, [text]) else { return nil }
            key = [.integer(id)]
        case .indicator:
            key = [.text(text)]
        case .reading:
            guard let year, let id = try db.scalarInt("SELECT reading_id FROM readings WHERE indicator_id = ? AND year = ?", [text, year])
            else { return nil }
            key = [.integer(id)]
            label = "\(text) \(year)"
        case .reference:
            guard let year else { return nil }
            key = [.text(text), .integer(year)]
            label = "\(text) \(year)"
        case .bond:
            key = [.text(text)]
        case .metric:
            let words = RecordHistory.words(text)
            guard let year, words.count == 3, let project = Int64(words[0]) else { return nil }
            key = [.integer(project), .integer(year), .text(words[1]), .text(words[2])]
            label = "\(project) \(year) \(words[1]) \(words[2])"
        case .factor:
            let words = RecordHistory.words(text)
            guard words.count == 2 else { return nil }
            key = [.text(words[0]), .text(words[1])]
            label = "\(words[0]) \(words[1])"
        case .housing:
            guard let year, let org = try? FieldRules.orgNumber(text) else { return nil }
            key = [.text(org), .integer(year)]
            label = "\(org) \(year)"
        }
        return try load(kind, key: key, label: label, in: db)
    }

    /// Refuses a key that holds a stray character: a space other than U+0020 (which separates
    /// the words of a metric's or a factor's key), a control or an invisible format character,
    /// as "240002" + U+00A0 pasted from a spreadsheet; named by its position, never printed raw.
    /// - Throws: `ImportFailure` (exit 65).
    static func requirePlainKey(_ key: String, kind: RecordKind) throws {
        for (offset, scalar) in key.unicodeScalars.enumerated() where scalar != " "
            && (scalar.properties.isWhitespace || TextRules.isControl(scalar) || TextRules.isFormat(scalar)) {
            throw Options.refusal("the \(kind.rawValue) key \(TextRules.quoted(key)) has \(TextRules.describe(scalar)) at position \(offset + 1)")
        }
    }

    /// The words of a key of several parts: split at spaces and `/`.
    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "/" }).map(String.init)
    }

    /// A loan's internal id by its number (`history loan`; bench/history-loan.sql).
    static let loanIDSQL = "SELECT loan_id FROM loans WHERE loan_number = ?"
    /// The files of the import batches, named beside the revisions they wrote.
    static let batchFilesSQL = "SELECT batch_id, file_name FROM import_batches"
    /// The decision date of a loan's first project: the earliest date its revisions take effect.
    static let loanStartSQL = "SELECT decision_date FROM projects WHERE project_number = ?"

    /// The statement that reads every revision of one record of `kind`, bound to the values
    /// of `kind.keyColumns` (bench/history-loan.sql holds the loan's; a test compares them).
    static func revisionsSQL(_ kind: RecordKind) -> String {
        let columns = kind.fields + kind.fixedFields
        let filter = kind.keyColumns.map { "\($0) = ?" }.joined(separator: " AND ")
        return "SELECT revision, valid_from, reason, recorded_at, recorded_by, batch_id, \(columns.joined(separator: ", ")) "
            + "FROM \(kind.versionsView) WHERE \(filter) ORDER BY revision"
    }

    /// Every revision of the record with internal key `key`, or nil when it does not exist.
    static func load(_ kind: RecordKind, key: [SQLValue], label: String, in db: Connection) throws -> RecordHistory? {
        let columns = kind.fields + kind.fixedFields
        var states: [RecordState] = []
        try db.cached(revisionsSQL(kind)).forEach(key) { row in
            var values: [String: SQLValue] = [:]
            for (offset, column) in columns.enumerated() { values[column] = row.value(6 + offset) }
            states.append(RecordState(
                revision: Int(row.int64(0)), validFrom: row.text(1) ?? "0000-01-01", values: values, reason: row.text(2),
                recordedAt: row.text(3) ?? "", recordedBy: row.text(4) ?? "", batchID: row.isNull(5) ? nil : row.int64(5)))
        }
        guard let first = states.first else { return nil }
        return RecordHistory(kind: kind, label: label, key: key, states: states,
                             startDate: try start(kind, key: key, first: first, in: db))
    }

    /// The earliest date a revision of the record may take effect: the day it began to
    /// exist in the business. A project: its decision date; a loan: the decision date of the
    /// project it was recorded for; an indicator: its project's decision date; a reading or
    /// a reference value or an impact metric: the first day of its year; a bond: its issue
    /// date; an emission factor: the date it applies from; a housing company's figures: the
    /// first day of their year. Members and borrowers exist from
    /// the start (a correction of one may take effect from any date).
    private static func start(_ kind: RecordKind, key: [SQLValue], first: RecordState, in db: Connection) throws -> String {
        let earliest = "0000-01-01"
        switch kind {
        case .project:
            return first.validFrom
        case .loan:
            guard let project = first["project_number"].int64 else { return earliest }
            return try db.scalarText(loanStartSQL, [project]) ?? earliest
        case .indicator:
            return try db.scalarText("""
                SELECT p.decision_date FROM indicators i JOIN projects p ON p.project_number = i.project_number
                WHERE i.indicator_id = ?
                """, key) ?? earliest
        case .reading:
            return try db.scalarInt("SELECT year FROM readings WHERE reading_id = ?", key).map { "\($0)-01-01" } ?? earliest
        case .reference:
            return key.last?.int64.map { "\($0)-01-01" } ?? earliest
        case .metric:
            return key.count > 1 ? key[1].int64.map { "\($0)-01-01" } ?? earliest : earliest
        case .bond:
            return first["issue_date"].string ?? earliest
        case .factor:
            return key.last?.string ?? earliest
        case .housing:
            return key.last?.int64.map { "\($0)-01-01" } ?? earliest
        case .member, .borrower:
            return earliest
        }
    }
}
