import CSQLite

extension Connection {
    /// Makes a read-only connection safe for SQL typed by someone else (`hallbar query`),
    /// at the SQLite level rather than by reading the SQL text:
    ///
    /// - `SQLITE_LIMIT_ATTACHED` is 0 and an authorizer denies `ATTACH`, because ATTACH
    ///   and `VACUUM INTO` create a new, empty file even on a read-only connection;
    /// - the authorizer denies every `PRAGMA` that is given a value (`PRAGMA query_only = 0`,
    ///   `PRAGMA journal_mode = DELETE`), except the introspection pragmas whose argument
    ///   names a table or index (`table_info(x)`, `index_list(x)`, `foreign_key_check(x)`);
    /// - the authorizer denies `fts3_tokenizer()`, whose one-argument form returns a raw
    ///   memory address and whose two-argument form installs a tokenizer from one (the
    ///   two-argument form is also off for every connection, `SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER`);
    /// - writes were already refused by the read-only open and `query_only`.
    ///
    /// - Throws: `SQLiteError` (`SQLITE_MISUSE`) unless the connection was opened `.readOnly`.
    public func restrictToQueries() throws {
        guard mode == .readOnly else {
            throw SQLiteError(code: SQLITE_MISUSE, message: "restrictToQueries needs a read-only connection")
        }
        sqlite3_limit(handle, SQLITE_LIMIT_ATTACHED, 0)
        let rc = sqlite3_set_authorizer(handle, { _, action, first, second, _, _ in
            switch action {
            case SQLITE_ATTACH, SQLITE_DETACH:
                return SQLITE_DENY
            case SQLITE_FUNCTION:
                // For SQLITE_FUNCTION the function's name is the second argument.
                let name = second.map { String(cString: $0).lowercased() } ?? ""
                return Connection.deniedFunctions.contains(name) ? SQLITE_DENY : SQLITE_OK
            case SQLITE_PRAGMA:
                guard second != nil else { return SQLITE_OK }
                let name = first.map { String(cString: $0).lowercased() } ?? ""
                return Connection.introspectionPragmas.contains(name) ? SQLITE_OK : SQLITE_DENY
            default:
                return SQLITE_OK
            }
        }, nil)
        guard rc == SQLITE_OK else { throw error(rc, sql: nil) }
    }

    /// Functions `hallbar query` may not call.
    static let deniedFunctions: Set<String> = ["fts3_tokenizer"]

    /// Pragmas whose argument names a schema object and which only read.
    static let introspectionPragmas: Set<String> = [
        "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo",
        "foreign_key_list", "foreign_key_check", "integrity_check", "quick_check", "pragma_list",
    ]
}
