/// Why a workbook could not be read.
public struct WorkbookError: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// One worksheet's cells as text, by row: what a CSV saved from the sheet holds, so that an
/// import reads a workbook as it reads the CSV a spreadsheet saves.
public struct WorksheetText: Sendable, Equatable {
    /// The sheet's tab name.
    public let name: String
    /// The rows that hold a cell, in order: the row's number (1-based, as the spreadsheet
    /// shows it) and its cells from column A on ("" for an empty cell).
    public let rows: [(number: Int, cells: [String])]

    public static func == (a: WorksheetText, b: WorksheetText) -> Bool {
        a.name == b.name && a.rows.count == b.rows.count && zip(a.rows, b.rows).allSatisfy { $0.number == $1.number && $0.cells == $1.cells }
    }

    /// RFC 4180 CSV, `,`-delimited, LF line ends, UTF-8: row N of the sheet on line N (empty
    /// rows as empty lines, which an import skips), every row as wide as the widest, a field
    /// quoted when it holds `,`, `"`, a line break or spaces at either end. (A cell with a
    /// line break takes more than one line, as in any CSV, and moves the rows after it down.)
    /// A first row that is only Excel's delimiter hint (`sep=;`) says `sep=,`, the delimiter
    /// of this CSV.
    public func csv() -> [UInt8] {
        let width = rows.map { row in (row.cells.lastIndex { !$0.isEmpty } ?? -1) + 1 }.max() ?? 0
        var out: [UInt8] = []
        var line = 1
        for (index, row) in rows.enumerated() {
            while line < row.number { out.append(0x0A); line += 1 }
            let filled = row.cells.filter { !$0.isEmpty }
            if index == 0, filled.count == 1, let hint = filled.first, hint.lowercased().hasPrefix("sep="), hint.count == 5 {
                out += Array("sep=,\n".utf8)
                line += 1
                continue
            }
            let cells = row.cells.prefix(width) + Array(repeating: "", count: max(0, width - row.cells.count))
            out += cells.map(Self.field).joined(separator: ",").utf8
            out.append(0x0A)
            line += 1
        }
        return out
    }

    static func field(_ text: String) -> String {
        let quoted = text.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            || text.first == " " || text.last == " "
        guard quoted else { return text }
        return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}

/// Reads an Office Open XML workbook (xlsx, as Excel, LibreOffice and openpyxl write it) far
/// enough to import one of its worksheets: the sheet names (`workbook.xml` and its
/// relationships), the shared strings, the cell formats that make a number a date or a
/// percentage (`styles.xml`), and the cells of a sheet. Each cell becomes the text a CSV
/// saved by the spreadsheet would hold for it:
///
/// - text as written (rich-text runs joined; `_xHHHH_` escapes decoded);
/// - a number as a plain decimal with a point, at most 15 significant digits as a spreadsheet
///   shows it (0.1 + 0.2 is "0.3", 1E-3 is "0.001"); never through floating point;
/// - a number under a date format as `YYYY-MM-DD` (with ` HH:MM:SS` when it has a time), in
///   the workbook's 1900 or 1904 date system; under a percentage format as "15%";
/// - TRUE/FALSE as `true`/`false`; an error value (`#N/A`) as written; a formula by its
///   last computed value.
///
/// ```swift
/// let book = try WorkbookReader(bytes)
/// book.sheetNames                          // ["Lån", "Transaktioner"]
/// let csv = try book.sheet("Transaktioner").csv()
/// ```
public struct WorkbookReader: Sendable {
    /// The worksheets' tab names, in the workbook's order.
    public let sheetNames: [String]
    private let sheetParts: [String]
    private let zip: ZipReader
    private let sharedStrings: [String]
    private let formats: [CellFormat]
    private let date1904: Bool

    /// What a cell format makes of a number.
    enum CellFormat: Sendable { case plain, date, percent }

