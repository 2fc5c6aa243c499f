import CSHA256

/// SHA-256 (FIPS 180-4, section 6.2) for the ledger's tamper-evident chain: the processor's SHA
/// instructions (x86-64 SHA-NI, the small C target `CSHA256`) where it has them, else plain Swift.
///
/// CryptoKit does not exist on Linux and swift-crypto is a package dependency, which this
/// project does not take, so the hash lives here. It is a value type with no heap storage:
/// the eight working words and the pending partial block are stored inline, so hashing a
/// short message allocates nothing until ``finalize()`` returns its 32-byte array.
///
/// ```swift
/// var hasher = SHA256()
/// hasher.update(bytes: Array("ab".utf8))
/// hasher.update(bytes: Array("c".utf8))
/// hasher.hexDigest()   // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// SHA256.hash(Array("abc".utf8)) == hasher.finalize()   // true
/// ```
///
/// Not constant-time and not meant for secrets: the chain hashes public ledger rows.
public struct SHA256: Sendable {
    /// The length of a digest in bytes (32).
    public static let digestByteCount = 32

    /// The length of a message block in bytes (64).
    public static let blockByteCount = 64

    /// The eight 32-bit words of the intermediate hash value H(i).
    private var state = State()

    /// The pending bytes of a partial block, stored inline (8 × 8 = 64 bytes, no heap).
    private var block: Block = (0, 0, 0, 0, 0, 0, 0, 0)

    /// How many bytes of `block` are pending, always in 0..<64.
    private var pending = 0

    /// The number of message bytes hashed so far (the length field counts bits, mod 2⁶⁴).
    private var messageByteCount: UInt64 = 0

    /// True when blocks are compressed by the processor's SHA instructions.
    private let usesProcessor: Bool

    /// Whether this processor has the SHA instructions hallbar uses (asked once).
    public static let processorHasSHAInstructions = hallbar_sha256_blocks_available() == 1

    /// Creates a hasher in the initial state H(0) of FIPS 180-4 section 5.3.3.
    public init() {
        usesProcessor = Self.processorHasSHAInstructions
    }

    /// A hasher that compresses in plain Swift even where the processor has SHA instructions
    /// (the tests compare both paths).
    init(portable: Bool) {
        usesProcessor = !portable && Self.processorHasSHAInstructions
    }

