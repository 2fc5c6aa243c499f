import LedgerStore

/// `hallbar seed [--dir DIR] [--by NAME]`: the demo data, through the import code.
enum SeedCommand {
    static let spec = CommandSpec(
        name: "seed", abstract: "Load the demo data of Seeds/ (the presentation's and the SOU appendix's figures).",
        usage: "[--dir <dir>] [--by <name>]",
        discussion: """
            Creates the database when the path is missing or empty, then imports members, borrowers,
            projects, loans, entries, indicators, readings and references from the folder, one
            transaction per file, exactly as 'hallbar import' does. Running it again changes nothing.
            """,
        options: [.value("dir", "dir", "The seed folder (default: ./Seeds)."), Commands.byOption],
        run: run)

    static func run(_ invocation: Invocation) throws {
        let dir = invocation.value("dir") ?? "Seeds"
        guard Files.isDirectory(dir) else {
            throw CLIError(code: .noInput, message: "no seed folder at \(dir): run from the source tree or give --dir <folder>")
        }
        let stamp = Stamp.now(by: invocation.value("by"))
        let path = invocation.databasePath
        let size = Files.size(path)
        if size == nil || size == 0 {
            try LedgerDatabase.create(path: path, stamp: stamp)
            Console.line("Created \(path).")
        }
        let db = try LedgerDatabase.open(path: path, access: .write)
        defer { try? db.close() }
        for (kind, name) in SeedFiles.all {
            let file = Files.join(dir, name)
            let summary = try Importer.importFile(kind, path: file, into: db, options: ImportOptions(stamp: stamp),
                                                  progress: ImportCommand.progress(for: file))
            Console.line(ImportCommand.describe(summary))
        }
    }
}
