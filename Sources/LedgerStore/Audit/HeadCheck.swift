import Ledger
import SQLite

/// Checks the ledger heads that follow-up approvals recorded (`ledger_head_hash`, computed
/// by `LedgerHead.compute` just before the approval row was inserted) against the ledger
/// as it is now.
///
/// A head is a digest of each chained table's row count and last link at the time. The
/// approvals table's own count is known exactly (the approvals before it). For the other
/// tables the count is not stored, so candidates are taken where the rows' `recorded_at`
/// changes (one command writes one stamp) within `slack` of the approval's own stamp; every
/// combination is tried. When none reproduces the recorded digest, a row that existed at the
/// approval was changed or removed, or its chain was recomputed (docs/chain.md).
struct HeadCheck {
    /// One approval's recorded head.
    struct Recorded {
        let approvalID: Int64
        let year: Int64
        let revision: Int64
        let head: String
        let at: Int64?
        /// The approvals table as the approval saw it: its position and the link before it.
        let approvals: (count: Int64, last: [UInt8])
    }

    /// How far a row's stamp may lie from the approval's and still have been committed on
    /// the other side of it (a stamp is taken before the write lock is).
    static let slackMilliseconds: Int64 = 10 * 60 * 1000
    /// The most candidate counts kept per table and approval.
    static let maxCandidates = 32

    let recorded: [Recorded]
    /// Candidates per approval (index into `recorded`) per table (`ChainedTable.allCases` index).
    private var candidates: [[[(count: Int64, last: [UInt8])]]]
    /// The table being observed.
    private var current: TableCandidates
    private var tableIndex = 0

    /// Reads every approval's recorded head.
    init(db: Connection) throws {
        var recorded: [Recorded] = []
        var last = ChainLink.genesis
        var position: Int64 = 0
        try db.prepare(
            "SELECT approval_id, year, revision, ledger_head_hash, recorded_at, chain_hash FROM followup_approvals ORDER BY approval_id"
        ).forEach { row in
            let at = row.withBytes(4) { HeadCheck.milliseconds($0) }
            recorded.append(Recorded(
                approvalID: row.int64(0), year: row.int64(1), revision: row.int64(2), head: row.text(3) ?? "",
                at: at, approvals: (position, last)))
            last = row.blob(5) ?? []
            position += 1
        }
        self.recorded = recorded
        candidates = Array(repeating: Array(repeating: [], count: ChainedTable.allCases.count), count: recorded.count)
        current = TableCandidates(approvalTimes: recorded.map(\.at))
    }

    /// True when there is nothing to check.
    var isEmpty: Bool { recorded.isEmpty }

    /// When each approval was recorded (nil for a stamp that cannot be read), in `recorded`
    /// order: what `TableCandidates` needs to pick candidates.
    var approvalTimes: [Int64?] { recorded.map(\.at) }

    /// Starts observing a table's rows in chain order.
    mutating func begin(_ table: ChainedTable) {
        tableIndex = ChainedTable.allCases.firstIndex(of: table) ?? 0
        current = TableCandidates(approvalTimes: approvalTimes)
    }

    /// Sees one row (called by `ChainCheck.verify` in the same pass).
    mutating func observe(position: Int64, recordedAt: UnsafeRawBufferPointer, link: UnsafeRawBufferPointer) {
        if recorded.isEmpty { return }
        current.observe(position: position, recordedAt: recordedAt, link: link)
    }

    /// Ends the table: its full length is a candidate too.
    mutating func end(rows: Int64) {
        end(rows: rows, observed: current)
    }

    /// Ends the table with candidates observed elsewhere (the parallel chain pass, whose
    /// chunks' candidates were joined in chain order) instead of through `observe`.
    mutating func end(rows: Int64, observed: TableCandidates) {
        if recorded.isEmpty { return }
        var table = observed
        table.end(rows: rows)
        for index in recorded.indices { candidates[index][tableIndex] = table.found[index] }
    }

    /// One finding per approval whose head no combination of candidates reproduces.
    func findings() -> [Finding] {
        let approvalsIndex = ChainedTable.allCases.firstIndex(of: .followupApprovals) ?? 0
        var result: [Finding] = []
        for (index, approval) in recorded.enumerated() {
            var perTable = candidates[index]
            perTable[approvalsIndex] = [approval.approvals]
            if !HeadCheck.reproduces(approval.head, perTable) {
                result.append(Finding(.head, "follow-up approval \(approval.approvalID) (year \(approval.year), revision \(approval.revision)) "
                    + "recorded the ledger head \(approval.head), which the ledger can no longer reproduce: "
                    + "a row recorded before the approval was changed or removed, or a chain was recomputed"))
            }
        }
        return result
    }

    /// True when some choice of one candidate per table gives `head`.
    static func reproduces(_ head: String, _ perTable: [[(count: Int64, last: [UInt8])]]) -> Bool {
        var choice: [(count: Int64, last: [UInt8])] = []
        func search(_ table: Int) -> Bool {
            if table == perTable.count { return LedgerHead.digest(choice) == head }
            for candidate in perTable[table] {
                choice.append(candidate)
                defer { choice.removeLast() }
                if search(table + 1) { return true }
            }
            return false
        }
        return search(0)
    }

