import Ledger
import SQLite

/// The heads follow-up approvals recorded: each approval's `ledger_head_hash` must be the
/// link of row `ledger_head_seq`, the row just before the approval's frozen statuses, which
/// come right before the approval row. So a row recorded before an approval cannot be
/// changed, removed or linked anew without the approval saying so — even if every link
/// after it was recomputed, as long as the approval row itself was left as it was.
///
/// Approvals recorded before schema 0004 hold a head of the old format (`ledger_head_seq`
/// NULL); the migration checked the old chains before linking them into the new one.
struct ApprovalHeads {
    struct Recorded {
        let id: Int64
        let year: Int64
        let revision: Int64
        let seq: Int64
        let head: String
        let headSeq: Int64
        let statuses: Int64
        let firstStatusSeq: Int64?
    }

    let recorded: [Recorded]

    init(db: Connection) throws {
        recorded = try db.prepare("""
            SELECT a.approval_id, a.year, a.revision, a.seq, a.ledger_head_hash, a.ledger_head_seq,
                   (SELECT count(*) FROM followup_approved_statuses s WHERE s.approval_id = a.approval_id),
                   (SELECT min(s.seq) FROM followup_approved_statuses s WHERE s.approval_id = a.approval_id)
            FROM followup_approvals a WHERE a.ledger_head_seq IS NOT NULL ORDER BY a.seq
            """).rows().map { row in
            Recorded(id: row[0].int64 ?? 0, year: row[1].int64 ?? 0, revision: row[2].int64 ?? 0, seq: row[3].int64 ?? 0,
                     head: row[4].string ?? "", headSeq: row[5].int64 ?? 0, statuses: row[6].int64 ?? 0, firstStatusSeq: row[7].int64)
        }
    }

    /// The seqs whose stored links the chain pass must report.
    var watched: Set<Int64> { Set(recorded.map(\.headSeq)) }

    /// One finding per approval whose recorded head the ledger no longer reproduces.
    func findings(watched links: [Int64: [UInt8]]) -> [Finding] {
        var result: [Finding] = []
        for approval in recorded {
            let name = "follow-up approval \(approval.id) (year \(approval.year), revision \(approval.revision))"
            let expectedHeadSeq = approval.seq - approval.statuses - 1
            if approval.headSeq != expectedHeadSeq || (approval.statuses > 0 && approval.firstStatusSeq != approval.headSeq + 1) {
                result.append(Finding(.head, "\(name) records the head of row \(approval.headSeq), but its \(approval.statuses) frozen "
                    + "statuses and its own row (seq \(approval.seq)) do not follow that row directly: rows were moved or put in"))
                continue
            }
            let stored = approval.headSeq == 0 ? ChainLink.genesis : links[approval.headSeq]
            if stored == nil || ChainHead.parseLink(approval.head) != stored {
                result.append(Finding(.head, "\(name) recorded the ledger head \(approval.head) (row \(approval.headSeq)), which the "
                    + "ledger no longer reproduces: a row recorded before the approval was changed or removed, or the chain was "
                    + "linked anew"))
            }
        }
        return result
    }
}
