import Ledger
import SQLite

/// The committee's approval of a year's follow-up: freezing the statuses, and reading them back.
public enum FollowUpApprovals {
    /// The rule the statuses were computed by, stored with every approval.
    public static let ruleVersion = "domain.md 2025 rules v1"

    /// What an approval recorded.
    public struct Result: Sendable, Hashable {
        /// The approval as stored.
        public let approval: FollowUpApproval
        /// How many indicator statuses were frozen.
        public let indicators: Int
        /// The counts of the frozen statuses.
        public let counts: FollowUpStatusCounts
    }

    /// Freezes the statuses of `year` as the rule gives them now, in one `BEGIN IMMEDIATE`
    /// transaction: a `followup_approvals` row (revision = the year's previous maximum + 1,
    /// `ledger_head_hash` = the ledger head before this row, linked by `ChainWriter`) and one
    /// `followup_approved_statuses` row per indicator under follow-up.
    ///
    /// - Throws: `ReportError.nothingToApprove` when no indicator is under follow-up;
    ///   `ReportError.unreadableStoredValue`; `SQLiteError` (busy, constraint).
    public static func approve(year: Int, on date: Day, stamp: Stamp, note: String? = nil, in db: Connection) throws -> Result {
        try db.inTransaction(.immediate) {
            let report = try FollowUpQuery.report(year: year, in: db)
            let lines = report.projects.flatMap { project in project.indicators.map { (project.number, $0) } }
            guard !lines.isEmpty else { throw ReportError.nothingToApprove(year: year) }
            let head = try LedgerHead.compute(in: db)
            let revision = (try db.scalarInt("SELECT max(revision) FROM followup_approvals WHERE year = ?", [year]) ?? 0) + 1
            let id = try ChainedTable.followupApprovals.nextID(in: db)
            var writer = try ChainWriter(.followupApprovals, in: db)
            try writer.insert([
                .integer(id), .integer(Int64(year)), .integer(revision), .text(date.description), .text(ruleVersion),
                .text(head), note.map(SQLValue.text) ?? .null, .text(stamp.at), .text(stamp.by),
            ])
            let insert = try db.cached("""
                INSERT INTO followup_approved_statuses (approval_id, indicator_id, project_number, baseline_text,
                    previous_text, value_text, target_text, status, target_year_passed_unmet)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (project, line) in lines {
                let record = line.currentRecord
                try insert.run([id, line.id, project, record.baseline, record.previous, record.value, record.targetText,
                                record.status.rawValue, record.targetYearPassedUnmet])
            }
            let approval = FollowUpApproval(
                id: id, year: year, revision: Int(revision), approvedOn: date.description, recordedBy: stamp.by,
                recordedAt: stamp.at, ruleVersion: ruleVersion, ledgerHeadHash: head, note: note)
            return Result(approval: approval, indicators: lines.count, counts: FollowUpStatusCounts(lines.map { $0.1.current.status }))
        }
    }

    /// The latest revision of `year`'s approval, or `nil` when the year is not approved.
    /// - Throws: `SQLiteError`.
    public static func latest(year: Int, in db: Connection) throws -> FollowUpApproval? {
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
    public static func frozenStatuses(approvalID: Int64, in db: Connection) throws -> [String: FrozenIndicatorStatus] {
        var result: [String: FrozenIndicatorStatus] = [:]
        try db.cached("""
            SELECT indicator_id, baseline_text, previous_text, value_text, target_text, status, target_year_passed_unmet
            FROM followup_approved_statuses WHERE approval_id = ?
            """).forEach([approvalID]) { row in
            let id = row.text(0) ?? ""
            guard let status = row.text(5).flatMap(FollowUpStatus.init(rawValue:)) else {
                throw ReportError.unreadableStoredValue(what: "approved status of \(id)", detail: "unknown status \(row.text(5) ?? "NULL")")
            }
            result[id] = FrozenIndicatorStatus(
                baseline: row.text(1), previous: row.text(2), value: row.text(3), targetText: row.text(4),
                status: status, targetYearPassedUnmet: row.int64(6) == 1)
        }
        return result
    }
}
