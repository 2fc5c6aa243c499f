import Ledger
import LedgerStore

/// `hallbar amend KIND KEY …`, `decide`, `history`, `close`, `reopen`: every change on the
/// record, as a new revision or decision with who, when, why and the date it takes effect.
enum AmendCommands {
    static let reasonOption = OptionSpec.value("reason", "text", "Why the record changes (required).")
    static let dateOption = OptionSpec.value("date", "date", "When the change takes effect (default today; never in the future).")
    static let common = [reasonOption, Commands.byOption, StoreAccess.waitOption]

    /// One `amend` subcommand: its key, and its options as (option, help).
    private static func spec(_ kind: RecordKind, key: String?, abstract: String, fields: [(String, String, String)],
                             date: Bool, discussion: String) -> CommandSpec {
        let options = fields.map { OptionSpec.value($0.0, $0.1, $0.2) } + (date ? [dateOption] : []) + common
        let keyUsage = key.map { "<\($0)> " } ?? ""
        let usage = keyUsage + fields.map { "[--\($0.0) <\($0.1)>]" }.joined(separator: " ") + " --reason <text>"
            + (date ? " [--date <date>]" : "") + " [--by <name>]"
        return CommandSpec(name: kind.rawValue, abstract: abstract, usage: usage, discussion: discussion, options: options,
                           positionals: key.map { [$0] } ?? [],
                           run: { try amend(kind, fields: fields.map(\.0), $0) })
    }

    static let amendGroup = CommandSpec(
        name: "amend", abstract: "Change a record by a new revision: who, when, why and when it takes effect.",
        discussion: """
            Nothing is ever overwritten: each change is a new revision (2, 3 …) of the record, chained like
            every row, with the reason, who recorded it and when, and the date it takes effect. Reports as of
            an earlier date show the record as it stood then; 'hallbar history KIND KEY' lists every revision.
            A change that changes nothing, a missing reason, an unknown key, a date before the record existed
            or before its latest revision, or a date in a closed period is refused with exit 65.
            """,
        subcommands: [
            spec(.project, key: "number", abstract: "Amend a project: title, category, status, amounts, framework version.",
                 fields: [("title", "text", "The title."), ("category", "category", "The category (one of its programme's)."),
                          ("status", "status", "approved, rejected, withdrawn or completed."),
                          ("approved-sek", "sek", "The approved amount in SEK."),
                          ("total-cost-sek", "sek", "The project's total cost in SEK ('none' to clear)."),
                          ("framework-version", "version", "The green bond framework version ('none' to clear).")],
                 date: true, discussion: """
                    The date is the committee's decision. A withdrawn or rejected project takes no disbursement
                    with a later value date; its loans never disburse more than the approved amount in force.
                    """),
            spec(.loan, key: "number", abstract: "Amend a loan: green bond eligibility, project, programme.",
                 fields: [("green-bond-eligible", "true|false", "Whether the green loan is in the green bond eligible pool."),
                          ("project", "number", "The project it finances ('none' for other lending)."),
                          ("programme", "programme", "green, social or other.")],
                 date: true, discussion: """
                    A green loan's eligibility changes when its project's compliance measures finish (footnote 1 of
                    the presentation). A loan that becomes other lending loses its project and eligibility. A loan
                    moves to another project only from its first entry or earlier (a correction); new financing of
                    another project is a new loan.
                    """),
            spec(.member, key: "org-no", abstract: "Amend a member: name, municipality code.",
                 fields: [("name", "name", "The name."), ("municipality-code", "code", "SCB's four digits ('none' for a region).")],
                 date: true, discussion: "A member exists from the start: a correction may take effect from any past date."),
            spec(.borrower, key: "org-no", abstract: "Amend a borrower: name, owner.",
                 fields: [("name", "name", "The name."), ("owner-org-no", "org-no", "The member that owns it.")],
                 date: true, discussion: """
                    A borrower exists from the start: a correction may take effect from any past date. A new owner
                    is refused while a loan of the borrower finances a project of a borrower the new owner does not own
                    (or the other way round), and when it would give a municipality housing figures on two borrowers
                    for one year (the support-need model takes one company per municipality).
                    """),
            spec(.indicator, key: "id", abstract: "Amend an indicator: name, unit, direction, target, baseline.",
                 fields: [("name", "text", "The indicator text."), ("unit", "unit", "The unit ('none' to clear)."),
                          ("direction", "direction", "higher, lower or none."), ("target", "target", "The target (domain.md grammar)."),
                          ("target-text", "text", "The target as written for display."), ("target-year", "year", "The target year."),
                          ("baseline-value", "value", "The baseline value."), ("baseline-year", "year", "The baseline's year.")],
                 date: true, discussion: """
                    The follow-up of every year not yet approved uses the indicator as it is now. The date (no earlier
                    than the project's decision) says when the change was made: an approval dated before it is refused.
                    """),
            CommandSpec(
                name: "reading", abstract: "Correct a reading, or record a late one for an approved year.",
                usage: "--indicator <id> --year <year> --value <value> --reason <text> [--date <date>] [--by <name>]",
                discussion: """
                    For a year not approved the follow-up uses the corrected value at once. For an approved year
                    the approved follow-up stays as approved and the report shows the correction as ÄNDRAT SEDAN
                    GODKÄNNANDET until the committee approves a new revision. The date (default today, no earlier
                    than the reading's year) says when the correction was made: an approval dated before it is refused.
                    """,
                options: [.value("indicator", "id", "The indicator id."), .value("year", "year", "The year."),
                          .value("value", "value", "The corrected value."), dateOption] + common,
                run: amendReading),
            spec(.reference, key: "name", abstract: "Amend a reference series' value for a year.",
                 fields: [("year", "year", "The year."), ("value", "value", "The value.")],
                 date: true, discussion: "The date (default today) is no earlier than the first day of the value's year."),
            SupportCommands.amend,
        ])

