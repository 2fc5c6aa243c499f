import Ledger
import LedgerStore
import XLSX

/// Renders `report support` (SOU 2015:58, appendix 3) in every format. Every format
/// carries the assumptions the figures were computed under.
struct SupportReportRender {
    var report: SupportReport
    var meta: ReportMeta
    var output: ReportOutput

    /// The three steps, named as the JSON keys.
    enum Step: String, CaseIterable {
        case today, future, market
    }

    var title: String {
        output.text("Stödbehov på svaga bostadsmarknader \(report.year) (SOU 2015:58, bilaga 3)",
                    "Support need on weak housing markets \(report.year) (SOU 2015:58, appendix 3)")
    }

    func caption(_ step: Step) -> String {
        switch step {
        case .today: return output.text("Steg 1: i dag", "Step 1: today")
        case .future: return output.text("Steg 2: till prognosåret", "Step 2: until the forecast year")
        case .market: return output.text("Steg 3: marknadsvärde (efter steg 1)", "Step 3: market value (after step 1)")
        }
    }

    /// An amount in kronor without the unit (the column says it), exact: "16 967 600",
    /// "1 234,50" / "16,967,600", "1,234.50".
    func kr(_ ore: Ore) -> String {
        Hundredths(units: ore).formatted(minDecimals: ore % 100 == 0 ? 0 : 2, language: output.language)
    }

    /// A count of flats or inhabitants grouped like the amounts: "1 559" / "1,559".
    func count(_ value: Int64) -> String {
        let (units, overflow) = value.multipliedReportingOverflow(by: 100)
        return overflow ? String(value) : Hundredths(units: units).formatted(minDecimals: 0, language: output.language)
    }

    /// A column heading with the unit: "Kostnad (kr)" / "Cost (SEK)".
    func money(_ sv: String, _ en: String) -> String { output.text("\(sv) (kr)", "\(en) (SEK)") }

    func marketLabel(_ mark: HousingMarketMark?) -> String {
        guard let mark else { return output.text("okänd", "unknown") }
        let label = output.language == .sv ? mark.marketClass.swedishLabel : mark.marketClass.englishLabel
        return "\(label) (\(mark.year))"
    }

    /// The parameter's name without its value, for the assumptions table.
    func name(_ parameter: SupportParameter) -> String {
        switch parameter {
        case .turnoverVacancy: return output.text("Omsättningsvakans", "Turnover vacancy")
        case .vacanciesPer100: return output.text("Vakanta lägenheter per 100 förlorade invånare", "Vacant flats per 100 inhabitants lost")
        case .costPerFlat: return output.text("Kostnad per lägenhet att friställa och riva eller bygga om",
                                              "Cost per flat to vacate and demolish or convert")
        case .municipalityShare: return output.text("Kommunens högsta andel av skatter och bidrag",
                                                    "Most the municipality bears, share of taxes and grants")
        case .savingsShare: return output.text("Besparing, andel av skillnaden mellan faktisk kostnad och norm",
                                               "Savings, share of the gap between actual and normative cost")
        case .minSolidity: return output.text("Lägsta soliditet", "Minimum solidity")
        case .untaxedEquityShare: return output.text("Andel av obeskattade reserver som räknas som eget kapital",
                                                     "Share of untaxed reserves counted as equity")
        case .yield: return output.text("Avkastningskrav", "Yield requirement")
        }
    }

    var totalLabel: String { output.text("Summa", "Total") }

    func render() -> RenderedReport {
        switch output.format {
        case .json: return .text(json().rendered() + "\n")
        case .csv: return .text(csv().csv())
        case .table, .md:
            return .text(ReportText.simpleText(title: title, sections: sections(), meta: meta, output: output,
                                               markdown: output.format == .md))
        case .html:
            // The step tables are wide: printed, the page is A4 landscape with a smaller type.
            let page = ReportText.simpleHTML(title: title, sections: sections(), meta: meta, output: output)
            return .text(page.replacingEvery("</style>", with: Self.printStyle + "</style>"))
        case .xlsx, .csvExcel:
            return output.spreadsheet(sheets(), title: title, meta: meta)
        }
    }

    // MARK: table, Markdown, HTML

    /// Added to the simple reports' CSS: A4 landscape, so that a step's nine columns fit.
    static let printStyle = """
        @page { size: A4 landscape; margin: 12mm; }
        @media print { body { margin: 0; font-size: 9pt; } th, td { padding: 0.2em 0.5em; } h2 { break-after: avoid; } tr { break-inside: avoid; } }

        """

