import SQLite

/// Why the store refused to open or use a database. The command line maps each case to
/// an exit code of cli.md; the messages say what is wrong and what to do.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// No file at the path (exit 66): only `init` and `seed` create one.
    case databaseMissing(path: String)
    /// The path names a folder, a FIFO, a socket or a device, not a ledger file (exit 66).
    case notAFile(path: String, what: String)
    /// The ledger file has more than one hard link (exit 66): SQLite's WAL follows the name.
    case hardLinked(path: String, links: Int)
    /// The file exists but is not a SQLite database, or is damaged.
    case notADatabase(path: String, detail: String)
    /// A SQLite database without hallbar's migration history (someone else's file).
    case notAHallbarDatabase(path: String)
    /// An empty file or a database with nothing in it: not a ledger yet (exit 66).
    case emptyDatabase(path: String)
    /// The database is behind the binary: `hallbar migrate` brings it up to date.
    case schemaBehind(path: String, pending: [String])
    /// The history disagrees with the binary (changed checksum, newer database, out of order).
    case schemaInconsistent(path: String, problems: [MigrationProblem])
    /// A path `init` was asked to create already holds a database with data.
    case alreadyExists(path: String)
    /// The schema differs from what the migrations create (an object added, missing or
    /// changed, compared by its full SQL): someone changed it by hand.
    case schemaChanged(path: String, differences: [String])

    public var description: String {
        switch self {
        case .databaseMissing(let path):
            return "no database at \(path): create one with 'hallbar init --db \(path)' (or 'hallbar seed' for the demo data)"
        case let .notAFile(path, what):
            return "\(path) is \(what), not a ledger file: give --db the path of a hallbar database file"
        case let .hardLinked(path, links):
            return "\(path) has \(links) hard links: SQLite keeps the write-ahead log beside the name used, so a write "
                + "through one name can be lost through another; keep one name (remove the other links, or copy it with "
                + "'hallbar backup')"
        case let .notADatabase(path, detail):
            return "\(path) is not a usable SQLite database: \(detail)"
        case .emptyDatabase(let path):
            return "\(path) is empty, not a ledger yet: create the ledger with 'hallbar init --db \(path)' "
                + "(or 'hallbar seed --db \(path)' for the demo data)"
        case .notAHallbarDatabase(let path):
            return "\(path) is a SQLite database but not a hallbar ledger (it has no schema_migrations table)"
        case let .schemaBehind(path, pending):
            return "the database \(path) is older than this hallbar (pending migrations: \(pending.joined(separator: ", "))): "
                + "run 'hallbar migrate --db \(path)' first"
        case let .schemaInconsistent(path, problems):
            return "the database \(path) does not match this hallbar's migrations: "
                + problems.map(\.description).joined(separator: "; ")
                + ". Run 'hallbar migrate status' for details; nothing was changed"
        case .alreadyExists(let path):
            return "\(path) already holds a ledger: 'hallbar init' creates new databases only (use 'hallbar migrate' to update one)"
        case let .schemaChanged(path, differences):
            let shown = differences.prefix(5).joined(separator: "; ") + (differences.count > 5 ? "; …" : "")
            return "\(path) has a schema that differs from what hallbar's migrations create (\(shown)): someone changed "
                + "it by hand; refusing to use it. Run 'hallbar verify --db \(path)' to see every finding"
        }
    }
}
