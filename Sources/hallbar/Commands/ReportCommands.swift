import Ledger
import LedgerStore

/// `hallbar report shares|social|followup`: read the ledger (read-only), compute in
/// LedgerStore, render in Render/, write to stdout or `--out`.
enum ReportCommands {
    static let shares = CommandSpec(
        name: "shares", abstract: "Green and sustainable shares of lending (Bild 2).",
        usage: "--as-of <date> [--compare <date>] [--format <format>] [--out <file>] [--lang <lang>]",
        discussion: """
            Outstanding per programme at the end of the date (disbursements minus repayments, reversed
            entries excluded), the green bond eligible pool, the green and sustainable shares and, with
            --compare, the change per line from the compared date, printed in whole per cent
            (JSON carries exact fractions). See docs/reports.md.
            """,
        options: [.value("as-of", "date", "Balances at the end of this date."),
                  .value("compare", "date", "Compare with balances at this date.")] + ReportOutput.options,
        run: runShares)

    static let social = CommandSpec(
        name: "social", abstract: "The social portfolio (Bild 6).",
        usage: "--as-of <date> [--format <format>] [--out <file>] [--lang <lang>]",
        discussion: """
            Approved projects (social, approved or completed, decided on or before the date), distinct
            members through the borrowers' owners, approved volume, gross disbursed volume (disbursements
            minus reversed disbursements), outstanding, and the approved volume by category.
            """,
        options: [.value("as-of", "date", "The portfolio at the end of this date.")] + ReportOutput.options,
        run: runSocial)

    static let followup = CommandSpec(
        name: "followup", abstract: "The annual follow-up with colour-coded statuses.",
        usage: "--year <year> [--project <number>] [--as-of <date>] [--format <format>] [--out <file>] [--lang <lang>]",
        discussion: """
            Every approved social project with indicators, grouped by category; each indicator with its
            baseline, previous value, the year's value, the target as written and its status. An
            approved year shows the frozen record of its latest approval and any difference the current
            data would make. --format html gives one self-contained file with a page per project.
            """,
        options: [.value("year", "year", "The follow-up year."), .value("project", "number", "Only this project."),
                  .value("as-of", "date", "Date of the projects' approved / disbursed figures (default: the year's last day).")]
            + ReportOutput.options,
        run: runFollowUp)

    static let market = CommandSpec(
        name: "market", abstract: "Housing-market classes (SOU 2015:58) and sustainable lending per class.",
        usage: "--year <year> [--scenario <name>] [--as-of <date>] [--format <format>] [--out <file>] [--lang <lang>]",
        discussion: """
            Each municipality with a housing-market index for the year (observed average price, forecast,
            or computed by the appendix's regression from its four inputs; the report says which), its
            class under the year's bounds (inclusive as printed), and the green and social lending per
            class: approved volume, outstanding at the date, projects and members (through the
            borrowers' owners). Borrowers whose member has no index fall in 'unclassified', so the
            classes add up to the whole sustainable portfolio. See docs/reports.md.
            """,
        options: [.value("year", "year", "The year of the market readings and class bounds."),
                  .value("scenario", "name", "The bounds' scenario: base (default) or inflation-1.4."),
                  .value("as-of", "date", "Lending at the end of this date (default: today).")] + ReportOutput.options,
        run: runMarket)

    /// Parses a date option, or a usage error that says why it is not a date.
    static func day(_ invocation: Invocation, _ name: String) throws -> Day {
        let text = try invocation.required(name)
        do { return try Day.parse(text) } catch { throw invocation.usageError("--\(name): \(error)" + TextRules.strayNote(text)) }
    }

    /// Parses a year option (1900-2200).
    static func year(_ invocation: Invocation, _ name: String = "year") throws -> Int {
        let text = try invocation.required(name)
        guard let year = Int(text), (1900...2200).contains(year) else {
            throw invocation.usageError("--\(name): \"\(text)\" is not a year (1900-2200)")
        }
        return year
    }

