/// One record (row) of a CSV file: its fields' bytes in one reusable buffer.
///
/// A reader fills the same record again for each row, so a loop over a file
/// allocates nothing per row once the buffers have grown. Fields are decoded
/// only when asked for, with `string(at:)` or `withUTF8(at:_:)`. The bytes are
/// always valid UTF-8: the reader validated (or converted) them.
///
/// ```swift
/// var record = CSVRecord()
/// while try reader.next(into: &record) {
///     let amount = record.string(at: columns.index(of: "amount_sek")!)
/// }
/// ```
public struct CSVRecord: Sendable {
    /// The 1-based physical line where the record starts (for `file.csv:1042` messages).
    public internal(set) var line: Int = 0
    /// The unescaped bytes of all fields, one after another.
    var storage: [UInt8] = []
    /// `ends[i]` is the end offset of field `i` in `storage`; field `i` starts at `ends[i - 1]` (or 0).
    var ends: [Int] = []

    /// An empty record, ready to be filled by `CSVReader.next(into:)`.
    public init() {
        storage.reserveCapacity(256)
        ends.reserveCapacity(32)
    }

    /// The number of fields.
    public var count: Int { ends.count }

    /// The byte range of field `index` in the record's storage.
    @inline(__always)
    func range(at index: Int) -> Range<Int> {
        (index == 0 ? 0 : ends[index - 1]) ..< ends[index]
    }

    /// Field `index` (0-based) as a String, exactly as in the file after unquoting.
    public func string(at index: Int) -> String {
        let r = range(at: index)
        return storage.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[r]), as: UTF8.self)
        }
    }

    /// Calls `body` with the UTF-8 bytes of field `index`, without copying them.
    ///
    /// The buffer is only valid inside `body`.
    public func withUTF8<R>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let r = range(at: index)
        return try storage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[r])) }
    }

    /// The UTF-8 bytes of field `index`.
    public func bytes(at index: Int) -> ArraySlice<UInt8> {
        storage[range(at: index)]
    }

    /// Whether field `index` is empty (zero bytes; a field of spaces is not empty).
    public func isEmpty(at index: Int) -> Bool {
        range(at: index).isEmpty
    }

    /// Whether every field is empty, as in the `;;;;` rows that spreadsheets leave at the end.
    public var isBlank: Bool { storage.isEmpty }

    /// All fields as Strings.
    public var strings: [String] { (0 ..< count).map(string(at:)) }

    /// Empties the record, keeping its buffers' capacity.
    mutating func reset(line: Int) {
        self.line = line
        storage.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }
}
