import Ledger
import LedgerStore
import XLSX

/// Words the allocation and impact reports share.
enum AllocationWords {
    /// "Grön" / "Green" for a programme.
    static func programme(_ programme: Programme, _ output: ReportOutput) -> String {
        switch programme {
        case .green: return output.text("Grön", "Green")
        case .social: return output.text("Social", "Social")
        case .other: return output.text("Övrig", "Other")
        }
    }

    /// A stored category's name: a green category's or a social one's.
    static func category(_ stored: String, _ output: ReportOutput) -> String {
        if let green = GreenCategory(rawValue: stored) { return green.name(language: output.language) }
        return SocialCategory.displayName(stored, language: output.language)
    }

    /// A fraction as the JSON and the RFC CSV carry it ("0.853279"), or null.
    static func fraction(_ ratio: Ratio?) -> Cell {
        ratio?.decimalString(places: ChangePrecision.jsonPlaces).map(Cell.decimal) ?? .null
    }

    /// An amount in hundredths of a currency as people read it: "1 000 000 000" ("12,50").
    static func hundredths(_ amount: Int64, _ output: ReportOutput) -> String {
        MoneyFormat.hundredths(amount, language: output.language)
    }

    /// A simple report (table, Markdown or HTML) with lines of notes (flags, the factor used)
    /// between its title and its tables.
    static func document(title: String, notes: [String], sections: [(String?, Tabular)], meta: ReportMeta,
                         output: ReportOutput) -> RenderedReport {
        guard output.format == .html else {
            let markdown = output.format == .md
            let text = ReportText.simpleText(title: title, sections: sections, meta: meta, output: output, markdown: markdown)
            let lines = notes.map { $0 + (markdown ? "  \n" : "\n") }.joined() + "\n"
            return .text(inserting(lines, after: "\n\n", in: text))
        }
        let page = ReportText.simpleHTML(title: title, sections: sections, meta: meta, output: output)
        let paragraphs = notes.map { "<p>\(ReportText.html($0))</p>\n" }.joined()
        return .text(inserting(paragraphs, after: "</h1>\n", in: page))
    }

    /// `text` with `insertion` after the first `marker` (at the start when there is none).
    static func inserting(_ insertion: String, after marker: String, in text: String) -> String {
        guard let found = text.firstRange(of: marker) else { return insertion + text }
        var result = text
        result.insert(contentsOf: insertion, at: found.upperBound)
        return result
    }

    /// A quantity with exactly one decimal, as an intensity is printed: "5,2", "0,0" ("5.2").
    static func oneDecimal(_ value: Quantity, _ output: ReportOutput) -> String {
        let text = value.rounded(decimals: 1).formatted(language: output.language)
        return text.contains(output.language == .sv ? "," : ".") ? text : text + (output.language == .sv ? ",0" : ".0")
    }

    /// A fraction in per cent with one decimal ("85,3 %"), or "–".
    static func percent(_ ratio: Ratio?, _ output: ReportOutput) -> String {
        ratio?.percentString(decimals: 1, language: output.language) ?? "–"
    }
}

/// Renders `report allocation` in every format (domain.md, "Allocation on D"): per
/// programme the eligible pool, bonds outstanding, headroom and allocation ratio with
/// over-allocation flagged; per category the lending and its new financing and
/// refinancing; the environmental-management share of the green pool flagged above 30 %;
/// and the bonds outstanding.
struct AllocationRender {
    var report: AllocationReport
    var meta: ReportMeta
    var output: ReportOutput

    var title: String {
        output.text("Allokering av gröna och sociala obligationer per \(report.asOf)",
                    "Allocation of green and social bonds as of \(report.asOf)")
    }

    func render() -> RenderedReport {
        switch output.format {
        case .json: return .text(json().rendered() + "\n")
        case .csv: return .text(csv().csv())
        case .table, .md, .html:
            return AllocationWords.document(title: title, notes: notes(), sections: sections(), meta: meta, output: output)
        case .xlsx, .csvExcel:
            return output.spreadsheet(sheets(), title: title, meta: meta)
        }
    }

