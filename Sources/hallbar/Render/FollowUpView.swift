import Ledger
import LedgerStore

/// One indicator's line as every follow-up format shows it: the approved record when the
/// year is approved (with what differs now), else the current one.
struct IndicatorView {
    let indicator: FollowUpIndicator
    let year: Int
    let language: FormatLanguage

    /// The record shown: frozen, else current.
    var record: FrozenIndicatorStatus { indicator.frozen ?? indicator.currentRecord }
    var status: FollowUpStatus { record.status }
    var statusLabel: String { status.label(language: language) }
    var baselineYear: Int? { indicator.history.baselineYear }
    var previousYear: Int? { indicator.current.values.previousYear }

    /// Parses a stored canonical text back to a value ("86.5" → number, "97-98 %" → range).
    static func value(_ text: String?) -> ReadingValue? {
        guard let text else { return nil }
        return (try? ReadingValue.parse(text)) ?? .text(text)
    }

    /// A value for people: "86,5", "15 %", "97-98 %", "Ja"; "–" when missing.
    func display(_ text: String?) -> String {
        guard let value = IndicatorView.value(text) else { return "–" }
        let shown = value.display(language: language)
        if indicator.unit == "%", !shown.hasSuffix("%"), value.judgedValue != nil {
            return shown + (language == .sv ? "\u{00A0}%" : "%")
        }
        return shown
    }

    /// `display` with the year in parentheses: "79 % (2020)".
    func display(_ text: String?, year: Int?) -> String {
        let shown = display(text)
        guard text != nil, let year else { return shown }
        return "\(shown) (\(year))"
    }

    var baseline: String { display(record.baseline, year: baselineYear) }
    var previous: String { display(record.previous, year: previousYear) }
    var value: String { display(record.value) }

    /// A cell for CSV: a number stays a number, a range or text is text.
    static func cell(_ text: String?) -> Cell {
        guard let text, let value = IndicatorView.value(text) else { return .null }
        if case .number(let q) = value { return .decimal(q.canonical) }
        return .text(text)
    }

    /// Remarks: the rule's notes, a target year passed unmet, and what changed since the approval.
    var notes: [String] {
        var out = indicator.current.assessment.notes.map { $0.text(language: language, year: year) }
        if record.targetYearPassedUnmet, let targetYear = indicator.targetYear {
            out.append(language == .sv ? "målåret \(targetYear) är nått utan att målet uppnåtts"
                                       : "target year \(targetYear) reached without the target being met")
        }
        if indicator.addedSinceApproval {
            out.append(language == .sv ? "NYTT SEDAN GODKÄNNANDET: ingick inte i det godkända underlaget"
                                       : "NEW SINCE APPROVAL: not part of the approved record")
        } else if indicator.changedSinceApproval {
            let now = indicator.currentRecord
            var parts = [now.status.label(language: language)]
            if now.value != record.value { parts.append((language == .sv ? "utfall " : "value ") + display(now.value)) }
            if now.previous != record.previous { parts.append((language == .sv ? "föregående " : "previous ") + display(now.previous)) }
            if now.baseline != record.baseline { parts.append((language == .sv ? "utgångsvärde " : "baseline ") + display(now.baseline)) }
            if now.targetText != record.targetText { parts.append((language == .sv ? "mål " : "target ") + (now.targetText ?? "–")) }
            out.append((language == .sv ? "ÄNDRAT SEDAN GODKÄNNANDET, nu: " : "CHANGED SINCE APPROVAL, now: ") + parts.joined(separator: ", "))
        }
        return out
    }
}

/// Texts shared by the follow-up formats.
enum FollowUpWords {
    static func title(_ year: Int, _ language: FormatLanguage) -> String {
        language == .sv ? "Årlig uppföljning mot mål och indikatorer \(year)" : "Annual follow-up against goals and indicators \(year)"
    }

