import Ledger
import SQLite

/// `entries`: external_id, loan_number, value_date, amount_sek, kind (disbursement or
/// repayment; reversals only through `hallbar reverse`).
///
/// Loans are looked up in an in-memory book (loan number → id, each loan's project over
/// time, each project's status over time, the closed period); entries are never held in
/// memory. Valid rows are loaded by one streaming statement (`EntryStream`), the one bulk
/// path; when the database refuses a streamed row (an external id already stored or
/// repeated in the file), the file is read again and its rows inserted one by one, only to
/// name every refused row. After the file, every loan that received a repayment is checked
/// over its whole timeline (its balance is never negative at any date) and every project
/// whose loans received a disbursement against its approved amount.
struct EntriesImport: ImportKindDefinition {
    static let kind = ImportKind.entries
    static let requiredColumns = ["external_id", "loan_number", "value_date", "amount_sek", "kind"]
    static let streamsRows = true
    static let amendable = false
    let context: ImportContext
    let book: LoanBook
    /// Loans that received a repayment from this file, with their numbers.
    var repaidLoans: [Int64: String] = [:]
    /// Projects whose loans received a disbursement from this file.
    var disbursedProjects = Set<Int64>()
    /// Valid rows held for the stream's next chunk.
    var pending: [NewEntry] = []

    /// Loading through one statement (`EntryStream`), the first attempt at every file; false
    /// when the file is imported again row by row after the database refused a row.
    let streaming: Bool
    /// The stream, from the first chunk on. (A refused stream's import is dropped whole:
    /// the driver starts the file again with a new `EntriesImport`.)
    private var stream: EntryStream?

    init(context: ImportContext) throws {
        self.context = context
        book = try LoanBook.load(in: context.db)
        streaming = context.streamRows
        pending.reserveCapacity(EntryStream.chunkRows)
    }

    mutating func importRow(_ row: RowFields) throws -> RowOutcome {
        let externalID = row.key("external_id")
        // A reference to a loan takes the key rule of loan numbers: "240002" + U+00A0 is named
        // as such, not reported as a loan that does not exist.
        let loanNumber = row.key("loan_number")
        let loan = loanNumber.flatMap { book.loans[$0] }
        if let loanNumber, loan == nil {
            row.problem("loan_number", "no loan \(loanNumber): import the loan first (loans.csv)")
        }
        let date = row.required("value_date", FieldRules.day)
        let amount = row.required("amount_sek") { [context] text throws(FieldError) in
            try FieldRules.positiveAmount(text, decimalComma: context.decimalComma)
        }
        let kind = row.required("kind") { text throws(FieldError) in
            if text == EntryKind.reversal.rawValue {
                throw FieldError("reversals cannot be imported: record one with 'hallbar reverse --entry ID --reason TEXT'")
            }
            return try FieldRules.token(text, EntryKind.self, allowed: Self.importable)
        }
        guard let externalID, let loanNumber, let loan, let date, let amount, let kind else { return .refused }
        if let refusal = book.closedRefusal(on: date, what: "entry") {
            row.problem("value_date", refusal)
            return .refused
        }
        if kind == .disbursement, let refusal = book.disbursementRefusal(loan, on: date) {
            row.problem("loan_number", refusal)
            return .refused
        }
        let entry = NewEntry(externalID: externalID, loanID: loan.id, valueDate: date, kind: kind, amount: amount,
                             line: row.line, loanNumber: loanNumber)
        if streaming {
            note(entry)
            pending.append(entry)
            if pending.count == EntryStream.chunkRows { try streamPending() }
            return .deferred
        }
        let values: [SQLValue] = [.text(loanNumber), .text(date), .text(kind.rawValue), .integer(amount)]
        let outcome = try context.insertOrCompare(line: row.line, key: "entry \(externalID)", comparison: LedgerEntryRow.comparison,
                                                  key: [.text(externalID)], values: values) {
            try context.tx.chain.append(entry.row(stamp: context.stamp, batchID: context.batchID))
        }
        if case .new = outcome { note(entry) }
        return outcome
    }

    private static let importable: [EntryKind] = [.disbursement, .repayment]

    /// Remembers what the checks after the file must look at.
    private mutating func note(_ entry: NewEntry) {
        if entry.kind == .repayment { repaidLoans[entry.loanID] = entry.loanNumber }
        if entry.kind == .disbursement, let loan = book.loans[entry.loanNumber], let project = book.project(of: loan, on: entry.valueDate) {
            disbursedProjects.insert(project)
        }
    }

    mutating func flushPending() throws -> (new: Int, alreadyPresent: Int) {
        if streaming { try streamPending() }
        return (0, 0)  // a stream's rows are counted when it finishes, at the end of the file
    }

