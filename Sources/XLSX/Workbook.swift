/// One cell of a worksheet, typed the way a spreadsheet should hold it.
public enum XLSXValue: Sendable, Equatable {
    /// Text, written as an inline string (never a formula, whatever it starts with).
    case text(String)
    /// An exact decimal number as text, "-12.5" (digits, an optional minus and point).
    case number(String)
    /// A whole number.
    case integer(Int64)
    /// An amount of money as an exact decimal ("30000000.50"), shown with thousands
    /// grouping and two decimals (number format `#,##0.00`).
    case money(String)
    /// A fraction shown as a percentage ("0.168229" shown 16.82 %).
    case percent(String)
    /// An exact decimal number ("16.5382875") shown with thousands grouping and `places`
    /// decimals (0, 1 or 2; number format `#,##0`, `#,##0.0` or `#,##0.00`): the cell holds the
    /// exact value, only what is shown is rounded.
    case rounded(String, places: Int)
    /// A calendar date, stored as an Excel date serial and shown `yyyy-mm-dd`.
    case date(year: Int, month: Int, day: Int)
    /// A moment (UTC, to the millisecond), stored as an Excel date serial with the time as
    /// its fraction and shown `yyyy-mm-dd hh:mm:ss "UTC"`.
    case dateTime(XLSXDateTime)
    /// No value.
    case empty
}

/// A date and a time of day to the millisecond, as `XLSXValue.dateTime` holds it.
public struct XLSXDateTime: Sendable, Equatable {
    public var year: Int, month: Int, day: Int
    public var hour: Int, minute: Int, second: Int, millisecond: Int

    /// A moment; a value out of range makes the cell text (see `XLSXWorkbook.cell`).
    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int = 0) {
        (self.year, self.month, self.day) = (year, month, day)
        (self.hour, self.minute, self.second, self.millisecond) = (hour, minute, second, millisecond)
    }

    /// "2026-12-05 19:23:39", as a spreadsheet reads a date and time typed into a cell.
    public var text: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let y = String(year)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-\(two(month))-\(two(day)) \(two(hour)):\(two(minute)):\(two(second))"
    }

    /// The Excel serial: days since 1899-12-30 and the time as a fraction of the day, exact to
    /// twelve decimals ("46361.807</v>…"); nil out of `dateSerial`'s range or for a time
    /// that is not one.
    public var serial: String? {
        guard (0 ... 23).contains(hour), (0 ... 59).contains(minute), (0 ... 59).contains(second), (0 ... 999).contains(millisecond),
              let days = XLSXWorkbook.dateSerial(year: year, month: month, day: day) else { return nil }
        let milliseconds = Int64(((hour * 60 + minute) * 60 + second) * 1000 + millisecond)
        // fraction × 10¹² = ms × 10¹² / 86 400 000 = ms × 10⁷ / 864, rounded half up (below 10¹²).
        let scaled = (milliseconds * 20_000_000 + 864) / 1728
        guard scaled > 0 else { return String(days) }
        let digits = String(scaled)
        var fraction = String(repeating: "0", count: 12 - digits.count) + digits
        while fraction.last == "0" { fraction.removeLast() }
        return "\(days).\(fraction)"
    }
}

/// One worksheet: a bold, frozen header row of column names, then rows of values.
public struct XLSXSheet: Sendable, Equatable {
    /// The tab name (at most 31 characters; `[]:*?/\` are replaced; made unique in the workbook).
    public var name: String
    /// The header row.
    public var columns: [String]
    /// The rows; a short row leaves its last cells empty.
    public var rows: [[XLSXValue]]

    /// A sheet.
    public init(name: String, columns: [String], rows: [[XLSXValue]]) {
        self.name = name
        self.columns = columns
        self.rows = rows
    }
}

