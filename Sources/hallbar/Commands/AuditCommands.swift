import Ledger
import LedgerStore

/// `hallbar verify`, `assert`, `query` and `backup`: the auditor's commands.
enum AuditCommands {
    // MARK: verify

    static let verify = CommandSpec(
        name: "verify", abstract: "Check integrity, foreign keys, migrations, the hash chain, invariants and assertions.",
        usage: "[--quick] [--against sha256:<hex>]",
        discussion: """
            Silent with exit 0 when everything holds (like 'hledger check'). Otherwise every finding is one
            line on stdout, prefixed with its category (integrity, settings, migrations, schema, foreign-key,
            chain, head, invariant, assertion), a summary goes to stderr, and the exit status is 65.
            With --against, the head a kept report or backup printed: verify also proves that the ledger
            still holds that state (the row with that link is there and every row up to it is intact) and
            says how many rows were written since; a ledger cut back or rewritten since is a finding.
            The file is opened read-only: verify never writes. docs/chain.md explains the chain findings.
            """,
        options: [.flag("quick", "Run SQLite's quick_check instead of the full integrity_check (faster on large files)."),
                  .value("against", "head", "A ledger head a report printed (sha256:…): prove the ledger still holds it.")],
        run: runVerify)

    static func runVerify(_ invocation: Invocation) throws {
        var against: [UInt8]?
        if let text = invocation.value("against") {
            guard let link = ChainHead.parseLink(text.trimmingScalars(where: \.isWhitespaceOrNewline)) else {
                throw invocation.usageError("'--against' needs a ledger head as reports print it: sha256: and 64 hex digits")
            }
            against = link
        }
        let report = try LedgerStore.verify(path: invocation.databasePath, quick: invocation.flag("quick"), against: against)
        for finding in report.findings { Console.line(TextRules.terminalSafe(finding.description)) }  // a tampered key may hold ESC
        // The head asked for is held whatever else was found: say so, and how much came after.
        if let held = report.againstHeldAt, let text = invocation.value("against") {
            let since = report.head.rows - held
            Console.line("The ledger holds \(text.trimmingScalars(where: \.isWhitespaceOrNewline)): row \(held) of \(report.head.rows), "
                + (since == 0 ? "nothing written since." : "\(since) row\(since == 1 ? "" : "s") written since (head \(report.head.text))."))
        }
        guard report.findings.isEmpty else {
            throw CLIError.data("\(report.findings.count) finding\(report.findings.count == 1 ? "" : "s") in \(invocation.databasePath)")
        }
    }

    // MARK: assert

    static let assertSpec = CommandSpec(
        name: "assert", abstract: "Record an expected balance; verify checks it.",
        usage: "--programme <programme> --as-of <date> --amount <sek> [--tolerance <sek>] [--note <text>] [--by <name>]",
        discussion: """
            Amounts are SEK with at most two decimals, grouped or not, with a decimal comma or point:
            "91 600 000 000", "91600000000,00", "1234.50". The assertion is a record: it is stored and the
            command exits 0 whether or not it holds today; 'hallbar verify' reports each one that does not.
            """,
        options: [
            .value("programme", "programme", "green, social, other, sustainable (green + social) or all."),
            .value("as-of", "date", "The date of the expected balance (end of day), YYYY-MM-DD."),
            .value("amount", "sek", "The expected outstanding amount in SEK."),
            .value("tolerance", "sek", "Accepted difference in SEK (default 0)."),
            .value("note", "text", "Where the figure comes from."), Commands.byOption, StoreAccess.waitOption,
        ],
        run: runAssert)

