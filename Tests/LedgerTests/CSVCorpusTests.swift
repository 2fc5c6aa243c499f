import Foundation
import XCTest
@testable import Ledger

/// Runs the committed CSV conformance corpus (Tests/Corpus/csv, described by its
/// manifest.json and written by reliability/csv_corpus.py) through CSVReader and
/// AmountParser: each file gives exactly its expected records, amounts and refusals,
/// at the default chunk size and at chunk sizes of 1, 2, 3 and 7 bytes.
final class CSVCorpusTests: XCTestCase {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Corpus/csv")

    struct Case {
        var file: String
        var note: String
        var encoding: CSVEncoding
        var error: String?
        var line: Int
        var header: [String]
        var rows: [[String]]
        var delimiter: String?
        var amountColumn: String?
        var amounts: [String]
        var allowNegative: Bool
    }

    static func cases() throws -> [Case] {
        let data = try Data(contentsOf: corpus.appendingPathComponent("manifest.json"))
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let list = try XCTUnwrap(root["cases"] as? [[String: Any]])
        return try list.map { c in
            Case(file: try XCTUnwrap(c["file"] as? String), note: c["note"] as? String ?? "",
                 encoding: try XCTUnwrap(CSVEncoding(rawValue: c["encoding"] as? String ?? "utf-8")),
                 error: c["error"] as? String, line: c["line"] as? Int ?? 0,
                 header: c["header"] as? [String] ?? [], rows: c["rows"] as? [[String]] ?? [],
                 delimiter: c["delimiter"] as? String, amountColumn: c["amount_column"] as? String,
                 amounts: c["amounts"] as? [String] ?? [], allowNegative: c["allow_negative"] as? Bool ?? false)
        }
    }

    /// The name of a CSVError kind as the manifest writes it.
    static func name(_ kind: CSVError.Kind) -> String {
        switch kind {
        case .cannotOpen: return "cannotOpen"
        case .readFailed: return "readFailed"
        case .emptyFile: return "emptyFile"
        case .utf16: return "utf16"
        case .unterminatedQuote: return "unterminatedQuote"
        case .quoteInUnquotedField: return "quoteInUnquotedField"
        case .characterAfterClosingQuote: return "characterAfterClosingQuote"
        case .invalidUTF8: return "invalidUTF8"
        case .undefinedWindows1252Byte: return "undefinedWindows1252Byte"
        case .utf8InWindows1252Mode: return "utf8InWindows1252Mode"
        case .utf8ByteOrderMarkInWindows1252Mode: return "utf8ByteOrderMarkInWindows1252Mode"
        case .recordTooLarge: return "recordTooLarge"
        case .controlCharacter: return "controlCharacter"
        case .raggedRow: return "raggedRow"
        case .badHeader: return "badHeader"
        }
    }

    /// The name of a NumberRefusal as the manifest writes it (after `!`).
    static func name(_ refusal: NumberRefusal) -> String {
        switch refusal {
        case .empty: return "empty"
        case .plusSign: return "plusSign"
        case .negativeNotAllowed: return "negativeNotAllowed"
        case .zeroNotAllowed: return "zeroNotAllowed"
        case .unexpectedCharacter: return "unexpectedCharacter"
        case .trailingText: return "trailingText"
        case .missingDigits: return "missingDigits"
        case .badGrouping: return "badGrouping"
        case .tooManyDecimals: return "tooManyDecimals"
        case .decimalPointInCommaFile: return "decimalPointInCommaFile"
        case .decimalCommaInPointFile: return "decimalCommaInPointFile"
        case .mixedSeparators: return "mixedSeparators"
        case .multipleDecimalSeparators: return "multipleDecimalSeparators"
        case .overflow: return "overflow"
        case .aboveLimit: return "aboveLimit"
        }
    }

    func testCorpusHasCases() throws {
        let cases = try Self.cases()
        XCTAssertGreaterThanOrEqual(cases.count, 25)
        XCTAssertTrue(cases.contains { $0.error != nil })
        XCTAssertTrue(cases.contains { !$0.amounts.isEmpty })
    }

    func testEveryCaseParsesOrIsRefusedAsTheManifestSays() throws {
        for c in try Self.cases() {
            let bytes = Array(try Data(contentsOf: Self.corpus.appendingPathComponent(c.file)))
            for chunk in [CSVReader.defaultChunkSize, 1, 2, 3, 7] {
                let label = "\(c.file) [\(c.encoding.rawValue), chunk \(chunk)]: \(c.note)"
                do {
                    let reader = try CSVReader(bytes: bytes, encoding: c.encoding, chunkSize: chunk)
                    let rows = try reader.readAll()
                    if let error = c.error {
                        XCTFail("\(label): parsed, expected \(error) at line \(c.line)")
                        continue
                    }
                    XCTAssertEqual(reader.header, c.header, label)
                    XCTAssertEqual(rows, c.rows, label)
                    if let d = c.delimiter { XCTAssertEqual(String(UnicodeScalar(reader.delimiter.rawValue)), d, label) }
                    if let column = c.amountColumn {
                        let index = try XCTUnwrap(reader.header.firstIndex(of: column), label)
                        XCTAssertEqual(rows.count, c.amounts.count, label)
                        for (row, expected) in zip(rows, c.amounts) {
                            let got: String
                            do {
                                got = String(try AmountParser.parse(row[index], decimalComma: reader.delimiter.usesDecimalComma,
                                                                     allowNegative: c.allowNegative))
                            } catch {
                                got = "!" + Self.name(error.reason)
                            }
                            XCTAssertEqual(got, expected, "\(label): amount \(row[index].debugDescription)")
                        }
                    }
                } catch let error as CSVError {
                    guard let expected = c.error else {
                        XCTFail("\(label): refused with \(error), expected records")
                        continue
                    }
                    XCTAssertEqual(Self.name(error.kind), expected, "\(label): \(error)")
                    XCTAssertEqual(error.line, c.line, "\(label): \(error)")
                } catch {
                    XCTFail("\(label): unexpected \(error)")
                }
            }
        }
    }

    /// Amounts are never truncated: a refused amount is refused at every position of the file too.
    func testRefusedAmountsAreNeverPartiallyRead() throws {
        for text in ["12.5", "1.234,56", "1,567", "12,3,4", "1 234,567"] {
            XCTAssertThrowsError(try AmountParser.parse(text, decimalComma: true), text)
        }
        for text in ["12.345", "12,50", "1,234.56"] {
            XCTAssertThrowsError(try AmountParser.parse(text, decimalComma: false), text)
        }
    }
}
