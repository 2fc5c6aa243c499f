import Ledger
import SQLite

/// What one file's import shares between the driver and the kind's rows: the
/// connection (inside the file's transaction), who and when, the batch the new rows
/// belong to, and the problems found so far.
final class ImportContext {
    /// The write transaction the file is imported in.
    let tx: LedgerWrite
    var db: Connection { tx.db }
    var stamp: Stamp { tx.stamp }
    /// The batch id the new rows carry; its `import_batches` row is written last.
    let batchID: Int64
    /// The file as the user named it (for messages and `import_batches.file_name`).
    let fileName: String
    /// The path to open (equal to `fileName` unless a caller says otherwise).
    let path: String
    let encoding: CSVEncoding
    /// `--amend`: the reason and the date the revisions take effect; nil for a plain import.
    let amend: (reason: String, date: Day)?
    /// The revisions recorded so far, one line each.
    var amendments: [String] = []
    /// Things the user should know that are not problems ("line 4: member … matches its
    /// revision 1, not revision 3 in force"), at most `ImportFailure.listLimit`.
    private(set) var notes: [String] = []
    /// Every note, counted (also those not kept).
    private(set) var noteCount = 0
    /// True for a `;`-delimited file, where amounts use a decimal comma.
    var decimalComma = false
    /// Load rows through one streaming statement where the kind can (entries); false when
    /// the file is imported again row by row because the database refused a streamed row.
    var streamRows = true
    /// Writes the file's `import_batches` row, given its count of new rows, once every row
    /// has been read without a problem (set by the driver for kinds that store their rows by
    /// a stream: the stream writes the row once SQLite has every row and before it inserts
    /// them). Nil otherwise.
    var writeBatchRow: ((_ rowsNew: Int) throws -> Void)?
    /// True once `writeBatchRow` ran and stayed: the driver then writes no second row.
    var batchRowWritten = false
    private(set) var problems: [InputProblem] = []
    private(set) var problemCount = 0

    init(tx: LedgerWrite, batchID: Int64, fileName: String, path: String, encoding: CSVEncoding,
         amend: (reason: String, date: Day)?) {
        self.tx = tx
        self.batchID = batchID
        self.fileName = fileName
        self.path = path
        self.encoding = encoding
        self.amend = amend
    }

    /// Records a problem; only the first `ImportFailure.listLimit` are kept, all are counted.
    func problem(line: Int?, column: String?, _ message: String) {
        problemCount += 1
        guard problems.count < ImportFailure.listLimit else { return }
        problems.append(InputProblem(file: fileName, line: line, field: column.map { .column($0) }, message: message))
    }

    /// Records a note about a row that was not a problem.
    func note(line: Int, _ message: String) {
        noteCount += 1
        guard notes.count < ImportFailure.listLimit else { return }
        notes.append("\(fileName):\(line): \(message)")
    }

    /// Where the problem list stands, to take back what a row records (`takeProblems`).
    var problemMark: (kept: Int, total: Int) { (problems.count, problemCount) }

    /// Removes the problems recorded since `mark`, so that a kind can first record the
    /// problems of earlier rows it held back (a multi-row insert) and then put these back
    /// with `restore`: the list stays in file order.
    func takeProblems(since mark: (kept: Int, total: Int)) -> (kept: [InputProblem], total: Int) {
        let taken = Array(problems[mark.kept...])
        problems.removeSubrange(mark.kept...)
        let total = problemCount - mark.total
        problemCount = mark.total
        return (taken, total)
    }

    /// Records again what `takeProblems` removed, after any problems recorded since.
    func restore(_ taken: (kept: [InputProblem], total: Int)) {
        for problem in taken.kept where problems.count < ImportFailure.listLimit { problems.append(problem) }
        problemCount += taken.total
    }

}

/// One row of a file as a kind reads it: each accessor parses one column and, when the
/// text is refused, records a problem naming the line and column and returns nil, so a
/// row reports all its problems at once.
struct RowFields {
    let record: CSVRecord
    let columns: CSVColumns
    let context: ImportContext

    var line: Int { record.line }

    /// The column's text as written, or "" when the file does not have the (optional) column.
    func text(_ column: String) -> String {
        guard let index = columns.index(of: column) else { return "" }
        return record.string(at: index)
    }

    /// Records a problem on this row (a column, or the row when `column` is nil).
    func problem(_ column: String?, _ message: String) {
        context.problem(line: line, column: column, message)
    }

    /// The column parsed by `rule`; nil (and a problem) when it is empty or refused.
    func required<T>(_ column: String, _ rule: (String) throws(FieldError) -> T) -> T? {
        let value = text(column)
        guard !value.isEmpty else {
            problem(column, "is empty; a value is required")
            return nil
        }
        do { return try rule(value) } catch {
            problem(column, error.message)
            return nil
        }
    }

    /// `.some(nil)` for an empty or absent column, `.some(value)` when parsed, nil (and a
    /// problem) when refused.
    func optional<T>(_ column: String, _ rule: (String) throws(FieldError) -> T) -> T?? {
        let value = text(column)
        guard !value.isEmpty else { return .some(nil) }
        do { return .some(try rule(value)) } catch {
            problem(column, error.message)
            return nil
        }
    }

    /// Text that must not be blank, stored as written.
    func nonBlank(_ column: String) -> String? {
        required(column) { text throws(FieldError) in try FieldRules.nonBlank(text, what: "the value") }
    }

    /// A key column (`FieldRules.key`): no surrounding spaces, no control characters.
    func key(_ column: String) -> String? {
        required(column) { text throws(FieldError) in try FieldRules.key(text, what: "the \(column)") }
    }

    /// Records a problem unless the column is empty (for columns that do not apply).
    /// - Returns: true when the column is empty.
    @discardableResult
    func requireEmpty(_ column: String, because reason: String) -> Bool {
        guard text(column).isEmpty else {
            problem(column, "must be empty \(reason)")
            return false
        }
        return true
    }
}
