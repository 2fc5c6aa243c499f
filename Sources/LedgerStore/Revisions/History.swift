import Ledger
import SQLite

/// Every revision of one record: who, when, why, and what changed (`hallbar history`).
public struct RecordRevisions: Sendable {
    /// One revision.
    public struct Revision: Sendable {
        public let revision: Int
        /// The date it takes effect ("0000-01-01": from the beginning).
        public let effectiveDate: String
        public let recordedAt: String
        public let recordedBy: String
        /// Why (nil for revision 1).
        public let reason: String?
        /// The import batch it came with, and that batch's file.
        public let batchID: Int64?
        public let file: String?
        /// The fields it set (revision 1: every field, from nothing) or changed.
        public let changes: [FieldChange]
    }

    public let kind: RecordKind
    /// The key as messages name it.
    public let key: String
    public let revisions: [Revision]
}

/// A stored value, described without exposing SQLite's types.
public struct SQLValueDescription: Sendable, Equatable {
    /// The value as text ("approved", "8000000000"), or nil for NULL.
    public let raw: String?
    /// True for an integer.
    public let isInteger: Bool
    /// The integer, when it is one.
    public let integer: Int64?
    /// "(none)" for NULL, else `raw`.
    public var text: String { raw ?? "(none)" }
}

extension FieldChange {
    /// The old value, described.
    public var fromValue: SQLValueDescription { FieldChange.describe(from) }
    /// The new value, described.
    public var toValue: SQLValueDescription { FieldChange.describe(to) }

    static func describe(_ value: SQLValue) -> SQLValueDescription {
        switch value {
        case .null: return SQLValueDescription(raw: nil, isInteger: false, integer: nil)
        case .integer(let v): return SQLValueDescription(raw: String(v), isInteger: true, integer: v)
        case .text(let t): return SQLValueDescription(raw: t, isInteger: false, integer: nil)
        case .real(let v): return SQLValueDescription(raw: String(v), isInteger: false, integer: nil)
        case .blob(let b): return SQLValueDescription(raw: "x'" + SHA256.hex(b) + "'", isInteger: false, integer: nil)
        }
    }
}

extension LedgerRead {
    /// Every revision of the record `key` of `kind` (`year` for a reading or reference value).
    /// - Throws: `ImportFailure` (exit 65) when there is no such record.
    public func history(_ kind: RecordKind, key: String, year: String? = nil) throws -> RecordRevisions {
        let yearValue = try year.map { try Options.parse("year", $0, FieldRules.year) }
        if kind.needsYear, yearValue == nil {
            throw Options.refusal("year", "a \(kind.rawValue) is named by its key and --year")
        }
        try RecordHistory.requirePlainKey(key, kind: kind)
        guard let history = try RecordHistory.find(kind, key: key, year: yearValue, in: db) else {
            throw Options.refusal("no \(kind.label(key))\(yearValue.map { " for \($0)" } ?? "")")
        }
        var files: [Int64: String] = [:]
        for row in try db.rows(RecordHistory.batchFilesSQL) {
            if let id = row[0].int64 { files[id] = row[1].string }
        }
        var previous: RecordState?
        let revisions = history.states.map { state -> RecordRevisions.Revision in
            let fields = kind.fields + (previous == nil ? kind.fixedFields : [])
            let changes = fields.compactMap { field -> FieldChange? in
                let before = previous?[field] ?? .null
                return before == state[field] && previous != nil ? nil : FieldChange(field: field, from: before, to: state[field])
            }.filter { previous != nil || $0.to != .null }
            previous = state
            return RecordRevisions.Revision(
                revision: state.revision, effectiveDate: state.validFrom, recordedAt: state.recordedAt, recordedBy: state.recordedBy,
                reason: state.reason, batchID: state.batchID, file: state.batchID.flatMap { files[$0] }, changes: changes)
        }
        return RecordRevisions(kind: kind, key: history.label, revisions: revisions)
    }
}