    /// Hashes `bytes` in one call and returns the 32-byte digest.
    ///
    /// ```swift
    /// SHA256.hash([])   // e3 b0 c4 42 … 78 52 b8 55
    /// ```
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        bytes.withUnsafeBytes { hasher.update(bytes: $0) }
        return hasher.finalize()
    }

    /// Renders bytes as lowercase hexadecimal, two digits a byte, no separators.
    ///
    /// ```swift
    /// SHA256.hex([0x00, 0xab])   // "00ab"
    /// ```
    public static func hex(_ bytes: some Collection<UInt8>) -> String {
        let digits: StaticString = "0123456789abcdef"
        let count = bytes.count * 2
        return String(unsafeUninitializedCapacity: count) { out in
            digits.withUTF8Buffer { digit in
                var index = 0
                for byte in bytes {
                    out[index] = digit[Int(byte >> 4)]
                    out[index + 1] = digit[Int(byte & 0x0f)]
                    index += 2
                }
            }
            return count
        }
    }

    /// Appends the bytes in memory at `bytes` to the message.
    ///
    /// This is the fast path: whole 64-byte blocks are compressed straight from the
    /// caller's memory, and only the tail is copied into the inline block buffer.
    public mutating func update(bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        let count = bytes.count
        messageByteCount &+= UInt64(truncatingIfNeeded: count)
        var offset = 0
        if pending > 0 {
            let take = Swift.min(Self.blockByteCount - pending, count)
            let filled = pending
            withUnsafeMutableBytes(of: &block) { buffer in
                buffer.baseAddress!.advanced(by: filled).copyMemory(from: base, byteCount: take)
            }
            pending += take
            offset = take
            guard pending == Self.blockByteCount else { return }
            withUnsafeBytes(of: &block) { state.compress($0.baseAddress!, processor: usesProcessor) }
            pending = 0
        }
        let wholeBlocks = (count - offset) / Self.blockByteCount
        if wholeBlocks > 0 && usesProcessor {
            state.compressWithProcessor(base.advanced(by: offset), blocks: wholeBlocks)
            offset += wholeBlocks * Self.blockByteCount
        }
        while count - offset >= Self.blockByteCount {
            state.compress(base.advanced(by: offset), processor: false)
            offset += Self.blockByteCount
        }
        if offset < count {
            let rest = count - offset
            withUnsafeMutableBytes(of: &block) { buffer in
                buffer.baseAddress!.copyMemory(from: base.advanced(by: offset), byteCount: rest)
            }
            pending = rest
        }
    }

    /// Appends `bytes` to the message.
    ///
    /// Contiguous collections (`[UInt8]`, `ArraySlice`, `String.UTF8View` of a native
    /// string, …) take the pointer path; any other collection is copied byte by byte
    /// into the inline block buffer, still without allocating.
    public mutating func update(bytes: some Collection<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            self.update(bytes: UnsafeRawBufferPointer(buffer))
        }
        if done != nil { return }
        for byte in bytes { append(byte) }
    }

    /// Appends one byte to the message.
    @inline(__always)
    mutating func append(_ byte: UInt8) {
        let index = pending
        withUnsafeMutableBytes(of: &block) { $0[index] = byte }
        messageByteCount &+= 1
        pending += 1
        if pending == Self.blockByteCount {
            withUnsafeBytes(of: &block) { state.compress($0.baseAddress!, processor: usesProcessor) }
            pending = 0
        }
    }

    /// Pads the message (FIPS 180-4 section 5.1.1) and returns the 32-byte digest.
    ///
    /// The hasher itself is not changed: more bytes may be appended afterwards, and
    /// finalizing again then gives the digest of the longer message.
    public func finalize() -> [UInt8] {
        var copy = self
        copy.pad()
        let s = copy.state
        return [UInt8](unsafeUninitializedCapacity: Self.digestByteCount) { out, initialized in
            let raw = UnsafeMutableRawBufferPointer(out)
            raw.storeBytes(of: s.h0.bigEndian, toByteOffset: 0, as: UInt32.self)
            raw.storeBytes(of: s.h1.bigEndian, toByteOffset: 4, as: UInt32.self)
            raw.storeBytes(of: s.h2.bigEndian, toByteOffset: 8, as: UInt32.self)
            raw.storeBytes(of: s.h3.bigEndian, toByteOffset: 12, as: UInt32.self)
            raw.storeBytes(of: s.h4.bigEndian, toByteOffset: 16, as: UInt32.self)
            raw.storeBytes(of: s.h5.bigEndian, toByteOffset: 20, as: UInt32.self)
            raw.storeBytes(of: s.h6.bigEndian, toByteOffset: 24, as: UInt32.self)
            raw.storeBytes(of: s.h7.bigEndian, toByteOffset: 28, as: UInt32.self)
            initialized = Self.digestByteCount
        }
    }

    /// The digest of the message so far as 64 lowercase hexadecimal digits.
    ///
    /// Like ``finalize()``, this leaves the hasher unchanged.
    public func hexDigest() -> String {
        Self.hex(finalize())
    }

    /// Appends the padding and the 64-bit big-endian bit length, compressing the last
    /// one or two blocks.
    private mutating func pad() {
        let bitLength = messageByteCount &<< 3
        let used = pending
        let lengthOffset = Self.blockByteCount - 8
        withUnsafeMutableBytes(of: &block) { buffer in
            let base = buffer.baseAddress!
            base.storeBytes(of: 0x80, toByteOffset: used, as: UInt8.self)
            let end = used < lengthOffset ? lengthOffset : Self.blockByteCount
            _ = base.advanced(by: used + 1).initializeMemory(as: UInt8.self, repeating: 0, count: end - used - 1)
        }
        if used >= lengthOffset {
            withUnsafeBytes(of: &block) { state.compress($0.baseAddress!, processor: usesProcessor) }
            withUnsafeMutableBytes(of: &block) { buffer in
                _ = buffer.baseAddress!.initializeMemory(as: UInt8.self, repeating: 0, count: lengthOffset)
            }
        }
        withUnsafeMutableBytes(of: &block) { buffer in
            buffer.storeBytes(of: bitLength.bigEndian, toByteOffset: lengthOffset, as: UInt64.self)
        }
        withUnsafeBytes(of: &block) { state.compress($0.baseAddress!, processor: usesProcessor) }
        pending = 0
    }

    /// 64 bytes of inline storage for a partial block.
    private typealias Block = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
}

