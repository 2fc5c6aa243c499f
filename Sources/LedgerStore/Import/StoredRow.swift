import Ledger
import SQLite

/// What happened to one row of a file.
enum RowOutcome: Sendable {
    /// Inserted.
    case new
    /// A row with this key and the same content was already there: skipped.
    case alreadyPresent
    /// Refused; the problem has been recorded.
    case refused
    /// Held for a multi-row insert; counted by `ImportKindDefinition.flushPending()`.
    case deferred
}

/// How a kind finds a stored row by its key and which columns must be equal for a
/// re-imported row to count as "already present".
struct StoredComparison {
    /// `SELECT <compared columns…>, batch_id FROM … WHERE <key> = ? …`.
    let lookupSQL: String
    /// The names printed for the compared columns, in `lookupSQL`'s order.
    let columnNames: [String]
}

extension SQLiteError {
    /// A UNIQUE or PRIMARY KEY conflict (SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY).
    var isUniqueViolation: Bool { extendedCode == 2067 || extendedCode == 1555 }
}

extension ImportContext {
    /// Inserts a row; when its key already exists, compares the stored row instead.
    ///
    /// The UNIQUE index, not a Swift set, detects repeats: a stored row that carries this
    /// file's batch id came from an earlier line of the same file (a duplicate key, an
    /// error); one from an earlier batch with equal content is already present (skipped);
    /// with different content it is an error naming the key and both versions.
    func insertOrCompare(_ row: RowFields, key keyLabel: String, comparison: StoredComparison,
                         key: [SQLValue], values: [SQLValue], insert: () throws -> Void) throws -> RowOutcome {
        try insertOrCompare(line: row.line, key: keyLabel, comparison: comparison, key: key, values: values, insert: insert)
    }

    /// `insertOrCompare` for a row of line `line` that is no longer at hand (one held for a
    /// multi-row insert and then inserted alone).
    func insertOrCompare(line: Int, key keyLabel: String, comparison: StoredComparison,
                         key: [SQLValue], values: [SQLValue], insert: () throws -> Void) throws -> RowOutcome {
        do {
            try insert()
            return .new
        } catch let error as SQLiteError where error.isUniqueViolation {
            let statement = try db.cached(comparison.lookupSQL)
            var stored: [SQLValue]? = nil
            var storedBatch: Int64? = nil
            try statement.forEach(key) { s in
                stored = (0..<comparison.columnNames.count).map { s.value($0) }
                storedBatch = s.isNull(comparison.columnNames.count) ? nil : s.int64(comparison.columnNames.count)
            }
            guard let stored else {
                problem(line: line, column: nil, "refused by the schema: \(error.message)")
                return .refused
            }
            if storedBatch == batchID {
                problem(line: line, column: nil, "\(keyLabel) appears more than once in this file")
                return .refused
            }
            if stored == values { return .alreadyPresent }
            let differences = zip(comparison.columnNames, zip(stored, values)).filter { $1.0 != $1.1 }
                .map { name, pair in "\(name): stored \(show(pair.0)), file \(show(pair.1))" }
            problem(line: line, column: nil, "\(keyLabel) already exists with different content (\(differences.joined(separator: "; "))); "
                + "recorded rows are never changed by an import")
            return .refused
        } catch let error as SQLiteError where error.isConstraint {
            problem(line: line, column: nil, "refused by the schema: \(error.message)")
            return .refused
        }
    }

    private func show(_ value: SQLValue) -> String {
        switch value {
        case .null: return "(empty)"
        case .text(let text): return TextRules.quoted(text)
        default: return value.description
        }
    }
}
