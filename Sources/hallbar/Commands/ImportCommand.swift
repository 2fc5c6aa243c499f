import Ledger
import LedgerStore

/// `hallbar import KIND FILE [--dry-run] [--encoding E] [--amend --reason TEXT [--date D]] [--by NAME]`.
enum ImportCommand {
    static let spec = CommandSpec(
        name: "import", abstract: "Import a CSV file or an xlsx sheet: whole file or nothing, idempotent.",
        usage: "<kind> <file> [--sheet <name>] [--dry-run] [--encoding <encoding>] [--amend --reason <text> [--date <date>]] [--by <name>] "
            + "[--wait <seconds>]",
        discussion: """
            KIND: members | borrowers | projects | loans | entries | indicators | readings | references | market |
            bonds | metrics | factors | housing
            Columns, rules and examples: docs/import.md.
            The file is UTF-8 (a BOM is accepted) or, with --encoding windows-1252, converted; the delimiter
            (, or ;) is detected from the header; with ; amounts may use a decimal comma. A row already
            stored with the same content is skipped and counted; the same key with other content is an error,
            or with --amend a new revision of that record (each listed), taking effect on --date (today by
            default) with --reason. Entries are never amended: a mistake is reversed ('hallbar reverse').
            Up to 20 problems are listed; then nothing is written (exit 65).
            An xlsx workbook (Excel, LibreOffice) is read as it is: the sheet --sheet names, else its only sheet,
            else the sheet named as the kind (entries); each cell as the CSV the spreadsheet would save (numbers
            with a point, dates YYYY-MM-DD, TRUE/FALSE as true/false); line N is the sheet's row N. The batch
            records the workbook's SHA-256. An OpenDocument (.ods) or Excel 97-2003 (.xls) file is refused: save it
            as xlsx or CSV.
            """,
        options: [
            .value("sheet", "name", "The sheet of an xlsx workbook to import (default: its only sheet, or the one named as the kind)."),
            .flag("dry-run", "Validate everything against the database and write nothing."),
            .value("encoding", "encoding", "utf-8 (default) or windows-1252."),
            .flag("amend", "Record rows whose key exists with other content as revisions (needs --reason)."),
            .value("reason", "text", "With --amend: why the records change."),
            .value("date", "date", "With --amend: when the changes take effect (default today)."),
            Commands.byOption, StoreAccess.waitOption,
        ],
        positionals: ["kind", "file"],
        run: run)

    static func run(_ invocation: Invocation) throws {
        let kindText = invocation.arguments[0]
        guard let kind = ImportKind(rawValue: kindText.lowercased()) else {
            throw invocation.usageError("Unknown kind '\(kindText)': expected one of "
                + ImportKind.allCases.map(\.rawValue).joined(separator: ", ")
                + Suggestion.didYouMean(kindText, among: ImportKind.allCases.map(\.rawValue)))
        }
        let encoding = try parseEncoding(invocation)
        if !invocation.flag("amend"), invocation.value("reason") != nil || invocation.value("date") != nil {
            throw invocation.usageError("'--reason' and '--date' go with '--amend'")
        }
        let amend = invocation.flag("amend") ? (reason: StoreAccess.reason(invocation), date: invocation.value("date")) : nil
        let file = invocation.arguments[1]
        let workbook = try WorkbookInput.open(file, fileName: file, kind: kind, sheet: invocation.value("sheet"))
        defer { workbook?.close() }
        if workbook != nil, invocation.value("encoding") != nil {
            throw invocation.usageError("'--encoding' is for a CSV file; an xlsx workbook is read as it is")
        }
        let store = try StoreAccess.write(invocation)
        defer { store.close() }
        var options = ImportOptions(encoding: encoding, dryRun: invocation.flag("dry-run"), by: invocation.value("by"), fileName: file,
                                    amend: amend)
        options.sourceSHA256 = workbook?.sha256
        let summary = try store.importFile(kind, path: workbook?.path ?? file, options: options, progress: progress(for: file))
        if let workbook { Console.line("\(file): sheet \(TextRules.quoted(workbook.sheet))") }
        Console.line(describe(summary))
        for line in summary.amendments { Console.line("  amended \(line)") }
        for line in summary.notes { Console.line("  note: \(line)") }
        if summary.noteCount > summary.notes.count { Console.line("  note: and \(summary.noteCount - summary.notes.count) more like these") }
    }

    /// The `--encoding` value, or a usage error.
    static func parseEncoding(_ invocation: Invocation) throws -> CSVEncoding {
        guard let text = invocation.value("encoding") else { return .utf8 }
        switch text.lowercased() {
        case "utf-8", "utf8": return .utf8
        case "windows-1252", "cp1252", "latin1", "latin-1", "iso-8859-1": return .windows1252
        default: throw invocation.usageError("Unknown encoding '\(text)': expected utf-8 or windows-1252")
        }
    }

    /// A progress line on stderr every `LedgerStore.progressInterval` rows, only on a terminal.
    static func progress(for file: String) -> ((Int) -> Void)? {
        guard Console.stderrIsTerminal else { return nil }
        return { rows in Console.error("\(file): \(rows) rows read …") }
    }

    /// "entries.csv: 412 new, 3 already present (batch 7)."
    static func describe(_ summary: ImportSummary) -> String {
        if summary.dryRun {
            return "\(summary.fileName): dry run: \(summary.counts); nothing was written."
        }
        if let batch = summary.batchID {
            return "\(summary.fileName): \(summary.counts) (batch \(batch))."
        }
        return "\(summary.fileName): \(summary.counts); nothing changed."
    }
}
