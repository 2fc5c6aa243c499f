/// An error found while reading a CSV file, with the 1-based line where it was found.
///
/// `description` reads `line 1042: …`; use `message(file:)` for the
/// `file.csv:1042: …` form that the command line prints.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// The file could not be opened (`reason` is the system's message).
        case cannotOpen(path: String, reason: String)
        /// Reading the file failed part-way (an I/O error).
        case readFailed(reason: String)
        /// The file has no header row.
        case emptyFile
        /// The file starts with a UTF-16 byte order mark.
        case utf16
        /// A quoted field is still open at the end of the file.
        case unterminatedQuote
        /// A `"` appears inside a field that does not start with a quote.
        case quoteInUnquotedField
        /// A character other than a delimiter or line break follows a closing quote.
        case characterAfterClosingQuote(UInt8)
        /// A field is not valid UTF-8 (`field` is 1-based).
        case invalidUTF8(byte: UInt8, field: Int)
        /// A byte that Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D).
        case undefinedWindows1252Byte(UInt8, field: Int)
        /// Windows-1252 was requested but the field is already valid UTF-8 with non-ASCII text.
        case utf8InWindows1252Mode(field: Int)
        /// The file starts with a UTF-8 byte order mark but Windows-1252 was requested.
        case utf8ByteOrderMarkInWindows1252Mode
        /// A record is larger than the reader's limit (usually a quote left open).
        case recordTooLarge(limit: Int)
        /// A control character (C0 but tab, CR and LF; DEL; C1) in field `field` (1-based),
        /// of column `column` when the header names it. No field may hold one (quality.md).
        case controlCharacter(scalar: UInt32, field: Int, column: String?)
        /// A record has a different number of fields than the header.
        case raggedRow(expected: Int, found: Int)
        /// Header problems: unknown, missing, duplicate or empty column names.
        case badHeader(unknown: [String], missing: [String], duplicate: [String],
                       empty: Bool, expected: [String], optional: [String])
    }

    /// What went wrong.
    public let kind: Kind
    /// The 1-based physical line where the problem was found; 0 when it concerns the whole file.
    public let line: Int

    /// Creates an error of `kind` at `line` (0: the whole file).
    public init(_ kind: Kind, line: Int) {
        self.kind = kind
        self.line = line
    }

    /// The message without a location, e.g. `unterminated quoted field`.
    public var reason: String {
        switch kind {
        case let .cannotOpen(path, reason):
            return "cannot open \(path): \(reason)"
        case let .readFailed(reason):
            return "read error: \(reason)"
        case .emptyFile:
            return "the file is empty; a header row is required"
        case .utf16:
            return "the file is UTF-16; save it as UTF-8 (CSV UTF-8 in Excel) "
                + "or convert it with iconv -f UTF-16 -t UTF-8"
        case .unterminatedQuote:
            return "a quoted field starting here is not closed before the end of the file"
        case .quoteInUnquotedField:
            return "a quote (\") inside a field that does not start with one; "
                + "quote the whole field and double the inner quotes (\"\")"
        case let .characterAfterClosingQuote(byte):
            return "unexpected \(Self.show(byte)) after a closing quote; "
                + "expected a delimiter or the end of the line"
        case let .invalidUTF8(byte, field):
            return "field \(field) is not valid UTF-8 (byte 0x\(Self.hex(byte))); the file looks "
                + "like Windows-1252/Latin-1: re-run with --encoding windows-1252 or convert "
                + "it with iconv -f WINDOWS-1252 -t UTF-8"
        case let .undefinedWindows1252Byte(byte, field):
            return "field \(field) has byte 0x\(Self.hex(byte)), which Windows-1252 does not "
                + "define; the file is not Windows-1252"
        case let .utf8InWindows1252Mode(field):
            return "field \(field) is already UTF-8, but --encoding windows-1252 was given; "
                + "re-run without it"
        case .utf8ByteOrderMarkInWindows1252Mode:
            return "the file starts with a UTF-8 byte order mark, but --encoding windows-1252 "
                + "was given; re-run without it"
        case let .recordTooLarge(limit):
            return "a record starting here is larger than \(limit) bytes; is a closing quote missing?"
        case let .controlCharacter(value, field, column):
            let scalar = Unicode.Scalar(value) ?? "?"
            let which = column.map { "column \(TextRules.quoted($0))" } ?? "field \(field)"
            return "\(which) holds the control character \(TextRules.describe(scalar)); no field may hold one "
                + "(tabs aside, and line breaks inside quotes)"
        case let .raggedRow(expected, found):
            return "\(found) field\(found == 1 ? "" : "s") where the header has \(expected)"
        case let .badHeader(unknown, missing, duplicate, empty, expected, optional):
            var parts: [String] = []
            if !unknown.isEmpty { parts.append("unknown column\(unknown.count == 1 ? "" : "s") " + Self.list(unknown)) }
            if !missing.isEmpty { parts.append("missing column\(missing.count == 1 ? "" : "s") " + Self.list(missing)) }
            if !duplicate.isEmpty { parts.append("duplicate column\(duplicate.count == 1 ? "" : "s") " + Self.list(duplicate)) }
            if empty { parts.append("an empty column name") }
            var text = parts.joined(separator: ", ") + "; expected columns: " + expected.joined(separator: ", ")
            if !optional.isEmpty { text += " (optional: " + optional.joined(separator: ", ") + ")" }
            return text
        }
    }

    /// `line N: reason`, or just the reason when the error concerns the whole file.
    public var description: String {
        line > 0 ? "line \(line): \(reason)" : reason
    }

    /// The command line's form: `file.csv:1042: reason` (or `file.csv: reason`).
    public func message(file: String) -> String {
        line > 0 ? "\(file):\(line): \(reason)" : "\(file): \(reason)"
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }

    private static func show(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(hex(byte))"
    }

    private static func list(_ names: [String]) -> String {
        names.map { "\"\($0)\"" }.joined(separator: ", ")
    }
}
