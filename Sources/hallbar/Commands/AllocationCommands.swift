import Ledger
import LedgerStore

/// `hallbar report allocation|impact|requests|overdue` and `hallbar amend bond|metric|factor`
/// (cli.md, "Second round"; domain.md, "Allocation and impact").
enum AllocationCommands {
    static let allocation = CommandSpec(
        name: "allocation", abstract: "Bonds outstanding against the eligible pool, per programme and category.",
        usage: "--as-of <date> [--format <format>] [--out <file>] [--lang <lang>]",
        discussion: """
            Per programme the eligible pool (green: outstanding on green loans available for green bonds;
            social: outstanding on social loans), the bonds outstanding (issued on or before the date and
            maturing after it), the headroom (pool less bonds; negative is over-allocation, flagged) and the
            allocation ratio; per category the projects, approved, disbursed and outstanding amounts, the
            share of the programme and new financing (disbursed in the 12 months up to the date) against
            refinancing. Environmental management above 30 % of the green pool is flagged. Every record as it
            stood on the date. See docs/reports.md.
            """,
        options: [.value("as-of", "date", "The allocation at the end of this date.")] + ReportOutput.options,
        run: runAllocation)

    static let impact = CommandSpec(
        name: "impact", abstract: "Attributed impact of the green projects for a year.",
        usage: "--year <year> [--restate] [--published-as-of <date>] [--format <format>] [--out <file>] [--lang <lang>]",
        discussion: """
            Per project the year's metrics (actual where recorded, else expected), the share financed
            (outstanding at the year's end ÷ total cost, at most 1; none without a total cost) and the
            attributed values; energy metrics also give tCO2e avoided (MWh × factor ÷ 1 000, marked derived)
            under the electricity factor that applies on 31 December. Per category and in total the
            attributed sums, tCO2e avoided per SEK million outstanding and the coverage. Metrics and factors
            are taken in the revisions in force today. --restate shows the year as published (the revisions
            in force at the end of 31 December of the year, or of --published-as-of) beside the year
            restated (every revision in force today, under the factor that applies today): an amendment
            that takes effect after the publication date shows in the restated figures only. See
            docs/reports.md.
            """,
        options: [.value("year", "year", "The reported year."),
                  .flag("restate", "Also the year restated: today's revisions under the factor that applies today."),
                  .value("published-as-of", "date",
                         "The metric and factor revisions in force at the end of this date (default: today; with --restate, "
                             + "31 December of the year).")] + ReportOutput.options,
        run: runImpact)

    static let requests = CommandSpec(
        name: "requests", abstract: "The reporting forms of a year, one per borrower.",
        usage: "--year <year> [--borrower <org-no>] [--format <format>] [--out <file or folder>] [--lang <lang>]",
        discussion: """
            Each borrower's indicators under follow-up and its green projects' impact metrics, with last
            year's values and the column value to fill. Headers are the columns of 'import readings' and
            'import metrics' plus context columns those imports ignore, so a filled-in table imports back
            as it is. --format xlsx writes one workbook per borrower (requests-YEAR-ORGNO.xlsx) into the
            folder --out names (or, for one borrower, to the file --out names); csv and csv-excel write one
            file per table (requests-YEAR-ORGNO-readings.csv, -metrics.csv) into the folder; html gives a
            page per borrower to print; table, md and json print them all.
            """,
        options: [.value("year", "year", "The year to report."), .value("borrower", "org-no", "Only this borrower's form.")]
            + ReportOutput.options,
        run: runRequests)

    static let overdue = CommandSpec(
        name: "overdue", abstract: "What has not been reported for a year, per borrower.",
        usage: "--year <year> --as-of <date> [--format <format>] [--out <file>] [--lang <lang>]",
        discussion: """
            The indicators (by id) and impact metrics (as PROJECT/metric) of each borrower's form for the year
            that had not been recorded by the end of the date (the UTC date a reading or an actual value was
            first recorded). Borrowers with nothing missing are left out.
            """,
        options: [.value("year", "year", "The reported year."), .value("as-of", "date", "Received by the end of this date.")]
            + ReportOutput.options,
        run: runOverdue)

    /// The report subcommands this file adds.
    static let reports = [allocation, impact, requests, overdue]