    func sections() -> [(caption: String?, table: Tabular)] {
        let changed = report.parameters.overridden.isEmpty ? ""
            : output.text(" (* ändrat från bilaga 3)", " (* changed from appendix 3)")
        var sections: [(caption: String?, table: Tabular)] = [(output.text("Antaganden", "Assumptions") + changed, assumptions())]
        guard !report.borrowers.isEmpty else {
            let note = output.text("Inga uppgifter om bostadsbolag för \(report.year): importera dem med 'hallbar import housing'.",
                                   "No housing figures for \(report.year): import them with 'hallbar import housing'.")
            return sections + [(note, Tabular(columns: [], rows: []))]
        }
        sections.append((output.text("Låntagare och skuld till Kommuninvest \(report.lendingAsOf)",
                                     "Borrowers and what they owe Kommuninvest on \(report.lendingAsOf)"), borrowers()))
        for step in Step.allCases { sections.append((caption(step), table(step))) }
        return sections
    }

    /// Each parameter's value, the appendix's beside it, and the flag that changes it (last:
    /// a text starting with "-" is aligned like a figure).
    func assumptions() -> Tabular {
        Tabular(columns: [output.text("Antagande", "Assumption"), output.text("Värde", "Value"),
                          output.text("Bilaga 3", "Appendix 3"), output.text("Flagga", "Flag")],
                rows: SupportParameter.allCases.map { p in
                    let value = report.parameters.formatted(p, language: output.language)
                    let changed = report.parameters.overridden.contains(p)
                    return [.text(name(p)), .text(changed ? value + " *" : value),
                            .text(SupportParameters.appendix3.formatted(p, language: output.language)), .text(p.flag)]
                })
    }

    func borrowers() -> Tabular {
        var rows: [[Cell]] = report.borrowers.map { b in
            [.text(b.orgNo), .text(b.name), .text(b.memberOrgNo == b.orgNo ? "–" : b.memberName), .text(marketLabel(b.market)),
             .text(kr(b.outstanding))]
        }
        rows.append([.text(totalLabel), .null, .null, .null, .text(kr(report.totalOutstanding))])
        return Tabular(columns: [output.text("Org.nr", "Org. no."), output.text("Låntagare", "Borrower"),
                                 output.text("Ägare", "Owner"), output.text("Bostadsmarknad", "Housing market"),
                                 money("Skuld, låntagare och ägare", "Owed, borrower and owner")],
                       rows: rows)
    }

    /// One step's table: a row per borrower, then the totals.
    func table(_ step: Step) -> Tabular {
        let columns: [String]
        switch step {
        case .today:
            columns = [output.text("Låntagare", "Borrower"), output.text("Överskott (lgh)", "Surplus (flats)"),
                       money("Avveckling", "Release"), money("Nedskrivning", "Write-down"), money("Kostnad", "Cost"),
                       money("Bolagets kapacitet", "Company capacity"), money("Bolaget", "Company"),
                       money("Kommunen", "Municipality"), money("Staten", "State")]
        case .future:
            columns = [output.text("Låntagare", "Borrower"), output.text("Prognosår", "Forecast year"),
                       output.text("Invånare som försvinner", "Inhabitants lost"), output.text("Lägenheter", "Flats"), money("Kostnad", "Cost"),
                       money("Bolaget", "Company"), money("Kommunen", "Municipality"), money("Staten", "State")]
        case .market:
            columns = [output.text("Låntagare", "Borrower"), output.text("Lägenheter", "Flats"),
                       money("Marknadsvärde", "Market value"), money("Bokfört efter steg 1", "Book value after step 1"),
                       money("Nedskrivningsbehov", "Write-down need"), money("Bolaget", "Company"),
                       money("Kommunen", "Municipality"), money("Staten", "State")]
        }
        var rows = report.borrowers.map { b in [.text(b.name)] + cells(step, b.need, input: b.input) }
        rows.append([.text(totalLabel)] + cells(step, report.totals, input: nil))
        return Tabular(columns: columns, rows: rows)
    }

    /// A step's figures for the text table (the borrower's name first, added by the caller).
    func cells(_ step: Step, _ need: SupportNeed, input: HousingCompanyYear?) -> [Cell] {
        switch step {
        case .today:
            let t = need.today
            return [.text(count(t.flats)), .text(kr(t.release)), .text(kr(t.writedown)), .text(kr(t.cost)),
                    .text(kr(t.capacity.total)), .text(kr(t.company)), .text(kr(t.municipality)), .text(kr(t.state))]
        case .future:
            let f = need.future
            let lost = input.map { max(0, $0.population - $0.populationForecast) }
            return [input.map { .integer(Int64($0.forecastYear)) } ?? .null,
                    lost.map { .text(count($0)) } ?? .null,
                    .text(count(f.flats)), .text(kr(f.cost)), .text(kr(f.company)), .text(kr(f.municipality)), .text(kr(f.state))]
        case .market:
            let m = need.market
            return [.text(count(m.flats)), .text(kr(m.marketValue)), .text(kr(m.bookValue)), .text(kr(m.writedownNeed)),
                    .text(kr(m.company)), .text(kr(m.municipality)), .text(kr(m.state))]
        }
    }

