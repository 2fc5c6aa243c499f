/// The character encoding of a CSV file.
public enum CSVEncoding: String, Sendable, CaseIterable {
    /// UTF-8 (the default): every field is validated, a leading BOM is skipped.
    case utf8 = "utf-8"
    /// Windows-1252 (a superset of Latin-1 as Excel writes it): every byte is converted to UTF-8.
    case windows1252 = "windows-1252"
}

/// UTF-8 validation and Windows-1252 conversion over raw bytes.
enum TextEncoding {
    /// The index of the first byte that makes `bytes[range]` invalid UTF-8, or nil when valid.
    ///
    /// Rejects overlong forms, surrogates (U+D800–U+DFFF) and scalars above U+10FFFF.
    static func firstInvalidUTF8(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int? {
        var i = start
        while i < end {
            let b0 = p[i]
            if b0 < 0x80 { i += 1; continue }
            var need: Int
            var lo: UInt8 = 0x80
            var hi: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: need = 2
            case 0xED: need = 2; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; hi = 0x8F
            default: return i
            }
            var j = i + 1
            // Only the first continuation byte has a narrowed range.
            if j >= end || p[j] < lo || p[j] > hi { return i }
            j += 1
            need -= 1
            while need > 0 {
                if j >= end || p[j] < 0x80 || p[j] > 0xBF { return i }
                j += 1
                need -= 1
            }
            i = j
        }
        return nil
    }

    /// Whether a byte range that holds a byte ≥ 0x80 is entirely valid UTF-8.
    static func isValidUTF8(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Bool {
        firstInvalidUTF8(p, from: start, to: end) == nil
    }

    /// The Unicode scalars of Windows-1252 bytes 0x80–0x9F; 0 marks the five undefined bytes.
    static let windows1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// The Unicode scalar of a Windows-1252 byte, or nil for the five undefined bytes.
    static func windows1252Scalar(_ byte: UInt8) -> UInt32? {
        if byte < 0x80 || byte >= 0xA0 { return UInt32(byte) }
        let scalar = windows1252High[Int(byte - 0x80)]
        return scalar == 0 ? nil : scalar
    }

    /// Appends the UTF-8 encoding of `scalar` (at most U+FFFF here) to `out`.
    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        if scalar < 0x80 {
            out.append(UInt8(scalar))
        } else if scalar < 0x800 {
            out.append(UInt8(0xC0 | (scalar >> 6)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        } else {
            out.append(UInt8(0xE0 | (scalar >> 12)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }
}
