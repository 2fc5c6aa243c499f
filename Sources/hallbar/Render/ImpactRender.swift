import Ledger
import LedgerStore
import XLSX

/// Renders `report impact` in every format (domain.md, "Impact metric" to "coverage"): per
/// category and in total the attributed impact, tCO2e avoided per SEK million outstanding
/// and coverage; per project the share financed and each metric (actual, else expected,
/// marked; tCO2e derived from energy metrics marked derived). With `--restate` the year
/// under the factor in force today stands beside the year as published.
struct ImpactRender {
    var published: ImpactReport
    /// The metric and factor revisions of `published` are those in force at the end of this day.
    var revisionsAsOf: Day
    /// The year restated (`--restate`): every revision in force on the day given, under the
    /// factor that applies on it.
    var restated: (report: ImpactReport, on: Day)?
    var meta: ReportMeta
    var output: ReportOutput

    var year: Int { published.year }

    var title: String {
        output.text("Miljöeffekt av gröna lån \(year)", "Impact of green loans \(year)")
    }

    func render() -> RenderedReport {
        switch output.format {
        case .json: return .text(json().rendered() + "\n")
        case .csv: return .text(csv().csv())
        case .table, .md, .html:
            return AllocationWords.document(title: title, notes: notes(), sections: sections(), meta: meta, output: output)
        case .xlsx, .csvExcel:
            return output.spreadsheet(sheets(), title: title + ". " + notes().joined(separator: " "), meta: meta)
        }
    }

    /// The factor used, and with `--restate` the factor of today.
    func notes() -> [String] {
        var lines = [factorLine(published.factor, prefix: output.text("Emissionsfaktor för el vid årets slut", "Electricity emission factor at the year's end"))]
        if published.isMissingFactor {
            lines.append(output.text("Ingen emissionsfaktor gällde: energimåtten ger inga härledda tCO2e.",
                                     "No emission factor applied: the energy metrics yield no derived tCO2e."))
        }
        if let restated {
            lines.append(output.text(
                "Publicerat: mått och faktorer som de gällde vid utgången av \(revisionsAsOf); omräknat: som de gäller \(restated.on). "
                    + "En ändring som gäller från ett senare datum syns bara i det omräknade.",
                "Published: metrics and factors as in force at the end of \(revisionsAsOf); restated: as in force on \(restated.on). "
                    + "An amendment that takes effect later shows in the restated figures only."))
            lines.append(factorLine(restated.report.factor, prefix: output.text("Omräknat med faktorn som gäller \(restated.on)",
                                                                                "Restated with the factor in force on \(restated.on)")))
        } else {
            lines.append(output.text("Mått och faktorer som de gäller vid utgången av \(revisionsAsOf).",
                                     "Metrics and factors as in force at the end of \(revisionsAsOf)."))
        }
        lines.append(output.text(
            "Tilldelat = värde × finansierad andel (utestående vid årets slut ÷ projektets totala kostnad, högst 1). "
                + "Täckningsgrad = utestående på projekt med tilldelad effekt ÷ kategorins utestående.",
            "Attributed = value × share financed (outstanding at the year's end ÷ the project's total cost, at most 1). "
                + "Coverage = outstanding on projects with an attributed metric ÷ the category's outstanding."))
        return lines
    }

    func factorLine(_ factor: EmissionFactor?, prefix: String) -> String {
        guard let factor else { return prefix + output.text(": ingen.", ": none.") }
        return prefix + ": \(factor.gramsPerKWh.formatted(language: output.language)) g CO2e/kWh ("
            + output.text("från", "from") + " \(factor.validFrom); \(factor.source))."
    }

    // MARK: figures as people read them

    func quantity(_ value: Quantity?, _ metric: ImpactMetric) -> String {
        guard let value else { return "–" }
        return value.rounded(decimals: metric.displayDecimals).formatted(language: output.language) + "\u{00A0}" + metric.unit
    }

    func perMnkr(_ value: Quantity?) -> String {
        value.map { AllocationWords.oneDecimal($0, output) } ?? "–"
    }

    func metricName(_ line: ImpactLine) -> String {
        guard let source = line.derivedFrom else { return line.metric.name(language: output.language) }
        return line.metric.name(language: output.language) + output.text(" (härlett ur \(source.swedishName.lowercased()))",
                                                                        " (derived from \(source.englishName.lowercased()))")
    }

