/// Computes one row's link field by field, straight from borrowed bytes, without
/// building ``ChainField`` values or Strings: the fast path of `verify`, which streams
/// a million rows and must not allocate per field.
///
/// The bytes are exactly those of ``ChainEncoding`` (the same writers produce them), so
/// `ChainRowHasher` and ``ChainLink/next(previous:table:fields:)`` give the same link for
/// the same row; a test checks it.
///
/// ```swift
/// var row = try ChainRowHasher(previous: ChainLink.genesis, table: "t", fieldCount: 2)
/// row.appendInteger(1)
/// row.appendNull()
/// let link = row.finalize()   // == try ChainLink.next(previous: genesis, table: "t", fields: [.integer(1), .null])
/// ```
public struct ChainRowHasher {
    private var hasher = SHA256()
    private let expectedFields: Int
    private var fields = 0

    /// Starts a row: hashes the previous link and the row header.
    /// - Throws: ``ChainError/previousHashLength(_:)`` when `previous` is not 32 bytes;
    ///   ``ChainError/tableNameTooLong(byteCount:)`` or ``ChainError/tooManyFields(count:)``.
    public init(previous: UnsafeRawBufferPointer, table: String, fieldCount: Int,
                format: ChainFormat = .current) throws(ChainError) {
        try Self.check(previousCount: previous.count, table: table, fieldCount: fieldCount)
        expectedFields = fieldCount
        hasher.update(bytes: previous)
        hasher.appendRowHeader(format: format, table: table, fieldCount: UInt32(truncatingIfNeeded: fieldCount))
    }

    /// Starts a row after `previous` (a 32-byte link); throws as the pointer form does.
    public init(previous: [UInt8], table: String, fieldCount: Int, format: ChainFormat = .current) throws(ChainError) {
        try Self.check(previousCount: previous.count, table: table, fieldCount: fieldCount)
        expectedFields = fieldCount
        hasher.update(bytes: previous)
        hasher.appendRowHeader(format: format, table: table, fieldCount: UInt32(truncatingIfNeeded: fieldCount))
    }

    private static func check(previousCount: Int, table: String, fieldCount: Int) throws(ChainError) {
        guard previousCount == SHA256.digestByteCount else { throw .previousHashLength(previousCount) }
        guard table.utf8.count <= Int(UInt32.max) else { throw .tableNameTooLong(byteCount: table.utf8.count) }
        guard fieldCount >= 0, fieldCount <= Int(UInt32.max) else { throw .tooManyFields(count: fieldCount) }
    }

    /// Appends a NULL field.
    public mutating func appendNull() {
        hasher.appendNullField()
        fields += 1
    }

    /// Appends an integer field.
    public mutating func appendInteger(_ value: Int64) {
        hasher.appendIntegerField(value)
        fields += 1
    }

    /// Appends a text field given as its stored UTF-8 bytes.
    /// - Throws: ``ChainError/fieldTooLong(index:byteCount:)`` beyond 2³² − 1 bytes.
    public mutating func appendText(utf8 bytes: UnsafeRawBufferPointer) throws(ChainError) {
        try appendLengthPrefixed(ChainEncoding.textType, bytes)
    }

    /// Appends a blob field.
    /// - Throws: ``ChainError/fieldTooLong(index:byteCount:)`` beyond 2³² − 1 bytes.
    public mutating func appendBlob(_ bytes: UnsafeRawBufferPointer) throws(ChainError) {
        try appendLengthPrefixed(ChainEncoding.blobType, bytes)
    }

    private mutating func appendLengthPrefixed(_ type: UInt8, _ bytes: UnsafeRawBufferPointer) throws(ChainError) {
        guard bytes.count <= Int(UInt32.max) else { throw .fieldTooLong(index: fields, byteCount: bytes.count) }
        hasher.appendLengthPrefixed(type: type, length: UInt32(truncatingIfNeeded: bytes.count))
        hasher.update(bytes: bytes)
        fields += 1
    }

    /// True when as many fields were appended as the header announced.
    public var isComplete: Bool { fields == expectedFields }

    /// The row's link: SHA-256 of the previous link and the row's encoding.
    public func finalize() -> [UInt8] { hasher.finalize() }
}

/// Receives a row's fields in chain order. A table's row type writes its fields once
/// (`write(seq:to:)`), and the same function feeds the hasher that computes the link and
/// the values an INSERT binds, so the two cannot disagree.
public protocol ChainFieldSink {
    /// An integer field.
    mutating func integer(_ value: Int64)
    /// A text field.
    mutating func text(_ value: String) throws
    /// A NULL field.
    mutating func null()
}

extension ChainFieldSink {
    /// An integer, or NULL when nil.
    public mutating func integer(_ value: Int64?) {
        if let value { integer(value) } else { null() }
    }

    /// A text, or NULL when nil.
    public mutating func text(_ value: String?) throws {
        if let value { try text(value) } else { null() }
    }
}

extension ChainRowHasher: ChainFieldSink {
    public mutating func integer(_ value: Int64) { appendInteger(value) }
    public mutating func text(_ value: String) throws {
        var value = value
        try value.withUTF8 { try appendText(utf8: UnsafeRawBufferPointer($0)) }
    }
    public mutating func null() { appendNull() }
}