    /// Numbers the held rows after those streamed, and hands them to the stream (which
    /// chains them).
    /// - Throws: `EntryStream.Refused` when the database already refused a streamed row.
    private mutating func streamPending() throws {
        guard !pending.isEmpty else { return }
        defer { pending.removeAll(keepingCapacity: true) }
        if stream == nil {
            let start = context.tx.chain.start
            stream = try EntryStream(db: context.db, stamp: context.stamp, batchID: context.batchID,
                                     firstSeq: start.firstSeq, previous: start.previous)
        }
        if !stream!.push(pending) {
            _ = try stream!.finish()  // throws an I/O error as such
            throw EntryStream.Refused()
        }
    }

    mutating func endOfFile() throws -> (new: Int, alreadyPresent: Int) {
        guard streaming else { return (0, 0) }
        try streamPending()
        guard let stream else { return (0, 0) }
        let rowsNew = stream.pushedRows
        let chain = context.tx.chain
        let afterLastRow = context.writeBatchRow.map { write in
            { (count: Int, lastLink: [UInt8]) throws in
                chain.appended(count: count, lastLink: lastLink)
                try write(rowsNew)
            }
        }
        // The stream's statement is rolled back whole when SQLite refuses a row: so are the
        // rows and the batch row it appended, and the chain goes back to where it stood.
        let mark = chain.mark
        let outcome: EntryStream.Outcome
        do {
            outcome = try stream.finish(afterLastRow: afterLastRow)
        } catch {
            chain.restore(mark)
            throw error
        }
        switch outcome {
        case .refused:
            chain.restore(mark)
            throw EntryStream.Refused()
        case .stored(let count, let lastLink):
            if afterLastRow == nil { chain.appended(count: count, lastLink: lastLink) }
            return (count, 0)
        }
    }

    mutating func abandonPending() {
        stream?.abandon()
    }

    mutating func finish(_ context: ImportContext) throws {
        var culprits: [String: (column: String, message: String)] = [:]  // external id → problem
        for negative in try BalanceRule.firstNegatives(loanIDs: repaidLoans.keys.sorted(), in: context.db) {
            let loanID = negative.loanID, loanNumber = repaidLoans[loanID] ?? ""
            let culprit = try context.db.scalarText(
                """
                SELECT external_id FROM ledger_entries WHERE loan_id = ? AND batch_id = ? AND kind = 'repayment'
                  AND value_date <= ? ORDER BY value_date DESC, entry_id DESC LIMIT 1
                """, [loanID, context.batchID, negative.date]) ?? ""
            culprits[culprit] = ("amount_sek", "repayment \(culprit): "
                + BalanceRule.describe(loanNumber: loanNumber, date: negative.date, balance: negative.balance))
        }
        for excess in try ProjectCap.excesses(projects: disbursedProjects, in: context.db) {
            // The file's last disbursement on the project within the exceeded period.
            let culprit = try context.db.scalarText(
                """
                SELECT e.external_id FROM ledger_entries e JOIN loan_versions lv ON lv.loan_id = e.loan_id
                     AND e.value_date >= lv.valid_from AND (lv.valid_until IS NULL OR e.value_date < lv.valid_until)
                WHERE lv.project_number = ? AND e.batch_id = ? AND e.kind = 'disbursement' AND (? IS NULL OR e.value_date <= ?)
                ORDER BY e.value_date DESC, e.entry_id DESC LIMIT 1
                """, [excess.project, context.batchID, excess.through, excess.through]) ?? "project \(excess.project)"
            culprits[culprit] = ("amount_sek", "disbursement \(culprit): " + excess.message)
        }
        guard !culprits.isEmpty else { return }
        // Only on failure: read the file again to name the lines of the culprits.
        for (line, externalID) in try linesOf(Set(culprits.keys), context: context) {
            if let problem = culprits.removeValue(forKey: externalID) {
                context.problem(line: line, column: problem.column, problem.message)
            }
        }
        for problem in culprits.values.sorted(by: { $0.message < $1.message }) {
            context.problem(line: nil, column: problem.column, problem.message)
        }
    }

    /// The lines of the given external ids, in file order (a second streaming pass).
    private func linesOf(_ ids: Set<String>, context: ImportContext) throws -> [(Int, String)] {
        let reader = try CSVReader(path: context.path, encoding: context.encoding)
        guard let index = reader.header.map({ $0.trimmingScalars(where: { $0 == " " || $0 == "\t" }) })
            .firstIndex(of: "external_id") else { return [] }
        var record = CSVRecord()
        var found: [(Int, String)] = []
        while try reader.next(into: &record) {
            guard !record.isBlank else { continue }
            let id = record.string(at: index)
            if ids.contains(id) { found.append((record.line, id)) }
        }
        return found
    }
}