    /// Milliseconds since 0000-03-01 of a `YYYY-MM-DDTHH:MM:SS.SSSZ` stamp (only
    /// differences matter), or nil for anything else.
    static func milliseconds(_ text: UnsafeRawBufferPointer) -> Int64? {
        guard text.count >= 19 else { return nil }
        func number(_ start: Int, _ length: Int) -> Int64? {
            var value: Int64 = 0
            for offset in start..<(start + length) {
                let byte = text[offset]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int64(byte - 0x30)
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2) else { return nil }
        let millis = text.count >= 23 ? number(20, 3) ?? 0 : 0
        // Days from civil (H. Hinnant), counted from 0000-03-01.
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra
        return ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millis
    }
}

/// The candidates of one table for every approval: the row counts (with the link of the
/// last counted row) at which the table could have stood when the approval was recorded.
/// A count is a candidate for an approval at T when the row before it was stamped no later
/// than T + slack and the row after it no earlier than T − slack, and only where the rows'
/// `recorded_at` changes (one command writes one stamp); the first `maxCandidates` are kept.
///
/// It sees a table's rows in chain order, either all of them, or (for the parallel chain
/// pass) one range of them starting after a known row; the ranges' candidates are then
/// joined in order with `append(_:after:)`, which gives exactly what one pass would.
struct TableCandidates: Sendable {
    /// Each approval's stamp in milliseconds (nil: not readable, so every count fits).
    let approvalTimes: [Int64?]
    /// Per approval, the candidates found so far, in chain order; counts are relative to
    /// the first row this value saw.
    private(set) var found: [[(count: Int64, last: [UInt8])]]
    /// True once a row before the next one exists (seen, or given at the start of a range).
    private var hasPrevious = false
    private var previousAt: Int64?
    private var previousStamp: [UInt8] = []
    private var previousLink: [UInt8] = ChainLink.genesis

    /// Starts at the first row of a table.
    init(approvalTimes: [Int64?]) {
        self.approvalTimes = approvalTimes
        found = Array(repeating: [], count: approvalTimes.count)
    }

    /// Starts after a row that is not observed itself: the `recorded_at` bytes and the
    /// stored link of the row just before a range of the table.
    init(approvalTimes: [Int64?], afterRowStamped recordedAt: UnsafeRawBufferPointer, link: UnsafeRawBufferPointer) {
        self.init(approvalTimes: approvalTimes)
        hasPrevious = true
        previousAt = HeadCheck.milliseconds(recordedAt)
        previousStamp = Array(recordedAt)
        if link.count == SHA256.digestByteCount { previousLink = Array(link) }
    }

    /// Sees the next row; `position` counts the rows this value saw before it.
    mutating func observe(position: Int64, recordedAt: UnsafeRawBufferPointer, link: UnsafeRawBufferPointer) {
        if approvalTimes.isEmpty { return }
        let at = HeadCheck.milliseconds(recordedAt)
        if !hasPrevious || !recordedAt.elementsEqual(previousStamp) {
            consider(count: position, before: hasPrevious ? previousAt : nil, after: at)
            previousStamp = Array(recordedAt)
        }
        hasPrevious = true
        previousAt = at
        // Overwrites the kept link in place: no allocation per row.
        if link.count == SHA256.digestByteCount {
            previousLink.withUnsafeMutableBytes { $0.copyMemory(from: link) }
        }
    }

    /// Ends the table, `rows` long: its full length is a candidate too.
    mutating func end(rows: Int64) {
        if approvalTimes.isEmpty { return }
        if rows == 0 {
            for index in found.indices { found[index].append((0, ChainLink.genesis)) }
        } else {
            consider(count: rows, before: previousAt, after: nil)
        }
    }

    /// Appends the candidates of the range that follows, which started after this value's
    /// last row; `rows` is how many rows this value's counts are behind the range's.
    mutating func append(_ next: TableCandidates, after rows: Int64) {
        for index in found.indices {
            for candidate in next.found[index] where found[index].count < HeadCheck.maxCandidates {
                found[index].append((candidate.count + rows, candidate.last))
            }
        }
        if next.hasPrevious {
            hasPrevious = true
            previousAt = next.previousAt
            previousStamp = next.previousStamp
            previousLink = next.previousLink
        }
    }

    private mutating func consider(count: Int64, before: Int64?, after: Int64?) {
        for (index, at) in approvalTimes.enumerated() where found[index].count < HeadCheck.maxCandidates {
            var fitsBefore = true, fitsAfter = true
            if let at {
                if hasPrevious, let before { fitsBefore = before <= at + HeadCheck.slackMilliseconds }
                if let after { fitsAfter = after >= at - HeadCheck.slackMilliseconds }
            }
            if fitsBefore && fitsAfter {
                found[index].append((count, hasPrevious ? previousLink : ChainLink.genesis))
            }
        }
    }
}
