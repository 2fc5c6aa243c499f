import Ledger
import LedgerStore
import XLSX

/// Renders the annual follow-up as a table, CSV, Markdown or JSON (HTML: `FollowUpHTML`).
struct FollowUpRender {
    var report: FollowUpReport
    var meta: ReportMeta
    var output: ReportOutput
    /// Allocation and impact for the HTML's first page (`FollowUpSustainabilityBox.swift`).
    var sustainability: FollowUpSustainability? = nil

    func render() -> RenderedReport {
        switch output.format {
        case .json: return .text(json().rendered() + "\n")
        case .csv: return .text(csv().csv())
        case .table: return .text(text(markdown: false))
        case .md: return .text(text(markdown: true))
        case .html: return .text(FollowUpHTML(report: report, meta: meta, output: output, sustainability: sustainability).render())
        case .xlsx, .csvExcel:
            return output.spreadsheet(sheets(), title: FollowUpWords.title(report.year, output.language), meta: meta)
        }
    }

    /// Two sheets: the projects with their figures in kronor, and one row per indicator
    /// with the values as numbers where they are numbers, the status label and its key.
    func sheets() -> [XLSXSheet] {
        let t = output.text
        let projects = XLSXSheet(
            name: t("Projekt", "Projects"),
            columns: [t("Projekt", "Project"), t("Låntagare", "Borrower"), t("Titel", "Title"), t("Kategori", "Category"),
                      t("Medlem", "Member"), t("Beslut", "Decision"), t("Beviljat (kr)", "Approved (SEK)"),
                      t("Utbetalt (kr)", "Disbursed (SEK)"), t("Utestående (kr)", "Outstanding (SEK)"), t("Per", "As of")],
            rows: report.projects.map { p in
                [.integer(p.number), .text(p.borrower), .text(p.title),
                 .text(SocialCategory.displayName(p.category, language: output.language)), .text(p.member),
                 .day(text: p.decisionDate), .kronor(p.volumes.approved), .kronor(p.volumes.disbursed),
                 .kronor(p.volumes.outstanding), .day(report.volumesAsOf)]
            })
        var rows: [[XLSXValue]] = []
        for project in report.projects {
            for view in views(project) {
                let i = view.indicator
                rows.append([
                    .integer(project.number), .text(i.id), .text(i.goal), .text(i.name), i.unit.map(XLSXValue.text) ?? .empty,
                    .cell(IndicatorView.cell(view.record.baseline)), view.baselineYear.map { .integer(Int64($0)) } ?? .empty,
                    .cell(IndicatorView.cell(view.record.previous)), view.previousYear.map { .integer(Int64($0)) } ?? .empty,
                    .cell(IndicatorView.cell(view.record.value)), .text(view.record.targetText ?? i.targetText),
                    i.targetYear.map { .integer(Int64($0)) } ?? .empty,
                    .text(view.statusLabel), .text(view.status.rawValue), .text(view.notes.joined(separator: "; ")),
                ])
            }
        }
        let indicators = XLSXSheet(
            name: t("Indikatorer \(report.year)", "Indicators \(report.year)"),
            columns: [t("Projekt", "Project"), t("Indikator-id", "Indicator id"), t("Mål", "Goal"), t("Indikator", "Indicator"),
                      t("Enhet", "Unit"), t("Utgångsvärde", "Baseline"), t("Utgångsår", "Baseline year"),
                      t("Föregående", "Previous"), t("Föregående år", "Previous year"), t("Utfall \(report.year)", "Outcome \(report.year)"),
                      t("Målvärde", "Target"), t("Målår", "Target year"), t("Status", "Status"), t("Statusnyckel", "Status key"),
                      t("Anmärkning", "Remarks")],
            rows: rows)
        return [projects, indicators]
    }

    func views(_ project: FollowUpProject) -> [IndicatorView] {
        project.indicators.map { IndicatorView(indicator: $0, year: report.year, language: output.language) }
    }

    /// `text` cut to `width` characters with "…", so a terminal table stays readable
    /// (CSV, JSON, Markdown and HTML keep the whole name).
    static func clipped(_ text: String, to width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }

    /// ANSI colour of a status (only when `output.colour`); the label always stays.
    static func ansi(_ status: FollowUpStatus) -> String {
        switch status {
        case .worseThanBaseline: return "\u{1B}[1;31m"
        case .negativeTrend: return "\u{1B}[33m"
        case .targetMet: return "\u{1B}[1;32m"
        case .positiveTrend: return "\u{1B}[36m"
        case .noChange: return "\u{1B}[34m"
        case .notReported: return "\u{1B}[2m"
        case .notAssessed: return "\u{1B}[35m"
        }
    }

