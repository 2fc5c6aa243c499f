import Ledger
import SQLite

/// What recording an entry did.
public struct EntryResult: Sendable, Equatable {
    /// The entry's external id (generated when none was given).
    public var externalID: String
    /// True when the id was generated.
    public var generatedID: Bool
    /// True when an entry with this id and the same content was already there (nothing written).
    public var alreadyPresent: Bool
    /// The amount in öre.
    public var amount: Ore
}

/// What a reversal recorded.
public struct ReversalResult: Sendable, Equatable {
    /// The reversal's external id (`<original>-R`).
    public var externalID: String
    /// The cancelled entry's kind, loan, value date and amount.
    public var originalKind: EntryKind
    public var loanNumber: String
    public var valueDate: String
    public var amount: Ore
}

/// What recording a reading did.
public struct ReadingResult: Sendable, Equatable {
    /// `number`, `range` or `text`.
    public var valueKind: String
    /// True when the same reading was already there (nothing written).
    public var alreadyPresent: Bool
}

/// The records typed at the command line (`disburse`, `repay`, `reverse`, `reading`),
/// validated by the same rules as an import. Refusals are `ImportFailure`s whose problem
/// names the option (`--amount: "12,3,4" is not an amount: …`); the write transaction
/// then rolls back and nothing is written.
extension LedgerWrite {
    /// Records a disbursement or repayment.
    ///
    /// `amount` accepts "1 250 000,50" and "1250000.50": the decimal separator is a comma
    /// when the text has a comma and no point, else a point; both at once is refused.
    /// - Throws: `ImportFailure` for a bad option value, an unknown loan, a closed period, a
    ///   loan whose project is rejected or withdrawn on the value date, an id already used with
    ///   other content, a repayment that would make the balance negative at some date, or a
    ///   disbursement beyond the project's approved amount; `SQLiteError`.
    public func recordEntry(_ kind: EntryKind, loan loanNumber: String, date: String, amount: String,
                            externalID: String?) throws -> EntryResult {
        guard kind != .reversal else { throw Options.refusal("kind", "reversals are recorded with 'hallbar reverse'") }
        let day = try Options.parse("date", date, FieldRules.day)
        let ore = try Options.parse("amount", amount, FieldRules.commandLineAmount)
        let id = try externalID.map { id in
            try Options.parse("id", id) { text throws(FieldError) in try FieldRules.key(text, what: "the id") }
        } ?? SingleRecordIDs.generated(stamp)
        let book = try LoanBook.load(in: db, number: loanNumber)
        guard let loan = book.loans[loanNumber] else { throw Options.refusal("loan", "no loan \(loanNumber)") }
        if let stored = try db.row(LedgerEntryRow.comparison.lookupSQL, [id]) {
            let mine: [SQLValue] = [.text(loanNumber), .text(day), .text(kind.rawValue), .integer(ore)]
            if Array(stored.values.prefix(4)) == mine {
                return EntryResult(externalID: id, generatedID: false, alreadyPresent: true, amount: ore)
            }
            let shown = zip(LedgerEntryRow.comparison.columnNames, stored.values).map { "\($0)=\($1)" }.joined(separator: ", ")
            throw Options.refusal("id", "entry \(id) already exists with different content (\(shown)); entries are never changed: "
                + "reverse it with 'hallbar reverse --entry \(id) --reason …' and record a new one")
        }
        if let refusal = book.closedRefusal(on: day, what: "entry") { throw Options.refusal("date", refusal) }
        if kind == .disbursement, let refusal = book.disbursementRefusal(loan, on: day) {
            throw Options.refusal("loan", refusal)
        }
        try chain.append(LedgerEntryRow(externalID: id, loanID: loan.id, valueDate: day, kind: kind, amount: ore,
                                        balanceEffect: kind == .repayment ? -ore : ore, stamp: stamp, batchID: nil))
        if kind == .repayment, let negative = try BalanceRule.firstNegative(loanID: loan.id, in: db) {
            throw Options.refusal("amount", BalanceRule.describe(loanNumber: loanNumber, date: negative.date, balance: negative.balance))
        }
        if kind == .disbursement, let project = book.project(of: loan, on: day),
           let excess = try ProjectCap.excesses(projects: [project], in: db).first {
            throw Options.refusal("amount", excess.message)
        }
        return EntryResult(externalID: id, generatedID: externalID == nil, alreadyPresent: false, amount: ore)
    }