extension SHA256 {
    /// The intermediate hash value H(i), eight 32-bit words, initialised to H(0).
    fileprivate struct State: Sendable {
        var h0: UInt32 = 0x6a09_e667
        var h1: UInt32 = 0xbb67_ae85
        var h2: UInt32 = 0x3c6e_f372
        var h3: UInt32 = 0xa54f_f53a
        var h4: UInt32 = 0x510e_527f
        var h5: UInt32 = 0x9b05_688c
        var h6: UInt32 = 0x1f83_d9ab
        var h7: UInt32 = 0x5be0_cd19

        /// Processes `blocks` 64-byte blocks at `data` with the processor's SHA instructions.
        @inline(__always)
        mutating func compressWithProcessor(_ data: UnsafeRawPointer, blocks: Int) {
            var words = (h0, h1, h2, h3, h4, h5, h6, h7)  // a homogeneous tuple: eight contiguous words
            withUnsafeMutableBytes(of: &words) { raw in
                hallbar_sha256_blocks(raw.baseAddress!.assumingMemoryBound(to: UInt32.self),
                                      data.assumingMemoryBound(to: UInt8.self), blocks)
            }
            (h0, h1, h2, h3, h4, h5, h6, h7) = words
        }

        /// Processes one 64-byte block at `block` (FIPS 180-4 section 6.2.2), with the
        /// processor's SHA instructions when `processor`, else in Swift.
        ///
        /// Fully unrolled, with the round constants K (section 4.2.2) as literals and the
        /// message schedule as a rolling window of 16 local words updated in place.
        mutating func compress(_ block: UnsafeRawPointer, processor: Bool) {
            if processor { return compressWithProcessor(block, blocks: 1) }
            var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
            var bc = b ^ c  // b ^ c of the next round: each round's a ^ b (Maj, below)
            var w0 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
            var w1 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
            var w2 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
            var w3 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
            var w4 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
            var w5 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 20, as: UInt32.self))
            var w6 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 24, as: UInt32.self))
            var w7 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 28, as: UInt32.self))
            var w8 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 32, as: UInt32.self))
            var w9 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 36, as: UInt32.self))
            var w10 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 40, as: UInt32.self))
            var w11 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 44, as: UInt32.self))
            var w12 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 48, as: UInt32.self))
            var w13 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 52, as: UInt32.self))
            var w14 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 56, as: UInt32.self))
            var w15 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 60, as: UInt32.self))
            step(a, b, c, &d, e, f, g, &h, &bc, 0x428a2f98 &+ w0)
            step(h, a, b, &c, d, e, f, &g, &bc, 0x71374491 &+ w1)
            step(g, h, a, &b, c, d, e, &f, &bc, 0xb5c0fbcf &+ w2)
            step(f, g, h, &a, b, c, d, &e, &bc, 0xe9b5dba5 &+ w3)
            step(e, f, g, &h, a, b, c, &d, &bc, 0x3956c25b &+ w4)
            step(d, e, f, &g, h, a, b, &c, &bc, 0x59f111f1 &+ w5)
            step(c, d, e, &f, g, h, a, &b, &bc, 0x923f82a4 &+ w6)
            step(b, c, d, &e, f, g, h, &a, &bc, 0xab1c5ed5 &+ w7)
            step(a, b, c, &d, e, f, g, &h, &bc, 0xd807aa98 &+ w8)
            step(h, a, b, &c, d, e, f, &g, &bc, 0x12835b01 &+ w9)
            step(g, h, a, &b, c, d, e, &f, &bc, 0x243185be &+ w10)
            step(f, g, h, &a, b, c, d, &e, &bc, 0x550c7dc3 &+ w11)
            step(e, f, g, &h, a, b, c, &d, &bc, 0x72be5d74 &+ w12)
            step(d, e, f, &g, h, a, b, &c, &bc, 0x80deb1fe &+ w13)
            step(c, d, e, &f, g, h, a, &b, &bc, 0x9bdc06a7 &+ w14)
            step(b, c, d, &e, f, g, h, &a, &bc, 0xc19bf174 &+ w15)
            w0 = schedule(w0, w1, w9, w14)
            w1 = schedule(w1, w2, w10, w15)
            w2 = schedule(w2, w3, w11, w0)
            w3 = schedule(w3, w4, w12, w1)
            w4 = schedule(w4, w5, w13, w2)
            w5 = schedule(w5, w6, w14, w3)
            w6 = schedule(w6, w7, w15, w4)
            w7 = schedule(w7, w8, w0, w5)
            w8 = schedule(w8, w9, w1, w6)
            w9 = schedule(w9, w10, w2, w7)
            w10 = schedule(w10, w11, w3, w8)
            w11 = schedule(w11, w12, w4, w9)
            w12 = schedule(w12, w13, w5, w10)
            w13 = schedule(w13, w14, w6, w11)
            w14 = schedule(w14, w15, w7, w12)
            w15 = schedule(w15, w0, w8, w13)
            step(a, b, c, &d, e, f, g, &h, &bc, 0xe49b69c1 &+ w0)
            step(h, a, b, &c, d, e, f, &g, &bc, 0xefbe4786 &+ w1)
            step(g, h, a, &b, c, d, e, &f, &bc, 0x0fc19dc6 &+ w2)
            step(f, g, h, &a, b, c, d, &e, &bc, 0x240ca1cc &+ w3)
            step(e, f, g, &h, a, b, c, &d, &bc, 0x2de92c6f &+ w4)
            step(d, e, f, &g, h, a, b, &c, &bc, 0x4a7484aa &+ w5)
            step(c, d, e, &f, g, h, a, &b, &bc, 0x5cb0a9dc &+ w6)
            step(b, c, d, &e, f, g, h, &a, &bc, 0x76f988da &+ w7)
            step(a, b, c, &d, e, f, g, &h, &bc, 0x983e5152 &+ w8)
            step(h, a, b, &c, d, e, f, &g, &bc, 0xa831c66d &+ w9)
            step(g, h, a, &b, c, d, e, &f, &bc, 0xb00327c8 &+ w10)
            step(f, g, h, &a, b, c, d, &e, &bc, 0xbf597fc7 &+ w11)
            step(e, f, g, &h, a, b, c, &d, &bc, 0xc6e00bf3 &+ w12)
            step(d, e, f, &g, h, a, b, &c, &bc, 0xd5a79147 &+ w13)
            step(c, d, e, &f, g, h, a, &b, &bc, 0x06ca6351 &+ w14)
            step(b, c, d, &e, f, g, h, &a, &bc, 0x14292967 &+ w15)
            w0 = schedule(w0, w1, w9, w14)
            w1 = schedule(w1, w2, w10, w15)
            w2 = schedule(w2, w3, w11, w0)
            w3 = schedule(w3, w4, w12, w1)
            w4 = schedule(w4, w5, w13, w2)
            w5 = schedule(w5, w6, w14, w3)
            w6 = schedule(w6, w7, w15, w4)
            w7 = schedule(w7, w8, w0, w5)
            w8 = schedule(w8, w9, w1, w6)
            w9 = schedule(w9, w10, w2, w7)
            w10 = schedule(w10, w11, w3, w8)
            w11 = schedule(w11, w12, w4, w9)
            w12 = schedule(w12, w13, w5, w10)
            w13 = schedule(w13, w14, w6, w11)
            w14 = schedule(w14, w15, w7, w12)
            w15 = schedule(w15, w0, w8, w13)
            step(a, b, c, &d, e, f, g, &h, &bc, 0x27b70a85 &+ w0)
            step(h, a, b, &c, d, e, f, &g, &bc, 0x2e1b2138 &+ w1)
            step(g, h, a, &b, c, d, e, &f, &bc, 0x4d2c6dfc &+ w2)
            step(f, g, h, &a, b, c, d, &e, &bc, 0x53380d13 &+ w3)
            step(e, f, g, &h, a, b, c, &d, &bc, 0x650a7354 &+ w4)
            step(d, e, f, &g, h, a, b, &c, &bc, 0x766a0abb &+ w5)
            step(c, d, e, &f, g, h, a, &b, &bc, 0x81c2c92e &+ w6)
            step(b, c, d, &e, f, g, h, &a, &bc, 0x92722c85 &+ w7)
            step(a, b, c, &d, e, f, g, &h, &bc, 0xa2bfe8a1 &+ w8)
            step(h, a, b, &c, d, e, f, &g, &bc, 0xa81a664b &+ w9)
            step(g, h, a, &b, c, d, e, &f, &bc, 0xc24b8b70 &+ w10)
            step(f, g, h, &a, b, c, d, &e, &bc, 0xc76c51a3 &+ w11)
            step(e, f, g, &h, a, b, c, &d, &bc, 0xd192e819 &+ w12)
            step(d, e, f, &g, h, a, b, &c, &bc, 0xd6990624 &+ w13)
            step(c, d, e, &f, g, h, a, &b, &bc, 0xf40e3585 &+ w14)
            step(b, c, d, &e, f, g, h, &a, &bc, 0x106aa070 &+ w15)
            w0 = schedule(w0, w1, w9, w14)
            w1 = schedule(w1, w2, w10, w15)
            w2 = schedule(w2, w3, w11, w0)
            w3 = schedule(w3, w4, w12, w1)
            w4 = schedule(w4, w5, w13, w2)
            w5 = schedule(w5, w6, w14, w3)
            w6 = schedule(w6, w7, w15, w4)
            w7 = schedule(w7, w8, w0, w5)
            w8 = schedule(w8, w9, w1, w6)
            w9 = schedule(w9, w10, w2, w7)
            w10 = schedule(w10, w11, w3, w8)
            w11 = schedule(w11, w12, w4, w9)
            w12 = schedule(w12, w13, w5, w10)
            w13 = schedule(w13, w14, w6, w11)
            w14 = schedule(w14, w15, w7, w12)
            w15 = schedule(w15, w0, w8, w13)
            step(a, b, c, &d, e, f, g, &h, &bc, 0x19a4c116 &+ w0)
            step(h, a, b, &c, d, e, f, &g, &bc, 0x1e376c08 &+ w1)
            step(g, h, a, &b, c, d, e, &f, &bc, 0x2748774c &+ w2)
            step(f, g, h, &a, b, c, d, &e, &bc, 0x34b0bcb5 &+ w3)
            step(e, f, g, &h, a, b, c, &d, &bc, 0x391c0cb3 &+ w4)
            step(d, e, f, &g, h, a, b, &c, &bc, 0x4ed8aa4a &+ w5)
            step(c, d, e, &f, g, h, a, &b, &bc, 0x5b9cca4f &+ w6)
            step(b, c, d, &e, f, g, h, &a, &bc, 0x682e6ff3 &+ w7)
            step(a, b, c, &d, e, f, g, &h, &bc, 0x748f82ee &+ w8)
            step(h, a, b, &c, d, e, f, &g, &bc, 0x78a5636f &+ w9)
            step(g, h, a, &b, c, d, e, &f, &bc, 0x84c87814 &+ w10)
            step(f, g, h, &a, b, c, d, &e, &bc, 0x8cc70208 &+ w11)
            step(e, f, g, &h, a, b, c, &d, &bc, 0x90befffa &+ w12)
            step(d, e, f, &g, h, a, b, &c, &bc, 0xa4506ceb &+ w13)
            step(c, d, e, &f, g, h, a, &b, &bc, 0xbef9a3f7 &+ w14)
            step(b, c, d, &e, f, g, h, &a, &bc, 0xc67178f2 &+ w15)
            h0 &+= a
            h1 &+= b
            h2 &+= c
            h3 &+= d
            h4 &+= e
            h5 &+= f
            h6 &+= g
            h7 &+= h
        }
    }
}

