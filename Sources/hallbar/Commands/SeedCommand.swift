import LedgerStore

/// `hallbar seed [--dir DIR] [--by NAME]`: the demo data, through the import code.
enum SeedCommand {
    static let spec = CommandSpec(
        name: "seed", abstract: "Load the demo data of Seeds/ (the presentation's and the SOU appendix's figures).",
        usage: "[--dir <dir>] [--by <name>] [--wait <seconds>]",
        discussion: """
            Creates the database when the path is missing or empty, then imports members, borrowers,
            projects, loans, entries, indicators, readings and references from the folder, one
            transaction per file, exactly as 'hallbar import' does. Running it again changes nothing.
            """,
        options: [.value("dir", "dir", "The seed folder (default: ./Seeds)."), Commands.byOption, StoreAccess.waitOption],
        run: run)

    static func run(_ invocation: Invocation) throws {
        let dir = invocation.value("dir") ?? "Seeds"
        guard Files.isDirectory(dir) else {
            throw CLIError(code: .noInput, message: "no seed folder at \(dir): run from the source tree or give --dir <folder>")
        }
        let path = invocation.databasePath
        let size = Files.size(path)
        if size == nil || size == 0 {
            try LedgerStore.create(path: path, by: invocation.value("by"))
            Console.line("Created \(path).")
        }
        let store = try StoreAccess.write(invocation)
        defer { store.close() }
        for (kind, name) in SeedFiles.all {
            let file = Files.join(dir, name)
            let summary = try store.importFile(kind, path: file, options: ImportOptions(by: invocation.value("by")),
                                               progress: ImportCommand.progress(for: file))
            Console.line(ImportCommand.describe(summary))
        }
    }
}
