import Ledger
import LedgerStore
import XLSX

/// `hallbar history`: every revision of one record, with what changed.
struct HistoryRender {
    let history: RecordRevisions
    let meta: ReportMeta
    let output: ReportOutput

    func render() -> RenderedReport {
        let title = output.text("Historik: \(history.kind.rawValue) \(history.key)", "History: \(history.kind.rawValue) \(history.key)")
        switch output.format {
        case .json: return .text(json.rendered() + "\n")
        case .csv: return .text(table(forPeople: false).csv())
        case .md: return .text(ReportText.simpleText(title: title, sections: [(nil, table(forPeople: true))], meta: meta, output: output, markdown: true))
        case .html: return .text(ReportText.simpleHTML(title: title, sections: [(nil, table(forPeople: true))], meta: meta, output: output))
        case .table:
            return .text(ReportText.simpleText(title: title, sections: [(nil, table(forPeople: true))], meta: meta, output: output, markdown: false))
        case .xlsx, .csvExcel:
            return output.spreadsheet([sheet], title: title, meta: meta)
        }
    }

    /// The workbook's sheet: the lines of `table`, typed: the effective date a date, the
    /// moment recorded a date and time (UTC), the field by its file name (`approved_sek`),
    /// amounts as kronor, whole numbers as numbers, yes/no as true/false, other values as
    /// stored.
    var sheet: XLSXSheet {
        let columns = table(forPeople: false).columns
        var rows: [[XLSXValue]] = []
        for revision in history.revisions {
            let effective: XLSXValue = revision.effectiveDate == "0000-01-01"
                ? .text(output.text("från början", "from the start")) : .day(text: revision.effectiveDate)
            let reason = revision.reason ?? revision.file.map { output.text("importerad från \($0)", "imported from \($0)") }
                ?? output.text("registrerad", "recorded")
            let first: [XLSXValue] = [.integer(Int64(revision.revision)), effective, .timestamp(text: revision.recordedAt),
                                      .text(revision.recordedBy), .text(reason)]
            if revision.changes.isEmpty { rows.append(first) }
            for (index, change) in revision.changes.enumerated() {
                let from: XLSXValue = revision.revision == 1 ? .empty : Self.cell(change.fromValue, field: change.field)
                rows.append((index == 0 ? first : Array(repeating: .empty, count: first.count))
                    + [.text(FieldName.file(change.field)), from, Self.cell(change.toValue, field: change.field)])
            }
        }
        return XLSXSheet(name: output.text("Historik", "History"), columns: columns, rows: rows)
    }

    /// A field's value in a workbook: an amount as kronor, a yes/no as true/false, a whole
    /// number as a number, a number stored as text (`FieldName.isNumericText`) as a number,
    /// a date as a date, other text as stored; NULL empty.
    static func cell(_ value: SQLValueDescription, field: String) -> XLSXValue {
        guard let raw = value.raw else { return .empty }
        if let integer = value.integer {
            if field.hasSuffix("_ore") || field.hasSuffix("_ore_per_m2") { return .kronor(integer) }
            if FieldName.isHundredths(field) { return .money(MoneyFormat.plainKronor(integer)) }
            if FieldName.isYesNo(field) { return .text(integer == 0 ? "false" : "true") }
            return .integer(integer)
        }
        if field.hasSuffix("_date") { return .day(text: raw) }
        if FieldName.isNumericText(field) { return .cell(IndicatorView.cell(raw)) }
        return .text(raw)
    }

    /// A field's value in `--format csv`: as stored, but a number stored as text is a number
    /// (no formula guard on "-44.4").
    static func csvCell(_ value: SQLValueDescription, field: String) -> Cell {
        guard let raw = value.raw else { return .text("") }
        if value.integer == nil, FieldName.isNumericText(field) { return IndicatorView.cell(raw) }
        return .text(raw)
    }

