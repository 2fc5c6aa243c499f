import Ledger
import LedgerStore
import XLSX

/// Renders the housing-market report (SOU 2015:58, appendix 2) in every format.
struct MarketReportRender {
    var report: MarketReport
    var meta: ReportMeta
    var output: ReportOutput

    var title: String {
        output.text("Bostadsmarknader \(report.year) och hållbar utlåning per \(report.asOf)",
                    "Housing markets \(report.year) and sustainable lending as of \(report.asOf)")
    }

    func label(_ marketClass: MarketClass?) -> String {
        guard let marketClass else { return output.text("utan klassning", "unclassified") }
        return output.language == .sv ? marketClass.swedishLabel : marketClass.englishLabel
    }

    func basisLabel(_ basis: String) -> String {
        switch basis {
        case "observed": return output.text("observerat medelpris", "observed average price")
        case "forecast": return output.text("prognos", "forecast")
        case "model": return output.text("beräknat med modellen", "computed with the model")
        default: return basis
        }
    }

    /// The basis, with the model's result beside an observed or forecast index.
    func basisText(_ m: MarketMunicipality) -> String {
        guard m.basis != "model", let model = m.modelIndex,
              let value = try? MarketDecimal(parsing: model) else { return basisLabel(m.basis) }
        return basisLabel(m.basis) + output.text(" (modellen: \(value.roundedHalfAwayFromZero))", " (model: \(value.roundedHalfAwayFromZero))")
    }

    /// The bounds' scenario in words: "grundscenario" / "base scenario", else its name.
    var scenarioLabel: String {
        let name = report.bounds.scenario
        return name == ClassBounds.baseScenario ? output.text("grundscenario", "base scenario") : "scenario \(name)"
    }

    var boundsLine: String {
        let b = report.bounds
        return output.text(
            "Klassgränser \(b.year) (\(scenarioLabel)): mycket svag ≤ \(b.veryWeakMax), svag ≤ \(b.weakMax), stark ≤ \(b.strongMax), mycket stark över (kr/m²).",
            "Class bounds \(b.year) (\(scenarioLabel)): very weak ≤ \(b.veryWeakMax), weak ≤ \(b.weakMax), strong ≤ \(b.strongMax), very strong above (SEK/m²).")
    }

    func render() -> RenderedReport {
        var sections: [(String?, Tabular)] = [
            (output.text("Hållbar utlåning (gröna och sociala lån) per klass", "Sustainable lending (green and social) per class"), exposure()),
            (output.text("Kommuner med index \(report.year)", "Municipalities with an index for \(report.year)"), municipalities()),
        ]
        if !report.membersWithoutReading.isEmpty {
            sections.append((output.text("Medlemmar utan index \(report.year)", "Members without an index for \(report.year)"),
                             Tabular(columns: [output.text("Kod", "Code"), output.text("Kommun", "Municipality")],
                                     rows: report.membersWithoutReading.map { [.text($0.code), .text($0.name)] })))
        }
        var footerMeta = meta
        footerMeta.subject = ("year", String(report.year))
        switch output.format {
        case .json: return .text(json().rendered() + "\n")
        case .csv: return .text(csv().csv())
        case .table, .md:
            return .text(output.safe(boundsLine) + "\n\n" + ReportText.simpleText(title: title, sections: sections, meta: footerMeta,
                                                                                output: output, markdown: output.format == .md))
        case .html:
            return .text(ReportText.simpleHTML(title: title, sections: [(boundsLine, Tabular(columns: [], rows: []))] + sections,
                                               meta: footerMeta, output: output))
        case .xlsx, .csvExcel:
            return output.spreadsheet(sheets(), title: title + ". " + boundsLine, meta: footerMeta)
        }
    }

    /// The lending per class (kronor), the municipalities with their index and class, and
    /// the members without an index when there are any.
    func sheets() -> [XLSXSheet] {
        var classes: [[XLSXValue]] = report.exposure.map { row in
            [.text(label(row.marketClass)), .kronor(row.approved), .kronor(row.outstanding), .integer(Int64(row.projects)),
             .integer(Int64(row.members)), .text(Self.token(row.marketClass))]
        }
        classes.append([.text(output.text("Summa", "Total")), .kronor(report.totalApproved), .kronor(report.totalOutstanding),
                        .integer(Int64(report.totalProjects)), .empty, .text("total")])
        var sheets = [
            XLSXSheet(name: output.text("Utlåning per klass", "Lending per class"),
                      columns: [output.text("Klass", "Class"), output.text("Beviljat (kr)", "Approved (SEK)"),
                                output.text("Utestående (kr)", "Outstanding (SEK)"), output.text("Projekt", "Projects"),
                                output.text("Medlemmar", "Members"), output.text("Nyckel", "Key")],
                      rows: classes),
            XLSXSheet(name: output.text("Kommuner \(report.year)", "Municipalities \(report.year)"),
                      columns: [output.text("Kod", "Code"), output.text("Kommun", "Municipality"), output.text("Index kr/m²", "Index SEK/m²"),
                                output.text("Klass", "Class"), output.text("Källa", "Basis"),
                                output.text("Vakans 2013 (%)", "Vacancy 2013 (%)"), output.text("Medlem", "Member")],
                      rows: report.municipalities.map { m in
                          [.text(m.code), .text(m.name), .integer(m.index), .text(label(m.marketClass)), .text(basisText(m)),
                           m.vacancy2013.map(XLSXValue.number) ?? .empty, .text(m.isMember ? output.text("ja", "yes") : "")]
                      }),
        ]
        if !report.membersWithoutReading.isEmpty {
            sheets.append(XLSXSheet(name: output.text("Medlemmar utan index", "Members without an index"),
                                    columns: [output.text("Kod", "Code"), output.text("Kommun", "Municipality")],
                                    rows: report.membersWithoutReading.map { [.text($0.code), .text($0.name)] }))
        }
        return sheets
    }