    static func runAssert(_ invocation: Invocation) throws {
        let programmeText = try invocation.required("programme")
        guard let lending = AssertedLending(rawValue: programmeText) else {
            throw invocation.usageError("'--programme' must be green, social, other, sustainable or all, not '\(programmeText)'")
        }
        let asOfText = try invocation.required("as-of")
        let asOf: Day
        do { asOf = try Day.parse(asOfText) } catch { throw invocation.usageError("'--as-of': \(error)") }
        let expected = try amount(invocation, "amount", try invocation.required("amount"))
        let tolerance = try invocation.value("tolerance").map { try amount(invocation, "tolerance", $0) } ?? 0
        let outcome = try StoreAccess.writing(invocation) { tx in
            try tx.recordAssertion(lending, asOf: asOf, expected: expected, tolerance: tolerance, note: invocation.value("note"))
        }
        let recorded = outcome.assertion
        Console.line("Recorded assertion \(recorded.id): \(lending.rawValue) outstanding on \(asOf) is \(MoneyFormat.kronor(expected))"
            + (tolerance == 0 ? "" : " ± \(MoneyFormat.kronor(tolerance))") + ".")
        if outcome.holds {
            Console.line("It holds now: the ledger gives \(MoneyFormat.kronor(outcome.actual)).")
        } else {
            Console.line("It does not hold now: \(Verifier.describe(outcome)).")
        }
    }

    /// An amount option in SEK: decimal comma when the text has a comma, else decimal point.
    static func amount(_ invocation: Invocation, _ option: String, _ text: String) throws -> Ore {
        do {
            return try AmountParser.parse(text, decimalComma: text.contains(","))
        } catch {
            throw invocation.usageError("'--\(option)': \(error)")
        }
    }

    // MARK: query

    static let query = CommandSpec(
        name: "query", abstract: "Run read-only SQL for auditors.",
        usage: "<sql> [--format <format>] [--timeout <seconds>]",
        discussion: """
            One statement. The file is opened read-only with query_only on, ATTACH is refused, pragmas
            cannot be set and fts3_tokenizer is refused: nothing the SQL says can change the ledger. A
            statement SQLite refuses exits 65 with SQLite's message. Rows are printed as they come (a table
            takes its column widths from the first 1 000 rows); a statement that runs longer than the
            timeout, or needs more than 512 MiB, is stopped with exit 69 (the rows printed until then are
            incomplete). SQL that starts with a comment ("-- …" or "/* … */") is SQL, not an option.
            docs/schema.md lists the tables, the views and typical questions.
            """,
        options: [.value("format", "format", "table (default on a terminal), csv (default otherwise), json or md."),
                  .value("timeout", "seconds", "Stop the statement after this many seconds of work (default 60).")],
        positionals: ["sql"], run: runQuery)

    static func runQuery(_ invocation: Invocation) throws {
        let formatText = invocation.value("format") ?? (Console.stdoutIsTerminal ? "table" : "csv")
        guard let format = QueryOutput.Format(rawValue: formatText) else {
            throw invocation.usageError("'--format' must be table, csv, json or md, not '\(formatText)'")
        }
        var timeout = AuditQuery.defaultTimeout
        if let text = invocation.value("timeout") {
            guard let seconds = Double(text), seconds > 0, seconds <= 31_536_000 else {
                throw invocation.usageError("'--timeout' must be a number of seconds above 0, not '\(text)'")
            }
            timeout = seconds
        }
        var output = QueryOutput(format)
        try AuditQuery.run(invocation.arguments[0], path: invocation.databasePath, timeout: timeout,
                           outputWait: { Console.secondsWritingStdout }, columns: { output.begin($0) }, row: { output.row($0) })
        output.end()
    }

    // MARK: backup

    static let backup = CommandSpec(
        name: "backup", abstract: "Write a consistent copy of the live database and check it.",
        usage: "<file>",
        discussion: """
            Uses SQLite's online backup API, so it is safe while other processes write. The copy is checked
            with integrity_check and its ledger head is printed; keep the head with the copy. An existing
            file is never overwritten (exit 73).
            """,
        positionals: ["file"], run: runBackup)

    static func runBackup(_ invocation: Invocation) throws {
        try OutputFile.requireSafe(invocation.arguments[0], ledger: invocation.databasePath, what: "the backup")
        let store = try StoreAccess.read(invocation)
        defer { store.close() }
        let copy = try store.backup(to: invocation.arguments[0])
        Console.line("Wrote \(TextRules.terminalSafe(copy.path)) (\(copy.bytes) bytes): integrity_check ok.")
        Console.line("head \(copy.head.text) (\(copy.head.rows) rows)")
    }
}
