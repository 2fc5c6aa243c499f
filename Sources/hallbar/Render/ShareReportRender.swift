import Ledger
import LedgerStore
import XLSX

/// Renders the shares report (Bild 2) in every format. Pure: tables in, text out.
struct ShareReportRender {
    /// The table at `--as-of`.
    var asOf: Day
    var current: ShareTable
    /// The table at `--compare`, if given.
    var compare: (day: Day, table: ShareTable)?
    var meta: ReportMeta
    var output: ReportOutput

    /// The amount lines in printed order (Bild 2, then the eligible pool).
    static let amountLines: [ShareLine] = [.green, .social, .sustainable, .other, .total, .greenBondEligible]

    /// The columns in date order: the compared date first (the base of the change), then the as-of date.
    var dated: [(day: Day, table: ShareTable)] {
        guard let compare else { return [(asOf, current)] }
        return [compare, (asOf, current)]
    }

    var comparison: ShareComparison? { compare.map { ShareComparison(base: $0.table, current: current) } }

    func render() -> RenderedReport {
        switch output.format {
        case .json: return .text(json().rendered() + "\n")
        case .csv: return .text(csv().csv())
        case .table, .md:
            return .text(ReportText.simpleText(title: title, sections: [(nil, display())], meta: meta, output: output,
                                               markdown: output.format == .md))
        case .html:
            return .text(ReportText.simpleHTML(title: title, sections: [(nil, display())], meta: meta, output: output))
        case .xlsx, .csvExcel:
            return output.spreadsheet([sheet()], title: title, meta: meta)
        }
    }

    /// One sheet: a row per line with the amounts in kronor and the shares and changes as
    /// percentages (exact fractions), and the line's JSON key last.
    func sheet() -> XLSXSheet {
        var columns = [output.text("Rad", "Line")] + dated.map { $0.day.description }
        if comparison != nil { columns.append(output.text("Förändring", "Change")) }
        columns.append(output.text("Nyckel", "Key"))
        var rows: [[XLSXValue]] = []
        for line in Self.amountLines {
            var row: [XLSXValue] = [.text(line.label(language: output.language))]
            row += dated.map { .kronor($0.table.amount(line)) }
            if let comparison { row.append(.fraction(comparison.change(line))) }
            rows.append(row + [.text(line.jsonKey)])
        }
        for (key, (label, share)) in zip(["green_share", "sustainable_share"], shareLines) {
            var row: [XLSXValue] = [.text(label)]
            row += dated.map { .fraction(share($0.table)) }
            if comparison != nil { row.append(.empty) }
            rows.append(row + [.text(key)])
        }
        return XLSXSheet(name: output.text("Andelar", "Shares"), columns: columns, rows: rows)
    }

    var title: String {
        output.text("Hållbar utlåning per \(asOf)", "Sustainable lending as of \(asOf)")
    }

    /// The table people read: formatted amounts, shares and changes.
    func display() -> Tabular {
        let lang = output.language
        let unit = MoneyFormat.unit(forLargest: dated.flatMap { d in Self.amountLines.map { d.table.amount($0) } })
        var columns = [output.text("Rad", "Line")] + dated.map { $0.day.description }
        if comparison != nil { columns.append(output.text("Förändring", "Change")) }
        var rows: [[Cell]] = []
        for line in Self.amountLines {
            var row: [Cell] = [.text(line.label(language: lang))]
            row += dated.map { .text(MoneyFormat.format($0.table.amount(line), unit: unit, language: lang)) }
            if let comparison { row.append(.text(ChangePrecision.format(comparison.change(line), line: line, language: lang))) }
            rows.append(row)
        }
        for (label, share) in shareLines {
            var row: [Cell] = [.text(label)]
            row += dated.map { .text(share($0.table)?.percentString(decimals: ChangePrecision.shareDecimals, language: lang) ?? "–") }
            if comparison != nil { row.append(.text("")) }
            rows.append(row)
        }
        return Tabular(columns: columns, rows: rows)
    }

    var shareLines: [(String, (ShareTable) -> Ratio?)] {
        [(output.text("Grön låneandel", "Green loan share"), { $0.greenShare }),
         (output.text("Hållbar låneandel", "Sustainable loan share"), { $0.sustainableShare })]
    }

