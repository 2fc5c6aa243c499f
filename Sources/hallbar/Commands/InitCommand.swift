import LedgerStore

/// `hallbar init`: create the file and apply every migration.
enum InitCommand {
    static let spec = CommandSpec(
        name: "init", abstract: "Create a new ledger file and apply every migration.",
        usage: "[--db <path>] [--by <name>]",
        discussion: "The file is created with permissions 0600. An existing ledger is never overwritten.",
        options: [Commands.byOption],
        run: run)

    static func run(_ invocation: Invocation) throws {
        let path = invocation.databasePath
        let applied = try LedgerStore.create(path: path, by: invocation.value("by"))
        let last = applied.last.map { " (schema version \($0.label))" } ?? ""
        Console.line("Created \(path) with \(applied.count) migration\(applied.count == 1 ? "" : "s")\(last).")
    }
}
