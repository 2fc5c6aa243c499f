#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The field delimiter of a CSV file, detected from its header line.
public enum CSVDelimiter: UInt8, Sendable {
    /// `,` (amounts use a decimal point).
    case comma = 0x2C
    /// `;` as Swedish Excel writes it (amounts may use a decimal comma).
    case semicolon = 0x3B

    /// Whether amounts in a file with this delimiter use a decimal comma.
    public var usesDecimalComma: Bool { self == .semicolon }
}

/// A streaming RFC 4180 CSV reader over bytes, in constant memory.
///
/// The reader reads the file in chunks (64 KiB by default) and never holds
/// more than one chunk and one record. On creation it reads the header row:
/// it skips a UTF-8 byte order mark, detects the delimiter (the first
/// unquoted `,` or `;` of the header line; `,` when there is neither) and
/// keeps the header's fields. Then `next(into:)` fills one record at a time.
///
/// - Quoted fields may hold delimiters, line breaks and doubled quotes (`""`).
/// - Lines end with CRLF, LF or a lone CR; the last line needs no line break.
/// - Lines with no bytes at all are skipped; every other line is a record and
///   must have as many fields as the header.
/// - Spreadsheets' habits are accepted: a first line `sep=;` (or `sep=,`) names the
///   delimiter and is skipped; empty columns after the last named one (`a;b;;`) are
///   dropped from the header, and empty fields after the header's last named column are
///   ignored (a record may have them or not), while a value there is an error.
/// - UTF-8 is validated; with `.windows1252` every byte is converted to UTF-8.
///
/// Every error is a `CSVError` with the line where it was found.
///
/// ```swift
/// let reader = try CSVReader(path: "entries.csv")
/// let columns = try CSVColumns(header: reader.header, headerLine: reader.headerLine,
///                              required: ["external_id", "amount_sek"])
/// var record = CSVRecord()
/// while try reader.next(into: &record) { … record.string(at: …) … }
/// ```
public final class CSVReader {
    /// The default size of one read from the file.
    public static let defaultChunkSize = 64 * 1024
    /// The default limit on one record's size, so that a broken file cannot exhaust memory.
    public static let defaultMaxRecordBytes = 16 * 1024 * 1024

    /// The delimiter detected from the header line.
    public private(set) var delimiter: CSVDelimiter = .comma
    /// The encoding the file is read in.
    public let encoding: CSVEncoding
    /// The header's fields, as in the file (not trimmed).
    public private(set) var header: [String] = []
    /// The line of the header row (1, or later when the file starts with empty lines).
    public private(set) var headerLine = 1
    /// Whether the file started with a UTF-8 byte order mark.
    public private(set) var hadByteOrderMark = false
    /// Whether the file started with a `sep=` line (Excel's delimiter hint).
    public private(set) var hadSeparatorLine = false
    /// How many empty column names the header line had after its last named column.
    public private(set) var droppedEmptyColumns = 0

    private enum Source {
        case descriptor(Int32, close: Bool)
        /// Read with `pread` from `offset` on: the descriptor's own position is never used,
        /// so several readers (and a digest) can read one open file each from its start.
        case positioned(Int32, offset: Int64)
        case memory([UInt8], offset: Int)
    }

    private enum State {
        case fieldStart, unquoted, quoted, quoteInQuoted
    }

    private var source: Source
    private let chunkSize: Int
    private let maxRecordBytes: Int
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var pos = 0
    private var end = 0
    private var atEOF = false
    /// The current physical line of `pos`.
    private var line = 1
    /// Whether the last byte consumed was a CR (so that a following LF ends no further line).
    private var previousWasCR = false
    /// Byte classes: bit 0 special outside quotes, bit 1 special inside quotes.
    private let classes: UnsafeMutablePointer<UInt8>
    private var scratch: [UInt8] = []

