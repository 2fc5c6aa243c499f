/// A ZIP archive (PKWARE APPNOTE 6.3) of stored, uncompressed entries, built in memory:
/// the container of an Office Open XML workbook. Each entry carries its CRC-32; the
/// timestamp is fixed (1980-01-01 00:00), so the same content gives the same bytes.
///
/// ```swift
/// var zip = ZipArchive()
/// zip.add("hello.txt", Array("hello".utf8))
/// let bytes = zip.finish()   // what `unzip -t` accepts
/// ```
public struct ZipArchive: Sendable {
    private var output: [UInt8] = []
    private var central: [UInt8] = []
    private var count = 0

    /// An empty archive.
    public init() {}

    /// Appends an entry `name` (ASCII, `/` between folders) holding `bytes`, stored.
    /// - Precondition: fewer than 65 535 entries and less than 4 GiB in all (no ZIP64).
    public mutating func add(_ name: String, _ bytes: [UInt8]) {
        let nameBytes = Array(name.utf8)
        let crc = CRC32.checksum(bytes)
        let offset = UInt32(output.count)
        precondition(output.count + bytes.count < Int(UInt32.max) && count < 0xFFFF, "ZIP64 is not supported")
        // Local file header.
        put32(&output, 0x0403_4B50)
        put16(&output, 20)            // version needed: 2.0
        put16(&output, 0x0800)        // flags: names are UTF-8
        put16(&output, 0)             // method: stored
        put16(&output, 0)             // time 00:00:00
        put16(&output, 0x0021)        // date 1980-01-01
        put32(&output, crc)
        put32(&output, UInt32(bytes.count))
        put32(&output, UInt32(bytes.count))
        put16(&output, UInt16(nameBytes.count))
        put16(&output, 0)             // no extra field
        output += nameBytes
        output += bytes
        // Central directory record.
        put32(&central, 0x0201_4B50)
        put16(&central, 0x031E)       // made by: Unix, 3.0
        put16(&central, 20)
        put16(&central, 0x0800)
        put16(&central, 0)
        put16(&central, 0)
        put16(&central, 0x0021)
        put32(&central, crc)
        put32(&central, UInt32(bytes.count))
        put32(&central, UInt32(bytes.count))
        put16(&central, UInt16(nameBytes.count))
        put16(&central, 0)            // extra
        put16(&central, 0)            // comment
        put16(&central, 0)            // disk
        put16(&central, 0)            // internal attributes
        put32(&central, 0o100644 << 16)  // external: a regular file, rw-r--r--
        put32(&central, offset)
        central += nameBytes
        count += 1
    }

    /// The archive's bytes: the entries, the central directory and its end record.
    public func finish() -> [UInt8] {
        var out = output
        let directoryOffset = UInt32(out.count)
        out += central
        put32(&out, 0x0605_4B50)
        put16(&out, 0)
        put16(&out, 0)
        put16(&out, UInt16(count))
        put16(&out, UInt16(count))
        put32(&out, UInt32(central.count))
        put32(&out, directoryOffset)
        put16(&out, 0)                // no comment
        return out
    }

    private func put16(_ out: inout [UInt8], _ value: UInt16) {
        out.append(UInt8(value & 0xFF))
        out.append(UInt8(value >> 8))
    }

    private func put32(_ out: inout [UInt8], _ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }
}

/// CRC-32 as ZIP uses it (ISO 3309, reflected polynomial 0xEDB88320).
public enum CRC32 {
    private static let table: [UInt32] = (0 ..< 256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0 ..< 8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// The checksum of `bytes`: `checksum(Array("123456789".utf8)) == 0xCBF43926`.
    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in bytes { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