    func text(markdown: Bool) -> String {
        let lang = output.language
        let safe = output.safe  // text from the ledger: Markdown-escaped, or controls shown escaped
        var out = markdown ? "# \(FollowUpWords.title(report.year, lang))\n\n" : FollowUpWords.title(report.year, lang) + "\n\n"
        out += safe(FollowUpWords.approvalLine(report, lang)) + "\n\n"
        if report.projects.isEmpty {
            out += output.text("Inga projekt under uppföljning.\n\n", "No projects under follow-up.\n\n")
        }
        // Overview (Bild 11).
        out += markdown ? "## " + output.text("Översikt", "Overview") + "\n\n" : output.text("ÖVERSIKT", "OVERVIEW") + "\n"
        let titles = Dictionary(report.projects.map { ($0.number, FollowUpWords.projectHeading($0)) }, uniquingKeysWith: { a, _ in a })
        for category in report.overview.categories {
            out += markdown ? "**\(safe(SocialCategory.displayName(category.name, language: lang)))**\n\n"
                            : safe(SocialCategory.displayName(category.name, language: lang)) + "\n"
            for (project, counts) in category.projects {
                let summary = counts.ordered.filter { $0.count > 0 }.map { "\($0.status.label(language: lang)) \($0.count)" }
                    .joined(separator: " · ")
                out += (markdown ? "- " : "  ") + "\(safe(titles[project] ?? "#\(project)")): \(summary)\n"
            }
            out += "\n"
        }
        for project in report.projects {
            let heading = safe(FollowUpWords.projectHeading(project))
            out += markdown ? "## \(heading)\n\n" : String(repeating: "═", count: min(100, heading.displayWidth)) + "\n" + heading + "\n"
            out += safe(SocialCategory.displayName(project.category, language: lang)) + ". "
                + FollowUpWords.volumes(project, asOf: report.volumesAsOf, lang) + "\n"
            if let mark = FollowUpWords.marketMark(project, lang) { out += (markdown ? "**⚠ \(mark)**\n" : "⚠ \(mark)\n") }
            out += "\n"
            let rows: [[Cell]] = views(project).map { view in
                [.text(markdown ? view.indicator.name : FollowUpRender.clipped(view.indicator.name, to: 64)),
                 .text(view.baseline), .text(view.previous), .text(view.value),
                 .text(view.indicator.targetText), .text(view.statusLabel), .text(view.notes.joined(separator: "; "))]
            }
            let tabular = Tabular(columns: FollowUpWords.columns(report.year, lang), rows: rows)
            if markdown {
                out += tabular.markdown() + "\n"
            } else {
                let statuses = views(project).map(\.status)
                var rowIndex = -1
                out += tabular.table { column, _, padded in
                    if column == 0 { rowIndex += 1 }
                    guard output.colour, column == 5, rowIndex < statuses.count else { return padded }
                    return FollowUpRender.ansi(statuses[rowIndex]) + padded + "\u{1B}[0m"
                } + "\n"
            }
        }
        let footer = ([FollowUpWords.approvalBasis(report, lang)].compactMap { $0 } + meta.footer(output)).map(safe)
        out += markdown ? footer.map { "_\($0)_" }.joined(separator: "  \n") + "\n" : footer.joined(separator: "\n") + "\n"
        return out
    }

    /// One row per indicator.
    func csv() -> Tabular {
        let columns = ["year", "project_number", "project_title", "category", "indicator_id", "area", "goal", "name", "unit",
                       "baseline", "baseline_year", "previous", "previous_year", "value", "target", "target_text", "target_year",
                       "status", "status_label", "target_year_passed_unmet", "notes", "approved_revision", "current_status"]
        var rows: [[Cell]] = []
        for project in report.projects {
            for view in views(project) {
                let i = view.indicator
                rows.append([
                    .integer(Int64(report.year)), .integer(project.number), .text(project.title), .text(project.category),
                    .text(i.id), i.area.map(Cell.text) ?? .null, .text(i.goal), .text(i.name), i.unit.map(Cell.text) ?? .null,
                    IndicatorView.cell(view.record.baseline), view.baselineYear.map { .integer(Int64($0)) } ?? .null,
                    IndicatorView.cell(view.record.previous), view.previousYear.map { .integer(Int64($0)) } ?? .null,
                    IndicatorView.cell(view.record.value), .text(i.target.render()), .text(view.record.targetText ?? i.targetText),
                    i.targetYear.map { .integer(Int64($0)) } ?? .null,
                    .text(view.status.rawValue), .text(view.statusLabel), .integer(view.record.targetYearPassedUnmet ? 1 : 0),
                    .text(view.notes.joined(separator: "; ")),
                    i.frozen == nil ? .null : report.approval.map { .integer(Int64($0.revision)) } ?? .null,
                    .text(i.current.status.rawValue),
                ])
            }
        }
        return Tabular(columns: columns, rows: rows)
    }

