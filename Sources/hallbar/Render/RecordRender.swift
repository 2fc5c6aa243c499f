import Ledger
import LedgerStore
import XLSX

/// What `list`, `show` and `balance` print: a title, a record's fields (show), tables of
/// rows, and the meta every report ends with.
struct RecordDocument {
    var title: String
    /// A short name for the first sheet of a workbook ("Lån", "Lån 230101").
    var sheetName: String
    /// The JSON object's first keys (`as_of`, `filters`).
    var leading: [(String, JSON)]
    /// One record's fields (one row), shown as label and value; nil for a list.
    var fields: RecordTable?
    var tables: [RecordTable]
    /// The amount columns that get a total line in table, Markdown and HTML.
    var totals: Set<String> = []
    var meta: ReportMeta
    /// The first table already laid out as text while it was read (a long list printed as
    /// a table); its `RecordTable` then holds the columns only.
    var laidOut: TableBuilder? = nil
}

/// Renders a `RecordDocument` in every format. Amounts are kronor with Swedish (or English)
/// grouping for people (table, md, html), öre for programs (json, csv), kronor numbers in
/// spreadsheets (csv-excel, xlsx); yes/no values as words for people and `true`/`false`
/// for programs; codes (`green`) as labels for people and spreadsheets ("Grön"), as codes
/// for programs. Pure: document in, text or bytes out.
struct RecordRender {
    let document: RecordDocument
    let output: ReportOutput

    func render() -> RenderedReport {
        switch output.format {
        case .json: return .text(json().rendered() + "\n")
        case .csv: return .text(csv())
        case .table: return .text(text(markdown: false))
        case .md: return .text(text(markdown: true))
        case .html: return .text(html())
        case .xlsx, .csvExcel: return output.spreadsheet(sheets(), title: document.title, meta: document.meta)
        }
    }

    // MARK: values

    /// A value as a person reads it.
    func display(_ value: ListValue, _ type: ListValueType) -> String {
        switch (value, type) {
        case (.null, _): return ""
        case (.integer(let v), .ore): return MoneyFormat.kronor(v, language: output.language)
        case (.integer(let v), .hundredths): return MoneyFormat.hundredths(v, language: output.language)
        case (.integer(let v), .bool): return v != 0 ? output.text("ja", "yes") : output.text("nej", "no")
        case (.integer(let v), _): return String(v)
        case (.text(let t), .timestamp): return Self.minute(t)
        case (.text(let t), .measure): return Self.measure(t).display(language: output.language)
        case (.text(let t), .code(let vocabulary)): return RecordLabels.code(t, vocabulary, output)
        case (.text(let t), _): return t
        }
    }

    /// A stored indicator value read back: a number, a range or a text (text it cannot read).
    static func measure(_ stored: String) -> ReadingValue {
        IndicatorView.value(stored) ?? .text(stored)
    }

    /// A stored UTC timestamp to the minute, as the follow-up's approval line prints it:
    /// "2026-12-05T19:23:39.798Z" → "2026-12-05 19:23 UTC"; other text as it is.
    static func minute(_ stamp: String) -> String {
        let bytes = Array(stamp.utf8)
        guard bytes.count >= 16, bytes[10] == UInt8(ascii: "T"), bytes.last == UInt8(ascii: "Z") else { return stamp }
        return String(decoding: bytes[0..<10], as: UTF8.self) + " " + String(decoding: bytes[11..<16], as: UTF8.self) + " UTC"
    }

    /// A value in JSON: öre and counts as integers, yes/no as booleans.
    static func json(_ value: ListValue, _ type: ListValueType) -> JSON {
        switch (value, type) {
        case (.null, _): return .null
        case (.integer(let v), .bool): return .bool(v != 0)
        case (.integer(let v), .hundredths): return .number(MoneyFormat.plainKronor(v))
        case (.integer(let v), _): return .integer(v)
        case (.text(let t), _): return .string(t)
        }
    }

