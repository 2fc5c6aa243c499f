/// An International Securities Identification Number (ISO 6166): the key of a bond.
///
/// Twelve characters: a two-letter country code (`SE`, or `XS` for bonds cleared
/// internationally, as Kommuninvest's green bonds are), nine capital letters or digits
/// (the national number) and a check digit. The check digit is the Luhn (mod 10) digit
/// over the first eleven characters with every letter expanded to two digits
/// (A = 10 … Z = 35), doubling from the rightmost expanded digit.
///
/// Parsing is strict: capitals only, no spaces, no separators. The text is kept as given.
///
/// ```swift
/// try ISIN.parse("XS1968465572")   // Kommuninvest green bond G2403
/// try ISIN.parse("XS1968465573")   // throws: the check digit should be 2
/// ```
public struct ISIN: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The twelve characters.
    public let description: String

    private init(text: String) { description = text }

    /// The two-letter country code (`XS`, `SE`, …).
    public var countryCode: String { String(description.prefix(2)) }

    /// Parses and validates an ISIN.
    ///
    /// - Throws: `IdentifierError` (`expected` "an ISIN") for a wrong length, a country code
    ///   that is not two capitals, a character that is neither a capital nor a digit, or a
    ///   wrong check digit (naming the right one).
    public static func parse(_ text: String) throws(IdentifierError) -> ISIN {
        func fail(_ reason: String) -> IdentifierError {
            IdentifierError(expected: "an ISIN", input: text, reason: reason)
        }
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 12 else {
            throw fail(scalars.isEmpty ? "expected 12 characters" : "expected 12 characters, not \(scalars.count)")
        }
        guard isCapital(scalars[0]), isCapital(scalars[1]) else {
            throw fail("the country code must be two capital letters")
        }
        for index in 2 ..< 11 where !isCapital(scalars[index]) && !isDigit(scalars[index]) {
            throw fail("character \(index + 1) \"\(scalars[index])\" is not a capital letter or a digit")
        }
        guard isDigit(scalars[11]) else { throw fail("the last character must be a digit (the check digit)") }
        let payload = String(String.UnicodeScalarView(scalars[0 ..< 11]))
        // Every character of the payload was checked above, so a check digit exists.
        guard let expected = checkDigit(forPayload: payload) else { throw fail("expected 12 characters") }
        guard Int(scalars[11].value) - 48 == expected else {
            throw fail("the check digit should be \(expected)")
        }
        return ISIN(text: text)
    }

    /// The check digit (0–9) for the first eleven characters of an ISIN, or `nil` when
    /// `payload` is not eleven capitals and digits.
    ///
    /// Letters expand to two digits (A = 10 … Z = 35); then, from the rightmost digit of
    /// the expansion leftwards, every other digit is doubled (the rightmost one first) and
    /// the digits of the products are added. The check digit brings the sum to a multiple
    /// of ten. The doubling runs from the right because the expansion's length depends on
    /// how many letters there are.
    public static func checkDigit(forPayload payload: String) -> Int? {
        let scalars = Array(payload.unicodeScalars)
        guard scalars.count == 11 else { return nil }
        var digits: [Int] = []
        digits.reserveCapacity(22)
        for scalar in scalars {
            if isDigit(scalar) {
                digits.append(Int(scalar.value) - 48)
            } else if isCapital(scalar) {
                let value = Int(scalar.value) - 65 + 10
                digits.append(value / 10)
                digits.append(value % 10)
            } else {
                return nil
            }
        }
        var sum = 0
        for (position, digit) in digits.reversed().enumerated() {
            var value = position % 2 == 0 ? digit * 2 : digit
            if value > 9 { value -= 9 }
            sum += value
        }
        return (10 - sum % 10) % 10
    }

    /// Orders by the text.
    public static func < (lhs: ISIN, rhs: ISIN) -> Bool { lhs.description < rhs.description }

    private static func isCapital(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 65 && scalar.value <= 90 }
    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 48 && scalar.value <= 57 }
}
