import Ledger
import LedgerStore

/// The single-record commands: `disburse`, `repay`, `reverse`, `reading`.
enum RecordCommands {
    static let entryOptions: [OptionSpec] = [
        .value("loan", "number", "The loan number."),
        .value("date", "date", "Value date, YYYY-MM-DD."),
        .value("amount", "sek", "Amount in SEK, at most two decimals (\"1 250 000,50\" or \"1250000.50\")."),
        .value("id", "external-id", "External id (default: generated and printed); recording the same id again changes nothing."),
        Commands.byOption, StoreAccess.waitOption,
    ]

    static let amountDiscussion = """
        The amount takes a decimal comma when it has a comma and no point, else a decimal point; spaces
        group thousands; a trailing kr or SEK is taken ("1 234,50 kr"). Nothing may take effect in a closed period (see 'hallbar close').
        """

    static let disburse = CommandSpec(
        name: "disburse", abstract: "Record a disbursement (utbetalning) on a loan.",
        usage: "--loan <number> --date <date> --amount <sek> [--id <external-id>] [--by <name>] [--wait <seconds>]",
        discussion: amountDiscussion + """
             No disbursement is recorded on a loan whose project is rejected or withdrawn on the value
            date, and a project's loans never disburse more than its approved amount in force on the value
            date (raise it first with 'hallbar amend project N --approved-sek …').
            """,
        options: entryOptions, run: { try entry(.disbursement, $0) })

    static let repay = CommandSpec(
        name: "repay", abstract: "Record a repayment on a loan.",
        usage: "--loan <number> --date <date> --amount <sek> [--id <external-id>] [--by <name>] [--wait <seconds>]",
        discussion: amountDiscussion + " A repayment that would make the loan's balance negative at any date is refused.",
        options: entryOptions, run: { try entry(.repayment, $0) })

    static let reverse = CommandSpec(
        name: "reverse", abstract: "Cancel a ledger entry with a reversal that points at it.",
        usage: "--entry <external-id> --reason <text> [--by <name>] [--wait <seconds>]",
        discussion: """
            The reversal (id <entry>-R) is on the same loan, with the same value date and amount and the
            opposite effect. An entry is reversed at most once; a reversal is never reversed; a reversal
            that would make the loan's balance negative at some date, or of an entry in a closed period,
            is refused.
            """,
        options: [.value("entry", "external-id", "The entry to cancel."), .value("reason", "text", "Why."), Commands.byOption,
                  StoreAccess.waitOption],
        run: reverseEntry)

    static let reading = CommandSpec(
        name: "reading", abstract: "Record an indicator's reading for a year.",
        usage: "--indicator <id> --year <year> --value <value> [--by <name>] [--wait <seconds>]",
        discussion: """
            A reading already recorded is corrected with 'hallbar amend reading'. For a year whose follow-up
            the committee has approved, a late reading is recorded with 'hallbar amend reading' too (with a
            reason), and the report shows the year as changed since the approval.
            """,
        options: [
            .value("indicator", "id", "The indicator id."), .value("year", "year", "The year the reading is for."),
            .value("value", "value", "A number, a range (\"97-98\") or a text."), Commands.byOption, StoreAccess.waitOption,
        ],
        run: recordReading)

    static func entry(_ kind: EntryKind, _ invocation: Invocation) throws {
        let loan = try invocation.required("loan")
        let date = try invocation.required("date")
        let amount = try invocation.required("amount")
        let result = try StoreAccess.writing(invocation) { tx in
            try tx.recordEntry(kind, loan: loan, date: date, amount: amount, externalID: invocation.value("id"))
        }
        if result.alreadyPresent {
            Console.line("Entry \(result.externalID) is already recorded with the same content; nothing changed.")
        } else {
            Console.line("Recorded \(kind.rawValue) \(result.externalID): loan \(loan), \(date), \(MoneyFormat.message(result.amount)).")
        }
    }

    static func reverseEntry(_ invocation: Invocation) throws {
        let entry = try invocation.required("entry")
        let result = try StoreAccess.writing(invocation) { tx in try tx.reverse(entry: entry, reason: StoreAccess.reason(invocation)) }
        Console.line("Recorded reversal \(result.externalID) of \(result.originalKind.rawValue) \(entry): loan \(result.loanNumber), "
            + "\(result.valueDate), \(MoneyFormat.message(result.amount)).")
    }

    static func recordReading(_ invocation: Invocation) throws {
        let indicator = try invocation.required("indicator")
        let year = try invocation.required("year")
        let value = try invocation.required("value")
        let result = try StoreAccess.writing(invocation) { tx in try tx.recordReading(indicator: indicator, year: year, value: value) }
        if result.alreadyPresent {
            Console.line("The reading of \(indicator) for \(year) is already recorded; nothing changed.")
        } else {
            Console.line("Recorded the reading of \(indicator) for \(year) (\(result.valueKind)).")
        }
    }
}
