import Ledger
import LedgerStore
import XLSX

/// Renders `report requests`: each borrower's reporting form for a year (domain.md, "The
/// annual reporting cycle").
///
/// The form's two tables, indicators and impact metrics, carry as headers exactly the
/// column names of `import readings` and `import metrics` plus the context columns those
/// imports accept and ignore (`RequestForm.readingContextColumns`, `metricContextColumns`),
/// with `year` (and `basis` = actual) filled in and `value` left to fill, or holding the
/// value already recorded. A filled-in table, saved as CSV from any spreadsheet, imports
/// back as it is. `xlsx` gives one workbook per borrower (a sheet per table and one with
/// instructions), `csv` and `csv-excel` one file per table and borrower, `html` a printable
/// page per borrower.
struct RequestFormsRender {
    var forms: [RequestForm]
    var year: Int
    var meta: ReportMeta
    var output: ReportOutput

    var title: String { output.text("Rapportering för \(year)", "Reporting for \(year)") }

    func formTitle(_ form: RequestForm) -> String {
        output.text("Rapportering för \(year): \(form.borrowerName) (\(form.borrowerOrgNo))",
                    "Reporting for \(year): \(form.borrowerName) (\(form.borrowerOrgNo))")
    }

    /// The readings table's columns: context, then `import readings`' own (`indicator_id`, `year`, `value`).
    static let readingColumns = ["borrower_org_no", "borrower_name", "project_number", "project_title", "goal", "indicator_id",
                                 "indicator_name", "area", "unit", "target_text", "previous_year", "previous_value", "year", "value"]
    /// The metrics table's columns: context, then `import metrics`' own.
    static let metricColumns = ["borrower_org_no", "borrower_name", "project_number", "project_title", "metric", "unit",
                                "expected_value", "previous_year", "previous_value", "previous_basis", "year", "basis", "value"]

    var instructions: [String] {
        [output.text(
            "Fyll i kolumnen value på varje rad (indikatorerna: årets värde som tal, intervall som 97-98 eller text; "
                + "miljöeffekterna: årets utfall i måttets enhet). Ändra inga andra kolumner och inga rubriker.",
            "Fill in the column value on every row (indicators: the year's value as a number, a range such as 97-98 or a text; "
                + "impact metrics: the year's actual value in the metric's unit). Change no other column and no heading."),
         output.text(
            "Tabellerna läses in som de är: spara bladet som CSV och kör hallbar import readings FIL respektive hallbar import metrics FIL.",
            "The tables import as they are: save the sheet as CSV and run hallbar import readings FILE or hallbar import metrics FILE.")]
    }

    // MARK: the tables

    func readingRows(_ form: RequestForm) -> [[XLSXValue]] {
        form.readings.map { r in
            let context: [String: XLSXValue] = [
                "borrower_org_no": .text(form.borrowerOrgNo), "borrower_name": .text(form.borrowerName),
                "project_number": .integer(r.projectNumber), "project_title": .text(r.projectTitle), "goal": .text(r.goal),
                "indicator_id": .text(r.indicatorID), "indicator_name": .text(r.name), "area": r.area.map(XLSXValue.text) ?? .empty,
                "unit": r.unit.map(XLSXValue.text) ?? .empty, "target_text": .text(r.targetText),
                "previous_year": .integer(Int64(year - 1)), "previous_value": .cell(IndicatorView.cell(r.previousValue)),
                "year": .integer(Int64(year)), "value": .cell(IndicatorView.cell(r.value)),
            ]
            return Self.readingColumns.map { context[$0] ?? .empty }
        }
    }

    func metricRows(_ form: RequestForm) -> [[XLSXValue]] {
        form.metrics.map { m in
            let context: [String: XLSXValue] = [
                "borrower_org_no": .text(form.borrowerOrgNo), "borrower_name": .text(form.borrowerName),
                "project_number": .integer(m.projectNumber), "project_title": .text(m.projectTitle),
                "metric": .text(m.metric.rawValue), "unit": .text(m.metric.unit),
                "expected_value": m.expected.map { .number($0.canonical) } ?? .empty,
                "previous_year": .integer(Int64(year - 1)), "previous_value": m.previous.map { .number($0.value.canonical) } ?? .empty,
                "previous_basis": m.previous.map { .text($0.basis.rawValue) } ?? .empty,
                "year": .integer(Int64(year)), "basis": .text(MetricBasis.actual.rawValue),
                "value": m.value.map { .number($0.canonical) } ?? .empty,
            ]
            return Self.metricColumns.map { context[$0] ?? .empty }
        }
    }

