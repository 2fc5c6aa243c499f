import Ledger
import LedgerStore

/// The annual follow-up as one self-contained HTML file (inline CSS, inline SVG, no scripts,
/// no external assets) that reads like the presentation's follow-up pages and prints at A4
/// as the committee receives it: a first page with the approval (date, the committee's
/// reference, who recorded it and when), the portfolio under follow-up per category with
/// each project's approved, disbursed and outstanding amounts and its status counts (Bild
/// 11) and the colour code with the count of each status; then one page per project (Bild 12-17) with its texts and the
/// indicator table with a coloured status cell. Printed pages carry the report's name, the
/// committee's reference and "page N of M" in their margins (CSS @page margin boxes); the
/// indicator table has fixed column widths, so a long text never squeezes the indicator
/// column, and its rows are not split across pages.
///
/// Colours are the Okabe–Ito palette, distinguishable with the common colour-vision
/// deficiencies; every status also carries a symbol and its label, so colour is never the
/// only carrier. Every text is HTML-escaped.
struct FollowUpHTML {
    var report: FollowUpReport
    var meta: ReportMeta
    var output: ReportOutput
    /// Allocation and impact shown on the first page, when given.
    var sustainability: FollowUpSustainability? = nil
    var language: FormatLanguage { output.language }

    /// Colour, text colour and symbol of a status.
    static func style(_ status: FollowUpStatus) -> (background: String, text: String, symbol: String) {
        switch status {
        case .worseThanBaseline: return ("#D55E00", "#ffffff", "▼")
        case .negativeTrend: return ("#E69F00", "#000000", "↘")
        case .targetMet: return ("#009E73", "#ffffff", "✔")
        case .positiveTrend: return ("#56B4E9", "#000000", "↗")
        case .noChange: return ("#F0E442", "#000000", "=")
        case .notReported: return ("#ffffff", "#000000", "∅")
        case .notAssessed: return ("#d9d9d9", "#000000", "?")
        }
    }