    func sections() -> [(String?, Tabular)] {
        [(output.text("Per kategori", "Per category"), categoryTable()),
         (output.text("Tilldelad effekt per mått", "Attributed impact per metric"), metricTable()),
         (output.text("Projekt", "Projects"), projectTable())]
    }

    /// The groups of the report: each category, then the total.
    func groups(_ report: ImpactReport) -> [(key: String, label: String, sums: ImpactSums)] {
        report.categories.map { ($0.category, AllocationWords.category($0.category, output), $0.sums) }
            + [("total", output.text("Summa", "Total"), report.total)]
    }

    func categoryTable() -> Tabular {
        let lang = output.language
        var columns = [output.text("Kategori", "Category"), output.text("Projekt", "Projects"),
                       output.text("Utestående \(year)-12-31", "Outstanding \(year)-12-31"), output.text("Täckningsgrad", "Coverage"),
                       output.text("Undvikna utsläpp, tilldelat", "GHG avoided, attributed"), output.text("tCO2e per mnkr", "tCO2e per SEK m")]
        if restated != nil {
            columns += [output.text("Omräknat, tilldelat", "Restated, attributed"), output.text("Omräknat per mnkr", "Restated per SEK m")]
        }
        let restatedSums = Dictionary(uniqueKeysWithValues: restated.map { groups($0.report).map { ($0.key, $0.sums) } } ?? [])
        return Tabular(columns: columns, rows: groups(published).map { group in
            var row: [Cell] = [.text(group.label), .integer(Int64(group.sums.projects)),
                               .text(MoneyFormat.millions(group.sums.outstanding, language: lang)),
                               .text(AllocationWords.percent(group.sums.coverage, output)),
                               .text(quantity(group.sums.attributed(.ghgAvoided), .ghgAvoided)), .text(perMnkr(group.sums.ghgPerMnkr))]
            if restated != nil {
                let other = restatedSums[group.key]
                row += [.text(quantity(other?.attributed(.ghgAvoided), .ghgAvoided)), .text(perMnkr(other?.ghgPerMnkr))]
            }
            return row
        })
    }

    func metricTable() -> Tabular {
        var rows: [[Cell]] = []
        for group in groups(published) {
            for amount in group.sums.attributed {
                rows.append([.text(group.label), .text(amount.metric.name(language: output.language)), .text(quantity(amount.value, amount.metric))])
            }
        }
        return Tabular(columns: [output.text("Kategori", "Category"), output.text("Mått", "Metric"), output.text("Tilldelat", "Attributed")],
                       rows: rows)
    }

    func projectTable() -> Tabular {
        var rows: [[Cell]] = []
        for project in published.projects {
            let share = project.shareFinanced.map { AllocationWords.percent($0, output) }
                ?? output.text("ingen total kostnad", "no total cost")
            let head: [Cell] = [.text("#\(project.projectNumber)"), .text(AllocationWords.category(project.category, output)), .text(share)]
            if project.lines.isEmpty {
                rows.append(head + [.text(output.text("inga mått för året", "no metric for the year")), .text(""), .text(""), .text("")])
            }
            for (index, line) in project.lines.enumerated() {
                let first = index == 0 ? head : [.text(""), .text(""), .text("")]
                rows.append(first + [.text(metricName(line)), .text(line.basis.name(language: output.language)),
                                     .text(quantity(line.value, line.metric)), .text(quantity(line.attributed, line.metric))])
            }
        }
        return Tabular(columns: [output.text("Projekt", "Project"), output.text("Kategori", "Category"),
                                 output.text("Finansierad andel", "Share financed"), output.text("Mått", "Metric"),
                                 output.text("Grund", "Basis"), output.text("Värde", "Value"), output.text("Tilldelat", "Attributed")],
                       rows: rows)
    }

    // MARK: spreadsheet

    /// A metric's value in a workbook: the exact value, shown rounded as the tables print it.
    static func cell(_ value: Quantity, _ metric: ImpactMetric) -> XLSXValue {
        .rounded(value.canonical, places: metric.displayDecimals)
    }