    static func fraction(_ ratio: Ratio?) -> Cell {
        ratio?.decimalString(places: ChangePrecision.jsonPlaces).map(Cell.decimal) ?? .null
    }

    /// One row per line: key, label, the exact value at each date (öre, or a fraction for
    /// shares), and the change as a fraction.
    func csv() -> Tabular {
        var columns = ["line", "label"] + dated.map { $0.day.description }
        if comparison != nil { columns.append("change") }
        var rows: [[Cell]] = []
        for line in Self.amountLines {
            var row: [Cell] = [.text(line.jsonKey), .text(line.label(language: output.language))]
            row += dated.map { .integer($0.table.amount(line)) }
            if let comparison { row.append(Self.fraction(comparison.change(line))) }
            rows.append(row)
        }
        for (key, (label, share)) in zip(["green_share", "sustainable_share"], shareLines) {
            var row: [Cell] = [.text(key), .text(label)]
            row += dated.map { Self.fraction(share($0.table)) }
            if comparison != nil { row.append(.null) }
            rows.append(row)
        }
        return Tabular(columns: columns, rows: rows)
    }

    static func object(_ table: ShareTable) -> JSON {
        .object(amountLines.map { ($0.jsonKey, JSON.integer(table.amount($0))) } + [
            ("green_share", JSON(cell: fraction(table.greenShare))),
            ("sustainable_share", JSON(cell: fraction(table.sustainableShare))),
        ])
    }

    /// `{"as_of", "compare"?, "dates": {date: {…}}, "change"?: {line_ore: fraction}, "meta"}`.
    func json() -> JSON {
        var pairs: [(String, JSON)] = [("as_of", .string(asOf.description))]
        if let compare { pairs.append(("compare", .string(compare.day.description))) }
        var dates: [(String, JSON)] = [(asOf.description, Self.object(current))]
        if let compare, compare.day != asOf { dates.append((compare.day.description, Self.object(compare.table))) }
        pairs.append(("dates", .object(dates)))
        if let comparison {
            pairs.append(("change", .object(Self.amountLines.map { ($0.jsonKey, JSON(cell: Self.fraction(comparison.change($0)))) })))
        }
        pairs.append(("meta", meta.json))
        return .object(pairs)
    }
}

/// Renders the social portfolio (Bild 6) in every format.
struct SocialReportRender {
    var portfolio: SocialPortfolio
    var meta: ReportMeta
    var output: ReportOutput

    var title: String {
        output.text("Lån för Social Hållbarhet: portföljen per \(portfolio.asOf)",
                    "Loans for Social Sustainability: the portfolio as of \(portfolio.asOf)")
    }

    func render() -> RenderedReport {
        let sections: [(String?, Tabular)] = [
            (nil, figures()),
            (output.text("Fördelning baserad på beviljad volym", "Distribution by approved volume"), categories()),
        ]
        switch output.format {
        case .json: return .text(json().rendered() + "\n")
        case .csv: return .text(csv().csv())
        case .table, .md:
            return .text(ReportText.simpleText(title: title, sections: sections, meta: meta, output: output, markdown: output.format == .md))
        case .html: return .text(ReportText.simpleHTML(title: title, sections: sections, meta: meta, output: output))
        case .xlsx, .csvExcel: return output.spreadsheet(sheets(), title: title, meta: meta)
        }
    }