    /// Cancels a disbursement or repayment with a reversal entry `<id>-R` on the same loan,
    /// with the same value date and amount and the opposite balance effect.
    /// - Throws: `ImportFailure` for an unknown entry, a reversal (never reversed), an entry
    ///   already reversed, an empty reason, a closed period, or a reversal that would make
    ///   the loan's balance negative at some date.
    public func reverse(entry externalID: String, reason: String) throws -> ReversalResult {
        let why = try Options.reason(reason)
        guard let original = try db.row(
            """
            SELECT e.entry_id, e.loan_id, e.value_date, e.kind, e.amount_ore, e.balance_effect_ore, l.loan_number
            FROM ledger_entries e JOIN loans l ON l.loan_id = e.loan_id WHERE e.external_id = ?
            """, [externalID]),
            let entryID = original.int64("entry_id"), let loanID = original.int64("loan_id"),
            let date = original.string("value_date"), let kindText = original.string("kind"),
            let kind = EntryKind(rawValue: kindText), let amount = original.int64("amount_ore"),
            let effect = original.int64("balance_effect_ore")
        else { throw Options.refusal("entry", "no entry \(externalID)") }
        let loanNumber = original.string("loan_number") ?? ""
        guard kind != .reversal else {
            throw Options.refusal("entry", "\(externalID) is itself a reversal; a reversal is never reversed: record the entry again instead")
        }
        if let by = try db.scalarText("SELECT external_id FROM ledger_entries WHERE reverses_entry_id = ?", [entryID]) {
            throw Options.refusal("entry", "\(externalID) is already reversed by \(by); an entry is reversed at most once")
        }
        if let refusal = try PeriodCloses.state(in: db)?.refusal(on: date, what: "reversal") {
            throw Options.refusal("entry", "\(externalID) has value date \(date): " + refusal)
        }
        let reversalID = externalID + "-R"
        if try db.scalarInt("SELECT count(*) FROM ledger_entries WHERE external_id = ?", [reversalID]) ?? 0 > 0 {
            throw Options.refusal("entry", "the reversal's id \(reversalID) is already used by another entry")
        }
        try chain.append(LedgerEntryRow(externalID: reversalID, loanID: loanID, valueDate: date, kind: .reversal, amount: amount,
                                        balanceEffect: -effect, reverses: entryID, reason: why, stamp: stamp, batchID: nil))
        if let negative = try BalanceRule.firstNegative(loanID: loanID, in: db) {
            throw Options.refusal("entry", "reversing \(externalID): "
                + BalanceRule.describe(loanNumber: loanNumber, date: negative.date, balance: negative.balance))
        }
        return ReversalResult(externalID: reversalID, originalKind: kind, loanNumber: loanNumber, valueDate: date, amount: amount)
    }

    /// Records an indicator's reading for a year.
    /// - Throws: `ImportFailure` for an unknown indicator, a bad year or value, a year whose
    ///   follow-up is approved (a correction or a late reading is an amendment then), or a
    ///   different reading already recorded for the year (amend it instead).
    public func recordReading(indicator: String, year: String, value: String) throws -> ReadingResult {
        let yearValue = try Options.parse("year", year, FieldRules.year)
        let reading = try Options.parse("value", value, FieldRules.reading)
        guard try ReadingRow.indicatorExists(indicator, in: db) else {
            throw Options.refusal("indicator", "no indicator \(indicator)")
        }
        if let current = try ReadingRow.current(indicator: indicator, year: yearValue, in: db) {
            if current.value == reading { return ReadingResult(valueKind: reading.kind, alreadyPresent: true) }
            throw Options.refusal("value", "\(indicator) already has a reading for \(yearValue) (\"\(current.value.text)\"): "
                + "correct it with 'hallbar amend reading --indicator \(indicator) --year \(yearValue) --value … --reason …'")
        }
        if try ReadingRow.followUpApproved(year: yearValue, in: db) {
            throw Options.refusal("year", ReadingRow.approvedMessage(year: yearValue, indicator: indicator))
        }
        try chain.append(ReadingRow(id: try ReadingRow.nextID(in: db), indicatorID: indicator, year: yearValue, value: reading,
                                    stamp: stamp, batchID: nil))
        return ReadingResult(valueKind: reading.kind, alreadyPresent: false)
    }
}

/// Ids for entries typed without `--id`.
enum SingleRecordIDs {
    /// `cli-<UTC timestamp digits>-<8 random hex digits>`: unique without asking the user.
    static func generated(_ stamp: Stamp) -> String {
        let digits = stamp.at.filter { $0.isNumber }
        let random = UInt32.random(in: 0...UInt32.max)
        let hex = String(random, radix: 16)
        return "cli-\(digits)-\(String(repeating: "0", count: 8 - hex.count))\(hex)"
    }
}