    /// A value in `--format csv`: as JSON has it, without quotes for numbers.
    static func cell(_ value: ListValue, _ type: ListValueType) -> Cell {
        switch (value, type) {
        case (.null, _): return .null
        case (.integer(let v), .bool): return .text(v != 0 ? "true" : "false")
        case (.integer(let v), .hundredths): return .decimal(MoneyFormat.plainKronor(v))
        case (.integer(let v), _): return .integer(v)
        case (.text(let t), .measure): return IndicatorView.cell(t)
        case (.text(let t), _): return .text(t)
        }
    }

    /// A value in a workbook: amounts as kronor, dates as dates, moments as date and time
    /// (UTC), an indicator's number as a number, a code by its word.
    func xlsx(_ value: ListValue, _ type: ListValueType) -> XLSXValue {
        switch (value, type) {
        case (.null, _): return .empty
        case (.integer(let v), .ore): return .kronor(v)
        case (.integer(let v), .hundredths): return .money(MoneyFormat.plainKronor(v))
        case (.integer, .bool): return .text(display(value, type))
        case (.integer(let v), _): return .integer(v)
        case (.text(let t), .date): return .day(text: t)
        case (.text(let t), .timestamp): return .timestamp(text: t)
        case (.text(let t), .measure): return .cell(IndicatorView.cell(t))
        case (.text, .code): return .text(display(value, type))
        case (.text(let t), _): return .text(t)
        }
    }

    static func rightAligned(_ type: ListValueType) -> Bool {
        type == .ore || type == .integer || type == .measure || type == .hundredths
    }

    // MARK: JSON and CSV

    func json() -> JSON {
        var pairs = document.leading
        if let fields = document.fields, let row = fields.rows.first {
            pairs += zip(fields.columns, row).map { ($0.key, Self.json($1, $0.type)) }
        }
        var groups: [(String, [(String, JSON)])] = []
        for table in document.tables {
            let rows = JSON.array(table.rows.map { row in .object(zip(table.columns, row).map { ($0.key, Self.json($1, $0.type)) }) })
            guard let group = table.group else {
                pairs.append((table.name, rows))
                continue
            }
            if let index = groups.firstIndex(where: { $0.0 == group }) {
                groups[index].1.append((table.name, rows))
            } else {
                groups.append((group, [(table.name, rows)]))
            }
        }
        pairs += groups.map { ($0.0, JSON.object($0.1)) }
        pairs.append(("meta", document.meta.json))
        return .object(pairs)
    }

    /// A list is one RFC 4180 table with the keys as header. A record's details are its
    /// fields as `key,value` lines, then each table after an empty line and a line with its
    /// name (as `csv-excel` writes several sheets).
    func csv() -> String {
        func tabular(_ table: RecordTable) -> Tabular {
            Tabular(columns: table.columns.map(\.key),
                    rows: table.rows.map { row in zip(table.columns, row).map { Self.cell($1, $0.type) } })
        }
        guard let fields = document.fields, let row = fields.rows.first else {
            return document.tables.map { tabular($0).csv() }.joined(separator: "\n")
        }
        var out = Tabular(columns: ["key", "value"],
                          rows: zip(fields.columns, row).map { [.text($0.key), Self.cell($1, $0.type)] }).csv()
        for table in document.tables {
            out += "\n" + Tabular.csvField(.text(table.group.map { "\($0).\(table.name)" } ?? table.name)) + "\n" + tabular(table).csv()
        }
        return out
    }

    // MARK: table, Markdown, HTML

    /// The fields as label and value, those without a value left out.
    func fieldRows() -> [(String, String)] {
        guard let fields = document.fields, let row = fields.rows.first else { return [] }
        return zip(fields.columns, row).filter { !$1.isNull }.map { (RecordLabels.label($0.key, output), display($1, $0.type)) }
    }

    /// The columns of `table` that hold a value in some row (an entry list without
    /// reversals has no reversal columns).
    func kept(_ table: RecordTable) -> [Int] {
        table.columns.indices.filter { c in table.rows.contains { !$0[c].isNull } }
    }

