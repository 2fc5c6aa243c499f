import Ledger
import SQLite

/// What happened to one row of a file.
enum RowOutcome: Sendable {
    /// Inserted.
    case new
    /// Recorded as a new revision of a record already there (`--amend`).
    case amended
    /// A row with this key and the same content was already there: skipped.
    case alreadyPresent
    /// Refused; the problem has been recorded.
    case refused
    /// Held for a multi-row insert; counted by `ImportKindDefinition.flushPending()`.
    case deferred
}

/// How a kind without revisions (entries, market readings) finds a stored row by its key
/// and which columns must be equal for a re-imported row to count as "already present".
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

extension ChainRow {
    /// The row's values by column name (its seq left out).
    var valuesByColumn: [String: SQLValue] {
        var sink = SQLValueSink()
        try? write(seq: 0, to: &sink)
        return Dictionary(uniqueKeysWithValues: zip(Self.table.columns, sink.values).dropFirst().map { ($0, $1) })
    }
}

extension ImportContext {
    /// Stores a record of `kind` that is not there yet; compares one that is with its
    /// revision in force: equal is already present; different is an error naming the
    /// fields, or with `--amend` a new revision. A key twice in one file is an error.
    ///
    /// - Parameters:
    ///   - key: the record's key as `RecordHistory.find` takes it; `year` for readings and references.
    ///   - label: the record as messages name it ("project 12").
    func store<R: ChainRow>(_ row: R, kind: RecordKind, key: String, year: Int64? = nil, label: String, line: Int) throws -> RowOutcome {
        guard let history = try RecordHistory.find(kind, key: key, year: year, in: db) else {
            do {
                try tx.chain.append(row)
                return .new
            } catch let error as SQLiteError where error.isConstraint {
                problem(line: line, column: nil, "refused by the schema: \(error.message)")
                return .refused
            }
        }
        if history.states.contains(where: { $0.batchID == batchID }) {
            problem(line: line, column: nil, "\(label) appears more than once in this file")
            return .refused
        }
        let file = row.valuesByColumn
        let current = history.current
        let fixed = kind.fixedFields.filter { file[$0] != nil && file[$0] != current[$0] }
        if !fixed.isEmpty {
            problem(line: line, column: nil, "\(label) already exists and " + fixed.map { "\(Self.column($0)) (stored "
                + "\(show(current[$0], field: $0)), file \(show(file[$0] ?? .null, field: $0)))" }.joined(separator: ", ")
                + " cannot be changed, not even by an amendment")
            return .refused
        }
        let differing = kind.fields.filter { file[$0] != nil && file[$0] != current[$0] }
        if differing.isEmpty { return .alreadyPresent }
        guard let amend else {
            // A file written before a record was amended repeats an earlier revision: nothing
            // new, but say that it is not what is in force.
            if let earlier = history.states.dropLast().last(where: { state in
                kind.fields.allSatisfy { file[$0] == nil || file[$0] == state[$0] }
            }) {
                note(line: line, "\(label) matches its revision \(earlier.revision), not revision \(current.revision) in force "
                    + "(amended since: " + differing.joined(separator: ", ") + "); nothing changed. To make the file's content "
                    + "current again, import it with --amend --reason TEXT")
                return .alreadyPresent
            }
            let differences = differing.map { "\(Self.column($0)): stored \(show(current[$0], field: $0)), file \(show(file[$0] ?? .null, field: $0))" }
            problem(line: line, column: nil, "\(label) already exists with different content (\(differences.joined(separator: "; "))); "
                + "an import does not change a record: to record the change as a revision, import with --amend --reason TEXT")
            return .refused
        }
        var next = current
        for field in kind.fields { if let value = file[field] { next.values[field] = value } }
        do {
            try Revisions.normalise(&next, kind: kind, in: db)
            let result = try Revisions.record(next, of: history, reason: amend.reason, effective: amend.date, batchID: batchID, in: tx)
            amendments.append("\(label): revision \(result.revision) (" + result.changes.map {
                "\(Self.column($0.field)) \(show($0.from, field: $0.field)) → \(show($0.to, field: $0.field))"
            }.joined(separator: ", ") + ")")
            return .amended
        } catch let failure as ImportFailure {
            for item in failure.problems { problem(line: line, column: nil, "\(label): \(item.message)") }
            return .refused
        }
    }

    /// Inserts a row of a kind without revisions; when its key already exists, compares
    /// the stored row instead (equal: already present; else an error naming both versions;
    /// a row of this very file: a duplicate key).
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

    /// The file's name of a stored column (`FieldName.file`).
    static func column(_ stored: String) -> String { FieldName.file(stored) }

    /// A stored value as a message shows it next to the file's: amounts in kronor (per m²),
    /// yes/no fields as true/false (as the files write them).
    func show(_ value: SQLValue, field: String) -> String {
        if field.hasSuffix("_ore"), case .integer(let ore) = value { return MoneyFormat.message(ore) }
        if field.hasSuffix("_ore_per_m2"), case .integer(let ore) = value { return MoneyFormat.message(ore) + "/m²" }
        if FieldName.isYesNo(field), case .integer(let flag) = value { return flag == 0 ? "false" : "true" }
        return show(value)
    }

    func show(_ value: SQLValue) -> String {
        switch value {
        case .null: return "(empty)"
        case .text(let text): return TextRules.quoted(text)
        default: return value.description
        }
    }
}

/// How people name a stored field: as the import files and the options do. JSON keeps the
/// stored names (cli.md); messages, `amend`'s confirmation and `history` for people use these.
public enum FieldName {
    /// The file's (and option's) name of a stored column: amounts are `…_sek` in files and
    /// on the command line (`approved_sek`, `--approved-sek`), `…_ore` stored; amounts per m²
    /// `…_per_m2` (`om_cost_per_m2`), `…_ore_per_m2` stored; an amount in another currency
    /// `amount_original`, `…_minor` stored.
    public static func file(_ stored: String) -> String {
        if stored.hasSuffix("_ore_per_m2") { return String(stored.dropLast(11)) + "_per_m2" }
        if stored.hasSuffix("_ore") { return String(stored.dropLast(4)) + "_sek" }
        if stored.hasSuffix("_minor") { return String(stored.dropLast(6)) }
        return stored
    }

    /// True for an amount of another currency stored in hundredths (a bond's
    /// `amount_original_minor`, `amount_original` in the file).
    public static func isHundredths(_ stored: String) -> Bool { stored.hasSuffix("_minor") }

    /// True for a number stored as canonical text ("86.5", "-44.4"): an indicator's baseline
    /// and tolerance, a reading's value and its bounds, a reference's or a metric's value, an
    /// emission factor. A reading's value may also be a range or a text ("97-98 %", "Ja").
    /// Spreadsheets and CSV get such a value as a number, never as text with a formula guard.
    public static func isNumericText(_ stored: String) -> Bool {
        ["baseline_value", "tolerance", "value_text", "value_low", "value_high", "value", "g_per_kwh"].contains(stored)
    }

    /// True for a yes/no field stored as 0/1 (`green_bond_eligible`, a project's `req_…`
    /// basic requirements), which people read as true/false.
    public static func isYesNo(_ stored: String) -> Bool {
        stored == "green_bond_eligible" || stored.hasPrefix("req_")
    }
}
