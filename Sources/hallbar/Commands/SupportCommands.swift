import Ledger
import LedgerStore

/// `hallbar report support --year Y [parameter flags]` (Boverket's support-need model,
/// SOU 2015:58, appendix 3) and `hallbar amend housing ORG --year Y …` (a correction of a
/// borrower's housing figures as a new revision).
enum SupportCommands {
    /// One `--flag <value>` per parameter of the model, with the appendix's value as default.
    static let parameterOptions: [OptionSpec] = SupportParameter.allCases.map { parameter in
        let appendix = SupportParameters.appendix3.formatted(parameter, language: .en)
        let (placeholder, help): (String, String)
        switch parameter {
        case .turnoverVacancy: (placeholder, help) = ("pct", "Vacant flats a company needs for moves, % of its flats")
        case .vacanciesPer100: (placeholder, help) = ("n", "Vacant flats per 100 inhabitants the municipality loses")
        case .costPerFlat: (placeholder, help) = ("sek", "Cost to vacate and demolish or convert one flat, SEK")
        case .municipalityShare: (placeholder, help) = ("pct", "Most the municipality bears, % of its taxes and general grants")
        case .savingsShare: (placeholder, help) = ("pct", "Savings counted, % of the gap between actual and normative O&M cost; "
                                                   + "also the cut in the operating cost of step 3's market valuation")
        case .minSolidity: (placeholder, help) = ("pct", "Solidity (equity ÷ total assets) the company keeps, %")
        case .untaxedEquityShare: (placeholder, help) = ("pct", "Part of untaxed reserves counted as equity, %")
        case .yield: (placeholder, help) = ("pct", "Yield requirement of the market valuation, %")
        }
        return OptionSpec.value(parameter.rawValue, placeholder, "\(help) (default \(appendix)).")
    }

    static let report = CommandSpec(
        name: "support", abstract: "Support need on very weak housing markets (SOU 2015:58, appendix 3).",
        usage: "--year <year> [--turnover-vacancy <pct>] [--vacancies-per-100 <n>] [--cost-per-flat <sek>] "
            + "[--municipality-share <pct>] [--savings-share <pct>] [--min-solidity <pct>] [--untaxed-equity-share <pct>] "
            + "[--yield <pct>] [--format <format>] [--out <file>] [--lang <lang>]",
        discussion: """
            Boverket's model for every borrower with housing figures for the year ('hallbar import housing'):
            1. today: the flats vacant beyond the turnover vacancy are taken out of use; the cost (vacating and
            demolishing or converting them, and writing down their book value) is borne by the company up to
            its capacity (78 % of untaxed reserves, equity above the solidity floor, a year's savings), then by
            the municipality up to its share of taxes and grants, the rest is a need for state support;
            2. until the forecast year: the flats the population loss empties, from what step 1 left;
            3. market value: the properties valued at net income ÷ yield, the operating cost lowered by the
            savings share of its gap to the norm; the write-down to that value, borne by what step 1 left. One
            housing company per municipality and year: a year with two borrowers of one municipality is refused.
            Each borrower also shows its housing-market class (appendix 2) and what it and its member owe
            Kommuninvest at the year's end. The assumptions are the appendix's unless a flag changes them; the
            report prints them, so a kept report says what it assumed.
            Per cents take a decimal comma or point ("2,5" or "2.5"). See docs/reports.md.
            """,
        options: [.value("year", "year", "The year of the housing figures.")] + parameterOptions + ReportOutput.options,
        run: runReport)

    /// The parameters from the flags, the appendix's where a flag is absent.
    /// - Throws: `UsageError` (exit 64) naming the flag of a value that is not a number of
    ///   its kind or is out of range.
    static func parameters(_ invocation: Invocation) throws -> SupportParameters {
        var parameters = SupportParameters.appendix3
        for parameter in SupportParameter.allCases {
            guard let text = invocation.value(parameter.rawValue) else { continue }
            do { try parameters.set(parameter, to: text) } catch { throw invocation.usageError(error.description) }
        }
        return parameters
    }

    static func runReport(_ invocation: Invocation) throws {
        let output = try ReportOutput(invocation)
        let year = try ReportCommands.year(invocation)
        let parameters = try parameters(invocation)
        let text: RenderedReport
        do {
            text = try ReportCommands.reading(invocation) { read in
                let report = try read.support(year: year, parameters: parameters)
                let meta = try ReportCommands.meta(("year", String(year)), date: report.lendingAsOf, invocation: invocation, read: read)
                return SupportReportRender(report: report, meta: meta, output: output).render()
            }
        } catch let error as SupportReportError {
            throw CLIError.data(error.description)
        }
        try output.write(text)
    }

    // MARK: amend housing

    /// What each figure is, for the options of `amend housing`.
    static func help(_ field: HousingCompanyYear.Field) -> (placeholder: String, help: String) {
        switch field {
        case .year: return ("year", "The year of the figures.")
        case .apartments: return ("n", "Apartments the company owns.")
        case .vacantApartments: return ("n", "Of those, vacant.")
        case .areaM2: return ("m2", "Floor area in m².")
        case .bookValue: return ("sek", "Book value of the properties.")
        case .equity: return ("sek", "Equity (may be negative).")
        case .untaxedReserves: return ("sek", "Untaxed reserves.")
        case .totalAssets: return ("sek", "Total assets.")
        case .omCostPerM2: return ("sek", "Operating and maintenance cost per m² and year.")
        case .omNormPerM2: return ("sek", "Boverket's normative O&M cost per m² and year.")
        case .rentIncome: return ("sek", "Rent income of the year.")
        case .population: return ("n", "The municipality's population in the year.")
        case .populationForecast: return ("n", "Its forecast population in the forecast year.")
        case .forecastYear: return ("year", "The year of the forecast.")
        case .taxesAndGrants: return ("sek", "The municipality's taxes and general grants.")
        }
    }

    static let amend = CommandSpec(
        name: "housing", abstract: "Amend a borrower's housing figures for a year (support need).",
        usage: "<org-no> --year <year> "
            + HousingCompanyYear.Field.figures.map { "[--\($0.option) <\(help($0).placeholder)>]" }.joined(separator: " ")
            + " --reason <text> [--date <date>] [--by <name>]",
        discussion: """
            A correction of the figures 'hallbar import housing' recorded, as a new revision with the reason and
            the date it takes effect; the same rules hold as for the import (vacancies within the stock, a
            forecast year not before the year, no negative figure but equity, each figure within its bound:
            docs/import.md). 'report support' uses the revision in force.
            """,
        options: [.value("year", "year", "The year of the figures.")]
            + HousingCompanyYear.Field.figures.map { OptionSpec.value($0.option, help($0).placeholder, help($0).help) }
            + [AmendCommands.dateOption] + AmendCommands.common,
        positionals: ["org-no"],
        run: runAmend)

    static func runAmend(_ invocation: Invocation) throws {
        let key = invocation.arguments[0]
        let year = try invocation.required("year")
        let options = HousingCompanyYear.Field.figures.compactMap { field in
            invocation.value(field.option).map { (name: field.option, text: $0) }
        }
        if options.isEmpty {
            throw invocation.usageError("Nothing to amend: give at least one of "
                + HousingCompanyYear.Field.figures.map { "--\($0.option)" }.joined(separator: ", "))
        }
        let result = try StoreAccess.writing(invocation) { tx in
            try tx.amend(.housing, key: key, year: year, options: options, reason: StoreAccess.reason(invocation),
                         date: invocation.value("date"))
        }
        AmendCommands.printAmended(result)
    }
}