    /// The total of each amount column the document sums, when the table has more than one
    /// row (nil for a column whose sum leaves 64 bits).
    func totals(_ table: RecordTable) -> [Int: Ore?]? {
        let summed = table.columns.indices.filter { document.totals.contains(table.columns[$0].key) }
        guard !summed.isEmpty && table.rows.count > 1 else { return nil }
        var totals: [Int: Ore?] = [:]
        for c in summed {
            var sum: Ore = 0, overflow = false
            for row in table.rows {
                let (s, o) = sum.addingReportingOverflow(row[c].integer ?? 0)
                sum = s
                overflow = overflow || o
            }
            totals[c] = overflow ? nil : sum
        }
        return totals
    }

    /// What a total line shows for a sum that leaves 64 bits of öre: never a blank, which
    /// would read as nothing; the command then exits 65 (`overflowedTotals`).
    static func tooLarge(_ output: ReportOutput) -> String {
        output.text("för stort att summera", "too large to add up")
    }

    /// The labels of the total columns whose sum leaves 64 bits in the formats that print a
    /// total line (table, Markdown, HTML); empty for the others and when every total fits.
    func overflowedTotals() -> [String] {
        guard output.format == .table || output.format == .md || output.format == .html else { return [] }
        var keys: [String] = []
        for (index, table) in document.tables.enumerated() {
            if index == 0, let laidOut = document.laidOut, output.format == .table {
                keys += laidOut.overflowedTotals
            } else if let totals = totals(table) {
                keys += totals.keys.sorted().filter { totals[$0] == .some(nil) }.map { table.columns[$0].key }
            }
        }
        var seen = Set<String>()
        return keys.filter { seen.insert($0).inserted }.map { RecordLabels.label($0, output) }
    }

    /// A table's header, its cells as people read them, which columns are right-aligned,
    /// and the total line (Markdown and HTML).
    func displayed(_ table: RecordTable) -> (columns: [String], rows: [[String]], right: [Bool], kept: [ListColumn]) {
        let kept = self.kept(table)
        var rows = table.rows.map { row in kept.map { display(row[$0], table.columns[$0].type) } }
        if let totals = totals(table) {
            rows.append(kept.enumerated().map { index, c in
                if index == 0 { return output.text("Summa", "Total") }
                return totals[c].map { $0.map { MoneyFormat.kronor($0, language: output.language) } ?? Self.tooLarge(output) } ?? ""
            })
        }
        return (kept.map { RecordLabels.label(table.columns[$0].key, output) }, rows, kept.map { Self.rightAligned(table.columns[$0].type) },
                kept.map { table.columns[$0] })
    }

    /// The text table of `table`, laid out as bytes (TableBuilder): the same cells as
    /// `displayed`, fast enough for tens of thousands of rows.
    func textTable(_ table: RecordTable) -> TableBuilder {
        var builder = TableBuilder(columns: table.columns, totals: document.totals, output: output, capacity: table.rows.count + 1)
        for row in table.rows { builder.append(row) }
        return builder
    }

    /// "41 lån", "1 rad": how many rows a table has.
    func count(_ n: Int) -> String {
        return output.text(n == 1 ? "1 rad" : "\(n) rader", n == 1 ? "1 row" : "\(n) rows")
    }

    func text(markdown: Bool) -> String {
        var out = ""
        write(markdown: markdown) { out += $0 }
        return out
    }

