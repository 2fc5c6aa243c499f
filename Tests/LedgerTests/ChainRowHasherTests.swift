import Ledger
import XCTest

/// The streaming hasher `verify` uses gives the same link as `ChainLink.next`.
final class ChainRowHasherTests: XCTestCase {
    func testStreamingLinkEqualsChainLinkForMixedRows() throws {
        var generator = SystemRandomNumberGenerator()
        var previous = ChainLink.genesis
        for _ in 0..<200 {
            var fields: [ChainField] = []
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                switch Int.random(in: 0...3, using: &generator) {
                case 0: fields.append(.null)
                case 1: fields.append(.integer(Int64.random(in: .min ... .max, using: &generator)))
                case 2: fields.append(.text(String(repeating: "Åsa ", count: Int.random(in: 0...40, using: &generator))))
                default: fields.append(.blob((0..<Int.random(in: 0...70, using: &generator)).map { _ in UInt8.random(in: 0...255) }))
                }
            }
            var row = try ChainRowHasher(previous: previous, table: "ledger_entries", fieldCount: fields.count)
            for field in fields {
                switch field {
                case .null: row.appendNull()
                case .integer(let v): row.appendInteger(v)
                case .text(var s): try s.withUTF8 { try row.appendText(utf8: UnsafeRawBufferPointer($0)) }
                case .blob(let b): try b.withUnsafeBytes { try row.appendBlob($0) }
                }
            }
            XCTAssertTrue(row.isComplete)
            let expected = try ChainLink.next(previous: previous, table: "ledger_entries", fields: fields)
            XCTAssertEqual(row.finalize(), expected)
            previous = expected
        }
    }

    func testAPreviousLinkOfTheWrongLengthIsRefused() {
        XCTAssertThrowsError(try ChainRowHasher(previous: [1, 2, 3], table: "t", fieldCount: 0)) { error in
            XCTAssertEqual(error as? ChainError, .previousHashLength(3))
        }
    }
}
