/// An amount that could not be read as SEK: the text as given and why.
///
/// `description` reads `"12,3,4" is not an amount: more than one decimal separator`.
public struct AmountError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text as it was given.
    public let input: String
    /// Why it was refused.
    public let reason: NumberRefusal

    /// Creates an error for `input` refused for `reason`.
    public init(input: String, reason: NumberRefusal) {
        self.input = input
        self.reason = reason
    }

    /// `"12,3,4" is not an amount: more than one decimal separator`.
    public var description: String {
        var text = "\(TextRules.quoted(input)) is not an amount: \(reason.explanation)"
        switch reason {
        case .trailingText, .unexpectedCharacter:
            // A currency other than SEK, or a word: say what an amount may end in.
            if input.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.generalCategory == .currencySymbol }) {
                text += "; amounts are in SEK, written without a currency (a trailing \"kr\" or \"SEK\" is accepted)"
            }
        default: break
        }
        return text
    }
}

/// Reads amounts in SEK into integer öre, by hand: never through Double or Decimal.
///
/// Grammar (after trimming spaces, NBSP and U+202F at both ends):
/// an optional minus (`-` or U+2212, only when negatives are allowed), digits
/// optionally grouped in threes by a space, NBSP (U+00A0) or NARROW NBSP
/// (U+202F), then optionally a decimal separator and one or two decimals, then
/// optionally the currency `kr` or `SEK` (any letter case, a space before it or not),
/// as a spreadsheet's Swedish currency format writes it into CSV ("42 000 000,00 kr").
/// The separator is `.`, or `,` in a decimal-comma (`;`-delimited) file; never both.
/// At most `maxOre` (10¹² SEK) either way. Anything else is refused, never truncated or rounded.
///
/// ```swift
/// try AmountParser.parse("1 234 567,50", decimalComma: true)  // 123_456_750
/// try AmountParser.parse("1,567", decimalComma: true)         // throws: more than 2 decimals
/// AmountParser.render(ore: 123_456_750)                        // "1234567.50"
/// ```
public enum AmountParser {
    /// The largest amount, in öre, that one field may hold: 10¹² SEK (quality.md). With every
    /// amount at most this, 92 233 of them add up before a sum can leave 64 bits, and every
    /// sum that still can is checked (a clear error, never a wrapped figure).
    public static let maxOre: Ore = 100_000_000_000_000

    private static func options(_ decimalComma: Bool) -> NumberSyntax.Options {
        NumberSyntax.Options(separators: decimalComma ? .commaOnly : .pointOnly,
                             maxDecimals: 2, scaleDigits: 2, allowPercent: false)
    }

    /// Parses `text` (SEK) into öre.
    ///
    /// - Parameters:
    ///   - decimalComma: true for a `;`-delimited file (decimal comma), false for `,` (decimal point).
    ///   - allowNegative: whether a minus sign is accepted.
    /// - Throws: `AmountError` naming the text and the reason.
    public static func parse(_ text: String, decimalComma: Bool, allowNegative: Bool = false) throws(AmountError) -> Ore {
        var copy = text
        let result = copy.withUTF8 { parseResult($0, decimalComma: decimalComma, allowNegative: allowNegative) }
        switch result {
        case let .success(ore): return ore
        case let .failure(reason): throw AmountError(input: text, reason: reason)
        }
    }

    /// Parses UTF-8 bytes (a CSV field, without making a String) into öre.
    ///
    /// - Throws: `AmountError` as `parse(_:decimalComma:allowNegative:)` does.
    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>, decimalComma: Bool,
                             allowNegative: Bool = false) throws(AmountError) -> Ore {
        switch parseResult(bytes, decimalComma: decimalComma, allowNegative: allowNegative) {
        case let .success(ore): return ore
        case let .failure(reason):
            throw AmountError(input: String(decoding: bytes, as: UTF8.self), reason: reason)
        }
    }

    /// Parses `text` into öre and requires it to be greater than zero.
    ///
    /// - Throws: `AmountError` with `.negativeNotAllowed` or `.zeroNotAllowed`, or any parse reason.
    public static func parsePositive(_ text: String, decimalComma: Bool) throws(AmountError) -> Ore {
        let ore = try parse(text, decimalComma: decimalComma, allowNegative: false)
        if ore == 0 { throw AmountError(input: text, reason: .zeroNotAllowed) }
        return ore
    }

    /// Checks that an amount already in öre is greater than zero.
    ///
    /// - Throws: `AmountError` (with `input` rendered) when `ore` is zero or negative.
    public static func requirePositive(_ ore: Ore) throws(AmountError) {
        if ore == 0 { throw AmountError(input: render(ore: ore), reason: .zeroNotAllowed) }
        if ore < 0 { throw AmountError(input: render(ore: ore), reason: .negativeNotAllowed) }
    }

    /// `text` without a trailing currency `kr` or `SEK` and the spaces around it (as
    /// `endWithoutCurrency`), for the other amounts in SEK that people type ("70 000 kr").
    static func withoutCurrency(_ text: String) -> String {
        var text = text
        let end = text.withUTF8 { endWithoutCurrency($0) }
        return String(decoding: Array(text.utf8)[0 ..< end], as: UTF8.self)
    }

    /// The end of `bytes` without a trailing currency `kr` or `SEK` (any letter case) and the
    /// spaces around it; `bytes.count` when there is none. The currency must follow a digit
    /// or a space ("12kr", "12 kr", "12,50 SEK"), never a letter.
    static func endWithoutCurrency(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var end = bytes.count
        while end > 0 { let n = NumberSyntax.trailingSpaceLength(bytes, 0, end); if n == 0 { break }; end -= n }
        func lower(_ i: Int) -> UInt8 { bytes[i] | 0x20 }
        var start = end
        if end >= 3, lower(end - 3) == UInt8(ascii: "s"), lower(end - 2) == UInt8(ascii: "e"), lower(end - 1) == UInt8(ascii: "k") {
            start = end - 3
        } else if end >= 2, lower(end - 2) == UInt8(ascii: "k"), lower(end - 1) == UInt8(ascii: "r") {
            start = end - 2
        }
        guard start < end, start > 0 else { return bytes.count }
        let before = bytes[start - 1]
        guard (before >= 0x30 && before <= 0x39) || NumberSyntax.trailingSpaceLength(bytes, 0, start) > 0 else { return bytes.count }
        return start
    }

    private static func parseResult(_ bytes: UnsafeBufferPointer<UInt8>, decimalComma: Bool,
                                    allowNegative: Bool) -> Result<Ore, NumberRefusal> {
        let number = UnsafeBufferPointer(rebasing: bytes[0 ..< endWithoutCurrency(bytes)])
        switch NumberSyntax.parse(number, options(decimalComma)) {
        case .failure(.overflow):
            return .failure(.aboveLimit)
        case let .failure(reason):
            return .failure(reason)
        case let .success(parsed):
            if parsed.negative && !allowNegative { return .failure(.negativeNotAllowed) }
            if parsed.magnitude > UInt64(maxOre) { return .failure(.aboveLimit) }
            return .success(NumberSyntax.signed(parsed))
        }
    }

    /// The canonical text of an amount: always two decimals, a point, no grouping (`-1234.50`).
    ///
    /// `parse(render(ore: x), decimalComma: false, allowNegative: true) == x` for every `x`.
    public static func render(ore: Ore) -> String {
        NumberSyntax.render(ore, scaleDigits: 2, minDecimals: 2, separator: ".")
    }
}