    static func runAllocation(_ invocation: Invocation) throws {
        let output = try ReportOutput(invocation)
        let asOf = try ReportCommands.day(invocation, "as-of")
        let text = try ReportCommands.reading(invocation) { read in
            let report = try read.allocation(asOf: asOf)
            let meta = try ReportCommands.meta(("as_of", asOf.description), date: asOf, invocation: invocation, read: read)
            return AllocationRender(report: report, meta: meta, output: output).render()
        }
        try output.write(text)
    }

    static func runImpact(_ invocation: Invocation) throws {
        let output = try ReportOutput(invocation)
        let year = try ReportCommands.year(invocation)
        let today = Day.today()
        let restate = invocation.flag("restate")
        let published = try invocation.value("published-as-of").map { _ in try ReportCommands.day(invocation, "published-as-of") }
        let revisionsAsOf = published ?? (restate ? Day.endOfYear(year) : today)
        let text = try ReportCommands.reading(invocation) { read in
            let result = try read.impact(year: year, revisionsAsOf: revisionsAsOf, restatedOn: restate ? today : nil)
            let meta = try ReportCommands.meta(("year", String(year)), date: Day.endOfYear(year), invocation: invocation, read: read)
            return ImpactRender(published: result.published, revisionsAsOf: revisionsAsOf, restated: result.restated.map { ($0, today) },
                                meta: meta, output: output).render()
        }
        try output.write(text)
    }

    static func runRequests(_ invocation: Invocation) throws {
        let output = try ReportOutput(invocation)
        let year = try ReportCommands.year(invocation)
        let borrower = try invocation.value("borrower").map { text -> String in
            do { return try OrgNumber.parse(text).description } catch {
                throw invocation.usageError("--borrower: \(error)" + TextRules.strayNote(text))
            }
        }
        let writesFiles = output.format == .xlsx || output.format == .csv || output.format == .csvExcel
        if writesFiles && output.outPath == nil {
            throw invocation.usageError("--format \(output.format.rawValue) writes a file per borrower and table: add --out FOLDER"
                + (invocation.value("out") == "-" ? " (not '-': only table, md, html and json go to stdout)" : ""))
        }
        let render = try ReportCommands.reading(invocation) { read in
            let forms = try read.requestForms(year: year, borrower: borrower)
            if let borrower, forms.isEmpty {
                throw CLIError.data("borrower \(borrower) has nothing to report for \(year): no indicator under follow-up and no "
                    + "impact metric of a green project (or no such borrower)")
            }
            let meta = try ReportCommands.meta(("year", String(year)), date: nil, invocation: invocation, read: read)
            return RequestFormsRender(forms: forms, year: year, meta: meta, output: output)
        }
        guard writesFiles, let out = output.outPath else {
            try output.write(render.render())
            return
        }
        let files = render.files()
        let folder = Files.standardPath(out)
        var paths: [(path: String, bytes: [UInt8], rows: Int)]
        if Files.isDirectory(folder) {
            paths = files.map { (Files.join(folder, $0.name), $0.bytes, $0.rows) }
        } else if output.format == .xlsx && files.count == 1 {
            paths = [(folder, files[0].bytes, files[0].rows)]
        } else {
            throw CLIError(code: .cannotCreate, message: "cannot write the forms: \(out) is not a folder"
                + (output.format == .xlsx ? " (a file is possible for one borrower's workbook: add --borrower)" : ""))
        }
        guard Files.isDirectory(Files.folder(ofStandardPath: paths.first?.path ?? folder)) else {
            throw CLIError(code: .cannotCreate, message: "cannot create \(out): there is no folder \(Files.folder(ofStandardPath: folder))")
        }
        for file in paths {
            try OutputFile.write(file.bytes, to: file.path, ledger: output.ledgerPath)
            Console.line("Wrote \(file.path) (\(file.rows) \(file.rows == 1 ? "row" : "rows")).")
        }
        if paths.isEmpty { Console.line("Nothing to report for \(year): no form written.") }
    }

