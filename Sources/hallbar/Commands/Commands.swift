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
        assertSpec,
        verify,
        query,
        backup,
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

    static let assertSpec = CommandSpec(
        name: "assert", abstract: "Record an expected balance; verify checks it.",
        usage: "--programme <programme> --as-of <date> --amount <sek> [--tolerance <sek>] [--note <text>] [--by <name>]",
        options: [
            .value("programme", "programme", "green, social, other, sustainable or all."),
            .value("as-of", "date", "The date of the expected balance."),
            .value("amount", "sek", "The expected outstanding amount in SEK."),
            .value("tolerance", "sek", "Accepted difference in SEK (default 0)."),
            .value("note", "text", "Where the figure comes from."), byOption,
        ],
        run: notYet)

    static let verify = CommandSpec(
        name: "verify", abstract: "Check integrity, foreign keys, migrations, the hash chain, invariants and assertions.",
        discussion: "Silent with exit 0 when everything holds; otherwise one line per finding and exit 65.",
        run: notYet)

    static let query = CommandSpec(
        name: "query", abstract: "Run read-only SQL for auditors.",
        usage: "<sql> [--format <format>]",
        options: [.value("format", "format", "table (default on a terminal), csv or json.")],
        positionals: ["sql"], run: notYet)

    static let backup = CommandSpec(
        name: "backup", abstract: "Write a consistent copy of the live database and check it.",
        usage: "<file>", positionals: ["file"], run: notYet)
}
