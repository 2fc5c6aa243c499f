import XCTest
@testable import Ledger

/// No CSV field may hold a control character (issue 17, findings 3 and 7): NUL used to be
/// stored as a cut, ESC sequences were echoed to the terminal. Tabs, and line breaks inside
/// quotes, are structure or text the field rules decide about.
final class CSVControlCharacterTests: XCTestCase {
    func testEveryControlCharacterIsRefusedWithItsLineAndColumn() {
        var controls: [UInt32] = Array(0..<0x20).filter { $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        controls += [0x7F] + Array(0x80...0x9F)
        for value in controls {
            let scalar = String(Unicode.Scalar(value)!)
            for (quoted, text) in [(false, "org_no,name\n1,ok\n2,Foo\(scalar)Bar\n"), (true, "org_no,name\n1,ok\n2,\"Foo\n\(scalar)Bar\"\n")] {
                for chunk in [1, 2, 3, 7, CSVReader.defaultChunkSize] {
                    let error = csvError(Array(text.utf8), chunkSize: chunk)
                    XCTAssertEqual(error, CSVError(.controlCharacter(scalar: value, field: 2, column: "name"), line: 3),
                                   "U+\(String(value, radix: 16)) quoted \(quoted) chunk \(chunk)")
                }
            }
        }
    }

    func testTheMessageNamesTheColumnAndShowsTheCharacter() {
        let error = csvError("org_no,name\n1,\"a\u{1B}]0;pwned\u{7}\"\n")
        XCTAssertEqual(error?.message(file: "members.csv"),
                       "members.csv:2: column \"name\" holds the control character U+001B (\\e); no field may hold one "
                           + "(tabs aside, and line breaks inside quotes)")
        XCTAssertEqual(csvError("a\u{0}b,c\n1,2\n"), CSVError(.controlCharacter(scalar: 0, field: 1, column: nil), line: 1))
    }

    func testTabsAndQuotedLineBreaksStillRead() throws {
        let r = try csvReadAll("a,b\n\tx\t,\"line\r\nbreak\"\n")
        XCTAssertEqual(r.rows, [["\tx\t", "line\r\nbreak"]])
        // Windows-1252 0x80–0x9F are printable characters there (€, …), not controls.
        let w = try csvReadAll([0x61, 0x0A, 0x80, 0x85, 0x0A], encoding: .windows1252)
        XCTAssertEqual(w.rows, [["€…"]])
        // Other non-ASCII text is not mistaken for a C1 control.
        XCTAssertEqual(try csvReadAll("a\nÅngë Ā\u{100}\n").rows, [["Ångë Ā\u{100}"]])
    }
}