    /// The data sheets of one form (a table with no rows is left out).
    func sheets(_ form: RequestForm) -> [XLSXSheet] {
        var sheets: [XLSXSheet] = []
        if !form.readings.isEmpty {
            sheets.append(XLSXSheet(name: output.text("Indikatorer", "Indicators"), columns: Array(Self.readingColumns), rows: readingRows(form)))
        }
        if !form.metrics.isEmpty {
            sheets.append(XLSXSheet(name: output.text("Miljöeffekter", "Impact metrics"), columns: Array(Self.metricColumns), rows: metricRows(form)))
        }
        return sheets
    }

    /// The files of the spreadsheet formats: per borrower a workbook (`xlsx`), or a CSV per
    /// table (`csv`: RFC 4180; `csv-excel`: as a spreadsheet opens it), by file name.
    func files() -> [(name: String, bytes: [UInt8], rows: Int)] {
        var files: [(String, [UInt8], Int)] = []
        for form in forms {
            let base = "requests-\(year)-\(form.borrowerOrgNo)"
            switch output.format {
            case .xlsx:
                let about = XLSXSheet(name: output.text("Anvisning", "Instructions"), columns: [formTitle(form)],
                                      rows: instructions.map { [.text($0)] })
                let book = XLSXWorkbook.write([about] + sheets(form) + [meta.sheet(title: formTitle(form), output)])
                files.append((base + ".xlsx", book, form.readings.count + form.metrics.count))
            default:
                for (kind, sheet) in zip(kinds(form), sheets(form)) {
                    let text = output.format == .csv
                        ? Tabular(columns: sheet.columns, rows: sheet.rows.map { $0.map(Self.cell) }).csv()
                        : SpreadsheetCSV(language: output.language).render([sheet])
                    files.append((base + "-\(kind).csv", Array(text.utf8), sheet.rows.count))
                }
            }
        }
        return files
    }

    func kinds(_ form: RequestForm) -> [String] {
        (form.readings.isEmpty ? [] : ["readings"]) + (form.metrics.isEmpty ? [] : ["metrics"])
    }

    static func cell(_ value: XLSXValue) -> Cell {
        switch value {
        case .empty: return .null
        case .integer(let v): return .integer(v)
        case .number(let s), .money(let s), .rounded(let s, _): return .decimal(s)
        case .percent(let s): return .decimal(s)
        case .text(let s): return .text(s)
        case let .date(y, m, d): return .text(Day(year: y, month: m, day: d)?.description ?? "")
        case .dateTime(let moment): return .text(moment.text)
        }
    }

    // MARK: documents

    func render() -> RenderedReport {
        switch output.format {
        case .json: return .text(json().rendered() + "\n")
        case .html: return .text(html())
        case .table, .md:
            var sections: [(String?, Tabular)] = []
            for form in forms {
                for (index, sheet) in sheets(form).enumerated() {
                    sections.append((index == 0 ? formTitle(form) : nil, display(sheet, form: form)))
                }
            }
            return .text(instructions.joined(separator: "\n") + "\n\n"
                + ReportText.simpleText(title: title, sections: sections, meta: meta, output: output, markdown: output.format == .md))
        case .csv, .csvExcel, .xlsx:
            return .text("")  // written as files (`files()`)
        }
    }

    /// A form's table as people read it on screen or paper: the context, last year's value
    /// and the value to fill.
    func display(_ sheet: XLSXSheet, form: RequestForm) -> Tabular {
        let isReadings = sheet.columns.contains("indicator_id")
        let wanted = isReadings
            ? ["project_number", "indicator_id", "indicator_name", "unit", "target_text", "previous_value", "value"]
            : ["project_number", "metric", "unit", "expected_value", "previous_value", "previous_basis", "value"]
        let labels: [String: String] = [
            "project_number": output.text("Projekt", "Project"), "indicator_id": "Id",
            "indicator_name": output.text("Indikator", "Indicator"), "unit": output.text("Enhet", "Unit"),
            "target_text": output.text("Mål", "Target"), "previous_value": "\(year - 1)",
            "value": output.text("Värde \(year)", "Value \(year)"), "metric": output.text("Mått", "Metric"),
            "expected_value": output.text("Förväntat \(year)", "Expected \(year)"),
            "previous_basis": output.text("Grund \(year - 1)", "Basis \(year - 1)"),
        ]
        let indices = wanted.compactMap { sheet.columns.firstIndex(of: $0) }
        return Tabular(columns: wanted.map { labels[$0] ?? $0 }, rows: sheet.rows.map { row in
            indices.map { index in
                let cell = Self.cell(row[index])
                if case .decimal(let s) = cell, let q = try? Quantity.parse(s) { return .text(q.formatted(language: output.language)) }
                if sheet.columns[index] == "metric", case .text(let code) = cell, let metric = ImpactMetric(rawValue: code) {
                    return .text(metric.name(language: output.language))
                }
                if sheet.columns[index] == "previous_basis", case .text(let code) = cell, let basis = MetricBasis(rawValue: code) {
                    return .text(basis.name(language: output.language))
                }
                return cell
            }
        })
    }

