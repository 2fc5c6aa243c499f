import LedgerStore

/// Every command of cli.md, in the order help lists them.
enum Commands {
    static let all: [CommandSpec] = [
        InitCommand.spec,
        MigrateCommand.spec,
        SeedCommand.spec,
        ImportCommand.spec,
        RecordCommands.disburse, RecordCommands.repay, RecordCommands.reverse, RecordCommands.reading,
        AmendCommands.amendGroup.adding(AllocationCommands.amendments),
        AmendCommands.decide,
        AmendCommands.history,
        followup,
        report,
        ListCommands.list, ListCommands.show, ListCommands.balance,
        AmendCommands.close,
        AmendCommands.reopen,
        AuditCommands.assertSpec,
        AuditCommands.verify,
        AuditCommands.query,
        AuditCommands.backup,
    ]

    static let byOption = OptionSpec.value("by", "name", "Who records this (default: your login name).")

    static let followup = CommandSpec(
        name: "followup", abstract: "The annual follow-up: approve and freeze a year's statuses.",
        subcommands: [
            FollowUpCommand.approve,
        ])

    static let report = CommandSpec(
        name: "report", abstract: "Reports: shares, social portfolio, follow-up, housing market, allocation and impact, support need.",
        subcommands: [
            ReportCommands.shares,
            ReportCommands.social,
            ReportCommands.followup,
            ReportCommands.market,
            SupportCommands.report,
        ] + AllocationCommands.reports)
}
