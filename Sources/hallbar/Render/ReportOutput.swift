import Ledger

/// The formats every report can be written in (`--format`).
enum ReportFormat: String, CaseIterable {
    case table, csv, json, md, html
}

/// Where and how a report is written: `--format`, `--out`, `--lang`, and whether the
/// table may be coloured. Parsed before the database is opened, so a bad value costs nothing.
///
/// Decisions (docs/reports.md): the default format is `table` whether or not stdout is a
/// terminal (a script asks for `csv` or `json` by name); colour (ANSI) only for a table
/// written to a terminal with `NO_COLOR` unset, and every status keeps its label.
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
        .value("format", "format", "table (default), csv, json, md or html."),
        .value("out", "file", "Write the report to this file (atomically) instead of stdout."),
        .value("lang", "lang", "sv (default) or en, for labels and number formatting."),
    ]

    /// Reads `--format`, `--out` and `--lang`.
    /// - Throws: `UsageError` for an unknown format or language or an empty `--out`.
    init(_ invocation: Invocation) throws {
        let formatText = invocation.value("format") ?? "table"
        guard let format = ReportFormat(rawValue: formatText) else {
            throw invocation.usageError("Unknown format '\(formatText)': use table, csv, json, md or html")
        }
        let langText = invocation.value("lang") ?? "sv"
        guard let language = FormatLanguage(rawValue: langText) else {
            throw invocation.usageError("Unknown language '\(langText)': use sv or en")
        }
        if let out = invocation.value("out"), out.isEmpty { throw invocation.usageError("'--out' needs a file name") }
        self.format = format
        self.language = language
        self.outPath = invocation.value("out")
        self.ledgerPath = invocation.databasePath
        let noColor = Files.environment("NO_COLOR").map { !$0.isEmpty } ?? false
        self.colour = format == .table && outPath == nil && Console.stdoutIsTerminal && !noColor
    }

    /// Writes the rendered report to stdout or, through `OutputFile`, to `--out`.
    /// - Throws: `CLIError` with exit 73 when the file is refused or cannot be created.
    func write(_ text: String) throws {
        guard let outPath else {
            Console.out(text)
            return
        }
        try OutputFile.write(Array(text.utf8), to: outPath, ledger: ledgerPath)
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
/// and the ledger head hash (so a cut-off ledger is detectable against a kept report).
struct ReportMeta {
    /// "as_of" or "year", and its value.
    var subject: (key: String, value: String)
    /// UTC timestamp of the run.
    var generatedAt: String
    /// The database path as given.
    var database: String
    /// `LedgerHead.compute`.
    var ledgerHead: String

    /// The `meta` object of JSON output.
    var json: JSON {
        .object([
            (subject.key, .string(subject.value)), ("generated_at", .string(generatedAt)),
            ("database", .string(database)), ("ledger_head", .string(ledgerHead)),
        ])
    }

    /// The footer lines of table, Markdown and HTML output.
    func footer(_ output: ReportOutput) -> [String] {
        let what = subject.key == "year"
            ? output.text("År \(subject.value)", "Year \(subject.value)")
            : output.text("Per \(subject.value)", "As of \(subject.value)")
        return [
            what + output.text(". Framtagen \(generatedAt) ur \(database).", ". Made \(generatedAt) from \(database)."),
            output.text("Huvudbokens hash: ", "Ledger head: ") + ledgerHead,
        ]
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

    /// Escapes `&`, `<`, `>`, `"` and `'` for HTML text and attribute values.
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
            default: out.unicodeScalars.append(ch)
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
            out += markdown ? section.table.markdown() : section.table.table { column, cell, padded in
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