    /// One line per changed field, the revision's facts on its first line. For people
    /// (table, md, html) amounts are in kronor and revision 1 has no "from"; CSV and the
    /// workbook keep the stored values.
    func table(forPeople: Bool) -> Tabular {
        let columns = output.language == .sv
            ? ["Revision", "Gäller från", "Registrerad", "Av", "Skäl", "Fält", "Från", "Till"]
            : ["Revision", "Effective", "Recorded", "By", "Reason", "Field", "From", "To"]
        var rows: [[Cell]] = []
        for revision in history.revisions {
            let reason = revision.reason ?? revision.file.map { output.text("importerad från \($0)", "imported from \($0)") }
                ?? output.text("registrerad", "recorded")
            let effective = revision.effectiveDate == "0000-01-01" ? output.text("från början", "from the start") : revision.effectiveDate
            let recorded = forPeople ? RecordRender.minute(revision.recordedAt) : revision.recordedAt
            let first: [Cell] = [.integer(Int64(revision.revision)), .text(effective), .text(recorded),
                                 .text(revision.recordedBy), .text(reason)]
            let blank = Array(repeating: Cell.text(""), count: first.count)
            if revision.changes.isEmpty { rows.append(first + [.text(""), .text(""), .text("")]) }
            for (index, change) in revision.changes.enumerated() {
                let from: Cell, to: Cell
                if forPeople {
                    from = .text(revision.revision == 1 ? "" : Self.shown(change.fromValue, field: change.field, language: output.language))
                    to = .text(Self.shown(change.toValue, field: change.field, language: output.language))
                } else {
                    (from, to) = (Self.csvCell(change.fromValue, field: change.field), Self.csvCell(change.toValue, field: change.field))
                }
                // People read the field by its file and option name (approved_sek); CSV keeps the stored one.
                let field = forPeople ? FieldName.file(change.field) : change.field
                rows.append((index == 0 ? first : blank) + [.text(field), from, to])
            }
        }
        return Tabular(columns: columns, rows: rows)
    }

    /// A field's value for people: amounts (`…_ore`) in kronor ("450 000 000,00 kr"), amounts
    /// per m² (`…_ore_per_m2`) in kronor per m² ("420,00 kr/m²"), yes/no fields as
    /// true/false (as the options take them), a number stored as text in the language's form
    /// ("-44,4"), NULL as "(none)"/"(ingen)", everything else as stored. JSON and CSV keep the
    /// stored value.
    static func shown(_ value: SQLValueDescription, field: String, language: FormatLanguage) -> String {
        guard let raw = value.raw else { return language == .sv ? "(ingen)" : "(none)" }
        if field.hasSuffix("_ore"), let ore = value.integer { return MoneyFormat.message(ore, language: language) }
        if field.hasSuffix("_ore_per_m2"), let ore = value.integer { return MoneyFormat.message(ore, language: language) + "/m²" }
        if FieldName.isHundredths(field), let amount = value.integer { return MoneyFormat.hundredths(amount, language: language) }
        if FieldName.isYesNo(field), let flag = value.integer { return flag == 0 ? "false" : "true" }
        if value.integer == nil, FieldName.isNumericText(field), let number = IndicatorView.value(raw) { return number.display(language: language) }
        return value.text
    }

    /// cli.md's keys: kind, key, revisions (revision, effective_date, recorded_at,
    /// recorded_by, reason, changes: field → {from, to}).
    var json: JSON {
        func value(_ v: SQLValueDescription) -> JSON {
            guard let raw = v.raw else { return .null }
            if let integer = v.integer { return .integer(integer) }
            return .string(raw)
        }
        return .object([
            ("kind", .string(history.kind.rawValue)), ("key", .string(history.key)),
            ("revisions", .array(history.revisions.map { r in
                .object([
                    ("revision", .integer(Int64(r.revision))),
                    ("effective_date", r.effectiveDate == "0000-01-01" ? .null : .string(r.effectiveDate)),
                    ("recorded_at", .string(r.recordedAt)), ("recorded_by", .string(r.recordedBy)),
                    ("reason", r.reason.map(JSON.string) ?? .null),
                    ("batch_id", r.batchID.map(JSON.integer) ?? .null), ("file", r.file.map(JSON.string) ?? .null),
                    ("changes", .object(r.changes.map { ($0.field, .object([("from", value($0.fromValue)), ("to", value($0.toValue))])) })),
                ])
            })),
            ("meta", meta.json),
        ])
    }
}
