import Ledger
import LedgerStore

/// `hallbar followup approve`: the committee approves a year's follow-up and its statuses
/// are frozen (`FollowUpApprovals.approve`).
enum FollowUpCommand {
    static let approve = CommandSpec(
        name: "approve", abstract: "Freeze the year's statuses as the committee approved them.",
        usage: "--year <year> --date <date> [--note <text>] [--by <name>]",
        discussion: """
            Records a new revision of the year's approval (1, then 2, 3 … for corrections) with the
            ledger head hash, the rule version and, for every indicator under follow-up, its baseline,
            previous value, value, target, status and whether its target year passed unmet. Afterwards
            'report followup --year Y' shows the frozen record and any difference the current data makes.
            """,
        options: [.value("year", "year", "The follow-up year."), .value("date", "date", "The committee's decision date."),
                  .value("note", "text", "A note kept with the approval."), Commands.byOption],
        run: run)

    static func run(_ invocation: Invocation) throws {
        let year = try ReportCommands.year(invocation)
        let date = try ReportCommands.day(invocation, "date")
        let note = invocation.value("note").flatMap { $0.isEmpty ? nil : $0 }
        let db = try LedgerDatabase.open(path: invocation.databasePath, access: .write)
        defer { try? db.close() }
        let result: FollowUpApprovals.Result
        do {
            result = try FollowUpApprovals.approve(year: year, on: date, stamp: Stamp.now(by: invocation.value("by")), note: note, in: db)
        } catch let error as ReportError {
            throw CLIError.data(error.description)
        }
        let a = result.approval
        Console.line("Approved the \(year) follow-up on \(a.approvedOn) by \(a.recordedBy): revision \(a.revision), \(result.indicators) indicator\(result.indicators == 1 ? "" : "s") frozen.")
        let counts = result.counts.ordered.filter { $0.count > 0 }.map { "\($0.status.swedishLabel) \($0.count)" }
        Console.line("  " + counts.joined(separator: " · "))
        Console.line("  ledger head \(a.ledgerHeadHash)")
    }
}
