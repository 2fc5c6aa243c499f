/// Why a text was refused as a number (an amount or a decimal value).
public enum NumberRefusal: Error, Sendable, Equatable {
    /// Nothing but spaces.
    case empty
    /// A leading `+`: amounts are written without a sign.
    case plusSign
    /// A minus sign where the value must not be negative.
    case negativeNotAllowed
    /// Zero where the value must be positive.
    case zeroNotAllowed
    /// A character that has no place in a number (a letter, an exponent, a currency sign).
    case unexpectedCharacter(String)
    /// A word after the number and a space ("100,00 EUR"): the text after the number.
    case trailingText(String)
    /// No digits where digits are required (`-`, `,5`, `5,`).
    case missingDigits
    /// Digit grouping that is not groups of exactly three digits (`12 34`, `1234 567`).
    case badGrouping
    /// More decimals than allowed (never truncated).
    case tooManyDecimals(max: Int)
    /// A decimal point in a file that uses a decimal comma.
    case decimalPointInCommaFile
    /// A decimal comma in a file that uses a decimal point.
    case decimalCommaInPointFile
    /// Both `.` and `,` (`1.234,56`, `1,234.56`): the grouping is ambiguous.
    case mixedSeparators
    /// More than one decimal separator (`12,3,4`).
    case multipleDecimalSeparators
    /// Too large for the representation (Int64 units of 10⁻⁷ for a decimal value).
    case overflow
    /// An amount above `AmountParser.maxOre` (10¹² SEK), the largest one hallbar records.
    case aboveLimit

    /// A short English explanation, e.g. `more than one decimal separator`.
    public var explanation: String {
        switch self {
        case .empty: return "it is empty"
        case .plusSign: return "a plus sign is not accepted"
        case .negativeNotAllowed: return "it must not be negative"
        case .zeroNotAllowed: return "it must be greater than zero"
        case let .unexpectedCharacter(c): return "unexpected character \(TextRules.quoted(c))"
        case let .trailingText(text): return "unexpected \(TextRules.quoted(text)) after the number"
        case .missingDigits: return "digits are missing"
        case .badGrouping: return "digits may only be grouped in threes (1 234 567)"
        case let .tooManyDecimals(max): return "more than \(max) decimal\(max == 1 ? "" : "s") (never rounded)"
        case .decimalPointInCommaFile: return "a decimal point in a file that uses decimal comma"
        case .decimalCommaInPointFile: return "a decimal comma in a file that uses decimal point (\",\"-separated files use 1234.50)"
        case .mixedSeparators: return "both \".\" and \",\"; write it without thousands separators or with spaces"
        case .multipleDecimalSeparators: return "more than one decimal separator"
        case .overflow: return "it is too large"
        case .aboveLimit: return "it is above 1 000 000 000 000 SEK, the largest amount hallbar records"
        }
    }
}

/// The lexical rules shared by amounts and decimal values, over UTF-8 bytes.
enum NumberSyntax {
    /// Which decimal separators a text may use.
    enum Separators {
        case pointOnly, commaOnly, either
    }

    struct Options {
        var separators: Separators
        var maxDecimals: Int
        /// The number of decimal digits of the result's unit (2 for öre).
        var scaleDigits: Int
        var allowPercent: Bool
    }

    /// The parsed sign and magnitude (in units of 10^-scaleDigits).
    struct Parsed {
        var negative: Bool
        var magnitude: UInt64
    }

    /// The byte length of a space-like character at `i` (space, tab, NBSP, NARROW NBSP), or 0.
    @inline(__always)
    static func spaceLength(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        let c = b[i]
        if c == 0x20 || c == 0x09 { return 1 }
        if c == 0xC2, i + 1 < end, b[i + 1] == 0xA0 { return 2 }
        if c == 0xE2, i + 2 < end, b[i + 1] == 0x80, b[i + 2] == 0xAF { return 3 }
        return 0
    }

    /// The byte length of a group separator (space, NBSP, NARROW NBSP; not tab) at `i`, or 0.
    @inline(__always)
    static func groupSeparatorLength(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        b[i] == 0x09 ? 0 : spaceLength(b, i, end)
    }

    /// The byte length of a space-like character ending just before `end`, or 0.
    static func trailingSpaceLength(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        let c = b[end - 1]
        if c == 0x20 || c == 0x09 { return 1 }
        if c == 0xA0, end - 2 >= start, b[end - 2] == 0xC2 { return 2 }
        if c == 0xAF, end - 3 >= start, b[end - 3] == 0xE2, b[end - 2] == 0x80 { return 3 }
        return 0
    }

