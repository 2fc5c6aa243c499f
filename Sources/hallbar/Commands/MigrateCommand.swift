import LedgerStore
import SQLite

/// `hallbar migrate status|up|verify [--dry-run]`.
enum MigrateCommand {
    static let spec = CommandSpec(
        name: "migrate", abstract: "Show, apply or verify schema migrations.",
        discussion: """
            The migrations are compiled into hallbar from Migrations/NNNN_description.sql. A migration
            and its history row commit together; a database that holds data is backed up (and the copy
            checked) before the first pending migration is applied.
            """,
        subcommands: [
            CommandSpec(
                name: "status", abstract: "List applied and pending migrations with their checksums.",
                run: status),
            CommandSpec(
                name: "up", abstract: "Apply pending migrations.", usage: "[--dry-run] [--by <name>]",
                options: [.flag("dry-run", "Say what would be applied and change nothing."), Commands.byOption],
                run: up),
            CommandSpec(
                name: "verify", abstract: "Check the applied migrations' checksums against this hallbar's.",
                run: verify),
        ],
        defaultSubcommand: "up")

    static func status(_ invocation: Invocation) throws {
        let db = try LedgerDatabase.openFile(path: invocation.databasePath, mode: .readOnly)
        defer { try? db.close() }
        let migrator = try Migrator.embedded()
        let plan = try migrator.plan(for: db)
        let appliedByVersion = Dictionary(uniqueKeysWithValues: plan.applied.map { ($0.version, $0) })
        let versions = Set(migrator.migrations.map(\.version)).union(appliedByVersion.keys).sorted()
        Console.line("version  state     checksum      applied at                by            description")
        for version in versions {
            let binary = migrator.migrations.first { $0.version == version }
            let applied = appliedByVersion[version]
            let state: String
            switch (binary, applied) {
            case let (b?, a?): state = b.checksum == a.checksum ? "applied" : "CHANGED"
            case (_?, nil): state = "pending"
            case (nil, _?): state = "UNKNOWN"
            case (nil, nil): continue
            }
            let checksum = String((applied?.checksum ?? binary?.checksum ?? "").prefix(12))
            let at = applied?.appliedAt ?? "-"
            let by = applied?.appliedBy ?? "-"
            let description = binary?.description ?? applied?.description ?? ""
            Console.line(
                Migration.label(version).padding(9) + state.padding(10) + checksum.padding(14)
                    + at.padding(26) + by.padding(14) + description)
        }
        for problem in plan.problems { Console.error("Error: \(problem)") }
        if !plan.problems.isEmpty {
            throw CLIError.data("the database's migrations do not match this hallbar (see above)")
        }
    }

    static func up(_ invocation: Invocation) throws {
        let path = invocation.databasePath
        let dryRun = invocation.flag("dry-run")
        // Every check runs on a read-only connection first: opening read-write switches the
        // file to WAL, a write that a refused file must not get.
        let reader = try LedgerDatabase.openFile(path: path, mode: .readOnly)
        var db = reader
        defer { try? db.close() }
        let quick = try reader.integrityProblems(quick: true)
        guard quick.isEmpty else {
            throw CLIError.data("\(path) fails quick_check; not migrating", Array(quick.prefix(5)))
        }
        let migrator = try Migrator.embedded()
        var plan = try migrator.plan(for: reader)
        guard plan.problems.isEmpty else { throw MigrationError.inconsistent(plan.problems) }
        if plan.applied.isEmpty, try reader.scalarInt("SELECT count(*) FROM sqlite_master") ?? 0 > 0 {
            throw StoreError.notAHallbarDatabase(path: path)
        }
        if !plan.pending.isEmpty && !dryRun {
            try reader.close()
            db = try LedgerDatabase.openFile(path: path, mode: .readWrite)
            plan = try migrator.plan(for: db)
        }
        if plan.pending.isEmpty {
            Console.line("\(path) is up to date (schema version \(plan.applied.last.map { Migration.label($0.version) } ?? "none")).")
            return
        }
        if dryRun {
            for migration in plan.pending {
                Console.line("would apply \(migration.label) \(migration.description) (\(migration.checksum.prefix(12)))")
            }
            return
        }
        let stamp = Stamp.now(by: invocation.value("by"))
        let backup = plan.pending.first.map { LedgerDatabase.backupPath(for: path, before: $0.version, at: stamp) }
        try migrator.migrate(db, stamp: stamp, backupPath: backup) { migration, milliseconds in
            Console.line("applied \(migration.label) \(migration.description) in \(milliseconds) ms")
        }
        if let backup, Files.exists(backup) {
            Console.line("backup of the previous version: \(backup)")
        }
    }

    static func verify(_ invocation: Invocation) throws {
        let db = try LedgerDatabase.openFile(path: invocation.databasePath, mode: .readOnly)
        defer { try? db.close() }
        let plan = try Migrator.embedded().plan(for: db)
        if plan.applied.isEmpty {
            throw StoreError.notAHallbarDatabase(path: invocation.databasePath)
        }
        var problems = plan.problems.map(\.description)
        problems += plan.pending.map { "migration \($0.label) (\($0.description)) is pending: run 'hallbar migrate'" }
        guard problems.isEmpty else {
            throw CLIError.data(problems[0], Array(problems.dropFirst()))
        }
    }
}
