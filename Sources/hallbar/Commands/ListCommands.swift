import Ledger
import LedgerStore

/// `hallbar list KIND`, `show loan|project|batch|entry`, `balance`: the ledger read without
/// SQL. Read-only; every format of the reports; amounts in kronor for people, öre in JSON.
enum ListCommands {
    /// The help line of each filter, by name.
    static let filterHelp: [ListFilter.Name: (String, String)] = [
        .asOf: ("date", "As the ledger stood at the end of this date (default today): revisions in force then, entries with value date on or before it."),
        .programme: ("programme", "green, social or other (also grön, social, övrig)."),
        .status: ("status", "A project's status: approved, rejected, withdrawn or completed (also beviljad, avslagen, återkallad, avslutad)."),
        .member: ("org-no", "A member: the rows of the borrowers it owns."),
        .borrower: ("org-no", "A borrower."),
        .project: ("number", "A project."),
        .loan: ("number", "A loan."),
        .year: ("year", "A year of the row's date (see below)."),
        .from: ("date", "The row's date on or after this date."),
        .to: ("date", "The row's date on or before this date."),
    ]

    static func options(_ names: [ListFilter.Name]) -> [OptionSpec] {
        names.map { name in
            let (placeholder, help) = filterHelp[name] ?? ("value", "")
            return OptionSpec.value(name.rawValue, placeholder, help)
        }
    }

    static func usage(_ names: [ListFilter.Name]) -> String {
        names.map { "[--\($0.rawValue) <\(filterHelp[$0]?.0 ?? "value")>]" }.joined(separator: " ")
    }

    static let list = CommandSpec(
        name: "list", abstract: "List members, borrowers, projects, loans, entries, indicators, readings, batches, approvals.",
        usage: "<kind> " + usage(ListFilter.Name.allCases) + " [--format <format>] [--out <file>] [--lang <lang>]",
        discussion: """
            KIND and the filters it takes:
            \(ListKind.allCases.map { kind in
                "  " + kind.rawValue.padded(11, right: false)
                    + kind.filters.map { "--\($0.rawValue)" }.joined(separator: " ")
            }.joined(separator: "\n"))

            As of a date (default today) each record is shown in the revision in force then, and amounts
            count the entries with value date on or before it: a loan's disbursed (disbursements less
            reversed ones), repaid (repayments less reversed ones) and outstanding amount. --year, --from and
            --to select by the row's date: an entry's value date, a project's decision date, a reading's
            year, a batch's recording day (UTC), an approval's year; --status a project's status then. A filter
            a kind does not take, or a value written wrongly, is a usage error (exit 64); a member, borrower,
            project or loan the ledger has never held, or a word that is no programme or status, is exit 65.
            Amounts are kronor in table, md, html, csv-excel and xlsx, öre in json and csv.
            'hallbar list bonds' lists the bonds issued on or before the date, and whether each is still
            outstanding then. See docs/reports.md.
            """,
        options: options(ListFilter.Name.allCases) + ReportOutput.options,
        positionals: ["kind"], run: runList)

    static let show = CommandSpec(
        name: "show", abstract: "Show one loan, project, import batch or entry with everything that belongs to it.",
        subcommands: [
            CommandSpec(
                name: "loan", abstract: "A loan: borrower, member, project, balance, every entry with its reversal.",
                usage: "<number> [--as-of <date>] [--format <format>] [--out <file>] [--lang <lang>]",
                discussion: """
                    The loan in the revision in force at the end of the date (default today), its borrower, member and
                    project, disbursed, repaid and outstanding, and every entry with value date on or before the date
                    in value-date order: what it reverses or what reversed it, who recorded it and when, its import
                    batch, and the balance after it.
                    """,
                options: options([.asOf]) + ReportOutput.options, positionals: ["number"], run: runShowLoan),
            CommandSpec(
                name: "project", abstract: "A project: revisions and decisions, loans, amounts, indicators and readings.",
                usage: "<number> [--as-of <date>] [--format <format>] [--out <file>] [--lang <lang>]",
                discussion: """
                    The project as decided and amended up to the date (default today): every revision in force by then,
                    the committee's decisions on its indicators, its loans with their amounts, approved / disbursed /
                    outstanding (each entry counted on the project its loan financed on the entry's value date), its
                    indicators and their readings.
                    """,
                options: options([.asOf]) + ReportOutput.options, positionals: ["number"], run: runShowProject),
            CommandSpec(
                name: "batch", abstract: "An import batch: file, checksum, who, when, and what it imported.",
                usage: "<id> [--format <format>] [--out <file>] [--lang <lang>]",
                discussion: "The batch's file and SHA-256, who imported it and when, the rows it wrote per table and the first rows of each.",
                options: ReportOutput.options, positionals: ["id"], run: runShowBatch),
            CommandSpec(
                name: "entry", abstract: "A ledger entry by its external id (cli-… for single records).",
                usage: "<external-id> [--format <format>] [--out <file>] [--lang <lang>]",
                discussion: "The entry, its loan, what it reverses or what reversed it and why, who recorded it, its batch and file.",
                options: ReportOutput.options, positionals: ["external-id"], run: runShowEntry),
        ])

