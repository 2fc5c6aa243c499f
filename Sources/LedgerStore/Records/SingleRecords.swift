import Ledger
import SQLite

/// One record typed at the command line (`disburse`, `repay`, `reverse`, `reading`),
/// validated by the same rules as an import and written in its own `BEGIN IMMEDIATE`
/// transaction. Refusals are `ImportFailure`s whose problem names the option
/// (`--amount: "12,3,4" is not an amount: …`); nothing is written then.
public enum SingleRecords {
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

    /// Records a disbursement or repayment.
    ///
    /// `amount` accepts "1 250 000,50" and "1250000.50": the decimal separator is a comma
    /// when the text has a comma and no point, else a point; both at once is refused.
    /// - Throws: `ImportFailure` for a bad option value, an unknown loan, a loan whose
    ///   project was rejected or withdrawn, an id already used with other content, or a
    ///   repayment that would make the balance negative at some date; `SQLiteError`.
    @discardableResult
    public static func recordEntry(_ kind: EntryKind, loan loanNumber: String, date: String, amount: String,
                                   externalID: String?, stamp: Stamp, in db: Connection) throws -> EntryResult {
        guard kind != .reversal else { throw refusal("kind", "reversals are recorded with 'hallbar reverse'") }
        let day = try option("date") { text throws(FieldError) in try FieldRules.day(text) }(date)
        let ore = try option("amount") { text throws(FieldError) in try FieldRules.commandLineAmount(text) }(amount)
        let id = try externalID.map { id in
            try option("id") { text throws(FieldError) in try FieldRules.key(text, what: "the id") }(id)
        } ?? generatedID(stamp)
        return try db.inTransaction(.immediate) {
            guard let loan = try LoanFacts.find(loanNumber, in: db) else {
                throw refusal("loan", "no loan \(loanNumber)")
            }
            if let status = loan.closedProjectStatus {
                throw refusal("loan", "loan \(loanNumber) finances a project that was \(status); no \(kind.rawValue) may be recorded")
            }
            var writer = try LedgerEntryWriter(in: db)
            do {
                try writer.insert(externalID: id, loanID: loan.loanID, valueDate: day, kind: kind, amount: ore,
                                  balanceEffect: kind == .repayment ? -ore : ore, stamp: stamp, batchID: nil)
            } catch let error as SQLiteError where error.isUniqueViolation {
                let stored = try db.row(LedgerEntryWriter.comparison.lookupSQL, [id])
                let mine: [SQLValue] = [.text(loanNumber), .text(day), .text(kind.rawValue), .integer(ore)]
                if let stored, Array(stored.values.prefix(4)) == mine {
                    return EntryResult(externalID: id, generatedID: false, alreadyPresent: true, amount: ore)
                }
                let shown = stored.map { row in
                    zip(LedgerEntryWriter.comparison.columnNames, row.values).map { "\($0)=\($1)" }.joined(separator: ", ")
                } ?? ""
                throw refusal("id", "entry \(id) already exists with different content (\(shown)); entries are never changed: "
                    + "reverse it with 'hallbar reverse --entry \(id) --reason …' and record a new one")
            }
            if kind == .repayment, let negative = try BalanceRule.firstNegative(loanID: loan.loanID, in: db) {
                throw refusal("amount", BalanceRule.describe(loanNumber: loanNumber, date: negative.date, balance: negative.balance))
            }
            return EntryResult(externalID: id, generatedID: externalID == nil, alreadyPresent: false, amount: ore)
        }
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

    /// Cancels a disbursement or repayment with a reversal entry `<id>-R` on the same loan,
    /// with the same value date and amount and the opposite balance effect.
    /// - Throws: `ImportFailure` for an unknown entry, a reversal (never reversed), an entry
    ///   already reversed, an empty reason, or a reversal that would make the loan's balance
    ///   negative at some date (a disbursement that later repayments relied on).
    @discardableResult
    public static func reverse(entry externalID: String, reason: String, stamp: Stamp, in db: Connection) throws -> ReversalResult {
        let why = try option("reason") { text throws(FieldError) in try FieldRules.nonBlank(text, what: "the reason") }(reason)
        return try db.inTransaction(.immediate) {
            guard let original = try db.row(
                """
                SELECT e.entry_id, e.loan_id, e.value_date, e.kind, e.amount_ore, e.balance_effect_ore, l.loan_number
                FROM ledger_entries e JOIN loans l ON l.loan_id = e.loan_id WHERE e.external_id = ?
                """, [externalID]),
                let entryID = original.int64("entry_id"), let loanID = original.int64("loan_id"),
                let date = original.string("value_date"), let kindText = original.string("kind"),
                let kind = EntryKind(rawValue: kindText), let amount = original.int64("amount_ore"),
                let effect = original.int64("balance_effect_ore")
            else { throw refusal("entry", "no entry \(externalID)") }
            let loanNumber = original.string("loan_number") ?? ""
            guard kind != .reversal else {
                throw refusal("entry", "\(externalID) is itself a reversal; a reversal is never reversed: record the entry again instead")
            }
            if let by = try db.scalarText("SELECT external_id FROM ledger_entries WHERE reverses_entry_id = ?", [entryID]) {
                throw refusal("entry", "\(externalID) is already reversed by \(by); an entry is reversed at most once")
            }
            let reversalID = externalID + "-R"
            var writer = try LedgerEntryWriter(in: db)
            do {
                try writer.insert(externalID: reversalID, loanID: loanID, valueDate: date, kind: .reversal, amount: amount,
                                  balanceEffect: -effect, reverses: entryID, reason: why, stamp: stamp, batchID: nil)
            } catch let error as SQLiteError where error.isUniqueViolation {
                throw refusal("entry", "the reversal's id \(reversalID) is already used by another entry")
            }
            if let negative = try BalanceRule.firstNegative(loanID: loanID, in: db) {
                throw refusal("entry", "reversing \(externalID): "
                    + BalanceRule.describe(loanNumber: loanNumber, date: negative.date, balance: negative.balance))
            }
            return ReversalResult(externalID: reversalID, originalKind: kind, loanNumber: loanNumber, valueDate: date, amount: amount)
        }
    }

    /// What recording a reading did.
    public struct ReadingResult: Sendable, Equatable {
        /// `number`, `range` or `text`.
        public var valueKind: String
        /// True when the same reading was already there (nothing written).
        public var alreadyPresent: Bool
    }

    /// Records an indicator's reading for a year.
    /// - Throws: `ImportFailure` for an unknown indicator, a bad year or value, a year whose
    ///   follow-up is approved, or a different reading already recorded for the year.
    @discardableResult
    public static func recordReading(indicator: String, year: String, value: String, stamp: Stamp,
                                     in db: Connection) throws -> ReadingResult {
        let yearValue = try option("year") { text throws(FieldError) in try FieldRules.year(text) }(year)
        let reading = try option("value") { text throws(FieldError) in try FieldRules.reading(text) }(value)
        return try db.inTransaction(.immediate) {
            guard try ReadingWriter.indicatorExists(indicator, in: db) else {
                throw refusal("indicator", "no indicator \(indicator)")
            }
            let approved = try ReadingWriter.followUpApproved(year: yearValue, in: db)
            if let stored = try db.row(ReadingWriter.comparison.lookupSQL, [indicator, yearValue]) {
                if Array(stored.values.prefix(4)) == ReadingWriter.values(reading) {
                    return ReadingResult(valueKind: reading.kind, alreadyPresent: true)
                }
                if approved { throw refusal("year", ReadingWriter.approvedMessage(year: yearValue)) }
                throw refusal("value", "\(indicator) already has a reading for \(yearValue) "
                    + "(\"\(stored.string("value_text") ?? "")\"); readings are append-only")
            }
            if approved { throw refusal("year", ReadingWriter.approvedMessage(year: yearValue)) }
            var writer = try ReadingWriter(in: db)
            try writer.insert(indicatorID: indicator, year: yearValue, value: reading, stamp: stamp, batchID: nil)
            return ReadingResult(valueKind: reading.kind, alreadyPresent: false)
        }
    }

    // MARK: Helpers

    private static func refusal(_ option: String, _ message: String) -> ImportFailure {
        ImportFailure(InputProblem(field: .option(option), message: message))
    }

    /// Applies a field rule to an option's value, turning its refusal into an `ImportFailure`.
    private static func option<T>(_ name: String, _ rule: @escaping (String) throws(FieldError) -> T) -> (String) throws -> T {
        { (text: String) throws -> T in
            do throws(FieldError) { return try rule(text) } catch { throw refusal(name, error.message) }
        }
    }

    /// `cli-<UTC timestamp digits>-<8 random hex digits>`: unique without asking the user.
    static func generatedID(_ stamp: Stamp) -> String {
        let digits = stamp.at.filter { $0.isNumber }
        let random = UInt32.random(in: 0...UInt32.max)
        let hex = String(random, radix: 16)
        return "cli-\(digits)-\(String(repeating: "0", count: 8 - hex.count))\(hex)"
    }
}
