import Ledger
import SQLite

/// The committee's approval of a year's follow-up: freezing the statuses, and reading them back.
public enum FollowUpApprovals {
    /// The rule the statuses were computed by, stored with every approval.
    public static let ruleVersion = "domain.md 2025 rules v2 (committee decisions)"

    /// What an approval recorded.
    public struct Result: Sendable, Hashable {
        /// The approval as stored, or the latest one when nothing changed (`recorded` false).
        public let approval: FollowUpApproval
        /// True when a new revision was recorded; false when the statuses are exactly those
        /// of the latest revision, so nothing was recorded.
        public let recorded: Bool
        /// How many indicator statuses were frozen.
        public let indicators: Int
        /// The counts of the frozen statuses.
        public let counts: FollowUpStatusCounts
    }

    /// One row of `followup_approvals`.
    struct ApprovalRow: ChainRow {
        static let table = ChainedTable.followupApprovals
        let id: Int64
        let year: Int
        let revision: Int64
        let approvedOn: Day
        let head: ChainHead
        let note: String?
        let stamp: Stamp

        func write<S: ChainFieldSink>(seq: Int64, to sink: inout S) throws {
            sink.integer(seq)
            sink.integer(id)
            sink.integer(Int64(year))
            sink.integer(revision)
            try sink.text(approvedOn.description)
            try sink.text(FollowUpApprovals.ruleVersion)
            try sink.text(head.text)
            sink.integer(head.rows)
            try sink.text(note)
            try stamp.write(to: &sink)
        }
    }

    /// One row of `followup_approved_statuses`.
    struct StatusRow: ChainRow {
        static let table = ChainedTable.followupApprovedStatuses
        let approvalID: Int64
        let indicatorID: String
        let project: Int64
        let record: FrozenIndicatorStatus

        func write<S: ChainFieldSink>(seq: Int64, to sink: inout S) throws {
            sink.integer(seq)
            sink.integer(approvalID)
            try sink.text(indicatorID)
            sink.integer(project)
            try sink.text(record.baseline)
            try sink.text(record.previous)
            try sink.text(record.value)
            try sink.text(record.targetText)
            try sink.text(record.status.rawValue)
            sink.integer(record.targetYearPassedUnmet ? 1 : 0)
            sink.integer(record.metByDecision ? 1 : 0)
        }
    }

    /// The latest-dated change an approval of `year` would freeze: a committee decision for
    /// the year, or a revision of a reading (of the year or before), of an indicator, or of a
    /// reference value (of the year or before), each of `indicators` where it applies.
    /// - Returns: its date and what it is, or nil when nothing was changed or decided.
    static func latestChange(year: Int, indicators: [String], in db: Connection) throws -> (date: String, what: String)? {
        guard !indicators.isEmpty else { return nil }
        let ids = "(" + indicators.indices.map { "?\($0 + 2)" }.joined(separator: ", ") + ")"
        guard let row = try db.row("""
            SELECT d, what FROM (
                SELECT decided_on AS d, 'the decision on ' || indicator_id || ' for ' || year AS what
                FROM indicator_decisions WHERE year = ?1 AND indicator_id IN \(ids)
                UNION ALL
                SELECT r.effective_date, 'revision ' || r.revision || ' of the reading of ' || g.indicator_id || ' for ' || g.year
                FROM reading_revisions r JOIN readings g ON g.reading_id = r.reading_id
                WHERE g.year <= ?1 AND g.indicator_id IN \(ids)
                UNION ALL
                SELECT effective_date, 'revision ' || revision || ' of indicator ' || indicator_id
                FROM indicator_revisions WHERE indicator_id IN \(ids)
                UNION ALL
                SELECT effective_date, 'revision ' || revision || ' of reference value ' || name || ' for ' || year
                FROM reference_value_revisions WHERE year <= ?1)
            ORDER BY d DESC LIMIT 1
            """, [Int64(year)] + indicators), let date = row[0].string else { return nil }
        return (date, row[1].string ?? "a change")
    }

    /// The latest revision of `year`'s approval, or `nil` when the year is not approved.
    /// - Throws: `SQLiteError`.
    static func latest(year: Int, in db: Connection) throws -> FollowUpApproval? {
        let row = try db.row("""
            SELECT approval_id, year, revision, approved_on, recorded_by, recorded_at, rule_version, ledger_head_hash, note
            FROM followup_approvals WHERE year = ? ORDER BY revision DESC LIMIT 1
            """, [year])
        guard let row, let id = row.int64("approval_id") else { return nil }
        return FollowUpApproval(
            id: id, year: year, revision: Int(row.int64("revision") ?? 1), approvedOn: row.string("approved_on") ?? "",
            recordedBy: row.string("recorded_by") ?? "", recordedAt: row.string("recorded_at") ?? "",
            ruleVersion: row.string("rule_version") ?? "", ledgerHeadHash: row.string("ledger_head_hash") ?? "",
            note: row.string("note"))
    }