    /// The categories and the projects, per scenario: exact values (as the JSON has them) in
    /// cells that show them rounded as the tables print them (tCO2e per mnkr with one decimal).
    func sheets() -> [XLSXSheet] {
        var scenarios: [(name: String, report: ImpactReport)] = [(output.text("publicerat", "published"), published)]
        if let restated { scenarios.append((output.text("omräknat", "restated"), restated.report)) }
        let categories = XLSXSheet(
            name: output.text("Kategorier", "Categories"),
            columns: [output.text("Beräkning", "Scenario"), output.text("Kategori", "Category"), output.text("Mått", "Metric"),
                      output.text("Tilldelat", "Attributed"), output.text("Enhet", "Unit"), output.text("Projekt", "Projects"),
                      output.text("Utestående (kr)", "Outstanding (SEK)"), output.text("Täckningsgrad", "Coverage"),
                      output.text("tCO2e per mnkr", "tCO2e per SEK m"), output.text("g CO2e/kWh", "g CO2e/kWh"),
                      output.text("Nyckel", "Key")],
            rows: scenarios.flatMap { scenario in
                groups(scenario.report).flatMap { group -> [[XLSXValue]] in
                    let head: [XLSXValue] = [.text(scenario.name), .text(group.label)]
                    let tail: [XLSXValue] = [.integer(Int64(group.sums.projects)), .kronor(group.sums.outstanding),
                                             .fraction(group.sums.coverage), group.sums.ghgPerMnkr.map { .rounded($0.canonical, places: 1) } ?? .empty,
                                             scenario.report.factor.map { .number($0.gramsPerKWh.canonical) } ?? .empty, .text(group.key)]
                    if group.sums.attributed.isEmpty { return [head + [.empty, .empty, .empty] + tail] }
                    return group.sums.attributed.map { amount in
                        head + [.text(amount.metric.rawValue), Self.cell(amount.value, amount.metric), .text(amount.metric.unit)] + tail
                    }
                }
            })
        let projects = XLSXSheet(
            name: output.text("Projekt", "Projects"),
            columns: [output.text("Beräkning", "Scenario"), output.text("Projekt", "Project"), output.text("Kategori", "Category"),
                      output.text("Total kostnad (kr)", "Total cost (SEK)"), output.text("Utestående (kr)", "Outstanding (SEK)"),
                      output.text("Finansierad andel", "Share financed"), output.text("Mått", "Metric"), output.text("Grund", "Basis"),
                      output.text("Härlett ur", "Derived from"), output.text("Värde", "Value"), output.text("Tilldelat", "Attributed"),
                      output.text("Enhet", "Unit")],
            rows: scenarios.flatMap { scenario in
                scenario.report.projects.flatMap { project -> [[XLSXValue]] in
                    let head: [XLSXValue] = [.text(scenario.name), .integer(project.projectNumber),
                                             .text(AllocationWords.category(project.category, output)),
                                             project.totalCost.map(XLSXValue.kronor) ?? .empty, .kronor(project.outstanding),
                                             .fraction(project.shareFinanced)]
                    if project.lines.isEmpty { return [head + Array(repeating: .empty, count: 6)] }
                    return project.lines.map { line in
                        head + [.text(line.metric.rawValue), .text(line.basis.rawValue), line.derivedFrom.map { .text($0.rawValue) } ?? .empty,
                                Self.cell(line.value, line.metric), line.attributed.map { Self.cell($0, line.metric) } ?? .empty,
                                .text(line.metric.unit)]
                    }
                }
            })
        return [categories, projects]
    }

    // MARK: CSV and JSON

