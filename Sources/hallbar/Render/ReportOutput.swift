import Ledger
import LedgerStore
import XLSX

/// The formats every report can be written in (`--format`, any letter case).
enum ReportFormat: String, CaseIterable {
    case table, csv, json, md, html
    /// CSV as a spreadsheet opens it: a UTF-8 BOM, CRLF, and with `--lang sv` `;` and a
    /// decimal comma (`,` and a point with `--lang en`); amounts in kronor, dates as dates.
    case csvExcel = "csv-excel"
    /// An Office Open XML workbook (needs `--out`).
    case xlsx

    /// The values as help lists them.
    static let names = allCases.map(\.rawValue).joined(separator: ", ")
}

/// A rendered report: text, or a workbook's sheets that `ReportOutput.write` turns into bytes.
enum RenderedReport {
    case text(String)
    case bytes([UInt8])
}

/// Where and how a report is written: `--format`, `--out`, `--lang`, and whether the
/// table may be coloured. Parsed before the database is opened, so a bad value costs nothing.
///
/// Decisions (docs/reports.md): the default format is `table` whether or not stdout is a
/// terminal (a script asks for `csv` or `json` by name); colour (ANSI) only for a table
/// written to a terminal with `NO_COLOR` unset, and every status keeps its label.
/// `csv` stays RFC 4180 for programs (`,`, decimal point, öre, no BOM) whatever `--lang`
/// says; `csv-excel` and `xlsx` are for people working in a spreadsheet.
struct ReportOutput {
    var format: ReportFormat
    var language: FormatLanguage
    /// The file of `--out`, or nil for stdout.
    var outPath: String?
    /// True when the table may carry ANSI colours.
    var colour: Bool
    /// The ledger the report is made from, which `--out` must never name.
    var ledgerPath: String

    /// The options every report takes.
    static let options: [OptionSpec] = [
        .value("format", "format", "table (default), csv, csv-excel, json, md, html or xlsx (xlsx needs --out)."),
        .value("out", "file", "Write the report to this file (atomically) instead of stdout ('-' for stdout)."),
        .value("lang", "lang", "sv (default) or en, for labels and number formatting."),
    ]

    /// Reads `--format`, `--out` and `--lang` (keywords in any letter case). `--out -` is
    /// stdout, as for most tools (a workbook too, when stdout is not a terminal).
    /// - Throws: `UsageError` for an unknown format or language, an empty `--out`, or
    ///   `xlsx` without `--out` or to a terminal.
    init(_ invocation: Invocation) throws {
        let formatText = invocation.value("format") ?? "table"
        guard let format = ReportFormat(rawValue: formatText.lowercased()) else {
            throw invocation.usageError("Unknown format '\(formatText)': use \(ReportFormat.names)"
                + Suggestion.didYouMean(formatText.lowercased(), among: ReportFormat.allCases.map(\.rawValue)))
        }
        let langText = invocation.value("lang") ?? "sv"
        guard let language = FormatLanguage(rawValue: langText.lowercased()) else {
            throw invocation.usageError("Unknown language '\(langText)': use sv or en"
                + Suggestion.didYouMean(langText.lowercased(), among: FormatLanguage.allCases.map(\.rawValue)))
        }
        if let out = invocation.value("out"), out.isEmpty { throw invocation.usageError("'--out' needs a file name") }
        let out = invocation.value("out")
        if format == .xlsx && (out == nil || (out == "-" && Console.stdoutIsTerminal)) {
            throw invocation.usageError("--format xlsx writes a workbook, not text: add --out FILE.xlsx"
                + (out == nil ? "" : " (--out - only into a pipe or a file, not to a terminal)"))
        }
        self.format = format
        self.language = language
        self.outPath = out == "-" ? nil : out
        self.ledgerPath = invocation.databasePath
        let noColor = Files.environment("NO_COLOR").map { !$0.isEmpty } ?? false
        self.colour = format == .table && outPath == nil && Console.stdoutIsTerminal && !noColor
    }

    /// True for the formats made from the report's sheets (`xlsx`, `csv-excel`).
    var isSpreadsheet: Bool { format == .xlsx || format == .csvExcel }

    /// The report's sheets as the format wants them: a workbook with an "about" sheet
    /// (what the report covers, when and from which ledger) for `xlsx`; the data sheets
    /// as spreadsheet CSV for `csv-excel`.
    func spreadsheet(_ sheets: [XLSXSheet], title: String, meta: ReportMeta) -> RenderedReport {
        if format == .xlsx {
            return .bytes(XLSXWorkbook.write(sheets + [meta.sheet(title: title, self)]))
        }
        return .text(SpreadsheetCSV(language: language).render(sheets))
    }

