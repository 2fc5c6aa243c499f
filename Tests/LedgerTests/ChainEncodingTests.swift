import XCTest
@testable import Ledger

/// The chain's row encoding and links: exact bytes, unambiguity, and the Python cross-check of docs/chain.md.
final class ChainEncodingTests: XCTestCase {
    private let table = "ledger_entry"
    private let row1: [ChainField] = [
        .text("E-0001"), .text("L-17"), .text("2024-05-17"), .text("disbursement"),
        .integer(250_000_000), .null, .text("Åsa Öberg"),
    ]
    private let row2: [ChainField] = [
        .text("E-0002"), .text("L-17"), .text("2024-06-03"), .text("reversal"),
        .integer(-250_000_000), .text("E-0001"), .text("Åsa Öberg"),
    ]

    private func bytes(_ hex: String) -> [UInt8] {
        let digits = Array(hex.filter { !$0.isWhitespace })
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0...$0 + 1]), radix: 16)! }
    }

    private func link(_ fields: [ChainField], table: String = "ledger_entry") throws -> [UInt8] {
        try ChainLink.next(previous: ChainLink.genesis, table: table, fields: fields)
    }

    func testEveryFieldTypeEncodesExactly() throws {
        let encoded = try ChainEncoding.encode(table: "t", fields: [.null, .integer(-2), .text("é"), .blob([0xff, 0x00])])
        XCTAssertEqual(encoded, bytes("""
            01 00000001 74 00000004
            4e
            49 fffffffffffffffe
            54 00000002 c3a9
            42 00000002 ff00
            """))
    }

    func testIntegerExtremes() throws {
        XCTAssertEqual(try ChainEncoding.encode(table: "", fields: [.integer(.min), .integer(.max), .integer(0)]),
                       bytes("01 00000000 00000003 49 8000000000000000 49 7fffffffffffffff 49 0000000000000000"))
    }

    /// The worked example of docs/chain.md.
    func testWorkedExampleBytes() throws {
        XCTAssertEqual(SHA256.hex(try ChainEncoding.encode(table: table, fields: row1)),
            "010000000c6c65646765725f656e747279000000075400000006452d3030303154000000044c2d3137"
            + "540000000a323032342d30352d3137540000000c64697362757273656d656e7449000000000ee6b280"
            + "4e540000000bc385736120c39662657267")
    }

    /// Digests computed independently by the Python script in docs/chain.md (hashlib).
    func testPythonCrossCheck() throws {
        let h1 = try ChainLink.next(previous: ChainLink.genesis, table: table, fields: row1)
        XCTAssertEqual(SHA256.hex(h1), "368b112b4b72cc510a16e278775037bae9a1d5971fa583a17887b990c106e596")
        let h2 = try ChainLink.next(previous: h1, table: table, fields: row2)
        XCTAssertEqual(SHA256.hex(h2), "0e27a73317492b91386d42171caa166abe5d5ac0a1efefff9ca25de64e0d2a6c")
    }

    func testLinkIsHashOfPreviousAndEncoding() throws {
        let previous = (0..<32).map { UInt8($0) }
        let expected = SHA256.hash(previous + (try ChainEncoding.encode(table: table, fields: row2)))
        XCTAssertEqual(try ChainLink.next(previous: previous, table: table, fields: row2), expected)
        XCTAssertEqual(ChainLink.genesis, [UInt8](repeating: 0, count: 32))
    }

    func testChangingAnyFieldChangesTheLink() throws {
        let original = try link(row1)
        let replacements: [ChainField] = [.text("E-0003"), .integer(250_000_000), .null, .blob([])]
        for index in row1.indices {
            for replacement in replacements where replacement != row1[index] {
                var changed = row1
                changed[index] = replacement
                XCTAssertNotEqual(try link(changed), original, "field \(index) → \(replacement)")
            }
        }
        var amount = row1
        amount[4] = .integer(250_000_001)
        XCTAssertNotEqual(try link(amount), original)
        XCTAssertNotEqual(try link(row1, table: "ledger_entries"), original)
    }

    func testChangingThePreviousLinkChangesTheLink() throws {
        var previous = ChainLink.genesis
        previous[31] = 1
        XCTAssertNotEqual(try ChainLink.next(previous: previous, table: table, fields: row1), try link(row1))
    }

    func testSwappingTwoFieldsChangesTheLink() throws {
        let original = try link(row1)
        for i in row1.indices {
            for j in row1.indices where i < j && row1[i] != row1[j] {
                var swapped = row1
                swapped.swapAt(i, j)
                XCTAssertNotEqual(try link(swapped), original, "swap \(i) and \(j)")
            }
        }
    }

    /// Without length prefixes "ab" + "c" and "a" + "bc" would concatenate alike.
    func testMovingBytesBetweenFieldsChangesTheEncoding() throws {
        let a = try ChainEncoding.encode(table: "t", fields: [.text("ab"), .text("c")])
        let b = try ChainEncoding.encode(table: "t", fields: [.text("a"), .text("bc")])
        XCTAssertNotEqual(a, b)
        XCTAssertNotEqual(try link([.text("ab"), .text("c")]), try link([.text("a"), .text("bc")]))
        XCTAssertNotEqual(try link([.blob([1, 2]), .blob([3])]), try link([.blob([1]), .blob([2, 3])]))
        XCTAssertNotEqual(try link([.text("ab"), .null]), try link([.text("a"), .text("b")]))
        // The table tag is length-prefixed too: ("ab", field "c") is not ("a", field "bc").
        XCTAssertNotEqual(try ChainLink.next(previous: ChainLink.genesis, table: "ab", fields: [.text("c")]),
                          try ChainLink.next(previous: ChainLink.genesis, table: "a", fields: [.text("bc")]))
    }

    func testTypesAreDistinguished() throws {
        XCTAssertNotEqual(try link([.text("")]), try link([.null]))
        XCTAssertNotEqual(try link([.text("")]), try link([.blob([])]))
        XCTAssertNotEqual(try link([.text("A")]), try link([.blob([0x41])]))
        XCTAssertNotEqual(try link([]), try link([.null]))
    }

    func testTextIsHashedAsItsExactUTF8Bytes() throws {
        // "é" precomposed (U+00E9) and decomposed (e + U+0301) are equal Swift Strings
        // but different stored bytes; the chain must see the stored bytes.
        XCTAssertEqual("\u{E9}", "e\u{301}")
        XCTAssertNotEqual(try link([.text("\u{E9}")]), try link([.text("e\u{301}")]))
    }

    func testPreviousMustBe32Bytes() {
        XCTAssertThrowsError(try ChainLink.next(previous: [0, 1], table: table, fields: row1)) { error in
            XCTAssertEqual(error as? ChainError, .previousHashLength(2))
        }
    }

    func testAppendReusesBuffer() throws {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(256)
        try ChainEncoding.append(table: table, fields: row1, to: &buffer)
        XCTAssertEqual(buffer, try ChainEncoding.encode(table: table, fields: row1))
        buffer.removeAll(keepingCapacity: true)
        try ChainEncoding.append(table: table, fields: row2, to: &buffer)
        XCTAssertEqual(buffer, try ChainEncoding.encode(table: table, fields: row2))
        XCTAssertGreaterThanOrEqual(buffer.capacity, 256)
    }
}
