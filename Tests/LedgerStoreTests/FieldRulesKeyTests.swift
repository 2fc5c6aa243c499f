import XCTest
@testable import LedgerStore

/// `FieldRules.key` takes a shortcut for plain ASCII; it must decide exactly as the
/// check by Unicode properties does.
final class FieldRulesKeyTests: XCTestCase {
    /// The rules of `key` by Unicode scalar properties alone (the path before the shortcut).
    private func byProperties(_ text: String) -> Bool {
        guard !text.unicodeScalars.allSatisfy(\.properties.isWhitespace) else { return false }
        if let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
           first.properties.isWhitespace || last.properties.isWhitespace { return false }
        return !text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    private func accepted(_ text: String) -> Bool {
        (try? FieldRules.key(text, what: "the key")) != nil
    }

    func testTheASCIIShortcutDecidesAsTheUnicodeRules() {
        var samples = ["E-1", "E 1", "LFSH-2023-001", "~", "!", "a", "A b c", "12", "x\u{7F}", "\u{7F}", " E", "E ", " ",
                       "\t", "E\t", "\tE", "E\n1", "E\r", "", "  ", "a  b", "\u{1F}x", "ÅÄÖ-1", "E\u{00A0}", "\u{00A0}E",
                       "E\u{2028}", "E\u{202F}1", "E\u{85}", "é"]
        // Every two-character string over the ASCII range and a few others.
        let alphabet = (0...0x7F).map { Character(Unicode.Scalar(UInt8($0))) } + ["é", "\u{A0}", "\u{2003}"]
        for a in alphabet { for b in ["a", " ", "\t", "\u{7F}"] { samples.append(String(a) + b); samples.append(b + String(a)) } }
        for text in samples {
            XCTAssertEqual(accepted(text), byProperties(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            if FieldRules.isPlainASCIIKey(text) { XCTAssertTrue(byProperties(text), text) }
        }
        XCTAssertTrue(FieldRules.isPlainASCIIKey("E-000123"))
        XCTAssertFalse(FieldRules.isPlainASCIIKey("É-1"))  // not ASCII: the full rules decide (and accept)
        XCTAssertTrue(accepted("É-1"))
    }
}