    /// The flags in words: over-allocation and environmental management above its cap.
    func notes() -> [String] {
        var lines: [String] = []
        let lang = output.language
        for p in report.programmes {
            let name = AllocationWords.programme(p.programme, output).lowercased()
            if p.isOverAllocated {
                lines.append(output.text(
                    "ÖVERALLOKERING (\(name)): obligationer \(MoneyFormat.millions(p.bondsOutstanding, language: lang)) mot en pool på "
                        + "\(MoneyFormat.millions(p.eligiblePool, language: lang)), \(MoneyFormat.millions(-p.headroom, language: lang)) för mycket.",
                    "OVER-ALLOCATED (\(name)): bonds of \(MoneyFormat.millions(p.bondsOutstanding, language: lang)) against a pool of "
                        + "\(MoneyFormat.millions(p.eligiblePool, language: lang)), \(MoneyFormat.millions(-p.headroom, language: lang)) too much."))
            }
            if p.isEnvironmentalManagementAboveCap {
                lines.append(output.text(
                    "ÖVER TAKET: miljöhantering är \(AllocationWords.percent(p.environmentalManagementShare, output)) av den gröna poolen (högst 30 %).",
                    "ABOVE THE CAP: environmental management is \(AllocationWords.percent(p.environmentalManagementShare, output)) of the green pool (at most 30%)."))
            }
        }
        lines.append(output.text(
            "Ny finansiering: utbetalt \(report.window.firstDay)–\(report.asOf); refinansiering: utbetalt dessförinnan.",
            "New financing: disbursed \(report.window.firstDay) to \(report.asOf); refinancing: disbursed before."))
        return lines
    }

    func sections() -> [(String?, Tabular)] {
        var sections: [(String?, Tabular)] = [(output.text("Per program", "Per programme"), programmes())]
        for p in report.programmes {
            sections.append((output.text("Kategorier, \(AllocationWords.programme(p.programme, output).lowercased())",
                                         "Categories, \(AllocationWords.programme(p.programme, output).lowercased())"), categories(p)))
        }
        sections.append((output.text("Utestående obligationer", "Bonds outstanding"), bonds()))
        return sections
    }

    func programmes() -> Tabular {
        let lang = output.language
        let unit = MoneyFormat.unit(forLargest: report.programmes.flatMap { [$0.eligiblePool, $0.bondsOutstanding, $0.headroom] })
        return Tabular(
            columns: [output.text("Program", "Programme"), output.text("Kvalificerad pool", "Eligible pool"),
                      output.text("Utestående obligationer", "Bonds outstanding"), output.text("Utrymme", "Headroom"),
                      output.text("Allokeringsgrad", "Allocation ratio"), output.text("Miljöhantering", "Environmental management"),
                      output.text("Anmärkning", "Note")],
            rows: report.programmes.map { p in
                var flags: [String] = []
                if p.isOverAllocated { flags.append(output.text("överallokerat", "over-allocated")) }
                if p.isEnvironmentalManagementAboveCap { flags.append(output.text("miljöhantering över 30 %", "environmental management above 30%")) }
                return [.text(AllocationWords.programme(p.programme, output)),
                        .text(MoneyFormat.format(p.eligiblePool, unit: unit, language: lang)),
                        .text(MoneyFormat.format(p.bondsOutstanding, unit: unit, language: lang)),
                        .text(MoneyFormat.format(p.headroom, unit: unit, language: lang)),
                        .text(AllocationWords.percent(p.allocationRatio, output)),
                        .text(p.programme == .green ? AllocationWords.percent(p.environmentalManagementShare, output) : ""),
                        .text(flags.joined(separator: ", "))]
            })
    }

    func categories(_ p: ProgrammeAllocation) -> Tabular {
        let lang = output.language
        var rows: [[Cell]] = p.categories.map { c in
            [.text(AllocationWords.category(c.category, output)), .integer(Int64(c.projects)),
             .text(MoneyFormat.millions(c.approved, language: lang)), .text(MoneyFormat.millions(c.disbursed, language: lang)),
             .text(MoneyFormat.millions(c.outstanding, language: lang)), .text(AllocationWords.percent(c.share, output)),
             .text(MoneyFormat.millions(c.newFinancing, language: lang)), .text(MoneyFormat.millions(c.refinancing, language: lang))]
        }
        func total(_ value: (CategoryAllocation) -> Ore) -> Cell {
            .text(MoneyFormat.millions(p.categories.map(value).reduce(0, &+), language: lang))
        }
        rows.append([.text(output.text("Summa", "Total")), .integer(Int64(p.categories.map(\.projects).reduce(0, +))),
                     total(\.approved), total(\.disbursed), total(\.outstanding), .text(AllocationWords.percent(Ratio(p.outstanding, p.outstanding), output)),
                     total(\.newFinancing), total(\.refinancing)])
        return Tabular(
            columns: [output.text("Kategori", "Category"), output.text("Projekt", "Projects"), output.text("Beviljat", "Approved"),
                      output.text("Utbetalt", "Disbursed"), output.text("Utestående", "Outstanding"), output.text("Andel", "Share"),
                      output.text("Ny finansiering", "New financing"), output.text("Refinansiering", "Refinancing")],
            rows: rows)
    }

