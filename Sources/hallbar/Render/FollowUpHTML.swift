import Ledger
import LedgerStore

/// The annual follow-up as one self-contained HTML file (inline CSS, inline SVG, no scripts,
/// no external assets) that reads like the presentation's follow-up pages: a legend, an
/// overview by category (Bild 11), then one page per project (Bild 12-17) with its texts,
/// approved / disbursed amounts and the indicator table with a coloured status cell.
///
/// Colours are the Okabe–Ito palette, distinguishable with the common colour-vision
/// deficiencies; every status also carries a symbol and its label, so colour is never the
/// only carrier. Every text is HTML-escaped.
struct FollowUpHTML {
    var report: FollowUpReport
    var meta: ReportMeta
    var output: ReportOutput
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
            @page { size: A4 landscape; margin: 12mm; }
            * { box-sizing: border-box; }
            body { font-family: "Helvetica Neue", Arial, sans-serif; color: #1a1a1a; margin: 0; padding: 16px 24px; font-size: 13px; }
            h1 { font-size: 24px; margin: 0 0 4px; color: #003a5d; }
            h2 { font-size: 19px; margin: 0 0 10px; color: #003a5d; }
            h3 { font-size: 14px; margin: 12px 0 4px; color: #003a5d; }
            .approval { margin: 4px 0 12px; }
            .approval.changed { color: #8a2c00; font-weight: bold; }
            .legend { display: flex; flex-wrap: wrap; gap: 6px; margin: 8px 0 16px; padding: 0; list-style: none; }
            .legend-title { font-weight: bold; font-size: 12px; letter-spacing: 0.05em; margin-top: 8px; }
            .chip { display: inline-block; border-radius: 3px; padding: 2px 6px; font-size: 11px; font-weight: bold; white-space: nowrap; border: 1px solid #555; }
            .overview { display: grid; grid-template-columns: repeat(3, 1fr); gap: 16px; }
            .category { border-top: 4px solid #003a5d; padding-top: 6px; }
            .category h3 { margin-top: 0; }
            .ov-project { margin: 6px 0 10px; }
            .ov-project .name { font-weight: bold; }
            .ov-project .chips { display: flex; flex-wrap: wrap; gap: 3px; margin-top: 3px; }
            section.project { break-before: page; page-break-before: always; margin-top: 32px; padding-top: 12px; border-top: 6px solid #003a5d; }
            .facts { display: grid; grid-template-columns: 1fr 1fr 1fr 0.8fr; gap: 16px; margin-bottom: 12px; }
            .facts div { background: #eef3f7; padding: 8px 10px; }
            .facts h4 { margin: 0 0 4px; font-size: 12px; color: #003a5d; text-transform: uppercase; letter-spacing: 0.04em; }
            .facts p, .facts ul { margin: 0; padding-left: 0; white-space: pre-line; }
            .facts ul { padding-left: 16px; white-space: normal; }
            .amount { font-size: 18px; font-weight: bold; }
            table.indicators { border-collapse: collapse; width: 100%; }
            table.indicators th { background: #003a5d; color: #fff; text-align: left; padding: 5px 6px; font-size: 12px; }
            table.indicators td { border-bottom: 1px solid #c8d2da; padding: 4px 6px; vertical-align: middle; }
            td.goal { font-weight: bold; color: #003a5d; width: 13%; }
            td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
            td.status { font-weight: bold; font-size: 11px; width: 15%; border: 1px solid #555; }
            .small { font-size: 11px; color: #555; }
            .market-mark { font-weight: 600; color: #7a3d00; border-left: 4px solid #d55e00; padding-left: 6px; }
            .remark { font-size: 11px; color: #8a2c00; }
            svg.trend { display: block; }
            footer { margin-top: 24px; font-size: 11px; color: #555; border-top: 1px solid #ccc; padding-top: 6px; }
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

    func t(_ sv: String, _ en: String) -> String { language == .sv ? sv : en }
    func h(_ text: String) -> String { ReportText.html(text) }

    func chip(_ status: FollowUpStatus, count: Int? = nil) -> String {
        let label = status.label(language: language)
        let text = count.map { "\(FollowUpHTML.style(status).symbol) \($0)" } ?? "\(FollowUpHTML.style(status).symbol) \(label)"
        return "<span class=\"chip s-\(status.rawValue)\" title=\"\(h(label))\">\(h(text))</span>"
    }

    func render() -> String {
        var body = "<header>\n<h1>\(h(FollowUpWords.title(report.year, language)))</h1>\n"
        let changed = report.approval != nil && !report.changedSinceApproval.isEmpty
        body += "<p class=\"approval\(changed ? " changed" : "")\">\(h(FollowUpWords.approvalLine(report, language)))</p>\n</header>\n"
        body += legend()
        body += overview()
        for project in report.projects { body += page(project) }
        body += "<footer>" + meta.footer(output).map(h).joined(separator: "<br>") + "</footer>"
        return ReportText.htmlPage(title: FollowUpWords.title(report.year, language), language: language, style: FollowUpHTML.css, body: body)
    }

    func legend() -> String {
        var out = "<div class=\"legend-title\">\(h(t("FÄRGKOD FÖR UPPFÖLJNING", "COLOUR CODE OF THE FOLLOW-UP")))</div>\n<ul class=\"legend\">\n"
        for status in FollowUpStatus.allCases { out += "<li>\(chip(status))</li>\n" }
        return out + "</ul>\n"
    }

    func overview() -> String {
        var out = "<section class=\"overview-page\">\n<h2>\(h(t("Översikt per kategori", "Overview by category")))</h2>\n"
        if report.projects.isEmpty { out += "<p>\(h(t("Inga projekt under uppföljning.", "No projects under follow-up.")))</p>\n" }
        out += "<div class=\"overview\">\n"
        let byNumber = Dictionary(report.projects.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        for category in report.overview.categories {
            out += "<div class=\"category\">\n<h3>\(h(SocialCategory.displayName(category.name, language: language)))</h3>\n"
            for (number, counts) in category.projects {
                let name = byNumber[number].map { "\($0.borrower): \($0.title) (#\(number))" } ?? "#\(number)"
                out += "<div class=\"ov-project\"><div class=\"name\"><a href=\"#p\(number)\">\(h(name))</a></div><div class=\"chips\">"
                out += counts.ordered.filter { $0.count > 0 }.map { chip($0.status, count: $0.count) }.joined(separator: " ")
                out += "</div></div>\n"
            }
            out += "</div>\n"
        }
        return out + "</div>\n</section>\n"
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
        let approved = MoneyFormat.millions(project.volumes.approved, language: language)
        let disbursed = MoneyFormat.millions(project.volumes.disbursed, language: language)
        out += "<div><h4>\(h(t("Beviljat / utbetalt", "Approved / disbursed")))</h4><p class=\"amount\">\(h(approved)) / \(h(disbursed))</p>"
        out += "<p class=\"small\">\(h(t("Per", "As of"))) \(h(report.volumesAsOf.description))</p></div>\n</div>\n"

        let columns = FollowUpWords.columns(report.year, language)
        out += "<table class=\"indicators\">\n<thead><tr><th>\(h(t("Mål", "Goal")))</th>"
        out += columns.dropLast().map { "<th>\(h($0))</th>" }.joined()
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
            let remarks = view.notes
            if !remarks.isEmpty { name += "<br><span class=\"remark\">\(h(remarks.joined(separator: "; ")))</span>" }
            out += "<td>\(name)</td>"
            out += "<td class=\"num\">\(h(view.baseline))</td><td class=\"num\">\(h(view.previous))</td><td class=\"num\">\(h(view.value))</td>"
            var target = h(indicator.targetText)
            if let year = indicator.targetYear, !indicator.targetText.contains(String(year)) { target += " (\(year))" }
            out += "<td>\(target)</td>"
            let s = FollowUpHTML.style(view.status)
            out += "<td class=\"status s-\(view.status.rawValue)\">\(h(s.symbol)) \(h(view.statusLabel))</td>"
            out += "<td>\(TrendSVG(indicator: indicator, year: report.year, language: language).render())</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }
}

