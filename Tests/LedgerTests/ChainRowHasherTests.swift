import XCTest
@testable import Ledger

/// The byte-level fast path of the chain (`ChainRowHasher`, used by the entries import)
/// must give exactly the link `ChainLink.next` gives for the same row.
final class ChainRowHasherTests: XCTestCase {
    private struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func text() -> String {
            let alphabet = Array("aZ0-_ ,;\"éÅö€\u{00A0}\u{2212}😀\n")
            return String((0..<Int(next() % 90)).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] })
        }
    }

    func testRandomRowsGiveTheSameLinkAsChainLink() throws {
        var random = Random(state: 42)
        var previous = ChainLink.genesis
        for _ in 0..<2_000 {
            let count = Int(random.next() % 16)
            var fields: [ChainField] = []
            for _ in 0..<count {
                switch random.next() % 3 {
                case 0: fields.append(.null)
                case 1: fields.append(.integer(Int64(bitPattern: random.next())))
                default: fields.append(.text(random.text()))
                }
            }
            let expected = try ChainLink.next(previous: previous, table: "ledger_entries", fields: fields)
            let fast = previous.withUnsafeBytes { bytes -> [UInt8] in
                var row = ChainRowHasher(previous: bytes, table: "ledger_entries", fieldCount: count)
                for field in fields {
                    switch field {
                    case .null: row.null()
                    case .integer(let value): row.integer(value)
                    case .text(let text): row.text(text)
                    case .blob: XCTFail("no blobs generated")
                    }
                }
                return row.finalize()
            }
            XCTAssertEqual(fast, expected)
            previous = expected
        }
    }

    func testTextFromBytesEqualsTextFromString() {
        let text = "E-0001 Åsa"
        let fromString = ChainLink.genesis.withUnsafeBytes { bytes -> [UInt8] in
            var row = ChainRowHasher(previous: bytes, table: "t", fieldCount: 1)
            row.text(text)
            return row.finalize()
        }
        let fromBytes = ChainLink.genesis.withUnsafeBytes { bytes -> [UInt8] in
            var row = ChainRowHasher(previous: bytes, table: "t", fieldCount: 1)
            Array(text.utf8).withUnsafeBufferPointer { row.text($0) }
            return row.finalize()
        }
        XCTAssertEqual(fromString, fromBytes)
        XCTAssertEqual(fromString, try ChainLink.next(previous: ChainLink.genesis, table: "t", fields: [.text(text)]))
    }
}