    /// Reads the workbook's structure, shared strings and styles.
    /// - Throws: `WorkbookError` for a file that is no xlsx workbook or is damaged.
    public init(_ bytes: [UInt8]) throws(WorkbookError) {
        do {
            zip = try ZipReader(bytes)
        } catch { throw WorkbookError(error.reason) }
        // The main part: _rels/.rels names it (xl/workbook.xml in every writer seen).
        var main = "xl/workbook.xml"
        if zip.contains("_rels/.rels") {
            for (type, target) in try WorkbookReader.relationships(try WorkbookReader.part(zip, "_rels/.rels"), base: "").values
            where type.hasSuffix("/officeDocument") { main = target }
        }
        guard zip.contains(main) else {
            throw WorkbookError(zip.contains("content.xml") ? "it is an OpenDocument file, not an xlsx workbook" : "it has no workbook part (\(main))")
        }
        let folder = main.split(separator: "/").dropLast().joined(separator: "/")
        let relsName = (folder.isEmpty ? "" : folder + "/") + "_rels/" + (main.split(separator: "/").last.map(String.init) ?? "") + ".rels"
        let rels = zip.contains(relsName) ? try WorkbookReader.relationships(try WorkbookReader.part(zip, relsName), base: folder) : [:]
        var names: [String] = [], parts: [String] = []
        var is1904 = false
        var scanner = XMLScanner(try WorkbookReader.part(zip, main))
        do {
            while let event = try scanner.next() {
                guard case let .start(name, attributes, _) = event else { continue }
                if name == "workbookPr", let flag = attributes["date1904"] { is1904 = flag == "1" || flag == "true" }
                if name == "sheet", let sheetName = attributes["name"], let id = attributes["id"], let relationship = rels[id],
                   relationship.type.hasSuffix("/worksheet") {
                    names.append(sheetName)
                    parts.append(relationship.target)
                }
            }
        } catch { throw WorkbookError("its workbook part is damaged: \(error.reason)") }
        sheetNames = names
        sheetParts = parts
        date1904 = is1904
        let archive = zip
        let shared = rels.values.first { $0.type.hasSuffix("/sharedStrings") }?.target
        sharedStrings = try shared.map { name throws(WorkbookError) in try WorkbookReader.strings(try WorkbookReader.part(archive, name)) } ?? []
        let styles = rels.values.first { $0.type.hasSuffix("/styles") }?.target
        formats = try styles.map { name throws(WorkbookError) in try WorkbookReader.cellFormats(try WorkbookReader.part(archive, name)) } ?? []
    }

    /// The cells of the worksheet named `name`, as text.
    /// - Throws: `WorkbookError` when there is no such sheet or its part is damaged.
    public func sheet(_ name: String) throws(WorkbookError) -> WorksheetText {
        guard let index = sheetNames.firstIndex(of: name) else { throw WorkbookError("it has no sheet \(name)") }
        var scanner = XMLScanner(try WorkbookReader.part(zip, sheetParts[index]))
        var rows: [(number: Int, cells: [String])] = []
        var cells: [String] = []
        var rowNumber = 0
        var inRow = false
        do {
            while let event = try scanner.next() {
                switch event {
                case let .start("row", attributes, empty):
                    rowNumber = attributes["r"].flatMap { Int($0) } ?? rowNumber + 1
                    guard (1 ... 1_048_576).contains(rowNumber) else { throw WorkbookError("sheet \(name): a row beyond 1 048 576") }
                    cells = []
                    inRow = !empty
                case let .start("c", attributes, empty):
                    let column = attributes["r"].flatMap(WorkbookReader.column) ?? cells.count
                    guard column < 16_384 else { throw WorkbookError("sheet \(name): a cell beyond column XFD") }
                    let text = empty ? "" : try cell(&scanner, type: attributes["t"] ?? "n", style: attributes["s"].flatMap { Int($0) } ?? 0)
                    if column >= cells.count { cells += Array(repeating: "", count: column - cells.count + 1) }
                    cells[column] = text
                case .end("row"):
                    if inRow, cells.contains(where: { !$0.isEmpty }) { rows.append((rowNumber, cells)) }
                    inRow = false
                default: break
                }
            }
        } catch let error as XMLError {
            throw WorkbookError("sheet \(name) is damaged: \(error.reason)")
        } catch let error as WorkbookError {
            throw error
        } catch {
            throw WorkbookError("sheet \(name) is damaged")
        }
        for index in rows.indices.dropFirst() where rows[index].number <= rows[index - 1].number {
            throw WorkbookError("sheet \(name) is damaged: its rows are out of order")
        }
        return WorksheetText(name: name, rows: rows)
    }