/// Writes an Office Open XML workbook (ECMA-376, SpreadsheetML) with the toolchain only:
/// `[Content_Types].xml`, the package and workbook relationships, `xl/workbook.xml`,
/// `xl/styles.xml` and one `xl/worksheets/sheetN.xml` per sheet, in a ZIP of stored entries.
///
/// Each sheet has a bold header row that stays in view (frozen pane), an autofilter over
/// the table, column widths from the longest value, numbers as numbers, money with
/// thousands grouping and two decimals, dates as date serials with a `yyyy-mm-dd` format
/// and percentages as fractions with a per-cent format. Text is stored as inline strings,
/// which a spreadsheet never evaluates, so no formula-injection prefix is needed.
///
/// ```swift
/// let bytes = XLSXWorkbook.write([XLSXSheet(name: "Andelar", columns: ["Rad", "Belopp"],
///                                          rows: [[.text("Gröna lån"), .money("30000000.00")]])])
/// ```
public enum XLSXWorkbook {
    /// The style indices of `xl/styles.xml`'s `cellXfs`.
    enum Style: Int {
        case normal = 0, header = 1, date = 2, money = 3, percent = 4, whole = 5, oneDecimal = 6, dateTime = 7

        /// The style that shows a number with thousands grouping and `places` decimals (0…2).
        static func grouped(places: Int) -> Style { places <= 0 ? .whole : places == 1 ? .oneDecimal : .money }
    }

    /// The workbook's bytes.
    public static func write(_ sheets: [XLSXSheet]) -> [UInt8] {
        let named = uniqueNames(sheets.map(\.name))
        var zip = ZipArchive()
        zip.add("[Content_Types].xml", utf8(contentTypes(count: sheets.count)))
        zip.add("_rels/.rels", utf8(packageRelationships))
        zip.add("docProps/app.xml", utf8(appProperties(named)))
        zip.add("xl/workbook.xml", utf8(workbook(named, sheets: sheets)))
        zip.add("xl/_rels/workbook.xml.rels", utf8(workbookRelationships(count: sheets.count)))
        zip.add("xl/styles.xml", utf8(styles))
        for (index, sheet) in sheets.enumerated() {
            zip.add("xl/worksheets/sheet\(index + 1).xml", utf8(worksheet(sheet)))
        }
        return zip.finish()
    }

