/// One value of a row, as it enters the tamper-evident chain.
///
/// The cases mirror the SQLite storage classes the ledger uses, minus REAL: money is
/// integer öre, dates are ISO 8601 text, and hashes are blobs.
public enum ChainField: Sendable, Hashable {
    /// SQL NULL. Encoded as the single byte `N` (0x4E).
    case null
    /// A 64-bit integer. Encoded as `I` (0x49) and 8 bytes, big-endian two's complement.
    case integer(Int64)
    /// Text. Encoded as `T` (0x54), a 4-byte big-endian byte count, and the UTF-8 bytes
    /// exactly as stored (no Unicode normalisation, no trimming).
    case text(String)
    /// Raw bytes. Encoded as `B` (0x42), a 4-byte big-endian byte count, and the bytes.
    case blob([UInt8])
}

/// Why a row cannot be encoded or linked into the chain.
public enum ChainError: Error, Sendable, Equatable {
    /// The table name is longer than 2³² − 1 bytes of UTF-8.
    case tableNameTooLong(byteCount: Int)
    /// The field at `index` (0-based) is longer than 2³² − 1 bytes.
    case fieldTooLong(index: Int, byteCount: Int)
    /// More than 2³² − 1 fields.
    case tooManyFields(count: Int)
    /// The previous link is not 32 bytes long.
    case previousHashLength(Int)
}

/// The canonical byte encoding of a ledger row for the hash chain (format version 1).
///
/// ```text
/// row    = 0x01                       format version
///          u32be(len(table)) table    table tag: the table name in UTF-8
///          u32be(count)               number of fields
///          field × count              in column order
/// field  = 'N'                        null
///        | 'I' i64be                  integer, two's complement
///        | 'T' u32be(len) utf8        text
///        | 'B' u32be(len) bytes       blob
/// ```
///
/// Every variable-length part carries its length, so no two different rows (table
/// name, field values, field types or field order) have the same encoding: moving a
/// byte from one field to the next changes a length prefix. `docs/chain.md` spells the
/// format out for auditors, with a worked example and a Python script that recomputes it.
///
/// ```swift
/// let bytes = try ChainEncoding.encode(table: "t", fields: [.integer(1), .null])
/// // 01 00000001 74 00000002 49 0000000000000001 4e
/// ```
public enum ChainEncoding {
    /// The version byte that starts every encoded row.
    public static let formatVersion: UInt8 = 1

    /// Returns the canonical encoding of one row.
    ///
    /// - Throws: ``ChainError`` when the table name, a field, or the field count does
    ///   not fit its 32-bit length prefix.
    public static func encode(table: String, fields: [ChainField]) throws(ChainError) -> [UInt8] {
        var sink = ByteArraySink()
        try write(table: table, fields: fields, to: &sink)
        return sink.bytes
    }

    /// Appends the canonical encoding of one row to `buffer`, so that a caller that
    /// encodes many rows can reuse one buffer (`removeAll(keepingCapacity: true)`).
    ///
    /// - Throws: ``ChainError`` as ``encode(table:fields:)``; `buffer` may then hold a
    ///   partial encoding.
    public static func append(table: String, fields: [ChainField], to buffer: inout [UInt8]) throws(ChainError) {
        var sink = ByteArraySink(bytes: buffer)
        buffer = []
        defer { buffer = sink.bytes }
        try write(table: table, fields: fields, to: &sink)
    }

    /// Writes the encoding of a row to any byte sink: an array, or a hasher directly.
    static func write<Sink: ChainByteSink>(
        table: String, fields: [ChainField], to sink: inout Sink
    ) throws(ChainError) {
        let tableLength = table.utf8.count
        guard tableLength <= Int(UInt32.max) else { throw .tableNameTooLong(byteCount: tableLength) }
        guard fields.count <= Int(UInt32.max) else { throw .tooManyFields(count: fields.count) }
        sink.append(formatVersion)
        sink.append(bigEndian: UInt32(truncatingIfNeeded: tableLength))
        sink.append(utf8: table)
        sink.append(bigEndian: UInt32(truncatingIfNeeded: fields.count))
        for index in fields.indices {
            switch fields[index] {
            case .null:
                sink.append(0x4E)  // N
            case .integer(let value):
                sink.append(0x49)  // I
                sink.append(bigEndian: UInt64(bitPattern: value))
            case .text(let text):
                let length = text.utf8.count
                guard length <= Int(UInt32.max) else { throw .fieldTooLong(index: index, byteCount: length) }
                sink.append(0x54)  // T
                sink.append(bigEndian: UInt32(truncatingIfNeeded: length))
                sink.append(utf8: text)
            case .blob(let bytes):
                guard bytes.count <= Int(UInt32.max) else {
                    throw .fieldTooLong(index: index, byteCount: bytes.count)
                }
                sink.append(0x42)  // B
                sink.append(bigEndian: UInt32(truncatingIfNeeded: bytes.count))
                bytes.withUnsafeBytes { sink.append(raw: $0) }
            }
        }
    }
}

/// The hash chain's step: each row's link is SHA-256 of the previous link followed by
/// the row's ``ChainEncoding``.
///
/// ```swift
/// var head = ChainLink.genesis
/// for row in rows {
///     head = try ChainLink.next(previous: head, table: "ledger_entry", fields: row)
/// }
/// ```
///
/// The encoding is streamed straight into the hasher, so a link costs no intermediate
/// buffer and one allocation: the returned 32-byte array.
public enum ChainLink {
    /// The link before the first row: 32 zero bytes.
    public static let genesis = [UInt8](repeating: 0, count: SHA256.digestByteCount)

