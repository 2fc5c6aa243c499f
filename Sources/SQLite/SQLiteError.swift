import CSQLite

/// The one error type of the SQLite wrapper.
///
/// It carries SQLite's extended result code, SQLite's own message and the SQL that
/// failed. Bound values are never part of it: amounts and names are sensitive, and an
/// error message ends up in logs and terminals.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    /// The extended result code (`SQLITE_CONSTRAINT_UNIQUE`, `SQLITE_BUSY_SNAPSHOT`, ...).
    public let extendedCode: Int32
    /// SQLite's message (`sqlite3_errmsg`) or the wrapper's own explanation.
    public let message: String
    /// The statement that failed, without bound values; `nil` for open/close failures.
    public let sql: String?

    /// Creates an error from a result code, a message and the statement.
    public init(code: Int32, message: String, sql: String? = nil) {
        self.extendedCode = code
        self.message = message
        self.sql = sql
    }

    /// The primary result code (`SQLITE_CONSTRAINT`, `SQLITE_BUSY`, ...): the low byte.
    public var primaryCode: Int32 { extendedCode & 0xFF }

    /// True when the database was locked or busy beyond the busy timeout.
    public var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }
    /// True for a constraint violation (CHECK, UNIQUE, FOREIGN KEY, NOT NULL, trigger RAISE).
    public var isConstraint: Bool { primaryCode == SQLITE_CONSTRAINT }
    /// True when the file is not a database or is damaged.
    public var isCorrupt: Bool { primaryCode == SQLITE_NOTADB || primaryCode == SQLITE_CORRUPT }
    /// True for an I/O error or a full disk.
    public var isIOError: Bool { primaryCode == SQLITE_IOERR || primaryCode == SQLITE_FULL }
    /// True when the file or its folder could not be opened.
    public var isCannotOpen: Bool { primaryCode == SQLITE_CANTOPEN }
    /// True when the database refused a write because it was opened read-only.
    public var isReadOnly: Bool { primaryCode == SQLITE_READONLY }

    /// True when an integer `sum()` (or `+`, `*` in SQL) left 64 bits: SQLite raises
    /// `SQLITE_ERROR` with the message "integer overflow" rather than wrapping around.
    public var isIntegerOverflow: Bool { primaryCode == SQLITE_ERROR && message == "integer overflow" }
    /// True when the statement was interrupted (`sqlite3_interrupt`, or a progress handler
    /// that asked to stop).
    public var isInterrupt: Bool { primaryCode == SQLITE_INTERRUPT }
    /// True when SQLite ran out of memory (or hit a heap limit).
    public var isNoMemory: Bool { primaryCode == SQLITE_NOMEM }
    /// True when a string or blob grew past SQLite's length limit.
    public var isTooBig: Bool { primaryCode == SQLITE_TOOBIG }

    /// SQLite's English name of the result code ("constraint failed", "database is locked").
    public var codeName: String { String(cString: sqlite3_errstr(extendedCode)) }

    public var description: String {
        var text = "SQLite error \(extendedCode) (\(codeName)): \(message)"
        if let sql { text += " — in: \(SQLiteError.abbreviate(sql))" }
        return text
    }

    static func abbreviate(_ sql: String) -> String {
        let oneLine = sql.split(whereSeparator: { $0.isNewline }).map { $0.trimmingSpaces() }.joined(separator: " ")
        return oneLine.count > 160 ? String(oneLine.prefix(157)) + "..." : oneLine
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return s
    }
}
