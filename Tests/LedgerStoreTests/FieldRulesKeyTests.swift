import XCTest
@testable import Ledger
@testable import LedgerStore

/// The import's field rules are the domain's text rules (issue 17: lookalike keys, NUL,
/// bidi controls, over-long values), with the value quoted shortened in the message.
final class FieldRulesKeyTests: XCTestCase {
    private func accepted(_ text: String) -> Bool {
        (try? FieldRules.key(text, what: "the key")) != nil
    }

    func testKeysAreTheDomainsKeyRule() {
        for text in TextRulesHostileCorpus.keys { XCTAssertFalse(accepted(text), text.debugDescription) }
        for text in ["E-1", "LFSH-2023-001", "230001", "SE0001234567", "a.b/c:d_e"] { XCTAssertTrue(accepted(text), text) }
    }

    func testNamesAndFreeTextRefuseInvisibleCharacters() {
        for bad in ["Foo\u{0}Bar kommun", "x\u{202E}y", "\u{FEFF}Ånge", "a\u{2028}b", "a\u{1B}[2J"] {
            XCTAssertThrowsError(try FieldRules.nonBlank(bad, what: "the name"), bad.debugDescription)
            XCTAssertThrowsError(try FieldRules.freeText(bad, what: "the text"), bad.debugDescription)
            XCTAssertThrowsError(try FieldRules.reading(bad), bad.debugDescription)
        }
        XCTAssertThrowsError(try FieldRules.nonBlank("two\nlines", what: "the name"))
        XCTAssertEqual(try FieldRules.freeText("two\nlines", what: "the text"), "two\nlines")
        XCTAssertThrowsError(try FieldRules.referenceName(String(repeating: "r", count: 65)))
    }

    func testMessagesQuoteAShortenedVisibleValue() {
        let huge = String(repeating: "9", count: 10_000_000)
        let rules: [() throws -> Any] = [
            { try FieldRules.key(huge, what: "the id") }, { try FieldRules.nonBlank(huge + "\u{0}", what: "the name") },
            { try FieldRules.integer(huge, in: 1...9, what: "a number") }, { try FieldRules.positiveAmount(huge + "x", decimalComma: false) },
        ]
        for rule in rules {
            XCTAssertThrowsError(try rule()) { error in
                let message = (error as? FieldError)?.message ?? "\(error)"
                XCTAssertLessThan(message.count, 300, String(message.prefix(300)))
            }
        }
    }
}

/// The hostile keys of issue 17, shared by the store's tests.
enum TextRulesHostileCorpus {
    static let keys = [
        "E-000001\u{200B}", "E-000001\u{202E}", "\u{FEFF}E-000001", "E-000001\u{2028}", "E-00000\u{0301}1",
        "\u{0662}\u{0663}\u{0660}\u{0660}\u{0660}\u{0661}", "E\u{0}1", "E\u{1B}[2J", "E\u{85}", "E 1", " E-1", "E-1\t", "Å-1",
        String(repeating: "E", count: 65), "",
    ]
}