    /// The table or Markdown form, given to `emit` piece by piece (a long table in pieces of
    /// about 64 KiB), so that printing it to a terminal or a pipe needs no copy of the whole.
    func write(markdown: Bool, _ emit: (String) -> Void) {
        var out = markdown ? "# \(Self.markdownEscape(document.title))\n\n" : "\(Self.plainText(document.title))\n\n"
        let fields = fieldRows()
        if !fields.isEmpty {
            if markdown {
                out += "| " + output.text("Uppgift", "Field") + " | " + output.text("Värde", "Value") + " |\n|---|---|\n"
                out += fields.map { "| \(Self.markdownEscape($0.0)) | \(Self.markdownEscape($0.1)) |" }.joined(separator: "\n") + "\n\n"
            } else {
                let width = fields.map { $0.0.displayWidth }.max() ?? 0
                out += fields.map { ($0.0 + ":").padded(width + 1, right: false) + "  " + Self.plainText($0.1) }.joined(separator: "\n") + "\n\n"
            }
        }
        for (index, table) in document.tables.enumerated() {
            if document.fields != nil {
                let caption = RecordLabels.caption(table, output)
                out += markdown ? "## \(Self.markdownEscape(caption))\n\n" : "\(Self.plainText(caption))\n"
            }
            var builder = markdown ? nil : (index == 0 ? document.laidOut : nil) ?? textTable(table)
            let rows = builder?.rows ?? table.rows.count
            if rows == 0 {
                out += output.text("(inga)", "(none)") + "\n\n"
                continue
            }
            if markdown {
                let shown = displayed(table)
                out += "| " + shown.columns.map(Self.markdownEscape).joined(separator: " | ") + " |\n"
                out += "|" + shown.right.map { $0 ? "---:|" : "---|" }.joined() + "\n"
                for row in shown.rows { out += "| " + row.map(Self.markdownEscape).joined(separator: " | ") + " |\n" }
            } else {
                emit(out)
                out = ""
                builder?.finish(emit)
            }
            out += (markdown ? "\n_\(count(rows))_\n\n" : count(rows) + "\n\n")
        }
        let footer = document.meta.footer(output)
        out += markdown ? footer.map { "_\(Self.markdownEscape($0))_" }.joined(separator: "  \n") + "\n"
            : footer.map(Self.plainText).joined(separator: "\n") + "\n"
        emit(out)
    }

    /// Text in a Markdown table cell or heading (`ReportText.markdown`, as history and the
    /// follow-up write it): HTML, `|`, `\`, brackets and backticks escaped, on one line,
    /// control and invisible format characters shown visibly.
    static func markdownEscape(_ text: String) -> String { ReportText.markdown(text) }

    /// Text in the text table form: on one line, control and invisible format characters
    /// shown visibly (`\e`, `\u{202E}`), so a stored escape sequence never reaches a terminal.
    static func plainText(_ text: String) -> String { TextRules.terminalSafe(text.oneLine) }

    /// The HTML page, made to be printed as well as read: A4 (landscape when a table has
    /// more than `portraitColumns` columns), every table as wide as the page with its text
    /// columns wrapping (a long word or a hash anywhere), while amounts, numbers, dates,
    /// moments, codes and keys never break inside (`cellClass`); header rows repeat on each
    /// printed page and no row is split across two.
    func html() -> String {
        let h = ReportText.html
        var body = "<h1>\(h(document.title))</h1>\n"
        if let fields = document.fields, let row = fields.rows.first {
            let shown = zip(fields.columns, row).filter { !$1.isNull }
            if !shown.isEmpty {
                body += "<table class=\"fields\">\n" + shown.map { column, value in
                    "<tr><th>\(h(RecordLabels.label(column.key, output)))</th>"
                        + "<td\(Self.classAttribute(Self.cellClass(column, numeric: false)))>\(h(display(value, column.type)))</td></tr>"
                }.joined(separator: "\n") + "\n</table>\n"
            }
        }
        var widest = 0
        for table in document.tables {
            if document.fields != nil { body += "<h2>\(h(RecordLabels.caption(table, output)))</h2>\n" }
            if table.rows.isEmpty {
                body += "<p>\(h(output.text("(inga)", "(none)")))</p>\n"
                continue
            }
            let shown = displayed(table)
            widest = max(widest, shown.columns.count)
            let classes = shown.kept.indices.map { Self.cellClass(shown.kept[$0], numeric: shown.right[$0]) }
            body += "<table class=\"rows\">\n<thead><tr>" + shown.columns.indices.map { c in
                "<th\(Self.classAttribute(shown.right[c] ? "num" : nil))>\(h(shown.columns[c]))</th>"
            }.joined() + "</tr></thead>\n<tbody>\n"
            for row in shown.rows {
                body += "<tr>" + row.indices.map { c in "<td\(Self.classAttribute(classes[c]))>\(h(row[c]))</td>" }.joined() + "</tr>\n"
            }
            body += "</tbody>\n</table>\n<p class=\"count\">\(h(count(table.rows.count)))</p>\n"
        }
        body += "<footer>" + document.meta.footer(output).map(h).joined(separator: "<br>") + "</footer>"
        return ReportText.htmlPage(title: document.title, language: output.language,
                                   style: Self.printStyle(landscape: widest > Self.portraitColumns), body: body)
    }

