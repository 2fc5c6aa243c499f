import XCTest
@testable import Ledger

/// Reads `bytes` whole: the header and every record with its line.
func csvReadAll(_ bytes: [UInt8], encoding: CSVEncoding = .utf8,
             chunkSize: Int = CSVReader.defaultChunkSize) throws -> (header: [String], rows: [[String]], lines: [Int], delimiter: CSVDelimiter) {
    let reader = try CSVReader(bytes: bytes, encoding: encoding, chunkSize: chunkSize)
    var rows: [[String]] = []
    var lines: [Int] = []
    var record = CSVRecord()
    while try reader.next(into: &record) {
        rows.append(record.strings)
        lines.append(record.line)
    }
    return (reader.header, rows, lines, reader.delimiter)
}

func csvReadAll(_ text: String, chunkSize: Int = CSVReader.defaultChunkSize) throws -> (header: [String], rows: [[String]], lines: [Int], delimiter: CSVDelimiter) {
    try csvReadAll(Array(text.utf8), chunkSize: chunkSize)
}

/// The CSVError thrown by reading `bytes` whole, or nil.
func csvError(_ bytes: [UInt8], encoding: CSVEncoding = .utf8, chunkSize: Int = CSVReader.defaultChunkSize) -> CSVError? {
    do {
        _ = try csvReadAll(bytes, encoding: encoding, chunkSize: chunkSize)
        return nil
    } catch let error as CSVError {
        return error
    } catch {
        XCTFail("unexpected error \(error)")
        return nil
    }
}

func csvError(_ text: String) -> CSVError? { csvError(Array(text.utf8)) }

final class CSVReaderTests: XCTestCase {
    func testPlainRecords() throws {
        let r = try csvReadAll("a,b,c\n1,2,3\n4,5,6\n")
        XCTAssertEqual(r.header, ["a", "b", "c"])
        XCTAssertEqual(r.rows, [["1", "2", "3"], ["4", "5", "6"]])
        XCTAssertEqual(r.lines, [2, 3])
        XCTAssertEqual(r.delimiter, .comma)
    }

    func testQuotedFieldsWithDelimiterNewlineAndDoubledQuotes() throws {
        let r = try csvReadAll("name,note\n\"Botkyrka, kommun\",\"said \"\"hej\"\"\"\n\"two\nlines\",x\n")
        XCTAssertEqual(r.rows, [["Botkyrka, kommun", "said \"hej\""], ["two\nlines", "x"]])
        XCTAssertEqual(r.lines, [2, 3])
    }

    func testEmptyQuotedFieldAndOnlyQuotes() throws {
        let r = try csvReadAll("a,b,c\n\"\",\"\"\"\",\n")
        XCTAssertEqual(r.rows, [["", "\"", ""]])
    }

    func testCRLFWithRealBytes() throws {
        let bytes: [UInt8] = Array("a,b\r\n1,2\r\n\"x\r\ny\",3\r\n4,5".utf8)
        XCTAssertEqual(bytes.filter { $0 == 0x0D }.count, 4)
        let r = try csvReadAll(bytes)
        XCTAssertEqual(r.header, ["a", "b"])
        XCTAssertEqual(r.rows, [["1", "2"], ["x\r\ny", "3"], ["4", "5"]])
        XCTAssertEqual(r.lines, [2, 3, 5])
    }

    func testLoneCRLineEndings() throws {
        let r = try csvReadAll("a;b\r1;2\r3;4")
        XCTAssertEqual(r.rows, [["1", "2"], ["3", "4"]])
        XCTAssertEqual(r.lines, [2, 3])
    }

    func testNoFinalNewline() throws {
        XCTAssertEqual(try csvReadAll("a,b\n1,2").rows, [["1", "2"]])
        XCTAssertEqual(try csvReadAll("a,b\n1,\"2\"").rows, [["1", "2"]])
        XCTAssertEqual(try csvReadAll("a,b\n1,").rows, [["1", ""]])
    }

    func testEmptyFields() throws {
        let r = try csvReadAll("a,b,c\n,,\n1,,3\n,2,\n")
        XCTAssertEqual(r.rows, [["", "", ""], ["1", "", "3"], ["", "2", ""]])
        let reader = try CSVReader(bytes: Array("a,b\n,x\n".utf8))
        var record = CSVRecord()
        XCTAssertTrue(try reader.next(into: &record))
        XCTAssertTrue(record.isEmpty(at: 0))
        XCTAssertFalse(record.isEmpty(at: 1))
        XCTAssertFalse(record.isBlank)
        XCTAssertFalse(try reader.next(into: &record))
    }