    static func amend(_ kind: RecordKind, fields: [String], _ invocation: Invocation) throws {
        let key = invocation.arguments[0]
        var options = fields.compactMap { name in invocation.value(name).map { (name: name, text: $0) } }
        var year: String?
        if kind == .reference {
            year = try invocation.required("year")
            options.removeAll { $0.name == "year" }
        }
        if options.isEmpty {
            throw invocation.usageError("Nothing to amend: give at least one of " + fields.filter { $0 != "year" }.map { "--\($0)" }
                .joined(separator: ", "))
        }
        let result = try StoreAccess.writing(invocation) { tx in
            try tx.amend(kind, key: key, year: year, options: options, reason: StoreAccess.reason(invocation),
                         date: invocation.value("date"))
        }
        printAmended(result)
    }

    static func amendReading(_ invocation: Invocation) throws {
        let indicator = try invocation.required("indicator")
        let year = try invocation.required("year")
        let value = try invocation.required("value")
        let result = try StoreAccess.writing(invocation) { tx in
            try tx.amendReading(indicator: indicator, year: year, value: value, reason: StoreAccess.reason(invocation),
                                date: invocation.value("date"))
        }
        printAmended(result)
    }

    static func printAmended(_ result: AmendResult) {
        let what = result.revision == 1 ? "Recorded \(result.kind.rawValue) \(result.label)" : "Amended \(result.kind.rawValue) \(result.label)"
        Console.line("\(what): revision \(result.revision), effective \(result.effectiveDate).")
        for change in result.changes {
            Console.line("  \(FieldName.file(change.field)): \(HistoryRender.shown(change.fromValue, field: change.field, language: .sv)) → "
                + "\(HistoryRender.shown(change.toValue, field: change.field, language: .sv))")
        }
    }

    // MARK: decide

    static let decide = CommandSpec(
        name: "decide", abstract: "Record the committee's decision that an indicator's target is met or not met for a year.",
        usage: "--indicator <id> --year <year> (--met | --not-met) --reason <text> [--date <date>] [--by <name>]",
        discussion: """
            The follow-up then shows the indicator as MÅLVÄRDE UPPNÅTT (met by decision) or judges it without
            its target (not met by decision). A later decision for the same indicator and year replaces it;
            the date (default today) is after the year's end and not before the decision it replaces.
            """,
        options: [.value("indicator", "id", "The indicator id."), .value("year", "year", "The year judged."),
                  .flag("met", "The target is met."), .flag("not-met", "The target is not met."), dateOption] + common,
        run: runDecide)

