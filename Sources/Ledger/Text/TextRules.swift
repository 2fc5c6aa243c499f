/// Why a text was refused by one of `TextRules`' rules.
///
/// `description` names the field, quotes the value shortened with its invisible
/// characters shown (`TextRules.quoted`) and says what is wrong, e.g.
/// `the external_id "E-000001\u{200B}" has U+200B ZERO WIDTH SPACE at position 9; a key takes …`.
public struct TextRuleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong with the text.
    public enum Reason: Sendable, Equatable {
        /// Empty, or only white space.
        case empty
        /// Longer than `limit` characters (Unicode scalars).
        case tooLong(count: Int, limit: Int)
        /// A control character (C0, DEL, C1; a tab or line break where the field is one line).
        case controlCharacter(Unicode.Scalar, position: Int)
        /// A format character (zero-width, bidi control, byte order mark) or a line or
        /// paragraph separator.
        case formatCharacter(Unicode.Scalar, position: Int)
        /// A character a key does not take (anything but ASCII letters, digits and `-_./:`).
        case notKeyCharacter(Unicode.Scalar, position: Int)
    }

    /// The field as the message names it ("the external_id", "the name").
    public let what: String
    /// The value, already shortened and shown visibly (`TextRules.quoted`).
    public let shown: String
    /// Why it was refused.
    public let reason: Reason

    /// Creates an error for `text` (quoted shortened, never whole) refused for `reason`.
    public init(what: String, text: String, reason: Reason) {
        self.what = what
        self.shown = TextRules.quoted(text)
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .empty:
            return "\(what) is empty"
        case let .tooLong(count, limit):
            return "\(what) \(shown) is \(count) characters long; at most \(limit) are allowed"
        case let .controlCharacter(scalar, position):
            return "\(what) \(shown) has the control character \(TextRules.describe(scalar)) at position \(position); "
                + "no field may hold control characters"
        case let .formatCharacter(scalar, position):
            return "\(what) \(shown) has the invisible character \(TextRules.describe(scalar)) at position \(position); "
                + "remove it (zero-width, direction and byte-order marks and line separators are refused)"
        case let .notKeyCharacter(scalar, position):
            return "\(what) \(shown) has \(TextRules.describe(scalar)) at position \(position); "
                + "a key takes ASCII letters, digits and - _ . / : only"
        }
    }
}

/// The one rule for every text a ledger stores (quality.md, "Hostile input"): used by every
/// import column and every command-line option that stores text.
///
/// - **Keys** (external ids, loan numbers, indicator ids, ISINs): ASCII letters, digits
///   and `-_./:` only, 1–64 characters. So no lookalike (`E-1` + U+200B, Arabic-Indic
///   digits, a combining mark) can become a second key beside the visible one.
/// - **Names** (one line: member and borrower names, titles, units, `--by`): no control
///   character at all (no tab, no line break), no format character (zero-width, bidi
///   controls such as U+202E, the BOM U+FEFF, U+2028/U+2029), not blank, at most 2 000
///   characters.
/// - **Free text** (notes, reasons, descriptions): as names, but tab and line breaks are
///   allowed (a quoted multi-line CSV field, a note typed over several lines).
///
/// Characters are Unicode scalars; the limits count scalars. Errors quote the value
/// shortened (`quoted`), never whole, with invisible characters written visibly.
///
/// ```swift
/// try TextRules.key("E-000001", what: "the external_id")          // "E-000001"
/// try TextRules.key("E-000001\u{200B}", what: "the external_id")  // throws
/// TextRules.quoted("a\u{1B}]0;x\u{07}")                            // "\"a\\e]0;x\\a\""
/// ```
public enum TextRules {
    /// The longest key, in characters.
    public static let keyLimit = 64
    /// The longest name or free text, in characters.
    public static let textLimit = 2_000
    /// How many characters of a value an error message quotes.
    public static let quoteLimit = 60

