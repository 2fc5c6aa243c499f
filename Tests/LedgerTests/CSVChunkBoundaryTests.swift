import XCTest
@testable import Ledger

/// Every chunk size from 1 up must give the same records: fields, quotes,
/// doubled quotes, CRLF, BOM and multi-byte characters split across reads.
final class CSVChunkBoundaryTests: XCTestCase {
    func assertSameForEveryChunkSize(_ bytes: [UInt8], encoding: CSVEncoding = .utf8,
                                     file: StaticString = #filePath, line: UInt = #line) throws {
        let whole = try csvReadAll(bytes, encoding: encoding)
        for size in 1 ... bytes.count + 1 {
            let chunked = try csvReadAll(bytes, encoding: encoding, chunkSize: size)
            XCTAssertEqual(chunked.header, whole.header, "chunk \(size)", file: file, line: line)
            XCTAssertEqual(chunked.rows, whole.rows, "chunk \(size)", file: file, line: line)
            XCTAssertEqual(chunked.lines, whole.lines, "chunk \(size)", file: file, line: line)
            XCTAssertEqual(chunked.delimiter, whole.delimiter, "chunk \(size)", file: file, line: line)
        }
    }

    func testSwedishExcelExportAtEveryChunkSize() throws {
        let text = "org_no;name;amount_sek\r\n212000-0142;\"Botkyrka; \"\"kommun\"\"\";1 234 567,50\r\n"
            + "212000-1355;\"Tanums\r\nkommun\";35 000 000\r\n;;\r\n212000-0811;Ronneby;500"
        let bytes = [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        let whole = try csvReadAll(bytes)
        XCTAssertEqual(whole.rows, [
            ["212000-0142", "Botkyrka; \"kommun\"", "1 234 567,50"],
            ["212000-1355", "Tanums\r\nkommun", "35 000 000"],
            ["", "", ""],
            ["212000-0811", "Ronneby", "500"],
        ])
        XCTAssertEqual(whole.lines, [2, 3, 5, 6])
        try assertSameForEveryChunkSize(bytes)
    }

    func testQuotesAndCRLFAtEveryChunkSize() throws {
        try assertSameForEveryChunkSize(Array("a,b\r\n\"\"\"\",\"\"\r\n\"x\"\"\",y\r\n\r\n\"\r\",\"\n\"\r\n".utf8))
        try assertSameForEveryChunkSize(Array("a\r\r\n1\r2\n\r\n".utf8))
    }

    func testHeaderLongerThanChunk() throws {
        let header = (0 ..< 40).map { "column_\($0)" }.joined(separator: ";")
        let row = (0 ..< 40).map { "v\($0)" }.joined(separator: ";")
        let r = try csvReadAll(Array((header + "\n" + row + "\n").utf8), chunkSize: 7)
        XCTAssertEqual(r.delimiter, .semicolon)
        XCTAssertEqual(r.header.count, 40)
        XCTAssertEqual(r.rows.first?.last, "v39")
    }

    func testMultibyteSplitAtEveryChunkSize() throws {
        try assertSameForEveryChunkSize(Array("namn,ort\nÅsele,\"Ånge – Kramfors\"\n🌱,åäö".utf8))
        let cp1252: [UInt8] = Array("namn,ort\n".utf8) + [0xC5, 0x2C, 0x22, 0x80, 0x22, 0x22, 0xE5, 0x0A, 0xE4, 0x22, 0x0A]
        try assertSameForEveryChunkSize(cp1252, encoding: .windows1252)
        XCTAssertEqual(try csvReadAll(cp1252, encoding: .windows1252).rows, [["Å", "€\"å\nä"]])
    }

    func testErrorsAtEveryChunkSize() {
        let cases: [(String, CSVError)] = [
            ("a,b\n1,\"x\n\ny", CSVError(.unterminatedQuote, line: 2)),
            ("a,b\n1,2\r\nx\"y,2", CSVError(.quoteInUnquotedField, line: 3)),
            ("a,b\n\"1\"2,3", CSVError(.characterAfterClosingQuote(0x32), line: 2)),
            ("a,b\r\n1\r\n", CSVError(.raggedRow(expected: 2, found: 1), line: 2)),
        ]
        for (text, expected) in cases {
            for size in 1 ... text.utf8.count + 1 {
                XCTAssertEqual(csvError(Array(text.utf8), chunkSize: size), expected, "\(text) chunk \(size)")
            }
        }
    }

    /// Pseudo-random records written by a reference writer must read back identically
    /// at several chunk sizes (a cheap round-trip fuzz).
    func testRandomRoundTrip() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
        let alphabet: [String] = ["a", "Å", "ö", ",", ";", "\"", "\n", "\r\n", " ", "1", "€", "🌱"]
        for delimiter in [",", ";"] {
            let columns = 4
            var rows: [[String]] = []
            for _ in 0 ..< 200 {
                rows.append((0 ..< columns).map { _ in
                    (0 ..< Int(next() % 6)).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }.joined()
                })
            }
            var column = 0
            func quote(_ field: String) -> String {
                column += 1
                let special = field.unicodeScalars.contains { ",;\"\r\n".unicodeScalars.contains($0) }
                return special || (field.isEmpty && column % 3 == 0)
                    ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
            }
            let header = (0 ..< columns).map { "c\($0)" }.joined(separator: delimiter)
            let body = rows.map { $0.map(quote).joined(separator: delimiter) }.joined(separator: "\r\n")
            let bytes = Array((header + "\r\n" + body).utf8)
            for size in [1, 2, 3, 5, 64, 4096] {
                let r = try csvReadAll(bytes, chunkSize: size)
                XCTAssertEqual(r.delimiter, delimiter == "," ? .comma : .semicolon)
                XCTAssertEqual(r.rows, rows, "chunk \(size)")
            }
        }
    }
}
