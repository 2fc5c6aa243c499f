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
            let sheet = XLSXSheet(name: output.text("Historik", "History"), columns: table(forPeople: false).columns, rows: table(forPeople: false).rows.map { row in
                row.map { cell -> XLSXValue in
                    switch cell {
                    case .integer(let v): return .integer(v)
                    case .text(let t): return .text(t)
                    case .decimal(let d): return .text(d)
                    case .null: return .empty
                    }
                }
            })
            return output.spreadsheet([sheet], title: title, meta: meta)
        }
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
            let first: [Cell] = [.integer(Int64(revision.revision)), .text(effective), .text(revision.recordedAt),
                                 .text(revision.recordedBy), .text(reason)]
            let blank = Array(repeating: Cell.text(""), count: first.count)
            if revision.changes.isEmpty { rows.append(first + [.text(""), .text(""), .text("")]) }
            for (index, change) in revision.changes.enumerated() {
                let from: String, to: String
                if forPeople {
                    from = revision.revision == 1 ? "" : Self.shown(change.fromValue, field: change.field, language: output.language)
                    to = Self.shown(change.toValue, field: change.field, language: output.language)
                } else {
                    (from, to) = (change.fromValue.raw ?? "", change.toValue.raw ?? "")
                }
                rows.append((index == 0 ? first : blank) + [.text(change.field), .text(from), .text(to)])
            }
        }
        return Tabular(columns: columns, rows: rows)
    }

    /// A field's value for people: amounts (`…_ore`) in kronor ("450 000 000,00 kr"), amounts
    /// per m² (`…_ore_per_m2`) in kronor per m² ("420,00 kr/m²"), yes/no fields as
    /// true/false (as the options take them), NULL as "(none)"/"(ingen)", everything else as
    /// stored. JSON and CSV keep the stored value.
    static func shown(_ value: SQLValueDescription, field: String, language: FormatLanguage) -> String {
        guard value.raw != nil else { return language == .sv ? "(ingen)" : "(none)" }
        if field.hasSuffix("_ore"), let ore = value.integer { return MoneyFormat.message(ore, language: language) }
        if field.hasSuffix("_ore_per_m2"), let ore = value.integer { return MoneyFormat.message(ore, language: language) + "/m²" }
        if field == "green_bond_eligible" || field.hasPrefix("req_"), let flag = value.integer { return flag == 0 ? "false" : "true" }
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
