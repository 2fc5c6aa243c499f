import XCTest
@testable import XLSX

/// The xlsx reader's parts on their own: DEFLATE (stored, fixed and dynamic blocks, as zlib
/// writes them), the ZIP directory and its checks, numbers as a spreadsheet shows them, date
/// and percentage formats, the CSV a sheet becomes. Whole workbooks written by openpyxl and
/// LibreOffice are read in the CLI tests (Issue13ReviewCLITests, ExcelCorpusCLITests).
final class WorkbookReaderTests: XCTestCase {
    func testInflateReadsZlibsStoredFixedAndDynamicBlocks() throws {
        // zlib.compressobj(0 / 9, DEFLATED, -15) of the texts below (raw DEFLATE, no header).
        XCTAssertEqual(try Inflate.decompress([0x01, 0x03, 0x00, 0xFC, 0xFF, 0x61, 0x62, 0x63], limit: 10), Array("abc".utf8))
        XCTAssertEqual(try Inflate.decompress([0xCB, 0x48, 0xCC, 0xC9, 0x49, 0x4A, 0x2C, 0x52, 0xC8, 0x40, 0xA5, 0x01], limit: 100),
                       Array("hallbar hallbar hallbar".utf8))
        let dynamic: [UInt8] = [
            0x5D, 0xC8, 0xC1, 0x0D, 0xC0, 0x20, 0x08, 0x00, 0xC0, 0x55, 0x1A, 0x17, 0x50, 0x54, 0x40, 0x12, 0x4A, 0xE2, 0x2C, 0x6E,
            0xD0, 0x87, 0xF3, 0x37, 0xC1, 0xF8, 0xE1, 0x9E, 0xA7, 0xEB, 0xF9, 0xDE, 0x34, 0x4B, 0x32, 0xDD, 0x56, 0x34, 0x6F, 0xD3,
            0xBC, 0x4C, 0xCF, 0x82, 0xAF, 0x80, 0x84, 0xAF, 0xFE, 0xA3, 0x8D, 0xF0, 0xCD, 0x9F, 0x91, 0xC3, 0x77, 0x7F, 0x62, 0x0A,
            0x8F, 0xFE, 0x28, 0x18, 0x9E, 0xCE, 0x43, 0xBF, 0xFF, 0x03,
        ]
        XCTAssertEqual((dynamic[0] >> 1) & 3, 2, "a dynamic-Huffman block")
        let expected = (0 ..< 7).map { "<c r=\"A\($0)\"><v>\($0 * 7919 % 1000)</v></c>" }.joined()
        XCTAssertEqual(String(decoding: try Inflate.decompress(dynamic, limit: 1_000), as: UTF8.self), expected)
        // Bounded: the same stream with too small a limit, and a stream cut short.
        XCTAssertThrowsError(try Inflate.decompress(dynamic, limit: 100)) {
            XCTAssertEqual(($0 as? InflateError)?.reason, "it expands beyond 100 bytes")
        }
        XCTAssertThrowsError(try Inflate.decompress(Array(dynamic.prefix(30)), limit: 1_000))
        XCTAssertThrowsError(try Inflate.decompress([0x07], limit: 10), "block type 3 does not exist")
    }

    func testZipEntriesAreCheckedAgainstTheirCRC() throws {
        var archive = ZipArchive()
        archive.add("a.txt", Array("första".utf8))
        var bytes = archive.finish()
        XCTAssertEqual(try ZipReader(bytes).read("a.txt"), Array("första".utf8))
        XCTAssertThrowsError(try ZipReader(bytes).read("b.txt")) { XCTAssertEqual(($0 as? ZipError)?.reason, "it has no b.txt") }
        // One byte of the content changed: the CRC-32 no longer matches.
        let at = try XCTUnwrap(bytes.firstIndex(of: UInt8(ascii: "f")))
        bytes[at] = UInt8(ascii: "F")
        XCTAssertThrowsError(try ZipReader(bytes).read("a.txt")) {
            XCTAssertEqual(($0 as? ZipError)?.reason, "a.txt is damaged (its size or CRC-32 does not match)")
        }
        XCTAssertThrowsError(try ZipReader(Array("not a zip".utf8))) {
            XCTAssertEqual(($0 as? ZipError)?.reason, "it is not a ZIP file (no end of central directory)")
        }
    }

