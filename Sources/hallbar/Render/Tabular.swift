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
        // Each cell's text and width once (a large report has tens of thousands of cells).
        let columns = displayColumns
        let texts = rows.map { $0.map(\.display) }
        let cellWidths = texts.map { $0.map(\.displayWidth) }
        var widths = columns.map(\.displayWidth)
        for row in cellWidths { for (c, width) in row.enumerated() where width > widths[c] { widths[c] = width } }
        var out = ""
        let header = columns.indices.map { columns[$0].padded(widths[$0], right: false) }
        out += header.joined(separator: "  ").trimmedTrailing() + "\n"
        out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for (r, row) in rows.enumerated() {
            var line = ""
            for c in row.indices {
                if c > 0 { line += "  " }
                line += highlight(c, row[c], texts[r][c].padded(widths[c], right: row[c].isNumeric, from: cellWidths[r][c]))
            }
            out += line.trimmedTrailing() + "\n"
        }
        return out
    }

    /// RFC 4180 CSV with CRLF-free LF lines; text cells that a spreadsheet would run as a
    /// formula (starting with = + - @, tab, CR or NUL) are prefixed with a single quote.
    func csv() -> String {
        var out = columns.map { Tabular.csvField(.text($0)) }.joined(separator: ",") + "\n"
        for row in rows { out += row.map(Tabular.csvField).joined(separator: ",") + "\n" }
        return out
    }

    /// `text` with a leading `'` when a spreadsheet would run it as a formula (it starts with
    /// `= + - @`, tab, CR or NUL); other text as it is.
    static func formulaSafe(_ text: String) -> String {
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r", "\0"].contains(first) { return "'" + text }
        return text
    }

    static func csvField(_ cell: Cell) -> String {
        switch cell {
        case .integer, .decimal, .null: return cell.display
        case .text(let text):
            let s = formulaSafe(text)
            // Bytes, not characters: faster, and a CRLF (one Character) is quoted too.
            if s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D || $0 == 0x3B }) {
                return "\"" + s.replacingEvery("\"", with: "\"\"") + "\""
            }
            return s
        }
    }

    /// A GitHub-flavoured Markdown table; every cell and heading through `ReportText.markdown`
    /// (HTML, `|`, `\\`, brackets and backticks escaped, one line, controls visible).
    /// Columns are right-aligned where `rightAligned` says so, by default where the first
    /// row's cell is a number.
    func markdown(rightAligned: ((Int) -> Bool)? = nil) -> String {
        let escape = ReportText.markdown
        let right = rightAligned ?? { c in rows.first?[c].isNumeric ?? false }
        var out = "| " + columns.map(escape).joined(separator: " | ") + " |\n"
        out += "|" + columns.indices.map { right($0) ? "---:|" : "---|" }.joined() + "\n"
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
        // The scalars `Character.isNewline` stands for (LF, VT, FF, CR, NEL, LS, PS), found without
        // breaking the text into characters: most cells have none.
        guard unicodeScalars.contains(where: { (0x0A...0x0D).contains($0.value) || $0.value == 0x85 || $0.value == 0x2028 || $0.value == 0x2029 })
        else { return self }
        return split(omittingEmptySubsequences: true, whereSeparator: { $0.isNewline }).joined(separator: " ")
    }

    /// Width in terminal columns, counting each Unicode scalar that is not combining as one.
    var displayWidth: Int {
        // No scalar below U+0300 extends a grapheme: those are counted without a property look-up.
        var width = 0
        for scalar in unicodeScalars where scalar.value < 0x300 || !scalar.properties.isGraphemeExtend { width += 1 }
        return width
    }

    func padded(_ width: Int, right: Bool) -> String {
        padded(width, right: right, from: displayWidth)
    }

    /// Padded to `width` given its own width (known already): spaces sliced from one string,
    /// not made anew for every cell.
    func padded(_ width: Int, right: Bool, from ownWidth: Int) -> String {
        let count = width - ownWidth
        guard count > 0 else { return self }
        let fill = count <= blanks.utf8.count ? blanks.prefix(count) : Substring(String(repeating: " ", count: count))
        if right { return fill + self }
        var text = self
        text += fill
        return text
    }

    func trimmedTrailing() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}

/// Spaces to pad table cells with (`String.padded`).
private let blanks = String(repeating: " ", count: 160)
