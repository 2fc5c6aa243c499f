import Ledger
import LedgerStore

/// The single-record commands: `disburse`, `repay`, `reverse`, `reading`.
enum RecordCommands {
    static let entryOptions: [OptionSpec] = [
        .value("loan", "number", "The loan number."),
        .value("date", "date", "Value date, YYYY-MM-DD."),
        .value("amount", "sek", "Amount in SEK, at most two decimals (\"1 250 000,50\" or \"1250000.50\")."),
        .value("id", "external-id", "External id (default: generated and printed); recording the same id again changes nothing."),
        Commands.byOption,
    ]

    static let amountDiscussion = """
        The amount takes a decimal comma when it has a comma and no point, else a decimal point; spaces
        group thousands.
        """

    static let disburse = CommandSpec(
        name: "disburse", abstract: "Record a disbursement (utbetalning) on a loan.",
        usage: "--loan <number> --date <date> --amount <sek> [--id <external-id>] [--by <name>]",
        discussion: amountDiscussion + " No disbursement is recorded on a loan whose project was rejected or withdrawn.",
        options: entryOptions, run: { try entry(.disbursement, $0) })

    static let repay = CommandSpec(
        name: "repay", abstract: "Record a repayment on a loan.",
        usage: "--loan <number> --date <date> --amount <sek> [--id <external-id>] [--by <name>]",
        discussion: amountDiscussion + " A repayment that would make the loan's balance negative at any date is refused.",
        options: entryOptions, run: { try entry(.repayment, $0) })

    static let reverse = CommandSpec(
        name: "reverse", abstract: "Cancel a ledger entry with a reversal that points at it.",
        usage: "--entry <external-id> --reason <text> [--by <name>]",
        discussion: """
            The reversal (id <entry>-R) is on the same loan, with the same value date and amount and the
            opposite effect. An entry is reversed at most once; a reversal is never reversed; a reversal
            that would make the loan's balance negative at some date is refused.
            """,
        options: [.value("entry", "external-id", "The entry to cancel."), .value("reason", "text", "Why."), Commands.byOption],
        run: reverseEntry)

    static let reading = CommandSpec(
        name: "reading", abstract: "Record an indicator's reading for a year.",
        usage: "--indicator <id> --year <year> --value <value> [--by <name>]",
        discussion: "Refused when the follow-up for the year is approved (a correction needs a new approval revision).",
        options: [
            .value("indicator", "id", "The indicator id."), .value("year", "year", "The year the reading is for."),
            .value("value", "value", "A number, a range (\"97-98\") or a text."), Commands.byOption,
        ],
        run: recordReading)

    static func entry(_ kind: EntryKind, _ invocation: Invocation) throws {
        let loan = try invocation.required("loan")
        let date = try invocation.required("date")
        let amount = try invocation.required("amount")
        let db = try LedgerDatabase.open(path: invocation.databasePath, access: .write)
        defer { try? db.close() }
        let result = try SingleRecords.recordEntry(
            kind, loan: loan, date: date, amount: amount, externalID: invocation.value("id"),
            stamp: Stamp.now(by: invocation.value("by")), in: db)
        if result.alreadyPresent {
            Console.line("Entry \(result.externalID) is already recorded with the same content; nothing changed.")
        } else {
            Console.line("Recorded \(kind.rawValue) \(result.externalID): loan \(loan), \(date), \(AmountParser.render(ore: result.amount)) SEK.")
        }
    }

    static func reverseEntry(_ invocation: Invocation) throws {
        let entry = try invocation.required("entry")
        let reason = try invocation.required("reason")
        let db = try LedgerDatabase.open(path: invocation.databasePath, access: .write)
        defer { try? db.close() }
        let result = try SingleRecords.reverse(entry: entry, reason: reason, stamp: Stamp.now(by: invocation.value("by")), in: db)
        Console.line("Recorded reversal \(result.externalID) of \(result.originalKind.rawValue) \(entry): loan \(result.loanNumber), "
            + "\(result.valueDate), \(AmountParser.render(ore: result.amount)) SEK.")
    }

    static func recordReading(_ invocation: Invocation) throws {
        let indicator = try invocation.required("indicator")
        let year = try invocation.required("year")
        let value = try invocation.required("value")
        let db = try LedgerDatabase.open(path: invocation.databasePath, access: .write)
        defer { try? db.close() }
        let result = try SingleRecords.recordReading(indicator: indicator, year: year, value: value,
                                                     stamp: Stamp.now(by: invocation.value("by")), in: db)
        if result.alreadyPresent {
            Console.line("The reading of \(indicator) for \(year) is already recorded; nothing changed.")
        } else {
            Console.line("Recorded the reading of \(indicator) for \(year) (\(result.valueKind)).")
        }
    }
}
