import Foundation
import XCTest
@testable import Ledger

/// The small text edits that replace Foundation's in the binary give Foundation's results
/// on the texts hallbar edits (ASCII targets, Swedish and other Unicode text around them).
final class PlainTextTests: XCTestCase {
    static let samples = [
        "", "a", "\"", "\"\"", "a\"b\"c", "Botkyrka; \"kommun\"", "x|y\nz", "3.5", "1.234.567",
        "Ånge kommun", "Göteborgs stad", "\u{00A0}Ånge\u{202F}", " \t Ånge \t ", "\u{2028}x\u{2029}", "\u{0085}y\u{000B}",
        "é\"é", "\r\n\r\r\n\n", "a\r\nb\rc\n", "?2 AND ?2", "\u{3000}full width\u{3000}", "日本語 \u{1680}",
        "tab\tinside", " \u{0301}x ", "x\u{00A0}\u{0301}", "\u{200B}zero width\u{200B}", "🇸🇪\"🇸🇪",
    ]

    func testReplacingEveryEqualsFoundation() {
        for text in Self.samples {
            for (target, replacement) in [("\"", "\"\""), ("|", "\\|"), ("\n", " "), (".", ","), ("_", " "),
                                          ("\r\n", "\n"), ("\r", "\n"), ("?2", "?1")] {
                XCTAssertEqual(text.replacingEvery(target, with: replacement),
                               text.replacingOccurrences(of: target, with: replacement), "\(text.debugDescription) \(target)")
            }
        }
        XCTAssertEqual("aaa".replacingEvery("aa", with: "b"), "ba")
        // A quote before a combining mark is still doubled (Foundation matched grapheme
        // clusters and left it, which made a malformed CSV cell).
        XCTAssertEqual("\"\u{0301}".replacingEvery("\"", with: "\"\""), "\"\"\u{0301}")
        XCTAssertEqual("abc".replacingEvery("", with: "x"), "abc")
    }

    func testTrimmingEqualsFoundation() {
        for text in Self.samples {
            XCTAssertEqual(text.trimmingScalars(where: \.isSpaceOrTab), text.trimmingCharacters(in: .whitespaces), text.debugDescription)
            XCTAssertEqual(text.trimmingScalars(where: \.isWhitespaceOrNewline),
                           text.trimmingCharacters(in: .whitespacesAndNewlines), text.debugDescription)
            XCTAssertEqual(text.trimmingScalars(where: { $0 == " " || $0 == "\t" }),
                           text.trimmingCharacters(in: CharacterSet(charactersIn: " \t")), text.debugDescription)
        }
    }

    /// Every scalar Foundation's tables know (Unicode before 16.0, which added decimal digits).
    func testScalarClassesEqualFoundationsCharacterSets() {
        for value in UInt32(0)...0x10_FFFF {
            guard let scalar = Unicode.Scalar(value), let age = scalar.properties.age, age.major < 16 else { continue }
            XCTAssertEqual(scalar.isSpaceOrTab, CharacterSet.whitespaces.contains(scalar), "U+\(String(value, radix: 16))")
            XCTAssertEqual(scalar.isWhitespaceOrNewline, CharacterSet.whitespacesAndNewlines.contains(scalar), "U+\(String(value, radix: 16))")
            XCTAssertEqual(scalar.isDecimalDigit, CharacterSet.decimalDigits.contains(scalar), "U+\(String(value, radix: 16))")
        }
    }
}
