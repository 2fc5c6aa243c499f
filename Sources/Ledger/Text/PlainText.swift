/// Small text edits that the command line and the store need, written here so that no
/// module has to load full Foundation (and ICU) for them at start-up.
///
/// They compare Unicode scalars or UTF-8 bytes, never `Character`s (grapheme clusters):
/// a quote followed by a combining mark is still a quote to be doubled in CSV (Foundation's
/// `replacingOccurrences` matched whole grapheme clusters and left it alone, which gave a
/// malformed CSV cell). For every other text the results are Foundation's (PlainTextTests).
extension String {
    /// Every occurrence of `target` replaced by `replacement`, matched byte for byte in
    /// UTF-8 from left to right without overlaps (a literal replacement, as
    /// `replacingOccurrences(of:with:)` does for the ASCII targets hallbar uses).
    ///
    /// ```swift
    /// "a\"b".replacingEvery("\"", with: "\"\"")   // "a\"\"b"
    /// ```
    public func replacingEvery(_ target: String, with replacement: String) -> String {
        let needle = Array(target.utf8)
        guard let first = needle.first else { return self }
        let bytes = Array(utf8)
        guard bytes.contains(first) else { return self }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        var changed = false
        while i < bytes.count {
            if bytes[i] == first, i + needle.count <= bytes.count, bytes[i ..< i + needle.count].elementsEqual(needle) {
                out.append(contentsOf: replacement.utf8)
                i += needle.count
                changed = true
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return changed ? String(decoding: out, as: UTF8.self) : self
    }

    /// The string without the leading and trailing Unicode scalars for which `predicate` is true.
    ///
    /// ```swift
    /// " Ånge\t".trimmingScalars(where: \.isSpaceOrTab)   // "Ånge"
    /// ```
    public func trimmingScalars(where predicate: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !predicate($0) }) else { return "" }
        var end = scalars.endIndex
        while end > start {
            let before = scalars.index(before: end)
            if !predicate(scalars[before]) { break }
            end = before
        }
        if start == scalars.startIndex && end == scalars.endIndex { return self }
        return String(scalars[start ..< end])
    }
}

extension Unicode.Scalar {
    /// A tab, a space separator (general category Zs) or U+200B ZERO WIDTH SPACE (Zs before
    /// Unicode 4.0.1): Foundation's `CharacterSet.whitespaces`.
    public var isSpaceOrTab: Bool {
        value == 0x09 || value == 0x200B || properties.generalCategory == .spaceSeparator
    }

    /// White space or a line break: Foundation's `CharacterSet.whitespacesAndNewlines`
    /// (general category Z*, U+0009–U+000D, U+0085 and U+200B).
    public var isWhitespaceOrNewline: Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0x200B: return true
        case 0..<0x80: return false
        default:
            switch properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
            default: return false
            }
        }
    }

    /// A decimal digit of any script (general category Nd): Foundation's `CharacterSet.decimalDigits`
    /// (which, with its older Unicode tables, lacks the digits that Unicode 16 added).
    public var isDecimalDigit: Bool {
        if value < 0x80 { return value >= 0x30 && value <= 0x39 }
        return properties.generalCategory == .decimalNumber
    }
}
