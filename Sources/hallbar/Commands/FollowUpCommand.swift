import Ledger
import LedgerStore

/// `hallbar followup approve`: the committee approves a year's follow-up and its statuses
/// are frozen.
enum FollowUpCommand {
    static let approve = CommandSpec(
        name: "approve", abstract: "Freeze the year's statuses as the committee approved them.",
        usage: "--year <year> --date <date> [--note <text>] [--by <name>] [--wait <seconds>]",
        discussion: """
            Records a new revision of the year's approval (1, then 2, 3 … after corrections) with the
            ledger head the statuses were computed from, and for every indicator under follow-up its
            baseline, previous value, value, target, status and whether its target year passed unmet.
            Only for a year that has ended, dated after the year's end, not in the future and not before
            the year's previous revision. When nothing changed since the latest revision, nothing is
            recorded and the command says so (exit 0). Afterwards 'report followup --year Y' shows the
            frozen record, and every correction since as ÄNDRAT SEDAN GODKÄNNANDET.
            """,
        options: [.value("year", "year", "The follow-up year."), .value("date", "date", "The committee's decision date."),
                  .value("note", "text", "The committee's reference, e.g. \"Protokoll 2024:3 §5\"."), Commands.byOption,
                  StoreAccess.waitOption],
        run: run)

    static func run(_ invocation: Invocation) throws {
        let year = String(try ReportCommands.year(invocation))
        // A date that is not a date is a usage error here (exit 64), as since the first round.
        let date = try ReportCommands.day(invocation, "date").description
        let note = invocation.value("note").flatMap { $0.isEmpty ? nil : $0 }
        let result = try StoreAccess.writing(invocation) { tx in try tx.approveFollowUp(year: year, on: date, note: note) }
        let a = result.approval
        if !result.recorded {
            Console.line("The \(year) follow-up is unchanged since revision \(a.revision) (approved on \(a.approvedOn) by "
                + "\(a.recordedBy)); nothing was recorded.")
            return
        }
        Console.line("Approved the \(year) follow-up on \(a.approvedOn) by \(a.recordedBy): revision \(a.revision), \(result.indicators) indicator\(result.indicators == 1 ? "" : "s") frozen.")
        let counts = result.counts.ordered.filter { $0.count > 0 }.map { "\($0.status.swedishLabel) \($0.count)" }
        Console.line("  " + counts.joined(separator: " · "))
        if let note = a.note { Console.line("  \(note)") }
        Console.line("  ledger head \(a.ledgerHeadHash)")
    }
}