    static func string(_ text: String?) -> JSON { text.map(JSON.string) ?? .null }
    static func int(_ value: Int?) -> JSON { value.map { .integer(Int64($0)) } ?? .null }

    static func counts(_ counts: FollowUpStatusCounts) -> JSON {
        .object(counts.ordered.map { ($0.status.rawValue, JSON.integer(Int64($0.count))) })
    }

    /// `{"year", "volumes_as_of", "approval", "projects": [{…, "indicators": [{…}]}], "status_counts", "meta"}`.
    func json() -> JSON {
        let overview = report.overview
        let projectCounts = Dictionary(overview.categories.flatMap(\.projects).map { ($0.project, $0.counts) },
                                       uniquingKeysWith: { a, _ in a })
        let projects: [JSON] = report.projects.map { project in
            let indicators: [JSON] = views(project).map { view in
                let i = view.indicator
                var pairs: [(String, JSON)] = [
                    ("indicator_id", .string(i.id)), ("area", Self.string(i.area)), ("goal", .string(i.goal)),
                    ("name", .string(i.name)), ("unit", Self.string(i.unit)), ("direction", .string(i.direction.rawValue)),
                    ("baseline", Self.string(view.record.baseline)), ("baseline_year", Self.int(view.baselineYear)),
                    ("previous", Self.string(view.record.previous)), ("previous_year", Self.int(view.previousYear)),
                    ("value", Self.string(view.record.value)),
                    ("target", .string(i.target.render())), ("target_text", Self.string(view.record.targetText)),
                    ("target_year", Self.int(i.targetYear)),
                    ("reference_value", i.referenceValue.map { .number($0.canonical) } ?? .null),
                    ("status", .string(view.status.rawValue)), ("status_label", .string(view.statusLabel)),
                    ("target_year_passed_unmet", .bool(view.record.targetYearPassedUnmet)),
                    ("notes", .array(view.notes.map(JSON.string))),
                    ("met_by_decision", .bool(view.record.metByDecision)),
                    ("decision", i.decision.map { d in
                        .object([("met", .bool(d.decision == .met)), ("decided_on", .string(d.decidedOn)),
                                 ("reason", .string(d.reason)), ("recorded_by", .string(d.recordedBy)),
                                 ("recorded_at", .string(d.recordedAt))])
                    } ?? .null),
                ]
                if report.approval != nil {
                    pairs.append(("changed_since_approval", .bool(i.changedSinceApproval)))
                    let now = i.currentRecord
                    pairs.append(("current", .object([
                        ("baseline", Self.string(now.baseline)), ("previous", Self.string(now.previous)),
                        ("value", Self.string(now.value)), ("target_text", Self.string(now.targetText)),
                        ("status", .string(now.status.rawValue)), ("target_year_passed_unmet", .bool(now.targetYearPassedUnmet)),
                    ])))
                }
                return .object(pairs)
            }
            return .object([
                ("project_number", .integer(project.number)), ("title", .string(project.title)),
                ("category", .string(project.category)), ("borrower", .string(project.borrower)), ("member", .string(project.member)),
                ("approved_ore", .integer(project.volumes.approved)), ("disbursed_ore", .integer(project.volumes.disbursed)),
                ("outstanding_ore", .integer(project.volumes.outstanding)),
                ("housing_market", project.housingMarket.map { mark in
                    JSON.object([("year", .integer(Int64(mark.year))), ("class", .string(mark.marketClass.token)),
                                 ("very_weak", .bool(mark.isVeryWeak))])
                } ?? .null),
                ("status_counts", Self.counts(projectCounts[project.number] ?? FollowUpStatusCounts())),
                ("indicators", .array(indicators)),
            ])
        }
        let approval: JSON = report.approval.map { a in
            .object([
                ("revision", .integer(Int64(a.revision))), ("approved_on", .string(a.approvedOn)),
                ("approved_by", .string(a.recordedBy)), ("recorded_at", .string(a.recordedAt)),
                ("rule_version", .string(a.ruleVersion)), ("ledger_head_hash", .string(a.ledgerHeadHash)),
                ("note", Self.string(a.note)), ("changed_indicators", .integer(Int64(report.changedSinceApproval.count))),
            ])
        } ?? .null
        return .object([
            ("year", .integer(Int64(report.year))), ("volumes_as_of", .string(report.volumesAsOf.description)),
            ("approval", approval), ("projects", .array(projects)), ("status_counts", Self.counts(overview.counts)),
            ("meta", meta.json),
        ])
    }
}
