/// An indicator's value for a year (or its baseline), as the borrower reported it.
///
/// ```swift
/// try ReadingValue.parse("86,5")      // .number(86.5)
/// try ReadingValue.parse("97-98 %")   // .range(low: 97, high: 98, written: "97-98 %")
/// try ReadingValue.parse("-2")        // .number(-2), not a range
/// try ReadingValue.parse("Ja")        // .text("Ja")
/// ```
public enum ReadingValue: Sendable, Hashable, CustomStringConvertible {
    /// A number.
    case number(Quantity)
    /// A range as reported; judged by its midpoint and printed as `written`.
    case range(low: Quantity, high: Quantity, written: String)
    /// A text ("Ja", "Pågår"): only ever EJ BEDÖMT, or MÅLVÄRDE UPPNÅTT by decision.
    case text(String)

    /// Reads a value as written in a file or on the command line (surrounding spaces trimmed).
    ///
    /// Text made only of digits, signs, separators, dashes and "%" must be a number or a
    /// range; a malformed one ("12,3,4", "98-97", "1,2345678") is refused rather than
    /// silently kept as a text reading. Anything with a letter is a text reading.
    /// - Throws: `ReadingParseError`.
    public static func parse(_ text: String) throws(ReadingParseError) -> ReadingValue {
        var scalars = Array(text.unicodeScalars)
        Quantity.trimSpaces(&scalars)
        var trimmedView = String.UnicodeScalarView()
        trimmedView.append(contentsOf: scalars)
        let trimmed = String(trimmedView)
        guard !scalars.isEmpty else { throw .empty }
        let numeric = scalars.allSatisfy { scalar in
            (scalar.value >= 48 && scalar.value <= 57) || Quantity.isSpace(scalar)
                || ",.%+-\u{2212}\u{2013}\u{2014}".unicodeScalars.contains(scalar)
        }
        let hasDigit = scalars.contains { $0.value >= 48 && $0.value <= 57 }
        guard numeric && hasDigit else { return .text(trimmed) }
        if let number = try? Quantity.parse(trimmed) { return .number(number) }
        guard let (lowText, highText) = RangeText.split(trimmed) else { throw .notANumber(trimmed) }
        let low: Quantity, high: Quantity
        do {
            low = try Quantity.parse(lowText)
            high = try Quantity.parse(highText)
        } catch {
            throw .notANumber(trimmed)
        }
        guard low <= high else { throw .reversedRange(trimmed) }
        return .range(low: low, high: high, written: trimmed)
    }

    /// The value the rule judges: the number, or the midpoint of a range; `nil` for text.
    public var judgedValue: Quantity? {
        switch self {
        case .number(let value): return value
        case .range(let low, let high, _): return Quantity.midpoint(low, high)
        case .text: return nil
        }
    }

    /// True for a text reading.
    public var isText: Bool {
        if case .text = self { return true }
        return false
    }

    /// For display: a number formatted for the language ("86,5"), a range and a text as written.
    public func display(language: FormatLanguage = .sv) -> String {
        switch self {
        case .number(let value): return value.formatted(language: language)
        case .range(_, _, let written): return written
        case .text(let text): return text
        }
    }

    /// Canonical text that `parse` reads back to an equal value: "86.5", "97-98 %", "Ja".
    public var description: String {
        switch self {
        case .number(let value): return value.canonical
        case .range(_, _, let written): return written
        case .text(let text): return text
        }
    }
}

/// Why a reading could not be read.
public enum ReadingParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Nothing to read; a missing reading is the absence of a value, not an empty one.
    case empty
    /// Looks like a number or range but is not one ("12,3,4").
    case notANumber(String)
    /// A range whose low end is above its high end ("98-97").
    case reversedRange(String)

    /// One line saying what is wrong, quoting the text.
    public var description: String {
        switch self {
        case .empty: return "empty reading"
        case .notANumber(let text): return "reading \(TextRules.quoted(text)) is neither a number nor a range X-Y"
        case .reversedRange(let text): return "reading \(TextRules.quoted(text)) is a range whose low end is above its high end"
        }
    }
}
