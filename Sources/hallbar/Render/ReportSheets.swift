import Ledger
import XLSX

extension XLSXValue {
    /// An amount of öre as kronor with two decimals ("30000000.00"), exact.
    static func kronor(_ ore: Ore) -> XLSXValue {
        .money(MoneyFormat.plainKronor(ore))
    }

    /// A date.
    static func day(_ day: Day) -> XLSXValue { .date(year: day.year, month: day.month, day: day.day) }

    /// A fraction shown as a percentage (six decimals, as JSON), or empty without a value.
    static func fraction(_ ratio: Ratio?) -> XLSXValue {
        ratio?.decimalString(places: ChangePrecision.jsonPlaces).map(XLSXValue.percent) ?? .empty
    }

    /// A stored date text as a date, or as text when it is not one.
    static func day(text: String) -> XLSXValue {
        (try? Day.parse(text)).map(XLSXValue.day) ?? .text(text)
    }

    /// A stored UTC timestamp ("2026-12-05T19:23:39.798Z") as a date-time cell, or as text
    /// when it is not one.
    static func timestamp(text: String) -> XLSXValue {
        let b = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= b.count, b[range].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            return b[range].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        guard b.count >= 20, b.last == UInt8(ascii: "Z"), b[4] == 0x2D, b[7] == 0x2D, b[10] == UInt8(ascii: "T"),
              b[13] == 0x3A, b[16] == 0x3A, let year = number(0 ..< 4), let month = number(5 ..< 7), let day = number(8 ..< 10),
              let hour = number(11 ..< 13), let minute = number(14 ..< 16), let second = number(17 ..< 19)
        else { return .text(text) }
        var millisecond = 0
        if b.count > 20 {
            // ".798Z": a point and one to three digits.
            guard b[19] == 0x2E, (22 ... 24).contains(b.count), let digits = number(20 ..< b.count - 1) else { return .text(text) }
            millisecond = digits * [1, 100, 10, 1][b.count - 21]
        }
        let moment = XLSXDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second, millisecond: millisecond)
        return moment.serial == nil ? .text(text) : .dateTime(moment)
    }

    /// A value as the reports' CSV holds it: a number stays a number, text stays text.
    static func cell(_ cell: Cell) -> XLSXValue {
        switch cell {
        case .text(let s): return .text(s)
        case .integer(let v): return .integer(v)
        case .decimal(let s): return .number(s)
        case .null: return .empty
        }
    }
}

/// A report's sheets as CSV that a spreadsheet opens in columns with å/ä/ö intact: a UTF-8
/// byte order mark, CRLF line ends, and the delimiter and decimal separator of the language
/// (Swedish: `;` and a decimal comma, as Swedish Excel and LibreOffice expect; English: `,`
/// and a point). Amounts are kronor with two decimals, dates `YYYY-MM-DD`, moments
/// `YYYY-MM-DD HH:MM:SS` (UTC), percentages
/// "16,8229%" (a spreadsheet reads them as numbers); no thousands separators, which a
/// spreadsheet would read as text. Text that a spreadsheet would run as a formula (starting
/// with `= + - @`, tab, CR or NUL) gets a leading `'`. Several sheets follow one another,
/// each headed by its name and separated by an empty line.
struct SpreadsheetCSV {
    var language: FormatLanguage

    var delimiter: String { language == .sv ? ";" : "," }
    var decimalSeparator: String { language == .sv ? "," : "." }

    func render(_ sheets: [XLSXSheet]) -> String {
        var out = "\u{FEFF}"
        for (index, sheet) in sheets.enumerated() {
            if sheets.count > 1 {
                if index > 0 { out += "\r\n" }
                out += field(.text(sheet.name)) + "\r\n"
            }
            out += sheet.columns.map { field(.text($0)) }.joined(separator: delimiter) + "\r\n"
            for row in sheet.rows {
                out += row.map(field).joined(separator: delimiter) + "\r\n"
            }
        }
        return out
    }

    func number(_ text: String) -> String {
        language == .sv ? text.replacingEvery(".", with: ",") : text
    }

    func field(_ value: XLSXValue) -> String {
        switch value {
        case .empty: return ""
        case .integer(let v): return String(v)
        case .number(let s), .money(let s), .rounded(let s, _): return number(s)
        case .percent(let s): return number(Self.percent(s)) + "%"
        case let .date(y, m, d):
            return Day(year: y, month: m, day: d)?.description ?? "\(y)-\(m)-\(d)"
        case .dateTime(let moment):
            return moment.text
        case .text(let text):
            let s = Tabular.formulaSafe(text)
            if s.contains(where: { $0 == "\"" || $0.isNewline || String($0) == delimiter }) {
                return "\"" + s.replacingEvery("\"", with: "\"\"") + "\""
            }
            return s
        }
    }

    /// A decimal fraction as per cent, exactly, by moving the point: "0.168229" → "16.8229",
    /// "-0.05" → "-5", "1.5" → "150".
    static func percent(_ fraction: String) -> String {
        var text = Substring(fraction)
        let negative = text.first == "-"
        if negative { text = text.dropFirst() }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = String(parts[0])
        var decimals = parts.count > 1 ? String(parts[1]) : ""
        while decimals.count < 2 { decimals += "0" }
        var integer = whole + decimals.prefix(2)
        while integer.count > 1 && integer.first == "0" { integer.removeFirst() }
        var rest = String(decimals.dropFirst(2))
        while rest.last == "0" { rest.removeLast() }
        let magnitude = rest.isEmpty ? integer : integer + "." + rest
        return negative && magnitude != "0" ? "-" + magnitude : magnitude
    }
}