    static let balanceFilters: [ListFilter.Name] = [.asOf, .programme, .member, .borrower, .project, .loan]

    static let balance = CommandSpec(
        name: "balance", abstract: "Disbursed, repaid and outstanding of a loan, or of the loans a filter selects.",
        usage: usage(balanceFilters) + " [--format <format>] [--out <file>] [--lang <lang>]",
        discussion: """
            The loans the filters select (all loans without a filter), each in the revision in force at the end
            of the date (default today), added up: how many, disbursed, repaid and outstanding. A member,
            borrower, project or loan the ledger has never held, or a word that is no programme, is exit 65.
            """,
        options: options(balanceFilters) + ReportOutput.options, run: runBalance)

    // MARK: reading the options

    /// The filters given, checked against those `allowed`. A filter the command does not
    /// take, or a value written wrongly (`--project x`, `--member 123`), is a usage error
    /// (64); a well-formed value that names nothing there is (`--programme blue`, `--status
    /// nonsense`) is bad data (65), as a record the ledger does not hold is
    /// (`LedgerRead.requireNamedRecords`): the message names the values allowed.
    static func filter(_ invocation: Invocation, allowed: [ListFilter.Name], what: String) throws -> ListFilter {
        let given = ListFilter.Name.allCases.filter { invocation.value($0.rawValue) != nil }
        let refused = given.filter { !allowed.contains($0) }
        if !refused.isEmpty {
            throw invocation.usageError("\(what) does not take " + refused.map { "--\($0.rawValue)" }.joined(separator: ", ")
                + "; it takes " + allowed.map { "--\($0.rawValue)" }.joined(separator: ", "))
        }
        var filter = ListFilter(asOf: try invocation.value("as-of").map { _ in try ReportCommands.day(invocation, "as-of") } ?? Day.today())
        filter.programme = try invocation.value("programme").map { try word($0, Programme.self, option: "programme", what: "a programme") }
        filter.status = try invocation.value("status").map { try word($0, ProjectStatus.self, option: "status", what: "a project status") }
        filter.member = try invocation.value("member").map { try orgNumber(invocation, "member", $0) }
        filter.borrower = try invocation.value("borrower").map { try orgNumber(invocation, "borrower", $0) }
        filter.project = try invocation.value("project").map { try number(invocation, "project", $0) }
        filter.loan = try invocation.value("loan").map { _ in try invocation.required("loan") }  // the key rule: OptionText
        filter.year = try invocation.value("year").map { _ in try ReportCommands.year(invocation) }
        filter.from = try invocation.value("from").map { _ in try ReportCommands.day(invocation, "from") }
        filter.to = try invocation.value("to").map { _ in try ReportCommands.day(invocation, "to") }
        if let from = filter.from, let to = filter.to, from > to {
            throw invocation.usageError("--from \(from) is after --to \(to)")
        }
        return filter
    }

    static func orgNumber(_ invocation: Invocation, _ option: String, _ text: String) throws -> String {
        do { return try OrgNumber.parse(text).description } catch { throw invocation.usageError("--\(option): \(error)" + TextRules.strayNote(text)) }
    }

    /// A word of a closed vocabulary, as the imports take it (the token or its Swedish label,
    /// any letter case); another word is exit 65, naming the words allowed.
    static func word<T: SpokenToken>(_ text: String, _ type: T.Type, option: String, what: String) throws -> T {
        guard let value = T.parse(spoken: text) else {
            throw CLIError.data("--\(option): \(TextRules.quoted(text)) is not \(what): use "
                + T.allCases.map(\.spokenChoice).joined(separator: ", ")
                + Suggestion.didYouMean(SpokenText.normalized(text), among: T.allCases.map(\.rawValue)))
        }
        return value
    }

    /// A loan number or external id as the key rule takes it (`TextRules.key`), as `--loan`
    /// and `--entry` are (`OptionText`): an invisible character ("240002" + U+00A0 pasted from
    /// a spreadsheet) is named, not looked up; exit 65.
    static func key(_ what: String, _ text: String) throws -> String {
        do { return try TextRules.key(text, what: what) } catch { throw CLIError.data(error.description) }
    }

    /// A project number or batch id: a positive whole number (a leading # allowed).
    static func number(_ invocation: Invocation, _ what: String, _ text: String, option: Bool = true) throws -> Int64 {
        let digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
        guard let value = Int64(digits), value > 0 else {
            throw invocation.usageError((option ? "--\(what)" : what) + ": \(TextRules.quoted(text)) is not a \(what) number (a positive whole number)"
                + TextRules.strayNote(text))
        }
        return value
    }