    /// Returns SHA-256(`previous` ‖ ChainEncoding(`table`, `fields`)).
    ///
    /// - Parameter previous: The previous row's link, or ``genesis`` for the first row.
    /// - Throws: ``ChainError/previousHashLength(_:)`` when `previous` is not 32 bytes,
    ///   or an encoding error from ``ChainEncoding``.
    public static func next(previous: [UInt8], table: String, fields: [ChainField]) throws(ChainError) -> [UInt8] {
        guard previous.count == SHA256.digestByteCount else { throw .previousHashLength(previous.count) }
        var hasher = SHA256()
        previous.withUnsafeBytes { hasher.update(bytes: $0) }
        try ChainEncoding.write(table: table, fields: fields, to: &hasher)
        return hasher.finalize()
    }
}

/// Where ``ChainEncoding`` writes its bytes.
protocol ChainByteSink {
    /// Appends one byte.
    mutating func append(_ byte: UInt8)
    /// Appends the bytes in memory at `raw`.
    mutating func append(raw: UnsafeRawBufferPointer)
}

extension ChainByteSink {
    /// Appends a fixed-width integer, most significant byte first.
    @inline(__always)
    mutating func append<T: FixedWidthInteger>(bigEndian value: T) {
        withUnsafeBytes(of: value.bigEndian) { append(raw: $0) }
    }

    /// Appends the UTF-8 bytes of `text`.
    @inline(__always)
    mutating func append(utf8 text: String) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { append(raw: UnsafeRawBufferPointer($0)) }
        if done == nil {
            for byte in text.utf8 { append(byte) }
        }
    }
}

extension SHA256: ChainByteSink {
    mutating func append(raw: UnsafeRawBufferPointer) { update(bytes: raw) }
}

/// A growable byte array as a sink.
struct ByteArraySink: ChainByteSink {
    var bytes: [UInt8] = []

    mutating func append(_ byte: UInt8) { bytes.append(byte) }

    mutating func append(raw: UnsafeRawBufferPointer) { bytes.append(contentsOf: raw) }
}

/// The chain's step for writers that hold a row's values as bytes rather than as
/// ``ChainField`` values: the same bytes as ``ChainEncoding`` streamed into SHA-256 one
/// field at a time, with no array of fields and no `String` per field.
///
/// Call ``init(previous:table:fieldCount:)``, then exactly `fieldCount` field methods in
/// column order, then ``finalize()``. The result equals
/// `ChainLink.next(previous:table:fields:)` for the same row (a test checks random rows).
///
/// ```swift
/// var link = ChainRowHasher(previous: head, table: "ledger_entries", fieldCount: 2)
/// link.integer(7)
/// link.text("E-7")
/// head = link.finalize()
/// ```
public struct ChainRowHasher {
    private var hasher = SHA256()
    private var remaining: Int
    /// The encoding gathers here (128 bytes inline) and reaches the hasher in few calls.
    private var buffer: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                         UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    private var used = 0
    private static let capacity = 128

    @inline(__always)
    private mutating func put(_ bytes: UnsafeRawBufferPointer) {
        if used + bytes.count > Self.capacity { drain() }
        if bytes.count > Self.capacity { hasher.update(bytes: bytes); return }
        let at = used
        withUnsafeMutableBytes(of: &buffer) { $0.baseAddress!.advanced(by: at).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count) }
        used += bytes.count
    }

    @inline(__always)
    private mutating func put(_ byte: UInt8) {
        if used == Self.capacity { drain() }
        let at = used
        withUnsafeMutableBytes(of: &buffer) { $0[at] = byte }
        used += 1
    }

    @inline(__always)
    private mutating func put<T: FixedWidthInteger>(bigEndian value: T) {
        withUnsafeBytes(of: value.bigEndian) { put($0) }
    }

    private mutating func drain() {
        let count = used
        withUnsafeBytes(of: &buffer) { hasher.update(bytes: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        used = 0
    }

    /// Starts a row after `previous` (32 bytes: a link or ``ChainLink/genesis``).
    public init(previous: UnsafeRawBufferPointer, table: StaticString, fieldCount: Int) {
        precondition(previous.count == SHA256.digestByteCount, "a previous link is 32 bytes")
        remaining = fieldCount
        hasher.update(bytes: previous)
        put(ChainEncoding.formatVersion)
        put(bigEndian: UInt32(truncatingIfNeeded: table.utf8CodeUnitCount))
        put(UnsafeRawBufferPointer(start: table.utf8Start, count: table.utf8CodeUnitCount))
        put(bigEndian: UInt32(truncatingIfNeeded: fieldCount))
    }

    /// A NULL field.
    @inline(__always)
    public mutating func null() {
        remaining -= 1
        put(0x4E)
    }

    /// An INTEGER field.
    @inline(__always)
    public mutating func integer(_ value: Int64) {
        remaining -= 1
        put(0x49)
        put(bigEndian: UInt64(bitPattern: value))
    }

    /// A TEXT field given as its UTF-8 bytes, exactly as stored.
    @inline(__always)
    public mutating func text(_ utf8: UnsafeBufferPointer<UInt8>) {
        precondition(utf8.count <= Int(UInt32.max), "a chained text field is shorter than 4 GiB")
        remaining -= 1
        put(0x54)
        put(bigEndian: UInt32(truncatingIfNeeded: utf8.count))
        put(UnsafeRawBufferPointer(utf8))
    }

    /// A TEXT field.
    @inline(__always)
    public mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { text($0) }
    }

    /// The link: SHA-256 of the previous link and the row's encoding.
    public mutating func finalize() -> [UInt8] {
        precondition(remaining == 0, "ChainRowHasher: \(remaining) field(s) missing or too many")
        drain()
        return hasher.finalize()
    }
}