    func bonds() -> Tabular {
        let lang = output.language
        let all = report.programmes.flatMap(\.bonds)
        return Tabular(
            columns: ["ISIN", output.text("Program", "Programme"), output.text("Emitterad", "Issued"),
                      output.text("Förfaller", "Matures"), output.text("Nominellt", "Nominal"), output.text("Ursprunglig valuta", "Issue currency")],
            rows: all.map { b in
                [.text(b.isin.description), .text(AllocationWords.programme(b.programme, output)), .text(b.issueDate.description),
                 .text(b.maturityDate.description), .text(MoneyFormat.millions(b.amount, language: lang)),
                 .text(b.currency.map { code in "\(code)\u{00A0}" + (b.amountOriginal.map { AllocationWords.hundredths($0, output) } ?? "") } ?? "")]
            })
    }

    /// The programmes, the categories and the bonds, amounts in kronor, shares as percentages.
    func sheets() -> [XLSXSheet] {
        let key = output.text("Nyckel", "Key")
        let programmes = XLSXSheet(
            name: output.text("Program", "Programmes"),
            columns: [output.text("Program", "Programme"), output.text("Kvalificerad pool (kr)", "Eligible pool (SEK)"),
                      output.text("Utestående obligationer (kr)", "Bonds outstanding (SEK)"), output.text("Utrymme (kr)", "Headroom (SEK)"),
                      output.text("Allokeringsgrad", "Allocation ratio"), output.text("Överallokerat", "Over-allocated"),
                      output.text("Miljöhantering av poolen", "Environmental management of the pool"),
                      output.text("Över 30 %", "Above 30%"), key],
            rows: report.programmes.map { p in
                [.text(AllocationWords.programme(p.programme, output)), .kronor(p.eligiblePool), .kronor(p.bondsOutstanding),
                 .kronor(p.headroom), .fraction(p.allocationRatio), .text(yesNo(p.isOverAllocated)),
                 p.programme == .green ? .fraction(p.environmentalManagementShare) : .empty,
                 p.programme == .green ? .text(yesNo(p.isEnvironmentalManagementAboveCap)) : .empty, .text(p.programme.rawValue)]
            })
        let categories = XLSXSheet(
            name: output.text("Kategorier", "Categories"),
            columns: [output.text("Program", "Programme"), output.text("Kategori", "Category"), output.text("Projekt", "Projects"),
                      output.text("Beviljat (kr)", "Approved (SEK)"), output.text("Utbetalt (kr)", "Disbursed (SEK)"),
                      output.text("Utestående (kr)", "Outstanding (SEK)"), output.text("Andel", "Share"),
                      output.text("Ny finansiering (kr)", "New financing (SEK)"), output.text("Refinansiering (kr)", "Refinancing (SEK)"), key],
            rows: report.programmes.flatMap { p in
                p.categories.map { c in
                    [.text(AllocationWords.programme(p.programme, output)), .text(AllocationWords.category(c.category, output)),
                     .integer(Int64(c.projects)), .kronor(c.approved), .kronor(c.disbursed), .kronor(c.outstanding), .fraction(c.share),
                     .kronor(c.newFinancing), .kronor(c.refinancing), .text(c.category)]
                }
            })
        let bonds = XLSXSheet(
            name: output.text("Obligationer", "Bonds"),
            columns: ["ISIN", output.text("Program", "Programme"), output.text("Emitterad", "Issued"), output.text("Förfaller", "Matures"),
                      output.text("Nominellt (kr)", "Nominal (SEK)"), output.text("Valuta", "Currency"),
                      output.text("Ursprungligt belopp", "Original amount")],
            rows: report.programmes.flatMap(\.bonds).map { b in
                [.text(b.isin.description), .text(AllocationWords.programme(b.programme, output)), .day(b.issueDate), .day(b.maturityDate),
                 .kronor(b.amount), b.currency.map(XLSXValue.text) ?? .empty, b.amountOriginal.map(XLSXValue.kronor) ?? .empty]
            })
        return [programmes, categories, bonds]
    }

    func yesNo(_ flag: Bool) -> String { flag ? output.text("ja", "yes") : output.text("nej", "no") }

