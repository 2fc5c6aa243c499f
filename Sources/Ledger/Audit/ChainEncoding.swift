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

/// The version byte that starts a row's encoding, which is also the chain's layout.
///
/// - `v1`: schema 0001-0003, one chain per table in primary-key order (read only by the
///   migration to schema 0004, which checks the old chains before it re-links every row).
/// - `v2`: schema 0004 on, one chain over every table in the order hallbar wrote the rows
///   (docs/chain.md). The bytes of a row differ only in the version byte.
public enum ChainFormat: UInt8, Sendable, CaseIterable {
    case v1 = 1
    case v2 = 2

    /// The format hallbar writes.
    public static let current = ChainFormat.v2
}

/// The canonical byte encoding of a ledger row for the hash chain.
///
/// ```text
/// row    = version                    format version byte (``ChainFormat``: 0x02)
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
/// // 02 00000001 74 00000002 49 0000000000000001 4e
/// ```
public enum ChainEncoding {
    /// Returns the canonical encoding of one row.
    ///
    /// - Throws: ``ChainError`` when the table name, a field, or the field count does
    ///   not fit its 32-bit length prefix.
    public static func encode(table: String, fields: [ChainField], format: ChainFormat = .current) throws(ChainError) -> [UInt8] {
        var sink = ByteArraySink()
        try write(table: table, fields: fields, format: format, to: &sink)
        return sink.bytes
    }

    /// Appends the canonical encoding of one row to `buffer`, so that a caller that
    /// encodes many rows can reuse one buffer (`removeAll(keepingCapacity: true)`).
    ///
    /// - Throws: ``ChainError`` as ``encode(table:fields:)``; `buffer` may then hold a
    ///   partial encoding.
    public static func append(table: String, fields: [ChainField], format: ChainFormat = .current,
                              to buffer: inout [UInt8]) throws(ChainError) {
        var sink = ByteArraySink(bytes: buffer)
        buffer = []
        defer { buffer = sink.bytes }
        try write(table: table, fields: fields, format: format, to: &sink)
    }

    /// Writes the encoding of a row to any byte sink: an array, or a hasher directly.
    static func write<Sink: ChainByteSink>(
        table: String, fields: [ChainField], format: ChainFormat, to sink: inout Sink
    ) throws(ChainError) {
        let tableLength = table.utf8.count
        guard tableLength <= Int(UInt32.max) else { throw .tableNameTooLong(byteCount: tableLength) }
        guard fields.count <= Int(UInt32.max) else { throw .tooManyFields(count: fields.count) }
        sink.appendRowHeader(format: format, table: table, fieldCount: UInt32(truncatingIfNeeded: fields.count))
        for index in fields.indices {
            switch fields[index] {
            case .null:
                sink.appendNullField()
            case .integer(let value):
                sink.appendIntegerField(value)
            case .text(let text):
                let length = text.utf8.count
                guard length <= Int(UInt32.max) else { throw .fieldTooLong(index: index, byteCount: length) }
                sink.appendLengthPrefixed(type: ChainEncoding.textType, length: UInt32(truncatingIfNeeded: length))
                sink.append(utf8: text)
            case .blob(let bytes):
                guard bytes.count <= Int(UInt32.max) else {
                    throw .fieldTooLong(index: index, byteCount: bytes.count)
                }
                sink.appendLengthPrefixed(type: ChainEncoding.blobType, length: UInt32(truncatingIfNeeded: bytes.count))
                bytes.withUnsafeBytes { sink.append(raw: $0) }
            }
        }
    }

    /// The type byte of a text field, `T`.
    static let textType: UInt8 = 0x54
    /// The type byte of a blob field, `B`.
    static let blobType: UInt8 = 0x42
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
    public static func next(previous: [UInt8], table: String, fields: [ChainField],
                            format: ChainFormat = .current) throws(ChainError) -> [UInt8] {
        guard previous.count == SHA256.digestByteCount else { throw .previousHashLength(previous.count) }
        var hasher = SHA256()
        previous.withUnsafeBytes { hasher.update(bytes: $0) }
        try ChainEncoding.write(table: table, fields: fields, format: format, to: &hasher)
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

    /// The start of a row: version byte, table tag, field count.
    @inline(__always)
    mutating func appendRowHeader(format: ChainFormat, table: String, fieldCount: UInt32) {
        append(format.rawValue)
        append(bigEndian: UInt32(truncatingIfNeeded: table.utf8.count))
        append(utf8: table)
        append(bigEndian: fieldCount)
    }

    /// A NULL field: `N`.
    @inline(__always)
    mutating func appendNullField() { append(0x4E) }

    /// An integer field: `I` and 8 bytes, big-endian two's complement.
    @inline(__always)
    mutating func appendIntegerField(_ value: Int64) {
        append(0x49)
        append(bigEndian: UInt64(bitPattern: value))
    }

    /// The type byte and length of a text or blob field; the caller appends the bytes.
    @inline(__always)
    mutating func appendLengthPrefixed(type: UInt8, length: UInt32) {
        append(type)
        append(bigEndian: length)
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