    func testBlankRowOfDelimitersIsARecord() throws {
        let reader = try CSVReader(bytes: Array("a;b;c\n;;\n".utf8))
        var record = CSVRecord()
        XCTAssertTrue(try reader.next(into: &record))
        XCTAssertEqual(record.count, 3)
        XCTAssertTrue(record.isBlank)
    }

    func testEmptyLinesAreSkippedButCounted() throws {
        let r = try csvReadAll("\na,b\n\n1,2\r\n\r\n3,4\n\n")
        XCTAssertEqual(r.rows, [["1", "2"], ["3", "4"]])
        XCTAssertEqual(r.lines, [4, 6])
    }

    func testUTF8Text() throws {
        let r = try csvReadAll("namn,ort\nÅsele kommun,Ånge\nTrygghet åäö ÅÄÖ é,\"Fittja – Alby\"\n")
        XCTAssertEqual(r.rows, [["Åsele kommun", "Ånge"], ["Trygghet åäö ÅÄÖ é", "Fittja – Alby"]])
    }

    func testLineNumbersWithEmbeddedNewlines() throws {
        let text = "id,text\n1,\"a\nb\nc\"\n2,x\n3,\"\r\n\"\n4,y\n"
        let r = try csvReadAll(text)
        XCTAssertEqual(r.rows.map { $0[0] }, ["1", "2", "3", "4"])
        XCTAssertEqual(r.lines, [2, 5, 6, 8])
        let err = csvError("id,text\n1,\"a\nb\"\n2,x,extra\n")
        XCTAssertEqual(err, CSVError(.raggedRow(expected: 2, found: 3), line: 4))
    }

    func testRecordAccessors() throws {
        let reader = try CSVReader(bytes: Array("a,b\n12,Åby\n".utf8))
        var record = CSVRecord()
        XCTAssertTrue(try reader.next(into: &record))
        XCTAssertEqual(record.count, 2)
        XCTAssertEqual(record.line, 2)
        XCTAssertEqual(Array(record.bytes(at: 0)), [0x31, 0x32])
        XCTAssertEqual(record.withUTF8(at: 1) { $0.count }, 4)
        XCTAssertEqual(record.string(at: 1), "Åby")
        XCTAssertEqual(try record.withUTF8(at: 0) { try AmountParser.parse(utf8: $0, decimalComma: false) }, 1200)
    }

    func testRecordIsReusedAcrossRows() throws {
        let reader = try CSVReader(bytes: Array("a,b\nlonger text,1\nx,2\n".utf8))
        var record = CSVRecord()
        XCTAssertTrue(try reader.next(into: &record))
        XCTAssertTrue(try reader.next(into: &record))
        XCTAssertEqual(record.strings, ["x", "2"])
        XCTAssertEqual(record.line, 3)
    }

    // MARK: Delimiter detection and BOM

    func testSemicolonDetected() throws {
        let r = try csvReadAll("org_no;name\n212000-0142;\"Botkyrka; kommun\"\n")
        XCTAssertEqual(r.delimiter, .semicolon)
        XCTAssertTrue(r.delimiter.usesDecimalComma)
        XCTAssertEqual(r.rows, [["212000-0142", "Botkyrka; kommun"]])
    }

    func testCommaInsideSemicolonFileIsData() throws {
        let r = try csvReadAll("a;b\n1,50;2,25\n")
        XCTAssertEqual(r.rows, [["1,50", "2,25"]])
    }

    func testFirstUnquotedDelimiterDecides() throws {
        // The quoted header name holds a comma; the first unquoted one is ';'.
        let r = try csvReadAll("\"a,b\";c\n1;2\n")
        XCTAssertEqual(r.delimiter, .semicolon)
        XCTAssertEqual(r.header, ["a,b", "c"])
    }

    func testSingleColumnDefaultsToComma() throws {
        let r = try csvReadAll("name\nx\ny")
        XCTAssertEqual(r.delimiter, .comma)
        XCTAssertEqual(r.rows, [["x"], ["y"]])
    }

