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
            02 00000001 74 00000004
            4e
            49 fffffffffffffffe
            54 00000002 c3a9
            42 00000002 ff00
            """))
        // Format 1 differs in the version byte only.
        XCTAssertEqual(try ChainEncoding.encode(table: "t", fields: [.null, .integer(-2), .text("é"), .blob([0xff, 0x00])], format: .v1),
                       [0x01] + encoded.dropFirst())
    }

    func testIntegerExtremes() throws {
        XCTAssertEqual(try ChainEncoding.encode(table: "", fields: [.integer(.min), .integer(.max), .integer(0)]),
                       bytes("02 00000000 00000003 49 8000000000000000 49 7fffffffffffffff 49 0000000000000000"))
    }

    func testTheCurrentFormatIsVersionTwo() throws {
        XCTAssertEqual(ChainFormat.current, .v2)
        XCTAssertEqual(ChainFormat.v1.rawValue, 1)
        XCTAssertEqual(ChainFormat.v2.rawValue, 2)
        XCTAssertEqual(try ChainEncoding.encode(table: table, fields: row1),
                       try ChainEncoding.encode(table: table, fields: row1, format: .v2))
        XCTAssertNotEqual(try ChainLink.next(previous: ChainLink.genesis, table: table, fields: row1, format: .v1),
                          try ChainLink.next(previous: ChainLink.genesis, table: table, fields: row1, format: .v2))
    }

    /// The worked example of docs/chain.md in format 1 (schema 0001-0003, one chain per
    /// table; still read by the migration to schema 0004).
    func testWorkedExampleBytes() throws {
        XCTAssertEqual(SHA256.hex(try ChainEncoding.encode(table: table, fields: row1, format: .v1)),
            "010000000c6c65646765725f656e747279000000075400000006452d3030303154000000044c2d3137"
            + "540000000a323032342d30352d3137540000000c64697362757273656d656e7449000000000ee6b280"
            + "4e540000000bc385736120c39662657267")
    }

    /// Format-1 digests computed independently by the Python script in docs/chain.md (hashlib).
    func testPythonCrossCheck() throws {
        let h1 = try ChainLink.next(previous: ChainLink.genesis, table: table, fields: row1, format: .v1)
        XCTAssertEqual(SHA256.hex(h1), "368b112b4b72cc510a16e278775037bae9a1d5971fa583a17887b990c106e596")
        let h2 = try ChainLink.next(previous: h1, table: table, fields: row2, format: .v1)
        XCTAssertEqual(SHA256.hex(h2), "0e27a73317492b91386d42171caa166abe5d5ac0a1efefff9ca25de64e0d2a6c")
        var hasher = try ChainRowHasher(previous: h1, table: table, fieldCount: row2.count, format: .v1)
        for text in ["E-0002", "L-17", "2024-06-03", "reversal"] { try hasher.text(text) }
        hasher.integer(-250_000_000)
        for text in ["E-0001", "Åsa Öberg"] { try hasher.text(text) }
        XCTAssertEqual(hasher.finalize(), h2, "the streaming hasher writes format 1 when asked")
    }

    /// Format 2 (one chain over every table, seq first): a `loans` row at seq 1, then a
    /// `ledger_entries` row at seq 2 chained onto it, with the column lists of schema 0004.
    /// The bytes and digests were computed independently with Python's hashlib, by the
    /// script of docs/chain.md with version byte 0x02 (`bytearray(bytes([2]))`) and these rows:
    ///
    /// ```python
    /// loan = [1, 17, "L-17", "212000-0142", "green", 20, 1, "2025-01-15T10:00:00.000Z", "Åsa Öberg", None]
    /// entry = [2, "E-0001", 17, "2024-05-17", "disbursement", 250000000, 250000000, None, None,
    ///          "2025-01-15T10:00:00.000Z", "Åsa Öberg", None]
    /// print(encode("loans", loan).hex())
    /// print(encode("ledger_entries", entry).hex())
    /// h1 = link(bytes(32), "loans", loan)
    /// h2 = link(h1, "ledger_entries", entry)
    /// print(h1.hex())
    /// print(h2.hex())
    /// ```
    ///
    /// Output:
    ///
    /// ```text
    /// 02000000056c6f616e730000000a49000000000000000149000000000000001154000000044c2d3137540000000b3231323030302d303134325400000005677265656e4900000000000000144900000000000000015400000018323032352d30312d31355431303a30303a30302e3030305a540000000bc385736120c396626572674e
    /// 020000000e6c65646765725f656e74726965730000000c4900000000000000025400000006452d30303031490000000000000011540000000a323032342d30352d3137540000000c64697362757273656d656e7449000000000ee6b28049000000000ee6b2804e4e5400000018323032352d30312d31355431303a30303a30302e3030305a540000000bc385736120c396626572674e
    /// e880bf80ae490d761b5046ee11309554ef850d6c9422b532e5f665bff71a55f1
    /// 668d29597634ef95eba9bb55acb14a38712ed0bb4efef47abdd21ec4d78726b1
    /// ```
    func testVersionTwoWorkedExampleAndPythonCrossCheck() throws {
        let loan: [ChainField] = [.integer(1), .integer(17), .text("L-17"), .text("212000-0142"), .text("green"), .integer(20),
                                  .integer(1), .text("2025-01-15T10:00:00.000Z"), .text("Åsa Öberg"), .null]
        let entry: [ChainField] = [.integer(2), .text("E-0001"), .integer(17), .text("2024-05-17"), .text("disbursement"),
                                   .integer(250_000_000), .integer(250_000_000), .null, .null,
                                   .text("2025-01-15T10:00:00.000Z"), .text("Åsa Öberg"), .null]
        XCTAssertEqual(SHA256.hex(try ChainEncoding.encode(table: "loans", fields: loan, format: .v2)),
            "02000000056c6f616e730000000a49000000000000000149000000000000001154000000044c2d3137540000000b3231323030302d3031"
            + "34325400000005677265656e4900000000000000144900000000000000015400000018323032352d30312d31355431303a30303a3030"
            + "2e3030305a540000000bc385736120c396626572674e")
        XCTAssertEqual(SHA256.hex(try ChainEncoding.encode(table: "ledger_entries", fields: entry, format: .v2)),
            "020000000e6c65646765725f656e74726965730000000c4900000000000000025400000006452d303030314900000000000000115400"
            + "00000a323032342d30352d3137540000000c64697362757273656d656e7449000000000ee6b28049000000000ee6b2804e4e540000"
            + "0018323032352d30312d31355431303a30303a30302e3030305a540000000bc385736120c396626572674e")
        let h1 = try ChainLink.next(previous: ChainLink.genesis, table: "loans", fields: loan, format: .v2)
        XCTAssertEqual(SHA256.hex(h1), "e880bf80ae490d761b5046ee11309554ef850d6c9422b532e5f665bff71a55f1")
        let h2 = try ChainLink.next(previous: h1, table: "ledger_entries", fields: entry, format: .v2)
        XCTAssertEqual(SHA256.hex(h2), "668d29597634ef95eba9bb55acb14a38712ed0bb4efef47abdd21ec4d78726b1")
        XCTAssertEqual(try ChainLink.next(previous: h1, table: "ledger_entries", fields: entry), h2, "v2 is the default")
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
