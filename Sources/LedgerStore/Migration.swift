import Ledger

/// One schema migration: a numbered SQL file of `Migrations/`, compiled into the binary.
public struct Migration: Sendable, Equatable {
    /// The number in the file name (`0001_initial_schema.sql` → 1).
    public let version: Int
    /// The rest of the file name, with underscores as spaces ("initial schema").
    public let description: String
    /// The file name as it was in `Migrations/`.
    public let fileName: String
    /// The SQL text with line endings normalised to LF.
    public let sql: String
    /// Lower-case hex SHA-256 of the LF-normalised text.
    public let checksum: String

    /// Builds a migration from its file name and bytes.
    /// - Throws: `MigrationError.badFileName` unless the name is `NNNN_description.sql`,
    ///   `MigrationError.notUTF8` when the bytes are not UTF-8.
    public init(fileName: String, bytes: [UInt8]) throws {
        try self.init(fileName: fileName, bytes: bytes, sha256OfBytes: nil)
    }

    /// Builds a migration whose bytes' SHA-256 the build already computed (the embedded
    /// migrations: see Plugins/EmbedMigrations). It is used as the checksum only when the
    /// bytes hold no CR, so that they are their own LF-normalised text; otherwise, or when
    /// it is nil, the checksum is computed here.
    init(fileName: String, bytes: [UInt8], sha256OfBytes: String?) throws {
        guard fileName.hasSuffix(".sql") else { throw MigrationError.badFileName(fileName) }
        let stem = fileName.dropLast(4)
        let digits = stem.prefix(while: { $0.isASCII && $0.isNumber })
        guard digits.count == 4, let version = Int(digits), version > 0,
              stem.dropFirst(4).first == "_", stem.count > 5
        else { throw MigrationError.badFileName(fileName) }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw MigrationError.notUTF8(fileName) }
        // Almost every file has no CR at all: then there is nothing to normalise.
        let hasCR = bytes.contains(0x0D)
        let normalised = hasCR ? Migration.normaliseLineEndings(text) : text
        self.version = version
        self.description = String(stem.dropFirst(5)).replacingEvery("_", with: " ")
        self.fileName = fileName
        self.sql = normalised
        if !hasCR, let sha256OfBytes {
            self.checksum = sha256OfBytes
        } else {
            self.checksum = SHA256.hex(SHA256.hash(Array(normalised.utf8)))
        }
    }

    /// CRLF and lone CR become LF, so a checkout with other line endings hashes the same.
    public static func normaliseLineEndings(_ text: String) -> String {
        text.replacingEvery("\r\n", with: "\n").replacingEvery("\r", with: "\n")
    }

    /// The version as printed: four digits ("0001").
    public var label: String { Migration.label(version) }

    /// A version as printed: four digits ("0001").
    public static func label(_ version: Int) -> String {
        let text = String(version)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }

    /// The migrations compiled into this binary, ordered by version.
    /// - Throws: `MigrationError` for a bad name, bad encoding or a duplicate version
    ///   (a build from a broken `Migrations/` folder is refused, never half-used).
    public static func embedded() throws -> [Migration] {
        var result: [Migration] = []
        for file in embeddedMigrationFiles {
            guard let bytes = Migration.base64Decoded(file.base64) else { throw MigrationError.notUTF8(file.name) }
            result.append(try Migration(fileName: file.name, bytes: bytes, sha256OfBytes: file.sha256))
        }
        return try ordered(result)
    }

    /// The bytes of standard base64 text (`=` padding, no line breaks), as the build plugin
    /// writes it; nil for anything else.
    static func base64Decoded(_ text: String) -> [UInt8]? {
        let input = Array(text.utf8)
        guard input.count % 4 == 0 else { return nil }
        guard !input.isEmpty else { return [] }
        let padding = input[input.count - 1] == 0x3D ? (input[input.count - 2] == 0x3D ? 2 : 1) : 0
        var out = [UInt8](repeating: 0, count: input.count / 4 * 3 - padding)
        let valid = input.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { target in
                base64Values.withUnsafeBufferPointer { table in
                    var invalid: UInt8 = 0
                    var o = 0
                    var i = 0
                    while i < source.count {
                        let a = table[Int(source[i])], b = table[Int(source[i + 1])]
                        let lastGroup = i + 4 == source.count
                        let c = lastGroup && padding == 2 ? 0 : table[Int(source[i + 2])]
                        let d = lastGroup && padding >= 1 ? 0 : table[Int(source[i + 3])]
                        invalid |= (a | b | c | d) & 0x80
                        let group = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                        target[o] = UInt8(truncatingIfNeeded: group >> 16)
                        if o + 1 < target.count { target[o + 1] = UInt8(truncatingIfNeeded: group >> 8) }
                        if o + 2 < target.count { target[o + 2] = UInt8(truncatingIfNeeded: group) }
                        o += 3
                        i += 4
                    }
                    return invalid == 0
                }
            }
        }
        return valid ? out : nil
    }

    /// Each byte's value as a base64 digit, 0xFF for a byte that is not one.
    private static let base64Values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, digit) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(digit)] = UInt8(value)
        }
        return table
    }()

    /// Sorts by version and refuses two files with one version.
    public static func ordered(_ migrations: [Migration]) throws -> [Migration] {
        let sorted = migrations.sorted { $0.version < $1.version }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.version == b.version {
            throw MigrationError.duplicateVersion(a.version, a.fileName, b.fileName)
        }
        return sorted
    }
}

