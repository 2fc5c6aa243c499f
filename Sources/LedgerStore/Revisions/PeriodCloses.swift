import Ledger
import SQLite

/// Closing a period once its figures are published (Bild 2 is as of 2024-12-31): no new
/// entry, reversal or amendment may take effect on or before the closed date, until the
/// period is reopened. Both are recorded decisions (`period_closes`), each with who, when
/// and why.
///
/// The closes form a stack: `close --through D` closes through D (a later date than the
/// one closed now); `reopen --through D` lifts every close through D or later, so the ledger
/// is closed through the latest earlier close still in force, or not at all.
public enum PeriodCloses {
    /// The period closed now.
    public struct State: Sendable, Equatable {
        /// Closed through this date (inclusive).
        public let closedThrough: Day
        /// Who closed it, when and why (the close that set this date).
        public let closedBy: String
        public let closedAt: String
        public let reason: String

        /// Why nothing may take effect on `date`, or nil when `date` is after the closed period.
        func refusal(on date: String, what: String) -> String? {
            guard date <= closedThrough.description else { return nil }
            return "the period through \(closedThrough) is closed (by \(closedBy) at \(closedAt): \(reason)); no \(what) "
                + "effective on or before \(closedThrough) may be recorded: reopen it first ('hallbar reopen --through "
                + "\(closedThrough) --reason …')"
        }
    }

    /// One row of `period_closes`.
    struct Row: ChainRow {
        static let table = ChainedTable.periodCloses
        let id: Int64
        let action: String
        let through: String
        let closedThrough: String?
        let reason: String
        let stamp: Stamp

        func write<S: ChainFieldSink>(seq: Int64, to sink: inout S) throws {
            sink.integer(seq)
            sink.integer(id)
            try sink.text(action)
            try sink.text(through)
            try sink.text(closedThrough)
            try sink.text(reason)
            try stamp.write(to: &sink)
        }
    }

    /// The period closed now, or nil.
    static func state(in db: Connection) throws -> State? {
        guard let row = try db.row("SELECT closed_through, closed_by, closed_at, reason FROM period_close_state"),
              let text = row[0].string, let day = try? Day.parse(text) else { return nil }
        return State(closedThrough: day, closedBy: row[1].string ?? "?", closedAt: row[2].string ?? "?", reason: row[3].string ?? "")
    }

    /// Replays the stack of closes: the date closed through after `actions` (nil: none).
    static func replay(_ actions: [(action: String, through: String)]) -> String? {
        var stack: [String] = []
        for (action, through) in actions {
            if action == "close" {
                stack.append(through)
            } else {
                while let top = stack.last, top >= through { stack.removeLast() }
            }
        }
        return stack.last
    }

    /// Every row of `period_closes` in order, with the closed_through stored on it.
    static func rows(in db: Connection) throws -> [(id: Int64, action: String, through: String, closedThrough: String?)] {
        try db.rows("SELECT close_id, action, through, closed_through FROM period_closes ORDER BY close_id").map {
            ($0[0].int64 ?? 0, $0[1].string ?? "", $0[2].string ?? "", $0[3].string)
        }
    }
}

/// What `close` or `reopen` recorded.
public struct CloseResult: Sendable, Equatable {
    /// The date the ledger is closed through now (nil: nothing closed).
    public let closedThrough: Day?
    /// The date the command named.
    public let through: Day
}

extension LedgerWrite {
    /// Closes the period through `through` (YYYY-MM-DD; on or before today, after the date
    /// closed now), with `reason`.
    /// - Throws: `ImportFailure` naming the option for a bad date, an empty reason, a date
    ///   not after the closed one or in the future.
    public func close(through text: String, reason: String) throws -> CloseResult {
        let day = try Options.day(text, option: "through")
        let why = try Options.reason(reason)
        if day > Day.today() { throw Options.refusal("through", "\(day) is in the future; close a period that has ended") }
        let rows = try PeriodCloses.rows(in: db)
        let current = PeriodCloses.replay(rows.map { ($0.action, $0.through) })
        if let current, current >= day.description {
            throw Options.refusal("through", "the ledger is already closed through \(current); nothing was recorded")
        }
        try appendClose(action: "close", through: day, closedThrough: day.description, reason: why, id: (rows.last?.id ?? 0) + 1)
        return CloseResult(closedThrough: day, through: day)
    }

    /// Lifts every close through `through` or later, with `reason`.
    /// - Throws: `ImportFailure` for a bad date, an empty reason, or nothing closed through that date.
    public func reopen(through text: String, reason: String) throws -> CloseResult {
        let day = try Options.day(text, option: "through")
        let why = try Options.reason(reason)
        let rows = try PeriodCloses.rows(in: db)
        let actions = rows.map { ($0.action, $0.through) }
        guard let current = PeriodCloses.replay(actions), current >= day.description else {
            let now = PeriodCloses.replay(actions).map { "closed through \($0)" } ?? "not closed"
            throw Options.refusal("through", "the ledger is \(now): there is no close through \(day) or later to lift")
        }
        let after = PeriodCloses.replay(actions + [("reopen", day.description)])
        try appendClose(action: "reopen", through: day, closedThrough: after, reason: why, id: (rows.last?.id ?? 0) + 1)
        return CloseResult(closedThrough: after.flatMap { try? Day.parse($0) }, through: day)
    }

    private func appendClose(action: String, through: Day, closedThrough: String?, reason: String, id: Int64) throws {
        try chain.append(PeriodCloses.Row(id: id, action: action, through: through.description, closedThrough: closedThrough,
                                          reason: reason, stamp: stamp))
    }
}

extension LedgerRead {
    /// The period closed now, or nil.
    public func closedPeriod() throws -> PeriodCloses.State? { try PeriodCloses.state(in: db) }
}