    /// One `<c>` element's text, the scanner past its end tag.
    private func cell(_ scanner: inout XMLScanner, type: String, style: Int) throws -> String {
        var value: String?
        var inline: String?
        while let event = try scanner.next() {
            switch event {
            case .start("v", _, let empty): value = empty ? "" : try scanner.text(until: "v")
            case .start("is", _, let empty): inline = empty ? "" : try WorkbookReader.richText(&scanner, until: "is")
            case .start(let other, _, let empty): if !empty { _ = try scanner.text(until: other) }
            case .end("c"):
                switch type {
                case "s":
                    guard let index = value.flatMap({ Int($0) }), sharedStrings.indices.contains(index) else {
                        throw WorkbookError("a cell refers to a shared string that does not exist")
                    }
                    return sharedStrings[index]
                case "inlineStr": return inline ?? ""
                case "str", "e": return value.map(WorkbookReader.unescape) ?? ""
                case "b": return value == "1" ? "true" : value == "0" ? "false" : value ?? ""
                case "d": return value ?? ""
                default:
                    guard let value, !value.isEmpty else { return "" }
                    guard let number = Decimal15(value) else { return value }
                    switch formats.indices.contains(style) ? formats[style] : .plain {
                    case .plain: return number.text
                    case .percent: return number.shifted(by: 2).text + "%"
                    case .date: return number.dateText(date1904: date1904) ?? number.text
                    }
                }
            case .end, .text: break
            }
        }
        throw XMLError(reason: "the document ends inside a cell")
    }

    // MARK: parts

    static func part(_ zip: ZipReader, _ name: String) throws(WorkbookError) -> [UInt8] {
        do { return try zip.read(name) } catch { throw WorkbookError(error.reason) }
    }

    /// Relationship id → (type, target as a path in the package).
    static func relationships(_ bytes: [UInt8], base: String) throws(WorkbookError) -> [String: (type: String, target: String)] {
        var out: [String: (type: String, target: String)] = [:]
        var scanner = XMLScanner(bytes)
        do {
            while let event = try scanner.next() {
                guard case let .start("Relationship", attributes, _) = event, let id = attributes["Id"],
                      let type = attributes["Type"], let target = attributes["Target"], attributes["TargetMode"] != "External" else { continue }
                out[id] = (type, resolve(target, base: base))
            }
        } catch { throw WorkbookError("its relationships are damaged: \(error.reason)") }
        return out
    }

    /// A relationship's target as a package path: "/xl/sheet1.xml" as it is, "worksheets/
    /// sheet1.xml" under `base`, ".." taken back.
    static func resolve(_ target: String, base: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : base.split(separator: "/")
        for piece in target.split(separator: "/") {
            if piece == ".." { _ = parts.popLast() } else if piece != "." { parts.append(piece) }
        }
        return parts.joined(separator: "/")
    }

    /// The shared string table: each `<si>` as its text.
    static func strings(_ bytes: [UInt8]) throws(WorkbookError) -> [String] {
        var out: [String] = []
        var scanner = XMLScanner(bytes)
        do {
            while let event = try scanner.next() {
                if case let .start("si", _, empty) = event { out.append(empty ? "" : try richText(&scanner, until: "si")) }
            }
        } catch { throw WorkbookError("its shared strings are damaged: \(error.reason)") }
        return out
    }

    /// The text of a string item (`<si>` or `<is>`): its `<t>` elements, directly or in
    /// rich-text runs `<r>`, joined; phonetic runs `<rPh>` left out; `_xHHHH_` decoded.
    static func richText(_ scanner: inout XMLScanner, until name: String) throws(XMLError) -> String {
        var out = ""
        while let event = try scanner.next() {
            switch event {
            case .start("t", _, let empty): if !empty { out += try scanner.text(until: "t") }
            case .start("rPh", _, let empty): if !empty { _ = try scanner.text(until: "rPh") }
            case .end(let end) where end == name: return unescape(out)
            default: break
            }
        }
        throw XMLError(reason: "the document ends inside <\(name)>")
    }