    /// Writes the rendered report to stdout or, atomically, to `--out`.
    /// - Throws: `CLIError` with exit 73 when the file cannot be created.
    func write(_ report: RenderedReport) throws {
        let bytes: [UInt8]
        switch report {
        case .text(let text):
            guard outPath != nil else {
                Console.out(text)
                return
            }
            bytes = Array(text.utf8)
        case .bytes(let data):
            guard outPath != nil else {
                Console.out(bytes: data)  // `--out -` into a pipe (`init` refuses a terminal)
                return
            }
            bytes = data
        }
        guard let outPath else { return }
        try OutputFile.write(bytes, to: outPath, ledger: ledgerPath)
    }

    /// Picks the Swedish or English text.
    func text(_ sv: String, _ en: String) -> String { language == .sv ? sv : en }

    /// Text from the ledger (a title, a name, a path) as the text formats print it outside a
    /// table: Markdown-escaped for `md`, control and format characters shown escaped for
    /// `table` (HTML, CSV and JSON escape in their own way).
    func safe(_ text: String) -> String {
        format == .md ? ReportText.markdown(text) : TextRules.terminalSafe(text.oneLine)
    }
}

/// What every report ends with: what it covers, when it was made, from which database,
/// the ledger head (so a kept report proves what the ledger held: `hallbar verify
/// --against`), and whether the report's date lies in a closed period.
struct ReportMeta {
    /// "as_of" or "year", and its value.
    var subject: (key: String, value: String)
    /// UTC timestamp of the run.
    var generatedAt: String
    /// The database path as given.
    var database: String
    /// The chain's head when the report was read.
    var head: ChainHead
    /// The closed period the report's date lies in, if any.
    var closed: PeriodCloses.State?

    /// `sha256:…`, the ledger head.
    var ledgerHead: String { head.text }

    /// The `meta` object of JSON output. A year is a number there, as the report's own `year`
    /// key has it; a date is a string.
    var json: JSON {
        let value: JSON = subject.key == "year" ? Int64(subject.value).map(JSON.integer) ?? .string(subject.value) : .string(subject.value)
        var fields: [(String, JSON)] = [
            (subject.key, value), ("generated_at", .string(generatedAt)),
            ("database", .string(database)), ("ledger_head", .string(ledgerHead)), ("ledger_rows", .integer(head.rows)),
        ]
        if let closed {
            fields.append(("period_closed", .object([
                ("through", .string(closed.closedThrough.description)), ("closed_by", .string(closed.closedBy)),
                ("closed_at", .string(closed.closedAt)), ("reason", .string(closed.reason)),
            ])))
        } else {
            fields.append(("period_closed", .null))
        }
        return .object(fields)
    }

    /// The "about" sheet of a workbook: the report's title, what it covers, when it was
    /// made, from which database, and the ledger head hash.
    func sheet(title: String, _ output: ReportOutput) -> XLSXSheet {
        var rows: [[XLSXValue]] = [[.text(output.text("rapport", "report")), .text(title)]]
        if let day = try? Day.parse(subject.value) {
            rows.append([.text(subject.key), .day(day)])
        } else if let year = Int64(subject.value) {
            rows.append([.text(subject.key), .integer(year)])
        } else {
            rows.append([.text(subject.key), .text(subject.value)])
        }
        rows += [[.text("generated_at"), .timestamp(text: generatedAt)], [.text("database"), .text(database)],
                 [.text("ledger_head"), .text(ledgerHead)], [.text("lang"), .text(output.language.rawValue)]]
        return XLSXSheet(name: output.text("Om rapporten", "About"),
                         columns: [output.text("Uppgift", "Item"), output.text("Värde", "Value")], rows: rows)
    }

    /// The footer lines of table, Markdown and HTML output; moments to the minute
    /// ("2026-12-05 19:23 UTC"), as people read them (JSON and the workbook keep the stamp).
    func footer(_ output: ReportOutput) -> [String] {
        let what: String
        switch subject.key {
        case "year": what = output.text("År \(subject.value)", "Year \(subject.value)")
        case "record": what = output.text("Historik för \(subject.value)", "History of \(subject.value)")
        default: what = output.text("Per \(subject.value)", "As of \(subject.value)")
        }
        let made = RecordRender.minute(generatedAt)
        var lines = [
            what + output.text(". Framtagen \(made) ur \(database).", ". Made \(made) from \(database)."),
        ]
        if let closed {
            let at = RecordRender.minute(closed.closedAt)
            lines.append(output.text(
                "Perioden t.o.m. \(closed.closedThrough) är stängd (\(closed.closedBy), \(at): \(closed.reason)).",
                "The period through \(closed.closedThrough) is closed (\(closed.closedBy), \(at): \(closed.reason))."))
        }
        lines.append(output.text("Huvudbokens hash: ", "Ledger head: ") + ledgerHead
            + output.text(" (\(head.rows) rader)", " (\(head.rows) rows)"))
        return lines
    }
}

