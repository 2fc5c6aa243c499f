/// An identifier that could not be read: the text as given and why.
public struct IdentifierError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What the text should have been, e.g. `an organisation number`.
    public let expected: String
    /// The text as it was given.
    public let input: String
    /// Why it was refused.
    public let reason: String

    /// Creates an error for `input`, which is not `expected`, for `reason`.
    public init(expected: String, input: String, reason: String) {
        self.expected = expected
        self.input = input
        self.reason = reason
    }

    /// `"212000-0143" is not an organisation number: the check digit should be 2`.
    public var description: String {
        "\(TextRules.quoted(input)) is not \(expected): \(reason)"
    }
}

/// A Swedish organisation number (organisationsnummer), `NNNNNN-NNNN`, checksum-validated.
///
/// Accepts `NNNNNN-NNNN` or ten digits without the hyphen, and the 12-digit form with
/// the century prefix 16 that legal persons carry (`16NNNNNN-NNNN` or twelve digits, as
/// Skatteverket and many spreadsheets write it); keeps the hyphenated ten-digit form.
/// The last digit is the Luhn (mod 10) check digit over the nine before it.
///
/// ```swift
/// try OrgNumber.parse("2120000142").description      // "212000-0142" (Botkyrka kommun)
/// try OrgNumber.parse("16212000-0142").description   // "212000-0142"
/// ```
public struct OrgNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The canonical form `NNNNNN-NNNN`.
    public let description: String

    private init(canonical: String) {
        description = canonical
    }

    /// Parses and validates an organisation number.
    ///
    /// - Throws: `IdentifierError` for a wrong shape or a wrong check digit.
    public static func parse(_ text: String) throws(IdentifierError) -> OrgNumber {
        func fail(_ reason: String) -> IdentifierError {
            IdentifierError(expected: "an organisation number", input: text, reason: reason)
        }
        var b = Array(text.utf8)
        // The 12-digit form: a century prefix before the ten digits (16 for legal persons).
        if (b.count == 13 && b[8] == 0x2D) || (b.count == 12 && !b.contains(0x2D)) {
            guard b[0] == 0x31, b[1] == 0x36 else {
                throw fail("a 12-digit organisation number starts with 16 (16NNNNNN-NNNN); "
                    + "a personal identity number is not an organisation number")
            }
            b.removeFirst(2)
        }
        var digits: [UInt8]
        if b.count == 11, b[6] == 0x2D {
            digits = Array(b[0 ..< 6] + b[7 ..< 11])
        } else if b.count == 10 {
            digits = b
        } else {
            throw fail("expected NNNNNN-NNNN (or 16NNNNNN-NNNN)")
        }
        guard digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw fail("expected NNNNNN-NNNN (or 16NNNNNN-NNNN)")
        }
        digits = digits.map { $0 - 0x30 }
        let expected = luhnCheckDigit(Array(digits[0 ..< 9]))
        guard digits[9] == expected else {
            throw fail("the check digit should be \(expected)")
        }
        let text = String(decoding: digits.map { $0 + 0x30 }, as: UTF8.self)
        let canonical = text.prefix(6) + "-" + text.suffix(4)
        return OrgNumber(canonical: String(canonical))
    }

    /// The Luhn check digit for `digits` (values 0–9): weights 2, 1, 2, … from the left.
    public static func luhnCheckDigit(_ digits: [UInt8]) -> UInt8 {
        var sum = 0
        for (i, d) in digits.enumerated() {
            var v = Int(d) * (i % 2 == 0 ? 2 : 1)
            if v > 9 { v -= 9 }
            sum += v
        }
        return UInt8((10 - sum % 10) % 10)
    }

    /// Orders by the canonical text.
    public static func < (lhs: OrgNumber, rhs: OrgNumber) -> Bool {
        lhs.description < rhs.description
    }
}

/// A Swedish municipality code (kommunkod): four digits, the first two a county code.
///
/// The county codes in use since 1998 are 01, 03–10, 12–14 and 17–25.
///
/// ```swift
/// try MunicipalityCode.parse("0127").county   // 1 (Stockholms län; 0127 is Botkyrka)
/// ```
public struct MunicipalityCode: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The four digits.
    public let description: String

    /// The county (län) code, the first two digits.
    public var county: Int {
        description.utf8.prefix(2).reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    private static let counties: Set<Int> = [1, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14,
                                             17, 18, 19, 20, 21, 22, 23, 24, 25]

    private init(code: String) {
        description = code
    }

    /// Parses four digits whose first two are a county code in use.
    ///
    /// Three digits are taken as the code whose leading zero a spreadsheet dropped when it
    /// read the column as numbers ("180" → "0180"): a code with three digits cannot be
    /// anything else, and the county is still checked. Other lengths are refused.
    ///
    /// - Throws: `IdentifierError` for a wrong shape or an unknown county.
    public static func parse(_ text: String) throws(IdentifierError) -> MunicipalityCode {
        func fail(_ reason: String) -> IdentifierError {
            IdentifierError(expected: "a municipality code", input: text, reason: reason)
        }
        let b = Array(text.utf8)
        guard b.count == 4 || b.count == 3, b.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw fail("expected four digits, as 0127")
        }
        let padded = b.count == 3 ? "0" + text : text
        let code = MunicipalityCode(code: padded)
        guard counties.contains(code.county) else {
            if b.count == 3 {
                throw fail("three digits; read as \(padded) (a leading zero dropped by a spreadsheet), "
                    + "but county \(padded.prefix(2)) does not exist (01, 03–10, 12–14, 17–25)")
            }
            throw fail("county code \(text.prefix(2)) does not exist (01, 03–10, 12–14, 17–25)")
        }
        return code
    }

    /// Orders by the code.
    public static func < (lhs: MunicipalityCode, rhs: MunicipalityCode) -> Bool {
        lhs.description < rhs.description
    }
}