    /// The meta block of a report read in `read`: its subject, the ledger head, and the
    /// closed period when the report's date lies in it.
    static func meta(_ subject: (String, String), date: Day?, invocation: Invocation, read: LedgerRead) throws -> ReportMeta {
        let closed = try read.closedPeriod()
        return ReportMeta(subject: (subject.0, subject.1), generatedAt: Stamp.utcTimestamp(),
                          database: invocation.databasePath, head: try read.head(),
                          closed: date.flatMap { day in closed.flatMap { day <= $0.closedThrough ? $0 : nil } })
    }

    /// Opens the ledger read-only, runs `body` in one read transaction (a consistent
    /// snapshot) and closes it; maps the report errors to exit 65.
    static func reading<T>(_ invocation: Invocation, _ body: (LedgerRead) throws -> T) throws -> T {
        let store = try StoreAccess.read(invocation)
        defer { store.close() }
        do {
            return try store.read(body)
        } catch let error as ReportError {
            throw CLIError.data(error.description)
        } catch let error as SharesError {
            throw CLIError.data(error.description)
        } catch let error as MarketReportError {
            throw CLIError.data(error.description)
        }
    }

    static func runShares(_ invocation: Invocation) throws {
        let output = try ReportOutput(invocation)
        let asOf = try day(invocation, "as-of")
        let compare = try invocation.value("compare").map { _ in try day(invocation, "compare") }
        let text = try reading(invocation) { db in
            let current = try db.shares(asOf: asOf)
            let base = try compare.map { ($0, try db.shares(asOf: $0)) }
            let meta = try meta(("as_of", asOf.description), date: asOf, invocation: invocation, read: db)
            return ShareReportRender(asOf: asOf, current: current, compare: base, meta: meta, output: output).render()
        }
        try output.write(text)
    }

    static func runSocial(_ invocation: Invocation) throws {
        let output = try ReportOutput(invocation)
        let asOf = try day(invocation, "as-of")
        let text = try reading(invocation) { db in
            let portfolio = try db.socialPortfolio(asOf: asOf)
            let meta = try meta(("as_of", asOf.description), date: asOf, invocation: invocation, read: db)
            return SocialReportRender(portfolio: portfolio, meta: meta, output: output).render()
        }
        try output.write(text)
    }

    static func runFollowUp(_ invocation: Invocation) throws {
        let output = try ReportOutput(invocation)
        let year = try year(invocation)
        var project: Int64?
        if let text = invocation.value("project") {
            let digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
            guard let number = Int64(digits), number > 0 else {
                throw invocation.usageError("--project: \"\(text)\" is not a project number")
            }
            project = number
        }
        let asOf = try invocation.value("as-of").map { _ in try day(invocation, "as-of") }
        let text = try reading(invocation) { db in
            let report = try db.followUp(year: year, project: project, volumesAsOf: asOf)
            let meta = try meta(("year", String(year)), date: report.volumesAsOf, invocation: invocation, read: db)
            // The HTML's first page also shows allocation and impact (FollowUpSustainabilityBox.swift).
            let sustainability = try output.format == .html
                ? FollowUpSustainability(db.allocationAndImpact(asOf: report.volumesAsOf, year: year)) : nil
            return FollowUpRender(report: report, meta: meta, output: output, sustainability: sustainability).render()
        }
        try output.write(text)
    }

    static func runMarket(_ invocation: Invocation) throws {
        let output = try ReportOutput(invocation)
        let year = try year(invocation)
        let scenario = invocation.value("scenario") ?? ClassBounds.baseScenario
        let asOf = try invocation.value("as-of").map { _ in try day(invocation, "as-of") } ?? Day.today()
        let text = try reading(invocation) { db in
            let report = try db.market(year: year, scenario: scenario, asOf: asOf)
            let meta = try meta(("as_of", asOf.description), date: asOf, invocation: invocation, read: db)
            return MarketReportRender(report: report, meta: meta, output: output).render()
        }
        try output.write(text)
    }
}
