import Ledger
import SQLite

/// Opens hallbar ledgers: the one place that decides whether a file may be used.
///
/// Every command but `init`, `seed` and `migrate` opens through `open(path:access:)`,
/// which refuses a missing file (nothing is created), a file that is not a database,
/// and a database whose migrations differ from the binary's.
public enum LedgerDatabase {
    /// Whether the command reads or writes.
    public enum Access: Sendable { case read, write }

    /// Opens an existing, current ledger.
    /// - Throws: `StoreError` (missing, not a database, not hallbar's, behind, inconsistent)
    ///   or `SQLiteError` (busy, I/O).
    public static func open(path: String, access: Access) throws -> Connection {
        let db = try openFile(path: path, mode: access == .read ? .readOnly : .readWrite)
        do {
            try requireCurrent(db, path: path)
        } catch {
            try? db.close()
            throw error
        }
        return db
    }

    /// Opens an existing file without checking its migrations (for `migrate`).
    public static func openFile(path: String, mode: Connection.Mode) throws -> Connection {
        guard mode == .create || LocalFiles.exists(path) else {
            throw StoreError.databaseMissing(path: path)
        }
        do {
            return try Connection(path: path, mode: mode)
        } catch let error as SQLiteError where error.isCorrupt {
            throw StoreError.notADatabase(path: path, detail: error.message)
        }
    }

    /// Refuses a database whose migration history differs from the binary's.
    public static func requireCurrent(_ db: Connection, path: String) throws {
        let migrator = try Migrator.embedded()
        let plan = try migrator.plan(for: db)
        guard plan.problems.isEmpty else { throw StoreError.schemaInconsistent(path: path, problems: plan.problems) }
        if plan.applied.isEmpty {
            let tables = try db.scalarInt("SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0
            if tables > 0 { throw StoreError.notAHallbarDatabase(path: path) }
        }
        guard plan.pending.isEmpty else {
            throw StoreError.schemaBehind(path: path, pending: plan.pending.map { "\($0.label) \($0.description)" })
        }
        let unknown = try unknownSchemaObjects(db, migrations: migrator.migrations)
        guard unknown.isEmpty else { throw StoreError.unknownSchemaObjects(path: path, objects: unknown) }
    }

    /// The tables, indexes, triggers and views of `db` that no migration creates (an
    /// injected trigger that writes elsewhere, say), as `type name`.
    static func unknownSchemaObjects(_ db: Connection, migrations: [Migration]) throws -> [String] {
        var known: Set<String> = [Migrator.historyTable]
        for migration in migrations {
            // The object names after CREATE [TEMP] TABLE|INDEX|TRIGGER|VIEW [IF NOT EXISTS].
            let words = objectNameWords(migration.sql)
            for (i, word) in words.enumerated() where word == "create" {
                var j = i + 1
                while j < words.count, ["temp", "temporary", "unique", "virtual"].contains(words[j]) { j += 1 }
                guard j < words.count, ["table", "index", "trigger", "view"].contains(words[j]) else { continue }
                j += 1
                if j + 2 < words.count, words[j] == "if", words[j + 1] == "not", words[j + 2] == "exists" { j += 3 }
                if j < words.count { known.insert(words[j].trimmingScalars(where: { "\"`[]".unicodeScalars.contains($0) })) }
            }
        }
        let rows = try db.rows("SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' UNION ALL "
                               + "SELECT type, name FROM sqlite_temp_schema WHERE name NOT LIKE 'sqlite_%'")
        return rows.compactMap { row in
            guard let type = row[0].string, let name = row[1].string else { return nil }
            return known.contains(name.lowercased()) ? nil : "\(type) \(name)"
        }
    }

    /// The words of `sql` as `unknownSchemaObjects` reads them: split at whitespace, `(` and
    /// `;`, lower-cased. Splits Unicode scalars rather than Characters (grapheme clusters),
    /// which is several times cheaper and gives the same words unless a whitespace scalar
    /// carries a combining mark; a test checks that it equals
    /// `sql.split(whereSeparator: { $0.isWhitespace || $0 == "(" || $0 == ";" }).map { $0.lowercased() }`
    /// on the embedded migrations. This runs at the start of every command.
    static func objectNameWords(_ sql: String) -> [String] {
        var words: [String] = []
        var word: [UInt8] = []
        var ascii = true
        func flush() {
            guard !word.isEmpty else { return }
            let text = String(decoding: word, as: UTF8.self)
            words.append(ascii ? text : text.lowercased())
            word.removeAll(keepingCapacity: true)
            ascii = true
        }
        for scalar in sql.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                switch value {
                case 0x09...0x0D, 0x20, 0x28, 0x3B: flush()
                case 0x41...0x5A: word.append(UInt8(value + 0x20))
                default: word.append(UInt8(value))
                }
            } else if scalar.properties.isWhitespace {
                flush()
            } else {
                ascii = false
                word.append(contentsOf: String(scalar).utf8)
            }
        }
        flush()
        return words
    }

    /// Creates a new ledger at `path` and applies every migration.
    /// - Throws: `StoreError.alreadyExists` when the file already holds a hallbar ledger.
    @discardableResult
    public static func create(path: String, stamp: Stamp) throws -> [Migration] {
        let existed = LocalFiles.exists(path)
        do {
            return try createOrRefuse(path: path, existed: existed, stamp: stamp)
        } catch {
            // A file this call created and could not finish is removed, not left half-made.
            if !existed { LocalFiles.removeDatabase(path) }
            throw error
        }
    }

    private static func createOrRefuse(path: String, existed: Bool, stamp: Stamp) throws -> [Migration] {
        let migrator = try Migrator.embedded()
        if existed {
            // Decide on a read-only connection: opening read-write switches the file to WAL,
            // a write that a refused file must not get.
            let reader = try openFile(path: path, mode: .readOnly)
            defer { try? reader.close() }
            let objects = try reader.scalarInt("SELECT count(*) FROM sqlite_master") ?? 0
            if objects > 0 {
                let plan = try migrator.plan(for: reader)
                if plan.applied.isEmpty { throw StoreError.notAHallbarDatabase(path: path) }
                throw StoreError.alreadyExists(path: path)
            }
        }
        let db = try openFile(path: path, mode: .create)
        defer { try? db.close() }
        return try migrator.migrate(db, stamp: stamp)
    }

    /// The path of the backup taken before migrating `path` to `version`.
    public static func backupPath(for path: String, before version: Int, at stamp: Stamp) -> String {
        let compact = stamp.at.filter { $0.isNumber }.prefix(14)
        return "\(path).before-\(Migration.label(version))-\(compact).backup"
    }
}