    func testByteOrderMarkSkipped() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a;b\r\n1;2\r\n".utf8)
        let reader = try CSVReader(bytes: bytes)
        XCTAssertTrue(reader.hadByteOrderMark)
        XCTAssertEqual(reader.header, ["a", "b"])
        XCTAssertEqual(reader.delimiter, .semicolon)
        XCTAssertEqual(try reader.readAll(), [["1", "2"]])
        let without = try CSVReader(bytes: Array("a;b\r\n1;2\r\n".utf8))
        XCTAssertFalse(without.hadByteOrderMark)
        XCTAssertEqual(without.header, ["a", "b"])
    }

    // MARK: Errors

    func testUnterminatedQuoteReportsWhereItStarted() {
        XCTAssertEqual(csvError("a,b\n1,2\n3,\"open\nmore\nstill\n"),
                       CSVError(.unterminatedQuote, line: 3))
    }

    func testQuoteInsideUnquotedField() {
        XCTAssertEqual(csvError("a,b\n1,ab\"c\n"), CSVError(.quoteInUnquotedField, line: 2))
        XCTAssertEqual(csvError("a,b\n1, \"c\"\n"), CSVError(.quoteInUnquotedField, line: 2))
    }

    func testCharacterAfterClosingQuote() {
        XCTAssertEqual(csvError("a,b\n\"x\"y,2\n"), CSVError(.characterAfterClosingQuote(0x79), line: 2))
        XCTAssertEqual(csvError("a,b\n\"x\" ,2\n"), CSVError(.characterAfterClosingQuote(0x20), line: 2))
    }

    func testRaggedRows() {
        XCTAssertEqual(csvError("a,b,c\n1,2,3\n1,2\n"), CSVError(.raggedRow(expected: 3, found: 2), line: 3))
        // An empty field after the last column is a spreadsheet's empty column (ExcelVariantsTests);
        // a value there is not.
        XCTAssertEqual(csvError("a,b\n1,2,x\n"), CSVError(.raggedRow(expected: 2, found: 3), line: 2))
    }

    func testEmptyFile() {
        XCTAssertEqual(csvError(""), CSVError(.emptyFile, line: 0))
        XCTAssertEqual(csvError([0xEF, 0xBB, 0xBF]), CSVError(.emptyFile, line: 0))
        XCTAssertEqual(csvError("\n\r\n"), CSVError(.emptyFile, line: 0))
    }

    func testUTF16Refused() {
        XCTAssertEqual(csvError([0xFF, 0xFE, 0x61, 0x00]), CSVError(.utf16, line: 0))
    }

    func testRecordTooLarge() throws {
        let bytes = Array("a\n\"".utf8) + [UInt8](repeating: 0x78, count: 5000)
        let reader = try CSVReader(bytes: bytes, chunkSize: 1024, maxRecordBytes: 1000)
        var record = CSVRecord()
        XCTAssertThrowsError(try reader.next(into: &record)) { error in
            XCTAssertEqual(error as? CSVError, CSVError(.recordTooLarge(limit: 1000), line: 2))
        }
    }

    func testErrorMessages() {
        let ragged = CSVError(.raggedRow(expected: 5, found: 4), line: 1042)
        XCTAssertEqual(ragged.message(file: "entries.csv"), "entries.csv:1042: 4 fields where the header has 5")
        XCTAssertEqual(ragged.description, "line 1042: 4 fields where the header has 5")
        XCTAssertEqual(CSVError(.emptyFile, line: 0).message(file: "x.csv"),
                       "x.csv: the file is empty; a header row is required")
    }

    func testMissingFile() {
        XCTAssertThrowsError(try CSVReader(path: "/nonexistent/hallbar/x.csv")) { error in
            guard case let .cannotOpen(path, reason)? = (error as? CSVError)?.kind else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(path, "/nonexistent/hallbar/x.csv")
            XCTAssertEqual(reason, "No such file or directory")
        }
    }

    func testReadsFromFile() throws {
        let path = NSTemporaryDirectory() + "hallbar-csv-\(getpid()).csv"
        var text = "external_id;amount_sek\r\n"
        for i in 1 ... 5000 { text += "E\(i);\"\(i)000,50\"\r\n" }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try CSVReader(path: path, chunkSize: 4096)
        var record = CSVRecord()
        var count = 0
        var total: Int64 = 0
        while try reader.next(into: &record) {
            count += 1
            total += try AmountParser.parse(record.string(at: 1), decimalComma: true)
            XCTAssertEqual(record.line, count + 1)
        }
        XCTAssertEqual(count, 5000)
        // "i000,50" is i × 100 000 öre + 50 öre, for i = 1…5000
        XCTAssertEqual(total, Int64(5000 * 5001 / 2) * 100_000 + 5000 * 50)
    }
}