    /// One flat table for programs: a row per programme, per category and per bond outstanding.
    func csv() -> Tabular {
        let columns = ["record", "programme", "key", "eligible_pool_ore", "bonds_outstanding_ore", "headroom_ore", "allocation_ratio",
                       "over_allocated", "environmental_management_share", "projects", "approved_ore", "disbursed_ore",
                       "outstanding_ore", "share", "new_financing_ore", "refinancing_ore", "issue_date", "maturity_date", "amount_ore",
                       "currency", "amount_original"]
        var rows: [[Cell]] = []
        func row(_ values: [String: Cell]) -> [Cell] { columns.map { values[$0] ?? .null } }
        for p in report.programmes {
            rows.append(row([
                "record": .text("programme"), "programme": .text(p.programme.rawValue), "key": .text(p.programme.rawValue),
                "eligible_pool_ore": .integer(p.eligiblePool), "bonds_outstanding_ore": .integer(p.bondsOutstanding),
                "headroom_ore": .integer(p.headroom), "allocation_ratio": AllocationWords.fraction(p.allocationRatio),
                "over_allocated": .text(p.isOverAllocated ? "true" : "false"),
                "environmental_management_share": p.programme == .green ? AllocationWords.fraction(p.environmentalManagementShare) : .null,
                "outstanding_ore": .integer(p.outstanding),
            ]))
            for c in p.categories {
                rows.append(row([
                    "record": .text("category"), "programme": .text(p.programme.rawValue), "key": .text(c.category),
                    "projects": .integer(Int64(c.projects)), "approved_ore": .integer(c.approved), "disbursed_ore": .integer(c.disbursed),
                    "outstanding_ore": .integer(c.outstanding), "share": AllocationWords.fraction(c.share),
                    "new_financing_ore": .integer(c.newFinancing), "refinancing_ore": .integer(c.refinancing),
                ]))
            }
            for b in p.bonds {
                rows.append(row([
                    "record": .text("bond"), "programme": .text(p.programme.rawValue), "key": .text(b.isin.description),
                    "issue_date": .text(b.issueDate.description), "maturity_date": .text(b.maturityDate.description),
                    "amount_ore": .integer(b.amount), "currency": b.currency.map(Cell.text) ?? .null,
                    "amount_original": b.amountOriginal.map { Cell.decimal(MoneyFormat.plainKronor($0)) } ?? .null,
                ]))
            }
        }
        return Tabular(columns: columns, rows: rows)
    }

    /// cli.md's keys: `as_of`, `programmes` (each with `programme`, `eligible_pool_ore`,
    /// `bonds_outstanding_ore`, `headroom_ore`, `allocation_ratio`, `categories`; green also
    /// `environmental_management_share`), and more: the flags, the bonds, the window.
    func json() -> JSON {
        .object([
            ("as_of", .string(report.asOf.description)),
            ("new_financing_from", .string(report.window.firstDay.description)),
            ("programmes", .array(report.programmes.map { p in
                var fields: [(String, JSON)] = [
                    ("programme", .string(p.programme.rawValue)),
                    ("eligible_pool_ore", .integer(p.eligiblePool)),
                    ("bonds_outstanding_ore", .integer(p.bondsOutstanding)),
                    ("headroom_ore", .integer(p.headroom)),
                    ("allocation_ratio", JSON(cell: AllocationWords.fraction(p.allocationRatio))),
                    ("over_allocated", .bool(p.isOverAllocated)),
                    ("outstanding_ore", .integer(p.outstanding)),
                ]
                if p.programme == .green {
                    fields.append(("environmental_management_share", JSON(cell: AllocationWords.fraction(p.environmentalManagementShare))))
                    fields.append(("environmental_management_above_cap", .bool(p.isEnvironmentalManagementAboveCap)))
                }
                fields.append(("categories", .array(p.categories.map { c in
                    .object([
                        ("category", .string(c.category)), ("projects", .integer(Int64(c.projects))),
                        ("approved_ore", .integer(c.approved)), ("disbursed_ore", .integer(c.disbursed)),
                        ("outstanding_ore", .integer(c.outstanding)), ("share", JSON(cell: AllocationWords.fraction(c.share))),
                        ("new_financing_ore", .integer(c.newFinancing)), ("refinancing_ore", .integer(c.refinancing)),
                        ("eligible_outstanding_ore", .integer(c.eligibleOutstanding)),
                    ])
                })))
                fields.append(("bonds", .array(p.bonds.map { b in
                    .object([
                        ("isin", .string(b.isin.description)), ("issue_date", .string(b.issueDate.description)),
                        ("maturity_date", .string(b.maturityDate.description)), ("amount_ore", .integer(b.amount)),
                        ("currency", b.currency.map(JSON.string) ?? .null),
                        ("amount_original", b.amountOriginal.map { JSON.number(MoneyFormat.plainKronor($0)) } ?? .null),
                    ])
                })))
                return .object(fields)
            })),
            ("meta", meta.json),
        ])
    }
}
