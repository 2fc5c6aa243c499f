import XCTest
@testable import Ledger

/// quality.md's text rules: keys, names and free text, and how refused values are shown.
final class TextRulesTests: XCTestCase {
    private func keyOK(_ text: String) -> Bool { (try? TextRules.key(text, what: "the key")) != nil }
    private func nameOK(_ text: String) -> Bool { (try? TextRules.name(text, what: "the name")) != nil }
    private func freeOK(_ text: String) -> Bool { (try? TextRules.freeText(text, what: "the note")) != nil }

    /// The hostile corpus of issue 17: each of these is refused as a key.
    static let hostileKeys = [
        "E-000001\u{200B}", "E-000001\u{202E}", "\u{FEFF}E-000001", "E-000001\u{2028}", "E-00000\u{0301}1",
        "\u{0662}\u{0663}\u{0660}\u{0660}\u{0660}\u{0661}", "E\u{0}1", "E\u{1B}[2J", "E\u{85}", "E\u{9B}1", "E\u{7F}",
        "E 1", " E-1", "E-1\t", "E-1\n", "Å-1", "E\u{00A0}1", "E\u{2060}1", "E\u{200D}1", "E\u{2066}1",
        String(repeating: "E", count: 65), "",
    ]

    func testKeysTakeASCIILettersDigitsAndFivePunctuationMarksOnly() {
        for good in ["E-000001", "230001", "LFSH-2023-001", "a.b/c:d_e", String(repeating: "x", count: 64), "SE0001234567"] {
            XCTAssertTrue(keyOK(good), good)
        }
        for bad in Self.hostileKeys { XCTAssertFalse(keyOK(bad), bad.debugDescription) }
        // Every ASCII byte decides by the class; nothing outside ASCII passes.
        for byte in UInt8(0)...0x7F {
            let text = "A" + String(UnicodeScalar(byte)) + "B"
            XCTAssertEqual(keyOK(text), TextRules.isKeyByte(byte), "byte \(byte)")
        }
        for value in stride(from: UInt32(0x80), through: 0x10FFFF, by: 97) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            XCTAssertFalse(keyOK("K" + String(scalar)), "U+\(String(value, radix: 16))")
        }
    }

    func testNamesRefuseControlAndFormatCharactersAndTabsAndLineBreaks() {
        for good in ["Botkyrka kommun", "Göteborgs stad", "Ånge", "Bostads AB Mimer (publ) & co", "Cafe\u{0301}", "a\u{00A0}b",
                     String(repeating: "å", count: 2_000)] {
            XCTAssertTrue(nameOK(good), good)
        }
        for bad in ["Foo\u{0}Bar kommun", "a\u{1B}]0;pwned\u{7}\u{1B}[2J", "a\tb", "a\nb", "a\rb", "x\u{7F}", "x\u{85}", "x\u{9B}",
                    "x\u{200B}", "x\u{200E}", "x\u{202E}gnp.exe", "\u{FEFF}x", "x\u{2028}y", "x\u{2029}y", "x\u{2066}", "x\u{00AD}",
                    "", "   ", String(repeating: "a", count: 2_001)] {
            XCTAssertFalse(nameOK(bad), bad.debugDescription)
        }
    }

    func testFreeTextAllowsTabsAndLineBreaksOnly() {
        XCTAssertTrue(freeOK("Line one\nline two\r\n\tindented"))
        for bad in ["a\u{0}b", "a\u{1B}b", "a\u{0B}b", "a\u{0C}b", "a\u{85}b", "a\u{2028}b", "a\u{202E}b", "\n\t", ""] {
            XCTAssertFalse(freeOK(bad), bad.debugDescription)
        }
    }

    /// Every scalar: a name refuses exactly the controls, the format characters and the
    /// two separators; free text also lets tab, LF and CR through.
    func testTheRulesAgreeWithTheCharacterClassesForEveryScalar() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let refused = scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
                || scalar.properties.generalCategory == .lineSeparator || scalar.properties.generalCategory == .paragraphSeparator
                || value == 0x200B
            XCTAssertEqual(nameOK("a" + String(scalar) + "b"), !refused, "U+\(String(value, radix: 16))")
            let freeRefused = refused && value != 0x09 && value != 0x0A && value != 0x0D
            XCTAssertEqual(freeOK("a" + String(scalar) + "b"), !freeRefused, "U+\(String(value, radix: 16))")
        }
    }

    func testErrorsNameTheCharacterAndItsPosition() {
        XCTAssertThrowsError(try TextRules.key("E-000001\u{200B}", what: "the external_id")) { error in
            XCTAssertEqual((error as? TextRuleError)?.description,
                           "the external_id \"E-000001\\u{200B}\" has U+200B ZERO WIDTH SPACE at position 9; "
                               + "a key takes ASCII letters, digits and - _ . / : only")
        }
        XCTAssertThrowsError(try TextRules.name("Foo\u{0}Bar kommun", what: "the name")) { error in
            XCTAssertEqual((error as? TextRuleError)?.description,
                           "the name \"Foo\\0Bar kommun\" has the control character U+0000 (\\0) at position 4; "
                               + "no field may hold control characters")
        }
        XCTAssertThrowsError(try TextRules.name("x\u{202E}y", what: "the name")) { error in
            XCTAssertTrue("\(error)".contains("U+202E RIGHT-TO-LEFT OVERRIDE at position 2"), "\(error)")
        }
        XCTAssertThrowsError(try TextRules.key(String(repeating: "E", count: 65), what: "the key")) { error in
            XCTAssertTrue("\(error)".contains("is 65 characters long; at most 64 are allowed"), "\(error)")
        }
    }

    func testQuotedValuesAreShortAndShowInvisibleCharacters() {
        XCTAssertEqual(TextRules.quoted("a\u{1B}]0;pwned\u{7}\u{1B}[2J"), "\"a\\e]0;pwned\\a\\e[2J\"")
        XCTAssertEqual(TextRules.quoted("\u{0}\u{8}\t\n\u{B}\u{C}\r\u{9B}\u{7F}\u{FEFF}\u{A0}\u{2028}"),
                       "\"\\0\\b\\t\\n\\v\\f\\r\\u{9B}\\u{7F}\\u{FEFF}\\u{A0}\\u{2028}\"")
        XCTAssertEqual(TextRules.quoted("Göteborg é"), "\"Göteborg é\"")
        let huge = String(repeating: "x", count: 10_000_000)
        let shown = TextRules.quoted(huge)
        XCTAssertEqual(shown, "\"" + String(repeating: "x", count: 60) + "… (9999940 more characters)\"")
        XCTAssertThrowsError(try TextRules.key(huge, what: "the external_id")) { error in
            XCTAssertLessThan("\(error)".count, 200)
        }
        // A terminal keeps the NBSP of grouped figures, escapes the rest.
        XCTAssertEqual(TextRules.terminalSafe("91\u{A0}600 \u{1B}[31mred\u{202E}"), "91\u{A0}600 \\e[31mred\\u{202E}")
        XCTAssertFalse(TextRules.needsTerminalEscape("Ånge kommun 91\u{A0}600"))
        XCTAssertTrue(TextRules.needsTerminalEscape("a\u{9B}"))
    }
}