    /// ECMA-376's escape of characters XML cannot hold: `_x000D_` is a carriage return, and
    /// `_x005F_` an underscore that precedes something that looks like an escape.
    static func unescape(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            if scalars[index] == "_", index + 6 < scalars.count, scalars[index + 1] == "x", scalars[index + 6] == "_",
               let value = UInt32(String(String.UnicodeScalarView(scalars[(index + 2) ..< (index + 6)])), radix: 16),
               let scalar = Unicode.Scalar(value) {
                out.append(scalar)
                index += 7
            } else {
                out.append(scalars[index])
                index += 1
            }
        }
        return String(out)
    }

    /// `cellXfs`: what each cell format (a cell's `s`) makes of a number.
    static func cellFormats(_ bytes: [UInt8]) throws(WorkbookError) -> [CellFormat] {
        var custom: [Int: String] = [:]
        var formats: [CellFormat] = []
        var inCellXfs = false
        var scanner = XMLScanner(bytes)
        do {
            while let event = try scanner.next() {
                switch event {
                case let .start("numFmt", attributes, _):
                    if let id = attributes["numFmtId"].flatMap({ Int($0) }), let code = attributes["formatCode"] { custom[id] = code }
                case .start("cellXfs", _, let empty): inCellXfs = !empty
                case .end("cellXfs"): inCellXfs = false
                case let .start("xf", attributes, _) where inCellXfs:
                    let id = attributes["numFmtId"].flatMap { Int($0) } ?? 0
                    formats.append(custom[id].map(kind(ofCode:)) ?? kind(ofBuiltIn: id))
                default: break
                }
            }
        } catch { throw WorkbookError("its styles are damaged: \(error.reason)") }
        return formats
    }

    /// The built-in number formats (ECMA-376 part 1, 18.8.30): 9 and 10 percentages, 14–22
    /// and 45–47 dates and times (27–36 and 50–58: East Asian dates).
    static func kind(ofBuiltIn id: Int) -> CellFormat {
        switch id {
        case 9, 10: return .percent
        case 14 ... 22, 27 ... 36, 45 ... 47, 50 ... 58: return .date
        default: return .plain
        }
    }

    /// A custom format code: a date when, outside quoted text, escapes and `[…]` sections
    /// (colours, locales, conditions), it has a day, month, year, hour or second; a
    /// percentage when it has `%`. The first section decides.
    static func kind(ofCode code: String) -> CellFormat {
        var plain = ""
        var quoted = false, bracket = false, escaped = false
        for ch in code {
            if escaped { escaped = false; continue }
            if quoted { if ch == "\"" { quoted = false }; continue }
            if bracket { if ch == "]" { bracket = false }; continue }
            switch ch {
            case "\"": quoted = true
            case "[": bracket = true
            case "\\", "_", "*": escaped = true
            case ";": return kind(ofPlain: plain)
            default: plain.append(ch)
            }
        }
        return kind(ofPlain: plain)
    }

    private static func kind(ofPlain plain: String) -> CellFormat {
        let lower = plain.lowercased()
        if lower == "general" || lower.isEmpty { return .plain }
        if lower.contains(where: { "ymdhs".contains($0) }) && !lower.contains("e+") && !lower.contains("e-") { return .date }
        if lower.contains("%") { return .percent }
        return .plain
    }

    /// "B12" → 1 (column B), or nil.
    static func column(_ reference: String) -> Int? {
        var value = 0, letters = 0
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65 && scalar.value <= 90 else { break }
            value = value * 26 + Int(scalar.value - 64)
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : value - 1
    }
}

/// A number as a cell's `<v>` holds it ("1234.5", "-0.30000000000000004", "1.5E-3"), kept as
/// decimal digits and rounded to 15 significant digits, as a spreadsheet shows it: exact
/// text in, exact text out, never a floating-point value.
struct Decimal15: Equatable {
    /// Significant digits without leading zeros (empty for zero).
    var digits: [UInt8]
    /// The value is 0.`digits` × 10^`exponent`.
    var exponent: Int
    var negative: Bool

