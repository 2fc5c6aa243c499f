import Ledger
import SQLite

/// The schema the binary's migrations create, read from their text without running them,
/// and compared object by object — by full SQL — with a ledger's `sqlite_master` every
/// time a ledger is opened. A trigger, view, index or table that differs, is missing or
/// was added (an injected trigger that writes elsewhere, a view replaced under a known name)
/// makes every command but `verify` and `migrate` refuse the file.
///
/// SQLite keeps each CREATE statement as written from the object's name on, after a
/// canonical `CREATE [UNIQUE] TABLE|INDEX|TRIGGER|VIEW ` (no `IF NOT EXISTS`, no trailing
/// `;`); the replay below rebuilds exactly that, and a test checks it against a database the
/// migrations really created. Texts are compared after collapsing runs of white space.
struct ExpectedSchema {
    /// An object as SQLite stores it: its type and the SQL it keeps.
    struct Object: Equatable {
        let type: String
        let sql: String
        /// The table an index or trigger belongs to (dropped with it).
        var table: String?
    }

    /// Objects by lower-cased name.
    private(set) var objects: [String: Object] = [:]

    /// The schema after applying `migrations` in order (plus the migration history table).
    init(migrations: [Migration]) {
        replay(Migrator.createHistory)
        for migration in migrations {
            for part in migration.parts {
                if case .sql(let sql) = part { replay(sql) }
            }
        }
    }

    /// The objects of a ledger's schema that are compared. Only SQLite's own objects are left
    /// out: the automatic indexes of UNIQUE and PRIMARY KEY constraints (no SQL) and
    /// AUTOINCREMENT's table. Any other object, whatever its name (`sqlite_evil` put in through
    /// writable_schema, `sqlite_stat1` left by ANALYZE), counts.
    private static let objectsSQL = """
        SELECT type, name, sql FROM sqlite_schema
        WHERE NOT (type = 'index' AND name LIKE 'sqlite\\_autoindex\\_%' ESCAPE '\\' AND sql IS NULL)
          AND NOT (type = 'table' AND name = 'sqlite_sequence')
        """

    /// SHA-256 of `db`'s schema exactly as stored: the type, name and SQL of every object the
    /// comparison below looks at, in name order, and the names of temporary objects. Opening a
    /// ledger compares it with `SchemaFingerprint.fresh`, the fingerprint of a ledger the
    /// embedded migrations create; only when they differ is the schema replayed from the
    /// migrations and compared object by object (which also accepts differences of white space).
    static func fingerprint(of db: Connection) throws -> String {
        var hasher = SHA256()
        func add(_ text: String?) {
            hasher.update(bytes: Array((text ?? "\u{0}NULL").utf8))
            hasher.update(bytes: [0])
        }
        for row in try db.prepare(Self.objectsSQL + " ORDER BY name").rows() {
            add(row[0].string); add(row[1].string); add(row[2].string)
        }
        for row in try db.prepare("SELECT type, name FROM sqlite_temp_schema ORDER BY name").rows() {
            add("temp"); add(row[0].string); add(row[1].string)
        }
        return SHA256.hex(hasher.finalize())
    }

    /// The differences between `db`'s schema and this one, as "trigger x differs", "view y
    /// is not created by the migrations", "index z is missing"; empty when they match.
    func differences(in db: Connection) throws -> [String] {
        var actual: [String: (type: String, sql: String)] = [:]
        var shown: [String: String] = [:]
        for row in try db.prepare(Self.objectsSQL).rows() {
            guard let name = row[1].string else { continue }
            actual[name.lowercased()] = (row[0].string ?? "", row[2].string.map(SchemaCheck.normalise) ?? "")
            shown[name.lowercased()] = name
        }
        for row in try db.prepare("SELECT type, name FROM sqlite_temp_schema").rows() {
            actual["temp." + (row[1].string ?? "").lowercased()] = (row[0].string ?? "", "temp")
        }
        var result: [String] = []
        for key in Set(actual.keys).union(objects.keys).sorted() {
            let name = shown[key] ?? key
            switch (objects[key], actual[key]) {
            case let (e?, nil): result.append("\(e.type) \(name) is missing")
            case let (nil, a?) where name.lowercased().hasPrefix("sqlite_stat"):
                result.append("\(a.type) \(name) is not created by the migrations (ANALYZE made it; 'DROP TABLE \(name)' removes it)")
            case let (nil, a?): result.append("\(a.type) \(name) is not created by the migrations")
            case let (e?, a?) where e.type != a.type || SchemaCheck.normalise(e.sql) != a.sql:
                result.append("\(a.type) \(name) differs from what the migrations create")
            default: break
            }
        }
        return result
    }

    // MARK: Replay

    private mutating func replay(_ sql: String) {
        for statement in SQLText.statements(sql) { apply(statement) }
    }