    func testNumbersAreShownToFifteenSignificantDigitsWithoutFloatingPoint() {
        let cases: [(String, String)] = [
            ("42000000", "42000000"), ("1234567.5", "1234567.5"), ("0.30000000000000004", "0.3"), ("-0.5", "-0.5"),
            ("1E-3", "0.001"), ("1.5E+20", "150000000000000000000"), ("0", "0"), ("-0", "0"), ("99.999999999999999", "100"),
            ("1000000000000.01", "1000000000000.01"), ("2.9999999999999996", "3"), ("86.5", "86.5"),
        ]
        for (stored, shown) in cases { XCTAssertEqual(Decimal15(stored)?.text, shown, stored) }
        XCTAssertNil(Decimal15("12a"))
        XCTAssertNil(Decimal15(""))
        XCTAssertEqual(Decimal15("0.15")?.shifted(by: 2).text, "15")
    }

    func testDateSerialsInBothDateSystems() {
        XCTAssertEqual(Decimal15("45414")?.dateText(date1904: false), "2024-05-02")
        XCTAssertEqual(Decimal15("45414.5")?.dateText(date1904: false), "2024-05-02 12:00:00")
        XCTAssertEqual(Decimal15("45351")?.dateText(date1904: false), "2024-02-29")
        XCTAssertEqual(Decimal15("61")?.dateText(date1904: false), "1900-03-01")
        XCTAssertEqual(Decimal15("59")?.dateText(date1904: false), "1900-02-28")
        XCTAssertNil(Decimal15("60")?.dateText(date1904: false), "the 29 February 1900 that never was")
        XCTAssertEqual(Decimal15("43952")?.dateText(date1904: true), "2024-05-02")
        XCTAssertEqual(Decimal15("45414.999999999")?.dateText(date1904: false), "2024-05-03", "rounded to the second")
    }

    func testFormatCodesThatMakeDatesAndPercentages() {
        XCTAssertEqual(WorkbookReader.kind(ofCode: "yyyy-mm-dd"), .date)
        XCTAssertEqual(WorkbookReader.kind(ofCode: "YYYY\\-MM\\-DD"), .date)
        XCTAssertEqual(WorkbookReader.kind(ofCode: "[$-41D]d mmmm yyyy;@"), .date)
        XCTAssertEqual(WorkbookReader.kind(ofCode: "#,##0.00 \"kr\""), .plain)
        XCTAssertEqual(WorkbookReader.kind(ofCode: "# ##0,00\\ [$kr-41D];[RED]\\-# ##0,00\\ [$kr-41D]"), .plain)
        XCTAssertEqual(WorkbookReader.kind(ofCode: "0.00%"), .percent)
        XCTAssertEqual(WorkbookReader.kind(ofCode: "0.00E+00"), .plain)
        XCTAssertEqual(WorkbookReader.kind(ofCode: "General"), .plain)
        XCTAssertEqual(WorkbookReader.kind(ofBuiltIn: 14), .date)
        XCTAssertEqual(WorkbookReader.kind(ofBuiltIn: 10), .percent)
        XCTAssertEqual(WorkbookReader.kind(ofBuiltIn: 4), .plain)
    }

    func testASheetBecomesTheCSVTheSpreadsheetWouldSave() {
        let sheet = WorksheetText(name: "x", rows: [
            (1, ["sep=;"]), (2, [" Org_No ", "Name", "", ""]), (3, ["1", "a, \"b\""]), (5, ["2", "two\nlines"]),
        ])
        XCTAssertEqual(String(decoding: sheet.csv(), as: UTF8.self),
                       "sep=,\n\" Org_No \",Name\n1,\"a, \"\"b\"\"\"\n\n2,\"two\nlines\"\n")
        XCTAssertEqual(WorkbookReader.unescape("a_x000D_b_x005F_x"), "a\rb_x")
        XCTAssertEqual(WorkbookReader.column("AB12"), 27)
        XCTAssertEqual(WorkbookReader.resolve("../sheet.xml", base: "xl/worksheets"), "xl/sheet.xml")
        XCTAssertEqual(WorkbookReader.resolve("/xl/worksheets/sheet1.xml", base: "xl"), "xl/worksheets/sheet1.xml")
    }
}