    /// The filters given, as JSON (`filters`) and as words for the title.
    static func describe(_ filter: ListFilter, _ output: ReportOutput) -> (json: JSON, words: String) {
        var pairs: [(String, JSON)] = []
        var words: [String] = []
        func add(_ key: String, _ sv: String, _ en: String, _ value: String, _ json: JSON) {
            pairs.append((key, json))
            words.append(output.text(sv, en) + " " + value)
        }
        if let p = filter.programme {
            add("programme", "program", "programme", RecordLabels.code(p.rawValue, .programme, output).lowercased(), .string(p.rawValue))
        }
        if let s = filter.status {
            add("status", "status", "status", RecordLabels.code(s.rawValue, .projectStatus, output).lowercased(), .string(s.rawValue))
        }
        if let m = filter.member { add("member", "medlem", "member", m, .string(m)) }
        if let b = filter.borrower { add("borrower", "låntagare", "borrower", b, .string(b)) }
        if let p = filter.project { add("project", "projekt", "project", String(p), .integer(p)) }
        if let l = filter.loan { add("loan", "lån", "loan", l, .string(l)) }
        if let y = filter.year { add("year", "år", "year", String(y), .integer(Int64(y))) }
        if let f = filter.from { add("from", "från", "from", f.description, .string(f.description)) }
        if let t = filter.to { add("to", "till", "to", t.description, .string(t.description)) }
        return (.object(pairs), words.map { " · " + $0 }.joined())
    }

    /// `ReportCommands.reading`, with a record that is not there as exit 65.
    static func lookingUp<T>(_ invocation: Invocation, _ body: (LedgerRead) throws -> T) throws -> T {
        do {
            return try ReportCommands.reading(invocation, body)
        } catch let error as LookupError {
            throw CLIError.data(error.description)
        }
    }

    static func meta(_ date: Day, _ invocation: Invocation, _ read: LedgerRead) throws -> ReportMeta {
        try ReportCommands.meta(("as_of", date.description), date: date, invocation: invocation, read: read)
    }

    // MARK: list

    static let totals: Set<String> = ["approved_ore", "disbursed_ore", "repaid_ore", "outstanding_ore"]

    static func runList(_ invocation: Invocation) throws {
        let output = try ReportOutput(invocation)
        let text = invocation.arguments[0]
        guard let kind = ListKind(rawValue: text.lowercased()) else {
            throw invocation.usageError("Unknown kind '\(text)': use " + ListKind.allCases.map(\.rawValue).joined(separator: ", ")
                + Suggestion.didYouMean(text.lowercased(), among: ListKind.allCases.map(\.rawValue)))
        }
        let filter = try self.filter(invocation, allowed: kind.filters, what: "list \(kind.rawValue)")
        let described = describe(filter, output)
        var leading: [(String, JSON)] = kind.takesAsOf ? [("as_of", .string(filter.asOf.description))] : []
        leading.append(("filters", described.json))
        let metaDate = kind.takesAsOf ? filter.asOf : Day.today()
        if output.outPath == nil && (output.format == .csv || output.format == .json) {
            // For programs: written to stdout row by row as it is read.
            try lookingUp(invocation) { read in
                var stream = ListStream(format: output.format, name: kind.rawValue, leading: leading, emit: Console.out)
                let columns = try read.list(kind, filter) { stream.append($0) }
                stream.finish(columns: columns, meta: try meta(metaDate, invocation, read))
            }
            return
        }
        let totals = kind == .entries ? [] : self.totals
        let document = try lookingUp(invocation) { read -> RecordDocument in
            var table = RecordTable(name: kind.rawValue, columns: [], rows: [])
            var laidOut: TableBuilder?
            if output.format == .table {
                // A long list is laid out as it is read: no copy of each cell first.
                let columns = try read.list(kind, filter) { row in
                    if laidOut == nil { laidOut = TableBuilder(columns: row.columns, totals: totals, output: output, capacity: 4096) }
                    laidOut?.append(row)
                }
                table = RecordTable(name: kind.rawValue, columns: columns, rows: [])
                if laidOut == nil { laidOut = TableBuilder(columns: columns, totals: totals, output: output) }
            } else {
                table = try read.list(kind, filter)
            }
            let name = RecordLabels.title(kind, output)
            let title = kind.takesAsOf ? name + output.text(" per \(filter.asOf)", " as of \(filter.asOf)") + described.words
                : name + described.words
            return RecordDocument(title: title, sheetName: name, leading: leading, fields: nil, tables: [table], totals: totals,
                                  meta: try meta(metaDate, invocation, read), laidOut: laidOut)
        }
        let render = RecordRender(document: document, output: output)
        if output.format == .table && output.outPath == nil {
            render.write(markdown: false, Console.out)  // a long list straight to stdout, piece by piece
        } else {
            try output.write(render.render())
        }
        try refuseOverflowedTotals(render)
    }

