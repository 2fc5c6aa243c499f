import Ledger
import LedgerStore

/// The words people read for the keys of `list` and `show` (JSON and `--format csv` keep
/// the keys). A key without a label (a column of a table shown as stored) is printed as is.
enum RecordLabels {
    static let labels: [String: (sv: String, en: String)] = [
        "loan_number": ("Lån", "Loan"),
        "isin": ("ISIN", "ISIN"),
        "issue_date": ("Emissionsdag", "Issued"),
        "maturity_date": ("Förfallodag", "Matures"),
        "currency": ("Valuta", "Currency"),
        "amount_original": ("Belopp i valutan", "Amount in currency"),
        "outstanding": ("Utestående", "Outstanding"),
        "borrower_org_no": ("Låntagare", "Borrower"),
        "member_org_no": ("Medlem", "Member"),
        "programme": ("Program", "Programme"),
        "project_number": ("Projekt", "Project"),
        "green_bond_eligible": ("Grön obligation", "Green bond eligible"),
        "disbursed_ore": ("Utbetalt", "Disbursed"),
        "repaid_ore": ("Återbetalt", "Repaid"),
        "outstanding_ore": ("Utestående", "Outstanding"),
        "org_no": ("Org.nr", "Org. no."),
        "name": ("Namn", "Name"),
        "municipality_code": ("Kommunkod", "Municipality"),
        "borrowers": ("Antal låntagare", "Borrowers"),
        "loans": ("Antal lån", "Loans"),
        "title": ("Titel", "Title"),
        "category": ("Kategori", "Category"),
        "status": ("Status", "Status"),
        "decision_date": ("Beslutsdatum", "Decided"),
        "approved_ore": ("Beviljat", "Approved"),
        "total_cost_ore": ("Total kostnad", "Total cost"),
        "external_id": ("Id", "Id"),
        "value_date": ("Valutadag", "Value date"),
        "kind": ("Typ", "Kind"),
        "amount_ore": ("Belopp", "Amount"),
        "balance_effect_ore": ("Påverkan", "Effect"),
        "balance_ore": ("Saldo efter", "Balance after"),
        "reverses": ("Återför", "Reverses"),
        "reversed_by": ("Återförd av", "Reversed by"),
        "reason": ("Skäl", "Reason"),
        "reversal_reason": ("Skäl för återföringen", "Reason of the reversal"),
        "recorded_at": ("Registrerad", "Recorded"),
        "recorded_by": ("Av", "By"),
        "batch_id": ("Import", "Batch"),
        "file_name": ("Fil", "File"),
        "file_sha256": ("SHA-256", "SHA-256"),
        "rows_in_file": ("Rader i filen", "Rows in file"),
        "rows_new": ("Nya", "New"),
        "rows_amended": ("Ändrade", "Amended"),
        "rows_already_present": ("Redan inlästa", "Already present"),
        "amend": ("Ändring", "Amendment"),
        "effective_date": ("Gäller från", "Effective"),
        "indicator_id": ("Indikator", "Indicator"),
        "area": ("Område", "Area"),
        "goal": ("Mål", "Goal"),
        "unit": ("Enhet", "Unit"),
        "direction": ("Riktning", "Direction"),
        "baseline_value": ("Utgångsvärde", "Baseline"),
        "baseline_year": ("Utgångsår", "Baseline year"),
        "target": ("Målvärde", "Target"),
        "target_text": ("Målvärde (text)", "Target (text)"),
        "target_year": ("Målår", "Target year"),
        "revision": ("Revision", "Revision"),
        "year": ("År", "Year"),
        "value": ("Värde", "Value"),
        "approved_on": ("Godkänd", "Approved on"),
        "note": ("Anteckning", "Note"),
        "indicators": ("Indikatorer", "Indicators"),
        "rule_version": ("Regelversion", "Rule version"),
        "ledger_head_hash": ("Huvudbokens hash", "Ledger head"),
        "borrower_name": ("Låntagarens namn", "Borrower's name"),
        "member_name": ("Medlemmens namn", "Member's name"),
        "project_title": ("Projektets titel", "Project title"),
        "project_status": ("Projektets status", "Project status"),
        "investment_type": ("Investeringstyp", "Investment type"),
        "framework_version": ("Ramverksversion", "Framework version"),
        "met": ("Uppfyllt", "Met"),
        "decided_on": ("Beslutat", "Decided on"),
        "in_force": ("Gäller", "In force"),
        "table": ("Tabell", "Table"),
        "rows": ("Rader", "Rows"),
        "seq": ("Plats i kedjan", "Place in the chain"),
        "as_of": ("Per", "As of"),
    ]

    /// The label of a stored `code` of `vocabulary` in `output`'s language ("Grön",
    /// "beviljad", "utbetalning"; "Green", "approved"), or the code itself when it is none.
    static func code(_ code: String, _ vocabulary: ListVocabulary, _ output: ReportOutput) -> String {
        func spoken<T: SpokenToken & RawRepresentable>(_ type: T.Type) -> String where T.RawValue == String {
            guard let value = T(rawValue: code) else { return code }
            return output.text(T.labels[value]?.first ?? code, code)
        }
        switch vocabulary {
        case .programme: return Programme(rawValue: code).map { AllocationWords.programme($0, output) } ?? code
        case .category: return AllocationWords.category(code, output)
        case .projectStatus: return spoken(ProjectStatus.self)
        case .entryKind: return spoken(EntryKind.self)
        case .direction: return spoken(Direction.self)
        }
    }

    /// The label of `key` in `output`'s language, or the key itself.
    static func label(_ key: String, _ output: ReportOutput) -> String {
        guard let label = labels[key] else { return key }
        return output.text(label.sv, label.en)
    }

    /// The title of a list of `kind`.
    static func title(_ kind: ListKind, _ output: ReportOutput) -> String {
        switch kind {
        case .members: return output.text("Medlemmar", "Members")
        case .borrowers: return output.text("Låntagare", "Borrowers")
        case .projects: return output.text("Projekt", "Projects")
        case .loans: return output.text("Lån", "Loans")
        case .entries: return output.text("Transaktioner", "Entries")
        case .indicators: return output.text("Indikatorer", "Indicators")
        case .readings: return output.text("Utfall", "Readings")
        case .batches: return output.text("Importer", "Import batches")
        case .approvals: return output.text("Godkännanden av uppföljningen", "Follow-up approvals")
        case .bonds: return output.text("Obligationer", "Bonds")
        }
    }

    /// The caption of a table of a record's details.
    static func caption(_ table: RecordTable, _ output: ReportOutput) -> String {
        if table.group == "first_rows" { return output.text("Första raderna: ", "First rows: ") + table.name }
        switch table.name {
        case "entries": return output.text("Transaktioner", "Entries")
        case "revisions": return output.text("Revisioner", "Revisions")
        case "decisions": return output.text("Kommitténs beslut", "Committee decisions")
        case "loans": return output.text("Lån", "Loans")
        case "indicators": return output.text("Indikatorer", "Indicators")
        case "readings": return output.text("Utfall", "Readings")
        case "imported": return output.text("Inläst", "Imported")
        default: return table.name
        }
    }
}
