/// The columns of an import file: header names mapped to field indices.
///
/// Names are matched the way a spreadsheet user writes them: surrounding white space
/// (spaces, tabs, NBSP) is ignored, letter case does not matter and a space inside counts
/// as `_` (`External_ID`, ` external id ` and `external_id` are the same column). Every
/// required column must be present; a column that is neither required nor optional, a
/// duplicate or an empty name is an error that names the expected columns.
///
/// ```swift
/// let columns = try CSVColumns(header: reader.header, headerLine: reader.headerLine,
///                              required: ["indicator_id", "year", "value"])
/// let year = columns.index(of: "year")!   // present: it is required
/// ```
public struct CSVColumns: Sendable, Equatable {
    /// The header's names, normalized (`normalizedName`), in file order.
    public let names: [String]
    /// The required column names, as given.
    public let required: [String]
    /// The optional column names, as given.
    public let optional: [String]
    private let indices: [String: Int]

    /// Maps `header` to indices, checking it against the required and optional names.
    ///
    /// - Parameter headerLine: the line reported in an error (`CSVReader.headerLine`).
    /// - Throws: `CSVError` of kind `.badHeader` naming the unknown, missing or duplicate
    ///   columns and listing the expected ones.
    public init(header: [String], headerLine: Int = 1,
                required: [String], optional: [String] = []) throws(CSVError) {
        let trimmed = header.map(CSVColumns.normalizedName)
        let known = Set(required).union(optional)
        var indices: [String: Int] = [:]
        var unknown: [String] = []
        var duplicate: [String] = []
        var empty = false
        for (index, name) in trimmed.enumerated() {
            if name.isEmpty { empty = true; continue }
            if indices[name] != nil {
                if !duplicate.contains(name) { duplicate.append(name) }
                continue
            }
            indices[name] = index
            if !known.contains(name) { unknown.append(CSVColumns.trimSpaces(header[index])) }
        }
        let missing = required.filter { indices[$0] == nil }
        if !unknown.isEmpty || !missing.isEmpty || !duplicate.isEmpty || empty {
            throw CSVError(.badHeader(unknown: unknown, missing: missing, duplicate: duplicate,
                                      empty: empty, expected: required, optional: optional),
                           line: headerLine)
        }
        self.names = trimmed
        self.required = required
        self.optional = optional
        self.indices = indices
    }

    /// The field index of column `name`, or nil when the file does not have it.
    public func index(of name: String) -> Int? {
        indices[name]
    }

    /// Whether the file has column `name`.
    public func contains(_ name: String) -> Bool {
        indices[name] != nil
    }

    /// A header name as matched: trimmed of white space, in lower case, with every run of
    /// white space inside as one `_`: " External ID " → "external_id".
    public static func normalizedName(_ text: String) -> String {
        let trimmed = trimSpaces(text)
        if trimmed.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F || ($0 >= 0x30 && $0 <= 0x39) }) {
            return trimmed  // the usual case: already a lower-case name
        }
        return trimmed.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: "_")
    }

    /// `text` without leading and trailing spaces (ASCII space and tab).
    static func trimSpaces(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return String(decoding: bytes[start ..< end], as: UTF8.self)
    }
}