    static func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static func contentTypes(count: Int) -> String {
        var out = header + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        out += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        out += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        out += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        out += "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        out += "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
        for n in 0 ..< count {
            out += "<Override PartName=\"/xl/worksheets/sheet\(n + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        return out + "</Types>"
    }

    static let packageRelationships = header
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"\(relNS)/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"\(relNS)/extended-properties\" Target=\"docProps/app.xml\"/>"
        + "</Relationships>"

    static func appProperties(_ names: [String]) -> String {
        header + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
            + "<Application>hallbar</Application></Properties>"
    }

    static func workbook(_ names: [String], sheets: [XLSXSheet]) -> String {
        var out = header + "<workbook xmlns=\"\(mainNS)\" xmlns:r=\"\(relNS)\">"
        out += "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
        for (index, name) in names.enumerated() {
            out += "<sheet name=\"\(escape(name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        out += "</sheets>"
        // The autofilter of each sheet is named, as Excel itself writes it.
        let filtered = sheets.indices.filter { !sheets[$0].columns.isEmpty }
        if !filtered.isEmpty {
            out += "<definedNames>"
            for index in filtered {
                let sheet = sheets[index]
                let quoted = "'" + names[index].replacingEvery("'", with: "''") + "'"
                let last = columnName(sheet.columns.count - 1)
                out += "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(index)\" hidden=\"1\">"
                    + escape("\(quoted)!$A$1:$\(last)$\(sheet.rows.count + 1)") + "</definedName>"
            }
            out += "</definedNames>"
        }
        return out + "</workbook>"
    }

    static func workbookRelationships(count: Int) -> String {
        var out = header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for n in 0 ..< count {
            out += "<Relationship Id=\"rId\(n + 1)\" Type=\"\(relNS)/worksheet\" Target=\"worksheets/sheet\(n + 1).xml\"/>"
        }
        out += "<Relationship Id=\"rId\(count + 1)\" Type=\"\(relNS)/styles\" Target=\"styles.xml\"/>"
        return out + "</Relationships>"
    }

    /// Fonts: normal and bold. Number formats: 164 `yyyy-mm-dd`, 165 `#,##0.0` and 166
    /// `yyyy-mm-dd hh:mm:ss "UTC"` (custom), 3 `#,##0`, 4 `#,##0.00`, 10 `0.00%` (built in).
    /// The cell formats are `Style`'s.
    static let styles = header + """
        <styleSheet xmlns="\(mainNS)">\
        <numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/><numFmt numFmtId="165" formatCode="#,##0.0"/>\
        <numFmt numFmtId="166" formatCode="yyyy\\-mm\\-dd\\ hh:mm:ss\\ &quot;UTC&quot;"/></numFmts>\
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
        <font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="8">\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        </cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """

    static func worksheet(_ sheet: XLSXSheet) -> String {
        let width = max(sheet.columns.count, sheet.rows.map(\.count).max() ?? 0)
        let lastRow = sheet.rows.count + 1
        var out = header + "<worksheet xmlns=\"\(mainNS)\" xmlns:r=\"\(relNS)\">"
        if width > 0 { out += "<dimension ref=\"A1:\(columnName(width - 1))\(lastRow)\"/>" }
        out += "<sheetViews><sheetView workbookViewId=\"0\">"
        out += "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
        out += "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"
        out += "<sheetFormatPr defaultRowHeight=\"15\"/>"
        if width > 0 {
            out += "<cols>"
            for c in 0 ..< width {
                let header = c < sheet.columns.count ? sheet.columns[c] : ""
                let longest = sheet.rows.reduce(characters(header) + 2) { m, row in
                    c < row.count ? max(m, displayLength(row[c])) : m
                }
                let w = min(60, max(8, longest + 2))
                out += "<col min=\"\(c + 1)\" max=\"\(c + 1)\" width=\"\(w)\" customWidth=\"1\"/>"
            }
            out += "</cols>"
        }
        out += "<sheetData>"
        out += "<row r=\"1\">"
        for (c, name) in sheet.columns.enumerated() {
            out += cell(.text(name), reference: "\(columnName(c))1", style: .header)
        }
        out += "</row>"
        for (r, row) in sheet.rows.enumerated() {
            out += "<row r=\"\(r + 2)\">"
            for (c, value) in row.enumerated() where value != .empty {
                out += cell(value, reference: "\(columnName(c))\(r + 2)", style: nil)
            }
            out += "</row>"
        }
        out += "</sheetData>"
        if !sheet.columns.isEmpty {
            out += "<autoFilter ref=\"A1:\(columnName(sheet.columns.count - 1))\(lastRow)\"/>"
        }
        out += "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
        return out + "</worksheet>"
    }

    static func cell(_ value: XLSXValue, reference: String, style: Style?) -> String {
        func styled(_ s: Style) -> String { s == .normal ? "" : " s=\"\(s.rawValue)\"" }
        switch value {
        case .empty:
            return ""
        case .text(let text):
            return "<c r=\"\(reference)\"\(styled(style ?? .normal)) t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escapeText(text))</t></is></c>"
        case .integer(let v):
            return "<c r=\"\(reference)\"\(styled(style ?? .normal))><v>\(v)</v></c>"
        case .number(let text), .money(let text), .percent(let text), .rounded(let text, _):
            guard isDecimal(text) else { return cell(.text(text), reference: reference, style: style) }
            let s: Style
            switch value {
            case .money: s = .money
            case .percent: s = .percent
            case .rounded(_, let places): s = .grouped(places: places)
            default: s = .normal
            }
            return "<c r=\"\(reference)\"\(styled(style ?? s))><v>\(text)</v></c>"
        case let .date(year, month, day):
            guard let serial = dateSerial(year: year, month: month, day: day) else {
                return cell(.text("\(year)-\(month)-\(day)"), reference: reference, style: style)
            }
            return "<c r=\"\(reference)\"\(styled(style ?? .date))><v>\(serial)</v></c>"
        case .dateTime(let moment):
            guard let serial = moment.serial else { return cell(.text(moment.text), reference: reference, style: style) }
            return "<c r=\"\(reference)\"\(styled(style ?? .dateTime))><v>\(serial)</v></c>"
        }
    }

    /// The Excel (1900 date system) serial of a date from 1900-03-01 on: days since 1899-12-30.
    public static func dateSerial(year: Int, month: Int, day: Int) -> Int? {
        guard (1900 ... 9999).contains(year), (1 ... 12).contains(month), (1 ... 31).contains(day) else { return nil }
        let serial = daysFromCivil(year, month, day) - daysFromCivil(1899, 12, 30)
        return serial >= 61 ? serial : nil  // before 1900-03-01 Excel counts a 29 February 1900 that never was
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(_ y: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y - 1 : y
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// True for "-12", "0.5", "12.50": what `<v>` may hold as a number.
    static func isDecimal(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        if bytes.first == 0x2D { bytes = bytes.dropFirst() }
        guard let first = bytes.first, first != 0x2E, bytes.last != 0x2E else { return false }
        var points = 0
        for b in bytes {
            if b == 0x2E { points += 1; continue }
            guard b >= 0x30 && b <= 0x39 else { return false }
        }
        return points <= 1
    }

    /// "A" for 0, "Z" for 25, "AA" for 26.
    public static func columnName(_ index: Int) -> String {
        var n = index + 1
        var name = ""
        while n > 0 {
            let r = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + r))) + name
            n = (n - 1) / 26
        }
        return name
    }

    /// The sheet names as a spreadsheet accepts them: `[]:*?/\` replaced by `-`, at most 31
    /// characters, not empty, unique without regard to case ("Tabell (2)").
    static func uniqueNames(_ names: [String]) -> [String] {
        var used: Set<String> = []
        return names.enumerated().map { index, raw in
            var base = String(raw.map { "[]:*?/\\".contains($0) ? "-" : $0 })
            if base.hasPrefix("'") || base.hasSuffix("'") { base = base.trimmingQuotes }
            if base.isEmpty { base = "Sheet\(index + 1)" }
            base = String(base.prefix(31))
            var name = base
            var n = 2
            while used.contains(name.lowercased()) {
                let suffix = " (\(n))"
                name = String(base.prefix(31 - suffix.count)) + suffix
                n += 1
            }
            used.insert(name.lowercased())
            return name
        }
    }

    /// A rough width in characters of a value as the spreadsheet shows it.
    static func displayLength(_ value: XLSXValue) -> Int {
        switch value {
        case .empty: return 0
        case .text(let s):
            return s.split(whereSeparator: { $0.isNewline }).map { characters(String($0)) }.max() ?? 0
        case .integer(let v): return String(v).count
        case .number(let s): return s.count
        case .money(let s):
            let integerDigits = s.split(separator: ".").first?.count ?? s.count
            return integerDigits + integerDigits / 3 + 3
        case .percent: return 8
        case let .rounded(s, places):
            let integerDigits = (s.split(separator: ".").first?.count ?? s.count) - (s.hasPrefix("-") ? 1 : 0)
            return integerDigits + integerDigits / 3 + (places > 0 ? places + 1 : 0) + (s.hasPrefix("-") ? 1 : 0)
        case .date: return 10
        case .dateTime: return 23
        }
    }

    static func characters(_ text: String) -> Int { text.count }

    /// XML attribute or text escaping of `& < > "`.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Cell text: escaped, with the characters XML 1.0 cannot hold (controls other than tab,
    /// LF and CR, U+FFFE, U+FFFF) written as OOXML's `_xHHHH_`, and a literal `_xHHHH_`
    /// protected by escaping its underscore (`_x005F_`), as ECMA-376 §22.9.2.19 says.
    static func escapeText(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = ""
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if s == "_", i + 6 < scalars.count, scalars[i + 1] == "x", scalars[i + 6] == "_",
               scalars[(i + 2) ... (i + 5)].allSatisfy({ $0.properties.isASCIIHexDigit }) {
                out += "_x005F_"
                i += 1
                continue
            }
            switch s.value {
            case 0x09, 0x0A, 0x0D: out.unicodeScalars.append(s)
            case 0 ..< 0x20, 0xFFFE, 0xFFFF:
                let hex = String(s.value, radix: 16, uppercase: true)
                out += "_x" + String(repeating: "0", count: 4 - hex.count) + hex + "_"
            case 0x26: out += "&amp;"
            case 0x3C: out += "&lt;"
            case 0x3E: out += "&gt;"
            default: out.unicodeScalars.append(s)
            }
            i += 1
        }
        return out
    }
}

extension String {
    /// Every occurrence of `target` replaced by `replacement`.
    func replacingEvery(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }

    var trimmingQuotes: String {
        var s = Substring(self)
        while s.first == "'" { s = s.dropFirst() }
        while s.last == "'" { s = s.dropLast() }
        return String(s)
    }
}