    static let css: String = {
        var css = """
            @page { size: A4 landscape; margin: 12mm 12mm 15mm; }
            * { box-sizing: border-box; }
            body { font-family: "Helvetica Neue", Arial, sans-serif; color: #1a1a1a; margin: 0; padding: 16px 24px; font-size: 12px; }
            h1 { font-size: 22px; margin: 0 0 6px; color: #003a5d; }
            h2 { font-size: 17px; margin: 0 0 8px; color: #003a5d; }
            h3 { font-size: 13px; margin: 10px 0 4px; color: #003a5d; }
            .approval { margin: 0 0 4px; font-size: 13px; }
            .approval-box { border-left: 5px solid #003a5d; background: #eef3f7; padding: 6px 10px; margin: 0 0 12px; }
            .approval-box.pending { border-left-color: #8a2c00; }
            .approval.changed { color: #8a2c00; font-weight: bold; }
            .chip { display: inline-block; border-radius: 3px; padding: 1px 5px; font-size: 10.5px; font-weight: bold; white-space: nowrap; border: 1px solid #555; }
            .chips { display: flex; flex-wrap: wrap; gap: 3px; }
            table.portfolio { border-collapse: collapse; width: 100%; table-layout: fixed; }
            table.portfolio th, table.portfolio td { padding: 3px 6px; border-bottom: 1px solid #c8d2da; vertical-align: top; text-align: left; }
            table.portfolio thead th { background: #003a5d; color: #fff; font-size: 11px; }
            table.portfolio tr.category th { background: #eef3f7; color: #003a5d; font-size: 12px; padding-top: 5px; }
            table.portfolio tr.total td { font-weight: bold; border-top: 2px solid #003a5d; border-bottom: none; }
            table.portfolio .num, table.status-summary .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
            table.status-summary { border-collapse: collapse; margin-top: 2px; }
            table.status-summary th, table.status-summary td { padding: 2px 8px 2px 0; border-bottom: 1px solid #e1e7ec; text-align: left; }
            table.status-summary th { font-size: 11px; color: #003a5d; }
            table.status-summary tr.total td { font-weight: bold; border-top: 2px solid #003a5d; border-bottom: none; }
            table.portfolio a { color: #003a5d; text-decoration: none; }
            tr { break-inside: avoid; page-break-inside: avoid; }
            thead { display: table-header-group; }
            section.project { break-before: page; page-break-before: always; margin-top: 28px; padding-top: 10px; border-top: 6px solid #003a5d; }
            .facts { display: grid; grid-template-columns: 1fr 1fr 1fr 0.9fr; gap: 12px; margin-bottom: 10px; }
            .facts div { background: #eef3f7; padding: 7px 9px; overflow-wrap: anywhere; }
            .facts h4 { margin: 0 0 4px; font-size: 11px; color: #003a5d; text-transform: uppercase; letter-spacing: 0.04em; }
            .facts p, .facts ul { margin: 0; padding-left: 0; white-space: pre-line; }
            .facts ul { padding-left: 16px; white-space: normal; }
            .facts dl { margin: 0; display: grid; grid-template-columns: auto 1fr; column-gap: 8px; row-gap: 2px; align-items: baseline; }
            .facts dt { font-size: 11px; color: #333; }
            .facts dd { margin: 0; font-size: 16px; font-weight: bold; white-space: nowrap; text-align: right; }
            table.indicators { border-collapse: collapse; width: 100%; table-layout: fixed; }
            table.indicators th { background: #003a5d; color: #fff; text-align: left; padding: 4px 5px; font-size: 11px; vertical-align: bottom; }
            table.indicators td { border-bottom: 1px solid #c8d2da; padding: 3px 5px; vertical-align: middle; overflow-wrap: anywhere; hyphens: auto; }
            td.goal { font-weight: bold; color: #003a5d; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
            td.num { white-space: nowrap; overflow-wrap: normal; }
            td.value-text { font-size: 11px; }
            td.value-text em { color: #555; }
            .reading-text { font-size: 11px; font-style: italic; overflow-wrap: anywhere; }
            td.status { font-weight: bold; font-size: 10.5px; border: 1px solid #555; }
            .small { font-size: 10.5px; color: #555; }
            .market-mark { font-weight: 600; color: #7a3d00; border-left: 4px solid #d55e00; padding-left: 6px; }
            .remark { font-size: 10.5px; color: #8a2c00; }
            svg.trend { display: block; width: 100%; height: auto; }
            footer { margin-top: 20px; font-size: 10px; color: #555; border-top: 1px solid #ccc; padding-top: 6px; overflow-wrap: anywhere; }
            @media print { body { padding: 0; } }

            """
        for status in FollowUpStatus.allCases {
            let s = style(status)
            var rule = ".s-\(status.rawValue) { background-color: \(s.background); color: \(s.text);"
            if status == .notReported { rule += " border-style: dashed;" }
            if status == .notAssessed {
                rule += " background-image: repeating-linear-gradient(45deg, transparent 0 4px, rgba(0,0,0,0.12) 4px 6px);"
            }
            css += rule + " }\n"
        }
        return css
    }()

    /// The printed pages' margins: the report and the committee's reference at the bottom
    /// left (a long note shortened to `marginNoteLimit` characters: the whole note is in the
    /// approval line of page 1), "Sida N av M" / "Page N of M" at the bottom right, on one line.
    var pageCSS: String {
        var left = FollowUpWords.title(report.year, language)
        if let note = report.approval?.note { left += " · " + FollowUpHTML.shortened(note.oneLine, to: FollowUpHTML.marginNoteLimit) }
        let font = "font-family: \"Helvetica Neue\", Arial, sans-serif; font-size: 8pt; color: #555;"
        return """
            @page {
              @bottom-left { content: \(FollowUpHTML.cssString(left)); \(font) width: 80%; }
              @bottom-right { content: \(FollowUpHTML.cssString(t("Sida ", "Page "))) counter(page) \(FollowUpHTML.cssString(t(" av ", " of "))) counter(pages); \(font) width: 20%; white-space: nowrap; text-align: right; }
            }

            """
    }