    /// Who approved and when, as the committee reads it: "Godkänd 2024-03-20, Protokoll 2024:3 §5.
    /// Registrerad av Sara Lind 2024-03-21 09:12 UTC (revision 1)." (the note is the committee's
    /// reference, `followup approve --note`), or "Ej godkänd …". The rule version and the
    /// ledger head are in `approvalBasis`.
    static func approvalLine(_ report: FollowUpReport, _ language: FormatLanguage) -> String {
        guard let a = report.approval else {
            return language == .sv
                ? "Ej godkänd: statusarna är beräknade ur nuvarande data."
                : "Not approved: the statuses are computed from the current data."
        }
        let reference = a.note.map { ", " + $0.oneLine } ?? ""
        let recorded = readableTime(a.recordedAt)
        var line = language == .sv
            ? "Godkänd \(a.approvedOn)\(reference). Registrerad av \(a.recordedBy) \(recorded) (revision \(a.revision))."
            : "Approved on \(a.approvedOn)\(reference). Recorded by \(a.recordedBy) on \(recorded) (revision \(a.revision))."
        let changed = report.changedSinceApproval.count
        if changed > 0 {
            line += language == .sv
                ? " OBS: nuvarande data ger ett annat utfall för \(changed) indikator\(changed == 1 ? "" : "er") (se anmärkningar)."
                : " NOTE: the current data gives a different result for \(changed) indicator\(changed == 1 ? "" : "s") (see remarks)."
        }
        return line
    }

    /// What the approval rests on, for the footer: the rules the statuses were computed by
    /// (`rules`) and the ledger head hash when it was recorded; nil when the year is not approved.
    static func approvalBasis(_ report: FollowUpReport, _ language: FormatLanguage) -> String? {
        guard let a = report.approval else { return nil }
        return language == .sv
            ? "Statusarna beräknade enligt \(rules(a.ruleVersion, language)); huvudbokens hash vid godkännandet \(a.ledgerHeadHash)."
            : "Statuses computed by \(rules(a.ruleVersion, language)); ledger head at approval \(a.ledgerHeadHash)."
    }

    /// The rule version an approval stored (`followup_approvals.rule_version`, kept as is in
    /// JSON and `list approvals`) as the committee reads it; a version this hallbar does not
    /// know is printed as stored.
    static func rules(_ stored: String, _ language: FormatLanguage) -> String {
        switch stored {
        case "domain.md 2025 rules v1":
            return language == .sv ? "uppföljningsreglerna 2025, version 1" : "the 2025 follow-up rules, version 1"
        case "domain.md 2025 rules v2 (committee decisions)":
            return language == .sv ? "uppföljningsreglerna 2025, version 2 (med kommitténs beslut)"
                : "the 2025 follow-up rules, version 2 (with the committee's decisions)"
        default:
            return language == .sv ? "regelversion \(stored)" : "rule version \(stored)"
        }
    }

    /// "2024-03-21T09:12:44.120Z" → "2024-03-21 09:12 UTC"; other text as it is.
    static func readableTime(_ stamp: String) -> String {
        let b = Array(stamp.utf8)
        guard b.count >= 16, b[10] == 0x54, b[13] == 0x3A else { return stamp }
        return String(decoding: b[0 ..< 10], as: UTF8.self) + " " + String(decoding: b[11 ..< 16], as: UTF8.self) + " UTC"
    }

    /// "Beviljat / utbetalt 3 758 / 2 190 mnkr (per 2025-03-18)".
    static func volumes(_ project: FollowUpProject, asOf: Day, _ language: FormatLanguage) -> String {
        let approved = MoneyFormat.millions(project.volumes.approved, language: language)
        let disbursed = MoneyFormat.millions(project.volumes.disbursed, language: language)
        return language == .sv
            ? "Beviljat / utbetalt \(approved) / \(disbursed) (per \(asOf))"
            : "Approved / disbursed \(approved) / \(disbursed) (as of \(asOf))"
    }

    /// "Mycket svag bostadsmarknad (SOU 2015:58, 2020)" for a project on a very weak market, else nil.
    static func marketMark(_ project: FollowUpProject, _ language: FormatLanguage) -> String? {
        guard let mark = project.housingMarket, mark.isVeryWeak else { return nil }
        return language == .sv ? "Mycket svag bostadsmarknad (SOU 2015:58, \(mark.year))"
                               : "Very weak housing market (SOU 2015:58, \(mark.year))"
    }

    static func projectHeading(_ project: FollowUpProject) -> String {
        "\(project.borrower) – \(project.title) (#\(project.number))".oneLine
    }

    static func columns(_ year: Int, _ language: FormatLanguage) -> [String] {
        language == .sv
            ? ["Indikator", "Utgångsvärde", "Föregående", "Utfall \(year)", "Målvärde", "Status", "Anmärkning"]
            : ["Indicator", "Baseline", "Previous", "Outcome \(year)", "Target", "Status", "Remarks"]
    }
}