    /// The most columns a table may have for the page to print in portrait.
    static let portraitColumns = 6

    /// The keys whose values are identifiers: never broken inside ("E-000001", "556900-1018").
    static let identifiers: Set<String> = [
        "external_id", "loan_number", "indicator_id", "org_no", "borrower_org_no", "member_org_no", "owner_org_no",
        "isin", "reverses", "reversed_by", "recorded_by", "currency",
    ]

    /// The HTML class of a cell of `column`: `num` (right-aligned, never broken) for amounts
    /// and numbers, `keep` (never broken) for dates, moments, yes/no, codes and identifiers,
    /// `hash` for a SHA-256 (small, broken anywhere), nil for text, which wraps.
    static func cellClass(_ column: ListColumn, numeric: Bool) -> String? {
        if numeric { return "num" }
        if column.key.hasSuffix("sha256") || column.key.hasSuffix("_hash") { return "hash" }
        switch column.type {
        case .date, .timestamp, .bool, .ore, .integer, .measure, .hundredths: return "keep"
        case .code(let code): return code == .category ? nil : "keep"
        case .text: return identifiers.contains(column.key) ? "keep" : nil
        }
    }

    static func classAttribute(_ name: String?) -> String { name.map { " class=\"\($0)\"" } ?? "" }

    /// The page's CSS: the screen layout of the simple reports, and for print an A4 page
    /// (`landscape` for wide tables) with 12 mm margins and a 9 pt text.
    static func printStyle(landscape: Bool) -> String {
        """
        @page { size: A4 \(landscape ? "landscape" : "portrait"); margin: 12mm; }
        body { font-family: system-ui, sans-serif; margin: 2em; color: #111; }
        h1 { font-size: 1.5em; }
        h2 { font-size: 1.15em; margin-top: 1.2em; break-after: avoid; page-break-after: avoid; }
        table { border-collapse: collapse; margin: 1em 0; }
        table.rows { width: 100%; }
        th, td { border-bottom: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
        td { overflow-wrap: break-word; hyphens: auto; }
        th { font-size: 0.9em; }
        th.num { text-align: right; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; overflow-wrap: normal; }
        td.keep { white-space: nowrap; overflow-wrap: normal; }
        td.hash { font-family: ui-monospace, monospace; font-size: 0.85em; overflow-wrap: anywhere; }
        table.fields th { font-weight: normal; color: #555; padding-right: 2em; white-space: nowrap; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        p.count { font-size: 0.85em; color: #555; margin-top: -0.5em; }
        footer { margin-top: 2em; font-size: 0.8em; color: #555; overflow-wrap: anywhere; }
        @media print {
          body { margin: 0; font-size: 9pt; }
          th, td { padding: 0.2em 0.45em; }
        }
        """
    }

    // MARK: spreadsheets

    /// A sheet of the fields (label, value, key) for a record, and a sheet per table with
    /// labels as header; amounts in kronor, dates as dates.
    func sheets() -> [XLSXSheet] {
        var sheets: [XLSXSheet] = []
        if let fields = document.fields, let row = fields.rows.first {
            sheets.append(XLSXSheet(
                name: document.sheetName, columns: [output.text("Uppgift", "Field"), output.text("Värde", "Value"), output.text("Nyckel", "Key")],
                rows: zip(fields.columns, row).map { [.text(RecordLabels.label($0.key, output)), xlsx($1, $0.type), .text($0.key)] }))
        }
        for table in document.tables {
            let name = document.fields == nil ? document.sheetName : RecordLabels.caption(table, output)
            sheets.append(XLSXSheet(name: name, columns: table.columns.map { RecordLabels.label($0.key, output) },
                                    rows: table.rows.map { row in zip(table.columns, row).map { xlsx($1, $0.type) } }))
        }
        return sheets
    }
}