    init?(_ text: String) {
        var bytes = Array(text.utf8)[...]
        negative = false
        if bytes.first == UInt8(ascii: "-") { negative = true; bytes = bytes.dropFirst() } else if bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        var mantissa: [UInt8] = [], pointAt: Int?, exp = 0
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let b = bytes[index]
            if b >= 0x30 && b <= 0x39 { mantissa.append(b - 0x30) }
            else if b == UInt8(ascii: "."), pointAt == nil { pointAt = mantissa.count }
            else if b == UInt8(ascii: "E") || b == UInt8(ascii: "e") {
                guard let value = Int(String(decoding: bytes[(index + 1)...], as: UTF8.self)), abs(value) < 400 else { return nil }
                exp = value
                index = bytes.endIndex
                break
            } else { return nil }
            index += 1
        }
        guard !mantissa.isEmpty else { return nil }
        var exponent = (pointAt ?? mantissa.count) + exp
        while mantissa.first == 0 { mantissa.removeFirst(); exponent -= 1 }
        while mantissa.last == 0 { mantissa.removeLast() }
        if mantissa.count > 15 {
            // Half up at the 16th digit, as a spreadsheet rounds what it shows.
            let up = mantissa[15] >= 5
            mantissa = Array(mantissa[0 ..< 15])
            if up {
                var position = 14
                while position >= 0 {
                    if mantissa[position] == 9 { mantissa[position] = 0; position -= 1 } else { mantissa[position] += 1; break }
                }
                if position < 0 { mantissa.insert(1, at: 0); mantissa.removeLast(); exponent += 1 }
            }
            while mantissa.last == 0 { mantissa.removeLast() }
        }
        digits = mantissa
        self.exponent = mantissa.isEmpty ? 0 : exponent
        if mantissa.isEmpty { negative = false }
    }

    /// The value × 10^`places`.
    func shifted(by places: Int) -> Decimal15 {
        var copy = self
        if !digits.isEmpty { copy.exponent += places }
        return copy
    }

    /// Plain decimal text: "1234.5", "-0.001", "0".
    var text: String {
        guard !digits.isEmpty else { return "0" }
        let d = digits.map { Character(Unicode.Scalar($0 + 0x30)) }
        var out = negative ? "-" : ""
        if exponent <= 0 {
            out += "0." + String(repeating: "0", count: -exponent) + String(d)
        } else if exponent >= d.count {
            out += String(d) + String(repeating: "0", count: exponent - d.count)
        } else {
            out += String(d[0 ..< exponent]) + "." + String(d[exponent...])
        }
        return out
    }

    /// The date (and time, when the fraction is not zero: to the second) the value is as a
    /// spreadsheet date serial; nil out of range (before 1900-01-01 or after 9999-12-31).
    func dateText(date1904: Bool) -> String? {
        guard !negative else { return nil }
        let whole = exponent <= 0 ? [] : Array(digits.prefix(exponent)) + Array(repeating: 0, count: max(0, exponent - digits.count))
        guard whole.count <= 7 else { return nil }
        let days = whole.reduce(0) { $0 * 10 + Int($1) }
        // The fraction of the day in seconds, rounded half up: digits after the point.
        let fraction: [UInt8] = exponent >= digits.count ? [] : exponent >= 0 ? Array(digits[exponent...])
            : Array(repeating: 0, count: -exponent) + digits
        var seconds = 0
        if !fraction.isEmpty {
            // seconds = round(0.fraction × 86 400), on the first nine digits (86 µs; no overflow).
            var numerator = 0, denominator = 1
            for digit in fraction.prefix(9) { numerator = numerator * 10 + Int(digit); denominator *= 10 }
            seconds = (numerator * 86_400 * 2 + denominator) / (denominator * 2)
        }
        var dayNumber = days + seconds / 86_400
        seconds %= 86_400
        let epoch: Int
        if date1904 {
            epoch = XLSXWorkbook.daysFromCivil(1904, 1, 1)
        } else {
            // Serial 60 is the 29 February 1900 that never was; 1 is 1900-01-01.
            guard dayNumber != 60, dayNumber >= 1 else { return nil }
            if dayNumber > 60 { dayNumber -= 1 }
            epoch = XLSXWorkbook.daysFromCivil(1899, 12, 31)
        }
        let (y, m, d) = Decimal15.civil(fromDays: epoch + dayNumber)
        guard y <= 9999 else { return nil }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let date = "\(y)-\(two(m))-\(two(d))"
        return seconds == 0 ? date : date + " \(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
    }

    /// A proleptic Gregorian date from days since 1970-01-01 (H. Hinnant's algorithm).
    static func civil(fromDays z: Int) -> (Int, Int, Int) {
        let z = z + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