    static let css = """
        @page { size: A4 portrait; margin: 15mm 12mm; }
        body { font-family: "Helvetica Neue", Arial, sans-serif; color: #1a1a1a; font-size: 11px; margin: 0; padding: 12px 18px; }
        h1 { font-size: 18px; color: #003a5d; margin: 0 0 6px; }
        h2 { font-size: 14px; color: #003a5d; margin: 14px 0 4px; }
        section.form { break-before: page; page-break-before: always; }
        section.form:first-of-type { break-before: auto; page-break-before: auto; }
        table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 4px 0 10px; }
        th { background: #003a5d; color: #fff; text-align: left; padding: 3px 5px; font-size: 10px; }
        td { border-bottom: 1px solid #c8d2da; padding: 3px 5px; vertical-align: top; overflow-wrap: anywhere; }
        td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        td.fill { border: 1px solid #555; height: 22px; background: #fff; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        p.small, footer { font-size: 9.5px; color: #555; }
        """

    func html() -> String {
        let h = ReportText.html
        var body = ""
        for form in forms {
            body += "<section class=\"form\">\n<h1>\(h(formTitle(form)))</h1>\n"
            body += instructions.map { "<p class=\"small\">\(h($0))</p>\n" }.joined()
            for sheet in sheets(form) {
                body += "<h2>\(h(sheet.name))</h2>\n"
                let table = display(sheet, form: form)
                body += "<table>\n<thead><tr>" + table.columns.map { "<th>\(h($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
                for row in table.rows {
                    body += "<tr>" + row.enumerated().map { index, cell in
                        if index == row.count - 1 {
                            return cell.display.isEmpty ? "<td class=\"fill\"></td>" : "<td class=\"fill num\">\(h(cell.display))</td>"
                        }
                        return cell.isNumeric || ReportText.isFigure(cell.display) ? "<td class=\"num\">\(h(cell.display))</td>" : "<td>\(h(cell.display))</td>"
                    }.joined() + "</tr>\n"
                }
                body += "</tbody>\n</table>\n"
            }
            body += "</section>\n"
        }
        if forms.isEmpty { body += "<p>\(h(output.text("Inget att rapportera.", "Nothing to report.")))</p>\n" }
        body += "<footer>" + meta.footer(output).map(h).joined(separator: "<br>") + "</footer>"
        return ReportText.htmlPage(title: title, language: output.language, style: Self.css, body: body)
    }

    func json() -> JSON {
        .object([
            ("year", .integer(Int64(year))),
            ("borrowers", .array(forms.map { form in
                .object([
                    ("borrower_org_no", .string(form.borrowerOrgNo)), ("name", .string(form.borrowerName)),
                    ("readings", .array(form.readings.map { r in
                        .object([("indicator_id", .string(r.indicatorID)), ("project_number", .integer(r.projectNumber)),
                                 ("project_title", .string(r.projectTitle)), ("indicator_name", .string(r.name)),
                                 ("unit", r.unit.map(JSON.string) ?? .null), ("target_text", .string(r.targetText)),
                                 ("previous_value", r.previousValue.map(JSON.string) ?? .null),
                                 ("value", r.value.map(JSON.string) ?? .null)])
                    })),
                    ("metrics", .array(form.metrics.map { m in
                        .object([("project_number", .integer(m.projectNumber)), ("project_title", .string(m.projectTitle)),
                                 ("metric", .string(m.metric.rawValue)), ("unit", .string(m.metric.unit)),
                                 ("expected_value", m.expected.map { JSON.number($0.canonical) } ?? .null),
                                 ("previous_value", m.previous.map { JSON.number($0.value.canonical) } ?? .null),
                                 ("previous_basis", m.previous.map { JSON.string($0.basis.rawValue) } ?? .null),
                                 ("value", m.value.map { JSON.number($0.canonical) } ?? .null)])
                    })),
                ])
            })),
            ("meta", meta.json),
        ])
    }
}

/// Renders `report overdue`: per borrower the indicators and metrics not reported for the
/// year by the as-of date.
struct OverdueRender {
    var year: Int
    var asOf: Day
    var borrowers: [OverdueBorrower]
    var meta: ReportMeta
    var output: ReportOutput