    /// The most characters of the committee's note the page margin repeats.
    static let marginNoteLimit = 40

    /// `text` cut to at most `limit` characters at a space where there is one, with "…".
    static func shortened(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        let head = text.prefix(limit - 1)
        var cut = head.lastIndex(of: " ").map { head[..<$0] } ?? head
        while let last = cut.last, " ,;:.".contains(last) { cut = cut.dropLast() }
        return cut + "…"
    }

    /// `text` as a CSS string literal that cannot end the string or the style element:
    /// quotes, backslashes, `<`, `>` and control characters as CSS escapes.
    static func cssString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"", "\\", "<", ">", "&": out += "\\" + String(scalar.value, radix: 16) + " "
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\" + String(scalar.value, radix: 16) + " "
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    func t(_ sv: String, _ en: String) -> String { language == .sv ? sv : en }
    func h(_ text: String) -> String { ReportText.html(text) }

    func chip(_ status: FollowUpStatus, count: Int? = nil) -> String {
        let label = status.label(language: language)
        let text = count.map { "\(FollowUpHTML.style(status).symbol) \($0)" } ?? "\(FollowUpHTML.style(status).symbol) \(label)"
        return "<span class=\"chip s-\(status.rawValue)\" title=\"\(h(label))\">\(h(text))</span>"
    }

    func render() -> String {
        var body = "<section class=\"cover\">\n<h1>\(h(FollowUpWords.title(report.year, language)))</h1>\n"
        let changed = report.approval != nil && !report.changedSinceApproval.isEmpty
        body += "<div class=\"approval-box\(report.approval == nil ? " pending" : "")\">"
        body += "<p class=\"approval\(changed ? " changed" : "")\">\(h(FollowUpWords.approvalLine(report, language)))</p></div>\n"
        body += portfolio()
        body += statusSummary()
        body += sustainability?.html(output) ?? ""
        body += "</section>\n"
        for project in report.projects { body += page(project) }
        let footer = [FollowUpWords.approvalBasis(report, language)].compactMap { $0 } + meta.footer(output)
        body += "<footer>" + footer.map(h).joined(separator: "<br>") + "</footer>"
        return ReportText.htmlPage(title: FollowUpWords.title(report.year, language), language: language,
                                   style: FollowUpHTML.css + pageCSS, body: body)
    }

    /// The colour code as a table that also counts: every status with its chip (colour,
    /// symbol and label), how many of the year's indicators have it and their share.
    func statusSummary() -> String {
        let counts = report.overview.counts
        var out = "<h3>\(h(t("Färgkod och fördelning av indikatorernas status", "Colour code and the indicators' statuses")))</h3>\n"
        out += "<table class=\"status-summary\">\n<thead><tr><th>\(h(t("Status", "Status")))</th><th class=\"num\">"
            + "\(h(t("Indikatorer", "Indicators")))</th><th class=\"num\">\(h(t("Andel", "Share")))</th></tr></thead>\n<tbody>\n"
        for status in FollowUpStatus.allCases {
            let count = counts[status]
            let share = Ratio(Int64(count), Int64(counts.total))?.percentString(decimals: 0, language: language) ?? "–"
            out += "<tr><td>\(chip(status))</td><td class=\"num\">\(count)</td><td class=\"num\">\(h(share))</td></tr>\n"
        }
        out += "<tr class=\"total\"><td>\(h(t("Summa", "Total")))</td><td class=\"num\">\(counts.total)</td><td></td></tr>\n"
        return out + "</tbody>\n</table>\n"
    }

