import SQLite

/// Compares a database's schema (`sqlite_master`) with the schema the binary's migrations
/// create, object by object: a dropped append-only trigger, an added trigger or view, a
/// changed table or index is each a finding.
///
/// The expected schema is built by applying the embedded migrations to a fresh temporary
/// database, so it can never drift from `Migrations/`. SQL is compared after collapsing runs
/// of white space, since SQLite keeps the text of each CREATE statement as written.
public enum SchemaCheck {
    /// One schema object: `type` (table, index, trigger, view), name and normalised SQL.
    public struct Object: Sendable, Hashable {
        public let type: String
        public let name: String
        public let sql: String?
    }

    /// The objects of `db`'s main schema, by name.
    /// - Throws: `SQLiteError`.
    static func objects(in db: Connection) throws -> [String: Object] {
        var result: [String: Object] = [:]
        for row in try db.prepare("SELECT type, name, sql FROM sqlite_master").rows() {
            let name = row[1].string ?? ""
            result[name] = Object(type: row[0].string ?? "", name: name, sql: row[2].string.map(normalise))
        }
        return result
    }

    /// The objects the embedded migrations create, from a temporary database that is removed.
    /// - Throws: `MigrationError` or `SQLiteError` when the migrations cannot be applied.
    public static func expectedObjects(migrations: [Migration]) throws -> [String: Object] {
        let path = LocalFiles.temporaryPath("hallbar-schema-\(UInt64.random(in: 0...UInt64.max)).db")
        defer { LocalFiles.removeDatabase(path) }
        let db = try Connection(path: path, mode: .create)
        defer { try? db.close() }
        try Migrator(migrations: migrations).migrate(db, stamp: Stamp(by: "verify", at: "1970-01-01T00:00:00.000Z"))
        return try objects(in: db)
    }

    /// The tables whose rows the migrations supply (reference data): compared row by row.
    public static let referenceTables = ["import_kinds", "municipalities", "market_class_bounds", "vacancy_2013"]

    /// One finding per object that is missing, extra or different, and per row of
    /// reference data that differs from what the migrations insert.
    /// - Throws: as `expectedObjects` and `objects`.
    static func findings(in db: Connection, migrations: [Migration]) throws -> [Finding] {
        let path = LocalFiles.temporaryPath("hallbar-schema-\(UInt64.random(in: 0...UInt64.max)).db")
        defer { LocalFiles.removeDatabase(path) }
        let fresh = try Connection(path: path, mode: .create)
        defer { try? fresh.close() }
        try Migrator(migrations: migrations).migrate(fresh, stamp: Stamp(by: "verify", at: "1970-01-01T00:00:00.000Z"))
        let expected = try objects(in: fresh)
        let actual = try objects(in: db)
        var result = objectFindings(expected: expected, actual: actual)
        for table in referenceTables where expected[table] != nil && actual[table] != nil {
            result += try referenceFindings(table, expected: fresh, actual: db)
        }
        return result
    }

    /// The rows of reference table `table` that differ between the fresh migration and the ledger.
    static func referenceFindings(_ table: String, expected: Connection, actual: Connection) throws -> [Finding] {
        // Rows are matched by their primary key, so a changed row shows as changed.
        let keyColumns = try expected.rows("SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk", [table])
            .compactMap { $0[0].string }
        func rows(_ db: Connection) throws -> [String: [SQLValue]] {
            var result: [String: [SQLValue]] = [:]
            for row in try db.prepare("SELECT * FROM \(table)").rows() {
                let key = (keyColumns.isEmpty ? Array(row.names.prefix(1)) : keyColumns).map { row[$0].description }.joined(separator: "/")
                result[key] = row.values
            }
            return result
        }
        let want = try rows(expected), have = try rows(actual)
        var result: [Finding] = []
        for key in Set(want.keys).union(have.keys).sorted() {
            switch (want[key], have[key]) {
            case (_?, nil): result.append(Finding(.schema, "\(table) row \(key) is missing (the migrations insert it)"))
            case (nil, _?): result.append(Finding(.schema, "\(table) row \(key) is not inserted by the migrations (added by hand?)"))
            case let (a?, b?) where a != b: result.append(Finding(.schema, "\(table) row \(key) differs from what the migrations insert"))
            default: break
            }
        }
        return result
    }

    /// One finding per object that is missing, extra or different.
    static func objectFindings(expected: [String: Object], actual: [String: Object]) -> [Finding] {
        var result: [Finding] = []
        for name in Set(expected.keys).union(actual.keys).sorted() {
            switch (expected[name], actual[name]) {
            case let (e?, nil):
                result.append(Finding(.schema, "\(e.type) \(name) is missing (the migrations create it)"))
            case let (nil, a?) where name.lowercased().hasPrefix("sqlite_stat"):
                result.append(Finding(.schema, "\(a.type) \(name) is not created by the migrations (ANALYZE made it; 'DROP TABLE \(name)' removes it)"))
            case let (nil, a?):
                result.append(Finding(.schema, "\(a.type) \(name) is not created by the migrations (added by hand?)"))
            case let (e?, a?) where e != a:
                result.append(Finding(.schema, "\(a.type) \(name) differs from what the migrations create"))
            default:
                break
            }
        }
        return result
    }

    /// Collapses every run of white space outside quotes to one space and trims the ends.
    /// Text inside '…', "…", `…` and […] is kept as written: a literal's spaces are part of
    /// its meaning ('Boende  och …' is another category than 'Boende och …').
    /// (Unicode white space, as `Character.isWhitespace`; ASCII text is handled byte by byte,
    /// since every ledger open normalises the whole schema.)
    static func normalise(_ sql: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(sql.utf8.count)
        var pendingSpace = false
        var closing: UInt32?  // the quote that ends the literal or name being copied
        var lineComment = false, blockComment = false  // quotes in comments open nothing
        var previous: UInt32 = 0
        for scalar in sql.unicodeScalars {
            let value = scalar.value
            defer { previous = value }
            if let end = closing {
                if value == end { closing = nil }
            } else {
                let space = value < 0x80 ? (value == 0x20 || (value >= 0x09 && value <= 0x0D)) : scalar.properties.isWhitespace
                if space {
                    if value == 0x0A { lineComment = false }
                    pendingSpace = !out.isEmpty
                    continue
                }
                if lineComment {
                    // copied as written up to the end of the line
                } else if blockComment {
                    if previous == 0x2A && value == 0x2F { blockComment = false }  // */
                } else if previous == 0x2D && value == 0x2D && !pendingSpace {
                    lineComment = true  // --
                } else if previous == 0x2F && value == 0x2A && !pendingSpace {
                    blockComment = true  // /*
                } else {
                    switch value {
                    case 0x27, 0x22, 0x60: closing = value  // ' " `
                    case 0x5B: closing = 0x5D               // [ … ]
                    default: break
                    }
                }
            }
            if pendingSpace { out.append(0x20) }
            pendingSpace = false
            if value < 0x80 {
                out.append(UInt8(value))
            } else {
                out.append(contentsOf: String(scalar).utf8)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
