import Ledger

/// A cell of tabular output: text, or a number that stays a number in CSV and JSON.
enum Cell: Sendable, Equatable {
    case text(String)
    case integer(Int64)
    /// An exact decimal already rendered with a point ("0.168"), written unquoted in JSON.
    case decimal(String)
    case null

    /// The cell as a person reads it in a table: on one line (line breaks become spaces),
    /// control and format characters shown escaped (`\e`, `\u{202E}`), so a stored escape
    /// sequence never reaches a terminal raw.
    var display: String {
        switch self {
        case .text(let s): return TextRules.terminalSafe(s.oneLine)
        case .integer(let v): return String(v)
        case .decimal(let s): return s
        case .null: return ""
        }
    }

    var isNumeric: Bool {
        switch self {
        case .integer, .decimal: return true
        default: return false
        }
    }
}

/// Rows and named columns, rendered as an aligned table, CSV, Markdown or JSON.
/// Used by `query` and by reports for their flat forms.
struct Tabular: Sendable {
    var columns: [String]
    var rows: [[Cell]]

    /// The headings as a table prints them (one line, controls escaped).
    private var displayColumns: [String] { columns.map { TextRules.terminalSafe($0.oneLine) } }

    /// The width of each column of `table()`: its widest heading or cell.
    var columnWidths: [Int] {
        let columns = displayColumns
        return columns.indices.map { c in
            max(columns[c].displayWidth, rows.map { $0[c].display.displayWidth }.max() ?? 0)
        }
    }

    /// One row of `table()` at the given widths (a wider cell is not cut).
    static func tableRow(_ row: [Cell], widths: [Int], highlight: (Int, Cell, String) -> String = { _, _, s in s }) -> String {
        let cells = row.indices.map { c -> String in
            highlight(c, row[c], row[c].display.padded(c < widths.count ? widths[c] : 0, right: row[c].isNumeric))
        }
        return cells.joined(separator: "  ").trimmedTrailing() + "\n"
    }

    /// An aligned text table; numbers right-aligned. `highlight` may wrap a cell (colour).
    func table(highlight: (Int, Cell, String) -> String = { _, _, s in s }) -> String {
        let columns = displayColumns
        let widths = columnWidths
        var out = ""
        let header = columns.indices.map { columns[$0].padded(widths[$0], right: false) }
        out += header.joined(separator: "  ").trimmedTrailing() + "\n"
        out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { out += Tabular.tableRow(row, widths: widths, highlight: highlight) }
        return out
    }

    /// RFC 4180 CSV with CRLF-free LF lines; text cells that a spreadsheet would run as a
    /// formula (starting with = + - @, tab, CR or NUL) are prefixed with a single quote.
    func csv() -> String {
        var out = columns.map { Tabular.csvField(.text($0)) }.joined(separator: ",") + "\n"
        for row in rows { out += row.map(Tabular.csvField).joined(separator: ",") + "\n" }
        return out
    }

    static func csvField(_ cell: Cell) -> String {
        switch cell {
        case .integer, .decimal, .null: return cell.display
        case .text(var s):
            if let first = s.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r", "\0"].contains(first) {
                s = "'" + s
            }
            if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" }) {
                return "\"" + s.replacingEvery("\"", with: "\"\"") + "\""
            }
            return s
        }
    }

    /// A GitHub-flavoured Markdown table; every cell and heading through `ReportText.markdown`
    /// (HTML, `|`, `\\`, brackets and backticks escaped, one line, controls visible).
    func markdown() -> String {
        let escape = ReportText.markdown
        var out = "| " + columns.map(escape).joined(separator: " | ") + " |\n"
        out += "|" + columns.indices.map { c in
            (rows.first?[c].isNumeric ?? false) ? "---:|" : "---|"
        }.joined() + "\n"
        for row in rows { out += "| " + row.map { escape($0.display) }.joined(separator: " | ") + " |\n" }
        return out
    }

    /// A JSON array of objects keyed by column name.
    func json() -> String {
        let objects = rows.map { row in
            JSON.object(zip(columns, row).map { ($0, JSON(cell: $1)) })
        }
        return JSON.array(objects).rendered() + "\n"
    }
}

extension String {
    /// The text with every line break (CR, LF, CRLF, U+2028) as one space, for a table cell
    /// or a heading; CSV and JSON keep the text as stored.
    var oneLine: String {
        guard contains(where: { $0.isNewline }) else { return self }
        return split(omittingEmptySubsequences: true, whereSeparator: { $0.isNewline }).joined(separator: " ")
    }

    /// Width in terminal columns, counting each Unicode scalar that is not combining as one.
    var displayWidth: Int { unicodeScalars.filter { !$0.properties.isGraphemeExtend }.count }

    func padded(_ width: Int, right: Bool) -> String {
        let fill = String(repeating: " ", count: max(0, width - displayWidth))
        return right ? fill + self : self + fill
    }

    func trimmedTrailing() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
