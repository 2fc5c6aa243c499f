import Ledger
import SQLite

/// What a value of a list column is, so that each output format can show it its way:
/// amounts as kronor for people and öre for programs, dates as dates in a workbook.
public enum ListValueType: Sendable, Hashable {
    /// Free text or a code (`green`, `disbursement`).
    case text
    /// A whole number (a count, a year, a project number).
    case integer
    /// An amount in öre.
    case ore
    /// A date `YYYY-MM-DD`, stored as text.
    case date
    /// A yes/no value stored as 0/1.
    case bool
    /// A UTC timestamp as stored (`2026-12-05T19:23:39.798Z`).
    case timestamp
    /// An indicator's value as stored: a number ("86.0", "-44,4"), a range ("97-98 %") or a
    /// text ("Ja"). A number is a number in every format but JSON (which keeps the text).
    case measure
    /// A code of a closed vocabulary (`green`, `approved`): JSON and CSV carry the code,
    /// table, Markdown, HTML and the spreadsheets its label in the output's language.
    case code(ListVocabulary)
    /// An amount in hundredths of a currency's unit, stored as an integer (a bond's original
    /// nominal, its currency in a column of its own): a number with two decimals for programs
    /// (`1800000.00`), a number in a workbook, grouped for people.
    case hundredths
}

/// The vocabularies whose codes a list holds (`ListValueType.code`).
public enum ListVocabulary: Sendable, Hashable {
    /// `Programme`: green, social, other.
    case programme
    /// `ProjectStatus`: approved, rejected, withdrawn, completed.
    case projectStatus
    /// A project's stored category: a `GreenCategory` token or a social category's name.
    case category
    /// `EntryKind`: disbursement, repayment, reversal.
    case entryKind
    /// `Direction`: higher, lower, none.
    case direction
}

/// A column of a list: its key (the JSON key and CSV header) and its type.
public struct ListColumn: Sendable, Hashable {
    /// The key, as in cli.md (`loan_number`, `outstanding_ore`).
    public let key: String
    /// How its values are shown.
    public let type: ListValueType

    /// A column.
    public init(_ key: String, _ type: ListValueType) {
        self.key = key
        self.type = type
    }
}

/// One stored value of a list, without SQLite's types.
public enum ListValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case text(String)

    /// The integer, or nil.
    public var integer: Int64? { if case .integer(let v) = self { return v } else { return nil } }
    /// The text, or nil.
    public var text: String? { if case .text(let t) = self { return t } else { return nil } }
    /// True for NULL.
    public var isNull: Bool { self == .null }

    init(_ value: SQLValue) {
        switch value {
        case .null: self = .null
        case .integer(let v): self = .integer(v)
        case .text(let t): self = .text(t)
        case .real(let v): self = .text(String(v))
        case .blob(let b): self = .text(SHA256.hex(b))
        }
    }
}

/// Rows under named, typed columns: one list (`hallbar list loans`) or one table of a
/// record's details (a loan's entries).
public struct RecordTable: Sendable, Hashable {
    /// The table's name: the JSON key its rows go under (`loans`, `entries`).
    public let name: String
    /// Where the JSON puts it: nil at the top level, else under this key (`first_rows`).
    public let group: String?
    public let columns: [ListColumn]
    public internal(set) var rows: [[ListValue]]

    /// A table.
    public init(name: String, group: String? = nil, columns: [ListColumn], rows: [[ListValue]]) {
        self.name = name
        self.group = group
        self.columns = columns
        self.rows = rows
    }

    /// The index of the column `key`, if any.
    public func column(_ key: String) -> Int? { columns.firstIndex { $0.key == key } }

    /// The value of column `key` in row `row` (`.null` when there is no such column).
    public func value(_ key: String, row: Int) -> ListValue {
        guard let c = column(key), rows.indices.contains(row) else { return .null }
        return rows[row][c]
    }
}

/// One record in detail (`hallbar show loan 230101`): its fields, then tables of what
/// belongs to it (entries, revisions, indicators …).
public struct RecordDetail: Sendable, Hashable {
    /// The kind of record (`loan`, `project`, `batch`, `entry`) and its key as given.
    public let kind: String
    public let key: String
    /// The record's own fields, one row.
    public let fields: RecordTable
    /// What belongs to it, in the order shown.
    public let tables: [RecordTable]
}

extension Statement {
    /// The current row's values in `columns` order (the statement's first columns).
    func listValues(count: Int) -> [ListValue] {
        (0..<count).map { ListValue(value($0)) }
    }
}
