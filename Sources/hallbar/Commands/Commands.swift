import LedgerStore

/// Every command of cli.md, in the order help lists them.
enum Commands {
    static let all: [CommandSpec] = [
        InitCommand.spec,
        MigrateCommand.spec,
        seed,
        importSpec,
        disburse, repay, reverse, reading,
        followup,
        report,
        AuditCommands.assertSpec,
        AuditCommands.verify,
        AuditCommands.query,
        AuditCommands.backup,
    ]

    static let formatOptions: [OptionSpec] = [
        .value("format", "format", "table, csv, json, md or html (default: table on a terminal, else csv)."),
        .value("out", "file", "Write the report to this file instead of stdout."),
        .value("lang", "lang", "sv (default) or en, for labels and number formatting."),
    ]

    static let byOption = OptionSpec.value("by", "name", "Who records this (default: your login name).")

    /// Placeholder for a command whose issue has not landed yet: listed in help, exits 70.
    static func notYet(_ invocation: Invocation) throws {
        // The database is still checked first, so a missing or stale file gets its own answer.
        let db = try LedgerDatabase.open(path: invocation.databasePath, access: .read)
        try? db.close()
        throw CLIError(code: .software, message: "'hallbar \(invocation.command.joined(separator: " "))' is not implemented yet")
    }

    static let seed = CommandSpec(
        name: "seed", abstract: "Load the demo data of Seeds/ (the presentation's and the SOU appendix's figures).",
        usage: "[--dir <dir>] [--by <name>]",
        options: [.value("dir", "dir", "The seed folder (default: Seeds/ of the source tree)."), byOption],
        run: notYet)

    static let importSpec = CommandSpec(
        name: "import", abstract: "Import a CSV file: whole file or nothing, idempotent.",
        usage: "<kind> <file> [--dry-run] [--encoding <encoding>] [--by <name>]",
        discussion: "KIND: members | borrowers | projects | loans | entries | indicators | readings | references | market",
        options: [
            .flag("dry-run", "Validate everything and write nothing."),
            .value("encoding", "encoding", "utf-8 (default) or windows-1252."),
            byOption,
        ],
        positionals: ["kind", "file"],
        run: notYet)

    static let disburse = CommandSpec(
        name: "disburse", abstract: "Record a disbursement (utbetalning) on a loan.",
        usage: "--loan <number> --date <date> --amount <sek> [--id <external-id>] [--by <name>]",
        options: entryOptions, run: notYet)

    static let repay = CommandSpec(
        name: "repay", abstract: "Record a repayment on a loan.",
        usage: "--loan <number> --date <date> --amount <sek> [--id <external-id>] [--by <name>]",
        options: entryOptions, run: notYet)

    static let entryOptions: [OptionSpec] = [
        .value("loan", "number", "The loan number."),
        .value("date", "date", "Value date, YYYY-MM-DD."),
        .value("amount", "sek", "Amount in SEK, at most two decimals (\"1 250 000,50\")."),
        .value("id", "external-id", "External id (default: generated); re-recording the same id changes nothing."),
        byOption,
    ]

    static let reverse = CommandSpec(
        name: "reverse", abstract: "Cancel a ledger entry with a reversal that points at it.",
        usage: "--entry <external-id> --reason <text> [--by <name>]",
        options: [.value("entry", "external-id", "The entry to cancel."), .value("reason", "text", "Why."), byOption],
        run: notYet)

    static let reading = CommandSpec(
        name: "reading", abstract: "Record an indicator's reading for a year.",
        usage: "--indicator <id> --year <year> --value <value> [--by <name>]",
        options: [
            .value("indicator", "id", "The indicator id."), .value("year", "year", "The year the reading is for."),
            .value("value", "value", "A number, a range (\"97-98\") or a text."), byOption,
        ],
        run: notYet)

    static let followup = CommandSpec(
        name: "followup", abstract: "The annual follow-up: approve and freeze a year's statuses.",
        subcommands: [
            CommandSpec(
                name: "approve", abstract: "Freeze the year's statuses as the committee approved them.",
                usage: "--year <year> --date <date> [--by <name>]",
                options: [.value("year", "year", "The follow-up year."), .value("date", "date", "The committee's decision date."), byOption],
                run: notYet)
        ])

    static let report = CommandSpec(
        name: "report", abstract: "Reports: shares, social portfolio, follow-up, housing market.",
        subcommands: [
            CommandSpec(
                name: "shares", abstract: "Green and sustainable shares of lending (Bild 2).",
                usage: "--as-of <date> [--compare <date>] [--format <format>] [--out <file>] [--lang <lang>]",
                options: [.value("as-of", "date", "Balances at the end of this date."), .value("compare", "date", "Compare with balances at this date.")] + formatOptions,
                run: notYet),
            CommandSpec(
                name: "social", abstract: "The social portfolio (Bild 6).",
                usage: "--as-of <date> [--format <format>] [--out <file>] [--lang <lang>]",
                options: [.value("as-of", "date", "The portfolio at the end of this date.")] + formatOptions,
                run: notYet),
            CommandSpec(
                name: "followup", abstract: "The annual follow-up with colour-coded statuses.",
                usage: "--year <year> [--project <number>] [--format <format>] [--out <file>] [--lang <lang>]",
                options: [.value("year", "year", "The follow-up year."), .value("project", "number", "Only this project.")] + formatOptions,
                run: notYet),
            CommandSpec(
                name: "market", abstract: "Housing-market classes (SOU 2015:58) and sustainable lending per class.",
                usage: "--year <year> [--format <format>] [--out <file>] [--lang <lang>]",
                options: [.value("year", "year", "The year of the market readings and class bounds.")] + formatOptions,
                run: notYet),
        ])
}