    /// Exit 65 after the output when a total line could not add up its column (amounts
    /// written past hallbar): the line says "för stort att summera", and the exit says that
    /// the figures are not whole, so a script does not take the page for a good one.
    static func refuseOverflowedTotals(_ render: RecordRender) throws {
        let columns = render.overflowedTotals()
        guard !columns.isEmpty else { return }
        throw CLIError.data("the total of " + columns.joined(separator: ", ") + " is more than hallbar can add up "
            + "(above \(MoneyFormat.message(.max))): the total line says so; the rows are as stored")
    }

    // MARK: show

    static func runShowLoan(_ invocation: Invocation) throws {
        let output = try ReportOutput(invocation)
        let number = try key("the loan number", invocation.arguments[0])
        let filter = try self.filter(invocation, allowed: [.asOf], what: "show loan")
        let document = try lookingUp(invocation) { read in
            detail(try read.loan(number, asOf: filter.asOf), title: output.text("Lån \(number) per \(filter.asOf)", "Loan \(number) as of \(filter.asOf)"),
                   sheetName: output.text("Lån \(number)", "Loan \(number)"), asOf: filter.asOf, meta: try meta(filter.asOf, invocation, read))
        }
        let render = RecordRender(document: document, output: output)
        try output.write(render.render())
        try refuseOverflowedTotals(render)
    }

    static func runShowProject(_ invocation: Invocation) throws {
        let output = try ReportOutput(invocation)
        let number = try self.number(invocation, "project", invocation.arguments[0], option: false)
        let filter = try self.filter(invocation, allowed: [.asOf], what: "show project")
        let document = try lookingUp(invocation) { read in
            detail(try read.project(number, asOf: filter.asOf),
                   title: output.text("Projekt \(number) per \(filter.asOf)", "Project \(number) as of \(filter.asOf)"),
                   sheetName: output.text("Projekt \(number)", "Project \(number)"), asOf: filter.asOf, meta: try meta(filter.asOf, invocation, read))
        }
        let render = RecordRender(document: document, output: output)
        try output.write(render.render())
        try refuseOverflowedTotals(render)
    }

    static func runShowBatch(_ invocation: Invocation) throws {
        let output = try ReportOutput(invocation)
        let id = try number(invocation, "batch", invocation.arguments[0], option: false)
        let document = try lookingUp(invocation) { read in
            detail(try read.batch(id), title: output.text("Import \(id)", "Import batch \(id)"),
                   sheetName: output.text("Import \(id)", "Batch \(id)"), asOf: nil, meta: try meta(Day.today(), invocation, read))
        }
        let render = RecordRender(document: document, output: output)
        try output.write(render.render())
        try refuseOverflowedTotals(render)
    }

    static func runShowEntry(_ invocation: Invocation) throws {
        let output = try ReportOutput(invocation)
        let id = try key("the external id", invocation.arguments[0])
        let document = try lookingUp(invocation) { read in
            detail(try read.entry(id), title: output.text("Transaktion \(id)", "Entry \(id)"),
                   sheetName: output.text("Transaktion", "Entry"), asOf: nil, meta: try meta(Day.today(), invocation, read))
        }
        let render = RecordRender(document: document, output: output)
        try output.write(render.render())
        try refuseOverflowedTotals(render)
    }

    static func detail(_ detail: RecordDetail, title: String, sheetName: String, asOf: Day?, meta: ReportMeta) -> RecordDocument {
        RecordDocument(title: title, sheetName: sheetName, leading: asOf.map { [("as_of", JSON.string($0.description))] } ?? [],
                       fields: detail.fields, tables: detail.tables, totals: ["disbursed_ore", "repaid_ore", "outstanding_ore"], meta: meta)
    }

    // MARK: balance

    static func runBalance(_ invocation: Invocation) throws {
        let output = try ReportOutput(invocation)
        let filter = try self.filter(invocation, allowed: balanceFilters, what: "balance")
        let described = describe(filter, output)
        let document = try lookingUp(invocation) { read in
            RecordDocument(title: output.text("Saldo per \(filter.asOf)", "Balance as of \(filter.asOf)") + described.words,
                           sheetName: output.text("Saldo", "Balance"),
                           leading: [("as_of", .string(filter.asOf.description)), ("filters", described.json)],
                           fields: try read.balance(filter), tables: [], meta: try meta(filter.asOf, invocation, read))
        }
        let render = RecordRender(document: document, output: output)
        try output.write(render.render())
        try refuseOverflowedTotals(render)
    }
}