    // MARK: JSON

    /// A step's figures under cli.md's keys, then the figures behind them.
    static func figures(_ step: Step, _ need: SupportNeed) -> JSON {
        let pairs: [SupportFigure]
        switch step {
        case .today:
            pairs = need.today.reportFigures + [SupportFigure("capacity_ore", need.today.capacity.total),
                                                SupportFigure("municipality_cap_ore", need.today.municipalityCap)]
        case .future:
            pairs = need.future.reportFigures + [SupportFigure("release_ore", need.future.release),
                                                 SupportFigure("writedown_ore", need.future.writedown),
                                                 SupportFigure("savings_ore", need.future.savings)]
        case .market:
            pairs = need.market.reportFigures + [SupportFigure("operating_cost_ore", need.market.operatingCost),
                                                 SupportFigure("net_income_ore", need.market.netIncome),
                                                 SupportFigure("book_value_ore", need.market.bookValue)]
        }
        return .object(pairs.map { ($0.key, .integer($0.value)) })
    }

    func parametersJSON() -> JSON {
        .object(SupportParameter.allCases.map { p in
            (p.key, p.isPercent || p == .vacanciesPer100 ? .number(report.parameters.text(p)) : .integer(report.parameters.units(p)))
        })
    }

    func json() -> JSON {
        .object([
            ("year", .integer(Int64(report.year))),
            ("parameters", parametersJSON()),
            ("overridden_parameters", .array(report.parameters.overridden.map { .string($0.key) })),
            ("lending_as_of", .string(report.lendingAsOf.description)),
            ("borrowers", .array(report.borrowers.map { b in
                .object([
                    ("borrower_org_no", .string(b.orgNo)), ("name", .string(b.name)),
                    ("market_class", b.market.map { .string($0.marketClass.token) } ?? .null),
                    ("outstanding_ore", .integer(b.outstanding)),
                    ("today", Self.figures(.today, b.need)), ("future", Self.figures(.future, b.need)),
                    ("market", Self.figures(.market, b.need)),
                    ("market_year", b.market.map { .integer(Int64($0.year)) } ?? .null),
                    ("member_org_no", .string(b.memberOrgNo)), ("member_name", .string(b.memberName)),
                    ("borrower_outstanding_ore", .integer(b.borrowerOutstanding)),
                    ("member_outstanding_ore", .integer(b.memberOutstanding)),
                    ("figures_revision", .integer(Int64(b.revision))),
                    ("figures", .object(HousingCompanyYear.Field.figures.map { ($0.column, .integer(b.input.value($0))) })),
                ])
            })),
            ("totals", .object([
                ("outstanding_ore", .integer(report.totalOutstanding)),
                ("today", Self.figures(.today, report.totals)), ("future", Self.figures(.future, report.totals)),
                ("market", Self.figures(.market, report.totals)),
            ])),
            ("meta", meta.json),
        ])
    }

    // MARK: CSV and spreadsheets

    /// The step figures in one layout for CSV and sheets: flats, cost, release, write-down,
    /// market value, write-down need, company, municipality, state (nil where the step has none).
    static func row(_ step: Step, _ need: SupportNeed) -> [Int64?] {
        switch step {
        case .today:
            let t = need.today
            return [t.flats, t.cost, t.release, t.writedown, nil, nil, t.company, t.municipality, t.state]
        case .future:
            let f = need.future
            return [f.flats, f.cost, nil, nil, nil, nil, f.company, f.municipality, f.state]
        case .market:
            let m = need.market
            return [m.flats, nil, nil, nil, m.marketValue, m.writedownNeed, m.company, m.municipality, m.state]
        }
    }

    static let figureColumns = ["flats", "cost_ore", "release_ore", "writedown_ore", "market_value_ore", "writedown_need_ore",
                                "company_ore", "municipality_ore", "state_ore"]

    /// One table: the parameters (record `parameter`, value in `value`), then a row per
    /// borrower and step (record `borrower`), then the totals (record `total`).
    func csv() -> Tabular {
        let empty = Array(repeating: Cell.null, count: Self.figureColumns.count)
        var rows: [[Cell]] = SupportParameter.allCases.map { p in
            [.text("parameter"), .text(p.key), .null, .null, .null, .null] + empty
                + [p == .costPerFlat ? .integer(report.parameters.units(p)) : .decimal(report.parameters.text(p))]
        }
        for b in report.borrowers {
            for step in Step.allCases {
                rows.append([.text("borrower"), .text(b.orgNo), .text(b.name), b.market.map { .text($0.marketClass.token) } ?? .null,
                             .integer(b.outstanding), .text(step.rawValue)]
                            + Self.row(step, b.need).map { $0.map(Cell.integer) ?? .null } + [.null])
            }
        }
        for step in Step.allCases {
            rows.append([.text("total"), .text("total"), .null, .null, .integer(report.totalOutstanding), .text(step.rawValue)]
                        + Self.row(step, report.totals).map { $0.map(Cell.integer) ?? .null } + [.null])
        }
        return Tabular(columns: ["record", "key", "name", "market_class", "outstanding_ore", "step"] + Self.figureColumns + ["value"],
                       rows: rows)
    }

