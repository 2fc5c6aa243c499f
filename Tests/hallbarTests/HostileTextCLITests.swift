import Foundation
import XCTest

/// Issue 17, findings 3, 4, 7 and 8 (echoed fields): hostile text in import files and on
/// the command line is refused whole, the error shows it visibly and shortened, and the
/// ledger is left exactly as it was.
final class HostileTextCLITests: CLITestCase {
    /// Imports `text` as `kind` into `db` and expects exit 65 with `expected` in stderr and
    /// the database unchanged.
    @discardableResult
    func refused(_ kind: String, _ name: String, _ bytes: [UInt8], db: String, expect expected: [String],
                 file: StaticString = #filePath, line: UInt = #line) throws -> CLITestCase.Result {
        let before = try dump(db)
        let input = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: input))
        let result = try hallbar(["import", kind, input, "--db", db])
        XCTAssertEqual(result.status, 65, "\(name): \(result.stderr)", file: file, line: line)
        for text in expected {
            XCTAssertTrue(result.stderr.contains(text), "\(name): expected \(text) in \(result.stderr.prefix(2_000))", file: file, line: line)
        }
        XCTAssertFalse(result.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "raw control character in \(name)'s error",
                       file: file, line: line)
        XCTAssertEqual(try dump(db), before, "\(name) changed the ledger", file: file, line: line)
        return result
    }

    /// Finding 3: a NUL in a member's name was stored as "Foo" with exit 0.
    func testANULInANameIsRefusedNotCut() throws {
        let db = try seededWithHallbar()
        try refused("members", "members.csv", Array("org_no,name,municipality_code\n212000-0001,Foo\u{0}Bar kommun,0180\n".utf8), db: db,
                    expect: ["members.csv:2: column \"name\"", "U+0000 (\\0)"])
        XCTAssertEqual(try sqlite3(db, "SELECT count(*) FROM members WHERE name LIKE 'Foo%'").stdout, "0\n")
    }

    /// Finding 4: lookalike keys (zero-width space, bidi override, BOM, line separator,
    /// combining mark, Arabic-Indic digits) and a 10 MB id were accepted as new keys.
    func testLookalikeAndOverlongKeysAreRefused() throws {
        let db = try seededWithHallbar()
        let header = "external_id,loan_number,value_date,amount_sek,kind\n"
        let ids: [(String, String)] = [
            ("E-000001\u{200B}", "U+200B ZERO WIDTH SPACE"), ("E-000001\u{202E}", "U+202E RIGHT-TO-LEFT OVERRIDE"),
            ("E-000001\u{FEFF}", "U+FEFF ZERO WIDTH NO-BREAK SPACE"), ("E-000001\u{2028}", "U+2028 LINE SEPARATOR"),
            ("E-00000\u{301}1", "U+0301 COMBINING ACUTE ACCENT"), ("\u{663}\u{660}\u{660}\u{660}\u{661}", "U+0663 ARABIC-INDIC DIGIT THREE"),
        ]
        for (index, (id, name)) in ids.enumerated() {
            try refused("entries", "lookalike-\(index).csv", Array((header + "\(id),230001,2025-05-01,100,disbursement\n").utf8), db: db,
                        expect: ["column \"external_id\"", name])
        }
        let loans = "loan_number,borrower_org_no,programme,project_number,green_bond_eligible\n"
        try refused("loans", "arabic-loan.csv", Array((loans + "\u{662}\u{663}\u{660}\u{660}\u{660}\u{661},556900-1018,other,,\n").utf8), db: db,
                    expect: ["column \"loan_number\"", "U+0662 ARABIC-INDIC DIGIT TWO"])
        let huge = String(repeating: "E", count: 10_000_000)
        let result = try refused("entries", "huge.csv", Array((header + "\(huge),230001,2025-05-01,100,disbursement\n").utf8), db: db,
                                 expect: ["is 10000000 characters long; at most 64 are allowed"])
        XCTAssertLessThan(result.stderr.utf8.count, 2_000, "a 10 MB field is never echoed whole")
    }

    /// Finding 7: an escape sequence in a field was echoed raw in the import error.
    func testEscapeSequencesAreShownVisiblyInErrors() throws {
        let db = try seededWithHallbar()
        let header = "external_id,loan_number,value_date,amount_sek,kind\n"
        // In a field the reader accepts (an unknown loan number is echoed), and in one it refuses.
        let result = try refused("entries", "esc.csv", Array((header + "E-9,230001,2025-05-01,\"1\u{1B}]0;pwned\u{7}\u{1B}[2J\",disbursement\n").utf8),
                                 db: db, expect: ["U+001B (\\e)"])
        XCTAssertFalse(result.stderr.contains("\u{1B}"))
        // A zero-width character in an amount (which the reader passes) is shown, not hidden.
        try refused("entries", "zw.csv", Array((header + "E-9,230001,2025-05-01,1\u{200B}00,disbursement\n").utf8), db: db,
                    expect: ["\"1\\u{200B}00\" is not an amount"])
    }

    /// Names, titles and free text: format characters refused, multi-line text only where free text is.
    func testNamesRefuseFormatCharactersAndLineBreaks() throws {
        let db = try seededWithHallbar()
        let members = "org_no,name,municipality_code\n"
        try refused("members", "bidi.csv", Array((members + "212000-0001,Evil\u{202E}kommun,0180\n").utf8), db: db,
                    expect: ["U+202E RIGHT-TO-LEFT OVERRIDE"])
        try refused("members", "bom.csv", Array((members + "212000-0001,\u{FEFF}Evil kommun,0180\n").utf8), db: db,
                    expect: ["U+FEFF"])
        try refused("members", "two-lines.csv", Array((members + "212000-0001,\"Two\nlines\",0180\n").utf8), db: db,
                    expect: ["U+000A (\\n)"])
        try refused("members", "long.csv", Array((members + "212000-0001,\(String(repeating: "Å", count: 2_001)),0180\n").utf8), db: db,
                    expect: ["is 2001 characters long; at most 2000 are allowed"])
    }

    /// Command-line options that store text follow the same rules (exit 65, nothing written).
    func testOptionsThatStoreTextFollowTheSameRules() throws {
        let db = try seededWithHallbar()
        let before = try dump(db)
        let cases: [([String], String)] = [
            (["disburse", "--loan", "230001", "--date", "2025-05-01", "--amount", "100", "--id", "E-1\u{200B}"], "--id:"),
            (["disburse", "--loan", "230001", "--date", "2025-05-01", "--amount", "100", "--by", "anna\u{1B}[2J"], "--by:"),
            (["disburse", "--loan", "230001", "--date", "2025-05-01", "--amount", "100", "--by", "anna\u{202E}"], "--by:"),
            (["assert", "--programme", "green", "--as-of", "2024-12-31", "--amount", "1", "--note", "x\u{1}y"], "--note:"),
            (["assert", "--programme", "green", "--as-of", "2024-12-31", "--amount", "1", "--note", "x\u{2029}y"], "--note:"),
            (["reverse", "--entry", "E-000001", "--reason", "why\u{7}"], "--reason:"),
            (["reading", "--indicator", "X\u{200B}", "--year", "2024", "--value", "1"], "--indicator:"),
            (["reading", "--indicator", "LFSH-1-1", "--year", "2024", "--value", "a\u{202E}b"], "--value:"),
        ]
        for (arguments, option) in cases {
            let result = try hallbar(arguments + ["--db", db])
            XCTAssertEqual(result.status, 65, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.hasPrefix("Error: \(option)"), "\(arguments): \(result.stderr)")
            XCTAssertFalse(result.stderr.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x202E || $0.value == 0x200B },
                           "\(arguments): \(result.stderr.debugDescription)")
        }
        // A note over several lines is free text: it is kept.
        try succeed(["assert", "--programme", "green", "--as-of", "2024-12-31", "--amount", "1", "--note", "line one\nline two", "--db", db])
        XCTAssertNotEqual(try dump(db), before)
    }
}
