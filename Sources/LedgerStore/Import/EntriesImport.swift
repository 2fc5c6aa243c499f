import Ledger
import SQLite

/// `entries`: external_id, loan_number, value_date, amount_sek, kind (disbursement or
/// repayment; reversals only through `hallbar reverse`).
///
/// Loans are looked up in an in-memory directory (loan number → id); entries are never
/// held in memory: the UNIQUE index on external_id detects repeats. After the file, every
/// loan that received a repayment is checked over its whole timeline (stored and new
/// entries) so that its balance is never negative at any date.
struct EntriesImport: ImportKindDefinition {
    static let kind = ImportKind.entries
    static let requiredColumns = ["external_id", "loan_number", "value_date", "amount_sek", "kind"]
    static let streamsRows = true
    let context: ImportContext
    var writer: LedgerEntryWriter
    let loans: [String: LoanFacts]
    /// Loans that received a repayment from this file, with their numbers.
    var repaidLoans: [Int64: String] = [:]
    /// Valid rows held for the next multi-row insert (at most `rowsPerStatement`).
    var pending: [LedgerEntryWriter.NewEntry] = []

    /// Loading through one statement (`EntryStream`), the first attempt at every file; false
    /// when the file is imported again row by row after the database refused a row.
    let streaming: Bool
    /// The stream, from the first chunk on. (A refused stream's import is dropped whole:
    /// the driver starts the file again with a new `EntriesImport`.)
    private var stream: EntryStream?

    init(context: ImportContext) throws {
        self.context = context
        writer = try LedgerEntryWriter(in: context.db)
        loans = try LoanFacts.directory(in: context.db)
        streaming = context.streamRows
        pending.reserveCapacity(streaming ? EntryStream.chunkRows : LedgerEntryWriter.rowsPerStatement)
    }

    mutating func importRow(_ row: RowFields) throws -> RowOutcome {
        if streaming { return try check(row) }  // the database refuses nothing row by row here
        let mark = context.problemMark
        let outcome = try check(row)
        if context.problemCount != mark.total && !pending.isEmpty {
            // The rows held back come before this one: their problems (a duplicate, an
            // entry already stored differently) are recorded first, as row by row.
            let taken = context.takeProblems(since: mark)
            let late = try insertPending()
            deferredNew += late.new
            deferredAlreadyPresent += late.alreadyPresent
            context.restore(taken)
        }
        return outcome
    }

