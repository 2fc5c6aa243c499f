import Foundation
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
    let context: ImportContext
    var writer: LedgerEntryWriter
    let loans: [String: LoanFacts]
    /// Loans that received a repayment from this file, with their numbers.
    var repaidLoans: [Int64: String] = [:]

    init(context: ImportContext) throws {
        self.context = context
        writer = try LedgerEntryWriter(in: context.db)
        loans = try LoanFacts.directory(in: context.db)
    }

    mutating func importRow(_ row: RowFields) throws -> RowOutcome {
        let externalID = row.nonBlank("external_id")
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
            return try FieldRules.token(text, EntryKind.self, allowed: [.disbursement, .repayment])
        }
        guard let externalID, let loan, let date, let amount, let kind else { return .refused }
        if let status = loan.closedProjectStatus {
            row.problem("loan_number", "loan \(loanNumber) finances a project that was \(status); no \(kind.rawValue) may be recorded")
            return .refused
        }
        let values: [SQLValue] = [.text(loanNumber), .text(date), .text(kind.rawValue), .integer(amount)]
        let outcome = try context.insertOrCompare(row, key: "entry \(externalID)", comparison: LedgerEntryWriter.comparison,
                                                  key: [.text(externalID)], values: values) {
            try writer.insert(externalID: externalID, loanID: loan.loanID, valueDate: date, kind: kind, amount: amount,
                              balanceEffect: kind == .repayment ? -amount : amount, stamp: context.stamp, batchID: context.batchID)
        }
        if case .new = outcome, kind == .repayment { repaidLoans[loan.loanID] = loanNumber }
        return outcome
    }

    mutating func finish(_ context: ImportContext) throws {
        var culprits: [String: String] = [:]  // external id of the repayment → message
        for (loanID, loanNumber) in repaidLoans.sorted(by: { $0.key < $1.key }) {
            guard let negative = try BalanceRule.firstNegative(loanID: loanID, in: context.db) else { continue }
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
        guard let index = reader.header.map({ $0.trimmingCharacters(in: .init(charactersIn: " \t")) })
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
