import LedgerStore

/// Every command of cli.md, in the order help lists them.
enum Commands {
    static let all: [CommandSpec] = [
        InitCommand.spec,
        MigrateCommand.spec,
        SeedCommand.spec,
        ImportCommand.spec,
        RecordCommands.disburse, RecordCommands.repay, RecordCommands.reverse, RecordCommands.reading,
        followup,
        report,
        AuditCommands.assertSpec,
        AuditCommands.verify,
        AuditCommands.query,
        AuditCommands.backup,
    ]

    static let byOption = OptionSpec.value("by", "name", "Who records this (default: your login name).")

    /// Placeholder for a command whose issue has not landed yet: listed in help, exits 70.
    static func notYet(_ invocation: Invocation) throws {
        // The database is still checked first, so a missing or stale file gets its own answer.
        let db = try LedgerDatabase.open(path: invocation.databasePath, access: .read)
        try? db.close()
        throw CLIError(code: .software, message: "'hallbar \(invocation.command.joined(separator: " "))' is not implemented yet")
    }

    static let followup = CommandSpec(
        name: "followup", abstract: "The annual follow-up: approve and freeze a year's statuses.",
        subcommands: [
            FollowUpCommand.approve,
        ])

    static let report = CommandSpec(
        name: "report", abstract: "Reports: shares, social portfolio, follow-up, housing market.",
        subcommands: [
            ReportCommands.shares,
            ReportCommands.social,
            ReportCommands.followup,
            ReportCommands.market,
        ])
}
