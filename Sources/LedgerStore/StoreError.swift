import SQLite

/// Why the store refused to open or use a database. The command line maps each case to
/// an exit code of cli.md; the messages say what is wrong and what to do.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// No file at the path (exit 66): only `init` and `seed` create one.
    case databaseMissing(path: String)
    /// The path names a folder, a FIFO, a socket or a device, not a ledger file (exit 66).
    case notAFile(path: String, what: String)
    /// The file exists but is not a SQLite database, or is damaged.
    case notADatabase(path: String, detail: String)
    /// A SQLite database without hallbar's migration history (someone else's file).
    case notAHallbarDatabase(path: String)
    /// The database is behind the binary: `hallbar migrate` brings it up to date.
    case schemaBehind(path: String, pending: [String])
    /// The history disagrees with the binary (changed checksum, newer database, out of order).
    case schemaInconsistent(path: String, problems: [MigrationProblem])
    /// A path `init` was asked to create already holds a database with data.
    case alreadyExists(path: String)
    /// The schema holds objects (a trigger, a view, a table) that no migration made.
    case unknownSchemaObjects(path: String, objects: [String])

    public var description: String {
        switch self {
        case .databaseMissing(let path):
            return "no database at \(path): create one with 'hallbar init --db \(path)' (or 'hallbar seed' for the demo data)"
        case let .notAFile(path, what):
            return "\(path) is \(what), not a ledger file: give --db the path of a hallbar database file"
        case let .notADatabase(path, detail):
            return "\(path) is not a usable SQLite database: \(detail)"
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
        case let .unknownSchemaObjects(path, objects):
            return "\(path) has schema objects no hallbar migration made (\(objects.joined(separator: ", "))): "
                + "someone changed the schema by hand; refusing to use it"
        }
    }
}