    /// Validates one row; a valid one is held back for the next multi-row insert.
    private mutating func check(_ row: RowFields) throws -> RowOutcome {
        let externalID = row.key("external_id")
        let loanNumber = row.text("loan_number")
        let loan = loans[loanNumber]
        if loanNumber.isEmpty {
            row.problem("loan_number", "is empty; a value is required")
        } else if loan == nil {
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
        guard let externalID, let loan, let date, let amount, let kind else { return .refused }
        if let status = loan.closedProjectStatus {
            row.problem("loan_number", "loan \(loanNumber) finances a project that was \(status); no \(kind.rawValue) may be recorded")
            return .refused
        }
        pending.append(LedgerEntryWriter.NewEntry(externalID: externalID, loanID: loan.loanID, valueDate: date, kind: kind,
                                                  amount: amount, line: row.line, loanNumber: loanNumber))
        if streaming {
            if pending.count == EntryStream.chunkRows { try streamPending() }
            return .deferred
        }
        if pending.count == LedgerEntryWriter.rowsPerStatement {
            let late = try insertPending()
            deferredNew += late.new
            deferredAlreadyPresent += late.alreadyPresent
        }
        return .deferred
    }

    private static let importable: [EntryKind] = [.disbursement, .repayment]
    /// Outcomes of held rows settled while reading, handed to the driver by `flushPending`.
    private var deferredNew = 0
    private var deferredAlreadyPresent = 0

    mutating func flushPending() throws -> (new: Int, alreadyPresent: Int) {
        if streaming {
            try streamPending()
            return (0, 0)  // counted when the stream finishes, at the end of the file
        }
        let late = try insertPending()
        defer { deferredNew = 0; deferredAlreadyPresent = 0 }
        return (deferredNew + late.new, deferredAlreadyPresent + late.alreadyPresent)
    }

    /// Inserts the held rows: all in one statement when they fill one and the database
    /// takes them all, else one by one exactly as an unbatched import would (a repeated
    /// or already stored external id, a schema refusal), recording those rows' problems.
    private mutating func insertPending() throws -> (new: Int, alreadyPresent: Int) {
        defer { pending.removeAll(keepingCapacity: true) }
        if pending.count == LedgerEntryWriter.rowsPerStatement,
           try writer.insertAll(pending, stamp: context.stamp, batchID: context.batchID, in: context.db) {
            for entry in pending where entry.kind == .repayment { repaidLoans[entry.loanID] = entry.loanNumber }
            return (pending.count, 0)
        }
        var counts = (new: 0, alreadyPresent: 0)
        for entry in pending {
            let values: [SQLValue] = [.text(entry.loanNumber), .text(entry.valueDate), .text(entry.kind.rawValue), .integer(entry.amount)]
            let outcome = try context.insertOrCompare(line: entry.line, key: "entry \(entry.externalID)",
                                                      comparison: LedgerEntryWriter.comparison,
                                                      key: [.text(entry.externalID)], values: values) {
                try writer.insert(externalID: entry.externalID, loanID: entry.loanID, valueDate: entry.valueDate,
                                  kind: entry.kind, amount: entry.amount, balanceEffect: entry.balanceEffect,
                                  stamp: context.stamp, batchID: context.batchID)
            }
            switch outcome {
            case .new:
                counts.new += 1
                if entry.kind == .repayment { repaidLoans[entry.loanID] = entry.loanNumber }
            case .alreadyPresent: counts.alreadyPresent += 1
            case .refused, .deferred: break
            }
        }
        return counts
    }

    /// Numbers the held rows after those stored and streamed, and hands them to the stream
    /// (which chains them).
    /// - Throws: `EntryStream.Refused` when the database already refused a streamed row.
    private mutating func streamPending() throws {
        guard !pending.isEmpty else { return }
        defer { pending.removeAll(keepingCapacity: true) }
        for entry in pending where entry.kind == .repayment { repaidLoans[entry.loanID] = entry.loanNumber }
        if stream == nil {
            stream = try EntryStream(db: context.db, stamp: context.stamp, batchID: context.batchID, previous: writer.lastLink)
        }
        let firstID = writer.upcomingID + Int64(stream!.pushedRows)
        if !stream!.push(EntryStream.Rows(entries: pending, firstID: firstID)) {
            _ = try stream!.finish()  // throws an I/O error as such
            throw EntryStream.Refused()
        }
    }

    mutating func endOfFile() throws -> (new: Int, alreadyPresent: Int) {
        guard streaming else { return try flushPending() }
        try streamPending()
        guard let stream else { return (0, 0) }
        let rowsNew = stream.pushedRows
        let beforeInsert = context.writeBatchRow.map { write in { try write(rowsNew) } }
        switch try stream.finish(beforeInsert: beforeInsert) {
        case .refused:
            throw EntryStream.Refused()
        case .stored(let count, let lastLink):
            writer.appended(count: count, lastLink: lastLink)
            return (count, 0)
        }
    }

    mutating func abandonPending() {
        stream?.abandon()
    }

    mutating func finish(_ context: ImportContext) throws {
        var culprits: [String: String] = [:]  // external id of the repayment → message
        for negative in try BalanceRule.firstNegatives(loanIDs: repaidLoans.keys.sorted(), in: context.db) {
            let loanID = negative.loanID, loanNumber = repaidLoans[loanID] ?? ""
            let culprit = try context.db.scalarText(
                """
                SELECT external_id FROM ledger_entries WHERE loan_id = ? AND batch_id = ? AND kind = 'repayment'
                  AND value_date <= ? ORDER BY value_date DESC, entry_id DESC LIMIT 1
                """, [loanID, context.batchID, negative.date]) ?? ""
            culprits[culprit] = "repayment \(culprit): "
                + BalanceRule.describe(loanNumber: loanNumber, date: negative.date, balance: negative.balance)
        }
        guard !culprits.isEmpty else { return }
        // Only on failure: read the file again to name the lines of the culprits.
        for (line, externalID) in try linesOf(Set(culprits.keys), context: context) {
            if let message = culprits.removeValue(forKey: externalID) {
                context.problem(line: line, column: "amount_sek", message)
            }
        }
        for message in culprits.values.sorted() { context.problem(line: nil, column: "amount_sek", message) }
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
