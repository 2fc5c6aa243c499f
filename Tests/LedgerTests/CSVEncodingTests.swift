import XCTest
@testable import Ledger

final class CSVEncodingTests: XCTestCase {
    /// "namn;ort\nÅsele;Ånge Östra\n" as Windows-1252 bytes.
    let latin1: [UInt8] = Array("namn;ort\n".utf8) + [0xC5] + Array("sele;".utf8) + [0xC5] + Array("nge ".utf8)
        + [0xD6] + Array("stra\n".utf8)

    func testWindows1252RefusedByDefaultWithAdvice() {
        let error = csvError(latin1)
        XCTAssertEqual(error, CSVError(.invalidUTF8(byte: 0xC5, field: 1), line: 2))
        let message = error?.message(file: "members.csv") ?? ""
        XCTAssertTrue(message.hasPrefix("members.csv:2: field 1 is not valid UTF-8 (byte 0xC5)"), message)
        XCTAssertTrue(message.contains("Windows-1252/Latin-1"), message)
        XCTAssertTrue(message.contains("--encoding windows-1252"), message)
        XCTAssertTrue(message.contains("iconv -f WINDOWS-1252 -t UTF-8"), message)
    }

    func testLowercaseSwedishLettersRefused() {
        // "åäö" in Windows-1252: E5 is a UTF-8 lead byte whose continuation is missing.
        let bytes = Array("a\n".utf8) + [0xE5, 0xE4, 0xF6] + [0x0A]
        XCTAssertEqual(csvError(bytes), CSVError(.invalidUTF8(byte: 0xE5, field: 1), line: 2))
    }

    func testWindows1252Converted() throws {
        let r = try csvReadAll(latin1, encoding: .windows1252)
        XCTAssertEqual(r.rows, [["Åsele", "Ånge Östra"]])
        let lower = try csvReadAll(Array("a,b\n".utf8) + [0xE5, 0xE4, 0xF6, 0x2C, 0x80] + Array(" 5\n".utf8),
                                encoding: .windows1252)
        XCTAssertEqual(lower.rows, [["åäö", "€ 5"]])
    }

    func testWindows1252HighControlRange() throws {
        let defined: [UInt8] = (0x80 ... 0x9F).filter { ![0x81, 0x8D, 0x8F, 0x90, 0x9D].contains($0) }
        let r = try csvReadAll(Array("x\n".utf8) + defined + [0x0A], encoding: .windows1252)
        XCTAssertEqual(r.rows, [["€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"]])
        // 0xA0 (NBSP), 0xA4, 0xFF: Latin-1 proper.
        let latin = try csvReadAll(Array("x\n".utf8) + [0xA0, 0xA4, 0xE9, 0xFF, 0x0A], encoding: .windows1252)
        XCTAssertEqual(latin.rows, [["\u{A0}¤éÿ"]])
    }

    func testWindows1252UndefinedBytesRefused() {
        for byte: UInt8 in [0x81, 0x8D, 0x8F, 0x90, 0x9D] {
            let bytes = Array("a,b\nok,x".utf8) + [byte] + [0x0A]
            XCTAssertEqual(csvError(bytes, encoding: .windows1252),
                           CSVError(.undefinedWindows1252Byte(byte, field: 2), line: 2), "byte \(byte)")
        }
    }

    func testUTF8FileReadAsWindows1252IsRefusedNotGarbled() {
        XCTAssertEqual(csvError(Array("a\nÅsele\n".utf8), encoding: .windows1252),
                       CSVError(.utf8InWindows1252Mode(field: 1), line: 2))
        XCTAssertEqual(csvError([0xEF, 0xBB, 0xBF] + Array("a\n1\n".utf8), encoding: .windows1252),
                       CSVError(.utf8ByteOrderMarkInWindows1252Mode, line: 0))
    }

    func testInvalidUTF8Forms() {
        let cases: [([UInt8], UInt8)] = [
            ([0xC0, 0x80], 0xC0),              // overlong NUL
            ([0xE0, 0x80, 0x80], 0xE0),        // overlong
            ([0xED, 0xA0, 0x80], 0xED),        // surrogate
            ([0xF4, 0x90, 0x80, 0x80], 0xF4),  // above U+10FFFF
            ([0x80], 0x80),                    // lone continuation
            ([0x61, 0xC3], 0xC3),              // truncated at field end
        ]
        for (bad, byte) in cases {
            XCTAssertEqual(csvError(Array("a,b\nx,".utf8) + bad + [0x0A]),
                           CSVError(.invalidUTF8(byte: byte, field: 2), line: 2), "\(bad)")
        }
    }

    func testMultibyteCharacterSplitAcrossFieldsIsInvalid() {
        // C3 | A5 is "å" only when together; split by a delimiter each field is invalid.
        XCTAssertEqual(csvError(Array("a,b\n".utf8) + [0xC3, 0x2C, 0xA5, 0x0A]),
                       CSVError(.invalidUTF8(byte: 0xC3, field: 1), line: 2))
    }

    func testValidFourByteUTF8() throws {
        XCTAssertEqual(try csvReadAll("a\n🌱 grönt\n").rows, [["🌱 grönt"]])
    }

    func testWindows1252TableAgainstUnicode() {
        // Spot checks of the mapping table.
        XCTAssertEqual(TextEncoding.windows1252Scalar(0x80), 0x20AC)
        XCTAssertEqual(TextEncoding.windows1252Scalar(0x9F), 0x0178)
        XCTAssertEqual(TextEncoding.windows1252Scalar(0x96), 0x2013)
        XCTAssertEqual(TextEncoding.windows1252Scalar(0xE5), 0xE5)
        XCTAssertNil(TextEncoding.windows1252Scalar(0x8D))
    }
}