    static func runOverdue(_ invocation: Invocation) throws {
        let output = try ReportOutput(invocation)
        let year = try ReportCommands.year(invocation)
        let asOf = try ReportCommands.day(invocation, "as-of")
        let text = try ReportCommands.reading(invocation) { read in
            let borrowers = try read.overdue(year: year, asOf: asOf)
            let meta = try ReportCommands.meta(("as_of", asOf.description), date: nil, invocation: invocation, read: read)
            return OverdueRender(year: year, asOf: asOf, borrowers: borrowers, meta: meta, output: output).render()
        }
        try output.write(text)
    }

    // MARK: amend bond | metric | factor

    static let common = [AmendCommands.reasonOption, AmendCommands.dateOption, Commands.byOption, StoreAccess.waitOption]

    /// The `amend` subcommands this file adds.
    static let amendments: [CommandSpec] = [
        CommandSpec(
            name: "bond", abstract: "Amend a bond: dates, amount, currency (a correction, a buy-back, a tap).",
            usage: "<isin> [--issue-date <date>] [--maturity-date <date>] [--amount-sek <sek>] [--currency <code>] "
                + "[--amount-original <amount>] --reason <text> [--date <date>] [--by <name>]",
            discussion: """
                The date is when the change takes effect: an allocation as of an earlier date still counts the
                bond as it stood then. The programme never changes. 'none' clears the currency and original amount.
                """,
            options: [.value("issue-date", "date", "The issue date."), .value("maturity-date", "date", "The maturity date."),
                      .value("amount-sek", "sek", "The nominal in SEK."), .value("currency", "code", "The issue currency ('none' for SEK)."),
                      .value("amount-original", "amount", "The nominal in that currency ('none' for SEK).")] + common,
            positionals: ["isin"],
            run: { try amend(.bond, fields: ["issue-date", "maturity-date", "amount-sek", "currency", "amount-original"], $0) }),
        CommandSpec(
            name: "metric", abstract: "Correct a green project's impact metric for a year.",
            usage: "<project> --year <year> --metric <metric> --basis <basis> --value <value> --reason <text> [--date <date>] [--by <name>]",
            discussion: "The impact report uses the corrected value at once; 'hallbar history metric \"PROJECT METRIC BASIS\" --year Y' lists the revisions.",
            options: [.value("year", "year", "The year."), .value("metric", "metric", "The metric (ghg_avoided_tco2e …)."),
                      .value("basis", "basis", "expected or actual."), .value("value", "value", "The corrected value.")] + common,
            positionals: ["project"],
            run: { try amend(.metric, fields: ["value"], $0) }),
        CommandSpec(
            name: "factor", abstract: "Correct an emission factor: its g CO2e per kWh or source.",
            usage: "<name> --valid-from <date> [--g-per-kwh <value>] [--source <text>] --reason <text> [--date <date>] [--by <name>]",
            discussion: "A new factor from a later date is a new row of 'import factors', not an amendment.",
            options: [.value("valid-from", "date", "The date the factor applies from (its key)."),
                      .value("g-per-kwh", "value", "Grams of CO2e per kWh."), .value("source", "text", "Where the figure comes from.")] + common,
            positionals: ["name"],
            run: { try amend(.factor, fields: ["g-per-kwh", "source"], $0) }),
    ]

    static func amend(_ kind: RecordKind, fields: [String], _ invocation: Invocation) throws {
        var key = invocation.arguments[0]
        var year: String?
        switch kind {
        case .metric:
            year = try invocation.required("year")
            key += " \(try invocation.required("metric")) \(try invocation.required("basis"))"
        case .factor:
            key += " \(try invocation.required("valid-from"))"
        default:
            break
        }
        let options = fields.compactMap { name in invocation.value(name).map { (name: name, text: $0) } }
        if options.isEmpty {
            throw invocation.usageError("Nothing to amend: give at least one of " + fields.map { "--\($0)" }.joined(separator: ", "))
        }
        let result = try StoreAccess.writing(invocation) { tx in
            try tx.amend(kind, key: key, year: year, options: options, reason: StoreAccess.reason(invocation),
                         date: invocation.value("date"))
        }
        AmendCommands.printAmended(result)
    }
}

extension CommandSpec {
    /// The same group with `more` subcommands after its own.
    func adding(_ more: [CommandSpec]) -> CommandSpec {
        var group = self
        group.subcommands += more
        return group
    }
}
