import XCTest
@testable import Ledger

/// ISO 6166 ISINs: two letters, nine letters or digits, a Luhn check digit over the
/// letter-expanded digits (A = 10 … Z = 35).
final class ISINTests: XCTestCase {
    /// Kommuninvest's green bonds as its "Green Bonds" page lists them (G2403, G2509,
    /// G2606, G2711), and three well-known ISINs of other issuers.
    func testRealISINsAreValid() throws {
        for text in ["XS1968465572", "XS2530407340", "XS2351401109", "XS2259127269",
                     "US0378331005", "SE0000108656", "AU0000XVGZA3"] {
            XCTAssertEqual(try ISIN.parse(text).description, text)
        }
    }

    func testCheckDigitOfKommuninvestG2403() {
        // XS196846557 → X=33 S=28 → digits 3328196846557; Luhn from the right (doubling
        // the rightmost digit): 7→14→5, 5, 5→10→1, 6, 4→8, 8, 6→12→3, 9, 1→2, 8, 2→4, 3, 3→6
        // = 5+5+1+6+8+8+3+9+2+8+4+3+6 = 68 → check digit (10 − 8) mod 10 = 2.
        XCTAssertEqual(ISIN.checkDigit(forPayload: "XS196846557"), 2)
        XCTAssertEqual(ISIN.checkDigit(forPayload: "US037833100"), 5)
        // Letters inside the national part expand too (AU0000XVGZA: X=33 V=31 G=16 Z=35 A=10).
        XCTAssertEqual(ISIN.checkDigit(forPayload: "AU0000XVGZA"), 3)
        XCTAssertNil(ISIN.checkDigit(forPayload: "XS19684655"))
        XCTAssertNil(ISIN.checkDigit(forPayload: "XS19684655-"))
    }

    /// The letter expansion changes the parity of the doubling: an even-length expansion
    /// (here "US" + nine digits = 13 digits, "AU0000XVGZA" = 19 digits) and one where the
    /// expansion adds digits between positions. A check that doubled from the left, or
    /// that skipped the expansion, gets these wrong.
    func testExpansionMatters() throws {
        // US38259P5089: P = 25 inside the national part; the expansion is 14 digits long.
        XCTAssertEqual(try ISIN.parse("US38259P5089").description, "US38259P5089")
        XCTAssertThrowsError(try ISIN.parse("US38259P5088"))
        // The same digits with P replaced by a digit give another check digit.
        XCTAssertNotEqual(ISIN.checkDigit(forPayload: "US38259P508"), ISIN.checkDigit(forPayload: "US382595508"))
    }

    func testWrongCheckDigitNamesTheRightOne() {
        XCTAssertThrowsError(try ISIN.parse("XS1968465573")) { error in
            XCTAssertEqual("\(error)", "\"XS1968465573\" is not an ISIN: the check digit should be 2")
        }
        // One digit changed in the national part; two adjacent digits swapped.
        XCTAssertThrowsError(try ISIN.parse("XS1968455572"))
        XCTAssertThrowsError(try ISIN.parse("XS1698465572"))
        // Another country code with the same digits.
        XCTAssertThrowsError(try ISIN.parse("SE1968465572"))
    }

    func testShapeRefused() {
        let cases: [(String, String)] = [
            ("", "expected 12 characters"),
            ("XS196846557", "expected 12 characters, not 11"),
            ("XS19684655720", "expected 12 characters, not 13"),
            ("xs1968465572", "the country code must be two capital letters"),
            ("1S1968465572", "the country code must be two capital letters"),
            ("XS19684655-2", "character 11 \"-\" is not a capital letter or a digit"),
            ("XS196846557X", "the last character must be a digit (the check digit)"),
            (" XS196846557", "the country code must be two capital letters"),
            ("XS19684ö5572", "character 8 \"ö\" is not a capital letter or a digit"),
        ]
        for (text, reason) in cases {
            XCTAssertThrowsError(try ISIN.parse(text), text) { error in
                XCTAssertEqual("\(error)", "\"\(text)\" is not an ISIN: \(reason)", text)
            }
        }
    }

    func testCountryCodeAndOrder() throws {
        let a = try ISIN.parse("SE0000108656")
        let b = try ISIN.parse("XS1968465572")
        XCTAssertEqual(a.countryCode, "SE")
        XCTAssertEqual(b.countryCode, "XS")
        XCTAssertLessThan(a, b)
    }
}
