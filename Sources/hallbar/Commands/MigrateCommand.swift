import LedgerStore

/// `hallbar migrate [status|up|verify] [--dry-run]`.
enum MigrateCommand {
    static let spec = CommandSpec(
        name: "migrate", abstract: "Show, apply or check the schema migrations.",
        usage: "[status|up|verify] [--dry-run] [--by <name>]",
        discussion: """
            status lists every version as applied, pending, CHANGED (another checksum) or UNKNOWN (not in
            this hallbar); up (the default) applies the pending ones, each in its own transaction, after a
            checked backup of a ledger that holds data; verify checks the applied checksums.
            """,
        subcommands: [
            CommandSpec(name: "status", abstract: "List applied and pending migrations with their checksums.", run: status),
            CommandSpec(
                name: "up", abstract: "Apply the pending migrations.", usage: "[--dry-run] [--by <name>]",
                options: [.flag("dry-run", "Say what would be applied and touch nothing."), Commands.byOption],
                run: up),
            CommandSpec(
                name: "verify", abstract: "Check the applied migrations' checksums against this hallbar's.",
                run: verify),
        ],
        defaultSubcommand: "up")

    static func status(_ invocation: Invocation) throws {
        let (lines, problems) = try LedgerMigrations.status(path: invocation.databasePath)
        Console.line("version  state     checksum      applied at                by            description")
        for line in lines {
            Console.line(
                Migration.label(line.version).padding(9) + line.state.padding(10) + String(line.checksum.prefix(12)).padding(14)
                    + (line.appliedAt ?? "-").padding(26) + (line.appliedBy ?? "-").padding(14) + line.description)
        }
        for problem in problems { Console.error("Error: \(problem)") }
        if !problems.isEmpty {
            throw CLIError.data("the database's migrations do not match this hallbar (see above)")
        }
    }

    static func up(_ invocation: Invocation) throws {
        let path = invocation.databasePath
        let outcome = try LedgerMigrations.up(path: path, dryRun: invocation.flag("dry-run"), by: invocation.value("by")) { migration, ms in
            Console.line("applied \(migration.label) \(migration.description) in \(ms) ms")
        }
        switch outcome {
        case .upToDate(let version):
            Console.line("\(path) is up to date (schema version \(version)).")
        case .wouldApply(let pending):
            for migration in pending {
                Console.line("would apply \(migration.label) \(migration.description) (\(migration.checksum.prefix(12)))")
            }
        case .applied(_, let backup):
            if let backup { Console.line("backup of the previous version: \(backup)") }
        }
    }

    static func verify(_ invocation: Invocation) throws {
        let problems = try LedgerMigrations.problems(path: invocation.databasePath)
        guard problems.isEmpty else { throw CLIError.data(problems[0], Array(problems.dropFirst())) }
    }
}
