import XCTest
@testable import Ledger

/// SHA-256 against the FIPS 180-4 example vectors and `sha256sum` around the padding boundaries.
final class SHA256Tests: XCTestCase {
    private func hex(_ text: String) -> String { SHA256.hex(SHA256.hash(Array(text.utf8))) }

    /// "abcdefghijklmnopqrstuvwxyzabc…" cut to `count` bytes.
    private func alphabet(_ count: Int) -> [UInt8] { (0..<count).map { UInt8(97 + $0 % 26) } }

    func testEmptyMessage() {
        XCTAssertEqual(hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func testABC() {
        XCTAssertEqual(hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testTwoBlockMessage448Bits() {
        XCTAssertEqual(
            hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func testOneMillionA() {
        let digest = SHA256.hash([UInt8](repeating: 0x61, count: 1_000_000))
        XCTAssertEqual(SHA256.hex(digest), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testOneMillionAFedInPieces() {
        var hasher = SHA256()
        let piece = [UInt8](repeating: 0x61, count: 1000)
        for _ in 0..<1000 { hasher.update(bytes: piece) }
        XCTAssertEqual(hasher.hexDigest(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Expected values from `printf … | sha256sum` on the same bytes.
    func testPaddingBoundaries() {
        let expected: [(Int, String)] = [
            (55, "595615dbe4f0f407ae397d08b4c2cb870cb9b0e11937416f950c5160acf9c005"),
            (56, "784f623b787495078e93ff28a25b581df0584055a7e71d8cd90c454716b92f51"),
            (63, "5ca3e1ef5207490eac01a795e5cc94d59582a5118bf9534665c8668d87aa647c"),
            (64, "2fcd5a0d60e4c941381fcc4e00a4bf8be422c3ddfafb93c809e8d1e2bfffae8e"),
            (65, "1b3cd1877ab2f2f19f7be001722554f336cb799df0329de0bb4c118dc6abc06d"),
            (119, "faef67da856d6fd9c8d12f9ed0a4fefd3cf0ce085ab43e2907418d457e3c354b"),
            (120, "c9512b08619c19fbb503c7da6b46ef20301e5f7a7a5f43989182398536f5c5c8"),
            (128, "6c05be2c4268843ae47e68e611277ce62c02153f2f4d2e1e2a1a4b44f766cf74"),
        ]
        for (count, digest) in expected {
            XCTAssertEqual(SHA256.hex(SHA256.hash(alphabet(count))), digest, "length \(count)")
        }
    }

    func testIncrementalOddPiecesEqualOneShot() {
        let message = (0..<1_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        for pieceSizes in [[1], [3, 5, 7], [13, 1, 63], [64, 1], [65], [127, 2]] {
            var hasher = SHA256()
            var offset = 0, turn = 0
            while offset < message.count {
                let size = Swift.min(pieceSizes[turn % pieceSizes.count], message.count - offset)
                hasher.update(bytes: message[offset..<(offset + size)])
                offset += size
                turn += 1
            }
            XCTAssertEqual(hasher.finalize(), SHA256.hash(message), "pieces \(pieceSizes)")
        }
    }

    func testNonContiguousCollectionAndRawPointerAgree() {
        let message = alphabet(200)
        var viaSequence = SHA256()
        viaSequence.update(bytes: message.lazy.map { $0 })  // not contiguous: the byte-by-byte path
        var viaPointer = SHA256()
        message.withUnsafeBytes { viaPointer.update(bytes: $0) }
        XCTAssertEqual(viaSequence.finalize(), SHA256.hash(message))
        XCTAssertEqual(viaPointer.finalize(), SHA256.hash(message))
    }

    func testFinalizeLeavesHasherUsable() {
        var hasher = SHA256()
        hasher.update(bytes: Array("ab".utf8))
        XCTAssertEqual(hasher.finalize(), SHA256.hash(Array("ab".utf8)))
        XCTAssertEqual(hasher.finalize(), hasher.finalize())
        hasher.update(bytes: Array("c".utf8))
        XCTAssertEqual(hasher.hexDigest(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testEmptyUpdatesChangeNothing() {
        var hasher = SHA256()
        hasher.update(bytes: [UInt8]())
        hasher.update(bytes: UnsafeRawBufferPointer(start: nil, count: 0))
        XCTAssertEqual(hasher.hexDigest(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func testDigestLengthAndHex() {
        XCTAssertEqual(SHA256.hash([1, 2, 3]).count, SHA256.digestByteCount)
        XCTAssertEqual(SHA256.hex([0x00, 0x0f, 0xa0, 0xff]), "000fa0ff")
        XCTAssertEqual(SHA256.hex([UInt8]()), "")
    }

    /// The processor's SHA instructions (where this machine has them) and the Swift
    /// compression give the same digests: FIPS vectors on the portable path, and 3 000
    /// generated messages of 0–700 bytes fed in random pieces to both.
    func testProcessorAndSwiftPathsAgree() {
        var portable = SHA256(portable: true)
        portable.update(bytes: Array("abc".utf8))
        XCTAssertEqual(portable.hexDigest(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        var million = SHA256(portable: true)
        million.update(bytes: [UInt8](repeating: 0x61, count: 1_000_000))
        XCTAssertEqual(million.hexDigest(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        var generator = SplitMix64(seed: 0x5EED_C0FFEE)
        for _ in 0..<3_000 {
            let length = Int(generator.next() % 701)
            let message = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            var fast = SHA256(), slow = SHA256(portable: true)
            var offset = 0
            while offset < length {
                let piece = min(length - offset, Int(generator.next() % 200) + 1)
                fast.update(bytes: message[offset..<(offset + piece)])
                slow.update(bytes: message[offset..<(offset + piece)])
                offset += piece
            }
            XCTAssertEqual(fast.finalize(), slow.finalize(), "message of \(length) bytes")
            XCTAssertEqual(SHA256.hash(message), slow.finalize())
        }
    }

    /// Says which path this machine takes (docs/performance.md reports it).
    func testTheProcessorPathIsUsedWhereAvailable() throws {
        #if arch(x86_64)
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        guard !cpuinfo.isEmpty else { throw XCTSkip("no /proc/cpuinfo") }
        XCTAssertEqual(SHA256.processorHasSHAInstructions, cpuinfo.contains(" sha_ni"))
        #else
        XCTAssertFalse(SHA256.processorHasSHAInstructions)
        #endif
    }
}