    /// One flat table: per scenario (published, restated) a row per project metric, per
    /// category metric and per category and the total (record `project_metric`,
    /// `category_metric`, `category`).
    func csv() -> Tabular {
        let columns = ["scenario", "record", "project_number", "category", "metric", "basis", "derived", "value", "attributed",
                       "share_financed", "outstanding_ore", "coverage", "ghg_per_mnkr", "factor_g_per_kwh"]
        var scenarios: [(String, ImpactReport)] = [("published", published)]
        if let restated { scenarios.append(("restated", restated.report)) }
        var rows: [[Cell]] = []
        for (name, report) in scenarios {
            let factor: Cell = report.factor.map { .decimal($0.gramsPerKWh.canonical) } ?? .null
            for project in report.projects {
                let share = AllocationWords.fraction(project.shareFinanced)
                for line in project.lines {
                    rows.append([.text(name), .text("project_metric"), .integer(project.projectNumber), .text(project.category),
                                 .text(line.metric.rawValue), .text(line.basis.rawValue), .text(line.isDerived ? "true" : "false"),
                                 .decimal(line.value.canonical), line.attributed.map { .decimal($0.canonical) } ?? .null, share,
                                 .integer(project.outstanding), .null, .null, factor])
                }
            }
            for group in groups(report) {
                for amount in group.sums.attributed {
                    rows.append([.text(name), .text("category_metric"), .null, .text(group.key), .text(amount.metric.rawValue), .null,
                                 .null, .null, .decimal(amount.value.canonical), .null, .null, .null, .null, factor])
                }
                rows.append([.text(name), .text("category"), .null, .text(group.key), .null, .null, .null, .null, .null, .null,
                             .integer(group.sums.outstanding), AllocationWords.fraction(group.sums.coverage),
                             group.sums.ghgPerMnkr.map { .decimal($0.canonical) } ?? .null, factor])
            }
        }
        return Tabular(columns: columns, rows: rows)
    }

    static func sums(_ sums: ImpactSums) -> [(String, JSON)] {
        [("attributed", .object(sums.attributed.map { ($0.metric.rawValue, JSON.number($0.value.canonical)) })),
         ("ghg_per_mnkr", sums.ghgPerMnkr.map { JSON.number($0.canonical) } ?? .null),
         ("coverage", JSON(cell: AllocationWords.fraction(sums.coverage))),
         ("projects", .integer(Int64(sums.projects))), ("outstanding_ore", .integer(sums.outstanding)),
         ("covered_outstanding_ore", .integer(sums.coveredOutstanding))]
    }

    /// `factor_g_per_kwh`, `projects`, `categories` (and `total`) of one report.
    static func body(_ report: ImpactReport) -> [(String, JSON)] {
        [("factor_g_per_kwh", report.factor.map { JSON.number($0.gramsPerKWh.canonical) } ?? .null),
         ("factor_valid_from", report.factor.map { JSON.string($0.validFrom.description) } ?? .null),
         ("factor_source", report.factor.map { JSON.string($0.source) } ?? .null),
         ("projects", .array(report.projects.map { project in
             .object([
                 ("project_number", .integer(project.projectNumber)), ("category", .string(project.category)),
                 ("total_cost_ore", project.totalCost.map(JSON.integer) ?? .null), ("outstanding_ore", .integer(project.outstanding)),
                 ("share_financed", JSON(cell: AllocationWords.fraction(project.shareFinanced))),
                 ("metrics", .array(project.lines.map { line in
                     .object([
                         ("metric", .string(line.metric.rawValue)), ("unit", .string(line.metric.unit)),
                         ("basis", .string(line.basis.rawValue)), ("value", .number(line.value.canonical)),
                         ("attributed", line.attributed.map { JSON.number($0.canonical) } ?? .null),
                         ("derived", .bool(line.isDerived)), ("derived_from", line.derivedFrom.map { JSON.string($0.rawValue) } ?? .null),
                     ])
                 })),
             ])
         })),
         ("categories", .array(report.categories.map { category in
             .object([("category", .string(category.category))] + sums(category.sums))
         })),
         ("total", .object(sums(report.total))),
         ("missing_factor", .bool(report.isMissingFactor))]
    }

    /// cli.md's keys: `year`, `factor_g_per_kwh`, `projects`, `categories` and, with
    /// `--restate`, `restated` in the same shape; `revisions_as_of`, the day whose revisions
    /// the top level shows.
    func json() -> JSON {
        var fields: [(String, JSON)] = [("year", .integer(Int64(year))), ("revisions_as_of", .string(revisionsAsOf.description))]
            + Self.body(published)
        if let restated {
            fields.append(("restated", .object([("restated_on", .string(restated.on.description))] + Self.body(restated.report))))
        }
        fields.append(("meta", meta.json))
        return .object(fields)
    }
}