    var title: String {
        output.text("Ej rapporterat för \(year) per \(asOf)", "Not reported for \(year) as of \(asOf)")
    }

    /// What is missing as cli.md's `missing` lists it: indicator ids, and metrics as
    /// "PROJECT/metric" (a borrower may have the same metric on two projects).
    static func missing(_ borrower: OverdueBorrower) -> [String] {
        borrower.indicators.map(\.indicatorID) + borrower.metrics.map { "\($0.projectNumber)/\($0.metric.rawValue)" }
    }

    func render() -> RenderedReport {
        switch output.format {
        case .json: return .text(json().rendered() + "\n")
        case .csv: return .text(flat().csv())
        case .table, .md:
            return .text(ReportText.simpleText(title: title, sections: [(nil, summary())], meta: meta, output: output,
                                               markdown: output.format == .md))
        case .html: return .text(ReportText.simpleHTML(title: title, sections: [(nil, summary())], meta: meta, output: output))
        case .xlsx, .csvExcel:
            let table = flat()
            return output.spreadsheet([XLSXSheet(name: output.text("Ej rapporterat", "Not reported"), columns: table.columns,
                                                 rows: table.rows.map { $0.map(XLSXValue.cell) })], title: title, meta: meta)
        }
    }

    func summary() -> Tabular {
        var rows: [[Cell]] = borrowers.map { b in
            [.text(b.name), .text(b.borrowerOrgNo), .integer(Int64(b.indicators.count)), .integer(Int64(b.metrics.count)),
             .text((b.indicators.map(\.indicatorID) + b.metrics.map { "\($0.metric.rawValue) (#\($0.projectNumber))" })
                .joined(separator: ", "))]
        }
        if borrowers.isEmpty { rows = [[.text(output.text("Alla har rapporterat.", "Everyone has reported.")), .null, .null, .null, .null]] }
        return Tabular(columns: [output.text("Låntagare", "Borrower"), output.text("Org.nr", "Org. no."),
                                 output.text("Indikatorer", "Indicators"), output.text("Miljömått", "Metrics"),
                                 output.text("Saknas", "Missing")], rows: rows)
    }

    /// A row per missing item.
    func flat() -> Tabular {
        var rows: [[Cell]] = []
        for b in borrowers {
            for r in b.indicators {
                rows.append([.text(b.borrowerOrgNo), .text(b.name), .text("indicator"), .integer(r.projectNumber), .text(r.indicatorID), .null])
            }
            for m in b.metrics {
                rows.append([.text(b.borrowerOrgNo), .text(b.name), .text("metric"), .integer(m.projectNumber), .null, .text(m.metric.rawValue)])
            }
        }
        return Tabular(columns: ["borrower_org_no", "name", "kind", "project_number", "indicator_id", "metric"], rows: rows)
    }

    /// cli.md's keys `year`, `as_of`, `borrowers` (each with `borrower_org_no`, `name`,
    /// `missing`), and the missing items itemised.
    func json() -> JSON {
        .object([
            ("year", .integer(Int64(year))), ("as_of", .string(asOf.description)),
            ("borrowers", .array(borrowers.map { b in
                .object([
                    ("borrower_org_no", .string(b.borrowerOrgNo)), ("name", .string(b.name)),
                    ("missing", .array(Self.missing(b).map(JSON.string))),
                    ("missing_indicators", .array(b.indicators.map {
                        .object([("indicator_id", .string($0.indicatorID)), ("project_number", .integer($0.projectNumber))])
                    })),
                    ("missing_metrics", .array(b.metrics.map {
                        .object([("project_number", .integer($0.projectNumber)), ("metric", .string($0.metric.rawValue))])
                    })),
                ])
            })),
            ("meta", meta.json),
        ])
    }
}