    /// A key: 1–64 of ASCII letters, digits and `-_./:`.
    /// - Throws: `TextRuleError` naming the first character that is not allowed.
    @discardableResult
    public static func key(_ text: String, what: String) throws(TextRuleError) -> String {
        let utf8 = text.utf8
        if utf8.isEmpty { throw TextRuleError(what: what, text: text, reason: .empty) }
        var fast = utf8.count <= keyLimit
        if fast { for byte in utf8 where !isKeyByte(byte) { fast = false; break } }
        if fast { return text }
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            guard scalar.isASCII, isKeyByte(UInt8(scalar.value)) else {
                if isControl(scalar) {
                    throw TextRuleError(what: what, text: text, reason: .controlCharacter(scalar, position: offset + 1))
                }
                throw TextRuleError(what: what, text: text, reason: .notKeyCharacter(scalar, position: offset + 1))
            }
        }
        throw TextRuleError(what: what, text: text, reason: .tooLong(count: text.unicodeScalars.count, limit: keyLimit))
    }

    /// A name: one line, no control or format character, not blank, at most 2 000 characters.
    /// - Throws: `TextRuleError`.
    @discardableResult
    public static func name(_ text: String, what: String) throws(TextRuleError) -> String {
        try check(text, what: what, multiLine: false)
        return text
    }

    /// Free text: as `name`, but tab, CR and LF are allowed.
    /// - Throws: `TextRuleError`.
    @discardableResult
    public static func freeText(_ text: String, what: String) throws(TextRuleError) -> String {
        try check(text, what: what, multiLine: true)
        return text
    }

    private static func check(_ text: String, what: String, multiLine: Bool) throws(TextRuleError) {
        var count = 0
        var blank = true
        var asciiOnly = true
        // ASCII first, byte by byte: the usual case needs no Unicode properties.
        for byte in text.utf8 {
            if byte >= 0x80 { asciiOnly = false; break }
            count += 1
            if byte < 0x20 || byte == 0x7F {
                if multiLine && (byte == 0x09 || byte == 0x0A || byte == 0x0D) { continue }
                asciiOnly = false
                break
            }
            if byte != 0x20 { blank = false }
        }
        if !asciiOnly {
            count = 0
            blank = true
            for scalar in text.unicodeScalars {
                count += 1
                if isControl(scalar) {
                    if multiLine && (scalar == "\t" || scalar == "\n" || scalar == "\r") { continue }
                    throw TextRuleError(what: what, text: text, reason: .controlCharacter(scalar, position: count))
                }
                if isFormat(scalar) {
                    throw TextRuleError(what: what, text: text, reason: .formatCharacter(scalar, position: count))
                }
                if blank && !scalar.properties.isWhitespace { blank = false }
            }
        }
        if blank { throw TextRuleError(what: what, text: text, reason: .empty) }
        if count > textLimit { throw TextRuleError(what: what, text: text, reason: .tooLong(count: count, limit: textLimit)) }
    }

    // MARK: Character classes

    /// `A–Z a–z 0–9 - _ . / :`.
    @inline(__always)
    public static func isKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x5F, 0x2E, 0x2F, 0x3A: return true
        default: return false
        }
    }

    /// A control character: C0 (U+0000–U+001F), DEL (U+007F) or C1 (U+0080–U+009F).
    @inline(__always)
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value <= 0x9F)
    }

    /// A format character (general category Cf: zero-width space and joiners, bidi
    /// controls such as U+202E, the BOM U+FEFF, soft hyphen …), U+200B ZERO WIDTH SPACE,
    /// or a line or paragraph separator (U+2028, U+2029).
    public static func isFormat(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0xAD { return false }
        if scalar.value == 0x200B || scalar.value == 0x2028 || scalar.value == 0x2029 { return true }
        switch scalar.properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    // MARK: Showing values

    /// `text` with every invisible character written visibly: `\0 \a \b \t \n \v \f \r \e`
    /// for those C0 controls, `\u{XX}` for every other control, format character, line or
    /// paragraph separator, space other than U+0020 (NBSP …), private-use or unassigned
    /// scalar. Everything else is kept as is.
    ///
    /// ```swift
    /// TextRules.visible("E-1\u{200B}")   // "E-1\\u{200B}"
    /// ```
    public static func visible(_ text: String) -> String {
        escaping(text) { scalar in
            if isControl(scalar) || isFormat(scalar) { return true }
            guard scalar.value >= 0xA0 else { return false }
            switch scalar.properties.generalCategory {
            case .spaceSeparator, .privateUse, .unassigned, .surrogate: return true
            default: return false
            }
        }
    }

    /// `text` safe to print to a terminal: control characters, format characters (bidi
    /// overrides) and line or paragraph separators escaped as in `visible`; other spaces
    /// (the NBSP of grouped figures) kept.
    public static func terminalSafe(_ text: String) -> String {
        escaping(text) { isControl($0) || isFormat($0) }
    }

    /// True when `terminalSafe` would change `text`.
    public static func needsTerminalEscape(_ text: String) -> Bool {
        for byte in text.utf8 where byte < 0x20 || byte == 0x7F || byte >= 0x80 {
            return text.unicodeScalars.contains { isControl($0) || isFormat($0) }
        }
        return false
    }

    private static func escaping(_ text: String, _ escaped: (Unicode.Scalar) -> Bool) -> String {
        guard text.unicodeScalars.contains(where: escaped) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if escaped(scalar) { out.append(contentsOf: escape(scalar).unicodeScalars) } else { out.append(scalar) }
        }
        return String(out)
    }

    /// The visible form of one scalar: `\0`, `\t`, `\e`, `\u{200B}` …
    public static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x00: return "\\0"
        case 0x07: return "\\a"
        case 0x08: return "\\b"
        case 0x09: return "\\t"
        case 0x0A: return "\\n"
        case 0x0B: return "\\v"
        case 0x0C: return "\\f"
        case 0x0D: return "\\r"
        case 0x1B: return "\\e"
        default: return "\\u{" + hex(scalar.value) + "}"
        }
    }

    /// `U+200B ZERO WIDTH SPACE` (the name when Unicode gives one), or `U+001B (\e)` for a control.
    /// The first character of `text` that has no place in a value written exactly (an
    /// identifier, an organisation number, a whole number, a date): a space of any kind
    /// (U+0020, U+00A0 NO-BREAK SPACE, U+202F …), a control or an invisible format
    /// character; with its position (1-based, in characters). Nil when there is none.
    public static func strayCharacter(in text: String) -> (scalar: Unicode.Scalar, position: Int)? {
        for (offset, scalar) in text.unicodeScalars.enumerated()
        where scalar.properties.isWhitespace || isControl(scalar) || isFormat(scalar) {
            return (scalar, offset + 1)
        }
        return nil
    }

    /// What a refusal of a value written exactly adds when the value holds a stray space or
    /// invisible character (`strayCharacter`), often pasted in from a spreadsheet:
    /// `"; it has U+00A0 NO-BREAK SPACE at position 5"`; "" when it holds none.
    public static func strayNote(_ text: String) -> String {
        guard let (scalar, position) = strayCharacter(in: text) else { return "" }
        return "; it has \(describe(scalar)) at position \(position)"
    }

    public static func describe(_ scalar: Unicode.Scalar) -> String {
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex(scalar.value).count)) + hex(scalar.value)
        if isControl(scalar) { return "\(code) (\(escape(scalar)))" }
        if let name = scalar.properties.name { return "\(code) \(name)" }
        return code
    }

    /// The value as an error message quotes it: in double quotes, at most `limit`
    /// characters of it (then `…` and how many more), invisible characters shown
    /// visibly. A 10 MB field is never echoed whole.
    ///
    /// ```swift
    /// TextRules.quoted("Foo\u{0}Bar")   // "\"Foo\\0Bar\""
    /// ```
    public static func quoted(_ text: String, limit: Int = quoteLimit) -> String {
        "\"" + shortened(text, limit: limit) + "\""
    }

    /// At most `limit` characters of `text` shown visibly, then `… (N more characters)`.
    public static func shortened(_ text: String, limit: Int = quoteLimit) -> String {
        // Counting every scalar of a huge value would cost its length: stop at the limit.
        var kept = String.UnicodeScalarView()
        var index = text.unicodeScalars.startIndex
        var taken = 0
        while index < text.unicodeScalars.endIndex, taken < limit {
            kept.append(text.unicodeScalars[index])
            text.unicodeScalars.formIndex(after: &index)
            taken += 1
        }
        let shown = visible(String(kept))
        guard index < text.unicodeScalars.endIndex else { return shown }
        let rest = text.unicodeScalars[index...].count
        return shown + "… (\(rest) more character\(rest == 1 ? "" : "s"))"
    }

    private static func hex(_ value: UInt32) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return text.count < 2 ? "0" + text : text
    }
}