/// One round of FIPS 180-4 section 6.2.2 step 3, with the variables renamed instead of
/// shifted: the caller rotates the argument order by one each round. `kw` is K(t) + W(t).
///
/// Written for x86-64 without BMI2 (no three-operand rotate): Σ as nested rotations
/// (Σ1(e) = ROTR⁶(e ⊕ ROTR⁵(e ⊕ ROTR¹⁴(e))), one temporary instead of three), Ch as
/// g ⊕ (e ∧ (f ⊕ g)), and Maj as b ⊕ ((a ⊕ b) ∧ (b ⊕ c)), where b ⊕ c is the previous
/// round's a ⊕ b, carried in `bc`. Same values as the textbook forms; the FIPS test
/// vectors check them.
@inline(__always)
private func step(
    _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
    _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ bc: inout UInt32, _ kw: UInt32
) {
    let sigma1 = rotr(e ^ rotr(e ^ rotr(e, 14), 5), 6)
    let choose = g ^ (e & (f ^ g))
    let t1 = h &+ sigma1 &+ choose &+ kw
    let sigma0 = rotr(a ^ rotr(a ^ rotr(a, 9), 11), 2)
    let ab = a ^ b
    let majority = b ^ (ab & bc)
    bc = ab
    d &+= t1
    h = t1 &+ sigma0 &+ majority
}

/// The next message-schedule word W(t) from W(t−16), W(t−15), W(t−7) and W(t−2)
/// (FIPS 180-4 section 6.2.2 step 1); σ0 and σ1 with nested rotations, as Σ above.
@inline(__always)
private func schedule(_ w16: UInt32, _ w15: UInt32, _ w7: UInt32, _ w2: UInt32) -> UInt32 {
    let s0 = rotr(w15 ^ rotr(w15, 11), 7) ^ (w15 >> 3)
    let s1 = rotr(w2 ^ rotr(w2, 2), 17) ^ (w2 >> 10)
    return s1 &+ w7 &+ s0 &+ w16
}

/// Rotates `x` right by `n` bits (0 < n < 32).
@inline(__always)
private func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
    (x >> n) | (x << (32 - n))
}
