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
        try LedgerFileCheck.requireRegularFile(path)  // issue 17: no FIFO (it hung), folder or device
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
        for migration in migrations { createdObjectNames(migration.sql, into: &known) }
        let rows = try db.rows("SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' UNION ALL "
                               + "SELECT type, name FROM sqlite_temp_schema WHERE name NOT LIKE 'sqlite_%'")
        return rows.compactMap { row in
            guard let type = row[0].string, let name = row[1].string else { return nil }
            return known.contains(name.lowercased()) ? nil : "\(type) \(name)"
        }
    }

    /// Adds to `known` the object names after CREATE [TEMP|TEMPORARY|UNIQUE|VIRTUAL]
    /// TABLE|INDEX|TRIGGER|VIEW [IF NOT EXISTS] in `sql`, lower-cased, without quotes or
    /// brackets around them.
    static func createdObjectNames(_ sql: String, into known: inout Set<String>) {
        let words = SQLWords(sql)
        for i in words.indices where words.word(i, is: "create") {
            var j = i + 1
            while j < words.count, words.word(j, isOneOf: ["temp", "temporary", "unique", "virtual"]) { j += 1 }
            guard j < words.count, words.word(j, isOneOf: ["table", "index", "trigger", "view"]) else { continue }
            j += 1
            if j + 2 < words.count, words.word(j, is: "if"), words.word(j + 1, is: "not"), words.word(j + 2, is: "exists") { j += 3 }
            if j < words.count { known.insert(words.text(j).trimmingScalars(where: { "\"`[]".unicodeScalars.contains($0) })) }
        }
    }

    /// The words of `sql` as `createdObjectNames` reads them: split at whitespace, `(` and
    /// `;`, lower-cased. Splits Unicode scalars rather than Characters (grapheme clusters),
    /// which is much cheaper and gives the same words unless a whitespace scalar carries a
    /// combining mark; a test checks that it equals
    /// `sql.split(whereSeparator: { $0.isWhitespace || $0 == "(" || $0 == ";" }).map { $0.lowercased() }`
    /// on the embedded migrations. This runs at the start of every command.
    static func objectNameWords(_ sql: String) -> [String] {
        let words = SQLWords(sql)
        return words.indices.map { words.text($0) }
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

/// The words of an SQL text (split at white space, `(` and `;`) as byte ranges of its
/// UTF-8, so that finding the CREATE statements' object names makes no string per word.
/// ASCII letters compare case-insensitively; a word with other characters is lower-cased
/// with `String.lowercased()` when it is compared or read.
struct SQLWords {
    private let bytes: [UInt8]
    /// Per word: its start, its end and whether it is all ASCII, three entries each.
    private let bounds: [Int]

    init(_ sql: String) {
        let bytes = Array(sql.utf8)
        var bounds: [Int] = []
        bounds.reserveCapacity(bytes.count / 2)
        bytes.withUnsafeBufferPointer { text in
            var start = -1
            var isASCII = 1
            var i = 0
            while i < text.count {
                let byte = text[i]
                var length = 1
                var separates: Bool
                if byte < 0x80 {
                    separates = byte == 0x20 || byte == 0x28 || byte == 0x3B || (byte >= 0x09 && byte <= 0x0D)
                } else {
                    // A valid lead byte (the text is a String): 2, 3 or 4 bytes.
                    length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                    var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                    for k in 1..<length { value = value << 6 | UInt32(text[i + k] & 0x3F) }
                    separates = Unicode.Scalar(value)?.properties.isWhitespace ?? false
                }
                if separates {
                    if start >= 0 { bounds.append(start); bounds.append(i); bounds.append(isASCII) }
                    start = -1
                } else {
                    if start < 0 { start = i; isASCII = 1 }
                    if byte >= 0x80 { isASCII = 0 }
                }
                i += length
            }
            if start >= 0 { bounds.append(start); bounds.append(text.count); bounds.append(isASCII) }
        }
        self.bytes = bytes
        self.bounds = bounds
    }

    var count: Int { bounds.count / 3 }
    var indices: Range<Int> { 0..<count }

    private func start(_ i: Int) -> Int { bounds[3 * i] }
    private func end(_ i: Int) -> Int { bounds[3 * i + 1] }
    private func isASCII(_ i: Int) -> Bool { bounds[3 * i + 2] == 1 }

    /// Word `i`, lower-cased.
    func text(_ i: Int) -> String {
        let first = start(i), length = end(i) - first
        guard isASCII(i) else { return String(decoding: bytes[first..<(first + length)], as: UTF8.self).lowercased() }
        return bytes.withUnsafeBufferPointer { text in
            String(unsafeUninitializedCapacity: length) { target in
                for k in 0..<length {
                    let byte = text[first + k]
                    target[k] = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                }
                return length
            }
        }
    }

    /// True when word `i`, lower-cased, is `keyword` (lower-case ASCII letters).
    func word(_ i: Int, is keyword: StaticString) -> Bool {
        // Of all non-ASCII characters only U+212A KELVIN SIGN lower-cases to an ASCII letter
        // alone ("k"), so a word with one can equal only a keyword with a "k" in it.
        guard isASCII(i) else { return keyword.description.contains("k") && text(i) == keyword.description }
        let first = start(i), length = end(i) - first
        guard length == keyword.utf8CodeUnitCount else { return false }
        let letters = keyword.utf8Start
        return bytes.withUnsafeBufferPointer { text in
            for k in 0..<length where text[first + k] | 0x20 != letters[k] { return false }
            return true
        }
    }

    /// True when word `i` is one of `keywords`.
    func word(_ i: Int, isOneOf keywords: [StaticString]) -> Bool {
        keywords.contains { word(i, is: $0) }
    }
}