/// A migration as the database's history table records it.
public struct AppliedMigration: Sendable, Equatable {
    public let version: Int
    public let description: String
    public let checksum: String
    public let appliedAt: String
    public let appliedBy: String
    public let durationMilliseconds: Int64
}

/// What is wrong between a database's migration history and this binary.
public enum MigrationProblem: Sendable, Equatable, CustomStringConvertible {
    /// An applied migration whose text in the binary hashes differently.
    case checksumMismatch(version: Int, applied: String, binary: String)
    /// The database has a migration this binary does not know: the database is newer.
    case unknownApplied(version: Int, description: String)
    /// A migration of the binary that is not applied although a later one is.
    case outOfOrder(pending: Int, highestApplied: Int)

    public var description: String {
        switch self {
        case let .checksumMismatch(version, applied, binary):
            return "migration \(Migration.label(version)) was applied with checksum \(applied) "
                + "but this hallbar has \(binary): the migration or the history table was changed"
        case let .unknownApplied(version, description):
            return "migration \(Migration.label(version)) (\(description)) is applied but this hallbar does not know it: "
                + "the database is newer than the program; use a newer hallbar"
        case let .outOfOrder(pending, highest):
            return "migration \(Migration.label(pending)) is pending but \(Migration.label(highest)) is already applied: "
                + "migrations must apply in order"
        }
    }
}

/// Failures of the migration machinery itself.
public enum MigrationError: Error, Sendable, Equatable, CustomStringConvertible {
    case badFileName(String)
    case notUTF8(String)
    case duplicateVersion(Int, String, String)
    /// The history disagrees with the binary; nothing was applied.
    case inconsistent([MigrationProblem])
    /// A migration left rows whose foreign keys point nowhere; it was rolled back.
    case foreignKeyViolations(version: Int, [String])
    /// The backup taken before migrating failed its integrity check.
    case backupFailed(path: String, reason: String)
    /// A migration names a step this hallbar does not know; nothing was applied.
    case unknownStep(version: Int, name: String)
    /// A step of a migration failed; the migration was rolled back.
    case stepFailed(version: Int, name: String, reason: String)
    /// The old hash chain of a ledger made before schema 0004 does not verify at `row`:
    /// linking its rows into the new chain would hide the change, so nothing was migrated.
    case legacyChainBroken(table: String, row: String)

    public var description: String {
        switch self {
        case .badFileName(let name): return "migration file \(name) is not named NNNN_description.sql"
        case .notUTF8(let name): return "migration file \(name) is not UTF-8 text"
        case let .duplicateVersion(v, a, b): return "two migrations have version \(Migration.label(v)): \(a) and \(b)"
        case .inconsistent(let problems): return problems.map(\.description).joined(separator: "\n")
        case let .foreignKeyViolations(version, rows):
            return "migration \(Migration.label(version)) left broken foreign keys (rolled back): " + rows.joined(separator: "; ")
        case let .backupFailed(path, reason): return "backup before migrating failed (\(path)): \(reason)"
        case let .unknownStep(version, name):
            return "migration \(Migration.label(version)) names a step '\(name)' this hallbar does not know; nothing was applied"
        case let .stepFailed(version, name, reason):
            return "migration \(Migration.label(version)), step \(name), failed (rolled back): \(reason)"
        case let .legacyChainBroken(table, row):
            return "the ledger's old hash chain does not verify at \(table) row \(row): a row was changed outside hallbar, "
                + "and re-linking it into the new chain would hide that; nothing was migrated. Check it with the hallbar "
                + "that wrote it ('hallbar verify'), or restore a backup"
        }
    }
}