    /// The statuses an approval froze, by indicator id.
    /// - Throws: `ReportError.unreadableStoredValue` for an unknown status token; `SQLiteError`.
    static func frozenStatuses(approvalID: Int64, in db: Connection) throws -> [String: FrozenIndicatorStatus] {
        var result: [String: FrozenIndicatorStatus] = [:]
        try db.cached("""
            SELECT indicator_id, baseline_text, previous_text, value_text, target_text, status, target_year_passed_unmet,
                   met_by_decision
            FROM followup_approved_statuses WHERE approval_id = ?
            """).forEach([approvalID]) { row in
            let id = row.text(0) ?? ""
            guard let status = row.text(5).flatMap(FollowUpStatus.init(rawValue:)) else {
                throw ReportError.unreadableStoredValue(what: "approved status of \(id)", detail: "unknown status \(row.text(5) ?? "NULL")")
            }
            result[id] = FrozenIndicatorStatus(
                baseline: row.text(1), previous: row.text(2), value: row.text(3), targetText: row.text(4),
                status: status, targetYearPassedUnmet: row.int64(6) == 1, metByDecision: row.int64(7) == 1)
        }
        return result
    }
}

extension LedgerWrite {
    /// Freezes the statuses of `year` as the rule gives them now: one
    /// `followup_approved_statuses` row per indicator under follow-up, then the
    /// `followup_approvals` row (revision = the year's latest + 1) with the ledger head the
    /// statuses were computed from.
    ///
    /// Only for a year that has ended, dated after the year's end, not in the future and
    /// not before the year's previous revision. When the statuses are exactly those of the
    /// latest revision, nothing is recorded (`Result.recorded` is false).
    /// - Throws: `ImportFailure` naming `--year` or `--date`; `ReportError.nothingToApprove`
    ///   when no indicator is under follow-up; `SQLiteError`.
    public func approveFollowUp(year yearText: String, on dateText: String, note: String?) throws -> FollowUpApprovals.Result {
        guard let year = Int(yearText), (1900...2200).contains(year) else {
            throw Options.refusal("year", "\"\(yearText)\" is not a year (1900-2200)")
        }
        let date = try Options.day(dateText, option: "date")
        let today = Day.today()
        if Day.endOfYear(year) >= today {
            throw Options.refusal("year", "\(year) has not ended yet (today is \(today)): a year is approved once it is over")
        }
        if date <= Day.endOfYear(year) {
            throw Options.refusal("date", "\(date) is not after \(year) ended: the committee approves a year's follow-up after the year")
        }
        if date > today { throw Options.refusal("date", "\(date) is in the future") }
        let previous = try FollowUpApprovals.latest(year: year, in: db)
        if let previous, date.description < previous.approvedOn {
            throw Options.refusal("date", "\(date) is before revision \(previous.revision) of the \(year) approval "
                + "(approved on \(previous.approvedOn)); a new revision is never dated before the one it replaces")
        }
        let report = try FollowUpQuery.report(year: year, in: db)
        let lines = report.projects.flatMap { project in project.indicators.map { (project.number, $0) } }
        guard !lines.isEmpty else { throw ReportError.nothingToApprove(year: year) }
        if let refusal = try PeriodCloses.state(in: db)?.refusal(on: date.description, what: "approval") {
            throw Options.refusal("date", refusal)
        }
        if let latest = try FollowUpApprovals.latestChange(year: year, indicators: lines.map(\.1.id), in: db),
           latest.date > date.description {
            throw Options.refusal("date", "\(date) is before what it would approve: \(latest.what) takes effect on "
                + "\(latest.date); an approval is dated on or after every change it freezes (a correction made before the meeting "
                + "takes the date it was made: --date)")
        }
        let records = Dictionary(uniqueKeysWithValues: lines.map { ($0.1.id, $0.1.currentRecord) })
        let counts = FollowUpStatusCounts(lines.map { $0.1.current.status })
        if let previous, try FollowUpApprovals.frozenStatuses(approvalID: previous.id, in: db) == records {
            return FollowUpApprovals.Result(approval: previous, recorded: false, indicators: lines.count, counts: counts)
        }
        let head = chain.head
        let id = (try db.scalarInt("SELECT max(approval_id) FROM followup_approvals") ?? 0) + 1
        for (project, line) in lines {
            try chain.append(FollowUpApprovals.StatusRow(approvalID: id, indicatorID: line.id, project: project, record: line.currentRecord))
        }
        let revision = Int64((previous?.revision ?? 0) + 1)
        try chain.append(FollowUpApprovals.ApprovalRow(id: id, year: year, revision: revision, approvedOn: date, head: head,
                                                        note: note, stamp: stamp))
        let approval = FollowUpApproval(
            id: id, year: year, revision: Int(revision), approvedOn: date.description, recordedBy: stamp.by,
            recordedAt: stamp.at, ruleVersion: FollowUpApprovals.ruleVersion, ledgerHeadHash: head.text, note: note)
        return FollowUpApprovals.Result(approval: approval, recorded: true, indicators: lines.count, counts: counts)
    }
}