    private mutating func apply(_ statement: String) {
        var scanner = SQLScanner(statement)
        guard let first = scanner.keyword() else { return }
        switch first {
        case "create":
            var type = scanner.keyword() ?? ""
            var temporary = false
            var unique = false
            if type == "temp" || type == "temporary" { temporary = true; type = scanner.keyword() ?? "" }
            if type == "unique" { unique = true; type = scanner.keyword() ?? "" }
            if type == "virtual" { type = scanner.keyword() ?? "" }
            guard ["table", "index", "trigger", "view"].contains(type) else { return }
            scanner.skipIfNotExists()
            let nameStart = scanner.position
            guard var name = scanner.name() else { return }
            if scanner.peekDot() {
                // schema.name
                let schema = name
                scanner.skipDot()
                guard let object = scanner.name() else { return }
                if schema == "temp" { temporary = true }
                name = object
            }
            if temporary { return }
            let text = "CREATE " + (unique ? "UNIQUE " : "") + type.uppercased() + " " + scanner.text(from: nameStart)
            var table: String?
            if type == "index" || type == "trigger" { table = scanner.tableAfterOn() }
            objects[name] = Object(type: type, sql: text, table: table)
        case "drop":
            guard let type = scanner.keyword(), ["table", "index", "trigger", "view"].contains(type) else { return }
            scanner.skipIfExists()
            guard var name = scanner.name() else { return }
            if scanner.peekDot() { scanner.skipDot(); name = scanner.name() ?? name }
            objects[name] = nil
            if type == "table" { objects = objects.filter { $0.value.table != name } }
        case "alter":
            guard scanner.keyword() == "table", var old = scanner.name() else { return }
            if scanner.peekDot() { scanner.skipDot(); old = scanner.name() ?? old }
            guard scanner.keyword() == "rename" else { return }
            var next = scanner.keyword()
            if next == "to" { next = nil }
            guard next == nil, let new = scanner.name(), var object = objects.removeValue(forKey: old) else { return }
            object = Object(type: object.type, sql: "CREATE TABLE \"\(new)\" (renamed)", table: nil)
            objects[new] = object
            for (key, value) in objects where value.table == old { objects[key]?.table = new }
        default:
            return
        }
    }
}

/// Reads keywords and names off the start of an SQL statement, skipping white space and
/// comments; names are lower-cased without their quotes.
private struct SQLScanner {
    let bytes: [UInt8]
    private(set) var position = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    mutating func skipSpace() {
        while position < bytes.count {
            let b = bytes[position]
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) { position += 1; continue }
            if b == 0x2D, position + 1 < bytes.count, bytes[position + 1] == 0x2D {   // --
                while position < bytes.count, bytes[position] != 0x0A { position += 1 }
                continue
            }
            if b == 0x2F, position + 1 < bytes.count, bytes[position + 1] == 0x2A {   // /*
                position += 2
                while position + 1 < bytes.count, !(bytes[position] == 0x2A && bytes[position + 1] == 0x2F) { position += 1 }
                position = min(bytes.count, position + 2)
                continue
            }
            return
        }
    }

    /// The next word of letters, digits and `_`, lower-cased.
    mutating func keyword() -> String? {
        skipSpace()
        let start = position
        while position < bytes.count, isWordByte(bytes[position]) { position += 1 }
        guard position > start else { return nil }
        return String(decoding: bytes[start..<position], as: UTF8.self).lowercased()
    }

    /// The next name: a word, or a quoted name ("x", `x`, [x]).
    mutating func name() -> String? {
        skipSpace()
        guard position < bytes.count else { return nil }
        let b = bytes[position]
        if b == 0x22 || b == 0x60 || b == 0x5B {
            let close: UInt8 = b == 0x5B ? 0x5D : b
            position += 1
            let start = position
            while position < bytes.count, bytes[position] != close { position += 1 }
            let text = String(decoding: bytes[start..<min(position, bytes.count)], as: UTF8.self)
            position = min(bytes.count, position + 1)
            return text.lowercased()
        }
        return keyword()
    }

    func peekDot() -> Bool { position < bytes.count && bytes[position] == 0x2E }
    mutating func skipDot() { position += 1 }

    mutating func skipIfNotExists() {
        let saved = position
        if keyword() == "if", keyword() == "not", keyword() == "exists" { return }
        position = saved
    }

    mutating func skipIfExists() {
        let saved = position
        if keyword() == "if", keyword() == "exists" { return }
        position = saved
    }

    /// The statement's text from `start` to its end, trimmed at the end.
    func text(from start: Int) -> String {
        var end = bytes.count
        while end > start, bytes[end - 1] == 0x20 || (bytes[end - 1] >= 0x09 && bytes[end - 1] <= 0x0D) { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The table after the first `ON` keyword (an index's or trigger's table).
    mutating func tableAfterOn() -> String? {
        while let word = keyword() ?? skipOther() {
            if word == "on" { return name() }
        }
        return nil
    }

    /// Skips one byte that is not part of a word; nil at the end.
    private mutating func skipOther() -> String? {
        skipSpace()
        guard position < bytes.count else { return nil }
        position += 1
        return ""
    }

    private func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b >= 0x80
    }
}
