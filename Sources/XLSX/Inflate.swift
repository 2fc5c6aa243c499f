/// Why a compressed stream could not be read.
public struct InflateError: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String
    public var description: String { reason }
}

/// DEFLATE decompression (RFC 1951), as ZIP files store their entries (method 8): stored,
/// fixed-Huffman and dynamic-Huffman blocks. Written with the toolchain only, for reading
/// workbooks; `limit` bounds the output, so a small file that claims to expand to gigabytes
/// (a "zip bomb") is refused instead of filling memory.
///
/// ```swift
/// let text = try Inflate.decompress(compressedBytes, limit: 1 << 20)
/// ```
public enum Inflate {
    /// The bytes `data` decompresses to.
    /// - Throws: `InflateError` for a stream that is cut short or malformed, or that would
    ///   expand beyond `limit` bytes.
    public static func decompress(_ data: [UInt8], limit: Int) throws(InflateError) -> [UInt8] {
        var state = State(data: data, limit: limit)
        try state.run()
        return state.out
    }

    /// Code lengths are read in this order in a dynamic block's header.
    private static let lengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
    /// Length codes 257…285: base lengths and extra bits.
    private static let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
                                            131, 163, 195, 227, 258]
    private static let lengthExtra: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    /// Distance codes 0…29: base distances and extra bits.
    private static let distanceBase: [Int] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
                                              2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    private static let distanceExtra: [Int] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12,
                                               13, 13]

    /// A canonical Huffman code: how many codes of each length, and the symbols in code order.
    struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int] = []

        /// The code for symbols `0..<lengths.count` of the given bit lengths (0: unused).
        init(lengths: [Int]) throws(InflateError) {
            for length in lengths { counts[length] += 1 }
            counts[0] = 0
            var left = 1
            for length in 1 ..< 16 {
                left <<= 1
                left -= counts[length]
                guard left >= 0 else { throw InflateError(reason: "an over-subscribed Huffman code") }
            }
            var offsets = [Int](repeating: 0, count: 16)
            for length in 1 ..< 15 { offsets[length + 1] = offsets[length] + counts[length] }
            symbols = [Int](repeating: 0, count: lengths.count)
            for (symbol, length) in lengths.enumerated() where length != 0 {
                symbols[offsets[length]] = symbol
                offsets[length] += 1
            }
        }
    }

    private struct State {
        let data: [UInt8]
        let limit: Int
        var position = 0
        var bitBuffer = 0
        var bitCount = 0
        var out: [UInt8] = []

        init(data: [UInt8], limit: Int) {
            self.data = data
            self.limit = limit
            out.reserveCapacity(min(limit, max(1024, data.count * 4)))
        }

        mutating func bits(_ need: Int) throws(InflateError) -> Int {
            while bitCount < need {
                guard position < data.count else { throw InflateError(reason: "the compressed data ends too early") }
                bitBuffer |= Int(data[position]) << bitCount
                position += 1
                bitCount += 8
            }
            let value = bitBuffer & ((1 << need) - 1)
            bitBuffer >>= need
            bitCount -= need
            return value
        }

        mutating func decode(_ code: Huffman) throws(InflateError) -> Int {
            var value = 0, first = 0, index = 0
            for length in 1 ..< 16 {
                value |= try bits(1)
                let count = code.counts[length]
                if value - count < first { return code.symbols[index + (value - first)] }
                index += count
                first += count
                first <<= 1
                value <<= 1
            }
            throw InflateError(reason: "an invalid Huffman code")
        }

        mutating func run() throws(InflateError) {
            var last = false
            while !last {
                last = try bits(1) == 1
                switch try bits(2) {
                case 0: try stored()
                case 1: try codes(try Inflate.fixed.literals.get(), try Inflate.fixed.distances.get())
                case 2:
                    let (literals, distances) = try dynamic()
                    try codes(literals, distances)
                default: throw InflateError(reason: "an invalid block type")
                }
            }
        }

        mutating func stored() throws(InflateError) {
            bitBuffer = 0
            bitCount = 0
            guard position + 4 <= data.count else { throw InflateError(reason: "the compressed data ends too early") }
            let length = Int(data[position]) | Int(data[position + 1]) << 8
            let complement = Int(data[position + 2]) | Int(data[position + 3]) << 8
            position += 4
            guard length == ~complement & 0xFFFF else { throw InflateError(reason: "a stored block's length does not check") }
            guard position + length <= data.count else { throw InflateError(reason: "the compressed data ends too early") }
            guard out.count + length <= limit else { throw InflateError(reason: "it expands beyond \(limit) bytes") }
            out.append(contentsOf: data[position ..< position + length])
            position += length
        }

        mutating func dynamic() throws(InflateError) -> (Huffman, Huffman) {
            let literalCount = try bits(5) + 257, distanceCount = try bits(5) + 1, lengthCount = try bits(4) + 4
            guard literalCount <= 286, distanceCount <= 30 else { throw InflateError(reason: "too many codes in a dynamic block") }
            var lengthLengths = [Int](repeating: 0, count: 19)
            for index in 0 ..< lengthCount { lengthLengths[Inflate.lengthOrder[index]] = try bits(3) }
            let lengthCode = try Huffman(lengths: lengthLengths)
            var lengths: [Int] = []
            while lengths.count < literalCount + distanceCount {
                let symbol = try decode(lengthCode)
                switch symbol {
                case 0 ..< 16: lengths.append(symbol)
                case 16:
                    guard let previous = lengths.last else { throw InflateError(reason: "a repeat with nothing to repeat") }
                    lengths += Array(repeating: previous, count: 3 + (try bits(2)))
                case 17: lengths += Array(repeating: 0, count: 3 + (try bits(3)))
                default: lengths += Array(repeating: 0, count: 11 + (try bits(7)))
                }
            }
            guard lengths.count == literalCount + distanceCount else { throw InflateError(reason: "too many code lengths") }
            guard lengths[256] != 0 else { throw InflateError(reason: "no end-of-block code") }
            return (try Huffman(lengths: Array(lengths[0 ..< literalCount])), try Huffman(lengths: Array(lengths[literalCount...])))
        }

        mutating func codes(_ literals: Huffman, _ distances: Huffman) throws(InflateError) {
            while true {
                let symbol = try decode(literals)
                if symbol < 256 {
                    guard out.count < limit else { throw InflateError(reason: "it expands beyond \(limit) bytes") }
                    out.append(UInt8(symbol))
                } else if symbol == 256 {
                    return
                } else {
                    let index = symbol - 257
                    guard index < 29 else { throw InflateError(reason: "an invalid length code") }
                    let length = Inflate.lengthBase[index] + (try bits(Inflate.lengthExtra[index]))
                    let code = try decode(distances)
                    guard code < 30 else { throw InflateError(reason: "an invalid distance code") }
                    let distance = Inflate.distanceBase[code] + (try bits(Inflate.distanceExtra[code]))
                    guard distance <= out.count else { throw InflateError(reason: "a distance back beyond the start") }
                    guard out.count + length <= limit else { throw InflateError(reason: "it expands beyond \(limit) bytes") }
                    let start = out.count - distance
                    for offset in 0 ..< length { out.append(out[start + offset]) }
                }
            }
        }
    }

    /// The fixed codes of block type 1.
    private static let fixed: (literals: Result<Huffman, InflateError>, distances: Result<Huffman, InflateError>) = {
        var lengths = [Int](repeating: 8, count: 288)
        for index in 144 ..< 256 { lengths[index] = 9 }
        for index in 256 ..< 280 { lengths[index] = 7 }
        return (Result { () throws(InflateError) in try Huffman(lengths: lengths) },
                Result { () throws(InflateError) in try Huffman(lengths: [Int](repeating: 5, count: 30)) })
    }()
}
