// libFuzzer target: CSVReader over arbitrary bytes.
// Properties: no crash; no field holds a control character (tab, CR, LF aside); a parse
// either succeeds whole or fails with a CSVError
// (the same outcome for every chunk size); a parsed file re-serialised with RFC 4180
// quoting parses back to the same header and records.

/// Parses `bytes` completely; returns the header and records, or the error.
func parseAll(_ bytes: [UInt8], chunk: Int, encoding: CSVEncoding = .utf8) -> Result<[[String]], CSVError> {
    do {
        let reader = try CSVReader(bytes: bytes, encoding: encoding, chunkSize: chunk, maxRecordBytes: 1 << 16)
        return .success([reader.header] + (try reader.readAll()))
    } catch {
        return .failure(error)
    }
}

/// Writes records back as CSV with `delimiter`, quoting every field that needs it.
func serialise(_ rows: [[String]], delimiter: UInt8) -> [UInt8] {
    var out: [UInt8] = []
    for row in rows {
        for (index, field) in row.enumerated() {
            if index > 0 { out.append(delimiter) }
            let bytes = Array(field.utf8)
            // Quote always: that also keeps an empty single-field row from being an empty line.
            out.append(0x22)
            for b in bytes {
                if b == 0x22 { out.append(0x22) }
                out.append(b)
            }
            out.append(0x22)
        }
        out.append(0x0A)
    }
    return out
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = fuzzBytes(data, size)
    let chunk = size == 0 ? 1 : Int(bytes[0] % 7) + 1
    let small = parseAll(bytes, chunk: chunk)
    let large = parseAll(bytes, chunk: 1 << 16)
    switch (small, large) {
    case let (.success(a), .success(b)):
        if a != b { fuzzFail("chunk size \(chunk) parsed differently from 64 KiB") }
        // No field holds a control character but tab, CR and LF (issue 17).
        for field in a.joined() where field.unicodeScalars.contains(where: {
            TextRules.isControl($0) && $0 != "\t" && $0 != "\r" && $0 != "\n"
        }) {
            fuzzFail("a control character passed the reader: \(field.debugDescription)")
        }
        // Only UTF-8 input round-trips through Strings unchanged; a header was required.
        guard let header = a.first else { fuzzFail("success without a header") }
        let delimiter = parseDelimiter(bytes)
        let again = parseAll(serialise(a, delimiter: delimiter), chunk: chunk)
        guard case let .success(c) = again else { fuzzFail("re-serialised records do not parse: \(again)") }
        if c != a { fuzzFail("re-serialised records parse differently: \(a) vs \(c)") }
        _ = header
    case let (.failure(e1), .failure(e2)):
        if e1 != e2 { fuzzFail("chunk size \(chunk) failed differently: \(e1) vs \(e2)") }
    default:
        fuzzFail("chunk size \(chunk) and 64 KiB disagree on success: \(small) vs \(large)")
    }
    // Windows-1252 mode must not crash either, and must agree across chunk sizes.
    let w1 = parseAll(bytes, chunk: chunk, encoding: .windows1252)
    let w2 = parseAll(bytes, chunk: 1 << 16, encoding: .windows1252)
    switch (w1, w2) {
    case let (.success(a), .success(b)): if a != b { fuzzFail("windows-1252: chunk sizes disagree") }
    case let (.failure(a), .failure(b)): if a != b { fuzzFail("windows-1252: errors disagree \(a) vs \(b)") }
    default: fuzzFail("windows-1252: chunk sizes disagree on success")
    }
    return 0
}

/// The delimiter the reader detected, found by parsing once more.
func parseDelimiter(_ bytes: [UInt8]) -> UInt8 {
    (try? CSVReader(bytes: bytes, maxRecordBytes: 1 << 16))?.delimiter.rawValue ?? 0x2C
}