    func exposure() -> Tabular {
        let lang = output.language
        var rows: [[Cell]] = report.exposure.map { row in
            [.text(label(row.marketClass)), .text(MoneyFormat.millions(row.approved, language: lang)),
             .text(MoneyFormat.millions(row.outstanding, language: lang)), .integer(Int64(row.projects)), .integer(Int64(row.members))]
        }
        rows.append([.text(output.text("Summa", "Total")), .text(MoneyFormat.millions(report.totalApproved, language: lang)),
                     .text(MoneyFormat.millions(report.totalOutstanding, language: lang)), .integer(Int64(report.totalProjects)), .null])
        return Tabular(columns: [output.text("Klass", "Class"), output.text("Beviljat", "Approved"), output.text("Utestående", "Outstanding"),
                                 output.text("Projekt", "Projects"), output.text("Medlemmar", "Members")], rows: rows)
    }

    func municipalities() -> Tabular {
        Tabular(
            columns: [output.text("Kod", "Code"), output.text("Kommun", "Municipality"), output.text("Index kr/m²", "Index SEK/m²"),
                      output.text("Klass", "Class"), output.text("Källa", "Basis"),
                      output.text("Vakans 2013", "Vacancy 2013"), output.text("Medlem", "Member")],
            rows: report.municipalities.map { m in
                [.text(m.code), .text(m.name), .integer(m.index), .text(label(m.marketClass)), .text(basisText(m)),
                 .text(m.vacancy2013.map { (output.language == .sv ? $0.replacingEvery(".", with: ",") : $0) + " %" } ?? ""),
                 .text(m.isMember ? output.text("ja", "yes") : "")]
            })
    }

    static func token(_ marketClass: MarketClass?) -> String { marketClass?.token ?? "unclassified" }

    /// One table for CSV: a row per class (record `class`), then a row per municipality.
    func csv() -> Tabular {
        var rows: [[Cell]] = report.exposure.map { row in
            [.text("class"), .text(Self.token(row.marketClass)), .null, .null, .text(Self.token(row.marketClass)), .null,
             .integer(row.approved), .integer(row.outstanding), .integer(Int64(row.projects)), .integer(Int64(row.members))]
        }
        rows += report.municipalities.map { m in
            [.text("municipality"), .text(m.code), .text(m.name), .integer(m.index), .text(m.marketClass.token), .text(m.basis),
             .null, .null, .null, .null]
        }
        return Tabular(columns: ["record", "key", "municipality", "index_value", "class", "basis", "approved_ore", "outstanding_ore",
                                 "projects", "members"], rows: rows)
    }

    func json() -> JSON {
        let b = report.bounds
        return .object([
            ("year", .integer(Int64(report.year))),
            ("scenario", .string(b.scenario)),
            ("as_of", .string(report.asOf.description)),
            ("bounds", .object([("very_weak_max", .integer(b.veryWeakMax)), ("weak_max", .integer(b.weakMax)),
                                ("strong_max", .integer(b.strongMax))])),
            ("municipalities", .array(report.municipalities.map { m in
                .object([
                    ("municipality_code", .string(m.code)), ("municipality", .string(m.name)), ("index_value", .integer(m.index)),
                    ("class", .string(m.marketClass.token)), ("basis", .string(m.basis)),
                    ("model_index", m.modelIndex.map(JSON.number) ?? .null), ("source", m.source.map(JSON.string) ?? .null),
                    ("member", .bool(m.isMember)),
                    ("vacancy_2013_percent", m.vacancy2013.map(JSON.number) ?? .null),
                ])
            })),
            ("by_class", .array(report.exposure.map { row in
                .object([
                    ("class", .string(Self.token(row.marketClass))), ("approved_ore", .integer(row.approved)),
                    ("outstanding_ore", .integer(row.outstanding)), ("projects", .integer(Int64(row.projects))),
                    ("members", .integer(Int64(row.members))),
                ])
            })),
            ("totals", .object([("approved_ore", .integer(report.totalApproved)), ("outstanding_ore", .integer(report.totalOutstanding)),
                                ("projects", .integer(Int64(report.totalProjects)))])),
            ("members_without_reading", .array(report.membersWithoutReading.map {
                .object([("municipality_code", .string($0.code)), ("municipality", .string($0.name))])
            })),
            ("meta", meta.json),
        ])
    }
}