/// Small shared pieces of report rendering.
enum ReportText {
    /// A minimal self-contained HTML page around `body` (inline CSS, no scripts).
    static func htmlPage(title: String, language: FormatLanguage, style: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <title>\(html(title))</title>
        <style>
        \(style)
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    /// Text for Markdown: on one line; `&`, `<` and `>` as HTML entities (no tag or script
    /// passes); `|` (a table cell's end), `\\`, `[`, `]` and `` ` `` escaped with a backslash
    /// (no link, image or code span); control and format characters shown escaped.
    ///
    /// ```swift
    /// ReportText.markdown("<script>x</script>|")   // "&lt;script&gt;x&lt;/script&gt;\\|"
    /// ```
    static func markdown(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.oneLine.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "|", "\\", "[", "]", "`":
                out.append("\\")
                out.append(scalar)
            default: out.append(scalar)
            }
        }
        return TextRules.terminalSafe(String(out))
    }

    /// Escapes `&`, `<`, `>`, `"` and `'` for HTML text and attribute values, and shows a
    /// control or invisible format character visibly as `TextRules.escape` writes it (`\e`,
    /// `\u{202E}`), so a direction override written into the ledger past hallbar cannot turn
    /// a committee paper's text around; tab and line breaks stay (HTML reads them as spaces).
    static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(ch)
            default:
                if TextRules.isControl(ch) || TextRules.isFormat(ch) {
                    out += TextRules.escape(ch)
                } else {
                    out.unicodeScalars.append(ch)
                }
            }
        }
        return out
    }

    /// A plain HTML table of a `Tabular` (for reports other than the follow-up).
    static func htmlTable(_ tabular: Tabular) -> String {
        var out = "<table>\n<thead><tr>" + tabular.columns.map { "<th>\(html($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in tabular.rows {
            out += "<tr>" + row.map { cell in
                cell.isNumeric || isFigure(cell.display) ? "<td class=\"num\">\(html(cell.display))</td>" : "<td>\(html(cell.display))</td>"
            }.joined() + "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// True for text that reads as a figure ("91,6 mdkr", "+15 %"), right-aligned in HTML.
    static func isFigure(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        return first == "+" || first == "-" || first == "–" || first.isDecimalDigit
    }

    /// The CSS of the simple report pages.
    static let simpleStyle = """
        body { font-family: system-ui, sans-serif; margin: 2em; color: #111; }
        table { border-collapse: collapse; margin: 1em 0; }
        th, td { border-bottom: 1px solid #ccc; padding: 0.3em 0.8em; text-align: left; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        footer { margin-top: 2em; font-size: 0.8em; color: #555; }
        """

    /// The document of a simple report: a heading, tables with optional captions, a footer.
    static func simpleHTML(title: String, sections: [(caption: String?, table: Tabular)], meta: ReportMeta, output: ReportOutput) -> String {
        var body = "<h1>\(html(title))</h1>\n"
        for section in sections {
            if let caption = section.caption { body += "<h2>\(html(caption))</h2>\n" }
            body += htmlTable(section.table)
        }
        body += "<footer>" + meta.footer(output).map(html).joined(separator: "<br>") + "</footer>"
        return htmlPage(title: title, language: output.language, style: simpleStyle, body: body)
    }

    /// The document of a simple report as a text table or Markdown.
    static func simpleText(title: String, sections: [(caption: String?, table: Tabular)], meta: ReportMeta, output: ReportOutput, markdown: Bool) -> String {
        var out = "\(markdown ? "# " : "")\(output.safe(title))\n\n"
        for section in sections {
            if let caption = section.caption { out += markdown ? "## \(output.safe(caption))\n\n" : "\(output.safe(caption))\n" }
            // Markdown aligns whole columns: right where every cell is a figure, as in the table.
            out += markdown ? section.table.markdown(rightAligned: { column in
                column > 0 && section.table.rows.contains { !$0[column].display.isEmpty }
                    && section.table.rows.allSatisfy { $0[column].isNumeric || $0[column].display.isEmpty || ReportText.isFigure($0[column].display) }
            }) : section.table.table { column, cell, padded in
                // Figures printed as text ("91,6 mdkr", "+15 %") line up on the right like numbers.
                guard column > 0, !cell.isNumeric, ReportText.isFigure(cell.display) else { return padded }
                return cell.display.padded(padded.displayWidth, right: true)
            }
            out += "\n"
        }
        let footer = meta.footer(output).map(output.safe)
        out += markdown ? footer.map { "_\($0)_" }.joined(separator: "  \n") + "\n" : footer.joined(separator: "\n") + "\n"
        return out
    }
}
