/// Why a ZIP file could not be read.
public struct ZipError: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String
    public var description: String { reason }
}

/// Reads the entries of a ZIP file held in memory (APPNOTE 6.3: the end of central directory
/// record, the central directory, each local header), stored (method 0) or deflated
/// (method 8, `Inflate`), each checked against its CRC-32. ZIP64 archives, encrypted
/// entries and other methods are refused with a reason.
///
/// ```swift
/// let zip = try ZipReader(bytes)
/// let xml = try zip.read("xl/workbook.xml")
/// ```
public struct ZipReader: Sendable {
    /// One entry of the central directory.
    struct Entry: Sendable {
        let method: Int
        let flags: Int
        let crc: UInt32
        let compressedSize: Int
        let size: Int
        let localHeader: Int
    }

    private let bytes: [UInt8]
    private let entries: [String: Entry]
    /// The most any one entry may expand to.
    public let entryLimit: Int

    /// The entry names, in no particular order.
    public var names: [String] { Array(entries.keys) }

    /// Reads the central directory of `bytes`.
    /// - Throws: `ZipError` when `bytes` is no ZIP file or its directory is damaged.
    public init(_ bytes: [UInt8], entryLimit: Int = 256 << 20) throws(ZipError) {
        self.bytes = bytes
        self.entryLimit = entryLimit
        // The end of central directory record: 22 bytes and a comment of at most 65 535.
        var end = -1
        var index = bytes.count - 22
        while index >= 0 && index >= bytes.count - 22 - 65_535 {
            if ZipReader.u32(bytes, index) == 0x0605_4B50 { end = index; break }
            index -= 1
        }
        guard end >= 0 else { throw ZipError(reason: "it is not a ZIP file (no end of central directory)") }
        let count = ZipReader.u16(bytes, end + 10)
        let directorySize = Int(ZipReader.u32(bytes, end + 12))
        let directoryStart = Int(ZipReader.u32(bytes, end + 16))
        guard count != 0xFFFF, directoryStart != 0xFFFF_FFFF else { throw ZipError(reason: "ZIP64 archives are not read") }
        guard directoryStart + directorySize <= end else { throw ZipError(reason: "its central directory lies outside the file") }
        var found: [String: Entry] = [:]
        var position = directoryStart
        for _ in 0 ..< count {
            guard position + 46 <= end, ZipReader.u32(bytes, position) == 0x0201_4B50 else {
                throw ZipError(reason: "its central directory is damaged")
            }
            let nameLength = ZipReader.u16(bytes, position + 28)
            let extraLength = ZipReader.u16(bytes, position + 30)
            let commentLength = ZipReader.u16(bytes, position + 32)
            guard position + 46 + nameLength <= end else { throw ZipError(reason: "its central directory is damaged") }
            let name = String(decoding: bytes[(position + 46) ..< (position + 46 + nameLength)], as: UTF8.self)
            found[name] = Entry(method: ZipReader.u16(bytes, position + 10), flags: ZipReader.u16(bytes, position + 8),
                                crc: ZipReader.u32(bytes, position + 16), compressedSize: Int(ZipReader.u32(bytes, position + 20)),
                                size: Int(ZipReader.u32(bytes, position + 24)), localHeader: Int(ZipReader.u32(bytes, position + 42)))
            position += 46 + nameLength + extraLength + commentLength
        }
        entries = found
    }

    /// True when the archive holds `name`.
    public func contains(_ name: String) -> Bool { entries[name] != nil }

    /// The bytes of entry `name`, decompressed and checked.
    /// - Throws: `ZipError` when there is no such entry, or it is encrypted, compressed by
    ///   another method, damaged (its CRC-32 differs) or larger than `entryLimit`.
    public func read(_ name: String) throws(ZipError) -> [UInt8] {
        guard let entry = entries[name] else { throw ZipError(reason: "it has no \(name)") }
        guard entry.flags & 1 == 0 else { throw ZipError(reason: "\(name) is encrypted (a password-protected workbook)") }
        let local = entry.localHeader
        guard local + 30 <= bytes.count, ZipReader.u32(bytes, local) == 0x0403_4B50 else {
            throw ZipError(reason: "the local header of \(name) is damaged")
        }
        let start = local + 30 + ZipReader.u16(bytes, local + 26) + ZipReader.u16(bytes, local + 28)
        guard start + entry.compressedSize <= bytes.count else { throw ZipError(reason: "\(name) is cut short") }
        let stored = Array(bytes[start ..< (start + entry.compressedSize)])
        let data: [UInt8]
        switch entry.method {
        case 0: data = stored
        case 8:
            do { data = try Inflate.decompress(stored, limit: entryLimit) } catch {
                throw ZipError(reason: "\(name) cannot be decompressed: \(error.reason)")
            }
        default: throw ZipError(reason: "\(name) is compressed by method \(entry.method), which is not read (only stored and deflated)")
        }
        guard data.count == entry.size, CRC32.checksum(data) == entry.crc else {
            throw ZipError(reason: "\(name) is damaged (its size or CRC-32 does not match)")
        }
        return data
    }

    static func u16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
    static func u32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
}