    /// The text from byte `i` to `end` (a word after the number), for messages.
    static func rest(_ b: UnsafeBufferPointer<UInt8>, from i: Int, end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: b[i ..< end]), as: UTF8.self)
    }

    /// True when byte `i` starts something other than a digit, a space or a separator:
    /// a word after "12 ", which is not a digit group.
    static func startsWord(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Bool {
        i < end && !(b[i] >= 0x30 && b[i] <= 0x39) && spaceLength(b, i, end) == 0 && b[i] != 0x2E && b[i] != 0x2C
    }

    /// The character starting at byte `i`, for messages.
    static func character(_ b: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> String {
        var n = 1
        let c = b[i]
        if c >= 0xF0 { n = 4 } else if c >= 0xE0 { n = 3 } else if c >= 0xC0 { n = 2 }
        n = min(n, end - i)
        return String(decoding: UnsafeBufferPointer(rebasing: b[i ..< i + n]), as: UTF8.self)
    }

    /// Parses `b` as a number under `options`; the sign is reported, not checked.
    static func parse(_ b: UnsafeBufferPointer<UInt8>, _ options: Options) -> Result<Parsed, NumberRefusal> {
        var start = 0
        var end = b.count
        while start < end { let n = spaceLength(b, start, end); if n == 0 { break }; start += n }
        while end > start { let n = trailingSpaceLength(b, start, end); if n == 0 { break }; end -= n }
        if options.allowPercent, end > start, b[end - 1] == 0x25 {
            end -= 1
            while end > start { let n = trailingSpaceLength(b, start, end); if n == 0 { break }; end -= n }
        }
        if start == end { return .failure(.empty) }

        // Separators first: they decide the most helpful reason.
        var points = 0
        var commas = 0
        for i in start ..< end {
            if b[i] == 0x2E { points += 1 } else if b[i] == 0x2C { commas += 1 }
        }
        if points > 0 && commas > 0 { return .failure(.mixedSeparators) }
        if points > 1 || commas > 1 { return .failure(.multipleDecimalSeparators) }
        switch options.separators {
        case .pointOnly where commas > 0: return .failure(.decimalCommaInPointFile)
        case .commaOnly where points > 0: return .failure(.decimalPointInCommaFile)
        default: break
        }

        var i = start
        var negative = false
        if b[i] == 0x2B { return .failure(.plusSign) }
        if b[i] == 0x2D {
            negative = true
            i += 1
        } else if b[i] == 0xE2, i + 2 < end, b[i + 1] == 0x88, b[i + 2] == 0x92 {
            negative = true
            i += 3
        }

        var magnitude: UInt64 = 0
        var overflow = false
        @inline(__always) func push(_ digit: UInt8) {
            let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(UInt64(digit))
            magnitude = s
            overflow = overflow || o1 || o2
        }

        // Integer part: digits, optionally grouped in threes.
        var groupLength = 0
        var groups = 0
        while i < end {
            let c = b[i]
            if c >= 0x30 && c <= 0x39 {
                push(c - 0x30)
                groupLength += 1
                i += 1
                continue
            }
            let sep = groupSeparatorLength(b, i, end)
            if sep > 0 {
                if groupLength == 0 || (groups == 0 ? groupLength > 3 : groupLength != 3) {
                    return .failure(groupLength == 0 && groups == 0 ? .missingDigits : .badGrouping)
                }
                groups += 1
                groupLength = 0
                i += sep
                // A group separator must be followed by a digit: "12 EUR" is a stray word, not grouping.
                if startsWord(b, i, end) { return .failure(.trailingText(rest(b, from: i, end: end))) }
                continue
            }
            break
        }
        if groupLength == 0 {
            if groups == 0, i < end, b[i] != 0x2E, b[i] != 0x2C {
                return .failure(.unexpectedCharacter(character(b, at: i, end: end)))
            }
            return .failure(groups > 0 ? .badGrouping : .missingDigits)
        }
        if groups > 0 && groupLength != 3 { return .failure(.badGrouping) }

        // Fraction.
        var decimals = 0
        if i < end, b[i] == 0x2E || b[i] == 0x2C {
            i += 1
            while i < end, b[i] >= 0x30 && b[i] <= 0x39 {
                decimals += 1
                if decimals <= options.maxDecimals { push(b[i] - 0x30) }
                i += 1
            }
            if decimals == 0 {
                return .failure(i < end ? .unexpectedCharacter(character(b, at: i, end: end)) : .missingDigits)
            }
        }
        if i < end {
            var next = i
            while next < end { let n = spaceLength(b, next, end); if n == 0 { break }; next += n }
            // "100,00 EUR": a word after the number, not a badly grouped digit.
            if next > i, startsWord(b, next, end) { return .failure(.trailingText(rest(b, from: next, end: end))) }
            if groupSeparatorLength(b, i, end) > 0 { return .failure(.badGrouping) }
            return .failure(.unexpectedCharacter(character(b, at: i, end: end)))
        }
        if decimals > options.maxDecimals { return .failure(.tooManyDecimals(max: options.maxDecimals)) }
        for _ in decimals ..< options.scaleDigits { push(0) }
        let limit = negative ? UInt64(Int64.max) + 1 : UInt64(Int64.max)
        if overflow || magnitude > limit { return .failure(.overflow) }
        return .success(Parsed(negative: negative, magnitude: magnitude))
    }

    /// The signed value of a parsed magnitude (which is within Int64's range).
    static func signed(_ parsed: Parsed) -> Int64 {
        parsed.negative ? Int64(bitPattern: 0 &- parsed.magnitude) : Int64(parsed.magnitude)
    }

    /// Renders `value` (in units of 10^-scaleDigits) with `minDecimals`..`scaleDigits` decimals.
    static func render(_ value: Int64, scaleDigits: Int, minDecimals: Int, separator: Character) -> String {
        var digits = String(value.magnitude)
        if digits.count <= scaleDigits {
            digits = String(repeating: "0", count: scaleDigits - digits.count + 1) + digits
        }
        let split = digits.index(digits.endIndex, offsetBy: -scaleDigits)
        var integer = String(digits[..<split])
        var fraction = Substring(digits[split...])
        while fraction.count > minDecimals, fraction.last == "0" { fraction = fraction.dropLast() }
        if value < 0 { integer = "-" + integer }
        return fraction.isEmpty ? integer : integer + String(separator) + fraction
    }
}
