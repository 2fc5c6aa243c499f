import Foundation
import XCTest
@testable import XLSX

/// The workbook writer, checked by real readers: Python's `zipfile` for the container and
/// openpyxl (installed by `make setup`) for the workbook, not by a parser of our own.
final class XLSXWorkbookTests: XCTestCase {
    func testCRC32OfTheCheckString() {
        XCTAssertEqual(CRC32.checksum(Array("123456789".utf8)), 0xCBF4_3926)
        XCTAssertEqual(CRC32.checksum([]), 0)
    }

    func testColumnNames() {
        XCTAssertEqual((0 ..< 3).map(XLSXWorkbook.columnName), ["A", "B", "C"])
        XCTAssertEqual(XLSXWorkbook.columnName(25), "Z")
        XCTAssertEqual(XLSXWorkbook.columnName(26), "AA")
        XCTAssertEqual(XLSXWorkbook.columnName(701), "ZZ")
        XCTAssertEqual(XLSXWorkbook.columnName(702), "AAA")
    }

    func testDateSerialsAsExcelCountsThem() {
        // Excel: 1900-03-01 is 61, 2024-12-31 is 45657, 2000-01-01 is 36526.
        XCTAssertEqual(XLSXWorkbook.dateSerial(year: 1900, month: 3, day: 1), 61)
        XCTAssertEqual(XLSXWorkbook.dateSerial(year: 2000, month: 1, day: 1), 36526)
        XCTAssertEqual(XLSXWorkbook.dateSerial(year: 2024, month: 12, day: 31), 45657)
        XCTAssertNil(XLSXWorkbook.dateSerial(year: 1900, month: 2, day: 28))
    }

    func testSheetNamesAreMadeValidAndUnique() {
        XCTAssertEqual(XLSXWorkbook.uniqueNames(["A/B", "a-b", "", String(repeating: "x", count: 40)]),
                       ["A-B", "a-b (2)", "Sheet3", String(repeating: "x", count: 31)])
    }

    func testTextEscapesControlCharactersAndLiteralEscapes() {
        XCTAssertEqual(XLSXWorkbook.escapeText("a<b>&c"), "a&lt;b&gt;&amp;c")
        XCTAssertEqual(XLSXWorkbook.escapeText("bell\u{7}"), "bell_x0007_")
        XCTAssertEqual(XLSXWorkbook.escapeText("_x0041_"), "_x005F_x0041_")
    }

    func testTheZipContainerIsSoundForPythonZipfile() throws {
        var zip = ZipArchive()
        zip.add("a.txt", Array("hello".utf8))
        zip.add("dir/b.bin", (0 ..< 300).map { UInt8($0 % 256) })
        let file = try temporaryFile("t.zip", zip.finish())
        let out = try python("""
            import sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            assert z.testzip() is None
            print(sorted(z.namelist()), z.read('a.txt').decode(), len(z.read('dir/b.bin')))
            """, file)
        XCTAssertEqual(out, "['a.txt', 'dir/b.bin'] hello 300")
    }

    func testOpenpyxlReadsValuesTypesAndFormats() throws {
        let sheets = [
            XLSXSheet(name: "Andelar", columns: ["Rad", "Belopp (kr)", "Andel", "Datum", "Antal", "Tal"], rows: [
                [.text("Gröna lån"), .money("91587654321.09"), .percent("0.168229"), .date(year: 2024, month: 12, day: 31),
                 .integer(42), .number("-3.5")],
                [.text("=1+1 stays text"), .money("-12"), .empty, .date(year: 2023, month: 2, day: 28), .integer(0), .number("0.001")],
                [.text("rad\nbrytning & <tecken> \u{1}")],
            ]),
            XLSXSheet(name: "Om rapporten", columns: ["Nyckel", "Värde"], rows: [[.text("ledger_head"), .text("sha256:ab")]]),
        ]
        let file = try temporaryFile("t.xlsx", XLSXWorkbook.write(sheets))
        let out = try python("""
            import sys, openpyxl, datetime
            wb = openpyxl.load_workbook(sys.argv[1])
            print(wb.sheetnames)
            ws = wb['Andelar']
            print(ws.freeze_panes, ws.auto_filter.ref, ws['A1'].font.b, ws['B2'].font.b)
            for row in ws.iter_rows(min_row=1, max_row=4):
                print([(type(c.value).__name__, c.value if not isinstance(c.value, datetime.datetime) else c.value.date().isoformat()) for c in row])
            print(ws['B2'].number_format, ws['C2'].number_format, ws['D2'].number_format, ws['D2'].is_date)
            print(ws.column_dimensions['A'].width >= len('=1+1 stays text'), ws.column_dimensions['B'].width >= 14)
            print(wb['Om rapporten']['B2'].value)
            """, file)
        let lines = out.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 9, out)
        guard lines.count == 9 else { return }
        XCTAssertEqual(lines[0], "['Andelar', 'Om rapporten']")
        XCTAssertEqual(lines[1], "A2 A1:F4 True False")
        XCTAssertEqual(lines[2], "[('str', 'Rad'), ('str', 'Belopp (kr)'), ('str', 'Andel'), ('str', 'Datum'), ('str', 'Antal'), ('str', 'Tal')]")
        XCTAssertEqual(lines[3], "[('str', 'Gröna lån'), ('float', 91587654321.09), ('float', 0.168229), ('datetime', '2024-12-31'), ('int', 42), ('float', -3.5)]")
        XCTAssertEqual(lines[4], "[('str', '=1+1 stays text'), ('int', -12), ('NoneType', None), ('datetime', '2023-02-28'), ('int', 0), ('float', 0.001)]")
        // openpyxl shows the control character's OOXML escape as written; Excel and LibreOffice decode it.
        XCTAssertEqual(lines[5], "[('str', 'rad\\nbrytning & <tecken> _x0001_'), ('NoneType', None), ('NoneType', None), ('NoneType', None), ('NoneType', None), ('NoneType', None)]")
        XCTAssertEqual(lines[6], "#,##0.00 0.00% yyyy\\-mm\\-dd True")
        XCTAssertEqual(lines[7], "True True")
        XCTAssertEqual(lines[8], "sha256:ab")
    }

    // MARK: - Helpers

    func temporaryFile(_ name: String, _ bytes: [UInt8]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Runs `script` with python3 and returns its stdout, trimmed; fails on a non-zero exit.
    func python(_ script: String, _ arguments: String...) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "python3 failed (is openpyxl installed? make setup): "
            + String(decoding: errors, as: UTF8.self))
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