    /// Opens the file at `path` and reads its header.
    ///
    /// - Parameters:
    ///   - encoding: `.utf8` (validated) or `.windows1252` (converted).
    ///   - chunkSize: bytes per read; small values are for tests.
    ///   - maxRecordBytes: a record larger than this is an error.
    /// - Throws: `CSVError` when the file cannot be opened or read, is empty, or its header is malformed.
    public convenience init(path: String, encoding: CSVEncoding = .utf8,
                            chunkSize: Int = CSVReader.defaultChunkSize,
                            maxRecordBytes: Int = CSVReader.defaultMaxRecordBytes) throws(CSVError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            throw CSVError(.cannotOpen(path: path, reason: CSVReader.systemMessage(errno)), line: 0)
        }
        try self.init(source: .descriptor(fd, close: true), encoding: encoding,
                      chunkSize: chunkSize, maxRecordBytes: maxRecordBytes)
    }

    /// Reads from an open file descriptor (standard input, say) and reads its header.
    ///
    /// The descriptor is closed when the reader goes away only if `closeWhenDone` is true.
    /// - Throws: `CSVError` when reading fails, the input is empty, or its header is malformed.
    public convenience init(fileDescriptor: Int32, closeWhenDone: Bool = false,
                            encoding: CSVEncoding = .utf8,
                            chunkSize: Int = CSVReader.defaultChunkSize,
                            maxRecordBytes: Int = CSVReader.defaultMaxRecordBytes) throws(CSVError) {
        try self.init(source: .descriptor(fileDescriptor, close: closeWhenDone), encoding: encoding,
                      chunkSize: chunkSize, maxRecordBytes: maxRecordBytes)
    }

    /// Reads the open file `fileDescriptor` from its first byte with `pread`, leaving its
    /// position alone and never closing it: one file opened once can be read again from the
    /// start by another reader (an import's second pass) while a digest reads it too.
    /// - Throws: `CSVError` when reading fails, the input is empty, or its header is malformed.
    public convenience init(positionedOn fileDescriptor: Int32, encoding: CSVEncoding = .utf8,
                            chunkSize: Int = CSVReader.defaultChunkSize,
                            maxRecordBytes: Int = CSVReader.defaultMaxRecordBytes) throws(CSVError) {
        try self.init(source: .positioned(fileDescriptor, offset: 0), encoding: encoding,
                      chunkSize: chunkSize, maxRecordBytes: maxRecordBytes)
    }

    /// Reads CSV held in memory (tests, fuzzing), `chunkSize` bytes at a time.
    /// - Throws: `CSVError` when the input is empty or its header is malformed.
    public convenience init(bytes: [UInt8], encoding: CSVEncoding = .utf8,
                            chunkSize: Int = CSVReader.defaultChunkSize,
                            maxRecordBytes: Int = CSVReader.defaultMaxRecordBytes) throws(CSVError) {
        try self.init(source: .memory(bytes, offset: 0), encoding: encoding,
                      chunkSize: chunkSize, maxRecordBytes: maxRecordBytes)
    }

    private init(source: Source, encoding: CSVEncoding, chunkSize: Int, maxRecordBytes: Int) throws(CSVError) {
        self.source = source
        self.encoding = encoding
        self.chunkSize = max(1, chunkSize)
        self.maxRecordBytes = max(1, maxRecordBytes)
        capacity = self.chunkSize
        buffer = .allocate(capacity: capacity)
        classes = .allocate(capacity: 256)
        classes.initialize(repeating: 0, count: 256)
        let detected = try detectDelimiter()
        delimiter = detected
        classes[0x22] = 0b11
        classes[0x0A] = 0b11
        classes[0x0D] = 0b11
        // Control characters stop both scans (and are refused): C0 but tab, CR and LF, and DEL.
        for byte in 0..<0x20 where byte != 0x09 && byte != 0x0A && byte != 0x0D { classes[byte] = 0b11 }
        classes[0x7F] = 0b11
        classes[Int(detected.rawValue)] = 0b01
        var record = CSVRecord()
        guard try readRecord(into: &record) else {
            throw CSVError(.emptyFile, line: 0)
        }
        header = record.strings
        headerLine = record.line
        while header.count > 1, header.last?.isEmpty == true {
            header.removeLast()
            droppedEmptyColumns += 1
        }
    }

    deinit {
        buffer.deallocate()
        classes.deallocate()
        if case let .descriptor(fd, close: true) = source {
            _ = close(fd)
        }
    }

    /// Fills `record` with the next record; returns false at the end of the file.
    ///
    /// - Throws: `CSVError` for malformed quoting, invalid text, a record whose field
    ///   count differs from the header's, or a read error.
    public func next(into record: inout CSVRecord) throws(CSVError) -> Bool {
        guard try readRecord(into: &record) else { return false }
        if record.count != header.count {
            // Empty fields after the last named column (`1;2;;`) are a spreadsheet's
            // empty columns: dropped. A value there, or a missing field, is an error.
            guard record.count > header.count,
                  (header.count ..< record.count).allSatisfy({ record.isEmpty(at: $0) }) else {
                throw CSVError(.raggedRow(expected: header.count, found: record.count), line: record.line)
            }
            record.ends.removeLast(record.count - header.count)
        }
        return true
    }

    /// Reads every remaining record as Strings (for tests and small files).
    /// - Throws: `CSVError` as `next(into:)` does.
    public func readAll() throws(CSVError) -> [[String]] {
        var rows: [[String]] = []
        var record = CSVRecord()
        while try next(into: &record) { rows.append(record.strings) }
        return rows
    }

    // MARK: - Reading bytes

    /// Makes room and reads more bytes after `end`; returns false at the end of the input.
    private func fillMore() throws(CSVError) -> Bool {
        if atEOF { return false }
        if pos > 0 {
            let kept = end - pos
            if kept > 0 { buffer.update(from: buffer + pos, count: kept) }
            pos = 0
            end = kept
        }
        if end == capacity {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            bigger.initialize(from: buffer, count: end)
            buffer.deallocate()
            buffer = bigger
            capacity *= 2
        }
        let want = min(capacity - end, chunkSize)
        let got: Int
        switch source {
        case let .descriptor(fd, _):
            var n: Int
            repeat {
                n = read(fd, buffer + end, want)
            } while n < 0 && errno == EINTR
            if n < 0 {
                throw CSVError(.readFailed(reason: CSVReader.systemMessage(errno)), line: line)
            }
            got = n
        case let .positioned(fd, offset):
            var n: Int
            repeat {
                n = pread(fd, buffer + end, want, off_t(offset))
            } while n < 0 && errno == EINTR
            if n < 0 {
                throw CSVError(.readFailed(reason: CSVReader.systemMessage(errno)), line: line)
            }
            got = n
            source = .positioned(fd, offset: offset + Int64(n))
        case let .memory(bytes, offset):
            got = min(want, bytes.count - offset)
            if got > 0 {
                bytes.withUnsafeBufferPointer { (b: UnsafeBufferPointer<UInt8>) in
                    (buffer + end).update(from: b.baseAddress! + offset, count: got)
                }
                source = .memory(bytes, offset: offset + got)
            }
        }
        if got == 0 {
            atEOF = true
            return false
        }
        end += got
        return true
    }

    /// Skips a byte order mark and finds the delimiter in the header line.
    private func detectDelimiter() throws(CSVError) -> CSVDelimiter {
        while end - pos < 3, try fillMore() {}
        let available = end - pos
        if available >= 2, (buffer[pos] == 0xFF && buffer[pos + 1] == 0xFE)
            || (buffer[pos] == 0xFE && buffer[pos + 1] == 0xFF) {
            throw CSVError(.utf16, line: 0)
        }
        if available >= 3, buffer[pos] == 0xEF, buffer[pos + 1] == 0xBB, buffer[pos + 2] == 0xBF {
            if encoding == .windows1252 {
                throw CSVError(.utf8ByteOrderMarkInWindows1252Mode, line: 0)
            }
            pos += 3
            hadByteOrderMark = true
        }
        if let declared = try separatorLine() { return declared }
        var offset = 0
        var inQuotes = false
        var sawContent = false
        while true {
            while pos + offset < end {
                let byte = buffer[pos + offset]
                offset += 1
                if byte == 0x22 {
                    inQuotes.toggle()
                } else if !inQuotes {
                    if byte == 0x2C { return .comma }
                    if byte == 0x3B { return .semicolon }
                    if byte == 0x0A || byte == 0x0D {
                        if sawContent { return .comma }
                        continue  // empty lines before the header
                    }
                }
                sawContent = true
            }
            if !(try fillMore()) { return .comma }
        }
    }

    /// Reads Excel's delimiter hint, a first line `sep=;` or `sep=,` (any letter case,
    /// optionally quoted), and skips it; nil when the file does not start with one.
    private func separatorLine() throws(CSVError) -> CSVDelimiter? {
        // Offsets from `pos` (filling may move the buffer's contents). The line is short:
        // "sep=;", perhaps quoted, perhaps padded with delimiters to the table's width.
        func byte(_ offset: Int) throws(CSVError) -> UInt8? {
            while pos + offset >= end { if !(try fillMore()) { return nil } }
            return buffer[pos + offset]
        }
        var offset = 0
        let quoted = try byte(0) == 0x22
        if quoted { offset += 1 }
        for expected: UInt8 in [0x73, 0x65, 0x70, 0x3D] {  // "sep=", any case
            guard let b = try byte(offset), b | 0x20 == expected else { return nil }
            offset += 1
        }
        guard let b = try byte(offset), let delimiter = CSVDelimiter(rawValue: b) else { return nil }
        offset += 1
        if quoted {
            guard try byte(offset) == 0x22 else { return nil }
            offset += 1
        }
        while let b = try byte(offset), b == 0x2C || b == 0x3B, offset < 4096 { offset += 1 }
        switch try byte(offset) {
        case nil: break
        case 0x0A: offset += 1
        case 0x0D:
            offset += 1
            if try byte(offset) == 0x0A { offset += 1 }
        default: return nil
        }
        pos += offset
        line += 1
        hadSeparatorLine = true
        return delimiter
    }

    // MARK: - Parsing

    /// Parses one record into `record`; returns false when the input has no more records.
    private func readRecord(into record: inout CSVRecord) throws(CSVError) -> Bool {
        let delimiterByte = delimiter.rawValue
        var state = State.fieldStart
        var started = false
        var quoteLine = 0
        var high: UInt8 = 0
        record.reset(line: line)

        while true {
            if pos == end {
                if !(try fillMore()) { break }
            }
            let p = buffer
            let classes = self.classes
            var i = pos
            let e = end
            scan: while i < e {
                switch state {
                case .fieldStart:
                    let byte = p[i]
                    if !started {
                        // Between records: skip the LF of a CRLF and empty lines.
                        if byte == 0x0A {
                            if !previousWasCR { line += 1 }
                            previousWasCR = false
                            i += 1
                            continue scan
                        }
                        if byte == 0x0D {
                            line += 1
                            previousWasCR = true
                            i += 1
                            continue scan
                        }
                        started = true
                        record.line = line
                    }
                    previousWasCR = false
                    if byte == 0x22 {
                        state = .quoted
                        quoteLine = line
                        i += 1
                    } else if byte == delimiterByte {
                        record.ends.append(record.storage.count)
                        i += 1
                    } else if byte == 0x0A || byte == 0x0D {
                        record.ends.append(record.storage.count)
                        line += 1
                        previousWasCR = byte == 0x0D
                        pos = i + 1
                        return try finish(&record, high: high)
                    } else {
                        state = .unquoted
                    }
                case .unquoted:
                    let start = i
                    while i < e {
                        let byte = p[i]
                        if classes[Int(byte)] & 1 != 0 { break }
                        high |= byte
                        i += 1
                    }
                    if i > start {
                        try append(p + start, i - start, to: &record)
                    }
                    if i == e { break scan }
                    let byte = p[i]
                    i += 1
                    if byte == delimiterByte {
                        record.ends.append(record.storage.count)
                        state = .fieldStart
                    } else if byte == 0x22 {
                        throw CSVError(.quoteInUnquotedField, line: line)
                    } else if byte != 0x0A && byte != 0x0D {
                        throw controlCharacter(UInt32(byte), record: record)
                    } else {
                        record.ends.append(record.storage.count)
                        line += 1
                        previousWasCR = byte == 0x0D
                        pos = i
                        return try finish(&record, high: high)
                    }
                case .quoted:
                    let start = i
                    while i < e {
                        let byte = p[i]
                        if classes[Int(byte)] & 2 != 0 { break }
                        high |= byte
                        i += 1
                    }
                    if i > start {
                        previousWasCR = false
                        try append(p + start, i - start, to: &record)
                    }
                    if i == e { break scan }
                    let byte = p[i]
                    i += 1
                    if byte == 0x22 {
                        previousWasCR = false
                        state = .quoteInQuoted
                    } else if byte != 0x0A && byte != 0x0D {
                        throw controlCharacter(UInt32(byte), record: record)
                    } else {
                        // A line break inside quotes is kept and counted.
                        if byte == 0x0D || !previousWasCR { line += 1 }
                        previousWasCR = byte == 0x0D
                        var b = byte
                        try append(&b, 1, to: &record)
                    }
                case .quoteInQuoted:
                    let byte = p[i]
                    i += 1
                    if byte == 0x22 {
                        var quote: UInt8 = 0x22
                        try append(&quote, 1, to: &record)
                        state = .quoted
                    } else if byte == delimiterByte {
                        record.ends.append(record.storage.count)
                        state = .fieldStart
                    } else if byte == 0x0A || byte == 0x0D {
                        record.ends.append(record.storage.count)
                        line += 1
                        previousWasCR = byte == 0x0D
                        pos = i
                        return try finish(&record, high: high)
                    } else {
                        throw CSVError(.characterAfterClosingQuote(byte), line: line)
                    }
                }
            }
            pos = i
        }
        // End of input.
        if !started { return false }
        if state == .quoted {
            throw CSVError(.unterminatedQuote, line: quoteLine)
        }
        record.ends.append(record.storage.count)
        return try finish(&record, high: high)
    }

    /// Appends `count` bytes to the record, enforcing the size limit.
    @inline(__always)
    private func append(_ bytes: UnsafePointer<UInt8>, _ count: Int, to record: inout CSVRecord) throws(CSVError) {
        record.storage.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
        if record.storage.count > maxRecordBytes {
            throw CSVError(.recordTooLarge(limit: maxRecordBytes), line: record.line)
        }
    }

    /// Validates or converts a complete record's text; returns true.
    private func finish(_ record: inout CSVRecord, high: UInt8) throws(CSVError) -> Bool {
        if high & 0x80 == 0 { return true }
        switch encoding {
        case .utf8:
            try validateUTF8(record)
            try refuseC1Controls(record)
        case .windows1252:
            try convertWindows1252(&record)
        }
        return true
    }

    /// The error for control character `scalar` in the field being read (the next one of `record`).
    private func controlCharacter(_ scalar: UInt32, record: CSVRecord, field: Int? = nil) -> CSVError {
        let index = field ?? record.ends.count
        return CSVError(.controlCharacter(scalar: scalar, field: index + 1, column: index < header.count ? header[index] : nil),
                        line: record.line)
    }

    /// Refuses the C1 controls U+0080–U+009F (UTF-8 `C2 80`–`C2 9F`) of a valid UTF-8 record.
    private func refuseC1Controls(_ record: CSVRecord) throws(CSVError) {
        let found: (UInt32, Int)? = record.storage.withUnsafeBufferPointer { b in
            var field = 0
            var k = 0
            while k + 1 < b.count {
                if b[k] == 0xC2, b[k + 1] >= 0x80, b[k + 1] <= 0x9F {
                    while record.ends[field] <= k { field += 1 }
                    return (UInt32(b[k + 1]), field)
                }
                k += 1
            }
            return nil
        }
        if let (scalar, field) = found { throw controlCharacter(scalar, record: record, field: field) }
    }

    private func validateUTF8(_ record: CSVRecord) throws(CSVError) {
        let failure: (UInt8, Int)? = record.storage.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return nil }
            var start = 0
            for (index, fieldEnd) in record.ends.enumerated() {
                if let bad = TextEncoding.firstInvalidUTF8(base, from: start, to: fieldEnd) {
                    return (base[bad], index + 1)
                }
                start = fieldEnd
            }
            return nil
        }
        if let (byte, field) = failure {
            throw CSVError(.invalidUTF8(byte: byte, field: field), line: record.line)
        }
    }

    private func convertWindows1252(_ record: inout CSVRecord) throws(CSVError) {
        scratch.removeAll(keepingCapacity: true)
        var newEnds: [Int] = []
        newEnds.reserveCapacity(record.ends.count)
        var start = 0
        for (index, fieldEnd) in record.ends.enumerated() {
            var hasHigh = false
            for k in start ..< fieldEnd where record.storage[k] >= 0x80 { hasHigh = true; break }
            if hasHigh {
                let alreadyUTF8 = record.storage.withUnsafeBufferPointer {
                    TextEncoding.isValidUTF8($0.baseAddress!, from: start, to: fieldEnd)
                }
                if alreadyUTF8 {
                    throw CSVError(.utf8InWindows1252Mode(field: index + 1), line: record.line)
                }
                for k in start ..< fieldEnd {
                    let byte = record.storage[k]
                    guard let scalar = TextEncoding.windows1252Scalar(byte) else {
                        throw CSVError(.undefinedWindows1252Byte(byte, field: index + 1), line: record.line)
                    }
                    TextEncoding.appendUTF8(scalar, to: &scratch)
                }
            } else {
                scratch.append(contentsOf: record.storage[start ..< fieldEnd])
            }
            newEnds.append(scratch.count)
            start = fieldEnd
        }
        swap(&record.storage, &scratch)
        record.ends = newEnds
    }

    private static func systemMessage(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