    func stepLabel(_ step: Step) -> String {
        switch step {
        case .today: return output.text("i dag", "today")
        case .future: return output.text("till prognosåret", "until the forecast year")
        case .market: return output.text("marknadsvärde", "market value")
        }
    }

    /// The support need (a row per borrower and step, amounts in kronor, then the totals)
    /// and the assumptions. Besides the figures of the CSV, a step's row has what the text
    /// table shows for it: the company's capacity (today), the forecast year and the
    /// inhabitants lost (future), the book value after step 1 (market); and the owner.
    func sheets() -> [XLSXSheet] {
        func figures(_ step: Step, _ need: SupportNeed, _ input: HousingCompanyYear?) -> [XLSXValue] {
            let r = Self.row(step, need).map { $0.map(XLSXValue.kronor) ?? .empty }
            let flats: XLSXValue = .integer(Self.row(step, need)[0] ?? 0)
            let capacity: XLSXValue = step == .today ? .kronor(need.today.capacity.total) : .empty
            let forecastYear: XLSXValue = step == .future ? input.map { .integer(Int64($0.forecastYear)) } ?? .empty : .empty
            let lost: XLSXValue = step == .future ? input.map { .integer(max(0, $0.population - $0.populationForecast)) } ?? .empty : .empty
            let book: XLSXValue = step == .market ? .kronor(need.market.bookValue) : .empty
            // flats, cost, release, write-down, capacity, forecast year, lost, market value,
            // book value after step 1, write-down need, company, municipality, state.
            return [flats, r[1], r[2], r[3], capacity, forecastYear, lost, r[4], book, r[5], r[6], r[7], r[8]]
        }
        var rows: [[XLSXValue]] = []
        for b in report.borrowers {
            for step in Step.allCases {
                rows.append([.text(b.orgNo), .text(b.name), .text(b.memberOrgNo == b.orgNo ? "–" : b.memberName),
                             .text(b.market.map { _ in marketLabel(b.market) } ?? ""), .kronor(b.outstanding),
                             .text(stepLabel(step))] + figures(step, b.need, b.input) + [.text(step.rawValue)])
            }
        }
        for step in Step.allCases {
            rows.append([.text(totalLabel), .empty, .empty, .empty, .kronor(report.totalOutstanding), .text(stepLabel(step))]
                        + figures(step, report.totals, nil) + [.text(step.rawValue)])
        }
        let need = XLSXSheet(
            name: output.text("Stödbehov \(report.year)", "Support need \(report.year)"),
            columns: [output.text("Org.nr", "Org. no."), output.text("Låntagare", "Borrower"), output.text("Ägare", "Owner"),
                      output.text("Bostadsmarknad", "Housing market"), money("Skuld", "Owed"), output.text("Steg", "Step"),
                      output.text("Lägenheter", "Flats"), money("Kostnad", "Cost"), money("Avveckling", "Release"),
                      money("Nedskrivning", "Write-down"), money("Bolagets kapacitet", "Company capacity"),
                      output.text("Prognosår", "Forecast year"), output.text("Invånare som försvinner", "Inhabitants lost"),
                      money("Marknadsvärde", "Market value"), money("Bokfört efter steg 1", "Book value after step 1"),
                      money("Nedskrivningsbehov", "Write-down need"), money("Bolaget", "Company"),
                      money("Kommunen", "Municipality"), money("Staten", "State"), output.text("Nyckel", "Key")],
            rows: rows)
        // The flag without its leading "--" (named in the heading): in spreadsheet CSV a
        // text starting with "-" would be a formula, and the guard's "'" would show.
        let assumptions = XLSXSheet(
            name: output.text("Antaganden", "Assumptions"),
            columns: [output.text("Antagande", "Assumption"), output.text("Värde", "Value"), output.text("Bilaga 3", "Appendix 3"),
                      output.text("Flagga (--…)", "Flag (--…)"), output.text("Nyckel", "Key")],
            rows: SupportParameter.allCases.map { p in
                func value(_ parameters: SupportParameters) -> XLSXValue {
                    p == .costPerFlat ? .kronor(parameters.units(p)) : .number(parameters.text(p))
                }
                return [.text(name(p)), value(report.parameters),
                        value(.appendix3), .text(p.rawValue), .text(p.key)]
            })
        return [need, assumptions]
    }
}