    /// The figures (counts and amounts in kronor, with their JSON keys) and the categories.
    func sheets() -> [XLSXSheet] {
        let p = portfolio
        let key = output.text("Nyckel", "Key")
        let figures = XLSXSheet(name: output.text("Portföljen", "Portfolio"),
                                columns: [output.text("Uppgift", "Figure"), output.text("Värde", "Value"), key], rows: [
            [.text(output.text("Godkända projekt", "Approved projects")), .integer(Int64(p.approvedProjects)), .text("approved_projects")],
            [.text(output.text("Medlemmar", "Members")), .integer(Int64(p.members)), .text("members")],
            [.text(output.text("Beviljad volym (kr)", "Approved volume (SEK)")), .kronor(p.approved), .text("approved_ore")],
            [.text(output.text("Utbetalade lån, brutto (kr)", "Disbursed, gross (SEK)")), .kronor(p.disbursed), .text("disbursed_ore")],
            [.text(output.text("Utestående (kr)", "Outstanding (SEK)")), .kronor(p.outstanding), .text("outstanding_ore")],
        ])
        let categories = XLSXSheet(
            name: output.text("Kategorier", "Categories"),
            columns: [output.text("Kategori", "Category"), output.text("Beviljat (kr)", "Approved (SEK)"), output.text("Andel", "Share")],
            rows: p.byCategory.entries.map { entry in
                [.text(SocialCategory.displayName(entry.category, language: output.language)), .kronor(entry.amount), .fraction(entry.share)]
            })
        return [figures, categories]
    }

    func figures() -> Tabular {
        let lang = output.language
        let p = portfolio
        let unit = MoneyFormat.unit(forLargest: [p.approved, p.disbursed, p.outstanding])
        return Tabular(columns: [output.text("Uppgift", "Figure"), output.text("Värde", "Value")], rows: [
            [.text(output.text("Godkända projekt", "Approved projects")), .integer(Int64(p.approvedProjects))],
            [.text(output.text("Medlemmar", "Members")), .integer(Int64(p.members))],
            [.text(output.text("Beviljad volym", "Approved volume")), .text(MoneyFormat.format(p.approved, unit: unit, language: lang))],
            [.text(output.text("Utbetalade lån (brutto)", "Disbursed (gross)")), .text(MoneyFormat.format(p.disbursed, unit: unit, language: lang))],
            [.text(output.text("Utestående", "Outstanding")), .text(MoneyFormat.format(p.outstanding, unit: unit, language: lang))],
        ])
    }

    func categories() -> Tabular {
        let lang = output.language
        return Tabular(
            columns: [output.text("Kategori", "Category"), output.text("Beviljat", "Approved"), output.text("Andel", "Share")],
            rows: portfolio.byCategory.entries.map { entry in
                [.text(SocialCategory.displayName(entry.category, language: lang)),
                 .text(MoneyFormat.millions(entry.amount, language: lang)),
                 .text(entry.share?.percentString(decimals: ChangePrecision.shareDecimals, language: lang) ?? "–")]
            })
    }

    /// key, label, value (integer), share (fraction, categories only).
    func csv() -> Tabular {
        let p = portfolio
        var rows: [[Cell]] = [
            [.text("approved_projects"), .text(output.text("Godkända projekt", "Approved projects")), .integer(Int64(p.approvedProjects)), .null],
            [.text("members"), .text(output.text("Medlemmar", "Members")), .integer(Int64(p.members)), .null],
            [.text("approved_ore"), .text(output.text("Beviljad volym", "Approved volume")), .integer(p.approved), .null],
            [.text("disbursed_ore"), .text(output.text("Utbetalade lån (brutto)", "Disbursed (gross)")), .integer(p.disbursed), .null],
            [.text("outstanding_ore"), .text(output.text("Utestående", "Outstanding")), .integer(p.outstanding), .null],
        ]
        for entry in p.byCategory.entries {
            rows.append([.text("by_category"), .text(entry.category), .integer(entry.amount), ShareReportRender.fraction(entry.share)])
        }
        return Tabular(columns: ["key", "label", "value", "share"], rows: rows)
    }

    func json() -> JSON {
        let p = portfolio
        return .object([
            ("as_of", .string(p.asOf.description)),
            ("approved_projects", .integer(Int64(p.approvedProjects))),
            ("members", .integer(Int64(p.members))),
            ("approved_ore", .integer(p.approved)),
            ("disbursed_ore", .integer(p.disbursed)),
            ("outstanding_ore", .integer(p.outstanding)),
            ("by_category", .object(p.byCategory.entries.map { ($0.category, JSON.integer($0.amount)) })),
            ("category_shares", .object(p.byCategory.entries.map { ($0.category, JSON(cell: ShareReportRender.fraction($0.share))) })),
            ("meta", meta.json),
        ])
    }
}