    static func runDecide(_ invocation: Invocation) throws {
        let indicator = try invocation.required("indicator")
        let year = try invocation.required("year")
        guard invocation.flag("met") != invocation.flag("not-met") else {
            throw invocation.usageError("Give exactly one of '--met' and '--not-met'")
        }
        let decision: CommitteeDecision = invocation.flag("met") ? .met : .notMet
        let recorded = try StoreAccess.writing(invocation) { tx in
            try tx.decide(indicator: indicator, year: year, decision: decision, reason: StoreAccess.reason(invocation),
                          date: invocation.value("date"))
        }
        Console.line("Recorded decision \(recorded.id): \(indicator) \(decision == .met ? "met" : "not met") for \(recorded.year), "
            + "decided \(recorded.decidedOn) by \(recorded.recordedBy).")
    }

    // MARK: history

    static let history = CommandSpec(
        name: "history", abstract: "Every revision of one record: who, when, why, what changed.",
        usage: "<kind> <key> [--year <year>] [--format <format>] [--out <file>] [--lang <lang>]",
        discussion: """
            KIND: member | borrower | project | loan | indicator | reading | reference | bond | metric | factor |
            housing. A reading is named by its indicator id and --year, a reference value by its series name and
            --year, a metric by "PROJECT METRIC BASIS" and --year, a factor by "NAME VALID_FROM", housing figures
            by the borrower's org number and --year.
            """,
        options: [.value("year", "year", "The year of a reading or reference value.")] + ReportOutput.options,
        positionals: ["kind", "key"], run: runHistory)

    static func runHistory(_ invocation: Invocation) throws {
        let output = try ReportOutput(invocation)
        guard let kind = RecordKind(rawValue: invocation.arguments[0].lowercased()) else {
            throw invocation.usageError("Unknown kind '\(invocation.arguments[0])': expected one of "
                + RecordKind.allCases.map(\.rawValue).joined(separator: ", ")
                + Suggestion.didYouMean(invocation.arguments[0], among: RecordKind.allCases.map(\.rawValue)))
        }
        let key = invocation.arguments[1]
        if kind.needsYear, invocation.value("year") == nil {
            throw invocation.usageError("A \(kind.rawValue) is named by its key and --year: 'hallbar history \(kind.rawValue) \(key) --year YEAR'")
        }
        let (history, meta) = try ReportCommands.reading(invocation) { read in
            (try read.history(kind, key: key, year: invocation.value("year")),
             try ReportCommands.meta(("record", "\(kind.rawValue) \(key)"), date: nil, invocation: invocation, read: read))
        }
        try output.write(HistoryRender(history: history, meta: meta, output: output).render())
    }

    // MARK: close and reopen

    static let close = CommandSpec(
        name: "close", abstract: "Close a period: no entry, reversal or amendment effective on or before the date.",
        usage: "--through <date> --reason <text> [--by <name>]",
        discussion: """
            Once a year's figures are published, a backdated entry must not change them quietly. Reports as of
            a closed date say that the period is closed, and by whom. 'hallbar reopen' lifts a close; both are
            recorded decisions.
            """,
        options: [.value("through", "date", "The last day of the closed period.")] + common,
        run: { try closeOrReopen(reopen: false, $0) })

    static let reopen = CommandSpec(
        name: "reopen", abstract: "Lift every close through the date or later (a recorded decision).",
        usage: "--through <date> --reason <text> [--by <name>]",
        discussion: "The ledger is then closed through the latest earlier close still in force, or not at all.",
        options: [.value("through", "date", "The close to lift (and any later).")] + common,
        run: { try closeOrReopen(reopen: true, $0) })

    static func closeOrReopen(reopen: Bool, _ invocation: Invocation) throws {
        // The store judges the date (a bad one is bad input data, 65, as for every write).
        let through = try invocation.required("through")
        let result = try StoreAccess.writing(invocation) { tx in
            reopen ? try tx.reopen(through: through, reason: StoreAccess.reason(invocation))
                : try tx.close(through: through, reason: StoreAccess.reason(invocation))
        }
        let state = result.closedThrough.map { "the ledger is closed through \($0)" } ?? "no period is closed"
        Console.line(reopen ? "Reopened the period through \(result.through): \(state)." : "Closed the period through \(result.through).")
    }
}