    /// The first page's table (Bild 11 with the figures): per category, each project with its
    /// approved, disbursed and outstanding amounts and the counts of its indicators' statuses;
    /// then the totals.
    func portfolio() -> String {
        var out = "<h2>\(h(t("Portföljen under uppföljning", "The portfolio under follow-up")))</h2>\n"
        if report.projects.isEmpty {
            return out + "<p>\(h(t("Inga projekt under uppföljning.", "No projects under follow-up.")))</p>\n"
        }
        out += "<table class=\"portfolio\">\n<colgroup><col style=\"width:40%\"><col style=\"width:11%\"><col style=\"width:11%\">"
        out += "<col style=\"width:11%\"><col style=\"width:27%\"></colgroup>\n"
        out += "<thead><tr><th>\(h(t("Projekt", "Project")))</th><th class=\"num\">\(h(t("Beviljat", "Approved")))</th>"
        out += "<th class=\"num\">\(h(t("Utbetalt", "Disbursed")))</th><th class=\"num\">\(h(t("Utestående", "Outstanding")))</th>"
        out += "<th>\(h(t("Indikatorernas status", "Indicators' statuses")))</th></tr></thead>\n<tbody>\n"
        let byNumber = Dictionary(report.projects.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        for category in report.overview.categories {
            out += "<tr class=\"category\"><th colspan=\"5\">\(h(SocialCategory.displayName(category.name, language: language)))</th></tr>\n"
            for (number, counts) in category.projects {
                guard let project = byNumber[number] else { continue }
                var name = "<a href=\"#p\(number)\">\(h(project.borrower)): \(h(project.title)) (#\(number))</a>"
                if let mark = FollowUpWords.marketMark(project, language) { name += "<br><span class=\"small\">⚠ \(h(mark))</span>" }
                out += "<tr><td>\(name)</td>" + amounts(project.volumes.approved, project.volumes.disbursed, project.volumes.outstanding)
                out += "<td><div class=\"chips\">" + chips(counts) + "</div></td></tr>\n"
            }
        }
        let volumes = report.projects.map(\.volumes)
        out += "<tr class=\"total\"><td>\(h(t("Summa", "Total"))), \(report.projects.count) \(h(t("projekt", "projects")))</td>"
        out += amounts(volumes.map(\.approved).reduce(0, +), volumes.map(\.disbursed).reduce(0, +), volumes.map(\.outstanding).reduce(0, +))
        out += "<td><div class=\"chips\">" + chips(report.overview.counts) + "</div></td></tr>\n"
        out += "</tbody>\n</table>\n"
        out += "<p class=\"small\">\(h(t("Belopp per \(report.volumesAsOf).", "Amounts as of \(report.volumesAsOf).")))</p>\n"
        return out
    }

    func amounts(_ values: Ore...) -> String {
        values.map { "<td class=\"num\">\(h(MoneyFormat.millions($0, language: language)))</td>" }.joined()
    }

    func chips(_ counts: FollowUpStatusCounts) -> String {
        counts.ordered.filter { $0.count > 0 }.map { chip($0.status, count: $0.count) }.joined(separator: " ")
    }

    func page(_ project: FollowUpProject) -> String {
        var out = "<section class=\"project\" id=\"p\(project.number)\">\n"
        out += "<h2>\(h(FollowUpWords.projectHeading(project)))</h2>\n"
        out += "<p class=\"small\">\(h(SocialCategory.displayName(project.category, language: language))) · \(h(t("beslut", "decision"))) \(h(project.decisionDate)) · \(h(project.member))</p>\n"
        if let mark = FollowUpWords.marketMark(project, language) {
            out += "<p class=\"market-mark\">⚠ \(h(mark))</p>\n"
        }
        out += "<div class=\"facts\">\n"
        out += "<div><h4>\(h(t("Fysisk investering", "Physical investment")))</h4><p>\(h(project.physicalInvestment ?? "–"))</p></div>\n"
        out += "<div><h4>\(h(t("Social insats", "Social intervention")))</h4><p>\(h(project.socialIntervention ?? "–"))</p></div>\n"
        out += "<div><h4>\(h(t("Sociala mål", "Social goals")))</h4>"
        out += project.socialGoals.isEmpty ? "<p>–</p>" : "<ul>" + project.socialGoals.map { "<li>\(h($0))</li>" }.joined() + "</ul>"
        out += "</div>\n"
        // One amount a line, never broken inside ("SEK 350 m" stays whole in any language).
        out += "<div><h4>\(h(t("Beviljat / utbetalt", "Approved / disbursed")))</h4><dl>"
        out += "<dt>\(h(t("Beviljat", "Approved")))</dt><dd>\(h(MoneyFormat.millions(project.volumes.approved, language: language)))</dd>"
        out += "<dt>\(h(t("Utbetalt", "Disbursed")))</dt><dd>\(h(MoneyFormat.millions(project.volumes.disbursed, language: language)))</dd>"
        out += "</dl><p class=\"small\">\(h(t("Per", "As of"))) \(h(report.volumesAsOf.description))</p></div>\n</div>\n"

        let columns = FollowUpWords.columns(report.year, language)
        // Fixed widths: the indicator column keeps its share whatever a value or target says.
        out += "<table class=\"indicators\">\n<colgroup>" + ["12%", "25%", "9%", "9%", "8%", "11%", "12%", "14%"]
            .map { "<col style=\"width:\($0)\">" }.joined() + "</colgroup>\n"
        out += "<thead><tr><th>\(h(t("Mål", "Goal")))</th><th>\(h(columns[0]))</th>"
        out += columns[1 ... 3].map { "<th class=\"num\">\(h($0))</th>" }.joined()
        out += columns[4 ... 5].map { "<th>\(h($0))</th>" }.joined()
        out += "<th>\(h(t("Utveckling", "Trend")))</th></tr></thead>\n<tbody>\n"
        var previousGoal: String?
        for indicator in project.indicators {
            let view = IndicatorView(indicator: indicator, year: report.year, language: language)
            let goal = indicator.goal == previousGoal ? "" : indicator.goal
            previousGoal = indicator.goal
            out += "<tr><td class=\"goal\">\(h(goal))</td>"
            var name = h(indicator.name)
            let detail = [indicator.area, indicator.unit.map { t("enhet: ", "unit: ") + $0 }].compactMap { $0 }
            if !detail.isEmpty { name += "<br><span class=\"small\">\(h(detail.joined(separator: " · ")))</span>" }
            let columns = FollowUpWords.columns(report.year, language)
            let values = [(columns[1], view.baseline, view.record.baseline), (columns[2], view.previous, view.record.previous),
                          (columns[3], view.value, view.record.value)]
            // A long text reading is written out under the indicator, where there is room;
            // its own narrow column says where to look.
            for (label, shown, stored) in values where isLongText(shown, stored: stored) {
                name += "<br><span class=\"reading-text\">\(h(label)): \(h(shown))</span>"
            }
            let remarks = view.notes
            if !remarks.isEmpty { name += "<br><span class=\"remark\">\(h(remarks.joined(separator: "; ")))</span>" }
            out += "<td>\(name)</td>"
            out += values.map { valueCell($0.1, stored: $0.2) }.joined()
            var target = h(indicator.targetText)
            if let year = indicator.targetYear, !indicator.targetText.contains(String(year)) { target += " (\(year))" }
            out += "<td>\(target)</td>"
            let s = FollowUpHTML.style(view.status)
            out += "<td class=\"status s-\(view.status.rawValue)\">\(h(s.symbol)) \(h(view.statusLabel))</td>"
            out += "<td>\(TrendSVG(indicator: indicator, year: report.year, language: language).render())</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    /// A value cell: a number (or range) right-aligned on one line; a short text reading
    /// wraps in its column; a long one is written under the indicator (`isLongText`) and
    /// the cell says so.
    func valueCell(_ shown: String, stored: String?) -> String {
        guard case .text = IndicatorView.value(stored) else { return "<td class=\"num\">\(h(shown))</td>" }
        if isLongText(shown, stored: stored) {
            return "<td class=\"value-text\"><em>\(h(t("text, se under indikatorn", "text, see under the indicator")))</em></td>"
        }
        return "<td class=\"value-text\">\(h(shown))</td>"
    }

    /// True for a text reading longer than its column holds on three short lines.
    func isLongText(_ shown: String, stored: String?) -> Bool {
        guard case .text = IndicatorView.value(stored) else { return false }
        return shown.count > 24 || shown.split(separator: " ").contains { $0.count > 12 }
    }
}

